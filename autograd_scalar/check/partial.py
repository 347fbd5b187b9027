"""Checking a hand-computed partial derivative: a number, a formula or a function.

`check_partial(ℓ, "W5", "(σ3 − y)·σ1")` compares a claim with the engine's ∂ℓ/∂W5.
A number is right when the truth reads as it at the precision it is printed with
(`0.0025` is right for 0.002468; see `printed`). A formula or a function must agree at
the recorded point and at `points` other points, where the recorded graph is replayed
with its labelled leaves moved, so a formula right at one point by chance is found out.
A wrong claim gets a diagnosis, tested at those same points (`diagnose`), and the right
formula (`correct_formula`: the chain rule's product simplified, then checked here too).
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Callable, Mapping, Sequence
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
from .chain import Chain
from .diagnose import MAX_NODES, Diagnosis, diagnose_claim, partial
from .points import claim_at, formula_on, labelled_leaves, replayed
from .printed import NUMBER, as_number, tolerance
from .verdict import PartialTable, PartialVerdict, RightFormula

Claim = float | int | str | Callable[[dict[str, float]], float]


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
) -> PartialVerdict:
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
    `diagnose=False` neither is computed.
    """
    _check_options(points, rtol, atol)
    tape = Tape.record(output)
    # A node the output does not depend on is no error: the partial is 0 everywhere.
    target = None if isinstance(wrt, Value) and wrt not in tape.slot else tape.slot_of(wrt)
    wrt_label = _name(wrt if target is None else tape.nodes[target])  # type: ignore[arg-type]
    tape.backward()
    computed = 0.0 if target is None else tape.grads[target]
    where = _leaf_point(tape)
    common: dict[str, Any] = dict(
        claim=claim, wrt_label=wrt_label, computed=computed, of=_name(output)
    )
    if isinstance(claim, str) and NUMBER.fullmatch(claim) or _is_number(claim):
        stated = claim.strip() if isinstance(claim, str) else float(claim)  # type: ignore[arg-type]
        claimed = as_number(stated)
        if not math.isfinite(claimed):
            raise ValueError(f"the claim {reprlib.repr(claim)} is not a finite number")
        error = abs(computed - claimed)
        allowed = tolerance(stated, atol, rtol)
        ok = error <= allowed
        if not ok and diagnose and target is not None:
            common.update(_tutor(output, tape, target, lambda _: claimed, [{}],
                                 lambda v, c: abs(v - c) <= allowed, points, seed, True))  # fmt: skip
        return PartialVerdict(ok, claimed=claimed, error=error, points_checked=1,
                              worst_point=None if ok else where, right_here=ok, **common)  # fmt: skip
    rule = _as_function(claim, tape)
    moved = (
        [tape.nodes[tape.slot_of(x)] for x in vary] if vary is not None else labelled_leaves(tape)
    )
    for leaf in moved:
        if leaf.op is not None:
            raise ValueError(f"vary lists {_name(leaf)!r}, which is no leaf")
    claimed, worst_error, worst_point, checked, right_here = math.nan, -1.0, None, 0, False
    seen: list[dict[Value | str, float]] = []  # every point checked, for the diagnosis
    for point in replayed(tape, moved, points, seed, backward=True):
        truth, value = (0.0 if target is None else tape.grads[target]), claim_at(rule, tape)
        checked += 1
        seen.append(dict(point.items()))
        agree = abs(value - truth) <= atol + rtol * abs(truth)  # False for inf and NaN
        if checked == 1:  # the recorded point itself
            claimed, right_here = value, agree
        error = abs(value - truth) / max(1.0, abs(truth)) if math.isfinite(value) else math.inf
        if not agree and error > worst_error:
            worst_error = error
            worst_point = _leaf_point(tape)
    ok = worst_point is None
    if isinstance(rule, Formula):
        common["formula"] = rule.expr
    if not ok and diagnose and target is not None:
        common.update(_tutor(output, tape, target, lambda t: claim_at(rule, t), seen,
                             lambda v, c: abs(v - c) <= atol + rtol * abs(c), points, seed))  # fmt: skip
    return PartialVerdict(ok, claimed=claimed, error=max(worst_error, 0.0), worst_point=worst_point,
                          points_checked=checked, right_here=right_here, **common)  # fmt: skip


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
            verdict = check_partial(output, chain.wrt, text(candidate, exact=True), points=points,
                                    seed=seed, diagnose=False)  # fmt: skip
        except FormulaError:  # a name that is no label (a long unlabelled node)
            return None
        if verdict.ok:
            return RightFormula(candidate, verdict.points_checked)
    return None


def _tutor(output: Value, tape: Tape, target: int, claim_at: Callable[[Tape], float],
           points: list[dict[Value | str, float]], close: Callable[[float, float], bool],
           count: int, seed: int, single_number: bool = False) -> dict[str, Any]:  # fmt: skip
    """The diagnosis of a wrong claim and the right formula, as verdict fields."""
    if len(tape.nodes) > MAX_NODES:
        truth = partial(_name(output), _name(tape.nodes[target]))
        note = (f"Not diagnosed: the graph has {len(tape.nodes):,} nodes; diagnoses and right "
                f"formulas are made for graphs of at most {MAX_NODES:,}.")  # fmt: skip
        return {"diagnosis": Diagnosis(truth, (), 0, note)}
    chain = Chain(output, tape.nodes[target])
    diagnosis = diagnose_claim(tape, target, claim_at, points, close, chain=chain,
                               single_number=single_number)  # fmt: skip
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
    if isinstance(claim, Value):
        return True  # its value is the claim
    if isinstance(claim, (str, bool)) or callable(claim):
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
