"""The graph as the page's script reads it: a tape of nodes, and the op table in JavaScript.

The page recomputes the whole graph in the browser whenever a knob moves, so it carries
the graph itself: every node in the engine's topological order (inputs first, the output
last), each with its op, its inputs (their places on the tape, or the plain number the op
was given) and its value. The ops are printed to JavaScript from their records
(`formula.javascript.op_javascript`): nothing here, and nothing in the script, knows an op.

An op whose record cannot be printed (a forward given only as a Python function) cannot
be recomputed: its nodes keep the values and local partials Python computed, and every
leaf those nodes are computed from is read-only, with the reason. The knobs are the
labelled leaves: an unlabelled leaf is written in formulas as its number, so it stays that
number here too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.ops import Op
from ..core.value import Value
from ..errors import OpError
from ..formula.javascript import op_javascript


@dataclass
class Tape:
    """The page's tape: `data` for its JSON block, `ops` as JavaScript object literals."""

    data: dict[str, Any] = field(default_factory=dict)
    ops: list[str] = field(default_factory=list)


def page_tape(order: Sequence[Value], params: Collection[Value]) -> Tape:
    """The nodes of `order` (topological, the output last) as the page's script reads them;
    `params` are the leaves that Step moves by default."""
    slot = {node: i for i, node in enumerate(order)}
    ops: list[Op] = []
    for node in order:
        if node.op is not None and node.op not in ops:
            ops.append(node.op)
    printed: list[str] = []
    frozen: dict[int, str] = {}
    for i, op in enumerate(ops):
        try:
            printed.append(op_javascript(op))
        except OpError as error:
            printed.append("null")
            frozen[i] = str(error)
    place = {op: i for i, op in enumerate(ops)}

    def where(x: Value | None) -> int:
        return -1 if x is None else slot[x]

    nodes: dict[str, list[Any]] = {key: [] for key in ("label", "repr", "op", "a", "b", "k", "data")}
    fixed: dict[int, list[Any]] = {}
    for i, node in enumerate(order):
        nodes["label"].append(node.label)
        nodes["repr"].append(repr(node.label))
        nodes["op"].append(-1 if node.op is None else place[node.op])
        nodes["a"].append(where(node._a))
        nodes["b"].append(where(node._b))
        nodes["k"].append(node.const)
        nodes["data"].append(node.data)
        if node.op is not None and place[node.op] in frozen:
            fixed[i] = [float(node._da), None if node._db is None else float(node._db)]
    knobs = [node for node in order if node.op is None and node.label]
    stuck = _read_only([node for node in order if slot[node] in fixed], ops, frozen)
    tape = {
        "nodes": nodes,
        "ops": [op.name for op in ops],
        "fixed": fixed,
        "knobs": [slot[node] for node in knobs],
        "params": [slot[node] for node in knobs if node in params],
        "readOnly": {slot[node]: reason for node, reason in stuck.items()},
    }
    return Tape(tape, printed)


def _read_only(fixed: list[Value], ops: list[Op], frozen: dict[int, str]) -> dict[Value, str]:
    """Each leaf that a node of an unprintable op is computed from, and why it cannot move."""
    found: dict[Value, str] = {}
    for node in fixed:
        assert node.op is not None
        why = frozen[ops.index(node.op)]
        for leaf in _leaves_under(node):
            found.setdefault(leaf, f"{leaf.label} is read-only here: {why}")
    return found


def _leaves_under(node: Value) -> list[Value]:
    seen: dict[Value, None] = {}
    pending = [node]
    while pending:
        here = pending.pop()
        for parent in here.parents:
            if parent not in seen:
                seen[parent] = None
                pending.append(parent)
    return [leaf for leaf in seen if leaf.op is None and leaf.label]


__all__ = ["Tape", "page_tape"]
