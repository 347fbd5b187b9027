"""Points and scores as people write them, and a class's scores in bins."""

from __future__ import annotations

import math
from collections import Counter


def points(x: float) -> str:
    """A number of points as a person writes it: 2, 0.5, 7.25."""
    x = round(x, 6)
    return str(int(x)) if x == int(x) else f"{x:.6g}"


def distribution(scores: list[float], max_score: float) -> list[tuple[str, int]]:
    """Scores in bins, (label, how many): one bin per whole point when the maximum is at
    most 20 (a score of 7.5 is in bin 7), else ten bins of equal width."""
    if max_score <= 20:
        top = int(math.floor(max_score))
        counts = Counter(min(int(math.floor(s)), top) for s in scores)
        return [(str(i), counts[i]) for i in range(top + 1)]
    width = max_score / 10
    counts = Counter(min(int(s // width), 9) for s in scores)
    return [(f"{points(i * width)}–{points((i + 1) * width)}", counts[i]) for i in range(10)]
