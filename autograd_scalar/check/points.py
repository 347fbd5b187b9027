"""The points a claim is checked at: the recorded one, then the graph replayed elsewhere.

A claim right at one point by chance is found out at the others: each labelled leaf x
is moved to x·(1 + u) + v, u and v uniform in [−½, ½] from `random.Random(seed)`, and
the recorded graph is replayed there (`Tape`). Points where an op leaves its domain, or
a gradient is not finite, are skipped. `check_partial` and `check_value` both use these;
`value_of` gives a claim's value at any `{label: value}`, `formula_text` its formula as
printed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..core.replay import Tape
from ..core.value import Value
from ..errors import DomainError, GraphLookupError, NonFiniteGradientError
from ..formula.parser import Formula, parse_formula

TRIES = 20  # tries per point wanted, before giving up on a graph that is rarely defined


def moved_point(start: list[float], rng: random.Random) -> list[float]:
    """Each leaf x moved to x·(1 + u) + v, u and v uniform in [-0.5, 0.5]."""
    return [x * (1 + rng.uniform(-0.5, 0.5)) + rng.uniform(-0.5, 0.5) for x in start]


def replayed(
    tape: Tape, moved: list[Value], points: int, seed: int, backward: bool = False
) -> Iterator[dict[Value, float]]:
    """The recorded point, then up to `points` more, as {leaf: value} of the moved leaves.

    While a point is being looked at, the tape holds its values (and, with `backward`,
    its gradients). With nothing to move, the recorded point is the only one.
    """
    start = [tape.value(leaf) for leaf in moved]
    if backward:
        tape.backward()
    yield dict(zip(moved, start, strict=True))
    rng = random.Random(seed)
    found = 0
    for _ in range(TRIES * points if moved else 0):
        if found == points:
            return
        point = moved_point(start, rng)
        try:
            tape.forward(dict(zip(moved, point, strict=True)))
            if backward:
                tape.backward()
        except (DomainError, NonFiniteGradientError):
            continue
        found += 1
        yield dict(zip(moved, point, strict=True))


def claim_at(rule: Callable[[dict[str, float]], float], tape: Tape) -> float:
    """The claim's value at the tape's point (NaN where it is undefined: it disagrees)."""
    values = tape.labelled_values()
    try:
        value = float(rule(values))
    except (ArithmeticError, ValueError):
        return math.nan  # undefined here while the truth is not: it disagrees
    except KeyError as error:  # a function claim asked for a label the graph lacks
        known = ", ".join(sorted(values)[:30])
        raise GraphLookupError(
            f"the claim asked for {error.args[0]!r}, which no single node of the graph is "
            f"labelled; the labels are {known}"
        ) from None
    return value


def value_of(
    claim: str | Callable[[Mapping[str, float]], float], values: Mapping[str, float]
) -> float:
    """The claim's value where each label takes its value in `values`: a formula read
    over those labels, or a function of them (a domain error is raised, not hidden)."""
    if callable(claim):
        return float(claim(values))
    return parse_formula(claim, values.keys())(values)


def formula_text(formula: Any) -> str:
    """A claim's formula as printed (a function carries its text)."""
    if callable(formula):
        return getattr(formula, "text", "") or getattr(formula, "__doc__", "") or "(a function)"
    return str(formula)


def formula_on(tape: Tape, text: str) -> Formula:
    """`text` read as a formula over the labels of the tape's graph (a label that names
    several nodes is refused where it is used)."""
    named = tape.labelled_values()
    shared = {n.label for n in tape.nodes if n.label and n.label not in named}
    return parse_formula(text, named, shared)


def labelled_leaves(tape: Tape, but: Any = None) -> list[Value]:
    """The leaves that are moved by default: every labelled one (but `but`)."""
    return [leaf for leaf in tape.leaves if leaf.label and leaf is not but]
