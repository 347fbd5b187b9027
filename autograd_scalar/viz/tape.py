"""The graph as the page's script reads it: a tape of nodes, and the op table in JavaScript.

The page recomputes the whole graph in the browser whenever a knob moves, so it carries
the graph itself: every node in the engine's topological order (inputs first, the output
last), each with its op, its inputs (their places on the tape, or the plain number the op
was given) and its value. The ops are printed to JavaScript from their records
(`formula.javascript.op_javascript`): nothing here, and nothing in the script, knows an op.

An op whose record cannot be printed (a forward given only as a Python function) cannot
be recomputed: its nodes keep the values and local partials Python computed, and every
leaf those nodes are computed from is read-only, with the reason.

Every leaf the picture names or draws has a knob: a labelled leaf, a parameter, and in the
op view every leaf (each has a box). A knob is named by the leaf's label, else by its
module's dotted name (`layers.0.neurons.1.w.0`), else `leaf#place`, as an unlabelled op
too long to write is named `add#9` (place on the same tape). A leaf of the equation view
with no label, not a parameter, is written in its box's equation as its number, and so
stays that number. At most MAX_KNOBS leaves get one, parameters first: a page of thousands
of rows would be slow to open and no use to scroll through.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.ops import Op
from ..core.value import Value
from ..errors import OpError
from ..formula.javascript import op_javascript

MAX_KNOBS = 200


@dataclass
class Tape:
    """The page's tape: `data` for its JSON block, `ops` as JavaScript object literals."""

    data: dict[str, Any] = field(default_factory=dict)
    ops: list[str] = field(default_factory=list)


def knob_names(
    order: Sequence[Value],
    params: Collection[Value],
    dotted: Mapping[Value, str],
    boxed: Collection[Value],
) -> dict[Value, str]:
    """The leaves of `order` that get a knob, in order, each with its knob's name (see the
    module's docstring): `params` first when there are more than MAX_KNOBS."""
    place = {node: i for i, node in enumerate(order)}
    wanted = [
        node
        for node in order
        if node.op is None and (node.label or node in params or node in boxed)
    ]
    wanted = sorted(wanted, key=lambda node: (node not in params, not node.label, place[node]))
    chosen = sorted(wanted[:MAX_KNOBS], key=place.__getitem__)
    return {node: node.label or dotted.get(node) or f"leaf#{place[node]}" for node in chosen}


def page_tape(
    order: Sequence[Value], params: Collection[Value], knobs: Mapping[Value, str]
) -> Tape:
    """The nodes of `order` (topological, the output last) as the page's script reads them;
    `knobs` the leaves that have a knob, by the name it shows, `params` the leaves that Step
    moves by default."""
    slot = {node: i for i, node in enumerate(order)}
    ops = list(dict.fromkeys(node.op for node in order if node.op is not None))
    printed, frozen = _printed(ops)
    fixed = {
        slot[node]: [float(node._da), None if node._db is None else float(node._db)]
        for node in order
        if node.op is not None and ops.index(node.op) in frozen
    }
    stuck = _read_only([order[i] for i in fixed], ops, frozen, knobs)
    leaves = sum(node.op is None for node in order)
    tape = {
        "nodes": _nodes(order, slot, ops),
        "ops": [op.name for op in ops],
        "fixed": fixed,
        "knobs": [slot[node] for node in knobs],
        "knobNames": {slot[node]: name for node, name in knobs.items()},
        "withoutKnob": leaves - len(knobs),
        "maxKnobs": MAX_KNOBS,
        "params": [slot[node] for node in knobs if node in params],
        "readOnly": {slot[node]: reason for node, reason in stuck.items()},
    }
    return Tape(tape, printed)


def _printed(ops: list[Op]) -> tuple[list[str], dict[int, str]]:
    """Each op as a JavaScript object ("null" for one that cannot be printed), and why each
    op that cannot be printed cannot be, by its place in `ops`."""
    printed: list[str] = []
    frozen: dict[int, str] = {}
    for i, op in enumerate(ops):
        try:
            printed.append(op_javascript(op))
        except OpError as error:
            printed.append("null")
            frozen[i] = str(error)
    return printed, frozen


def _nodes(order: Sequence[Value], slot: dict[Value, int], ops: list[Op]) -> dict[str, list[Any]]:
    """The nodes as columns: label, its repr (for error messages), op (its place in `ops`,
    −1 for a leaf), the places of the inputs a and b (−1 where a plain number stands), the
    constant (pow's exponent, the 1 of `1 − x`) and the value."""
    place = {op: i for i, op in enumerate(ops)}

    def where(x: Value | None) -> int:
        return -1 if x is None else slot[x]

    return {
        "label": [node.label for node in order],
        "repr": [repr(node.label) for node in order],
        "op": [-1 if node.op is None else place[node.op] for node in order],
        "a": [where(node._a) for node in order],
        "b": [where(node._b) for node in order],
        "k": [node.const for node in order],
        "data": [node.data for node in order],
    }


def _read_only(
    fixed: list[Value], ops: list[Op], frozen: dict[int, str], knobs: Mapping[Value, str]
) -> dict[Value, str]:
    """Each knob's leaf that a node of an unprintable op is computed from, and why it
    cannot move."""
    found: dict[Value, str] = {}
    for node in fixed:
        assert node.op is not None
        why = frozen[ops.index(node.op)]
        for leaf in _leaves_under(node):
            if leaf in knobs:
                found.setdefault(leaf, f"{knobs[leaf]} is read-only here: {why}")
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
    return [leaf for leaf in seen if leaf.op is None]


__all__ = ["MAX_KNOBS", "Tape", "knob_names", "page_tape"]
