"""The L-layer half of the two-layer document: ReLU hidden layers, a sigmoid output.

A 2-3-2-1 network over the course's m = 4 examples (chosen here, as the document gives
no numbers): W1, b1 as in the two-layer network; W2 = [[0.6, −0.5, 0.3], [−0.2, 0.4, 0.9]],
b2 = (0.1, −0.3); W3 = [[0.7, −0.8]], b3 = 0.05. Here: the network, what the document
says of ReLU and of layer l, and the course's backward formulas for layer l (which the
document's text does not contain).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..check.network import Builder, Network, points
from ..core.gradients import grad
from ..core.value import Value
from .claims import AT_VALUES, Claim, Found, Variant
from .course import (
    DATA,
    EXAMPLES,
    FIRST_LAYER,
    PER_COST,
    PER_EXAMPLE,
    M,
    cross_entropy_cost,
    formula_claim,
    of_cost,
    per_example,
)
from .layered import build_layers

DEEP = (2, 3, 2, 1)
DEEP_VALUES = {
    **DATA,
    **FIRST_LAYER,
    "W2[1,1]": 0.6,
    "W2[1,2]": -0.5,
    "W2[1,3]": 0.3,
    "W2[2,1]": -0.2,
    "W2[2,2]": 0.4,
    "W2[2,3]": 0.9,
    "b2[1]": 0.1,
    "b2[2]": -0.3,
    "W3[1,1]": 0.7,
    "W3[1,2]": -0.8,
    "b3[1]": 0.05,
}
LAST = len(DEEP) - 1


def build_deep(values: Mapping[str, float] = DEEP_VALUES) -> Network:
    """The L-layer network (ReLU hidden layers), 2-3-2-1, over the m examples; root J."""
    return build_layers(values, DEEP, "relu", M)


DEEP_NETWORK = Variant("the L-layer network (ReLU, 2-3-2-1)", build_deep, DEEP_VALUES)


cost = cross_entropy_cost(
    LAST, "J as line 62 writes it: −(1/m) Σ (y(i) log a[L](i) + (1 − y(i)) log(1 − a[L](i)))."
)


def relu_slopes(net: Network) -> list[float]:
    """∂A/∂Z over every hidden unit and example: the values relu' takes in the network."""
    return sorted(
        {
            grad(node, net.nodes["Z" + label[1:]])
            for label, node in net.nodes.items()
            if label[:1] == "A" and not label.startswith(f"A{LAST}[")
        }
    )


def one_constant(net: Network) -> Found:
    """Whether relu' takes one value over the network (the literal reading of line 50)."""
    slopes = relu_slopes(net)
    shown = ", ".join(f"{s:g}" for s in slopes)
    phrase = "relu' takes one value" if len(slopes) == 1 else f"relu' takes {len(slopes)} values"
    detail = f"∂A/∂Z over every hidden unit and example: {shown}"
    return Found(phrase, tuple(slopes), detail, f"the values relu' takes, {AT_VALUES}")


def constant_each_side(build: Builder, values: Mapping[str, float]) -> Found:
    """Whether relu' is one constant for Z > 0 and one for Z < 0 (over many points)."""
    above: set[float] = set()
    below: set[float] = set()
    for point in points(values, 20):
        net = build(point)
        for label, node in net.nodes.items():
            if label[:1] == "A" and not label.startswith(f"A{LAST}["):
                z = net.nodes["Z" + label[1:]]
                (above if z.data > 0 else below).add(grad(node, z))
    phrase = (
        "relu' is constant on each side of 0"
        if len(above) == len(below) == 1
        else "relu' is not constant on each side of 0"
    )
    return Found(
        phrase,
        (*sorted(below), *sorted(above)),
        f"relu' for Z < 0: {sorted(below)}; for Z > 0: {sorted(above)}, at 21 points",
        "the values relu' takes below and above 0, over 21 points",
    )


def not_linear(build: Builder, values: Mapping[str, float]) -> Found:
    """Whether relu(a + b) = relu(a) + relu(b) fails for some a, b (engine Values)."""
    grid = [-1.5, -0.5, 0.0, 0.7, 2.0]
    broken = [
        (a, b)
        for a in grid
        for b in grid
        if (Value(a) + Value(b)).relu().data != Value(a).relu().data + Value(b).relu().data
    ]
    phrase = "ReLU is not linear" if broken else "ReLU is linear"
    a, b = broken[0] if broken else (0.0, 0.0)
    detail = f"relu(a + b) ≠ relu(a) + relu(b) for {len(broken)} of {len(grid) ** 2} pairs, e.g. a = {a:g}, b = {b:g}"
    return Found(phrase, float(len(broken)), detail)


def linear_parts(build: Builder, values: Mapping[str, float]) -> Found:
    """Whether every Z[l] element is W[l]A[l−1] + b[l], at many points."""
    worst, count = 0.0, 0
    for point in points(values, 20):
        v = {label: node.data for label, node in build(point).nodes.items()}
        for layer in range(1, LAST + 1):
            for j in range(1, DEEP[layer] + 1):
                for i in EXAMPLES:
                    below = [
                        v[f"X[{k}]({i})"] if layer == 1 else v[f"A{layer - 1}[{k}]({i})"]
                        for k in range(1, DEEP[layer - 1] + 1)
                    ]
                    linear = sum(v[f"W{layer}[{j},{k}]"] * a for k, a in enumerate(below, 1))
                    worst = max(worst, abs(v[f"Z{layer}[{j}]({i})"] - linear - v[f"b{layer}[{j}]"]))
                    count += 1
    phrase = (
        "every Z[l] is W[l]A[l−1] + b[l]" if worst < 1e-12 else "some Z[l] is not W[l]A[l−1] + b[l]"
    )
    return Found(
        phrase,
        worst,
        f"{count} elements (every layer, unit and example) at 21 points; largest gap {worst:.2g}",
        f"the largest gap over {count} elements",
    )


LL = 68  # "We want to get (dW[l], db[l] dA[l−1])": where the lost equations stood
LL_QUOTE = "We want to get"

DEEP_COURSE: tuple[Claim, ...] = (
    formula_claim(
        says="dZ[L] = A[L] − Y",
        line=64,
        quote="Then we calculate the backward propagation",
        elements=per_example("dZ", "Z", LAST, DEEP, "relu"),
        reading=PER_EXAMPLE,
        network=DEEP_NETWORK,
    ),
    formula_claim(
        says="dW[l] = (1/m) dZ[l] A[l−1]ᵀ",
        line=LL,
        quote=LL_QUOTE,
        elements=tuple(
            e for layer in range(1, LAST + 1) for e in of_cost("W", layer, DEEP, "relu")
        ),
        reading=PER_COST,
        network=DEEP_NETWORK,
    ),
    formula_claim(
        says="db[l] = (1/m) Σ dZ[l]",
        line=LL,
        quote=LL_QUOTE,
        elements=tuple(
            e for layer in range(1, LAST + 1) for e in of_cost("b", layer, DEEP, "relu")
        ),
        reading=PER_COST,
        network=DEEP_NETWORK,
    ),
    formula_claim(
        says="dA[l−1] = W[l]ᵀ dZ[l]",
        line=LL,
        quote=LL_QUOTE,
        elements=tuple(
            e for layer in range(1, LAST) for e in per_example("dA", "A", layer, DEEP, "relu")
        ),
        reading="dA is ∂L(i)/∂A for one example",
        network=DEEP_NETWORK,
    ),
    formula_claim(
        says="dZ[l] = dA[l] ∗ g'(Z[l])",
        line=LL,
        quote=LL_QUOTE,
        elements=tuple(
            e for layer in range(1, LAST) for e in per_example("dZ", "Z", layer, DEEP, "relu")
        ),
        reading=PER_EXAMPLE + "; relu'(0) = 0, as PyTorch",
        network=DEEP_NETWORK,
    ),
)
