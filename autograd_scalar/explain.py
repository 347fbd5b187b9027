"""explain: the chain rule for one partial derivative, written out as a person writes it.

A person's chain rule steps from named quantity to named quantity: ∂ℓ/∂σ3 · ∂σ3/∂Z3 ·
∂Z3/∂σ1 · ∂σ1/∂Z1 · ∂Z1/∂W1. So the steps here go between labelled nodes (and the output
and `wrt`); the unlabelled nodes in between (the `1 − σ3` and `ln` inside a loss) are
folded into the factor of the step that crosses them, whose value sums over every way
through, and whose formula is composed from the op table's `formulas` when it stays
short. Every path of such steps from the output to `wrt` is one product; their sum is
∂output/∂wrt, the `wrt.grad` that `backward()` would give (it need not have run).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from .engine import Value, grad, topological_order
from .explain_print import render
from .explain_text import Names, product, symbol, total

MAX_TERMS = 4  # a folded factor with more ways through it is shown as a number only


@dataclass(frozen=True)
class Factor:
    """One step ∂of/∂wrt of a path: its formula in the graph's labels, and its value."""

    of: str
    wrt: str
    formula: str | None
    value: float

    def __str__(self) -> str:
        return f"∂{symbol(self.of)}/∂{symbol(self.wrt)}"


@dataclass(frozen=True)
class Explanation:
    """Paths from `output` to `wrt` (all of them, or the largest when there are more than
    `max_paths`), each path's product, the number of paths, and ∂output/∂wrt itself."""

    output: str
    wrt: str
    paths: list[list[Factor]]
    path_products: list[float]
    total: float
    path_count: int

    def __str__(self) -> str:
        return render(self)

    def __repr__(self) -> str:  # the REPL and notebooks show the readable form
        return str(self)


def explain(output: Value, wrt: Value | str, max_paths: int = 20, largest: int = 5) -> Explanation:
    """Every path of the chain rule from `output` to `wrt`, each factor as formula and number.

    `wrt` is a node or the label of one. When there are more than `max_paths` paths, only
    the `largest` (by |product|) are kept.
    """
    if not isinstance(output, Value):
        raise TypeError(f"explain takes a Value as output, got {type(output).__name__}")
    order = topological_order(output)
    if isinstance(wrt, str):
        named = [node for node in order if node.label == wrt]
        if len(named) != 1:
            raise ValueError(f"{len(named)} nodes of the graph have the label {wrt!r}, not 1")
        wrt = named[0]
    if not isinstance(wrt, Value):
        raise TypeError(f"explain takes a Value or a label as wrt, got {type(wrt).__name__}")
    place = {node: i for i, node in enumerate(order)}
    names = Names(order)
    if wrt not in place:
        return Explanation(names[output], wrt.label or "wrt", [], [], 0.0, 0)
    reaching: set[Value] = set()  # the nodes that depend on wrt
    for node in order:
        if node is wrt or any(p in reaching for p in node.parents):
            reaching.add(node)
    stops = [n for n in order if n in reaching and (n.label or n is output or n is wrt)]
    steps = {u: _steps_from(u, wrt, reaching, place, names, output) for u in stops if u is not wrt}
    # Paths from each stop down to wrt, found stop by stop from wrt up; past `max_paths`
    # only the largest are kept, which is enough to find the largest from the output.
    count: dict[Value, int] = {wrt: 1}
    best: dict[Value, list[tuple[float, list[Factor]]]] = {wrt: [(1.0, [])]}
    for u in stops:
        if u is wrt:
            continue
        count[u] = sum(count[v] for v, _ in steps[u])
        found = [(f.value * p, [f, *path]) for v, f in steps[u] for p, path in best[v]]
        if count[u] > max_paths:
            found = sorted(found, key=lambda item: -abs(item[0]))[:largest]
        best[u] = found
    chosen = best[output]
    return Explanation(
        output=names[output],
        wrt=names[wrt],
        paths=[path for _, path in chosen],
        path_products=[p for p, _ in chosen],
        total=grad(output, wrt),
        path_count=count.get(output, 0),
    )


def _steps_from(u: Value, wrt: Value, reaching: set[Value], place: dict[Value, int],
                names: Names, output: Value) -> list[tuple[Value, Factor]]:  # fmt: skip
    """The steps from stop `u` to the next stops below it, through unlabelled nodes."""
    value: dict[Value, float] = {u: 1.0}
    terms: dict[Value, list[tuple[float, list[str]]] | None] = {u: [(1.0, [])]}
    heap = [(-place[u], u)]
    queued = {u}
    steps = []
    while heap:
        _, node = heapq.heappop(heap)  # highest place first: all its consumers are done
        if node is not u and (node.label or node is wrt):
            formula = None
            if terms[node] is not None:
                formula = total([product(c, fs) for c, fs in terms[node]])  # type: ignore[union-attr]
            steps.append((node, Factor(names[u], names[node], formula, value[node])))
            continue
        local = [node._da, node._db]
        for position, parent in enumerate(node.parents):
            if parent not in reaching:
                continue
            value[parent] = value.get(parent, 0.0) + local[position] * value[node]
            here = terms[node]
            coefficient, factors = names.local_partial(node, position)
            if here is None or (parent in terms and terms[parent] is None):
                terms[parent] = None
            else:
                extended = [(c * coefficient, fs + factors) for c, fs in here]
                merged = (terms.get(parent) or []) + extended
                terms[parent] = merged if len(merged) <= MAX_TERMS else None
            if parent not in queued:
                queued.add(parent)
                heapq.heappush(heap, (-place[parent], parent))
    steps.sort(key=lambda step: place[step[0]])
    return steps
