"""Every label comes out of the SVG as exactly the text a person wrote.

The WebAssembly Graphviz draws the node's id instead of a malformed label, silently, so
these tests look for each label's exact text among the SVG's <text> elements.
"""

from __future__ import annotations

import pytest
from graphs import all_nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from pictures import draw_ops as draw
from pictures import svg_texts

from autograd_scalar import Value

AWKWARD = [
    "a<b",
    "{x}",
    "p|q",
    "C:\\tmp",
    '"quoted"',
    "<lambda>",
    "∂ℓ/∂W1",
    "σ₁",
    "it's",
    "a&b",
    "&amp;",
    "&lt;",
    "x\\n",
    "\\N",
    "end\\",
    'a\\"b',
    "]]>",
    "-",
    "<<b>bold</b>>",
]


# Each changes the direction of the text around it (U+202E: right to left from here on).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

pytestmark = pytest.mark.usefixtures("no_system_graphviz")


def chain(labels: list[str]) -> Value:
    total = Value(1.0, labels[0])
    for label in labels[1:]:
        total = (total * Value(0.5, label)).labelled(label + " out")
    return total


@pytest.mark.parametrize("label", AWKWARD)
def test_an_awkward_label_appears_as_written(label):
    x = Value(2.0, label)
    y = (x * 3.0).labelled(label + "!")
    y.backward()
    texts = svg_texts(draw(y).svg())
    assert label in texts and label + "!" in texts


def test_awkward_labels_in_titles_groups_and_edge_formulas():
    root = chain(AWKWARD)
    root.backward()
    leaves = [n for n in all_nodes(root) if n.op is None]
    groups = {"group " + label: [leaf] for label, leaf in zip(AWKWARD, leaves, strict=True)}
    drawing = draw(root, clusters=groups, show_partials=True, title="title " + AWKWARD[0])
    texts = svg_texts(drawing.svg())
    assert "title a<b" in texts
    for label in AWKWARD:
        assert label in texts
        assert "group " + label in texts
    # The edge into each product carries the other factor's label: ∂(a·b)/∂a = b.
    for label in AWKWARD[1:]:
        assert f"{label} = 0.5" in texts


def test_whitespace_reads_as_single_spaces_and_control_characters_are_marked():
    x = Value(1.0, "two  spaces\tand\nlines")
    y = (x + Value(2.0, "bell\x07") + Value(3.0, "not\ufffe")).labelled("y")
    texts = svg_texts(draw(y).svg())
    assert "two spaces and lines" in texts
    assert "bell\ufffd" in texts and "not\ufffd" in texts


# Labels as people type them: any printable text, single-spaced and not blank (and no
# bidirectional control, which is shown as U+FFFD: see below).
printable = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cn"), blacklist_characters=BIDI_CONTROLS),
    min_size=1,
    max_size=12,
).map(lambda s: " ".join(s.split()))


@settings(max_examples=40, deadline=None)
@given(st.lists(printable.filter(bool), min_size=2, max_size=4, unique=True))
def test_any_printable_label_appears_exactly(labels):
    texts = svg_texts(draw(chain(labels)).svg())
    for label in labels:
        assert label in texts


def test_a_bidirectional_control_in_a_label_cannot_reorder_the_picture_or_the_page():
    x = Value(2.0, "x")
    w = Value(3.0, "W1\u202e")  # right-to-left override: drew "W12 =" for "W1 · 2 ="
    h = (w * x * 2.0).labelled("h\u2067")
    out = (h + Value(1.0, "b\u200f")).labelled("out")
    out.backward()
    for drawing in (draw(out), draw(out, view="equations")):
        svg, page = drawing.svg(), drawing.html()
        assert not set(BIDI_CONTROLS) & (set(svg) | set(page))
        texts = svg_texts(svg)
        assert "W1\ufffd" in " ".join(texts) and "b\ufffd" in " ".join(texts)


def test_a_label_with_a_lone_surrogate_is_drawn_and_saved_as_every_kind_of_file(tmp_path):
    x = Value(2.0, "a\ud800")  # a label Python holds but no file can
    y = (x * 3.0).labelled("y\udcff")
    y.backward()
    for name in ("graph.svg", "graph.html", "graph.dot"):
        saved = draw(y).save(tmp_path / name).read_text(encoding="utf-8")
        assert "a\ufffd" in saved and "y\ufffd" in saved, name
