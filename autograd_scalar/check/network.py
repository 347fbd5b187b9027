"""A network rebuilt from leaf values: its output, its labelled nodes, its parameters.

A network is built from one mapping of leaf values (label → number) by a `Builder`.
Rebuilding it from other values (`points`: moved as `check_partial` moves leaves) is
how a definition, an identity or an update rule is checked away from the one point
that was written down. `constants` are numbers formulas use that are no node (the
perceptron's n). `labelled_paths` and `labelled_inputs` read the graph in labels.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..core.graph import topological_order
from ..core.value import Value
from .points import moved_point


@dataclass
class Network:
    """The output node, every labelled node by label, and which leaves are parameters."""

    root: Value
    nodes: dict[str, Value]
    parameters: tuple[str, ...]
    constants: dict[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:
        name = self.root.label or "the output"
        return f"Network({name} = {self.root.data:.4g}: {len(self.nodes)} labelled nodes, {len(self.parameters)} parameters)"

    @classmethod
    def of(
        cls,
        root: Value,
        parameters: tuple[str, ...],
        also: tuple[Value, ...] = (),
        constants: Mapping[str, float] | None = None,
    ) -> Network:
        """Collect the labelled nodes that `root` depends on (and those `also` depend on:
        nodes a variant of the network leaves unconnected, still there to be named)."""
        nodes: dict[str, Value] = {}
        for top in (*also, root):
            nodes.update((node.label, node) for node in topological_order(top) if node.label)
        missing = [p for p in parameters if p not in nodes]
        if missing:
            raise ValueError(f"the network has no node labelled {', '.join(missing)}")
        return cls(root, nodes, parameters, dict(constants or {}))

    def values(self) -> dict[str, float]:
        """Every labelled node's value, and the constants, by name: what formulas read."""
        return {**self.constants, **{label: node.data for label, node in self.nodes.items()}}


Builder = Callable[[Mapping[str, float]], Network]


def perturbed(values: Mapping[str, float], rng: random.Random) -> dict[str, float]:
    """The same leaves, each moved as `check_partial` moves leaves (`check.points`), so
    "points" means one thing everywhere."""
    return dict(zip(values, moved_point(list(values.values()), rng), strict=True))


def points(values: Mapping[str, float], others: int, seed: int = 0) -> list[Mapping[str, float]]:
    """`values`, then `others` perturbed copies (seeded)."""
    rng = random.Random(seed)
    return [values] + [perturbed(values, rng) for _ in range(others)]


def labelled_paths(root: Value, target: Value) -> list[tuple[str, ...]]:
    """Every path from `root` down to `target`, written as the labels met on the way.

    Unlabelled nodes (the products and sums inside an equation) are skipped, and paths
    that read the same are listed once: `ℓ → σ3 → Z3 → W5`.
    """
    found: list[tuple[str, ...]] = []
    # Depth-first with an explicit stack; the documents' graphs are small.
    stack: list[tuple[Value, tuple[str, ...]]] = [(root, (root.label,))]
    while stack:
        node, path = stack.pop()
        if node is target:
            if path not in found:
                found.append(path)
            continue
        for parent in reversed(node.parents):
            step = path + (parent.label,) if parent.label else path
            stack.append((parent, step))
    return found


def labelled_inputs(node: Value) -> list[str]:
    """The labelled nodes `node` reads, through its unlabelled ones (a sum's products):
    `w1, x1, w4, x2, b1` for net_n3. In order, each once."""
    found: list[str] = []
    stack = list(reversed(node.parents))
    while stack:
        parent = stack.pop()
        if parent.label:
            if parent.label not in found:
                found.append(parent.label)
        else:
            stack.extend(reversed(parent.parents))
    return found
