"""Facts about a network, computed and put in words: the measures that judge a document's
statements about paths, roles, counts and what training does.

A measure takes the document's builder and values and returns a `Found`: a phrase in the
words a claim would use, the number behind it, and how it was found. A claim is right
when its own phrase is the one found. The phrases are built from what is computed, so a
measure never just agrees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..check.agreement import same
from ..check.descent import Run, descend
from ..check.network import Builder, Network, labelled_paths, points
from ..core.gradients import grad
from ..core.graph import topological_order
from ..explanation.paths import explain
from .claims import AT_VALUES, Found, Measure


def at_values(fact: Callable[[Network], Found]) -> Measure:
    """A measure of the network at the document's values only."""
    return lambda build, values: fact(build(values))


def chain(target: str, written: str) -> Measure:
    """Every path of the chain rule from the output to `target`, as labels (`ℓ → σ3 → W5`),
    joined by +; the number is ∂output/∂target, and `written` (the document's path) is
    priced in the detail: its product, against the sum over every path."""

    def fact(net: Network) -> Found:
        found = explain(net.root, net.nodes[target], max_paths=100)
        paths = [" → ".join([f.of for f in path] + [path[-1].wrt]) for path in found.paths]
        products = dict(zip(paths, found.path_products, strict=True))
        partial = f"∂{net.root.label}/∂{target}"
        detail = f"{found.path_count} path(s) from {net.root.label} to {target}; {partial} = {found.total:.6g}"
        if len(paths) > 1 and written in products:
            detail += f"; the path written gives {products[written]:.6g}, the others the rest"
        return Found(" + ".join(paths), found.total, detail, f"{partial}, {AT_VALUES}")

    return at_values(fact)


def same_slope(first: str, second: str, wrt: str) -> Measure:
    """Whether ∂first/∂wrt and ∂second/∂wrt are the same at every point."""

    def measure(build: Builder, values: Mapping[str, float]) -> Found:
        pairs = []
        for point in points(values, 50):
            net = build(point)
            pairs.append(
                (grad(net.nodes[first], net.nodes[wrt]), grad(net.nodes[second], net.nodes[wrt]))
            )
        differ = sum(not same(a, b) for a, b in pairs)
        relation = "≠" if differ else "="
        a, b = pairs[0]
        detail = f"at the document's values ∂{first}/∂{wrt} = {a:.6g}, ∂{second}/∂{wrt} = {b:.6g}; they differ at {differ} of {len(pairs)} points"
        phrase = f"∂{first}/∂{wrt} {relation} ∂{second}/∂{wrt}"
        return Found(phrase, (a, b), detail, f"both, {AT_VALUES}")

    return measure


def depends_on_parameters(net: Network, label: str) -> bool:
    """Whether the node `label` is computed from the network's parameters."""
    parameters = {net.nodes[p] for p in net.parameters}
    return any(node in parameters for node in topological_order(net.nodes[label]))


def roles(*symbols: tuple[str, str]) -> Measure:
    """Which of the symbols the network computes and which are given: each `(symbol,
    label)` says "symbol is computed by the network" or "symbol is a given number"."""

    def fact(net: Network) -> Found:
        said, numbers = [], []
        for symbol, label in symbols:
            computed = depends_on_parameters(net, label)
            said.append(
                f"{symbol} is {'computed by the network' if computed else 'a given number'}"
            )
            numbers.append(net.nodes[label].data)
        shown = ", ".join(f"{s} = {net.nodes[lb].data:.6g}" for (s, lb) in symbols)
        detail = f"{shown}; computed by the network: depends on its parameters"
        number = tuple(numbers) if len(numbers) > 1 else numbers[0]
        return Found("; ".join(said), number, detail, f"their values, {AT_VALUES}")

    return at_values(fact)


def paths_through(net: Network, target: str) -> list[tuple[str, ...]]:
    """Every labelled path from the output down to `target` (none when it is not reached)."""
    node = net.nodes[target]
    if node not in set(topological_order(net.root)):
        return []
    return labelled_paths(net.root, node)


def trained(words: Callable[[Run], tuple[str, float]], rate: float, steps: int) -> Measure:
    """A measure that trains from the values by gradient descent and says what happened
    (`words(run)` gives the phrase and the number)."""

    def measure(build: Builder, values: Mapping[str, float]) -> Found:
        run = descend(build, values, rate, steps)
        phrase, number = words(run)
        return Found(phrase, number, run.says())

    return measure
