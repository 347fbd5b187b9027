"""The table of operations: one record per op, and the only place that knows an op.

Each record holds an op's name, its display symbol, its forward function on floats, its
local partial derivatives and their symbolic forms, and how it is written in an
equation. Everything else (the Value methods, backward, replay, formulas, explain, the
pictures, gradcheck) reads the table at use time, so an op added with `register_op`
works everywhere.

The partials are written once, in arithmetic that works on floats (fast first-order
backward) and on Values alike (`grad(..., create_graph=True)`, higher derivatives).
They receive `(a, b, out)`: the op's inputs and its own output, so that `exp`,
`sigmoid` and `tanh` reuse the answer they already computed. `b` is the second input
of a binary op, the constant of an op that takes one (pow's exponent), else None.
The engine applies the chain rule; no op here ever writes `grad +=`.

Templates (`formulas`, `written`, `latex`) use `{a}`, `{b}` for the inputs, `{k}` for
the constant and `{out}` for the op's own result; formulas use the formula language
of `autograd_scalar.formula` (`·`, `−`, `²`, `[x > 0]` for 1 when x > 0, else 0).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import OpError

ATOMIC = 9  # the precedence of an op written as a function call: it never needs brackets


@dataclass(frozen=True, eq=False)
class Op:
    """One operation: what it computes, how it differentiates, how it is written.

    - `name`: an identifier; also the op's function name in formulas (`sigmoid(Z1)`).
    - `symbol`: how the op is drawn in a picture (`σ`, `×`, `ReLU`); a word symbol is
      accepted in formulas too.
    - `arity`: how many inputs (1 or 2); a binary op takes a plain number for either.
    - `forward(a, b)`: the result on floats; raises ValueError or ArithmeticError with a
      reason outside the domain.
    - `partials(a, b, out)`: ∂out/∂a (and ∂out/∂b) as a tuple, on floats and on Values.
    - `formulas`: each partial as a formula over `{a}`, `{b}`, `{k}`, `{out}`.
    - `constant`: the name of a number the op takes besides its inputs (pow: `"k"`).
    - `written`, `latex`: the op in an equation; by default `symbol({a})` for one input
      and `{a} symbol {b}` for two.
    - `precedence`, `associates`: how tightly the written form binds (1 for + and −, 2
      for · and /, 4 for powers, ATOMIC for a function call) and which way a chain of
      it groups: "left" (a − b − c), "right" (a^b^c) or "both" (a + b + c).
    - `expression`: the forward over a, b, k in SymPy's syntax, for exact derivatives.
    - `aliases`: other names accepted in formulas (`ln` for log).
    - `operator`: the Python operator a formula writes it with (`+`, `**`; `-` for
      both sub and, with one input, neg), if any.
    """

    name: str
    symbol: str
    arity: int
    forward: Callable[[float, Any], float]
    partials: Callable[[Any, Any, Any], tuple[Any, ...]]
    formulas: tuple[str, ...]
    constant: str | None = None
    written: str = ""
    latex: str = ""
    precedence: int = ATOMIC
    associates: str = "left"
    expression: str | None = None
    aliases: tuple[str, ...] = field(default=())
    operator: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise OpError(f"an op's name is an identifier such as 'softplus', got {self.name!r}")
        if self.arity not in (1, 2):
            raise OpError(f"op {self.name!r}: arity is 1 or 2, got {self.arity!r}")
        if self.constant is not None and self.arity != 1:
            raise OpError(f"op {self.name!r}: only an op with one input takes a constant")
        for what in ("forward", "partials"):
            if not callable(getattr(self, what)):
                raise OpError(f"op {self.name!r}: {what} must be a function")
        formulas = tuple(self.formulas)
        if len(formulas) != self.arity or not all(isinstance(f, str) for f in formulas):
            raise OpError(
                f"op {self.name!r}: give one formula string per input ({self.arity}), "
                f"got {self.formulas!r}"
            )
        if self.associates not in ("left", "right", "both"):
            raise OpError(f"op {self.name!r}: associates is 'left', 'right' or 'both'")
        object.__setattr__(self, "formulas", formulas)
        constant = f", {{{self.constant}}}" if self.constant else ""
        if not self.written:
            unary = f"{self.symbol}({{a}}{constant})"
            object.__setattr__(
                self, "written", unary if self.arity == 1 else "{a} " + self.symbol + " {b}"
            )
        if not self.latex:
            unary = f"\\operatorname{{{self.name}}}\\left({{a}}{constant}\\right)"
            object.__setattr__(
                self, "latex", unary if self.arity == 1 else "{a} " + self.symbol + " {b}"
            )

    @property
    def operands(self) -> tuple[str, ...]:
        """The placeholders of its operands, in order: ("a",), ("a", "b") or ("a", "k")."""
        return ("a", "b")[: self.arity] + ((self.constant,) if self.constant else ())

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


def _sqrt(a: float) -> float:
    if a < 0.0:
        raise ValueError("sqrt is defined only for inputs >= 0")
    return math.sqrt(a)


def _divide(a: float, b: float) -> float:
    if b == 0.0:
        raise ZeroDivisionError("division by zero")
    return a / b


def stable_sigmoid(a: float) -> float:
    """1 / (1 + e^−a), in two branches so that exp never overflows: exp(−|a|) <= 1."""
    if a >= 0.0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _pow_slope(a: Any, k: float) -> Any:
    """k·a^(k−1), and exactly 0 for k = 0 (a constant), even at a = 0 where 0^(−1) is not."""
    return 0.0 if k == 0 else k * a ** (k - 1)


def _step(x: Any) -> float:
    """1.0 when x > 0, else 0.0: the slope of relu, 0 at the kink as in PyTorch."""
    return 1.0 if data_of(x) > 0.0 else 0.0


def _sign(x: Any) -> float:
    """The slope of abs: 1, −1, and 0 at the kink as in PyTorch."""
    x = data_of(x)
    return 1.0 if x > 0.0 else -1.0 if x < 0.0 else 0.0


ADD = Op("add", "+", 2, forward=lambda a, b: a + b, partials=lambda a, b, out: (1.0, 1.0),
         formulas=("1", "1"), written="{a} + {b}", latex="{a} + {b}", precedence=1,
         associates="both", expression="a + b", operator="+")  # fmt: skip
SUB = Op("sub", "−", 2, forward=lambda a, b: a - b, partials=lambda a, b, out: (1.0, -1.0),
         formulas=("1", "−1"), written="{a} − {b}", latex="{a} - {b}", precedence=1,
         expression="a - b", operator="-")  # fmt: skip
MUL = Op("mul", "×", 2, forward=lambda a, b: a * b, partials=lambda a, b, out: (b, a),
         formulas=("{b}", "{a}"), written="{a}·{b}", latex="{a} \\cdot {b}", precedence=2,
         associates="both", expression="a * b", operator="*")  # fmt: skip
DIV = Op("div", "÷", 2, forward=_divide, partials=lambda a, b, out: (1.0 / b, -out / b),
         formulas=("1/{b}", "−{a}/{b}²"), written="{a}/{b}", latex="\\frac{{a}}{{b}}",
         precedence=2, expression="a / b", operator="/")  # fmt: skip
NEG = Op("neg", "−", 1, forward=lambda a, b: -a, partials=lambda a, b, out: (-1.0,),
         formulas=("−1",), written="−{a}", latex="-{a}", precedence=2, expression="-a",
         operator="-")  # fmt: skip
POW = Op("pow", "^", 1, forward=_pow, partials=lambda a, k, out: (_pow_slope(a, k),),
         formulas=("{k}·{a}^({k} − 1)",), constant="k", written="{a}^{k}",
         latex="{a}^{{k}}", precedence=4, associates="right", expression="a ** k",
         operator="**")  # fmt: skip
EXP = Op("exp", "exp", 1, forward=lambda a, b: math.exp(a),  # OverflowError past a ≈ 709.78
         partials=lambda a, b, out: (out,), formulas=("{out}",),
         latex="e^{{a}}", expression="exp(a)")  # fmt: skip
LOG = Op("log", "log", 1, forward=lambda a, b: _log(a), partials=lambda a, b, out: (1.0 / a,),
         formulas=("1/{a}",), latex="\\log\\left({a}\\right)", expression="log(a)",
         aliases=("ln",))  # fmt: skip
SIGMOID = Op("sigmoid", "σ", 1, forward=lambda a, b: stable_sigmoid(a),
             partials=lambda a, b, out: (out * (1.0 - out),), formulas=("{out}·(1 − {out})",),
             latex="\\sigma\\left({a}\\right)", expression="1 / (1 + exp(-a))")  # fmt: skip
RELU = Op("relu", "ReLU", 1, forward=lambda a, b: a if a > 0.0 else 0.0,
          partials=lambda a, b, out: (_step(a),), formulas=("[{a} > 0]",),
          latex="\\operatorname{ReLU}\\left({a}\\right)", expression="Max(0, a)")  # fmt: skip
TANH = Op("tanh", "tanh", 1, forward=lambda a, b: math.tanh(a),  # never overflows
          partials=lambda a, b, out: (1.0 - out * out,), formulas=("1 − {out}²",),
          latex="\\tanh\\left({a}\\right)", expression="tanh(a)")  # fmt: skip
SQRT = Op("sqrt", "sqrt", 1, forward=lambda a, b: _sqrt(a), partials=lambda a, b, out: (0.5 / out,),
          formulas=("1/(2·{out})",), latex="\\sqrt{{a}}", expression="sqrt(a)")  # fmt: skip
ABS = Op("abs", "abs", 1, forward=lambda a, b: abs(a), partials=lambda a, b, out: (_sign(a),),
         formulas=("[{a} > 0] − [{a} < 0]",), latex="\\left|{a}\\right|",
         expression="Abs(a)")  # fmt: skip

OPS: dict[str, Op] = {
    op.name: op for op in (ADD, SUB, MUL, DIV, NEG, POW, EXP, LOG, SIGMOID, RELU, TANH, SQRT, ABS)
}
"""The table itself: every op by name. Add to it with `register_op`."""


def register_op(op: Op) -> Op:
    """Add `op` to the table and return it; from then on every feature knows it.

    The name, and each name a formula may call it by, must not be taken by another op.
    Registering the same record twice is harmless.
    """
    if not isinstance(op, Op):
        raise TypeError(f"register_op takes an Op record, got {type(op).__name__}")
    if OPS.get(op.name) is op:
        return op
    taken = {word: other for other in OPS.values() for word in formula_names(other)}
    for word in formula_names(op):
        if word in taken:
            raise OpError(
                f"cannot register op {op.name!r}: {word!r} already names the op "
                f"{taken[word].name!r}; choose another name"
            )
    OPS[op.name] = op
    return op


def formula_names(op: Op) -> tuple[str, ...]:
    """Every name a formula may call `op` by: its name, a word symbol, its aliases."""
    names = [op.name, *op.aliases]
    if op.symbol.isidentifier() and op.symbol not in names:
        names.append(op.symbol)
    return tuple(names)


def op_called(word: str) -> Op | None:
    """The op that a formula calls by `word` (`log`, `ln`, `σ`, `ReLU`), if any."""
    for op in OPS.values():
        if word in formula_names(op):
            return op
    return None
