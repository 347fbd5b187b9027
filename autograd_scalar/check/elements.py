"""Several partial derivatives said at once, judged as one claim.

A line may say several partials at once (its `Element`s): one derivative written two
ways (`∂ℓ/∂W5 = (σ3 − y)·σ1 = 0.0345`), or the partials of several parameters in one
formula. Each is checked by `check_partial`; the claim is right when every one is. When some are wrong
the verdict is the first wrong one's: only it is diagnosed, and its diagnosis says
whether it holds for the other wrong elements too (`_scoped`); the right value is
given, with a right formula when every wrong element has one that passes the same
check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..core.value import Value
from .diagnose import Diagnosis
from .partial import check_partial
from .points import formula_text
from .printed import decimals, held_to, shown_like
from .verdict import Verdict


@dataclass(frozen=True)
class Element:
    """One partial derivative to check: ∂of/∂wrt against a number, formula or callable,
    with a right one (`correct`) to offer when it is wrong."""

    of: str
    wrt: str
    stated: Any
    correct: Any = None


def check_elements(
    nodes: Mapping[str, Value],
    elements: Sequence[Element],
    *,
    points: int = 50,
    correct_text: str = "",
    values_named: str = "the values given",
) -> Verdict:
    """Is every ∂of/∂wrt of `elements` what it says, on the graph whose labelled nodes
    are `nodes`? The verdict is the first wrong element's (only it is diagnosed), or
    the first one's when all are right; `correct_text` prints the right formula, and
    `values_named` is what the nodes' own values are called where the claim fails."""
    checked: list[tuple[Element, Verdict]] = []
    for e in elements:
        of, wrt = nodes[e.of], nodes[e.wrt]
        first_wrong = all(v.ok for _, v in checked)  # only its right formula is shown
        verdict = check_partial(of, wrt, e.stated, points=points, right_formula=first_wrong)
        checked.append((e, verdict))
    wrong = [(e, v) for e, v in checked if not v.ok]
    element, first = (wrong or checked)[0]
    verdict = replace(
        first,
        claim=element.stated,
        points_checked=max(v.points_checked for _, v in checked),
        correct_value=first.computed,
        diagnosis=_scoped([v for _, v in wrong]),
    )
    if wrong:
        where = _where_wrong(verdict, len(wrong), len(checked), values_named)
        right = _right_partial(nodes, wrong, points, correct_text)
        return replace(verdict, detail=where, correct=right)
    many = f"{len(checked)} elements " if len(checked) > 1 else ""
    how = _how_held(element.stated, verdict.points_checked)
    return replace(verdict, detail=f"{many}agree with the engine's {verdict.subject} {how}")


def first_right_value(
    nodes: Mapping[str, Value], elements: Sequence[Element], *, points: int = 50
) -> float | None:
    """The value of the first of `elements` when every one of them holds (each checked
    by `check_partial`, undiagnosed), else None."""
    found = [
        check_partial(nodes[e.of], nodes[e.wrt], e.stated, points=points, diagnose=False)
        for e in elements
    ]
    return found[0].computed if all(v.ok for v in found) else None


def _scoped(wrong: list[Verdict]) -> Diagnosis | None:
    """The first wrong element's diagnosis, saying whether it holds for the other wrong
    elements too (the same kinds of mistake), or for which of them only."""
    if not wrong or wrong[0].diagnosis is None:
        return None
    first = wrong[0].diagnosis
    if len(wrong) == 1:
        return first
    like = [v for v in wrong if v.diagnosis is not None and _same(v.diagnosis, first)]
    if len(like) == len(wrong):
        scope = f"the same holds for each of the {len(wrong)} wrong elements"
    else:
        others = ", ".join(v.subject for v in wrong if v not in like)
        only = ", ".join(v.subject for v in like)
        scope = f"it holds for {only} only, not for {others}"
    return replace(first, note=" ".join(x for x in (first.note, scope) if x))


def _same(one: Diagnosis, other: Diagnosis) -> bool:
    kinds = [(f.kind, f.mistakes) for f in one.findings]
    return kinds == [(f.kind, f.mistakes) for f in other.findings]


def _how_held(stated: Any, points: int) -> str:
    """How a right partial was held: at many points (a formula), or as printed (a number)."""
    return f"at {points} points" if decimals(stated) is None else held_to(stated)


def _where_wrong(first: Verdict, wrong: int, elements: int, values_named: str) -> str:
    """Where a partial claim fails, in words (off by = claimed − computed)."""
    if first.points_checked <= 1 or not first.right_here:
        where = f"{first.subject}: wrong at {values_named}"
    else:
        shown = ", ".join(f"{k} = {v:.4g}" for k, v in list((first.worst_point or {}).items())[:6])
        where = f"{first.subject}: right at {values_named}, wrong at {shown}, …"
    if elements > 1:
        where += f" ({wrong} of {elements} elements wrong)"
    return where


def _right_partial(
    nodes: Mapping[str, Value],
    wrong: list[tuple[Element, Verdict]],
    points: int,
    correct_text: str,
) -> str:
    """The right value, and a right formula when one is given and passes the same check."""
    element, first = wrong[0]
    number = (
        shown_like(first.computed, element.stated)
        if decimals(element.stated) is not None
        else f"{first.computed:.6g}"
    )
    if all(e.correct is not None for e, _ in wrong):
        if all(
            check_partial(nodes[e.of], nodes[e.wrt], e.correct, points=points).ok for e, _ in wrong
        ):
            formula = correct_text or formula_text(element.correct)
            return f"{formula} = {number}"
    return number
