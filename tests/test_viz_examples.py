"""A loss over several examples, drawn so that each example can be followed: a band per
example (in order, its target beside its prediction), the shared parameters once and
outside every band; and, when one example is drawn, backward's steps saying where a sum
that the other examples added to came from."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from pictures import SVG, svg_root, width_points

from autograd_scalar import grad, node_labelled, topological_order
from autograd_scalar.cli.shared import document_drawing

pytestmark = pytest.mark.usefixtures("no_system_graphviz")


def clusters(svg: str) -> dict[str, ET.Element]:
    return {
        (g.find(f"{SVG}text").text or ""): g
        for g in svg_root(svg).iter(f"{SVG}g")
        if g.get("class") == "cluster"
    }


def box_centres(svg: str) -> dict[str, tuple[float, float]]:
    """Each box's first word (its label) and the centre of its first line."""
    found = {}
    for g in svg_root(svg).iter(f"{SVG}g"):
        text = g.find(f"{SVG}text")
        if g.get("class") == "node" and text is not None:
            found[(text.text or "").split(" ")[0]] = (float(text.get("x")), float(text.get("y")))
    return found


def inside(point: tuple[float, float], cluster: ET.Element) -> bool:
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", cluster.find(f"{SVG}path").get("d"))]
    xs, ys = numbers[::2], numbers[1::2]
    return min(xs) <= point[0] <= max(xs) and min(ys) <= point[1] <= max(ys)


def test_the_perceptrons_four_examples_are_drawn_in_bands_with_the_parameters_once(results):
    result = results["perceptron"]
    svg = document_drawing(result).svg()
    bands = clusters(svg)
    titles = [f"example {k} (ŷ_{k})" for k in range(1, 5)]
    assert sorted(bands) == titles
    centres = box_centres(svg)
    for k, title in enumerate(titles, 1):
        own = [f"x{j}_{k}" for j in (1, 2, 3)] + [f"z_{k}", f"ŷ_{k}", f"y_{k}"]
        assert all(inside(centres[name], bands[title]) for name in own), title
        # The target stands beside the prediction it is compared with.
        assert centres[f"y_{k}"][0] == centres[f"ŷ_{k}"][0]
    for shared in ("w1", "w2", "w3", "b", "C"):
        assert not any(inside(centres[shared], band) for band in bands.values()), shared
    # The bands in the examples' order, top to bottom.
    tops = [centres[f"z_{k}"][1] for k in range(1, 5)]
    assert tops == sorted(tops)
    assert width_points(svg) <= 900


def test_a_sum_that_other_examples_added_to_says_where_its_terms_came_from(results):
    result = results["two-layer"]
    root = result.root
    drawing = document_drawing(result)
    steps = drawing._stepped().steps
    lines = [line for step in steps for line in step.lines]
    bias = node_labelled(root, "b2[1]")
    (line,) = [line for line in lines if line.startswith("∂J/∂b2[1] = ")]
    # What examples 2 to 4 hand to b2[1] before example 1's step: ∂J/∂L(k)·∂L(k)/∂b2[1].
    others = sum(0.25 * grad(node_labelled(root, f"L({k})"), bias) for k in (2, 3, 4))
    shown = f"{others:.4g}".replace("-", "−")
    assert line.startswith(f"∂J/∂b2[1] = {shown} (from L(2), L(3), L(4)) + ∂J/∂Z2[1](1) · ")
    # A sum of example 1's own terms alone names nothing.
    assert not any("(from" in line for line in lines if line.startswith("∂J/∂X[1](1)"))
    assert sum("(from L(2), L(3), L(4))" in line for line in lines) == len(
        [p for p in result.parameters if node_labelled(root, p) in topological_order(root)]
    )
