"""An op record's formulas as trees: its partials, its definition and its domain.

A record writes its math as text over placeholders (`{out}·(1 − {out})`, `1/(1 + exp(−{a}))`,
`[{a} ≤ 0]`); every reader (explain, the pictures, the printers to JavaScript, PyTorch and
SymPy, the registry's checks) needs it as formula trees over the names `a`, `b`, `out` and
the constant's name. They are read here, once per record, and `expand` rewrites a formula
into the words a target language has, by putting each op's definition in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from weakref import WeakKeyDictionary

from ..core.ops import Op
from ..errors import OpError
from .expr import Call, Expr, fold, substitute
from .parser import parse_template


def placeholders(op: Op) -> tuple[str, ...]:
    """The names a record's formulas may use: a, b, out and its constant's name (k)."""
    return ("a", "b", "out", op.constant or "k")


_READ: WeakKeyDictionary[Op, dict[str, object]] = WeakKeyDictionary()


def _read(op: Op) -> dict[str, object]:
    if op not in _READ:
        names = placeholders(op)
        _READ[op] = {
            "partials": [parse_template(f, names) for f in op.formulas],
            "definition": parse_template(op.definition, names) if op.definition else None,
            "domain": [(parse_template(c, names), reason) for c, reason in op.domain],
        }
    return _READ[op]


def partial_formulas(op: Op) -> list[Expr]:
    """∂out/∂a (and ∂out/∂b) as trees, from the record's `formulas`."""
    return _read(op)["partials"]  # type: ignore[return-value]


def definition(op: Op) -> Expr | None:
    """The op's forward as a tree over other ops, from `definition`; None if it has none."""
    return _read(op)["definition"]  # type: ignore[return-value]


def domain(op: Op) -> list[tuple[Expr, str]]:
    """Where the op is not defined: (a condition that is not 0 there, the reason)."""
    return _read(op)["domain"]  # type: ignore[return-value]


def forget(op: Op) -> None:
    """Drop what was read of `op` (its record left the table, or never entered it)."""
    _READ.pop(op, None)


def filled(template: Expr, op: Op, operands: Mapping[str, Expr]) -> Expr:
    """A template of `op` with its placeholders replaced by formulas (`a` by `Z1`, …)."""
    return substitute(template, dict(operands))


def expand(expr: Expr, keeps: Callable[[Op], bool], target: str = "this language") -> Expr:
    """`expr` with every op that `keeps` refuses replaced by its definition, again and again,
    until only kept ops are left; an op with no definition raises OpError naming it."""

    def combine(node: Expr, args: list[Expr]) -> Expr:
        if not isinstance(node, Call):
            return node
        rebuilt = Call(node.op, tuple(args))
        if keeps(node.op):
            return rebuilt
        written = definition(node.op)
        if written is None:
            raise OpError(
                f"the op {node.op.name!r} cannot be written in {target}: it has no definition "
                "as a formula (give its record definition='…' in the formula language)"
            )
        inner = expand(written, keeps, target)  # definitions are short, and never circular
        return filled(inner, node.op, dict(zip(node.op.operands, args)))

    return fold(expr, combine)


__all__ = ["definition", "domain", "expand", "filled", "forget", "partial_formulas", "placeholders"]
