"""Every Python block of the README that is not a `>>>` session runs on its own, pasted
into a fresh interpreter (the `>>>` sessions run in order as the README's doctest)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def standalone_blocks() -> list[tuple[int, str]]:
    """(line number, code) of each ```python block that is not a >>> session."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        code = match.group(1)
        if not any(line.startswith(">>>") for line in code.splitlines()):
            found.append((text[: match.start()].count("\n") + 1, code))
    return found


def test_the_readme_has_standalone_blocks_to_run():
    assert len(standalone_blocks()) >= 3


@pytest.mark.usefixtures("no_system_graphviz")
@pytest.mark.parametrize(
    ("line", "code"), standalone_blocks(), ids=lambda x: f"line {x}" if isinstance(x, int) else ""
)
def test_a_readme_block_runs_pasted_alone_into_a_fresh_interpreter(line, code, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"README line {line}:\n{done.stderr[-2000:]}"
