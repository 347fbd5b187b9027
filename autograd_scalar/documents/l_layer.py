"""The L-layer half of the two-layer document: ReLU hidden layers, a sigmoid output.

A 2-3-2-1 network over the course's m = 4 examples: W1, b1 as in the two-layer
network; W2 = [[0.6, −0.5, 0.3], [−0.2, 0.4, 0.9]], b2 = (0.1, −0.3);
W3 = [[0.7, −0.8]], b3 = 0.05. Its claims: the course's backward formulas for layer l,
its cost, its update rule, and the page's word on ReLU's derivative.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..core.grad import grad
from .claims import Claim
from .course import (
    DATA,
    EXAMPLES,
    FIRST_LAYER,
    PER_COST,
    PER_EXAMPLE,
    M,
    formula_claim,
    of_cost,
    per_example,
)
from .layered import build_layers
from .network import Network

DEEP = (2, 3, 2, 1)
LL = "L layer propagation: backward propagation"
DEEP_VALUES = {**DATA, **FIRST_LAYER, "W2[1,1]": 0.6, "W2[1,2]": -0.5, "W2[1,3]": 0.3,
               "W2[2,1]": -0.2, "W2[2,2]": 0.4, "W2[2,3]": 0.9, "b2[1]": 0.1, "b2[2]": -0.3,
               "W3[1,1]": 0.7, "W3[1,2]": -0.8, "b3[1]": 0.05}  # fmt: skip


def build_deep(values: Mapping[str, float] = DEEP_VALUES) -> Network:
    """The L-layer network (ReLU hidden layers), 2-3-2-1, over the m examples; root J."""
    return build_layers(values, DEEP, "relu", M)


def _cost(v: Mapping[str, float]) -> float:
    last = len(DEEP) - 1
    total = sum(v[f"Y({i})"] * math.log(v[f"A{last}[1]({i})"])
                + (1 - v[f"Y({i})"]) * math.log(1 - v[f"A{last}[1]({i})"]) for i in EXAMPLES)  # fmt: skip
    return -total / M


def _relu_slopes(net: Network) -> str:
    slopes = sorted({grad(node, net.nodes["Z" + label[1:]]) for label, node in net.nodes.items()
                     if label[:1] == "A" and not label.startswith(f"A{len(DEEP) - 1}[")})  # fmt: skip
    if len(slopes) == 1:
        return "relu' takes one value"
    shown = ", ".join(f"{s:g}" for s in slopes)
    return f"relu' takes the values {shown}: constant on each side of 0, not one constant"


def _deep_claims() -> tuple[Claim, ...]:
    last = len(DEEP) - 1
    claims = [
        formula_claim(
            "dZ[L] = A[L] − Y", LL, per_example("dZ", "Z", last, DEEP, "relu"), PER_EXAMPLE
        )
    ]
    for says, name in (("dW[l] = (1/m) dZ[l] A[l−1]ᵀ", "W"), ("db[l] = (1/m) Σ dZ[l]", "b")):
        elements = tuple(
            e for layer in range(1, last + 1) for e in of_cost(name, layer, DEEP, "relu")
        )
        claims.append(formula_claim(says, LL, elements, PER_COST))
    elements = tuple(
        e for layer in range(1, last) for e in per_example("dA", "A", layer, DEEP, "relu")
    )
    claims.append(
        formula_claim("dA[l−1] = W[l]ᵀ dZ[l]", LL, elements, "dA is ∂L(i)/∂A for one example")
    )
    elements = tuple(
        e for layer in range(1, last) for e in per_example("dZ", "Z", layer, DEEP, "relu")
    )
    claims.append(
        formula_claim(
            "dZ[l] = dA[l] ∗ g'(Z[l])", LL, elements, PER_EXAMPLE + "; relu'(0) = 0, as PyTorch"
        )
    )
    claims.append(Claim("rule", "update our parameters using gradient descent", LL, -1.0, "J"))
    claims.append(Claim("definition", "J = −(1/m) Σ (y(i) log a[L](i) + (1 − y(i)) log(1 − a[L](i)))",
                        "L layer propagation: the cost", _cost, "J", correct_text=""))  # fmt: skip
    claims.append(Claim("structure", "the derivative of ReLU is a constant", "L-layer neural network",
                        "relu' takes one value", "J", measure=_relu_slopes,
                        reading="relu' = ∂A/∂Z over every hidden unit and example of the L-layer network"))  # fmt: skip
    return tuple(claims)


DEEP_CLAIMS = _deep_claims()
