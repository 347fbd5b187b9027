"""Graphs that several test files draw and walk."""

from __future__ import annotations

from autograd_scalar import Value


def all_nodes(root: Value) -> list[Value]:
    """Every node of the graph, found by a walk of our own (not the engine's order)."""
    seen: dict[Value, None] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen[node] = None
            stack.extend(node.parents)
    return list(seen)


def first_document_network() -> dict[str, Value]:
    """Two inputs, two sigmoid hidden neurons, one sigmoid output, cross-entropy loss."""
    v = {name: Value(0.1 * k, name) for k, name in enumerate("W1 W2 W3 W4 W5 W6".split(), 1)}
    v.update(X1=Value(0.5, "X1"), X2=Value(0.8, "X2"), y=Value(1.0, "y"))
    v.update(b1=Value(0.25, "b1"), b2=Value(0.45, "b2"), b3=Value(0.15, "b3"))
    v["Z1"] = (v["W1"] * v["X1"] + v["W2"] * v["X2"] + v["b1"]).labelled("Z1")
    v["σ1"] = v["Z1"].sigmoid().labelled("σ1")
    v["Z2"] = (v["W3"] * v["X1"] + v["W4"] * v["X2"] + v["b2"]).labelled("Z2")
    v["σ2"] = v["Z2"].sigmoid().labelled("σ2")
    v["Z3"] = (v["W5"] * v["σ1"] + v["W6"] * v["σ2"] + v["b3"]).labelled("Z3")
    v["σ3"] = v["Z3"].sigmoid().labelled("σ3")
    y, s3 = v["y"], v["σ3"]
    v["loss"] = (-(1 - y) * (1 - s3).log() - y * s3.log()).labelled("loss")
    v["loss"].backward()
    return v
