"""Op records the tests register: the README's softplus, whole (forward, partial, formula
and definition), written once for every test that needs a registered op."""

import math

from autograd_scalar import Op, sigmoid


def softplus_forward(a: float) -> float:
    return max(a, 0.0) + math.log1p(math.exp(-abs(a)))  # never overflows


SOFTPLUS = Op(
    "softplus",
    "softplus",
    1,
    forward=softplus_forward,
    partials=lambda a, out: (sigmoid(a),),  # a float for floats, a node for Values
    formulas=("σ({a})",),
    definition="log(1 + exp({a}))",
)
