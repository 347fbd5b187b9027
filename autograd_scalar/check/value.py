"""Checking a claimed value of a node: a printed number, or a formula over other labels.

`check_value(σ1, "0.5744")` holds a number to the decimals it is printed with;
`check_value(Z3, "W5·σ1 + W6·σ1 + b3")` evaluates the formula at the recorded point and
at replayed points (the labelled leaves moved, as `check_partial` moves them), so a
formula equal to the node at one point by chance is found out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..core.replay import Tape
from ..core.value import Value, as_float
from ..explanation.folding import Folding
from ..formula.printing import text
from .points import claim_at, formula_on, labelled_leaves, replayed
from .printed import NUMBER, as_number, tolerance


@dataclass(frozen=True)
class ValueVerdict:
    """Whether a claimed value of the node `label` is right, with the numbers that show it.

    `equation` is the node's own equation over its inputs' labels ("" for a leaf): what
    the value is, when the claim is wrong.
    """

    ok: bool
    label: str
    claim: Any
    claimed: float
    computed: float
    error: float
    points_checked: int
    equation: str = ""

    @property
    def verdict(self) -> str:
        return "right" if self.ok else "wrong"

    def __str__(self) -> str:
        mark = "✓" if self.ok else "✗"
        line = f"{mark} {self.label} = {self.claim}: claimed {self.claimed:.6g}, "
        line += f"computed {self.computed:.6g}"
        if self.points_checked > 1:
            line += f", {self.points_checked} points"
        if not self.ok:
            line += f"; off by {'up to ' if self.points_checked > 1 else ''}{self.error:.6g}"
        return line

    def report(self) -> str:
        """The verdict's line and, for a wrong claim, what the node is."""
        right = (
            f"\n  right: {self.label} = {self.equation}" if self.equation and not self.ok else ""
        )
        return str(self) + right

    def __repr__(self) -> str:
        return self.report()


def check_value(node: Value, claim: Any, *, points: int = 50, seed: int = 0,
                rtol: float = 1e-6, atol: float = 1e-9) -> ValueVerdict:  # fmt: skip
    """Is `claim` the value of `node`? A number, or a formula over the labels of its graph."""
    if not isinstance(node, Value):
        raise TypeError(f"check_value takes a Value, got {type(node).__name__}")
    label = node.label or "the node"
    folding = Folding(node)
    written = folding.equation(node)
    equation = text(written) if written is not None else ""
    if not isinstance(claim, str) or NUMBER.fullmatch(claim):
        stated = claim.strip() if isinstance(claim, str) else as_float(claim, "a claimed value")
        claimed = as_number(stated)
        error = abs(node.data - claimed)
        ok = error <= tolerance(stated, atol, rtol)
        return ValueVerdict(ok, label, claim, claimed, node.data, error, 1, equation)
    tape = Tape.record(node)
    formula = formula_on(tape, claim)
    claimed, worst, checked = math.nan, 0.0, 0
    for _ in replayed(tape, labelled_leaves(tape, but=node), points, seed):
        truth = tape.values[len(tape.nodes) - 1]
        said = claim_at(formula, tape)
        if checked == 0:  # the recorded point itself
            claimed = said
        checked += 1
        gap = abs(said - truth) if math.isfinite(said) else math.inf
        if not gap <= atol + rtol * abs(truth):
            worst = max(worst, gap)
    return ValueVerdict(worst == 0.0, label, claim, claimed, node.data, worst, checked, equation)
