"""`Value`: one number of the graph, and `apply`, which records an op into the graph.

A Value holds one float. Every op on Values makes a new node that remembers the op, its
inputs (`_a`, `_b`, in order; None where a plain number stands) and its local partials
(`_da`, `_db`, computed in the forward pass from the op table). A plain number operand,
such as the 2 of `x * 2` or the 1 of `1 - y`, is kept in the node itself (`_const`, the
slot that also holds pow's exponent), not as a leaf of its own: the node reads as what
was written, and costs less. Nodes point only at their inputs, so a graph holds no
reference cycles and is freed as soon as it is dropped.

Every op goes through `run_op`, the one place where an op's forward and partials
are called and where a failure becomes a `DomainError` naming the op, its inputs and
their labels. A local partial that is not finite (√x at 0) does not fail here: the
result is fine, and backward reports it only if a gradient has to flow through it.
"""

from __future__ import annotations

import math
import numbers
import reprlib
import sys
import warnings
from collections.abc import Callable
from typing import Any

from ..errors import DomainError
from .chain_rule import LARGEST, backward
from .grad_mode import is_recording
from .ops import ABS, ADD, DIV, EXP, LOG, MUL, NEG, POW, RELU, SIGMOID, SQRT, SUB, TANH, Op


def as_float(x: Any, where: str | Callable[[], str] = "Value") -> float:
    """A real number as a finite float; anything else gets an error naming it.

    `where` names what was being given, for the error message (a function that returns
    the name is called only when there is an error).
    """
    cls = x.__class__
    if cls is float:  # the common cases first, without the slow checks: this runs per op
        number = x
    elif cls is int:
        try:
            number = float(x) if -_HUGE < x < _HUGE else math.nan
        except OverflowError:  # just below 2**1024, yet past the largest float
            number = math.nan
    elif isinstance(x, bool) or not (isinstance(x, numbers.Real) or _is_decimal(x)):
        kind = type(x).__name__
        hint = " (convert it with float() first)" if isinstance(x, str) else ""
        if isinstance(x, Value):
            hint = " (a Value is not a number here: pass x.data, or use the Value in an op)"
        raise TypeError(
            f"{_where(where)} takes a real number, got {reprlib.repr(x)} of type {kind}{hint}"
        )
    else:
        try:
            number = float(x)
        except (OverflowError, ValueError):  # 10**400, Decimal("sNaN")
            number = math.nan
    if not -LARGEST <= number <= LARGEST:
        raise ValueError(f"{_where(where)} takes a finite number, got {_short(x)}")
    return number


_HUGE = 2**1024  # the first integer past the largest float


def _is_decimal(x: Any) -> bool:
    # A Decimal exists only once its module is loaded: no need to load it to ask.
    module = sys.modules.get("decimal")
    return module is not None and isinstance(x, module.Decimal)


def _where(where: str | Callable[[], str]) -> str:
    return where if isinstance(where, str) else where()


def _short(x: Any) -> str:
    """A number as an error message shows it: huge integers by their size, not digit by digit."""
    if isinstance(x, int) and not isinstance(x, bool) and abs(x) > 10**30:
        return f"an integer of {len(str(abs(x))) if abs(x) < 10**4000 else 'over 4,000'} digits"
    return reprlib.repr(x)


def labels_of(*nodes: Any) -> str:
    """The labels of the Values among `nodes`, as an error message lists them."""
    return ", ".join(repr(n.label) for n in nodes if n is not None and n.label)


def run_op(op: Op, x: float, y: Any, a: Any = None, b: Any = None) -> tuple[float, tuple]:
    """`op`'s result and local partials at the floats `x`, `y` (y: second input or constant,
    None for an op of one input and no constant).

    A failure of the forward function, or a result that is not a finite float, raises
    `DomainError` naming the op, the inputs and the labels of the input nodes `a`, `b`.
    A partial that cannot be computed is recorded as inf, for backward to report.
    """
    try:
        out = op.forward(x) if y is None else op.forward(x, y)
        # An input that is not finite (a `.data` set by hand) is refused even where the
        # result is finite (relu(nan) = 0, sigmoid(inf) = 1, 2/inf = 0): it is the input
        # that went wrong, and the result would hide it.
        if not (
            -LARGEST <= out <= LARGEST
            and -LARGEST <= x <= LARGEST
            and (y is None or -LARGEST <= y <= LARGEST)
        ):
            raise OverflowError
    except (ValueError, ArithmeticError) as error:
        overflow = isinstance(error, OverflowError)
        reason = "the result overflows a float" if overflow else str(error)
        if not all(-LARGEST <= v <= LARGEST for v in (x, y) if isinstance(v, float)):
            reason = "an input is not a finite number (a Value's .data set by hand?)"
        raise DomainError(op.name, (x, y), labels_of(a, b), reason) from None
    try:
        partials = op.partials(x, out) if y is None else op.partials(x, y, out)
    except (ValueError, ArithmeticError):  # the slope is infinite or undefined here
        partials = (math.inf,) * op.arity
    return out, partials


def _record(op: Op, a: Value | None, b: Value | None, x: float, y: Any, k: float | None) -> Value:
    """A new node for `op` on the inputs `a`, `b` (None where the number `k` stands)."""
    out, partials = run_op(op, x, y, a, b)
    node = _new(Value)
    node.data = out
    node.grad = 0.0
    node.label = ""
    if is_recording():
        node._op = op
        node._a = a
        node._b = b
        node._da = partials[0]
        node._db = partials[1] if op.arity == 2 else None
        node._const = k
    else:  # under no_grad(): a plain leaf, remembering nothing
        node._op = node._a = node._b = node._da = node._db = node._const = None
    return node


# The methods of Value, made from the op's record: one maker per way of calling an op.
# Each is the whole method, so an op costs one call to it and one to `_record`.


def _binary(op: Op) -> Callable[[Value, Any], Value]:
    def right() -> str:
        return f"the right side of {op.symbol}"

    def method(self: Value, other: Any) -> Value:  # self op other
        if isinstance(other, Value):
            return _record(op, self, other, self.data, other.data, None)
        k = as_float(other, right)
        return _record(op, self, None, self.data, k, k)

    method.__doc__ = f"self {op.symbol} other, where other is a Value or a number."
    return method


def _reflected(op: Op) -> Callable[[Value, Any], Value]:
    def left() -> str:
        return f"the left side of {op.symbol}"

    def method(self: Value, other: Any) -> Value:  # other op self, other a plain number
        k = as_float(other, left)
        return _record(op, None, self, k, self.data, k)

    method.__doc__ = f"other {op.symbol} self, where other is a number."
    return method


def _unary(op: Op) -> Callable[[Value], Value]:
    def method(self: Value) -> Value:
        return _record(op, self, None, self.data, None, None)

    method.__doc__ = f"{op.written.replace('{a}', 'self')}: the op {op.name!r} of the table."
    return method


class Value:
    """A scalar in the graph: `data`, its gradient `grad`, and a `label` for people."""

    __slots__ = ("data", "grad", "label", "_op", "_a", "_b", "_da", "_db", "_const")

    def __init__(self, data: Any, label: str = "") -> None:
        self.data = as_float(data)
        self.grad = 0.0
        self.label = "" if label is None else str(label)
        self._op: Op | None = None
        self._a: Value | None = None
        self._b: Value | None = None
        self._da: Any = None
        self._db: Any = None
        self._const: float | None = None

    @property
    def op(self) -> Op | None:
        """The op that made this node, or None for a leaf."""
        return self._op

    @property
    def parents(self) -> tuple[Value, ...]:
        """The op's Value inputs, in order (`a * a` lists `a` twice; numbers are left out)."""
        if self._op is None:
            return ()
        if self._b is None:
            return () if self._a is None else (self._a,)
        return (self._b,) if self._a is None else (self._a, self._b)

    @property
    def operands(self) -> tuple[Value | float, ...]:
        """Everything the op was given, in order: its inputs (a Value, or a plain number
        where one was written) and then its constant, if it takes one (pow's exponent)."""
        op = self._op
        if op is None:
            return ()
        if op.arity == 1:
            return (self._a,) if op.constant is None else (self._a, self._const)  # type: ignore[return-value]
        a = self._a if self._a is not None else self._const
        b = self._b if self._b is not None else self._const
        return (a, b)  # type: ignore[return-value]

    @property
    def const(self) -> float | None:
        """The number the op was given besides its Value inputs (pow's exponent, the 2 of
        `x * 2`), or None."""
        return self._const

    def labelled(self, label: str) -> Value:
        """Set the label and return this same node: `(w*x + b).labelled("Z1")`."""
        self.label = str(label)
        return self

    def named(self, label: str) -> Value:
        """Deprecated spelling of `labelled` (a node's human name is its label)."""
        warnings.warn(
            "Value.named() is now Value.labelled(); named() goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.labelled(label)

    def __repr__(self) -> str:
        name = self.label or "data"
        return f"Value({name}={self.data:.4g}, grad={_grad_text(self.grad)})"

    def __float__(self) -> float:
        return self.data

    # The ops of the table, as operators and methods: the math lives in `ops`.
    __add__ = _binary(ADD)
    __radd__ = _reflected(ADD)
    __sub__ = _binary(SUB)
    __rsub__ = _reflected(SUB)
    __mul__ = _binary(MUL)
    __rmul__ = _reflected(MUL)
    __truediv__ = _binary(DIV)
    __rtruediv__ = _reflected(DIV)
    __neg__ = _unary(NEG)
    __abs__ = _unary(ABS)
    exp = _unary(EXP)
    log = _unary(LOG)
    sigmoid = _unary(SIGMOID)
    relu = _unary(RELU)  # its slope at 0 is 0, as in PyTorch
    tanh = _unary(TANH)
    sqrt = _unary(SQRT)

    def __pow__(self, exponent: Any) -> Value:
        """self ** k for a number k (a Value exponent: write (y * x.log()).exp())."""
        if isinstance(exponent, Value):
            raise TypeError(
                "the exponent must be a number, not a Value; for x ** y with y a Value "
                "write (y * x.log()).exp()"
            )
        k = as_float(exponent, "the exponent of **")
        return _record(POW, self, None, self.data, k, k)

    def __rpow__(self, base: Any) -> Value:  # base ** self, as e ** (self · ln base)
        base = as_float(base, "the base of **")
        if base <= 0.0:
            raise DomainError("pow", (base,), "", "a number ** Value needs a base > 0")
        return (self * math.log(base)).exp()

    def backward(self) -> None:
        """Fill `.grad` of every node with ∂self/∂node.

        The root is seeded with 1. Interior grads are recomputed on every call; leaf
        grads accumulate across calls until zeroed, as in PyTorch, so calling it twice
        gives exactly twice the leaf gradients.
        """
        backward(self)


_new = object.__new__


def _grad_text(grad: Any) -> str:
    return f"{grad:.4g}" if isinstance(grad, float) else repr(grad)


def apply(op: Op, *operands: Any) -> Value:
    """Record `op` on its operands, as the table describes it: `apply(SOFTPLUS, x)`.

    Operands are the op's inputs in order (a Value, or a plain number for an input of a
    binary op, but at least one Value), then its constant if it takes one
    (`apply(POW, x, 3)`).
    """
    if not isinstance(op, Op):
        raise TypeError(f"apply takes an Op record first, got {type(op).__name__}")
    wanted = len(op.operands)
    if len(operands) != wanted:
        names = ", ".join(op.operands)
        raise TypeError(f"op {op.name!r} takes {wanted} operands ({names}), got {len(operands)}")
    if not any(isinstance(x, Value) for x in operands[: op.arity]):
        raise TypeError(f"op {op.name!r} needs a Value among its inputs, got {operands!r}")
    if op.arity == 1:
        a = operands[0]
        k = (
            as_float(operands[1], f"the constant {op.constant} of {op.name}")
            if op.constant
            else None
        )
        return _record(op, a, None, a.data, k, k)
    a, b = operands
    if not isinstance(a, Value):
        k = as_float(a, f"the first input of {op.name}")
        return _record(op, None, b, k, b.data, k)
    if not isinstance(b, Value):
        k = as_float(b, f"the second input of {op.name}")
        return _record(op, a, None, a.data, k, k)
    return _record(op, a, b, a.data, b.data, None)


def function(op: Op) -> Callable[[Any], Any]:
    """`op` as a function of one input that takes a float or a Value and answers in kind.

    So a partial can be written once for floats and Values: `sigmoid(a)` is a float when
    `a` is one, and a node of the graph when `a` is a Value.
    """
    if op.arity != 1 or op.constant is not None:
        raise TypeError(f"function() takes an op of one input and no constant, got {op!r}")

    def call(x: Any) -> Any:
        if isinstance(x, Value):
            return _record(op, x, None, x.data, None, None)
        return op.forward(x)

    call.__name__ = op.name
    call.__doc__ = f"{op.written.replace('{a}', 'x')}, for a float or a Value."
    return call
