"""Judging one claim: each kind of claim is checked by computing it with the engine.

Partial derivatives go through `check_partial` (at the document's values and at
replayed points). Printed numbers and printed arithmetic are held to the decimals they
show. Definitions and identities are evaluated at the document's values and at rebuilt
points. An update rule is judged by taking a small step and seeing whether the loss goes
down, and is then run for many steps (`training`). Facts are computed by the claim's
measure. Every verdict here is `right` or `wrong`; `consistency` finds `inconsistent`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..check.partial import check_partial
from ..check.printed import as_number, decimals, is_whole, rounds_to, shown_like, truncates_to
from ..check.verdict import Verdict as PartialVerdict
from ..core.grad import grad
from ..errors import DomainError
from ..formula.parser import parse_formula
from .claims import Claim, Element, Variant
from .network import Network, points
from .reading import evaluate, formula_text
from .training import descend
from .verdicts import RIGHT, WRONG, Verdict

RULE_STEP = 1e-3  # small enough that a descent step always lowers a smooth loss
SAME = 1e-9  # two values this close (relative to 1 or the value) are the same


def judged(ok: bool) -> str:
    """The verdict word for a claim that holds or does not."""
    return RIGHT if ok else WRONG


def check_claim(claim: Claim, on: Variant) -> Verdict:
    """The computed verdict on `claim` for the network `on.build(on.values)`, with the
    verdicts of its other readings (each on its own network when it names one)."""
    verdict = _JUDGES[claim.kind](claim, on)
    if not claim.others:
        return verdict
    others = tuple(check_claim(other, other.network or on) for other in claim.others)
    return replace(verdict, others=others)


def _printed(claim: Claim, truth: float, how: str) -> Verdict:
    """A printed number held to the decimals it shows."""
    printed = claim.stated
    ok = rounds_to(truth, printed)
    held = "exactly" if is_whole(printed) else f"to the {decimals(printed)} decimals printed"
    return Verdict(claim, judged(ok), printed, as_number(printed), truth,
                   "" if ok else right_number(truth, printed), truth,
                   f"{how}; held {held}")  # fmt: skip


def right_number(truth: float, printed: str) -> str:
    """`truth` as the document would have printed it; says so when the print cut it short."""
    shown = shown_like(truth, printed)
    if truncates_to(truth, printed):
        places = decimals(printed) or 0
        return f"{truth:.7g} = {truth:.{places}f} to {places} decimals; {printed} cuts it short"
    return shown


def _value(claim: Claim, on: Variant) -> Verdict:
    node = on.build(on.values).nodes[claim.of]
    return _printed(claim, node.data, f"{claim.of} = {node.data:.10g}")


def _arithmetic(claim: Claim, on: Variant) -> Verdict:
    result = parse_formula(claim.of, ())({})
    return _printed(claim, result, f"{claim.of} = {result:.10g}, computed as written")


def _worst(claim: Claim, on: Variant, said: Any, truth: Callable[[Network], float]) -> tuple[float, float, float, int]:  # fmt: skip
    """The largest gap between `said` and `truth` over the points: (gap, said, truth, count)."""
    largest, count = (0.0, 0.0, 0.0), 0
    for point in points(on.values, claim.points):
        try:
            net = on.build(point)
            found = (evaluate(said, net.values()), truth(net))
        except (DomainError, ArithmeticError):
            continue  # outside a domain here: no point to compare
        count += 1
        gap = abs(found[0] - found[1]) / max(1.0, abs(found[1]))
        largest = max(largest, (gap, *found))
    return (*largest, count)


def _equation(claim: Claim, on: Variant) -> Verdict:
    """A definition (`of` a node) or an identity (`of` a formula): equal at every point."""

    def truth(net: Network) -> float:
        if claim.kind == "definition":
            return net.nodes[claim.of].data
        return evaluate(claim.of, net.values())

    net = on.build(on.values)
    claimed, computed = evaluate(claim.stated, net.values()), truth(net)
    gap, said, true, count = _worst(claim, on, claim.stated, truth)
    ok = gap <= SAME
    correct = ""
    if not ok:
        correct = f"{computed:.6g}"
        if claim.correct is not None and _worst(claim, on, claim.correct, truth)[0] <= SAME:
            correct = f"{claim.correct_text or formula_text(claim.correct)} = {computed:.6g}"
    side = claim.of if claim.kind == "definition" else formula_text(claim.of)
    detail = (
        f"equal to {side} at {count} points"
        if ok
        else f"differs from {side} (largest gap {gap:.3g}: {said:.6g} against {true:.6g}), "
        f"at {count} points"
    )
    return Verdict(claim, judged(ok), claimed, claimed, computed, correct, computed, detail,
                   count)  # fmt: skip


def _partial(claim: Claim, on: Variant) -> Verdict:
    net = on.build(on.values)
    checked: list[tuple[Element, PartialVerdict]] = []
    for e in claim.elements:  # only the first wrong element's diagnosis is reported
        diagnose = all(v.ok for _, v in checked)
        verdict = check_partial(net.nodes[e.of], net.nodes[e.wrt], e.stated, points=claim.points,
                                diagnose=diagnose)  # fmt: skip
        checked.append((e, verdict))
    count = max(v.points_checked for _, v in checked)
    wrong = [(e, v) for e, v in checked if not v.ok]
    element, first = (wrong or checked)[0]
    places = decimals(element.stated)
    claimed: Any = element.stated if places is not None else first.claimed
    partial = f"∂{element.of}/∂{element.wrt}"
    if not wrong:
        how = (
            f"at {count} points"
            if places is None
            else "exactly"
            if is_whole(element.stated)
            else f"to the {places} decimals printed"
        )
        many = f"{len(checked)} elements " if len(checked) > 1 else ""
        detail = f"{many}agree with the engine's {partial} {how}"
        return Verdict(claim, RIGHT, claimed, first.claimed, first.computed, "",
                       first.computed, detail, count)  # fmt: skip
    return Verdict(claim, WRONG, claimed, first.claimed, first.computed,
                   _right_partial(claim, net, wrong), first.computed,
                   _where_wrong(partial, first, len(wrong), len(checked)), count,
                   diagnosis=_diagnosis(element, first, len(checked)))  # fmt: skip


def _diagnosis(element: Any, first: PartialVerdict, elements: int) -> str:
    """What the first wrong element's formula did, as check_partial diagnosed it."""
    if first.diagnosis is None:
        return ""
    said = "; ".join(str(first.diagnosis).splitlines())
    return f"for ∂{element.of}/∂{element.wrt}: {said}" if elements > 1 else said


def _where_wrong(partial: str, first: PartialVerdict, wrong: int, elements: int) -> str:
    """Where a partial claim fails, in words (off by = claimed − computed)."""
    if first.points_checked <= 1 or not first.right_here:
        where = f"{partial}: wrong at the document's values"
    else:
        shown = ", ".join(f"{k} = {v:.4g}" for k, v in list((first.worst_point or {}).items())[:6])
        where = f"{partial}: right at the document's values, wrong at {shown}, …"
    if elements > 1:
        where += f" ({wrong} of {elements} elements wrong)"
    return where


def _right_partial(claim: Claim, net: Network, wrong: list[tuple[Element, PartialVerdict]]) -> str:
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


def _update(claim: Claim, on: Variant) -> Verdict:
    net = on.build(on.values)
    parameter = net.nodes[claim.of]
    slope = grad(net.root, parameter)
    after = parameter.data - claim.step * slope
    how = f"{claim.of} − {claim.step:g}·∂{net.root.label}/∂{claim.of} = {parameter.data:g} − {claim.step:g}·{slope:.6g} = {after:.10g}"
    return _printed(claim, after, how)


def _rule(claim: Claim, on: Variant) -> Verdict:
    def lowers(sign: float) -> list[bool]:
        steps = [descend(on.build, p, RULE_STEP, 1, sign) for p in points(on.values, claim.points)]
        return [step.losses[1] < step.losses[0] for step in steps]

    seen = lowers(float(claim.stated))
    ok = all(seen)
    written = descend(on.build, on.values, claim.step, claim.steps, float(claim.stated))
    detail = (
        f"a step of {RULE_STEP:g} lowers the loss at {sum(seen)} of {len(seen)} points; "
        f"run as written: {written.says()}"
    )
    correct, value = "", written.losses[-1]
    if not ok and claim.correct is not None and all(lowers(float(claim.correct))):
        right = descend(on.build, on.values, claim.step, claim.steps, float(claim.correct))
        correct, value = claim.correct_text, right.losses[-1]
        detail += f"; run as {claim.correct_text}: {right.says()}"
    along = f"steps along {'+' if float(claim.stated) > 0 else '−'}∂{written.loss}/∂p"
    return Verdict(claim, judged(ok), along, None, written.says(), correct, value, detail,
                   len(seen))  # fmt: skip


def _measured(claim: Claim, on: Variant) -> Verdict:
    assert claim.measure is not None  # Claim refuses a fact without one
    found = claim.measure(on.build, on.values)
    ok = found.phrase == claim.stated
    return Verdict(claim, judged(ok), claim.stated, None, found.phrase,
                   "" if ok else found.phrase, found.value, found.detail)  # fmt: skip


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
