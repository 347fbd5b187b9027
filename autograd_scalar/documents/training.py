"""What training does: gradient steps run on a document's network, and said in words.

A document's update rule, or its word on what training will do, is judged by running
it: `descend` takes `steps` steps of `parameter ← parameter + sign·rate·∂loss/∂parameter`
(sign −1 is gradient descent) on the recorded graph, replayed (`Tape`), and keeps the
loss at every step and how often each parameter moved. `Run.says` puts it in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.replay import Tape
from .network import Builder


@dataclass(frozen=True)
class Run:
    """A training run: the loss before each step and after the last, and what moved."""

    loss: str  # the loss's label
    rate: float
    sign: float
    losses: tuple[float, ...]
    moved: dict[str, int]  # parameter → at how many steps its gradient was not 0

    @property
    def steps(self) -> int:
        return len(self.losses) - 1

    @property
    def falls_every_step(self) -> bool:
        return all(after < before for before, after in zip(self.losses, self.losses[1:]))

    @property
    def rises_every_step(self) -> bool:
        return all(after > before for before, after in zip(self.losses, self.losses[1:]))

    def frozen(self) -> list[str]:
        """The parameters that never moved."""
        return [p for p, count in self.moved.items() if count == 0]

    def says(self) -> str:
        """In words: "ℓ 0.6769 → 0.01 in 100 steps of 0.5, falling at every step"."""
        first, last = self.losses[0], self.losses[-1]
        trend = (
            "falling at every step"
            if self.falls_every_step
            else "rising at every step"
            if self.rises_every_step
            else "never changing"
            if len(set(self.losses)) == 1
            else "not at every step in one direction"
        )
        return (
            f"{self.loss} {first:.6g} → {last:.6g} in {self.steps} steps of {self.rate:g}, {trend}"
        )


def descend(
    build: Builder,
    values: Mapping[str, float],
    rate: float,
    steps: int,
    sign: float = -1.0,
    until: float = 0.0,
) -> Run:
    """Take `steps` steps of `p ← p + sign·rate·∂loss/∂p` from `values` on every parameter,
    or fewer: it stops when every |∂loss/∂p| is below `until`."""
    net = build(values)
    tape = Tape.record(net.root)
    nodes = [net.nodes[p] for p in net.parameters]
    slots = [tape.slot_of(node) for node in nodes]
    moved = dict.fromkeys(net.parameters, 0)
    losses = [net.root.data]
    for _ in range(steps):
        tape.backward()
        if until and all(abs(tape.grads[slot]) < until for slot in slots):
            break
        for label, slot in zip(net.parameters, slots):
            moved[label] += tape.grads[slot] != 0.0
        tape.step(-sign * rate, nodes)  # step() subtracts rate·grad
        losses.append(tape.forward())
    return Run(net.root.label, rate, sign, tuple(losses), moved)
