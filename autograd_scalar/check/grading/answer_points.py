"""The points every answer about one node's graph is checked at, replayed once per class.

`check_partial` replays the graph at the recorded point and at 50 more for each claim
(`check.points`). A class of a thousand sheets asks the same of the same graph ten
thousand times, so `AnswerPoints` replays it once: the same points (the same leaves
moved, the same seed), with every label's value and every node's gradient at each. An
answer is then one walk over its formula tree, every point at once (`values`), and
agrees with the truth where `check_partial` would say it does: within
`atol + rtol·|truth|` at every point, a value that is not finite never agreeing.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any

from ...core.ops import call_forward
from ...core.replay import Tape
from ...core.value import Value
from ...formula.expr import RELATIONS, Call, Expr, Indicator, Name, Number, fold
from ..points import labelled_leaves, replayed

POINTS, SEED, RTOL, ATOL = 50, 0, 1e-6, 1e-9  # check_partial's own, so both judge alike


class AnswerPoints:
    """The recorded graph of `of` and the points it is checked at: `moved` (the leaves
    set at each: every labelled leaf but the `fixed` ones), `columns` ({label: its value
    at each point}) and `grads` (every slot's gradient at each point)."""

    def __init__(self, of: Value, fixed: Collection[str] = ()) -> None:
        self.tape = tape = Tape.record(of)
        self.moved: list[dict[Value | str, float]] = []
        rows: list[dict[str, float]] = []
        self.grads: list[list[float]] = []
        leaves = [leaf for leaf in labelled_leaves(tape) if leaf.label not in fixed]
        for point in replayed(tape, leaves, POINTS, SEED, backward=True):
            self.moved.append(dict(point.items()))
            rows.append(tape.labelled_values())
            self.grads.append(list(tape.grads))
        self.columns = {label: [row[label] for row in rows] for label in rows[0]}
        tape.forward(self.moved[0])  # back at the recorded point
        tape.backward()

    def __len__(self) -> int:
        return len(self.moved)

    def leaves_at(self, i: int) -> dict[str, float]:
        """The labelled leaves at point `i`, by label (where a claim is furthest off)."""
        return {
            leaf.label: value for leaf, value in self.moved[i].items() if isinstance(leaf, Value)
        }

    def truths(self, wrt: Value) -> list[float]:
        """∂of/∂wrt at each point (0 where of does not depend on wrt)."""
        slot = self.tape.slot.get(wrt)
        return [0.0] * len(self) if slot is None else [g[slot] for g in self.grads]

    def values(self, expr: Expr) -> list[float]:
        """The formula's value at each point; NaN where it is undefined or not finite."""
        count = len(self)

        def combine(node: Expr, args: list[Any]) -> list[float]:
            if isinstance(node, Number):
                return [node.value] * count
            if isinstance(node, Name):
                return self.columns[node.label]
            if isinstance(node, Indicator):
                holds = RELATIONS[node.relation]
                return [1.0 if holds(a, b) else 0.0 for a, b in zip(args[0], args[1])]
            return _call(node, args)

        return [v if math.isfinite(v) else math.nan for v in fold(expr, combine)]


def agrees(value: float, truth: float) -> bool:
    """check_partial's test of a claim at one point (False for NaN and inf)."""
    return abs(value - truth) <= ATOL + RTOL * abs(truth)


def _call(node: Call, args: list[list[float]]) -> list[float]:
    op = node.op
    pairs: Any = list(zip(args[0], args[1])) if len(args) == 2 else [(a, None) for a in args[0]]
    try:  # the usual case: defined at every point, one call each
        return [float(call_forward(op, a, b)) for a, b in pairs]
    except (ArithmeticError, ValueError):  # outside the op's domain somewhere: NaN there
        return [_at(op, a, b) for a, b in pairs]


def _at(op: Any, a: float, b: float | None) -> float:
    try:
        return float(call_forward(op, a, b))
    except (ArithmeticError, ValueError):
        return math.nan
