"""Replay: a recorded graph as a flat tape, re-run at new leaf values without new Values.

`Tape.record(output)` walks the graph once and writes one instruction per op node,
`(op code, output slot, input slot, input slot, constant)`, in the engine's topological
order. `forward` and `backward` then run it with the interpreter of `replay_interpreter`
over plain lists of floats, in the engine's order, so a replay gives exactly the floats
a fresh build would. When a step leaves an op's domain, the
tape is run again through the op table itself, which raises the engine's `DomainError`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .engine import Value, as_float, topological_order
from .errors import NonFiniteGradientError
from .replay_interpreter import CODES, run_backward, run_forward
from .replay_reference import find_bad_gradient, raise_domain_error

_LARGEST = 1.7976931348623157e308  # `-_LARGEST <= x <= _LARGEST` is false for inf and NaN


class Tape:
    """A recorded graph, replayable forward and backward at new values of its leaves."""

    def __init__(self, output: Value) -> None:
        self.nodes = topological_order(output)  # slot i holds nodes[i]; the output is last
        slot = {node: i for i, node in enumerate(self.nodes)}
        self.slot = slot
        self.by_label: dict[str, list[int]] = {}
        for i, node in enumerate(self.nodes):
            self.by_label.setdefault(node.label, []).append(i)
        self.leaves = [node for node in self.nodes if node.op is None]
        self._leaf_slots = [slot[leaf] for leaf in self.leaves]
        self.program: list[tuple[int, int, int, int, float]] = []
        for i, node in enumerate(self.nodes):
            if node.op is None:
                continue
            if node.op.name not in CODES:
                raise ValueError(f"replay does not know the op {node.op.name!r} (node {i})")
            b = slot[node._b] if node._b is not None else -1
            k = node.const if node.const is not None else 0.0
            self.program.append((CODES[node.op.name], i, slot[node._a], b, k))  # type: ignore[index]
        size = len(self.nodes)
        self.values = [node.data for node in self.nodes]
        self.grads = [0.0] * size
        self._da = [1.0] * size  # add's partials are 1 and never change
        self._db = [1.0] * size
        self._forward()

    @property
    def output(self) -> Value:
        """The node the tape was recorded from."""
        return self.nodes[-1]

    @classmethod
    def record(cls, output: Value) -> Tape:
        """Record the graph that `output` depends on (its values become the tape's start)."""
        if not isinstance(output, Value):
            raise TypeError(f"Tape.record takes a Value, got {type(output).__name__}")
        return cls(output)

    def slot_of(self, node: Value | str) -> int:
        """Where `node` (a Value, or the label of exactly one node) lives on the tape."""
        if isinstance(node, Value):
            if node not in self.slot:
                raise KeyError(f"{node!r} is not part of the recorded graph")
            return self.slot[node]
        found = self.by_label.get(node, []) if node else []
        if len(found) != 1:
            many = "several nodes have" if found else "no node has"
            raise KeyError(f"{many} the label {node!r}; pass the Value itself")
        return found[0]

    def forward(
        self, leaf_values: Sequence[float] | Mapping[Value | str, float] | None = None
    ) -> float:
        """Set the leaves and recompute every node; returns the output's value.

        A sequence gives every leaf in the order of `leaves`; a mapping (from leaf Values
        or labels) sets only those leaves and keeps the others; None keeps them all (after
        `step`, say).
        """
        values = self.values
        before = [values[i] for i in self._leaf_slots] if leaf_values is not None else None
        try:
            self._set_leaves(leaf_values)
            self._forward()
        except (ValueError, ArithmeticError, TypeError, KeyError):
            if before is not None:  # leave the tape as it was, never half-updated
                for i, number in zip(self._leaf_slots, before, strict=True):
                    values[i] = number
                self._forward()
            raise
        return values[-1]

    def _set_leaves(
        self, leaf_values: Sequence[float] | Mapping[Value | str, float] | None
    ) -> None:
        values = self.values
        if isinstance(leaf_values, Mapping):
            for key, number in leaf_values.items():
                i = self.slot_of(key)
                if self.nodes[i].op is not None:
                    raise ValueError(f"{key!r} is computed by the graph, not a leaf to set")
                values[i] = as_float(number, f"the value of leaf {key!r}")
        elif leaf_values is not None:
            if len(leaf_values) != len(self._leaf_slots):
                n = len(self._leaf_slots)
                raise ValueError(f"the tape has {n} leaves, got {len(leaf_values)} values")
            for i, number in zip(self._leaf_slots, leaf_values, strict=True):
                values[i] = as_float(number, "a leaf value")

    def _forward(self) -> None:
        try:
            run_forward(self.program, self.values, self._da, self._db)
        except (ValueError, ArithmeticError):
            raise_domain_error(self)
        # One sum instead of a test per node: inf or NaN anywhere makes it non-finite
        # (a sum of large finite numbers can overflow too, hence the closer look).
        if not -_LARGEST <= sum(self.values) <= _LARGEST and not _all_finite(self.values):
            raise_domain_error(self)

    def backward(self) -> list[float]:
        """∂output/∂leaf for every leaf, in the order of `leaves` (all slots in `grads`)."""
        g = [0.0] * len(self.nodes)
        g[-1] = 1.0
        run_backward(self.program, g, self._da, self._db)
        self.grads = g
        if not -_LARGEST <= sum(g) <= _LARGEST and not _all_finite(g):
            bad = find_bad_gradient(self)
            if bad is not None:
                raise NonFiniteGradientError(self.nodes[bad], g[bad])
        return [g[i] for i in self._leaf_slots]

    def step(self, lr: float, params: Sequence[Value | str]) -> None:
        """One SGD update of the leaves `params`: value -= lr · grad (after `backward`)."""
        v, g = self.values, self.grads
        for node in params:
            i = self.slot_of(node)
            v[i] -= lr * g[i]

    def value(self, node: Value | str) -> float:
        """The value of `node` at the last replay."""
        return self.values[self.slot_of(node)]

    def grad(self, node: Value | str) -> float:
        """∂output/∂node at the last `backward`."""
        return self.grads[self.slot_of(node)]

    def labelled_values(self) -> dict[str, float]:
        """{label: value at the last replay} for every label that names exactly one node."""
        v = self.values
        return {name: v[at[0]] for name, at in self.by_label.items() if name and len(at) == 1}


def _all_finite(numbers: list[float]) -> bool:
    return all(map(math.isfinite, numbers))
