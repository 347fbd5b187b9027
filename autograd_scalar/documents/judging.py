"""Judging a document's claim: each kind is computed with the engine and judged by `check`.

Partial derivatives go through `check_partial` (at the document's values and at
replayed points), a node's printed value through `check_value`, printed arithmetic and
updates through `check_number`: every printed number is held to the decimals it shows.
Definitions and identities are compared with the network at the document's values and
at rebuilt points (`check.agreement`). An update rule is judged by taking a small step
and seeing whether the loss goes down, and is then run for many steps (`training`).
Facts are computed by the claim's measure. What is the document's own here is the
wording of how each claim was held, and the right formulas the document module gives;
claims that cannot all hold are checked on each variant of the network the text
allows and judged together by `check.together` (`judge_on_variants`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from ..check.agreement import compare, same
from ..check.descent import Procedure, descend
from ..check.diagnose import Diagnosis
from ..check.network import Network, points
from ..check.partial import check_partial
from ..check.points import value_of
from ..check.printed import decimals, held_to, right_number, shown_like
from ..check.together import judge_parts, judge_together
from ..check.value import check_number, check_value
from ..check.verdict import Verdict, judged
from ..core.gradients import grad
from ..errors import DomainError
from ..formula.parser import parse_formula
from .claims import Claim, Element, Variant, formula_text

RULE_STEP = 1e-3  # small enough that a descent step always lowers a smooth loss


def check_claim(claim: Claim, on: Variant) -> Verdict:
    """The computed verdict on `claim` for the network `on.build(on.values)`, with the
    verdicts of its other readings (each on its own network when it names one)."""
    if claim.parts:
        return _statement(claim, on)
    verdict = _JUDGES[claim.kind](claim, on)
    others = tuple(check_claim(other, other.network or on) for other in claim.others)
    return replace(verdict, statement=claim, reading=claim.reading, others=others)


def _statement(claim: Claim, on: Variant) -> Verdict:
    """A statement of several parts, as one verdict: on one reading, each part with its
    own other readings; or, when every part has as many, on each reading in turn."""
    counts = {len(part.others) for part in claim.parts}
    if counts == {0} or len(counts) > 1:
        found = [[check_claim(part, part.network or on)] for part in claim.parts]
        readings = [claim.reading]
    else:
        found = [
            [
                replace(_JUDGES[c.kind](c, c.network or on), statement=c, reading=c.reading)
                for c in (part, *part.others)
            ]
            for part in claim.parts
        ]
        first = claim.parts[0]
        readings = [claim.reading or first.reading, *(o.reading for o in first.others)]
    verdict = judge_parts(found, claim.says, readings)
    others = tuple(replace(other, statement=claim) for other in verdict.others)
    return replace(verdict, statement=claim, others=others)


def judge_on_variants(claims: Sequence[Claim], variants: Sequence[Variant]) -> list[Verdict]:
    """The verdicts of claims that cannot all hold: each checked on every variant of the
    network the text allows (the document's own first), then judged together."""
    found = [[check_claim(claim, variant) for variant in variants] for claim in claims]
    readings = [variant.name for variant in variants]
    return judge_together(found, [claim.line for claim in claims], readings, noun="line")


def _printed(verdict: Verdict, claim: Claim, how: str) -> Verdict:
    """A printed number's verdict, with how it was held and the number it should have been."""
    truth = verdict.computed
    return replace(
        verdict,
        detail=f"{how}; held {held_to(claim.stated)}",
        correct="" if verdict.ok else right_number(truth, claim.stated),
        correct_value=truth,
    )


def _value(claim: Claim, on: Variant) -> Verdict:
    node = on.build(on.values).nodes[claim.of]
    return _printed(check_value(node, claim.stated), claim, f"{claim.of} = {node.data:.10g}")


def _arithmetic(claim: Claim, on: Variant) -> Verdict:
    result = value_of(claim.of, {})
    verdict = check_number(claim.stated, result, of=claim.of)
    verdict = _printed(verdict, claim, f"{claim.of} = {result:.10g}, computed as written")
    if verdict.ok or claim.correct is None:
        return verdict
    # Arithmetic fed a number the document got wrong: "right" is the line with that
    # number computed (`correct` prints it), never the sum of the wrong one alone.
    fixed = claim.correct(on.build(on.values))
    if fixed == claim.of:
        return verdict
    truth = value_of(fixed, {})
    printed = f"as printed, {claim.of} = {verdict.correct}"
    correct = f"{fixed} = {shown_like(truth, claim.stated)}, its inputs computed ({printed})"
    return replace(verdict, of="", correct=correct, correct_value=truth)


def _update(claim: Claim, on: Variant) -> Verdict:
    net = on.build(on.values)
    parameter = net.nodes[claim.of]
    slope = grad(net.root, parameter)
    after = parameter.data - claim.step * slope
    rule = f"{claim.of} − {claim.step:g}·∂{net.root.label}/∂{claim.of}"
    how = f"{rule} = {parameter.data:g} − {claim.step:g}·{slope:.6g} = {after:.10g}"
    return _printed(check_number(claim.stated, after, of=rule), claim, how)


def _equation(claim: Claim, on: Variant) -> Verdict:
    """A definition (`of` a node) or an identity (`of` a formula): equal at every point."""

    names = list(on.build(on.values).values())
    side = None if claim.kind == "definition" else _readable(claim.of, names)

    def truth(net: Network) -> float:
        if side is None:
            return net.nodes[claim.of].data
        return value_of(side, net.values())

    def samples(said: Any) -> Iterator[tuple[float, float]]:
        formula = _readable(said, names)  # read once, evaluated at every point
        for point in points(on.values, claim.points):
            try:
                net = on.build(point)
                found = value_of(formula, net.values()), truth(net)
            except (DomainError, ArithmeticError):
                continue  # outside a domain here: no point to compare
            yield found

    found = compare(samples(claim.stated), same)
    side = claim.of if claim.kind == "definition" else formula_text(claim.of)
    correct, worst, value = "", found.worst, found.computed
    if worst is None:
        detail = f"equal to {side} at {found.checked} points"
    else:
        correct = f"{found.computed:.6g}"
        if _are_partials(claim.correct):
            # Both sides stand for a derivative: what is right is that derivative.
            right = _right_derivative(claim, on)
            correct, value = (
                (f"{claim.correct_text} = {right:.6g}", right) if right else ("", value)
            )
        elif claim.correct is not None and compare(samples(claim.correct), same).ok:
            correct = f"{claim.correct_text or formula_text(claim.correct)} = {correct}"
        detail = (
            f"differs from {side} (largest gap {worst.gap:.3g}: {worst.said:.6g} against "
            f"{worst.truth:.6g}), at {found.checked} points"
        )
    return Verdict(
        judged(found.ok),
        claim.stated,
        found.claimed,
        found.computed,
        of=side,
        points_checked=found.checked,
        detail=detail,
        correct=correct,
        correct_value=value,
    )


def _readable(said: Any, names: list[str]) -> Any:
    """A formula read once over the network's names (a function is its own reading)."""
    return said if callable(said) else parse_formula(said, names)


def _are_partials(correct: Any) -> bool:
    return isinstance(correct, tuple) and bool(correct) and isinstance(correct[0], Element)


def _right_derivative(claim: Claim, on: Variant) -> float | None:
    """The first of the claim's right partials (`correct`, elements checked by
    check_partial), or None when one of them fails."""
    net = on.build(on.values)
    found = [
        check_partial(
            net.nodes[e.of], net.nodes[e.wrt], e.stated, points=claim.points, diagnose=False
        )
        for e in claim.correct
    ]
    return found[0].computed if all(v.ok for v in found) else None


def _partial(claim: Claim, on: Variant) -> Verdict:
    """Every element checked by check_partial; the verdict is the first wrong one's (only
    it is diagnosed), or the first one's when all are right."""
    net = on.build(on.values)
    checked: list[tuple[Element, Verdict]] = []
    for e in claim.elements:
        of, wrt = net.nodes[e.of], net.nodes[e.wrt]
        first_wrong = all(v.ok for _, v in checked)  # only its right formula is shown
        verdict = check_partial(of, wrt, e.stated, points=claim.points, right_formula=first_wrong)
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
        where = _where_wrong(verdict, len(wrong), len(checked))
        return replace(verdict, detail=where, correct=_right_partial(claim, net, wrong))
    many = f"{len(checked)} elements " if len(checked) > 1 else ""
    how = _how_held(element.stated, verdict.points_checked)
    return replace(verdict, detail=f"{many}agree with the engine's {verdict.subject} {how}")


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


def _where_wrong(first: Verdict, wrong: int, elements: int) -> str:
    """Where a partial claim fails, in words (off by = claimed − computed)."""
    if first.points_checked <= 1 or not first.right_here:
        where = f"{first.subject}: wrong at the document's values"
    else:
        shown = ", ".join(f"{k} = {v:.4g}" for k, v in list((first.worst_point or {}).items())[:6])
        where = f"{first.subject}: right at the document's values, wrong at {shown}, …"
    if elements > 1:
        where += f" ({wrong} of {elements} elements wrong)"
    return where


def _right_partial(claim: Claim, net: Network, wrong: list[tuple[Element, Verdict]]) -> str:
    """The right value, and a right formula when one is given and passes the same check."""
    element, first = wrong[0]
    number = (
        shown_like(first.computed, element.stated)
        if decimals(element.stated) is not None
        else f"{first.computed:.6g}"
    )
    if all(e.correct is not None for e, _ in wrong):
        if all(
            check_partial(net.nodes[e.of], net.nodes[e.wrt], e.correct, points=claim.points).ok
            for e, _ in wrong
        ):
            formula = claim.correct_text or formula_text(element.correct)
            return f"{formula} = {number}"
    return number


def _rule(claim: Claim, on: Variant) -> Verdict:
    procedure = claim.procedure

    def lowers_with(sign: float, slopes: Procedure | None) -> list[bool]:
        steps = [
            descend(on.build, p, RULE_STEP, 1, sign, procedure=slopes)
            for p in points(on.values, claim.points)
        ]
        return [step.losses[1] < step.losses[0] for step in steps]

    seen = lowers_with(float(claim.stated), procedure)
    ok = all(seen)
    written = descend(
        on.build, on.values, claim.step, claim.steps, float(claim.stated), procedure=procedure
    )
    detail = (
        f"slopes: {written.by}; a step of {RULE_STEP:g} lowers the loss at {sum(seen)} of "
        f"{len(seen)} points; run as written: {written.says()}"
    )
    correct, value = "", written.losses[-1]
    # The right rule: the sign corrected (when the claim gives one), on the true slopes.
    sign = float(claim.stated if claim.correct is None else claim.correct)
    if not ok and (procedure is not None or claim.correct is not None):
        if all(lowers_with(sign, None)):
            right = descend(on.build, on.values, claim.step, claim.steps, sign)
            correct = claim.correct_text or f"the same rule on {right.by}"
            value = right.losses[-1]
            detail += f"; run as {correct}: {right.says()}"
    slope = f"∂{written.loss}/∂p" if procedure is None else f"({procedure.name})"
    along = f"steps along {'+' if float(claim.stated) > 0 else '−'}{slope}"
    return Verdict(
        judged(ok),
        along,
        along,
        written.says(),
        points_checked=len(seen),
        detail=detail,
        correct=correct,
        correct_value=value,
    )


def _measured(claim: Claim, on: Variant) -> Verdict:
    assert claim.measure is not None  # Claim refuses a fact without one
    found = claim.measure(on.build, on.values)
    ok = found.phrase == claim.stated
    return Verdict(
        judged(ok),
        claim.stated,
        claim.stated,
        found.phrase,
        detail=found.detail,
        correct="" if ok else found.phrase,
        correct_value=found.value,
        value_from=found.value_from,
    )


_JUDGES: dict[str, Callable[[Claim, Variant], Verdict]] = {
    "value": _value,
    "arithmetic": _arithmetic,
    "definition": _equation,
    "identity": _equation,
    "partial": _partial,
    "update": _update,
    "rule": _rule,
    "structure": _measured,
    "role": _measured,
    "meaning": _measured,
    "training": _measured,
}
