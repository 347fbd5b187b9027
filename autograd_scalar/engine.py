"""The engine: `Value`, the graph it records, and the chain rule that walks it back.

A `Value` holds one float. Every op on Values makes a new node that remembers its
inputs (`_a`, `_b`, in order) and its local partials (`_da`, `_db`, computed in the
forward pass from the op table in `ops`). `backward()` visits the nodes in reverse
topological order, found without recursion, and applies the chain rule in one line.
Nodes point only at their inputs, so a graph holds no reference cycles and is freed
as soon as it is dropped, without waiting for the garbage collector.
"""

from __future__ import annotations

import decimal
import math
import numbers
import reprlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .errors import DomainError, NonFiniteGradientError
from .ops import ADD, EXP, LOG, MUL, POW, RELU, SIGMOID, TANH, Op

_LARGEST = 1.7976931348623157e308  # `-_LARGEST <= x <= _LARGEST` is false for inf and NaN
_recording = True  # switched off by no_grad()


def as_float(x: Any, where: str = "Value") -> float:
    """A real number as a finite float; anything else gets an error naming it."""
    if x.__class__ is float:  # the common case, checked first: this runs for every constant
        number = x
    elif isinstance(x, bool) or not isinstance(x, (numbers.Real, decimal.Decimal)):
        kind = type(x).__name__
        hint = " (convert it with float() first)" if isinstance(x, str) else ""
        raise TypeError(f"{where} takes a real number, got {x!r} of type {kind}{hint}")
    else:
        try:
            number = float(x)
        except (OverflowError, ValueError):  # 10**400, Decimal("sNaN")
            number = math.nan
    if not -_LARGEST <= number <= _LARGEST:
        raise ValueError(f"{where} takes a finite number, got {reprlib.repr(x)}")
    return number


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
        """The op's inputs, in order (`a * a` lists `a` twice)."""
        if self._a is None:
            return ()
        return (self._a,) if self._b is None else (self._a, self._b)

    @property
    def const(self) -> float | None:
        """The op's constant parameter: the exponent of `pow`, otherwise None."""
        return self._const

    def named(self, label: str) -> Value:
        """Set the label and return this same node: `(w*x + b).named("Z1")`."""
        self.label = str(label)
        return self

    def __repr__(self) -> str:
        name = self.label or "data"
        return f"Value({name}={self.data:.4g}, grad={self.grad:.4g})"

    def __float__(self) -> float:
        return self.data

    # Primitives: one line each, the math lives in `ops`.
    def __add__(self, other: Any) -> Value:
        return apply(ADD, self, other)

    def __mul__(self, other: Any) -> Value:
        return apply(MUL, self, other)

    def __pow__(self, exponent: Any) -> Value:
        if isinstance(exponent, Value):
            raise TypeError(
                "the exponent must be a number, not a Value; for x ** y with y a Value "
                "write (y * x.log()).exp()"
            )
        return apply(POW, self, const=as_float(exponent, "the exponent of **"))

    def exp(self) -> Value:
        return apply(EXP, self)

    def log(self) -> Value:
        return apply(LOG, self)

    def sigmoid(self) -> Value:
        return apply(SIGMOID, self)

    def relu(self) -> Value:
        """max(0, x); its derivative at 0 is 0, as in PyTorch."""
        return apply(RELU, self)

    def tanh(self) -> Value:
        return apply(TANH, self)

    # Sugar over the primitives.
    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Any) -> Value:
        return self + (-_as_value(other))

    def __truediv__(self, other: Any) -> Value:
        other = _as_value(other)
        if other.data == 0.0:
            raise DomainError("/", (self.data, other.data), _who(self, other), "division by zero")
        return self * other**-1

    def __radd__(self, other: Any) -> Value:  # other + self
        return apply(ADD, _as_value(other), self)

    def __rmul__(self, other: Any) -> Value:  # other * self
        return apply(MUL, _as_value(other), self)

    def __rsub__(self, other: Any) -> Value:  # other - self
        return _as_value(other) + (-self)

    def __rtruediv__(self, other: Any) -> Value:  # other / self
        return _as_value(other) / self

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
        order = topological_order(self)
        before = []
        for node in order:
            if node._a is None:
                before.append((node, node.grad))
            node.grad = 0.0
        self.grad = 1.0
        try:
            for node in reversed(order):
                a = node._a
                if a is None:
                    continue
                g = node.grad
                if not -_LARGEST <= g <= _LARGEST:
                    raise NonFiniteGradientError(node, g)
                # The chain rule: ∂root/∂input += ∂root/∂node · ∂node/∂input.
                a.grad += node._da * g
                b = node._b
                if b is not None:
                    b.grad += node._db * g
            # Add the old leaf grads last, so that two calls give exactly 2 × one call.
            for leaf, old in before:
                total = leaf.grad + old
                if not -_LARGEST <= total <= _LARGEST:
                    raise NonFiniteGradientError(leaf, total)
                leaf.grad = total
        except NonFiniteGradientError:
            for leaf, old in before:  # leave the leaves as they were, never half-updated
                leaf.grad = old
            raise


def _as_value(x: Any) -> Value:
    return x if isinstance(x, Value) else Value(x)


def _who(*nodes: Value) -> str:
    return ", ".join(repr(n.label) for n in nodes if n.label)


def apply(op: Op, a: Value, b: Any = None, const: float | None = None) -> Value:
    """Record `op` applied to `a` (and `b`, or the constant `const`) as a new node."""
    if b is not None and b.__class__ is not Value:
        b = _as_value(b)
    b_data = const if b is None else b.data
    try:
        out = op.forward(a.data, b_data)
        partials = op.partials(a.data, b_data, out) if _recording else ()
    except (ValueError, ArithmeticError) as error:
        inputs = (a.data,) if b is None else (a.data, b.data)
        reason = "the result overflows a float" if isinstance(error, OverflowError) else str(error)
        raise DomainError(op.name, inputs, _who(a, *([b] if b else [])), reason) from None
    if not -_LARGEST <= out <= _LARGEST:
        raise DomainError(op.name, (a.data, b_data), _who(a), "the result overflows")
    node = Value.__new__(Value)
    node.data = out
    node.grad = 0.0
    node.label = ""
    node._const = const
    if partials:
        node._op, node._a, node._b = op, a, b
        node._da = partials[0]
        node._db = partials[1] if b is not None else None
    else:  # under no_grad(): a plain leaf, remembering nothing
        node._op = node._a = node._b = node._da = node._db = None
    return node


def topological_order(root: Value) -> list[Value]:
    """Every node that `root` depends on, inputs before the nodes made from them.

    An explicit stack instead of recursion, so any depth works; the order depends only
    on the graph, so the same graph always gives the same order.
    """
    order: list[Value] = []
    visited: set[Value] = set()
    # Two parallel stacks: a node, and whether its inputs are already in `order`.
    # A node may be pushed more than once but is expanded once, when first popped;
    # marking it only then is what keeps the order right when inputs are shared.
    nodes, inputs_done = [root], [False]
    while nodes:
        node = nodes.pop()
        if inputs_done.pop():
            order.append(node)
            continue
        if node in visited:
            continue
        visited.add(node)
        nodes.append(node)
        inputs_done.append(True)
        a, b = node._a, node._b
        if b is not None and b not in visited:  # b pushed first, so a is visited first
            nodes.append(b)
            inputs_done.append(False)
        if a is not None and a not in visited:
            nodes.append(a)
            inputs_done.append(False)
    return order


def grad(output: Value, inputs: Value | Sequence[Value], create_graph: bool = False) -> Any:
    """∂output/∂input for each input, leaving every `.grad` untouched.

    With `create_graph=True` the gradients are Values recorded in the graph, so they
    can be differentiated again (second derivatives, Hessian entries). An input that
    `output` does not depend on gets 0.
    """
    single = isinstance(inputs, Value)
    wanted: list[Value] = [inputs] if isinstance(inputs, Value) else list(inputs)
    for x in wanted:
        if not isinstance(x, Value):
            raise TypeError(f"grad() takes Values as inputs, got {x!r}; pass the node itself")
    order = topological_order(output)
    adjoint: dict[Value, Any] = {output: Value(1.0) if create_graph else 1.0}
    for node in reversed(order):
        g = adjoint.get(node)
        if g is None or node._a is None:
            continue
        if not create_graph and not -_LARGEST <= g <= _LARGEST:
            raise NonFiniteGradientError(node, g)
        if create_graph:
            b = node._b if node._b is not None else node._const
            local = node._op.partials(node._a, b, node)  # type: ignore[union-attr]
        else:
            local = (node._da, node._db)
        for parent, partial in zip(node.parents, local):
            # The chain rule again, into a private accumulator instead of `.grad`.
            term = partial * g
            previous = adjoint.get(parent)
            adjoint[parent] = term if previous is None else previous + term
    zero: Any = Value(0.0) if create_graph else 0.0
    found: list[Any] = [adjoint.get(x, zero) for x in wanted]
    for x, total in zip(wanted, found):
        if not create_graph and not -_LARGEST <= total <= _LARGEST:
            raise NonFiniteGradientError(x, total)
    return found[0] if single else found


@contextmanager
def no_grad() -> Iterator[None]:
    """Inside this block, ops compute values but record no graph (for updates)."""
    global _recording
    previous, _recording = _recording, False
    try:
        yield
    finally:
        _recording = previous
