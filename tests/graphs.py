"""Graphs that several test files draw and walk."""

from __future__ import annotations

import math

from autograd_scalar import Op, Value, apply, sigmoid

# softplus with only a Python forward: no definition, so no page can compute it.
OPAQUE = Op(
    "opaque_softplus",
    "opaque",
    1,
    forward=lambda a: math.log1p(math.exp(a)),
    partials=lambda a, out: (sigmoid(a),),
    formulas=("σ({a})",),
)


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


def tap_and_knob(
    values: dict[str, float], backward: bool = True, loss: str = "ℓ"
) -> dict[str, Value]:
    """The first document's 2-2-1 network, typed as it writes it, at `values`; its nodes by
    label: Z1 = W1·X1 + W2·X2 + b1, σ1 = σ(Z1), likewise Z2, σ2; Z3 = W5·σ1 + W6·σ2 + b3,
    σ3 = σ(Z3); the loss −(1 − y)·ln(1 − σ3) − y·ln(σ3), labelled `loss`."""
    v = {label: Value(x, label) for label, x in values.items()}
    v["Z1"] = (v["W1"] * v["X1"] + v["W2"] * v["X2"] + v["b1"]).labelled("Z1")
    v["σ1"] = v["Z1"].sigmoid().labelled("σ1")
    v["Z2"] = (v["W3"] * v["X1"] + v["W4"] * v["X2"] + v["b2"]).labelled("Z2")
    v["σ2"] = v["Z2"].sigmoid().labelled("σ2")
    v["Z3"] = (v["W5"] * v["σ1"] + v["W6"] * v["σ2"] + v["b3"]).labelled("Z3")
    v["σ3"] = v["Z3"].sigmoid().labelled("σ3")
    y, s3 = v["y"], v["σ3"]
    v[loss] = (-(1 - y) * (1 - s3).log() - y * s3.log()).labelled(loss)
    if backward:
        v[loss].backward()
    return v


def first_document_network() -> dict[str, Value]:
    """The first document's network at values of the tests' own, its loss called "loss"."""
    values = {name: 0.1 * k for k, name in enumerate("W1 W2 W3 W4 W5 W6".split(), 1)}
    values.update(X1=0.5, X2=0.8, y=1.0, b1=0.25, b2=0.45, b3=0.15)
    return tap_and_knob(values, loss="loss")


def opaque_network(c: float = 1.5) -> dict[str, Value]:
    """out = opaque(w·x)·c, with OPAQUE registered, after backward; its nodes by label."""
    v = {"w": Value(0.5, "w"), "x": Value(2.0, "x"), "c": Value(c, "c")}
    v["h"] = apply(OPAQUE, v["w"] * v["x"]).labelled("h")
    v["out"] = (v["h"] * v["c"]).labelled("out")
    v["out"].backward()
    return v
