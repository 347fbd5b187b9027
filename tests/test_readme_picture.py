"""The README's figure is drawn from the README's own session, with its numbers.

The session at the top of the README is run here as written (its `>>>` lines), then
drawn as the README says; the committed figure must be exactly that picture. To make
it again after a change to the pictures: `python tests/test_readme_picture.py`.
"""

from __future__ import annotations

import doctest
import unicodedata
from pathlib import Path

import pytest
from pictures import box_texts

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
FIGURE = HERE.parent / "notebooks" / "figures" / "tap-and-knob.svg"
SECTION = "## Five minutes: check a derivation"


def readme_session() -> dict:
    """The names that the README's first session defines, after running it."""
    text = README.read_text(encoding="utf-8")
    block = text[text.index(SECTION) :].split("```python", 1)[1].split("```", 1)[0]
    names: dict = {}
    for example in doctest.DocTestParser().get_examples(block):
        exec(compile(example.source, "README.md", "exec"), names)  # the README's own code
    return names


def figure_svg() -> str:
    """The figure as the README says it is made: `draw(ℓ, highlight=W1)`."""
    names = readme_session()
    loss = names[unicodedata.normalize("NFKC", "ℓ")]  # Python reads the name ℓ as l
    return names["draw"](loss, highlight=names["W1"]).svg()


@pytest.mark.usefixtures("no_system_graphviz")
def test_readme_figure_is_drawn_from_the_readmes_session():
    fresh = figure_svg()
    assert fresh == FIGURE.read_text(encoding="utf-8"), (
        "the README's figure is stale: run `python tests/test_readme_picture.py`"
    )


def test_readme_figure_shows_the_numbers_the_session_prints():
    text = README.read_text(encoding="utf-8")
    assert "Value(W1=0.1, grad=-0.01465)" in text  # what the session prints for W1
    boxes = box_texts(FIGURE.read_text(encoding="utf-8"))
    assert ["W1 = 0.1", "grad -0.01465"] in boxes.values()
    assert "notebooks/figures/tap-and-knob.svg" in text


if __name__ == "__main__":
    FIGURE.write_text(figure_svg(), encoding="utf-8")
    print(f"written: {FIGURE}")
