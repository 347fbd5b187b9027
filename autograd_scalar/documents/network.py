"""A document's network as rebuilt here: its output, its labelled nodes, its parameters.

Every document module builds its network from one mapping of leaf values (label →
number). Rebuilding from other values is how a claim about a definition or an update
rule is checked away from the one point the document wrote down.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..core.graph import topological_order
from ..core.value import Value


@dataclass
class Network:
    """The output node, every labelled node by label, and which leaves are parameters."""

    root: Value
    nodes: dict[str, Value]
    parameters: tuple[str, ...]

    @classmethod
    def of(cls, root: Value, parameters: tuple[str, ...]) -> Network:
        """Collect the labelled nodes that `root` depends on."""
        nodes = {node.label: node for node in topological_order(root) if node.label}
        missing = [p for p in parameters if p not in nodes]
        if missing:
            raise ValueError(f"the network has no node labelled {', '.join(missing)}")
        return cls(root, nodes, parameters)


Builder = Callable[[Mapping[str, float]], Network]


def perturbed(values: Mapping[str, float], rng: random.Random, spread: float) -> dict[str, float]:
    """The same leaves, each moved by a normal step of size `spread` (seeded, reproducible)."""
    return {label: value + rng.gauss(0.0, spread) for label, value in values.items()}


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


def path_measure(target: str) -> Callable[[Network], str]:
    """A measure for a chain-rule claim: every path from the output to `target`, as text."""

    def measure(net: Network) -> str:
        found = labelled_paths(net.root, net.nodes[target])
        return " + ".join(" → ".join(path) for path in found)

    return measure
