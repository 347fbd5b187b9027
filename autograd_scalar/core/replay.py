"""Replay: a recorded graph as a flat tape, re-run at new leaf values without new Values.

`Tape.record(output)` walks the graph once and writes one instruction per op node, in
the engine's topological order (see `replay_kernel`). `forward` and `backward` then run
it over plain lists of floats, applying the same operations in the same order as the
engine, so a replay gives exactly the floats a fresh build would. When a replay leaves
an op's domain, the tape is run again op by op from the table, which raises the
engine's own `DomainError`, and the tape is left as it was.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import GraphLookupError
from ..interrupts import Interrupts
from .chain_rule import LARGEST, non_finite_error
from .graph import node_labelled, topological_order
from .replay_kernel import (
    CODES,
    FROM_THE_TABLE,
    Instruction,
    run_backward,
    run_forward,
    run_reference,
)
from .value import Value, as_float, run_op


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
        values = [node.data for node in self.nodes]
        da: list[Any] = [1.0] * len(values)
        db: list[Any] = [1.0] * len(values)
        self.program: list[Instruction] = []
        for i, node in enumerate(self.nodes):
            op = node.op
            if op is None:
                continue
            # A plain number operand gets a slot of its own, after the nodes' slots.
            inputs = []
            for given in node.operands[: op.arity]:
                if isinstance(given, Value):
                    inputs.append(slot[given])
                else:
                    inputs.append(len(values))
                    values.append(given)
                    da.append(0.0)
                    db.append(0.0)
            a, b = inputs[0], inputs[1] if op.arity == 2 else -1
            k = node.const if op.arity == 1 else None
            self.program.append((CODES.get(op, FROM_THE_TABLE), i, a, b, k, op))
            if op.arity == 2:  # the partials of add and sub are these, and never change
                da[i], db[i] = run_op(op, values[a], values[b])[1]
        self.values = values
        self.grads = [0.0] * len(values)
        self._da, self._db = da, db
        self._forward()

    def __repr__(self) -> str:
        ops = len(self.program)
        name = self.output.label or "the output"
        return f"Tape({name}: {len(self.leaves):,} leaves, {ops:,} ops; .forward(...), .backward())"

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
                raise GraphLookupError(f"{node!r} is not part of the recorded graph")
            return self.slot[node]
        if not isinstance(node, str):
            raise TypeError(f"name a node by its label or give the Value, got {node!r}")
        found = self.by_label.get(node, ()) if node else ()
        if len(found) == 1:  # a dictionary lookup: this runs per leaf set, per point
            return found[0]
        return self.slot[node_labelled(self.nodes, node)]  # raises, naming the labels there are

    def forward(
        self, leaf_values: Sequence[float] | Mapping[Value | str, float] | None = None
    ) -> float:
        """Set the leaves and recompute every node; returns the output's value.

        A sequence gives every leaf in the order of `leaves`; a mapping (from leaf Values
        or labels) sets only those leaves and keeps the others; None keeps them all (after
        `step`, say). On any error the tape is left as it was.
        """
        values = self.values
        before = [values[i] for i in self._leaf_slots] if leaf_values is not None else None
        try:
            self._set_leaves(leaf_values)
            self._forward()
        except (ValueError, ArithmeticError, TypeError, LookupError):
            if before is not None:  # leave the tape as it was, never half-updated
                for i, number in zip(self._leaf_slots, before, strict=True):
                    values[i] = number
                self._forward()
            raise
        return values[len(self.nodes) - 1]

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
            if isinstance(leaf_values, (str, bytes)) or not isinstance(leaf_values, Sequence):
                raise TypeError(f"give the leaf values as a list or a dict, got {leaf_values!r}")
            if len(leaf_values) != len(self._leaf_slots):
                n = len(self._leaf_slots)
                raise ValueError(f"the tape has {n} leaves, got {len(leaf_values)} values")
            for i, number in zip(self._leaf_slots, leaf_values, strict=True):
                values[i] = as_float(number, "a leaf value")

    def _forward(self) -> None:
        try:
            run_forward(self.program, self.values, self._da, self._db)
        except (ValueError, ArithmeticError):
            self.reference()  # raises the engine's DomainError, with the nodes' labels
            raise
        # One sum instead of a test per node: inf or NaN anywhere makes it non-finite
        # (a sum of large finite numbers can overflow too, hence the closer look).
        if not -LARGEST <= sum(self.values) <= LARGEST and not _all_finite(self.values):
            self.reference()
            raise AssertionError(
                "the fast replay made a value the op table does not; please report"
            )

    def reference(self) -> tuple[list[float], list[Any], list[Any]]:
        """Values and local partials of every slot, each op run from the table (slow, exact)."""
        return run_reference(self.program, self.values, self.nodes)

    def backward(self) -> list[float]:
        """∂output/∂leaf for every leaf, in the order of `leaves` (all slots in `grads`)."""
        g = [0.0] * len(self.values)
        g[len(self.nodes) - 1] = 1.0
        run_backward(self.program, g, self._da, self._db)
        self.grads = g
        if not all(-LARGEST <= g[i] <= LARGEST for i in self._leaf_slots):
            at = self.slot
            raise non_finite_error(
                self.nodes,
                lambda node: g[at[node]],
                lambda node: (self._da[at[node]], self._db[at[node]]),
                {},
                data=lambda node: self.values[at[node]],
            )
        return [g[i] for i in self._leaf_slots]

    def step(self, lr: float, params: Sequence[Value | str]) -> None:
        """One SGD update of the leaves `params`: value −= lr · grad (after `backward`).

        Nothing changes unless every named node is a leaf and every new value is finite;
        Ctrl-C during the step moves every leaf or none.
        """
        rate = as_float(lr, "the learning rate")
        v, g = self.values, self.grads
        slots = [self.slot_of(node) for node in params]
        for node, i in zip(params, slots, strict=True):
            if self.nodes[i].op is not None:
                raise ValueError(f"{node!r} is computed by the graph; step() moves leaves only")
        updated = [v[i] - rate * g[i] for i in slots]
        for node, number in zip(params, updated, strict=True):
            if not -LARGEST <= number <= LARGEST:
                raise ValueError(
                    f"the step would make {node!r} {number!r}; lower the learning rate"
                )
        with Interrupts(holding=True):  # Ctrl-C waits: every leaf moves, or none
            for i, number in zip(slots, updated, strict=True):
                v[i] = number

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
