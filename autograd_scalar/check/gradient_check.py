"""gradcheck(): backward against central differences, and which op to blame when they differ.

`gradcheck(f, inputs)` differentiates `f(*inputs)` both ways, one row per input, with
PyTorch's defaults and rule (|analytic − numeric| <= atol + rtol·|numeric|). When a row
fails it looks for the cause: the first op, in topological order, whose own recorded
local partial disagrees with a central difference of its own forward, and any op whose
input a step of eps moves across a kink (its slope jumps, as relu's at 0) or out of its
domain (log at 0). Both are found by probing the op's record, so they hold for any op.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.grad_mode import no_grad
from ..core.gradients import grad
from ..core.graph import topological_order
from ..core.value import Value, as_float, run_op
from ..errors import DomainError, GradcheckError
from ..formula.record_check import forward_slope
from .table import text_table


@dataclass(frozen=True)
class GradcheckRow:
    """One input: the engine's derivative, the central difference, and how far apart."""

    name: str
    analytic: float
    numeric: float
    abs_error: float
    rel_error: float
    passed: bool
    hint: str = ""


@dataclass(frozen=True)
class GradcheckResult:
    """The rows of a gradcheck, and the first op to blame when some fail."""

    rows: list[GradcheckRow]
    culprit: str | None = None  # the first op whose own local partial is wrong

    @property
    def ok(self) -> bool:
        return all(row.passed for row in self.rows)

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:  # the REPL shows the readable form; a notebook, the HTML
        return str(self)

    def table(self) -> list[list[str]]:
        """The header and one row of cells per input, as the text and the HTML show them."""
        head = ["input", "analytic", "numeric", "abs error", "rel error", "ok"]
        body = [
            [
                r.name,
                f"{r.analytic:.6g}",
                f"{r.numeric:.6g}",
                f"{r.abs_error:.2e}",
                f"{r.rel_error:.2e}",
                "✓" if r.passed else "✗",
            ]
            for r in self.rows
        ]
        return [head, *body]

    def notes(self) -> list[str]:
        """The hints, and which op to blame, under the table."""
        lines = [f"hint ({r.name}): {r.hint}" for r in self.rows if r.hint]
        if self.culprit:
            lines.append(f"first op with a wrong local partial: {self.culprit}")
        elif not self.ok:
            lines.append(
                "every op's own partial agrees with a difference of its forward: "
                "look at the hints (a kink or a domain edge), or try another eps"
            )
        return lines

    def _repr_html_(self) -> str:  # a notebook shows an HTML table
        head, *body = self.table()
        cells = "".join(f"<th>{html.escape(c)}</th>" for c in head)
        lines = [f"<table><thead><tr>{cells}</tr></thead><tbody>"]
        for row, result in zip(body, self.rows, strict=True):
            colour = "#e6f4ea" if result.passed else "#fce8e6"
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in row)
            lines.append(f'<tr style="background:{colour}">{cells}</tr>')
        lines.append("</tbody></table>")
        lines += [f"<p>{html.escape(note)}</p>" for note in self.notes()]
        return "\n".join(lines)

    def __str__(self) -> str:
        return "\n".join(text_table(self.table()) + [note.rstrip() for note in self.notes()])


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
    for name, given, smallest in (("eps", eps, 0.0), ("atol", atol, -1.0), ("rtol", rtol, -1.0)):
        if not as_float(given, f"gradcheck's {name}") > smallest:
            need = "> 0" if name == "eps" else ">= 0"
            raise ValueError(f"gradcheck's {name} must be a finite number {need}, got {given!r}")
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


def rough_at(node: Value, h: float, position: int = 0) -> str:
    """Why a difference of width 2h across the node's input at `position` is unfair, or "".

    "domain edge" when the op's forward fails within ±h of that input (log at 0, 1/x at
    0), "kink" when its slope on one side differs from its slope on the other (relu and
    abs at 0).
    """
    op = node.op
    assert op is not None
    given = [x.data if isinstance(x, Value) else x for x in node.operands]
    at = given[position]

    def slope(shift: float) -> float:
        moved = list(given)
        moved[position] = at + shift
        second = moved[1] if len(moved) > 1 else None
        return run_op(op, moved[0], second)[1][position]

    try:
        left, right = slope(-h), slope(h)
    except (ValueError, ArithmeticError):
        return "domain edge"
    if not (math.isfinite(left) and math.isfinite(right)):
        return "domain edge"
    if abs(left - right) > 1e-3 * max(1.0, abs(left), abs(right)) + 1e3 * h * max(1.0, abs(at)):
        # A kink turns the slope over (relu, abs); a slope that only grows steeply is the
        # edge of a domain, as 1/x near 0.
        return "kink" if left * right <= 0 else "domain edge"
    return ""


def _edge_hints(out: Value, x: Value, eps: float) -> list[str]:
    """The kinks and domain edges that a step of ±eps in `x` reaches."""
    hints = []
    for node in topological_order(out):
        if node.op is None:
            continue
        for position, given in enumerate((node._a, node._b)):
            if given is None:
                continue
            sensitivity = abs(grad(given, x))
            if sensitivity == 0.0:
                continue
            kind = rough_at(node, 2 * eps * max(1.0, sensitivity), position)
            if kind:
                who = (
                    f"of node {node.label!r}"
                    if node.label
                    else f"of an unlabelled {node.op.name} node"
                )
                hints.append(
                    f"the input {who} is {given.data:.3g}, within eps of a {node.op.name} {kind}: "
                    f"the difference straddles it; move {x.label or 'the input'} away"
                )
    return hints


def _first_wrong_op(out: Value, eps: float, atol: float, rtol: float) -> str | None:
    """The first node whose recorded local partial disagrees with its own forward."""
    for node in topological_order(out):
        op = node.op
        if op is None:
            continue
        a, b = node.operands[0], node.operands[1] if len(node.operands) > 1 else None
        x = a.data if isinstance(a, Value) else a
        y = b.data if isinstance(b, Value) else b
        for position, (given, partial) in enumerate(((node._a, node._da), (node._b, node._db))):
            if given is None:
                continue
            at = x if position == 0 else y
            if rough_at(node, 2 * eps * max(1.0, abs(at)), position):  # type: ignore[arg-type]
                continue  # no difference quotient is fair across a kink, a pole or an edge
            numeric = forward_slope(op, x, y, position, eps)
            if numeric is None:
                continue
            if not abs(partial - numeric) <= atol + rtol * abs(numeric):
                who = repr(node.label) if node.label else "(unlabelled)"
                shown = ", ".join(f"{v:.6g}" for v in (x, y) if v is not None)
                return (
                    f"{op.name} node {who} at ({shown}): its recorded ∂out/∂{'ab'[position]} "
                    f"is {partial:.6g}, but its forward changes at the rate {numeric:.6g}"
                )
    return None
