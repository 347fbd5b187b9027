"""The equation view and the op view as a reader sees them: one box per labelled node
with its equation, partials on the edges, readable in a 1,200-pixel column, a font list
with the document's symbols, the op view drawn as written, and backward step by step."""

from __future__ import annotations

import re

import pytest
from pictures import (
    POINT,
    box_texts,
    edge_labels,
    loss_in_floats,
    pixels_in_column,
    svg_root,
    tap_and_knob,
    width_points,
)

from autograd_scalar import Value, backward_steps, documents, draw, topological_order

pytestmark = pytest.mark.usefixtures("no_system_graphviz")
LABELS = [
    "X1",
    "X2",
    "y",
    "W1",
    "W2",
    "W3",
    "W4",
    "W5",
    "W6",
    "b1",
    "b2",
    "b3",
    "Z1",
    "σ1",
    "Z2",
    "σ2",
    "Z3",
    "σ3",
    "ℓ",
]


def joined(lines: list[str]) -> str:
    """A box's first field (its equation, wrapped) read as one line."""
    return "".join(
        line if i == 0 or lines[i - 1].endswith("·") else " " + line for i, line in enumerate(lines)
    )


def test_tap_and_knob_has_one_box_per_labelled_node_with_its_equation():
    v = tap_and_knob()
    boxes = box_texts(draw(v["ℓ"]).svg())
    assert len(boxes) == len(LABELS) <= 25
    texts = {joined(lines[:-1]): lines[-1] for lines in boxes.values()}  # equation: grad
    q = loss_in_floats(POINT)
    # The equations as the document writes them, each with its value and then its grad.
    expected = {
        "Z1 = W1·X1 + W2·X2 + b1": q["Z1"],
        "σ1 = σ(Z1)": q["σ1"],
        "Z3 = W5·σ1 + W6·σ2 + b3": q["Z3"],
        "ℓ = −(1 − y)·log(1 − σ3) − y·log(σ3)": q["ℓ"],
    }
    for equation, value in expected.items():
        written = f"{equation} = {value:.4g}"
        assert written in texts, f"no box reads {written!r}: {sorted(texts)}"
    assert texts[f"W1 = {POINT['W1']:.4g}"] == f"grad {v['W1'].grad:.4g}"


def test_each_edge_carries_its_partial_as_formula_and_number():
    v = tap_and_knob()
    labels = edge_labels(draw(v["ℓ"]).svg())
    q = loss_in_floats(POINT)
    assert f"∂Z1/∂W1 = X1 = {POINT['X1']:.4g}" in labels
    assert f"∂Z3/∂σ1 = W5 = {POINT['W5']:.4g}" in labels
    slope = q["σ1"] * (1 - q["σ1"])
    assert f"∂σ1/∂Z1 = σ1·(1 − σ1) = {slope:.4g}" in labels
    d_sigma3 = (1 - q["y"]) / (1 - q["σ3"]) - q["y"] / q["σ3"]
    assert f"∂ℓ/∂σ3 = (1 − y)/(1 − σ3) − y/σ3 = {d_sigma3:.4g}" in labels
    assert len(labels) == 20  # 5 into each Z, one into each σ, 2 into ℓ


def test_tap_and_knob_reads_at_natural_size_laid_out_inputs_to_loss():
    svg = draw(tap_and_knob()["ℓ"]).svg()
    assert width_points(svg) <= 900
    assert pixels_in_column(svg) >= 10
    centre = {}
    for group in svg_root(svg).iter("{http://www.w3.org/2000/svg}g"):
        texts = [t for t in group.iter("{http://www.w3.org/2000/svg}text")]
        if group.get("class") == "node" and texts:
            centre[(texts[0].text or "").split(" ")[0]] = float(texts[0].get("x", "0"))
    # Inputs and the first layer's parameters on the left, the loss on the right.
    left = [centre[name] for name in ("X1", "X2", "W1", "W2", "W3", "W4", "b1", "b2")]
    assert max(left) < centre["Z1"] < centre["σ1"] < centre["Z3"] < centre["σ3"] < centre["ℓ"]
    assert centre["ℓ"] == max(centre.values())


@pytest.mark.parametrize("name", documents.names())
def test_each_documents_default_picture_reads_in_a_1200_pixel_column(name, results):
    result = results[name]
    svg = draw(result.root).svg()
    assert pixels_in_column(svg) >= 10, f"{name}: {width_points(svg)} pt wide"
    assert len(box_texts(svg)) <= 45


def test_a_loss_over_examples_is_drawn_one_example_at_a_time(results):
    root = results["two-layer"].root
    svg = draw(root).svg()
    texts = [joined(lines) for lines in box_texts(svg).values()]
    assert any(t.startswith("Z1[1](1) =") for t in texts)
    assert not any(t.startswith("Z1[1](2) =") for t in texts)
    assert any(t.startswith("L(2) = ") for t in texts)  # a box, without its inputs
    assert "example 1 of 4" in " ".join(t.text or "" for t in svg_root(svg).iter())
    second = [joined(lines) for lines in box_texts(draw(root, example=2).svg()).values()]
    assert any(t.startswith("Z1[1](2) =") for t in second)
    with pytest.raises(ValueError, match="1 to 4"):
        draw(root, example=5)


def test_the_svg_names_fonts_that_have_the_documents_symbols():
    svg = draw(tap_and_knob()["ℓ"]).svg()
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert families, "the SVG names no font"
    for family in families:
        fonts = [f.strip().strip("'") for f in family.split(",")]
        assert fonts[0] == "DejaVu Sans" and fonts[-1] in ("sans-serif", "serif")
        assert "Times" not in family  # Graphviz's default has no ℓ on a DejaVu-only machine


def test_default_view_equations_for_documents_ops_for_unlabelled_graphs():
    a, b = Value(2.0), Value(-3.0)
    small = (a * b + b**3).tanh()
    small.backward()
    assert "ellipse" in draw(small).source  # the ops are drawn
    assert "ellipse" not in draw(tap_and_knob()["ℓ"]).source
    assert "ellipse" in draw(tap_and_knob()["ℓ"], view="ops").source
    with pytest.raises(ValueError, match="view="):
        draw(small, view="boxes")


def test_the_op_view_draws_what_was_written():
    x, y = Value(0.5, "x"), Value(2.0, "y")
    out = ((1 - y) * (x * 2) + (x - y) + (-x) + x / y).labelled("out")
    out.backward()
    svg = draw(out, view="ops").svg()
    ops = [lines for lines in box_texts(svg).values() if len(lines) == 1]
    symbols = sorted(lines[0] for lines in ops)
    assert symbols == sorted(["1 −", "× 2", "−", "−", "÷", "×", "+", "+", "+"])
    values = [lines for lines in box_texts(svg).values() if len(lines) > 1]
    assert len(values) == 2 + 9  # x and y, and one box per op: no box for 1 or 2


@pytest.mark.parametrize("view", ["equations", "ops"])
def test_a_step_of_backward_fills_the_grads_so_far_and_marks_the_current_node(view):
    v = tap_and_knob(backward=False)
    steps = backward_steps(v["ℓ"], view)
    k = 3
    drawing = draw(v["ℓ"], view=view, step=k)
    svg, source = drawing.svg(), drawing.source
    filled = {v["ℓ"]} | {wrt for step in steps[:k] for wrt in step.changed}
    boxes = drawing.scene.boxes
    texts = box_texts(svg)
    for node, box in boxes.items():
        grad_line = texts[box][-1]
        if node in filled:
            assert re.fullmatch(r"grad -?[\d.e+-]+", grad_line), (node, grad_line)
        else:
            assert grad_line == "grad", (node, grad_line)
    current = boxes[steps[k - 1].node]
    marked = re.findall(r"^\s*(\w+) \[.*color=\"#7b2d8e\"", source, re.M)
    assert marked == [current]
    assert f"step {k} of {len(steps)}:" in " ".join(t.text or "" for t in svg_root(svg).iter())
    with pytest.raises(ValueError, match="step="):
        draw(v["ℓ"], view=view, step=len(steps) + 1)


def test_after_the_last_step_every_grad_is_the_engines():
    v = tap_and_knob()
    steps = backward_steps(v["ℓ"])
    drawing = draw(v["ℓ"], step=len(steps))
    texts = box_texts(drawing.svg())
    for node, box in drawing.scene.boxes.items():
        assert texts[box][-1] == f"grad {node.grad:.4g}"


def test_a_long_folded_sum_is_spelled_out_in_its_equation(results):
    result = results["perceptron"]
    texts = [joined(lines) for lines in box_texts(draw(result.root).svg()).values()]
    cost = next(t for t in texts if t.startswith("C ="))
    assert cost.startswith("C = ((y_1 − ŷ_1)² + (y_2 − ŷ_2)² + (y_3 − ŷ_3)² + (y_4 − ŷ_4)²)·0.25")
    assert "#" not in cost


def test_every_labelled_node_of_each_document_has_a_box(results):
    for name in ("tap-and-knob", "relu-network"):
        root = results[name].root
        drawing = draw(root)
        labelled = {n for n in topological_order(root) if n.label}
        assert labelled <= set(drawing.scene.boxes)
