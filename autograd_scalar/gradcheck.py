"""gradcheck: backward against central differences, and which op to blame when they differ.

`gradcheck(f, inputs)` differentiates `f(*inputs)` both ways, one row per input, with
PyTorch's defaults and rule (|analytic − numeric| <= atol + rtol·|numeric|). When a row
fails it looks for the cause: the first op, in topological order, whose own recorded
local partial disagrees with a central difference of its own forward, and any input
sitting within `eps` of a kink (relu at 0) or a domain edge (log, a negative power at 0).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from .engine import Value, grad, no_grad, topological_order
from .errors import DomainError
from .gradcheck_report import GradcheckError, GradcheckResult, GradcheckRow

# The ops whose derivative jumps or blows up at 0: a step of eps must not cross it.
_EDGE_AT_ZERO = {"relu": "kink", "log": "domain edge", "pow": "domain edge"}


def gradcheck(
    f: Callable[..., Value],
    inputs: Sequence[Value],
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    raise_exception: bool = True,
) -> GradcheckResult:
    """Compare ∂f/∂x from the engine with (f(x+eps) − f(x−eps)) / 2eps for each input x.

    `f` takes the input Values and returns a Value. Returns a table, one row per input;
    raises GradcheckError (an AssertionError) listing the failing rows unless
    `raise_exception=False`. The inputs' `.grad` are left untouched.
    """
    inputs = list(inputs)
    for x in inputs:
        if not isinstance(x, Value):
            raise TypeError(f"gradcheck takes Values as inputs, got {x!r}")
    out = f(*inputs)
    if not isinstance(out, Value):
        raise TypeError(f"f must return a Value, got {type(out).__name__}")
    analytic = grad(out, inputs)
    rows = []
    for i, x in enumerate(inputs):
        name = x.label or f"input[{i}]"
        hints = []
        try:
            numeric = (_shifted(f, inputs, i, eps) - _shifted(f, inputs, i, -eps)) / (2 * eps)
        except DomainError as error:
            numeric = math.nan
            hints.append(f"a step of eps leaves a domain: {error}")
        diff = abs(analytic[i] - numeric)
        passed = diff <= atol + rtol * abs(numeric)  # False for NaN
        relative = diff / abs(numeric) if numeric else (0.0 if diff == 0 else math.inf)
        if not passed:
            hints += _edge_hints(out, x, eps)
        row = GradcheckRow(name, analytic[i], numeric, diff, relative, passed, "; ".join(hints))
        rows.append(row)
    culprit = None
    if not all(row.passed for row in rows):
        culprit = _first_wrong_op(out, eps, atol, rtol)
    result = GradcheckResult(rows, culprit)
    if raise_exception and not result.ok:
        raise GradcheckError(result)
    return result


def _shifted(f: Callable[..., Value], inputs: list[Value], i: int, step: float) -> float:
    with no_grad():
        moved = [Value(x.data + step if j == i else x.data, x.label) for j, x in enumerate(inputs)]
        return f(*moved).data


def _edge_hints(out: Value, x: Value, eps: float) -> list[str]:
    """The kinks and domain edges that a step of ±eps in `x` reaches."""
    hints = []
    for node in topological_order(out):
        op, a = node.op, node._a
        kind = _EDGE_AT_ZERO.get(op.name) if op is not None else None
        if op is None or kind is None or a is None:
            continue
        if op.name == "pow" and (node.const or 0.0) >= 1.0:  # smooth at 0
            continue
        sensitivity = grad(a, x)
        if sensitivity != 0.0 and abs(a.data) <= 2 * eps * max(1.0, abs(sensitivity)):
            who = f"of node {node.label!r}" if node.label else f"of an unlabelled {op.name} node"
            hints.append(
                f"the input {who} is {a.data:.3g}, within eps of the {op.name} {kind} "
                f"at 0: the difference straddles it; move {x.label or 'the input'} away"
            )
    return hints


def _first_wrong_op(out: Value, eps: float, atol: float, rtol: float) -> str | None:
    """The first node whose recorded local partial disagrees with its own forward."""
    for node in topological_order(out):
        op = node.op
        if op is None or node._a is None:
            continue
        a = node._a.data
        b = node._b.data if node._b is not None else node.const
        recorded = [node._da] if node._b is None else [node._da, node._db]
        for position, partial in enumerate(recorded):
            x = a if position == 0 else b
            assert x is not None
            h = eps * max(1.0, abs(x))
            if op.name in _EDGE_AT_ZERO and abs(a) <= 2 * h:
                continue  # no difference quotient is fair across a kink or an edge
            try:
                if position == 0:
                    numeric = (op.forward(a + h, b) - op.forward(a - h, b)) / (2 * h)
                else:
                    numeric = (op.forward(a, x + h) - op.forward(a, x - h)) / (2 * h)
            except (ValueError, ArithmeticError):
                continue
            if not abs(partial - numeric) <= atol + rtol * abs(numeric):
                who = repr(node.label) if node.label else "(unlabelled)"
                shown = ", ".join(f"{v:.6g}" for v in ([a] if node._b is None else [a, b]))
                return (
                    f"{op.name} node {who} at ({shown}): its recorded ∂out/∂{'ab'[position]} "
                    f"is {partial:.6g}, but its forward changes at the rate {numeric:.6g}"
                )
    return None
