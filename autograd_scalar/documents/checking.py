"""Judging claims: each kind of claim is checked by computing it with the engine.

Partial derivatives go through `check_partial` (at the document's point and at replayed
points). Values, definitions, updates, rules and facts about the network are computed
here: a definition is evaluated at the document's point and at rebuilt points; an
update rule is judged by taking the step and seeing whether the loss goes down.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from ..check.partial import check_partial
from ..check.printed import as_number, decimals, rounds_to, shown_like, truncates_to
from ..core.grad import grad
from .claims import Claim, DocumentResult, Verdict
from .network import Builder, Network, perturbed
from .reading import evaluate, formula_text

SPREAD = 0.2  # how far rebuilt points move each leaf
RULE_STEP = 1e-3  # small enough that a descent step always lowers a smooth loss


def check_claim(claim: Claim, build: Builder, values: Mapping[str, float]) -> Verdict:
    """The computed verdict on `claim`, for the network `build(values)`."""
    if claim.kind == "partial":
        return _partial(claim, build(values))
    if claim.kind in ("structure", "training"):
        assert claim.measure is not None, f"{claim.says!r} needs a measure"
        found = claim.measure(build(values))
        ok = found == claim.stated
        return Verdict(
            claim, ok, claim.stated, found, "" if ok else found, "computed from the network"
        )
    if claim.kind == "rule":
        return _rule(claim, build, values)
    node = build(values).nodes[claim.of]
    if claim.kind == "forward":
        ok = rounds_to(node.data, claim.stated)
        correct = "" if ok else shown_like(node.data, claim.stated)
        digits = decimals(claim.stated)
        detail = f"{claim.of} = {node.data!r}, to {digits} decimals as printed"
        return Verdict(claim, ok, as_number(claim.stated), node.data, correct, detail)
    if claim.kind == "update":
        return _update(claim, build(values))
    return _definition(claim, build, values)


def _partial(claim: Claim, net: Network) -> Verdict:
    checked = []
    for element in claim.elements:
        output, wrt = net.nodes[element.of], net.nodes[element.wrt]
        verdict = check_partial(output, wrt, element.stated, points=claim.points, seed=0)
        checked.append((element, verdict))
    points = sum(v.points_checked for _, v in checked)
    wrong = [(e, v) for e, v in checked if not v.ok]
    element, first = (wrong or checked)[0]
    places = decimals(element.stated)
    claimed = first.claimed if places is None else as_number(element.stated)
    if not wrong:
        if places is not None:
            detail = f"agrees with the engine to the {places} decimals printed"
        else:
            detail = f"{len(checked)} element(s) agree with the engine at {points} points"
        return Verdict(claim, True, claimed, first.computed, "", detail, points)
    detail = (
        str(first)
        if len(checked) == 1
        else f"wrong at {len(wrong)} of {len(checked)} elements; first: {first}"
    )
    return Verdict(
        claim, False, claimed, first.computed, _right_partial(claim, net, wrong), detail, points
    )


def _right_partial(claim: Claim, net: Network, wrong: list[Any]) -> str:
    """A right formula when one is given and passes the same check, else the engine's number."""
    element, first = wrong[0]
    if all(e.correct is not None for e, _ in wrong):
        verified = [
            check_partial(net.nodes[e.of], net.nodes[e.wrt], e.correct, points=claim.points, seed=1)
            for e, _ in wrong
        ]
        if all(v.ok for v in verified):
            return claim.correct_text or formula_text(element.correct)
    if decimals(element.stated) is not None:
        return shown_like(first.computed, element.stated)
    return f"{first.computed:.6g}"


def _update(claim: Claim, net: Network) -> Verdict:
    parameter = net.nodes[claim.of]
    slope = grad(net.root, parameter)
    after = parameter.data - claim.step * slope
    ok = rounds_to(after, claim.stated)
    correct = "" if ok else f"{after:.7g}"
    detail = f"{claim.of} − {claim.step:g}·{slope:.6g} = {after!r}"
    if not ok and truncates_to(after, claim.stated):
        places = decimals(claim.stated) or 0
        correct += f" = {after:.{places}f} to {places} decimals; {claim.stated} cuts it short"
    return Verdict(claim, ok, as_number(claim.stated), after, correct, detail)


def _points(values: Mapping[str, float], count: int) -> list[Mapping[str, float]]:
    rng = random.Random(0)
    return [values] + [perturbed(values, rng, SPREAD) for _ in range(count - 1)]


def _definition(claim: Claim, build: Builder, values: Mapping[str, float]) -> Verdict:
    def worst(formula: Any) -> tuple[float, float, float]:
        largest = (0.0, 0.0, 0.0)
        for point in _points(values, claim.points):
            net = build(point)
            said = evaluate(formula, {k: v.data for k, v in net.nodes.items()})
            truth = net.nodes[claim.of].data
            gap = abs(said - truth) / max(1.0, abs(truth))
            largest = max(largest, (gap, said, truth))
        return largest

    net = build(values)
    at_point = evaluate(claim.stated, {k: v.data for k, v in net.nodes.items()})
    gap, said, truth = worst(claim.stated)
    ok = gap <= 1e-9
    correct = ""
    if not ok and claim.correct is not None:
        correct = formula_text(claim.correct) if worst(claim.correct)[0] <= 1e-9 else ""
    detail = (
        f"evaluated at {claim.points} points; largest gap {gap:.3g} ({said:.6g} vs {truth:.6g})"
    )
    return Verdict(claim, ok, at_point, net.nodes[claim.of].data, correct, detail, claim.points)


def _rule(claim: Claim, build: Builder, values: Mapping[str, float]) -> Verdict:
    def losses(sign: float) -> list[tuple[float, float]]:
        found = []
        for point in _points(values, claim.points):
            net = build(point)
            slopes = grad(net.root, [net.nodes[p] for p in net.parameters])
            stepped = dict(point)
            for label, slope in zip(net.parameters, slopes, strict=True):
                stepped[label] = point[label] + sign * RULE_STEP * slope
            found.append((net.root.data, build(stepped).root.data))
        return found

    sign = float(claim.stated)
    seen = losses(sign)
    ok = all(after < before for before, after in seen)
    before, after = seen[0]
    computed = f"{claim.of} {before:.6g} → {after:.6g} after a step of {RULE_STEP:g}"
    correct = ""
    if not ok and claim.correct is not None:
        if all(a < b for b, a in losses(float(claim.correct))):
            correct = claim.correct_text
    rises = sum(after >= before for before, after in seen)
    detail = (
        f"the loss went up at {rises} of {len(seen)} points"
        if rises
        else "the loss went down at every point"
    )
    return Verdict(claim, ok, claim.says, computed, correct, detail, len(seen))


def run_claims(name: str, title: str, source: str, build: Builder, values: Mapping[str, float],
               claims: Sequence[Claim], remarks: Sequence[str], deepest: str) -> DocumentResult:  # fmt: skip
    """Build the network at the document's values, backpropagate, and judge every claim."""
    net = build(values)
    net.root.backward()
    parameters = {p: (net.nodes[p].data, net.nodes[p].grad) for p in net.parameters}
    verdicts = [check_claim(claim, build, values) for claim in claims]
    return DocumentResult(
        name, title, source, parameters, verdicts, net.root, tuple(remarks), deepest
    )
