"""Checking a claimed value: a printed number held to its decimals, or a formula over the
labels of a node's graph.

`check_number("0.0850", truth)` holds a printed number to the decimals it shows (the
documents' printed results and arithmetic go through it, and `check_partial`'s numbers);
`check_value(σ1, "0.5744")` does so for a node's value, and `check_value(Z3, "W5·σ1 +
W6·σ1 + b3")` evaluates the formula at the recorded point and at replayed points (the
labelled leaves moved, as `check_partial` moves them), so a formula equal to the node at
one point by chance is found out. A wrong claim is given the node's own equation.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..core.replay import Tape
from ..core.value import Value
from ..explanation.folding import Folding
from .agreement import compare
from .points import claim_at, formula_on, labelled_leaves, replayed
from .printed import NUMBER, as_number, as_stated, tolerance
from .verdict import RightFormula, Verdict, judged


def check_number(
    claim: Any, truth: float, *, atol: float = 1e-9, rtol: float = 1e-6, **about: Any
) -> Verdict:
    """Is the printed number `claim` the value `truth`? Right when the truth, written to
    the decimals the claim shows, reads as the claim (a whole number: exactly).

    `about` names what the claim is about (`of`, `wrt_label`) for the verdict.
    """
    held = as_stated(claim)
    claimed = as_number(held)
    if not math.isfinite(claimed):
        raise ValueError(f"the claim {reprlib.repr(claim)} is not a finite number")
    error = abs(truth - claimed)
    ok = error <= tolerance(held, atol, rtol)
    return Verdict(
        judged(ok), claim, claimed, truth, error=error, right_here=ok, correct_value=truth, **about
    )


def check_value(
    node: Value,
    claim: Any,
    *,
    points: int = 50,
    seed: int = 0,
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Verdict:
    """Is `claim` the value of `node`? A number, or a formula over the labels of its graph."""
    if not isinstance(node, Value):
        raise TypeError(f"check_value takes a Value, got {type(node).__name__}")
    label = node.label or "the node"
    if not isinstance(claim, str) or NUMBER.fullmatch(claim):
        verdict = check_number(claim, node.data, atol=atol, rtol=rtol, of=label)
    else:
        verdict = _formula_value(node, claim, label, points, seed, atol, rtol)
    if verdict.ok:
        return verdict
    gap = f"off by {'up to ' if verdict.points_checked > 1 else ''}{verdict.error:.6g}"
    written = Folding(node).equation(node)
    right = None if written is None else RightFormula(written, 0)
    return replace(verdict, detail=gap, correct_formula=right)


def _formula_value(
    node: Value, claim: str, label: str, points: int, seed: int, atol: float, rtol: float
) -> Verdict:
    """A formula for the node's value, compared with it at the recorded point and at
    `points` replayed ones."""
    tape = Tape.record(node)
    formula = formula_on(tape, claim)

    def samples() -> Iterator[tuple[float, float]]:
        for _ in replayed(tape, labelled_leaves(tape, but=node), points, seed):
            yield claim_at(formula, tape), tape.values[len(tape.nodes) - 1]

    found = compare(samples(), lambda said, truth: abs(said - truth) <= atol + rtol * abs(truth))
    return Verdict(
        judged(found.ok),
        claim,
        found.claimed,
        node.data,
        of=label,
        points_checked=found.checked,
        error=found.largest_gap,
        right_here=found.right_here,
        correct_value=node.data,
        formula=formula.expr,
    )
