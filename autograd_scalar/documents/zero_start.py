"""What gradient descent does from a zero start, computed by training a few steps.

The two-layer document warns against W[1] = 0 in a sentence that contradicts itself
("the forward and backward propagation will effectively update parameters during each
iteration, making the model ineffective"). What can be computed is whether the weights
move and whether the hidden units ever become different; these functions train and
answer in words, so a claim can be compared with what happened.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..core.grad import grad
from .network import Network

STEPS, RATE = 5, 0.5


@dataclass
class Trace:
    """Per step: the largest |gradient| of each weight matrix, and whether units agree."""

    largest: list[dict[str, float]]  # "W1" → max |∂J/∂W1[j,k]|, "b2" → …
    units_equal: list[bool]
    b2_moved: bool


def zeroed(values: Mapping[str, float]) -> dict[str, float]:
    """The same data with every weight and bias set to 0 (the course's zero start)."""
    return {k: (0.0 if k[:1] in "Wb" else v) for k, v in values.items()}


def descend(build: Callable[[Mapping[str, float]], Network], values: Mapping[str, float],
            steps: int = STEPS, rate: float = RATE) -> Trace:  # fmt: skip
    """Take `steps` steps of gradient descent from `values`, recording what moved."""
    point = dict(values)
    trace = Trace([], [], False)
    for _ in range(steps):
        net = build(point)
        hidden: dict[str, list[float]] = {}
        for label, node in net.nodes.items():
            if label.startswith("A1["):
                hidden.setdefault(label[label.index("(") :], []).append(node.data)
        trace.units_equal.append(all(len(set(row)) == 1 for row in hidden.values()))
        slopes = grad(net.root, [net.nodes[p] for p in net.parameters])
        largest: dict[str, float] = {}
        for label, slope in zip(net.parameters, slopes, strict=True):
            group = label[: label.index("[")]
            largest[group] = max(largest.get(group, 0.0), abs(slope))
            point[label] -= rate * slope
        trace.largest.append(largest)
        trace.b2_moved |= largest.get("b2", 0.0) > 0.0
    return trace


def weights_move(trace: Trace) -> str:
    """In words: do W[1] and W[2] change at every step?"""
    moved = [step.get("W1", 0.0) > 0.0 and step.get("W2", 0.0) > 0.0 for step in trace.largest]
    if all(moved):
        return "W[1] and W[2] change at every step"
    if not any(step.get("W1", 0.0) or step.get("W2", 0.0) for step in trace.largest):
        also = " (only b[2] moves)" if trace.b2_moved else ""
        return f"W[1] and W[2] never change: all their gradients are exactly 0 at each of {len(moved)} steps{also}"
    return "W[1] and W[2] change at some steps only"


def units_stay_equal(trace: Trace) -> str:
    """In words: do the hidden units stay identical?"""
    if all(trace.units_equal):
        return f"the hidden units stay identical at each of {len(trace.units_equal)} steps"
    return "the hidden units become different"
