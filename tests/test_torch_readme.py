"""The README's "Moving to PyTorch" examples run, each on its own.

They need the torch extra, so they are fenced ```py rather than ```python: the README's
other blocks run everywhere (tests/test_readme_snippets.py), these where torch is. Each
runs in a namespace of its own, in this process, which has imported torch already (a
fresh interpreter would pay some 3 s of CPU to import it again).
"""

from __future__ import annotations

import re

import pytest
from test_readme_snippets import README
from torch_support import needs_torch

needs_torch()

TEXT = README.read_text(encoding="utf-8")
SECTION = TEXT[TEXT.index("## Moving to PyTorch") : TEXT.index("## The command line")]
BLOCK = re.compile(r"^```py\n(.*?)^```", re.S | re.M)


def test_every_py_block_of_the_readme_is_one_of_the_sections_examples():
    assert len(BLOCK.findall(SECTION)) >= 2
    assert BLOCK.findall(TEXT) == BLOCK.findall(SECTION)


@pytest.mark.parametrize("code", BLOCK.findall(SECTION), ids=["a model", "a graph"])
def test_a_pytorch_example_runs_on_its_own(code, capsys):
    exec(compile(code, "README.md (Moving to PyTorch)", "exec"), {"__name__": "__main__"})
