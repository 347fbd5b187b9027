"""Judging a document's claim: each kind handed to its function in `check`, with the
document's wording.

A partial (one element or several) goes to `check.elements`, a node's printed value
to `check_value`, printed arithmetic and updates to `check_number` (every printed
number is held to the decimals it shows), a definition or an identity to
`check.identity` (the network rebuilt at many points), an update rule to `check.rule`
(a small step lowers the loss; then run as written, by `check.descent`). Facts are
computed by the claim's measure. What is the document's own here is which function
judges each kind, the wording of how a printed number was held, and the right
formulas the document module gives; claims that cannot all hold are checked on each
variant of the network the text allows and judged together by `check.together`
(`judge_on_variants`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..check.elements import check_elements
from ..check.identity import check_definition, check_identity
from ..check.points import value_of
from ..check.printed import held_to, right_number, shown_like
from ..check.rule import check_rule
from ..check.together import judge_parts, judge_together
from ..check.value import check_number, check_value
from ..check.verdict import Verdict, judged
from ..core.gradients import grad
from .claims import Claim, Variant


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
    check = check_definition if claim.kind == "definition" else check_identity
    return check(
        on.build,
        on.values,
        claim.of,
        claim.stated,
        points=claim.points,
        correct=claim.correct,
        correct_text=claim.correct_text,
    )


def _partial(claim: Claim, on: Variant) -> Verdict:
    """Every element checked by check_partial, judged as one claim (`check_elements`)."""
    return check_elements(
        on.build(on.values).nodes,
        claim.elements,
        points=claim.points,
        correct_text=claim.correct_text,
        values_named="the document's values",
    )


def _rule(claim: Claim, on: Variant) -> Verdict:
    """An update rule whose sign is `stated`: lowers the loss, and run as written."""
    return check_rule(
        on.build,
        on.values,
        float(claim.stated),
        rate=claim.step,
        steps=claim.steps,
        points=claim.points,
        procedure=claim.procedure,
        correct=None if claim.correct is None else float(claim.correct),
        correct_text=claim.correct_text,
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
