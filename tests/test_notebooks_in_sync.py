"""Each notebook's `.ipynb` is what jupytext makes from its `.py` twin, with no outputs.

The `.py` files (jupytext percent format) are the readable source; the `.ipynb` files
are generated from them for Jupyter and executed by the test run. A `.ipynb` left
stale after an edit of its `.py`, or committed with outputs, fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jupytext
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SOURCES = sorted([*NOTEBOOKS.glob("*.py"), *NOTEBOOKS.glob("*/*.py")])  # grading/ is a folder
FIX = "regenerate it with `jupytext --update --to ipynb notebooks/{name}.py`"


def _name(source: Path) -> str:
    """The notebook's name under notebooks/ ("perceptron", "grading/grading")."""
    return source.relative_to(NOTEBOOKS).with_suffix("").as_posix()


def _cells(notebook: Any) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def test_there_are_notebooks() -> None:
    assert SOURCES, f"no notebooks/*.py found in {NOTEBOOKS}"


def test_every_ipynb_has_a_py_twin() -> None:
    found = [*NOTEBOOKS.glob("*.ipynb"), *NOTEBOOKS.glob("*/*.ipynb")]
    orphans = [p.name for p in found if not p.with_suffix(".py").exists()]
    assert not orphans, f"{orphans} have no .py twin; write one (jupytext --to py:percent)"


@pytest.mark.parametrize("source", SOURCES, ids=_name)
def test_ipynb_matches_its_py(source: Path) -> None:
    twin = source.with_suffix(".ipynb")
    assert twin.exists(), f"{twin.name} is missing; " + FIX.format(name=_name(source))
    expected = _cells(jupytext.read(source))
    found = _cells(jupytext.read(twin))
    first = next(
        (i for i, pair in enumerate(zip(found, expected, strict=False)) if pair[0] != pair[1]),
        min(len(found), len(expected)),
    )
    assert found == expected, (
        f"{twin.name} differs from {source.name} from cell {first} on; "
        + FIX.format(name=_name(source))
    )


@pytest.mark.parametrize("source", SOURCES, ids=_name)
def test_ipynb_holds_no_outputs(source: Path) -> None:
    twin = source.with_suffix(".ipynb")
    if not twin.exists():
        pytest.skip(f"{twin.name} is missing (reported by test_ipynb_matches_its_py)")
    notebook = jupytext.read(twin)
    executed = [
        i
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
    assert not executed, f"{twin.name}: cells {executed} hold outputs; clear them before committing"
