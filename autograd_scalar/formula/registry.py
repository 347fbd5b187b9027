"""Registering an op of one's own: checked against itself first, and as easily taken out.

`register_op(record)` puts a record in the op table only if its forms of the math agree
(`formula.record_check`): a record whose formula says `2·{a}` while its partial computes
3a² is refused with an OpError naming the field and the point, so `explain` never prints
a wrong formula beside a right number. `unregister_op` takes it out again, and
`registered(record)` does both around a `with` block (tests, a notebook's cell).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..core.ops import OPS, Op, insert, put, remove
from ..errors import OpError
from .record_check import problems
from .templates import forget


def register_op(op: Op, span: tuple[float, float] | None = None) -> Op:
    """Add `op` to the table and return it; from then on every feature knows it.

    The record is checked against itself at random points first (each partial against a
    central difference of its forward, each formula against its partial, the definition
    against the forward, the domain's reasons against what the forward raises, the written
    form against the op), and refused with an OpError that names the field and the point
    where they disagree. The points are drawn from [−3, 3], widened to [−30, 30] and then
    [−300, 300] for an op defined nowhere there, or from `span` (low, high) when given.
    Its name and every way a formula writes it must be free. Registering the same record
    twice is harmless.
    """
    if isinstance(op, Op) and OPS.get(op.name) is op:
        return op
    insert(op)  # in the table while it is checked: its own written form must read
    try:
        found = problems(op, span=span)
    except BaseException:
        _take_out(op)
        raise
    if found:
        _take_out(op)
        raise OpError(f"op {op.name!r} is not registered: " + "; ".join(found))
    return op


def unregister_op(op: Op | str) -> Op:
    """Take a registered op (or the op of that name) out of the table, and return it."""
    found = remove(op)
    forget(found)
    return found


@contextmanager
def registered(op: Op, span: tuple[float, float] | None = None) -> Iterator[Op]:
    """`with registered(record) as op:` the op is in the table inside the block only (if it
    was there already, it stays). `span` as for `register_op`."""
    was_there = OPS.get(op.name) is op
    register_op(op, span)
    try:
        yield op
    finally:
        if not was_there and OPS.get(op.name) is op:
            unregister_op(op)


@contextmanager
def in_the_table(op: Op) -> Iterator[Op]:
    """`op` readable in formulas for the block: put in the table if its name is free, or put
    in place of the record of that name (a changed copy being checked), then put back."""
    before = OPS.get(op.name)
    if before is op:
        yield op
        return
    if before is None:
        insert(op)
    else:
        put(op.name, op)
    try:
        yield op
    finally:
        put(op.name, before)
        forget(op)


def _take_out(op: Op) -> None:
    if OPS.get(op.name) is op:
        put(op.name, None)
    forget(op)


__all__ = ["in_the_table", "register_op", "registered", "unregister_op"]
