"""The README's "Moving to PyTorch" examples run, each pasted alone into a fresh interpreter.

They need the torch extra, so they are fenced ```py rather than ```python: the README's
other blocks run everywhere (tests/test_readme_snippets.py), these where torch is.
"""

from __future__ import annotations

import pytest
from test_readme_snippets import README, run_alone, standalone_blocks
from torch_support import needs_torch

needs_torch()

TEXT = README.read_text(encoding="utf-8")
START, END = TEXT.index("## Moving to PyTorch"), TEXT.index("## The command line")
BLOCKS = standalone_blocks("py")


def test_every_py_block_of_the_readme_is_one_of_the_sections_examples():
    first_line, last_line = TEXT[:START].count("\n") + 1, TEXT[:END].count("\n") + 1
    assert len(BLOCKS) >= 2 and all(first_line < line < last_line for line, _ in BLOCKS)


@pytest.mark.parametrize(
    ("line", "code"), BLOCKS, ids=lambda x: f"line {x}" if isinstance(x, int) else ""
)
def test_a_pytorch_example_runs_pasted_alone_into_a_fresh_interpreter(line, code, tmp_path):
    done = run_alone(code, tmp_path)
    assert done.returncode == 0, f"README line {line}:\n{done.stderr[-2000:]}"
