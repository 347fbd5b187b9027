"""The chain rule from an output down to one node, as steps and paths that can be
recomputed at any replayed point.

A `Chain` reads the graph through explain's `Folding`: its steps go from named node to
named node (∂ℓ/∂σ3, ∂σ3/∂Z3, …), each a formula in the graph's labels, and its paths are
the products of steps from the output down to `wrt`. The diagnoses test a wrong claim
against these numbers at every checked point, so `step_values` recomputes every step
from the local partials of a replayed `Tape`, with the same chain rule (`adjoints`) and
the same cuts at named nodes as the Folding.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.chain_rule import adjoints
from ..core.value import Value
from ..explanation.folding import Folding, Step

MAX_PATHS = 64  # more paths than this are neither diagnosed one by one nor written out

Partials = Callable[[Value], tuple[Any, Any]]


class Chain:
    """The steps of the whole graph between its named nodes, and the paths of steps from
    `output` down to `wrt` (`paths` is None past MAX_PATHS; `path_count` says how many)."""

    def __init__(self, output: Value, wrt: Value, max_paths: int = MAX_PATHS) -> None:
        self.output, self.wrt = output, wrt
        self.folding = folding = Folding(output, extra=[wrt])
        self.stops = [node for node in folding.order if node in folding.stops]
        self.steps: list[Step] = []
        self._below: dict[Value, tuple[list[Value], set[Value]]] = {}
        for top in self.stops:
            if top.op is None:
                continue
            below = self.folding.below(top)
            self._below[top] = (below, {n for n in below if n in folding.stops and n is not top})
            self.steps += folding.steps(top)
        self.path_count, self.paths = self._paths(max_paths)

    def name(self, node: Value) -> str:
        """How a node is written: its label, or its expression when it has none."""
        return self.folding.name_text(node)

    def route(self, path: list[Step]) -> str:
        """A path as the names met on the way: `ℓ → σ3 → Z3 → W5`."""
        return " → ".join([self.name(self.output)] + [self.name(step.wrt) for step in path])

    def _paths(self, max_paths: int) -> tuple[int, list[list[Step]] | None]:
        """Every path of steps from the output to `wrt`, found from `wrt` upwards."""
        if self.wrt not in self.folding.place:
            return 0, []
        by_top: dict[Value, list[Step]] = {}
        for step in self.steps:
            by_top.setdefault(step.of, []).append(step)
        count: dict[Value, int] = {self.wrt: 1}
        found: dict[Value, list[list[Step]] | None] = {self.wrt: [[]]}
        for top in self.stops:  # inputs first, so every stop below is done
            if top is self.wrt:
                continue
            steps = [s for s in by_top.get(top, []) if count.get(s.wrt, 0)]
            count[top] = sum(count[s.wrt] for s in steps)
            if not count[top]:
                continue
            if count[top] > max_paths:
                found[top] = None
                continue
            below = [(s, found[s.wrt]) for s in steps]
            if any(paths is None for _, paths in below):
                found[top] = None
                continue
            found[top] = [[s, *path] for s, paths in below for path in paths]  # type: ignore[union-attr]
        total = count.get(self.output, 0)
        return total, (found.get(self.output, []) if total <= max_paths else None)

    def step_values(self, partials: Partials) -> dict[tuple[Value, Value], float]:
        """∂of/∂wrt of every step, from the local partials that `partials(node)` gives."""
        values: dict[tuple[Value, Value], float] = {}
        for top, (below, ends) in self._below.items():
            found = adjoints(below, 1.0, cut=ends, partials=partials)
            for node in ends:
                values[(top, node)] = found[node]
        return values
