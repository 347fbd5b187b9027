"""Checking a hand-computed partial derivative: a number, a formula or a function.

`check_partial(ℓ, "W5", "(σ3 − y)·σ1")` compares a claim with the engine's ∂ℓ/∂W5.
A number is right when the truth reads as it at the precision it is printed with
(`0.0025` is right for 0.002468; see `printed`). A formula or a function must agree at
the recorded point and at `points` other points, where the recorded graph is replayed
with its labelled leaves moved (`agreement`), so a formula right at one point by chance
is found out. A wrong claim gets a diagnosis, tested at those same points (`diagnose`),
and the right formula (`correct_formula`: the chain rule's product simplified, then
checked here too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..core.graph import node_labelled
from ..core.replay import Tape
from ..core.value import Value, as_float
from ..errors import FormulaError
from ..formula.algebra import product, total
from ..formula.expr import Expr
from ..formula.parser import Formula
from ..formula.printing import text
from ..formula.symbolic import EXTRA, simplify_paths
from .agreement import compare
from .chain import Chain
from .diagnose import MAX_NODES, Close, Diagnosis, diagnose_claim, partial
from .points import claim_at, formula_on, labelled_leaves, replayed
from .printed import NUMBER, as_stated, tolerance
from .table import PartialTable
from .value import check_number
from .verdict import RightFormula, Verdict, judged

Claim = float | int | str | Callable[[dict[str, float]], float]


@dataclass(frozen=True)
class _Evidence:
    """What the diagnosis of a wrong claim tests: the claim's value on a replayed tape,
    the points it was checked at, and when two values agree."""

    claim_at: Callable[[Tape], float]
    points: list[dict[Value | str, float]]
    close: Close
    single_number: bool = False


def check_partial(
    output: Value,
    wrt: Value | str,
    claim: Claim,
    *,
    points: int = 50,
    vary: Sequence[Value | str] | None = None,
    seed: int = 0,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    diagnose: bool = True,
    right_formula: bool = True,
) -> Verdict:
    """Is `claim` the partial derivative ∂output/∂wrt? Returns a verdict that says.

    `wrt` is a node of the graph or its label. A number is checked at the recorded point:
    right if it is the truth written to the decimals it shows (a whole number: exactly).
    A formula over the labels, or a function taking `{label: value}`, must agree within
    `atol + rtol·|truth|` at the recorded point and at `points` more, where each leaf in
    `vary` (default: every labelled leaf) becomes x·(1 + u) + v with u, v drawn uniformly
    from [-0.5, 0.5] with `random.Random(seed)`. Points where an op leaves its domain are
    skipped. A claim whose value is not finite never agrees.

    A wrong claim's verdict carries `diagnosis` (what it did, tested at the same points)
    and `correct_formula` (∂output/∂wrt as a person writes it, itself checked); with
    `diagnose=False` neither is computed, with `right_formula=False` only the diagnosis.
    """
    _check_options(points, rtol, atol)
    tape = Tape.record(output)
    # A node the output does not depend on is no error: the partial is 0 everywhere.
    target = None if isinstance(wrt, Value) and wrt not in tape.slot else tape.slot_of(wrt)
    tape.backward()
    node = wrt if target is None else tape.nodes[target]
    about = {"of": _name(output), "wrt_label": _name(node)}  # type: ignore[arg-type]
    if _is_number(claim):
        verdict, evidence = _number_claim(tape, target, claim, about, atol, rtol)
    else:
        verdict, evidence = _formula_claim(
            tape, target, claim, about, points, vary, seed, atol, rtol
        )
    if verdict.ok or not diagnose or target is None:
        return verdict
    return replace(verdict, **_tutor(output, tape, target, evidence, points, seed, right_formula))


def _number_claim(
    tape: Tape, target: int | None, claim: Any, about: dict[str, Any], atol: float, rtol: float
) -> tuple[Verdict, _Evidence]:
    """A printed number, held to the decimals it shows at the recorded point."""
    written = claim if isinstance(claim, str) else float(claim)
    computed = 0.0 if target is None else tape.grads[target]
    verdict = check_number(written, computed, atol=atol, rtol=rtol, **about)
    if not verdict.ok:
        detail = f"claimed − computed = {verdict.claimed - computed:.6g}"
        verdict = replace(verdict, worst_point=_leaf_point(tape), detail=detail)
    allowed = tolerance(as_stated(written), atol, rtol)
    claimed = verdict.claimed
    close: Close = lambda said, other: abs(said - other) <= allowed  # noqa: E731
    return verdict, _Evidence(lambda _: claimed, [{}], close, single_number=True)


def _formula_claim(
    tape: Tape,
    target: int | None,
    claim: Any,
    about: dict[str, Any],
    points: int,
    vary: Sequence[Value | str] | None,
    seed: int,
    atol: float,
    rtol: float,
) -> tuple[Verdict, _Evidence]:
    """A formula or a function, compared with the engine at the recorded point and at
    `points` replayed ones."""
    rule = _as_function(claim, tape)
    computed = 0.0 if target is None else tape.grads[target]  # before the points move it
    moved = labelled_leaves(tape) if vary is None else [tape.nodes[tape.slot_of(x)] for x in vary]
    for leaf in moved:
        if leaf.op is not None:
            raise ValueError(f"vary lists {_name(leaf)!r}, which is no leaf")
    seen: list[dict[Value | str, float]] = []  # every point checked, for the diagnosis

    def samples() -> Iterator[tuple[float, float]]:
        for point in replayed(tape, moved, points, seed, backward=True):
            seen.append(dict(point.items()))
            yield claim_at(rule, tape), (0.0 if target is None else tape.grads[target])

    close: Close = lambda said, truth: abs(said - truth) <= atol + rtol * abs(truth)  # noqa: E731
    found = compare(samples(), close, where=lambda: _leaf_point(tape))
    worst = found.worst
    verdict = Verdict(
        judged(found.ok),
        claim=claim,
        claimed=found.claimed,
        computed=computed,
        points_checked=found.checked,
        error=0.0 if worst is None else worst.gap,
        worst_point=None if worst is None else worst.where,
        right_here=found.right_here,
        correct_value=computed,
        formula=rule.expr if isinstance(rule, Formula) else None,
        **about,
    )
    verdict = replace(verdict, detail=where_it_fails(verdict))
    return verdict, _Evidence(lambda t: claim_at(rule, t), seen, close)


def where_it_fails(verdict: Verdict) -> str:
    """Where a formula is wrong: at the recorded point, or only elsewhere (where worst)."""
    if verdict.ok or verdict.worst_point is None:
        return ""
    off = f"claimed − computed = {verdict.claimed - verdict.computed:.6g}"
    if verdict.points_checked <= 1:
        return off
    if not verdict.right_here:
        return f"wrong at the recorded point: {off}"
    point = list(verdict.worst_point.items())
    shown = ", ".join(f"{k}={v:.6g}" for k, v in point[:8]) + (", …" if len(point) > 8 else "")
    return f"right here, but wrong at {shown} (error {verdict.error:.6g})"


def correct_formula(
    output: Value, wrt: Value | str, *, points: int = 50, seed: int = 1
) -> RightFormula | None:
    """∂output/∂wrt as a person writes it, checked by `check_partial` before it is given.

    The chain rule's sum over paths of products of steps, each step a formula in the
    graph's labels (explain's), simplified with SymPy (`formula.symbolic`): for a sigmoid
    output under cross-entropy, `(σ3 − y)·W5·σ1·(1 − σ1)·X1`. The simplified formula is
    checked at `points` replayed points; should it fail, the plain product is tried.
    None when there are too many paths to write out, or a step has no formula. Needs
    SymPy (an ImportError names the extra to install).
    """
    node = node_labelled(output, wrt) if isinstance(wrt, str) else wrt
    return _correct_formula(output, Chain(output, node), points, seed)


def _correct_formula(output: Value, chain: Chain, points: int, seed: int) -> RightFormula | None:
    paths = chain.paths
    if paths is None or any(step.formula is None for path in paths for step in path):
        return None
    steps: list[list[Expr]] = [[step.formula for step in path] for path in paths]  # type: ignore[misc]
    plain = total([product(path) for path in steps])
    for candidate in (simplify_paths(steps), plain):
        try:
            written = text(candidate, exact=True)
            verdict = check_partial(
                output, chain.wrt, written, points=points, seed=seed, diagnose=False
            )
        except FormulaError:  # a name that is no label (a long unlabelled node)
            return None
        if verdict.ok:
            return RightFormula(candidate, verdict.points_checked)
    return None


def _tutor(
    output: Value,
    tape: Tape,
    target: int,
    evidence: _Evidence,
    count: int,
    seed: int,
    right_formula: bool = True,
) -> dict[str, Any]:
    """The diagnosis of a wrong claim and the right formula, as verdict fields."""
    if len(tape.nodes) > MAX_NODES:
        truth = partial(_name(output), _name(tape.nodes[target]))
        note = (
            f"Not diagnosed: the graph has {len(tape.nodes):,} nodes; diagnoses and right "
            f"formulas are made for graphs of at most {MAX_NODES:,}."
        )
        return {"diagnosis": Diagnosis(truth, (), 0, note)}
    chain = Chain(output, tape.nodes[target])
    diagnosis = diagnose_claim(
        tape,
        target,
        evidence.claim_at,
        evidence.points,
        evidence.close,
        chain=chain,
        single_number=evidence.single_number,
    )
    if not right_formula:
        return {"diagnosis": diagnosis}
    try:
        right = _correct_formula(output, chain, count, seed + 1)
    except ImportError:
        right = None
        note = f"{diagnosis.note} The right formula needs SymPy: {EXTRA}".strip()
        diagnosis = Diagnosis(diagnosis.truth, diagnosis.findings, diagnosis.points, note)
    return {"diagnosis": diagnosis, "correct_formula": right}


def check_partials(
    output: Value, claims: Mapping[Value | str, Claim], **options: Any
) -> PartialTable:
    """check_partial for each `{wrt: claim}`, as one table (text, and HTML in a notebook)."""
    return PartialTable([check_partial(output, wrt, c, **options) for wrt, c in claims.items()])


def _check_options(points: Any, rtol: Any, atol: Any) -> None:
    if isinstance(points, bool) or not isinstance(points, int) or points < 0:
        raise ValueError(f"points must be a whole number >= 0, got {points!r}")
    for name, given in (("rtol", rtol), ("atol", atol)):
        number = as_float(given, name)
        if number < 0:
            raise ValueError(f"{name} must be a finite number >= 0, got {given!r}")


def _is_number(claim: Any) -> bool:
    if isinstance(claim, str):
        return NUMBER.fullmatch(claim) is not None
    if isinstance(claim, Value):
        return True  # its value is the claim
    if isinstance(claim, bool) or callable(claim):
        return False
    as_float(claim, "a claim")  # refuses None, complex, NaN... with a clear message
    return True


def _leaf_point(tape: Tape) -> dict[str, float]:
    return {leaf.label: tape.values[tape.slot[leaf]] for leaf in tape.leaves if leaf.label}


def _name(node: Value) -> str:
    return node.label or (f"({node.op.name} node)" if node.op else "(unlabelled leaf)")


def _as_function(claim: Claim, tape: Tape) -> Callable[[dict[str, float]], float]:
    if callable(claim):
        return claim
    if not isinstance(claim, str):
        raise TypeError(f"a claim is a number, a formula string or a function, got {claim!r}")
    return formula_on(tape, claim)
