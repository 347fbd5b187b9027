"""Every Python block of the README that is not a `>>>` session runs on its own, pasted
into a fresh interpreter (the `>>>` sessions run in order as the README's doctest)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def standalone_blocks(fence: str = "python") -> list[tuple[int, str]]:
    """(line number, code) of each ```python block (or ```fence) that is not a >>> session."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(rf"^```{fence}\n(.*?)^```", text, re.S | re.M):
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
    done = run_alone(code, tmp_path)
    assert done.returncode == 0, f"README line {line}:\n{done.stderr[-2000:]}"


def run_alone(code: str, folder: Path) -> subprocess.CompletedProcess:
    """`code` run by a fresh interpreter in `folder`."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
