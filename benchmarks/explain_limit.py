"""What `explain` costs on graphs too large to write out, and on graphs just under its limit.

Past `max_nodes` (2,000 by default) explain walks the graph once and differentiates it
once, and says so, instead of reading every node in its labels (about a millisecond a
node). For each graph this prints the seconds and the peak memory (tracemalloc, in a
second call) that explain takes, the graph itself already built:

    python benchmarks/explain_limit.py
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

from autograd_scalar import Value, explain


def chain(n: int) -> tuple[Value, Value]:
    """x·1.0000001, n times over, unlabelled but for the ends: one step of n folded nodes."""
    x = Value(0.5, "x")
    y = x
    for _ in range(n):
        y = y * 1.0000001
    return y.labelled("out"), x


def used_often(n: int) -> tuple[Value, Value]:
    """x·1 + x·0.5 + x·0.5 + ..., x used n + 1 times."""
    x = Value(0.5, "x")
    y = x * 1.0
    for _ in range(n):
        y = y + x * 0.5
    return y.labelled("out"), x


def labelled_chain(n: int) -> tuple[Value, Value]:
    """tanh(h·0.9) n times over, every node labelled: one path of n factors."""
    x = Value(0.5, "x")
    y = x
    for i in range(n):
        y = (y * 0.9).labelled(f"z{i}").tanh().labelled(f"h{i}")
    return y, x


GRAPHS: list[tuple[str, Callable[[int], tuple[Value, Value]], int]] = [
    ("unlabelled chain, 1,000,000 ops", chain, 1_000_000),
    ("a node used 100,000 times", used_often, 100_000),
    ("unlabelled chain, 1,999 ops (just under the limit)", chain, 1_999),
    ("a node used 999 times (just under the limit)", used_often, 999),
    ("labelled chain, 999 steps (1,999 nodes)", labelled_chain, 999),
]


def main() -> None:
    for name, make, n in GRAPHS:
        out, x = make(n)
        start = time.perf_counter()
        said = str(explain(out, x))
        took = time.perf_counter() - start
        tracemalloc.start()  # a second call, for its memory: tracing slows it down
        explain(out, x)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:<52} {took:7.2f} s {peak / 1e6:8.1f} MB   {said[:60]!r}")


if __name__ == "__main__":
    main()
