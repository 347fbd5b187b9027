"""The README's "Moving to PyTorch" examples run, each pasted alone into a fresh interpreter.

They need the torch extra, so they are fenced ```py rather than ```python: the README's
other blocks run everywhere (tests/test_readme_snippets.py), these where torch is.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from torch_support import needs_torch

needs_torch()

README = Path(__file__).resolve().parent.parent / "README.md"
TEXT = README.read_text(encoding="utf-8")
SECTION = TEXT[TEXT.index("## Moving to PyTorch") :].split("\n## ", 1)[0]
BLOCK = re.compile(r"^```py\n(.*?)^```", re.S | re.M)


def test_every_py_block_of_the_readme_is_one_of_the_sections_examples():
    assert len(BLOCK.findall(SECTION)) >= 2
    assert BLOCK.findall(TEXT) == BLOCK.findall(SECTION)


@pytest.mark.parametrize(
    "code", BLOCK.findall(SECTION), ids=lambda code: code.splitlines()[-1][:40]
)
def test_a_pytorch_example_runs_pasted_alone_into_a_fresh_interpreter(code, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
