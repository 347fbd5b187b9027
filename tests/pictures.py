"""What the picture, steps, page and browser tests share: the tap-and-knob network with
its document's numbers, its loss written again in plain floats (the oracle), and ways
to read an SVG as a reader sees it."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from typing import Any

import graphs

from autograd_scalar import Value, draw
from autograd_scalar.viz.drawing import Drawing

SVG = "{http://www.w3.org/2000/svg}"
# The document's chosen point (tap-and-knob): inputs, target, weights, biases.
POINT = {
    "X1": 0.6,
    "X2": -0.4,
    "y": 1.0,
    "W1": 0.15,
    "W2": -0.25,
    "W3": 0.35,
    "W4": 0.45,
    "W5": -0.55,
    "W6": 0.65,
    "b1": 0.1,
    "b2": -0.2,
    "b3": 0.05,
}


def tap_and_knob(point: dict[str, float] = POINT, backward: bool = True) -> dict[str, Value]:
    """The 2-2-1 network typed as the document writes it, at its chosen point."""
    return graphs.tap_and_knob(point, backward)


def loss_in_floats(p: dict[str, float]) -> dict[str, float]:
    """Every quantity of the network, from the document's equations, in plain floats."""

    def sigmoid(z: float) -> float:
        return 1 / (1 + math.exp(-z))

    q = dict(p)
    q["Z1"] = p["W1"] * p["X1"] + p["W2"] * p["X2"] + p["b1"]
    q["Z2"] = p["W3"] * p["X1"] + p["W4"] * p["X2"] + p["b2"]
    q["σ1"], q["σ2"] = sigmoid(q["Z1"]), sigmoid(q["Z2"])
    q["Z3"] = p["W5"] * q["σ1"] + p["W6"] * q["σ2"] + p["b3"]
    q["σ3"] = sigmoid(q["Z3"])
    q["ℓ"] = -(1 - p["y"]) * math.log(1 - q["σ3"]) - p["y"] * math.log(q["σ3"])
    return q


def central_difference(name: str, h: float = 1e-6) -> float:
    """∂ℓ/∂name at the document's point, by central differences of the float loss."""
    up, down = dict(POINT), dict(POINT)
    up[name] += h
    down[name] -= h
    return (loss_in_floats(up)["ℓ"] - loss_in_floats(down)["ℓ"]) / (2 * h)


def shown(x: float) -> str:
    """A number as explain and the steps print it: 4 significant digits, a true minus."""
    return f"{x:.4g}".replace("-", "−")


def svg_root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def draw_ops(root: Value, **options: Any) -> Drawing:
    """`draw` in the op view (every op drawn): what most picture tests are about."""
    return draw(root, **{"view": "ops", **options})


def svg_texts(svg: str) -> list[str]:
    """Every piece of text in the SVG, in document order."""
    return [t.text or "" for t in svg_root(svg).iter(f"{SVG}text")]


def box_texts(svg: str) -> dict[str, list[str]]:
    """The lines of text in each node's group, by the group's id."""
    found = {}
    for group in svg_root(svg).iter(f"{SVG}g"):
        if group.get("class") == "node":
            found[group.get("id", "")] = [t.text or "" for t in group.iter(f"{SVG}text")]
    return found


def edge_labels(svg: str) -> list[str]:
    """Each edge's label, its lines joined by spaces."""
    labels = []
    for group in svg_root(svg).iter(f"{SVG}g"):
        if group.get("class") == "edge":
            lines = [t.text or "" for t in group.iter(f"{SVG}text")]
            if lines:
                labels.append(" ".join(lines))
    return labels


def width_points(svg: str) -> float:
    found = re.search(r'<svg width="([\d.]+)pt"', svg)
    assert found, "the SVG gives no width in points"
    return float(found.group(1))


def smallest_text_points(svg: str) -> float:
    sizes = [float(t.get("font-size", "14")) for t in svg_root(svg).iter(f"{SVG}text")]
    return min(sizes)


def pixels_in_column(svg: str, column: float = 1200.0) -> float:
    """The smallest text's height in CSS pixels once the SVG is shown in a column of
    `column` pixels: at natural size (1 pt = 4/3 px), scaled down only when wider."""
    natural = width_points(svg) * 4 / 3
    return smallest_text_points(svg) * 4 / 3 * min(1.0, column / natural)
