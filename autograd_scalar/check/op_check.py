"""check_op: is an op record right? Its partials, its formulas and its written form, tested.

An op record says the same thing four times: `forward` computes it, `partials` gives its
slopes, `formulas` write those slopes, `written` writes the op. Nothing ties them but a
test, so this is that test, for any record (the table's own, or one about to be
registered): at random points where the op is defined, each partial must match a central
difference of `forward`, each formula must evaluate to its partial, and `written` must
evaluate to `forward`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ..core.ops import Op
from ..core.value import run_op
from ..errors import FormulaError, OpError
from ..formula.expr import evaluate as evaluate_formula
from ..formula.parser import parse_template

CONSTANTS = (2.0, 3.0, -1.0, 0.5, 1.5, -0.5)  # tried for an op's constant (pow's exponent)


@dataclass(frozen=True)
class OpCheckResult:
    """What `check_op` found: `problems` is empty when the record is right."""

    op: Op
    points: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        if self.ok:
            return f"✓ op {self.op.name!r}: partials, formulas and written form agree at {self.points} points"
        return f"✗ op {self.op.name!r}:\n" + "\n".join(f"  - {p}" for p in self.problems)

    def __repr__(self) -> str:
        return str(self)


def check_op(
    op: Op, points: int = 40, seed: int = 0, raise_exception: bool = True
) -> OpCheckResult:
    """Test an op record against itself at `points` random points (see the module's doc).

    Raises OpError listing what disagrees unless `raise_exception=False`.
    """
    if not isinstance(op, Op):
        raise TypeError(f"check_op takes an Op record, got {type(op).__name__}")
    names = ["a", "b", "out", op.constant or "k"]
    problems: list[str] = []
    try:
        formulas = [parse_template(f, names) for f in op.formulas]
        written = parse_template(op.written, names)
    except FormulaError as error:
        problems.append(f"a template does not parse: {error}")
        formulas, written = [], None
    rng = random.Random(seed)
    checked = 0
    for _ in range(points * 50):
        if checked == points or len(problems) >= 5:
            break
        x = rng.uniform(-3.0, 3.0)
        y = (
            rng.uniform(-3.0, 3.0)
            if op.arity == 2
            else rng.choice(CONSTANTS)
            if op.constant
            else None
        )
        try:
            out, partials = run_op(op, x, y)
        except (ValueError, ArithmeticError):
            continue  # outside the op's domain
        if not all(map(math.isfinite, partials)) or _near_kink(op, x, y):
            continue
        checked += 1
        at = f"at a={x:.6g}" + (
            f", {'b' if op.arity == 2 else op.constant}={y:.6g}" if y is not None else ""
        )
        values = {
            "a": x,
            "out": out,
            "b": y if y is not None else 0.0,
            op.constant or "k": y or 0.0,
        }
        for position, partial in enumerate(partials[: op.arity]):
            numeric = forward_slope(op, x, y, position)
            if numeric is not None and not math.isclose(
                partial, numeric, rel_tol=1e-4, abs_tol=1e-6
            ):
                problems.append(
                    f"∂out/∂{'ab'[position]} is {partial:.8g} {at}, but forward changes at the rate {numeric:.8g}"
                )
            if position < len(formulas):
                said = _value(formulas[position], values)
                if said is None or not math.isclose(said, partial, rel_tol=1e-9, abs_tol=1e-12):
                    problems.append(
                        f"formula {op.formulas[position]!r} gives {said} {at}, but the partial is {partial:.12g}"
                    )
        if written is not None:
            said = _value(written, values)
            if said is None or not math.isclose(said, out, rel_tol=1e-9, abs_tol=1e-12):
                problems.append(
                    f"written {op.written!r} gives {said} {at}, but forward gives {out:.12g}"
                )
    if checked == 0 and not problems:
        problems.append("no point in [-3, 3] is in the op's domain; nothing could be checked")
    result = OpCheckResult(op, checked, problems)
    if raise_exception and not result.ok:
        raise OpError(str(result))
    return result


def _value(formula: object, values: dict[str, float]) -> float | None:
    try:
        return evaluate_formula(formula, values)  # type: ignore[arg-type]
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
