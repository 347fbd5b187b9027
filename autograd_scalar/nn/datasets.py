"""Small toy data sets in pure Python, seeded, for demos and tests."""

from __future__ import annotations

import math
import random


def make_moons(
    n: int = 100, noise: float = 0.1, seed: int | random.Random = 0
) -> tuple[list[list[float]], list[int]]:
    """Two interleaving half circles, as scikit-learn's `make_moons`.

    Returns `(X, y)`: `n` points `[x1, x2]` and their classes, 0 for the upper moon and
    1 for the lower one. Gaussian noise of standard deviation `noise` is added to each
    coordinate, drawn from `seed` (an int or a `random.Random`), never the global RNG.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise ValueError(f"make_moons needs an integer n >= 2, got {n!r}")
    if not noise >= 0.0:
        raise ValueError(f"make_moons needs noise >= 0, got {noise!r}")
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    n_upper = n // 2
    n_lower = n - n_upper
    X: list[list[float]] = []
    y: list[int] = []
    for i in range(n_upper):
        t = math.pi * i / (n_upper - 1) if n_upper > 1 else 0.0
        X.append([math.cos(t), math.sin(t)])
        y.append(0)
    for i in range(n_lower):
        t = math.pi * i / (n_lower - 1) if n_lower > 1 else 0.0
        X.append([1.0 - math.cos(t), 0.5 - math.sin(t)])
        y.append(1)
    for point in X:
        point[0] += rng.gauss(0.0, noise)
        point[1] += rng.gauss(0.0, noise)
    return X, y
