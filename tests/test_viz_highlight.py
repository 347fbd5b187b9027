"""Highlighting colours exactly the edges on paths from the output to a parameter, and
`show_partials` writes each edge's local derivative as formula and number."""

from __future__ import annotations

import math
import re

import pytest
from graphs import first_document_network
from pictures import draw_ops as draw
from pictures import svg_texts

from autograd_scalar import Value, topological_order
from autograd_scalar.viz.style import HIGHLIGHT

pytestmark = pytest.mark.usefixtures("no_system_graphviz")


def all_paths(node: Value, target: Value) -> list[list[Value]]:
    """Every path from `node` down to `target`, by brute force (the oracle)."""
    if node is target:
        return [[node]]
    return [[node, *rest] for p in node.parents for rest in all_paths(p, target)]


def highlighted_edges(root: Value, **options) -> set[tuple[Value, Value]]:
    """The (input, result) pairs whose two drawn edges, via the op, are highlighted."""
    order = topological_order(root)  # node ids are positions in this order
    into_op, out_of_op = set(), set()
    for tail, head, attrs in re.findall(
        r"^\s*(\w+) -> (\w+)(.*)$", draw(root, **options).source, re.M
    ):
        if HIGHLIGHT in attrs:
            (into_op if head.startswith("op") else out_of_op).add((tail, head))
    pairs = set()
    for tail, head in into_op:
        result = int(head[2:])
        assert (f"op{result}", f"n{result}") in out_of_op  # the op's own edge too
        pairs.add((order[int(tail[1:])], order[result]))
    ops_lit = {int(tail[2:]) for tail, _ in out_of_op}
    assert ops_lit == {order.index(result) for _, result in pairs}
    return pairs


def on_paths(root: Value, target: Value) -> set[tuple[Value, Value]]:
    return {
        (path[i + 1], path[i]) for path in all_paths(root, target) for i in range(len(path) - 1)
    }


def test_w1_lies_on_one_path_through_the_network_and_only_it_is_lit():
    v = first_document_network()
    loss, w1 = v["loss"], v["W1"]
    paths = all_paths(loss, w1)
    # σ3 feeds both terms of the loss, so the Value graph has two paths; through the
    # document's named nodes they are one and the same.
    named = {tuple(n.label for n in path if n.label) for path in paths}
    assert named == {("loss", "σ3", "Z3", "σ1", "Z1", "W1")}
    lit = highlighted_edges(loss, highlight=w1)
    assert lit == on_paths(loss, w1)
    lit_labels = {n.label for edge in lit for n in edge if n.label}
    assert lit_labels == {"loss", "σ3", "Z3", "σ1", "Z1", "W1"}
    assert "orange: paths to W1" in draw(loss, highlight=w1).source


@pytest.mark.parametrize("name", ["X1", "W5", "b3", "σ2", "y"])
def test_every_edge_on_a_path_and_no_other_is_lit(name):
    v = first_document_network()
    assert highlighted_edges(v["loss"], highlight=v[name]) == on_paths(v["loss"], v[name])


def test_fan_out_lights_all_paths_and_several_targets_light_the_union():
    a, b = Value(0.3, "a"), Value(-1.2, "b")
    square = (a * a).labelled("square")  # `a` enters one op twice
    mixed = (square + a * b).labelled("mixed")
    out = (mixed.tanh() * a + b.exp()).labelled("out")
    out.backward()
    assert len(all_paths(out, a)) == 4
    assert highlighted_edges(out, highlight=a) == on_paths(out, a)
    both = highlighted_edges(out, highlight=[a, b])
    assert both == on_paths(out, a) | on_paths(out, b)


def test_highlighting_a_value_outside_the_graph_is_refused():
    v = first_document_network()
    with pytest.raises(ValueError, match="W9 is not in the graph of loss"):
        draw(v["loss"], highlight=Value(1.0, "W9"))


def test_partials_show_formula_and_number_on_each_input_edge():
    v = first_document_network()
    texts = svg_texts(draw(v["loss"], show_partials=True).svg())
    s1, s3, x1 = v["σ1"].data, v["σ3"].data, v["X1"].data
    # ∂(W1·X1)/∂W1 = X1; ∂σ1/∂Z1 = σ1(1 − σ1); ∂ln σ3/∂σ3 = 1/σ3: computed here by hand.
    assert f"X1 = {x1:.4g}" in texts
    assert f"σ1·(1 − σ1) = {s1 * (1 - s1):.4g}" in texts
    assert f"1/σ3 = {1 / s3:.4g}" in texts
    edges = [t for t in texts if "=" in t and not t.startswith("loss")]
    assert len(edges) >= 6


def test_partials_of_pow_and_unary_ops_fill_in_the_exponent():
    x = Value(1.5, "x")
    y = ((x**3).labelled("c") + x.exp().labelled("e")).labelled("y")
    y.backward()
    texts = svg_texts(draw(y, show_partials=True).svg())
    assert f"3·x² = {3 * 1.5**2:.4g}" in texts
    assert f"e = {math.exp(1.5):.4g}" in texts
