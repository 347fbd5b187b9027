"""An update rule: `p ← p + sign·rate·slope`, judged by whether it lowers the loss.

A rule is right when a small step of it (`RULE_STEP`) lowers the loss at the given
values and at `points` moved copies of them (`network.points`). It is then run as
written for `steps` steps of `rate` (`descent.descend`), to say what it does; a wrong
rule is also run corrected (its sign as `correct` gives it, on the engine's gradient)
when that is right, so the verdict says what the right rule does instead. The slope is
the engine's gradient, or a `Procedure`'s formulas (the slopes a document derives).
"""

from __future__ import annotations

from collections.abc import Mapping

from .descent import Procedure, descend
from .network import Builder, points
from .verdict import Verdict, judged

RULE_STEP = 1e-3  # small enough that a descent step always lowers a smooth loss


def check_rule(
    build: Builder,
    values: Mapping[str, float],
    sign: float,
    *,
    rate: float,
    steps: int,
    points: int = 50,
    procedure: Procedure | None = None,
    correct: float | None = None,
    correct_text: str = "",
) -> Verdict:
    """Does `p ← p + sign·rate·slope` lower the loss (the network's output) at `values`
    and at `points` other points? The slope is ∂loss/∂p, or `procedure`'s formula for
    p. `correct` is the right sign, when the rule's sign is what may be wrong."""
    seen = _lowers(build, values, points, sign, procedure)
    ok = all(seen)
    written = descend(build, values, rate, steps, sign, procedure=procedure)
    detail = (
        f"slopes: {written.by}; a step of {RULE_STEP:g} lowers the loss at {sum(seen)} of "
        f"{len(seen)} points; run as written: {written.says()}"
    )
    right, value = "", written.losses[-1]
    # The right rule: the sign corrected (when one is given), on the true slopes.
    right_sign = sign if correct is None else correct
    if not ok and (procedure is not None or correct is not None):
        if all(_lowers(build, values, points, right_sign, None)):
            run = descend(build, values, rate, steps, right_sign)
            right = correct_text or f"the same rule on {run.by}"
            value = run.losses[-1]
            detail += f"; run as {right}: {run.says()}"
    slope = f"∂{written.loss}/∂p" if procedure is None else f"({procedure.name})"
    along = f"steps along {'+' if sign > 0 else '−'}{slope}"
    return Verdict(
        judged(ok),
        along,
        along,
        written.says(),
        points_checked=len(seen),
        detail=detail,
        correct=right,
        correct_value=value,
    )


def _lowers(
    build: Builder,
    values: Mapping[str, float],
    many: int,
    sign: float,
    procedure: Procedure | None,
) -> list[bool]:
    """At each point, whether one step of `RULE_STEP` lowers the loss."""
    runs = [
        descend(build, p, RULE_STEP, 1, sign, procedure=procedure) for p in points(values, many)
    ]
    return [run.losses[1] < run.losses[0] for run in runs]
