"""The tape's two loops, forward and backward, over plain lists of floats.

A program is a list of `(code, out, a, b, k, op)` in topological order: the slots of
the node and of its inputs (`b` is -1 for an op of one input; a plain number operand
has a slot of its own), the op's constant `k` (pow's exponent, else None) and its
record. The four commonest ops, whose arithmetic is one line, are written out here so
that no call is made for them; every other op, a registered one included, is run from
its record through `run_op`, as the engine runs it. `run_reference` runs every op
that way: it is what the tests hold the fast loop to, and it names the op and the
input labels when a replay leaves an op's domain.
"""

from __future__ import annotations

from typing import Any

from .ops import ADD, MUL, RELU, SUB, Op
from .value import run_op

# Written-out ops, the commonest first: the if-chain tests them in this order. Keyed by
# the records themselves, so another record with the same name runs from its own math.
CODES = {MUL: 0, ADD: 1, RELU: 2, SUB: 3}
FROM_THE_TABLE = len(CODES)
Instruction = tuple[int, int, int, int, Any, "Op"]


def run_forward(program: list[Instruction], v: list[float], da: list[Any], db: list[Any]) -> None:
    """Fill the values `v` and local partials `da`, `db` of every op node, in order.

    A failure or a value that is not finite is left for the caller to find (see
    `run_reference`). The partials of add and sub never change: the caller sets them.
    """
    for code, o, a, b, k, op in program:
        if code == 0:  # mul
            x = v[a]
            y = v[b]
            v[o] = x * y
            da[o] = y
            db[o] = x
        elif code == 1:  # add
            v[o] = v[a] + v[b]
        elif code == 2:  # relu, its slope 0 at the kink as in the table
            x = v[a]
            if x > 0.0:
                v[o] = x
                da[o] = 1.0
            else:
                v[o] = da[o] = 0.0
        elif code == 3:  # sub
            v[o] = v[a] - v[b]
        else:
            out, partials = run_op(op, v[a], v[b] if b >= 0 else k)
            v[o] = out
            da[o] = partials[0]
            if b >= 0:
                db[o] = partials[1]


def run_backward(program: list[Instruction], g: list[float], da: list[Any], db: list[Any]) -> None:
    """The chain rule over `program` in reverse, accumulating into `g` (seeded).

    The same products in the same order as `core.chain_rule`, so the same floats.
    """
    for code, o, a, b, _, _ in reversed(program):
        go = g[o]
        if go == 0.0:  # as the chain rule: exact, and no 0·∞
            continue
        if code == 1:  # add: 1.0 * go is go, bit for bit
            g[a] += go
            g[b] += go
        elif b >= 0:
            g[a] += da[o] * go
            g[b] += db[o] * go
        else:
            g[a] += da[o] * go


def run_reference(
    program: list[Instruction], values: list[float], nodes: list[Any]
) -> tuple[list[float], list[Any], list[Any]]:
    """Every slot's value and local partials, each op run from its record.

    `values` holds the leaves and constants (it is not changed); `nodes[slot]` is the
    node of each node slot, whose labels a DomainError names.
    """
    v = list(values)
    da: list[Any] = [None] * len(v)
    db: list[Any] = [None] * len(v)
    for _, o, a, b, k, op in program:
        a_node = nodes[a] if a < len(nodes) else None
        b_node = nodes[b] if 0 <= b < len(nodes) else None
        out, partials = run_op(op, v[a], v[b] if b >= 0 else k, a_node, b_node)
        v[o] = out
        da[o] = partials[0]
        db[o] = partials[1] if b >= 0 else None
    return v, da, db
