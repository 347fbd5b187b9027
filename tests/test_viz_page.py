"""The page of a drawing, read as a file: self-contained, hostile labels kept as data,
the controls and hooks the issues name, and the graph it carries for its knobs. What the
page computes from it is tested in a browser (test_browser, test_page_knobs)."""

from __future__ import annotations

import html
import json
import re

import pytest
from graphs import OPAQUE, opaque_network
from pictures import box_texts, svg_texts, tap_and_knob

from autograd_scalar import (
    Value,
    backward_steps,
    draw,
    registered,
    topological_order,
)
from autograd_scalar.formula.javascript import op_javascript

pytestmark = pytest.mark.usefixtures("no_system_graphviz")

HOSTILE = ["a<b", "&amp;", '"q"', "</script><script>window.pwned = 1</script>", "]]>"]


def hostile_graph() -> Value:
    """A small graph whose every node has one of the hostile labels."""
    a, b = Value(0.5, HOSTILE[0]), Value(-1.5, HOSTILE[1])
    c = (a * b).labelled(HOSTILE[2])
    d = (c + a).tanh().labelled(HOSTILE[3])
    out = (d * d).labelled(HOSTILE[4])
    out.backward()
    return out


def data_of(page: str) -> dict:
    found = re.search(r'<script type="application/json" class="ag-data">(.*?)</script>', page, re.S)
    assert found, "the page has no data block"
    return json.loads(found.group(1))


def test_the_page_is_one_file_with_no_external_reference():
    page = draw(tap_and_knob()["ℓ"]).html()
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?:|//[a-z]|\bsrc=|\bhref=|@import|url\((?!#)", page)
    # One picture, and the panel's two plots (drawn by the script).
    assert page.count("<svg") == 3 and page.count('<svg class="ag-svg"') == 1
    assert "<style>" in page and "<script>" in page


def test_the_page_has_its_controls_and_a_box_per_node():
    v = tap_and_knob()
    page = draw(v["ℓ"]).html()
    for name in ("Previous", "Next", "Step", "Run", "Reset"):
        assert re.search(rf'<button type="button" class="ag-[a-z]+">{name}</button>', page)
    assert re.search(r'<p [^>]*role="status"', page)
    assert 'id="explanation"' in page
    assert re.search(r'<svg [^>]*id="loss-plot"[^>]*data-losses="\[\]"', page)
    assert re.search(r'<input [^>]*aria-label="learning rate"', page)
    labels = set(re.findall(r'data-label="([^"]*)"', page))
    assert labels == {n for n in v if n} == {node.label for node in draw(v["ℓ"]).scene.boxes}


def test_the_page_carries_the_graph_as_a_tape_and_its_ops_printed_from_the_table():
    v = tap_and_knob()
    page = draw(v["ℓ"]).html()
    data = data_of(page)
    order = topological_order(v["ℓ"])
    assert data["nodes"]["data"] == [node.data for node in order]
    assert data["nodes"]["label"] == [node.label for node in order]
    assert data["root"] == len(order) - 1
    used = {node.op for node in order if node.op is not None}
    assert sorted(data["ops"]) == sorted(op.name for op in used)
    for op in used:  # each op's math as its record prints it, not written by hand
        assert op_javascript(op) in page
    # The knobs are the labelled leaves; Step trains nothing unless told which are parameters.
    knobs = {data["nodes"]["label"][slot] for slot in data["knobs"]}
    assert knobs == {"X1", "X2", "y", *(f"W{i}" for i in range(1, 7)), "b1", "b2", "b3"}
    assert data["params"] == []
    params = [v[name] for name in ("W1", "b1")]
    again = data_of(draw(v["ℓ"], params=params).html())
    assert {again["nodes"]["label"][slot] for slot in again["params"]} == {"W1", "b1"}


def test_a_node_of_an_op_without_a_definition_keeps_python_numbers_and_its_leaves_are_read_only():
    with registered(OPAQUE):
        v = opaque_network()
        h = v["h"]
        data = data_of(draw(v["out"]).html())
    label = data["nodes"]["label"]
    read_only = {label[int(slot)]: why for slot, why in data["readOnly"].items()}
    assert set(read_only) == {"w", "x"}  # c does not reach softplus: it still turns
    assert "opaque_softplus" in read_only["w"] and "definition" in read_only["w"]
    (fixed,) = data["fixed"].items()
    assert label[int(fixed[0])] == "h" and fixed[1] == [h._da, None]


def test_hostile_labels_stay_data():
    page = draw(hostile_graph()).html()
    # Nowhere does a label reach the page as markup: the only <script> elements are ours.
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "window.pwned" in page  # as data, escaped
    for label in HOSTILE:
        assert f'data-label="{html.escape(label, quote=True)}"' in page
    assert sorted(label for label in data_of(page)["nodes"]["label"] if label) == sorted(HOSTILE)


def test_save_html_and_notebook_representations(tmp_path):
    drawing = draw(tap_and_knob()["ℓ"])
    path = drawing.save(tmp_path / "page.html")
    assert path.read_text(encoding="utf-8") == drawing.html()
    fragment = drawing._repr_html_()
    assert fragment.startswith('<div class="ag-page ag-in-notebook">')
    assert ' id="' not in fragment.split("<svg")[0] and ' id="' not in fragment.split("</svg>")[1]
    assert drawing._repr_svg_().lstrip().startswith("<?xml")


def test_a_page_before_backward_opens_before_it():
    v = tap_and_knob(backward=False)
    drawing = draw(v["ℓ"])
    data = data_of(drawing.html())
    assert data["backward"] is False and data["step"] is None
    assert len(data["drawnSteps"]) == len(backward_steps(v["ℓ"])) > 0
    # Each box has its grad field, blank: somewhere for the steps to write, never a false 0.
    assert all(lines[-1] == "grad" for lines in box_texts(drawing.svg()).values())


def test_a_page_drawn_at_a_step_opens_there_and_its_picture_leaves_the_step_to_the_status_line():
    v = tap_and_knob()
    drawing = draw(v["ℓ"], step=3)
    data = data_of(drawing.html())
    assert data["step"] == 3
    assert "step 3 of" in " ".join(svg_texts(drawing.svg()))  # the picture says it
    page_texts = " ".join(svg_texts(drawing._page_svg()))
    assert "step 3 of" not in page_texts and page_texts.startswith("ℓ = 0.6769")


def test_example_and_render_write_a_page(capsys, tmp_path, documents_judged_once):
    from autograd_scalar.cli import main

    target = tmp_path / "tap.html"
    assert main(["example", "tap-and-knob", "--html", str(target)]) == 0
    assert f"page written to {target}" in capsys.readouterr().out
    assert 'data-label="W1"' in target.read_text(encoding="utf-8")
    other = tmp_path / "perceptron.html"
    assert main(["render", "--document", "perceptron", "--html", str(other)]) == 0
    assert capsys.readouterr().out.strip() == f"page written to {other}"
    assert 'data-label="w1"' in other.read_text(encoding="utf-8")
