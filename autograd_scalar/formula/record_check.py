"""Is an op record right? Its forms of the same math, held against each other.

A record says one thing several times: `forward` and `partials` compute it on floats,
`definition` and `formulas` write it in the formula language, `domain` says where it is
not defined, and `written` says how it reads. Nothing ties them but a check, so this is that
check, for any record (the table's own, or one about to be registered), at random points
where the op is defined and at a few chosen ones (0, ±1, ±2, ½). Points are drawn from
[−3, 3]; for an op defined nowhere there (log(a − 5)), from [−30, 30], then [−300, 300];
or from the span the caller gives, for an op defined only in a narrow interval:
- each partial against a central difference of `forward`;
- each formula against its partial;
- the definition against `forward`;
- each condition of the domain: where it holds, `forward` must refuse, with its reason;
- `written` must write the op itself, on its own operands;
- with `exact=True` and SymPy installed, each formula against SymPy's derivative of the
  definition (or of the op's SymPy function).
Before all of these, each spelling of the op must leave other formulas as they read
(`tokens.spelling_problems`: no symbol `1`). Each problem names the field and the point
where it shows.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

from ..core.ops import Op, call_forward
from ..core.value import run_op
from ..errors import FormulaError, OpError
from .expr import Call, Expr, Indicator, Name, evaluate, fold
from .templates import definition, domain, partial_formulas, placeholders
from .tokens import spelling_problems

CONSTANTS = (2.0, 3.0, -1.0, 0.5, 1.5, -0.5)  # tried for an op's constant (pow's exponent)
CHOSEN = (0.0, 1.0, -1.0, 2.0, -2.0, 0.5)  # tried for an input besides random ones
SECONDS = (0.0, 1.0, -1.5)  # tried for a second input besides random ones
SPANS = ((-3.0, 3.0), (-30.0, 30.0), (-300.0, 300.0))  # each tried if none before held a point
MAX_PROBLEMS = 5

Span = tuple[float, float]


def problems(
    op: Op, points: int = 40, seed: int = 0, exact: bool = False, span: Span | None = None
) -> list[str]:
    """What disagrees in `op`'s record (see the module's docstring); empty when nothing does.

    Inputs are drawn from `span` (low, high) when given, else from SPANS, widening until
    the op is defined at some point. The record must be readable in the table as it stands
    (its own name and operators included): `registry.in_the_table` puts it there while it
    is checked.
    """
    spans = SPANS if span is None else (checked_span(span),)
    if wrong := spelling_problems(op):
        return wrong  # its own formulas could not be read as the author means them
    try:
        partials, defined, conditions = partial_formulas(op), definition(op), domain(op)
    except (FormulaError, OpError) as error:
        return [f"a formula of the record does not read: {error}"]
    found = _written_problems(op) + _definition_uses_itself(op, defined)
    for low, high in spans:
        checked = _check_between(
            op, (partials, defined, conditions), low, high, points, seed, found
        )
        if checked or found:
            break  # a wider span only if nothing could be checked in this one
    if checked == 0 and not found:
        hint = "" if span is not None else ": give span=(low, high), inputs where it is defined"
        found.append(
            f"no point in [{low:g}, {high:g}] is in the op's domain; nothing could be checked{hint}"
        )
    if exact and not found:
        found += _exact_problems(op, partials, defined)
    return _first_of_each_field(found)[:MAX_PROBLEMS]


def _check_between(
    op: Op,
    forms: tuple[list[Expr], Expr | None, list[tuple[Expr, str]]],
    low: float,
    high: float,
    points: int,
    seed: int,
    found: list[str],
) -> int:
    """Check the record at up to `points` points in [low, high] where it is defined, adding
    what disagrees to `found`; how many points were checked."""
    partials, defined, conditions = forms
    checked = 0
    for x, y in _points(op, points, seed, low, high):
        if len(found) >= MAX_PROBLEMS or checked >= points:
            break
        at = _place(op, x, y)
        found += _domain_problems(op, conditions, x, y, at)
        try:
            out, slopes = run_op(op, x, y)
        except (ValueError, ArithmeticError):
            continue  # outside the op's domain
        if not all(map(math.isfinite, slopes)) or _near_kink(op, x, y):
            continue
        checked += 1
        values = _values(op, x, y, out)
        found += _slope_problems(op, partials, slopes, values, x, y, at)
        if defined is not None:
            said = _value(defined, values)
            if said is None or not math.isclose(said, out, rel_tol=1e-9, abs_tol=1e-12):
                found.append(
                    f"definition {op.definition!r} gives {said} {at}, but forward gives {out:.12g}"
                )
    return checked


def checked_span(span: object) -> Span:
    """`span` as (low, high) floats, or an OpError saying what a span is."""
    try:
        low, high = (float(end) for end in span)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        low = high = math.nan
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise OpError(
            f"span is where the inputs are drawn from, (low, high) with finite low < high, "
            f"got {span!r}"
        )
    return low, high


def _first_of_each_field(found: list[str]) -> list[str]:
    """One problem per field (`formulas[0]`, `definition`, …): where it first shows."""
    seen: set[str] = set()
    kept = []
    for problem in found:
        field = problem.split(" ", 1)[0]
        if field not in seen:
            seen.add(field)
            kept.append(problem)
    return kept


def _points(
    op: Op, count: int, seed: int, low: float, high: float
) -> Iterator[tuple[float, float | None]]:
    """The chosen points (in [−s, s] scaled by s/3: 0, ±10, ±20, 5 in [−30, 30]; in any
    other span, those inside it), then random ones in [low, high] (constants from
    CONSTANTS)."""
    rng = random.Random(seed)
    scale = high / 3 if low == -high else 1.0
    for x in (scale * c for c in CHOSEN):
        if low <= x <= high:
            for y in _seconds(op, rng, low, high, scale):
                yield x, y
    for _ in range(count * 20):
        yield rng.uniform(low, high), next(iter(_seconds(op, rng, low, high, once=True)))


def _seconds(
    op: Op, rng: random.Random, low: float, high: float, scale: float = 1.0, once: bool = False
) -> list[float | None]:
    if op.arity == 2:
        chosen = [scale * c for c in SECONDS if low <= scale * c <= high]
        return [rng.uniform(low, high)] if once else [*chosen, rng.uniform(low, high)]
    if op.constant:
        return [rng.choice(CONSTANTS)] if once else list(CONSTANTS)
    return [None]


def _values(op: Op, x: float, y: float | None, out: float) -> dict[str, float]:
    """The placeholders' values at a point: a, b (or the constant) and out."""
    second = 0.0 if y is None else y
    return {"a": x, "b": second, placeholders(op)[3]: second, "out": out}


def _place(op: Op, x: float, y: float | None) -> str:
    second = "" if y is None else f", {'b' if op.arity == 2 else op.constant}={y:.6g}"
    return f"at a={x:.6g}{second}"


def _slope_problems(
    op: Op, formulas: list[Expr], slopes: tuple, values: dict, x: float, y: float | None, at: str
) -> list[str]:
    found = []
    for position, partial in enumerate(slopes[: op.arity]):
        numeric = forward_slope(op, x, y, position)
        if numeric is not None and not math.isclose(partial, numeric, rel_tol=1e-4, abs_tol=1e-6):
            found.append(
                f"partials[{position}] (∂out/∂{'ab'[position]}) is {partial:.8g} {at}, but "
                f"forward changes at the rate {numeric:.8g}"
            )
        said = _value(formulas[position], values)
        if said is None or not math.isclose(said, partial, rel_tol=1e-9, abs_tol=1e-12):
            found.append(
                f"formulas[{position}] {op.formulas[position]!r} gives {said} {at}, but "
                f"partials[{position}] gives {partial:.12g}"
            )
    return found


def _domain_problems(
    op: Op, conditions: list[tuple[Expr, str]], x: float, y: float | None, at: str
) -> list[str]:
    values = _values(op, x, y, 0.0)
    for condition, reason in conditions:
        if not _value(condition, values):
            continue
        try:
            result = call_forward(op, x, y)
        except (ValueError, ArithmeticError) as error:
            if str(error) != reason:
                return [
                    f"domain {reason!r} holds {at}, and forward refuses it, but with "
                    f"{str(error)!r}: raise the domain's reason, so every target says the same"
                ]
            return []
        return [f"domain {reason!r} holds {at}, but forward gives {result!r} there"]
    return []


def _written_problems(op: Op) -> list[str]:
    from .parser import parse_template

    try:
        read = parse_template(op.written, placeholders(op))
    except FormulaError as error:
        return [f"written {op.written!r} does not read as a formula: {error}"]
    wanted = tuple(Name(name) for name in op.operands)
    if not (isinstance(read, Call) and read.op.name == op.name and read.args == wanted):
        return [
            f"written {op.written!r} does not write the op itself on "
            f"{', '.join('{' + n + '}' for n in op.operands)}"
        ]
    return []


def _definition_uses_itself(op: Op, defined: Expr | None) -> list[str]:
    if defined is None:
        return []
    uses = fold(
        defined,
        lambda node, inner: any(inner) or (isinstance(node, Call) and node.op.name == op.name),
    )
    return [f"definition {op.definition!r} uses the op itself"] if uses else []


def _value(formula: Expr, values: dict[str, float]) -> float | None:
    try:
        return evaluate(formula, values)
    except (ValueError, ArithmeticError, KeyError):
        return None


def forward_slope(
    op: Op, x: float, y: float | None, position: int, eps: float = 1e-6
) -> float | None:
    """The rate at which the op's forward changes with its input at `position`, by a
    central difference of width eps·max(1, |input|); None when a side leaves the domain."""
    at = x if position == 0 else y
    h = eps * max(1.0, abs(at))  # type: ignore[arg-type]
    try:
        if position == 0:
            return (run_op(op, x + h, y)[0] - run_op(op, x - h, y)[0]) / (2 * h)
        return (run_op(op, x, y + h)[0] - run_op(op, x, y - h)[0]) / (2 * h)  # type: ignore[operator]
    except (ValueError, ArithmeticError):
        return None


def _near_kink(op: Op, x: float, y: float | None) -> bool:
    """Whether the slope jumps within a difference step of x (relu, abs at 0)."""
    h = 1e-4 * max(1.0, abs(x))
    try:
        left, right = run_op(op, x - h, y)[1][0], run_op(op, x + h, y)[1][0]
    except (ValueError, ArithmeticError):
        return True
    return not math.isclose(left, right, rel_tol=1e-2, abs_tol=1e-2)


def _exact_problems(op: Op, formulas: list[Expr], defined: Expr | None) -> list[str]:
    """Each formula against SymPy's derivative of the op (nothing when SymPy is missing, or
    the op has comparisons, whose derivative SymPy writes with delta functions)."""
    from .symbolic import exact_form, sympy_module

    try:
        sp = sympy_module()
    except ImportError:
        return []
    itself = Call(op, tuple(Name(n) for n in op.operands))
    forward = defined if defined is not None else itself
    if any(_has_comparison(f) for f in [forward, *formulas]):
        return []
    try:
        symbols, out = exact_form(forward)
        found = []
        for position, formula in enumerate(formulas):
            wanted = sp.diff(out, symbols["ab"[position]])
            _, said = exact_form(formula, symbols, {"out": out})
            if sp.simplify(wanted - said) != 0:
                found.append(
                    f"formulas[{position}] {op.formulas[position]!r} is not the derivative of "
                    f"the op: SymPy finds {sp.sstr(sp.simplify(wanted))}"
                )
        return found
    except OpError:
        return []  # an op SymPy cannot write is left to the numeric checks


def _has_comparison(expr: Expr) -> bool:
    return fold(expr, lambda node, inner: any(inner) or isinstance(node, Indicator))


__all__ = ["CONSTANTS", "forward_slope", "problems"]
