"""The tape run through the op table itself: slow, exact, and the one that explains errors.

The fast interpreter in `replay` writes each op's arithmetic out. This module runs the
same tape by calling each op's `forward` and `partials`, as `engine.apply` does, so it is
the reference the tests hold the fast one to, and the path that raises the engine's own
`DomainError` (naming the op, its inputs and their labels) when a replay leaves a domain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from .errors import DomainError

if TYPE_CHECKING:
    from .replay import Tape

_LARGEST = 1.7976931348623157e308


def _who(*nodes: Any) -> str:
    return ", ".join(repr(n.label) for n in nodes if n.label)


def run_with_op_table(tape: Tape) -> tuple[list[float], list[Any], list[Any]]:
    """Every node's value and local partials at the tape's leaf values, via `ops`."""
    values = list(tape.values)
    da: list[Any] = [None] * len(values)
    db: list[Any] = [None] * len(values)
    for _, o, ai, bi, k in tape.program:
        node = tape.nodes[o]
        op = node.op
        assert op is not None
        a = tape.nodes[ai]
        b = tape.nodes[bi] if bi >= 0 else None
        x = values[ai]
        y = values[bi] if b is not None else (k if node.const is not None else None)
        try:
            out = op.forward(x, y)
            partials = op.partials(x, y, out)
        except (ValueError, ArithmeticError) as error:
            inputs = (x,) if b is None else (x, y)
            overflow = isinstance(error, OverflowError)
            reason = "the result overflows a float" if overflow else str(error)
            raise DomainError(op.name, inputs, _who(a, *([b] if b else [])), reason) from None
        if not -_LARGEST <= out <= _LARGEST:
            raise DomainError(op.name, (x, y), _who(a), "the result overflows")
        values[o] = out
        da[o] = partials[0]
        db[o] = partials[1] if b is not None else None
    return values, da, db


def raise_domain_error(tape: Tape) -> NoReturn:
    """Replay `tape` through the op table, which raises the engine's DomainError."""
    run_with_op_table(tape)
    raise AssertionError("the fast replay failed where the op table does not; please report")


def find_bad_gradient(tape: Tape) -> int | None:
    """The slot whose gradient the engine's backward would first find inf or NaN."""
    g = tape.grads
    for _, o, *_rest in reversed(tape.program):
        if not -_LARGEST <= g[o] <= _LARGEST:
            return o
    for node in tape.leaves:
        i = tape.slot[node]
        if not -_LARGEST <= g[i] <= _LARGEST:
            return i
    return None
