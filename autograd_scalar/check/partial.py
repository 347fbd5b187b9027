"""Checking a hand-computed partial derivative: a number, a formula or a function.

`check_partial(ℓ, "W5", "(σ3 − y)·σ1")` compares a claim with the engine's ∂ℓ/∂W5.
A number is right when the truth reads as it at the precision it is printed with
(`0.0025` is right for 0.002468; see `printed`). A formula or a function must agree at
the recorded point and at `points` other points, where the recorded graph is replayed
with its labelled leaves moved, so a formula right at one point by chance is found out.
"""

from __future__ import annotations

import math
import random
import re
import reprlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..core.replay import Tape
from ..core.value import Value, as_float
from ..errors import DomainError, NonFiniteGradientError
from ..formula.parse import parse_formula
from .printed import as_number, tolerance
from .verdict import PartialTable, PartialVerdict

Claim = float | int | str | Callable[[dict[str, float]], float]
_NUMBER = re.compile(r"\s*[-+−]?(\d+\.?\d*|\.\d+)([eE][-+−]?\d+)?\s*")


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
) -> PartialVerdict:
    """Is `claim` the partial derivative ∂output/∂wrt? Returns a verdict that says.

    `wrt` is a node of the graph or its label. A number is checked at the recorded point:
    right if it is the truth written to the decimals it shows (a whole number: exactly).
    A formula over the labels, or a function taking `{label: value}`, must agree within
    `atol + rtol·|truth|` at the recorded point and at `points` more, where each leaf in
    `vary` (default: every labelled leaf) becomes x·(1 + u) + v with u, v drawn uniformly
    from [-0.5, 0.5] with `random.Random(seed)`. Points where an op leaves its domain are
    skipped. A claim whose value is not finite never agrees.
    """
    _check_options(points, rtol, atol)
    tape = Tape.record(output)
    target = tape.slot_of(wrt)
    wrt_label = _name(tape.nodes[target])
    tape.backward()
    computed = tape.grads[target]
    where = _leaf_point(tape)
    common: dict[str, Any] = dict(
        claim=claim, wrt_label=wrt_label, computed=computed, of=_name(output)
    )
    if isinstance(claim, str) and _NUMBER.fullmatch(claim) or _is_number(claim):
        stated = claim.strip() if isinstance(claim, str) else float(claim)  # type: ignore[arg-type]
        claimed = as_number(stated)
        if not math.isfinite(claimed):
            raise ValueError(f"the claim {reprlib.repr(claim)} is not a finite number")
        error = abs(computed - claimed)
        ok = error <= tolerance(stated, atol, rtol)
        return PartialVerdict(ok, claimed=claimed, error=error, points_checked=1,
                              worst_point=None if ok else where, right_here=ok, **common)  # fmt: skip
    rule = _as_function(claim, tape)
    slots = [tape.slot_of(x) for x in vary] if vary is not None else None
    if slots is None:
        slots = [tape.slot[leaf] for leaf in tape.leaves if leaf.label]
    for i in slots:
        if tape.nodes[i].op is not None:
            raise ValueError(f"vary lists {_name(tape.nodes[i])!r}, which is no leaf")
    claimed = _evaluate(rule, tape)
    rng = random.Random(seed)
    start = [tape.values[i] for i in slots]
    worst_error, worst_point, checked, right_here = -1.0, None, 0, False
    if not slots:  # nothing to move: the recorded point is the only one there is
        points = 0
    for attempt in range(1 + 20 * points):
        if checked == 1 + points:
            break
        if attempt:  # attempt 0 is the recorded point itself
            point = [x * (1 + rng.uniform(-0.5, 0.5)) + rng.uniform(-0.5, 0.5) for x in start]
            try:
                tape.forward(dict(zip([tape.nodes[i] for i in slots], point, strict=True)))
                tape.backward()
            except (DomainError, NonFiniteGradientError):
                continue
        truth, value = tape.grads[target], _evaluate(rule, tape)
        checked += 1
        agree = abs(value - truth) <= atol + rtol * abs(truth)  # False for inf and NaN
        if attempt == 0:
            right_here = agree
        error = abs(value - truth) / max(1.0, abs(truth)) if math.isfinite(value) else math.inf
        if not agree and error > worst_error:
            worst_error = error
            worst_point = _leaf_point(tape)
    ok = worst_point is None
    return PartialVerdict(ok, claimed=claimed, error=max(worst_error, 0.0), worst_point=worst_point,
                          points_checked=checked, right_here=right_here, **common)  # fmt: skip


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
    named = tape.labelled_values()
    shared = {n.label for n in tape.nodes if n.label and n.label not in named}
    return parse_formula(claim, named, shared)


def _evaluate(rule: Callable[[dict[str, float]], float], tape: Tape) -> float:
    try:
        value = float(rule(tape.labelled_values()))
    except (ArithmeticError, ValueError):
        return math.nan  # undefined here while the truth is not: it disagrees
    return value
