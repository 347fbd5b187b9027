"""The table of operations: one record per op, and nothing else.

Each record holds an op's name, its display symbol, its forward function on floats,
its local partial derivatives and their symbolic forms. The partials are written once,
in arithmetic that works on floats (fast first-order backward) and on `Value`s alike
(`create_graph=True`, higher derivatives). The engine applies the chain rule; no op
here ever writes `grad +=`.

Every partial receives `(a, b, out)`: the op's input(s), and its own output, so that
`exp`, `sigmoid` and `tanh` reuse the answer they already computed. `b` is the second
input of a binary op, the constant exponent of `pow`, and `None` for the unary ops.

Formulas use `{a}`, `{b}`, `{out}` for the nodes' labels and `{k}`, `{k-1}` for the
exponent of `pow`; `explain`, the pictures and the docs fill them in.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Op:
    """One primitive operation: what it computes and how it differentiates."""

    name: str
    symbol: str  # as drawn in pictures and printed by explain: "×", "σ", "^{k}"
    arity: int  # how many Value inputs (pow takes one Value and a constant)
    forward: Callable[[float, Any], float]
    partials: Callable[[Any, Any, Any], tuple[Any, ...]]  # ∂out/∂a (, ∂out/∂b)
    formulas: tuple[str, ...]  # the symbolic form of each partial
    expression: str  # the forward as math over a, b, k, in SymPy's syntax (the tests' oracle)

    def __repr__(self) -> str:
        return f"Op({self.name})"


def data_of(x: Any) -> float:
    """The float inside a Value, or the float itself (partials see both)."""
    return x.data if hasattr(x, "data") else x


def _pow(a: float, k: float) -> float:
    if a == 0.0 and k < 0:
        raise ZeroDivisionError("0 cannot be raised to a negative power")
    if a < 0.0 and k != int(k):
        raise ValueError("a negative base has no real non-integer power")
    # math.pow, unlike `**`, never answers with a complex number.
    return math.pow(a, k)


def _log(a: float) -> float:
    if a <= 0.0:
        raise ValueError("log is defined only for inputs > 0")
    return math.log(a)


def _sigmoid(a: float) -> float:
    # Two branches so that exp never overflows: exp(-|a|) <= 1.
    if a >= 0.0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _pow_partial(a: Any, k: float, out: Any) -> tuple[Any]:
    if k == 0:
        return (0.0,)
    if k == 1:
        return (1.0,)
    if data_of(a) == 0.0 and k < 1:
        raise ZeroDivisionError(f"the derivative of x**{k:g} is infinite at x = 0")
    return (k * a ** (k - 1),)


ADD = Op(
    "add",
    "+",
    2,
    forward=lambda a, b: a + b,
    partials=lambda a, b, out: (1.0, 1.0),
    formulas=("1", "1"),
    expression="a + b",
)
MUL = Op(
    "mul",
    "×",
    2,
    forward=lambda a, b: a * b,
    partials=lambda a, b, out: (b, a),
    formulas=("{b}", "{a}"),
    expression="a * b",
)
POW = Op(
    "pow",
    "^{k}",
    1,
    forward=_pow,
    partials=_pow_partial,
    formulas=("{k}·{a}^{k-1}",),
    expression="a ** k",
)
EXP = Op(
    "exp",
    "exp",
    1,
    forward=lambda a, b: math.exp(a),  # OverflowError past a ≈ 709.78
    partials=lambda a, b, out: (out,),
    formulas=("{out}",),
    expression="exp(a)",
)
LOG = Op(
    "log",
    "log",
    1,
    forward=lambda a, b: _log(a),
    partials=lambda a, b, out: (1.0 / a,),
    formulas=("1/{a}",),
    expression="log(a)",
)
SIGMOID = Op(
    "sigmoid",
    "σ",
    1,
    forward=lambda a, b: _sigmoid(a),
    partials=lambda a, b, out: (out * (1.0 - out),),
    formulas=("{out}·(1 − {out})",),
    expression="1 / (1 + exp(-a))",
)
RELU = Op(
    "relu",
    "ReLU",
    1,
    forward=lambda a, b: a if a > 0.0 else 0.0,
    # 0 at the kink a = 0, as PyTorch.
    partials=lambda a, b, out: (1.0 if data_of(a) > 0.0 else 0.0,),
    formulas=("[{a} > 0]",),
    expression="Max(0, a)",
)
TANH = Op(
    "tanh",
    "tanh",
    1,
    forward=lambda a, b: math.tanh(a),  # never overflows
    partials=lambda a, b, out: (1.0 - out * out,),
    formulas=("1 − {out}²",),
    expression="tanh(a)",
)

OPS: dict[str, Op] = {op.name: op for op in (ADD, MUL, POW, EXP, LOG, SIGMOID, RELU, TANH)}
