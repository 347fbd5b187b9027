"""Formulas printed as JavaScript, so that a page computes what the engine computes.

An op's record is printed as a JavaScript object: its forward (from its definition, or the
operator or `Math` function it natively is), each partial (from its formulas) and its
domain (each condition with its reason), all as functions of `a`, `b` (the second input or
the constant) and `out`. Nothing here knows an op: the arithmetic operators are the formula
language's, every other op is printed from its record, so an op registered by a user is
printed too, or refused with an OpError naming it when its record has no definition.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..core.ops import Op
from .expr import Call, Expr, Indicator, Name, Number, fold
from .templates import definition, domain, expand, partial_formulas

_RELATIONS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "=": "===", "!=": "!=="}


def written_natively(op: Op) -> bool:
    """Whether JavaScript writes `op` itself: an arithmetic operator or a `Math` function."""
    return bool(op.operator) or "javascript" in op.native


def javascript(expr: Expr, variables: Mapping[str, str]) -> str:
    """`expr` as a JavaScript expression; each label is written as `variables[label]`.

    Raises OpError for an op that neither JavaScript nor the op's definition can write.
    """
    written = expand(expr, written_natively, "JavaScript")

    def combine(node: Expr, args: list[str]) -> str:
        if isinstance(node, Number):
            return _number(node.value)
        if isinstance(node, Name):
            return variables[node.label]
        if isinstance(node, Indicator):
            return f"({args[0]} {_RELATIONS[node.relation]} {args[1]} ? 1 : 0)"
        assert isinstance(node, Call)
        operator = node.op.operator
        if operator and len(args) == 1:
            return f"(-{args[0]})"
        if operator == "**":
            return f"Math.pow({args[0]}, {args[1]})"
        if operator:
            return f"({args[0]} {operator} {args[1]})"
        return f"{node.op.native['javascript']}({', '.join(args)})"

    return fold(written, combine)


def op_javascript(op: Op) -> str:
    """The record as a JavaScript object literal:
    `{name, forward(a, b), partials(a, b, out) → [∂a, ∂b], domain: [[holds(a, b), reason]]}`.

    `b` is the second input, or the constant (pow's exponent). Raises OpError when the op
    cannot be printed (a forward given only as a Python function).
    """
    names = {"a": "a", "b": "b", "out": "out", op.constant or "k": "b"}
    itself = Call(op, tuple(Name(name) for name in op.operands))
    forward = itself if written_natively(op) else definition(op) or itself
    slopes = ", ".join(javascript(f, names) for f in partial_formulas(op))
    conditions = ", ".join(
        f"[function (a, b) {{ return {javascript(c, names)}; }}, {_string(reason)}]"
        for c, reason in domain(op)
    )
    return (
        f"{{name: {_string(op.name)}, "
        f"forward: function (a, b) {{ return {javascript(forward, names)}; }}, "
        f"partials: function (a, b, out) {{ return [{slopes}]; }}, "
        f"domain: [{conditions}]}}"
    )


def _string(text: str) -> str:
    """A JavaScript string literal that is safe inside an HTML <script> too."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _number(value: float) -> str:
    text = repr(value)  # the shortest text that reads back to the same float, as in JS
    return f"({text})" if value < 0 else text


__all__ = ["javascript", "op_javascript", "written_natively"]
