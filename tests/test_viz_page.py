"""The page of a drawing, read as a file: self-contained, hostile labels kept as data,
the controls and landmarks the issue names, and the numbers of backward_steps."""

from __future__ import annotations

import html
import json
import re

import pytest
from pictures import box_texts, tap_and_knob

from autograd_scalar import Value, backward_steps, draw, explain

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
    assert not re.search(r"https?:|//[a-z]|\bsrc=|\bhref=|@import|url\(", page)
    assert page.count("<svg") == 1 and "<style>" in page and "<script>" in page


def test_the_page_has_its_controls_and_a_box_per_node():
    v = tap_and_knob()
    page = draw(v["ℓ"]).html()
    assert '<button type="button" class="ag-previous">Previous</button>' in page
    assert '<button type="button" class="ag-next">Next</button>' in page
    assert re.search(r'<p [^>]*role="status"', page)
    assert 'id="explanation"' in page
    labels = set(re.findall(r'data-label="([^"]*)"', page))
    assert labels == {n for n in v if n} == {node.label for node in draw(v["ℓ"]).scene.boxes}


def test_the_page_holds_each_step_and_each_explanation_of_the_engine():
    v = tap_and_knob()
    data = data_of(draw(v["ℓ"]).html())
    steps = backward_steps(v["ℓ"])
    assert [s["status"] for s in data["steps"]] == [
        f"step {k} of {len(steps)}: " + "\n".join(step.lines) for k, step in enumerate(steps, 1)
    ]
    by_label = {box["label"]: box["explanation"] for box in data["boxes"]}
    assert by_label["W1"] == str(explain(v["ℓ"], v["W1"]))
    assert by_label["X2"] == str(explain(v["ℓ"], v["X2"]))


def test_hostile_labels_stay_data():
    page = draw(hostile_graph()).html()
    # Nowhere does a label reach the page as markup: the only <script> elements are ours.
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "window.pwned" in page  # as data, escaped
    for label in HOSTILE:
        assert f'data-label="{html.escape(label, quote=True)}"' in page
    assert sorted(box["label"] for box in data_of(page)["boxes"]) == sorted(HOSTILE)


def test_save_html_and_notebook_representations(tmp_path):
    drawing = draw(tap_and_knob()["ℓ"])
    path = drawing.save(tmp_path / "page.html")
    assert path.read_text(encoding="utf-8") == drawing.html()
    fragment = drawing._repr_html_()
    assert fragment.startswith('<div class="ag-page">') and ' id="' not in fragment.split("<svg")[0]
    assert drawing._repr_svg_().lstrip().startswith("<?xml")


def test_a_page_before_backward_still_steps_through_it():
    v = tap_and_knob(backward=False)
    drawing = draw(v["ℓ"])
    data = data_of(drawing.html())
    assert len(data["steps"]) == len(backward_steps(v["ℓ"])) > 0
    assert all(box["final"].startswith("grad ") for box in data["boxes"])
    # Each box has its grad field, blank: somewhere for the steps to write, never a false 0.
    assert all(lines[-1] == "grad" for lines in box_texts(drawing.svg()).values())


def test_example_and_render_write_a_page(capsys, tmp_path):
    from autograd_scalar.cli import main

    target = tmp_path / "tap.html"
    assert main(["example", "tap-and-knob", "--html", str(target)]) == 0
    assert f"page written to {target}" in capsys.readouterr().out
    assert 'data-label="W1"' in target.read_text(encoding="utf-8")
    other = tmp_path / "perceptron.html"
    assert main(["render", "--document", "perceptron", "--html", str(other)]) == 0
    assert capsys.readouterr().out.strip() == f"page written to {other}"
    assert 'data-label="w1"' in other.read_text(encoding="utf-8")
