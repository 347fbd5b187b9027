"""A claim against the truth at many points: whether they agree, and where they are
furthest apart.

A formula right at one point by chance is found out at the others. `check_partial` and
`check_value` take their points from a replayed graph (`points`), a document from its
network rebuilt at moved values; each hands `compare` the claim's value and the truth
at every point, and `compare` keeps what a verdict says: the values at the first point,
how many points were checked, and the point where the claim is furthest off.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

SAME = 1e-9  # two values this close (relative to 1 or to the value) are the same


def gap(said: float, truth: float) -> float:
    """How far the claim is off: |said − truth|, divided by |truth| when that is above 1
    (inf where the claim is not a finite number)."""
    if not math.isfinite(said):
        return math.inf
    return abs(said - truth) / max(1.0, abs(truth))


def same(said: float, truth: float) -> bool:
    """Whether two values are the same but for round-off (`SAME`)."""
    return gap(said, truth) <= SAME


@dataclass(frozen=True)
class Miss:
    """The point where the claim is furthest off: the gap, both values, and where."""

    gap: float
    said: float
    truth: float
    where: dict[str, float] | None = None


@dataclass(frozen=True)
class Comparison:
    """A claim compared with the truth at `checked` points, the first one first.

    `worst` is None when the claim agrees at every point; `largest_gap` is the largest
    |said − truth| where they disagree (0 when they never do).
    """

    claimed: float
    computed: float
    right_here: bool
    checked: int
    worst: Miss | None
    largest_gap: float

    @property
    def ok(self) -> bool:
        return self.worst is None


def compare(
    samples: Iterable[tuple[float, float]],
    agree: Callable[[float, float], bool],
    where: Callable[[], dict[str, float]] | None = None,
) -> Comparison:
    """Each of `samples` is (the claim's value, the truth) at one point; `agree(said,
    truth)` says whether they agree there (False for NaN). `where()` names the point
    being looked at, asked only when it becomes the worst."""
    claimed = computed = math.nan
    right_here, checked, worst, largest = False, 0, None, 0.0
    for said, truth in samples:
        checked += 1
        holds = agree(said, truth)
        if checked == 1:
            claimed, computed, right_here = said, truth, holds
        if holds:
            continue
        off = gap(said, truth)
        largest = max(largest, abs(said - truth) if math.isfinite(said) else math.inf)
        if worst is None or off > worst.gap:
            worst = Miss(off, said, truth, where() if where is not None else None)
    return Comparison(claimed, computed, right_here, checked, worst, largest)
