"""Formulas as trees: numbers, labels, ops of the table applied to formulas, and [x > 0].

A parsed claim, an op's partial filled in with a graph's labels, a labelled node's
equation: all are these trees. They are evaluated at `{label: value}`, and written as
text or LaTeX by `formula.printing`. Every walk over a tree is iterative (`fold`), so
a formula as deep as its length allows never meets Python's recursion limit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..core.ops import Op, call_forward

T = TypeVar("T")


@dataclass(frozen=True)
class Number:
    """A number; `text` keeps how it was written ("0.0850"), when it was."""

    value: float
    text: str = ""

    @property
    def children(self) -> tuple[Expr, ...]:
        return ()


@dataclass(frozen=True)
class Name:
    """A node's label."""

    label: str

    @property
    def children(self) -> tuple[Expr, ...]:
        return ()


@dataclass(frozen=True)
class Call:
    """An op of the table applied to its operands (inputs, then its constant if any)."""

    op: Op
    args: tuple[Expr, ...]

    @property
    def children(self) -> tuple[Expr, ...]:
        return self.args


@dataclass(frozen=True)
class Indicator:
    """[left relation right]: 1 when the comparison holds, else 0 (Iverson's bracket)."""

    left: Expr
    relation: str  # ">", "<", ">=", "<=", "=", "!="
    right: Expr

    @property
    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)


Expr = Number | Name | Call | Indicator
RELATIONS: dict[str, Callable[[float, float], bool]] = {
    ">": lambda x, y: x > y,
    "<": lambda x, y: x < y,
    ">=": lambda x, y: x >= y,
    "<=": lambda x, y: x <= y,
    "=": lambda x, y: x == y,
    "!=": lambda x, y: x != y,
}


def fold(expr: Expr, combine: Callable[[Expr, list[T]], T]) -> T:
    """`combine(node, [results of its children])` from the leaves up, without recursion."""
    results: dict[int, T] = {}
    stack: list[tuple[Expr, bool]] = [(expr, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded or not node.children:
            results[id(node)] = combine(node, [results[id(c)] for c in node.children])
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.children))
    return results[id(expr)]


def evaluate(expr: Expr, values: Mapping[str, float]) -> float:
    """The formula's value with each label at `values[label]`; an op outside its domain
    raises ValueError or ArithmeticError, as its forward function does."""

    def combine(node: Expr, args: list[float]) -> float:
        if isinstance(node, Number):
            return node.value
        if isinstance(node, Name):
            return float(values[node.label])
        if isinstance(node, Indicator):
            return 1.0 if RELATIONS[node.relation](args[0], args[1]) else 0.0
        return float(call_forward(node.op, *args) if len(args) == 2 else node.op.forward(args[0]))

    result = fold(expr, combine)
    if not math.isfinite(result):
        raise OverflowError("the formula's value is not a finite number")
    return result


def names(expr: Expr) -> frozenset[str]:
    """The labels a formula uses."""

    def combine(node: Expr, found: list[frozenset[str]]) -> frozenset[str]:
        own = frozenset([node.label]) if isinstance(node, Name) else frozenset()
        return own.union(*found)

    return fold(expr, combine)


def substitute(expr: Expr, replacements: Mapping[str, Expr]) -> Expr:
    """The formula with each label in `replacements` replaced by its formula."""

    def combine(node: Expr, args: list[Expr]) -> Expr:
        if isinstance(node, Name):
            return replacements.get(node.label, node)
        if isinstance(node, Call):
            return Call(node.op, tuple(args))
        if isinstance(node, Indicator):
            return Indicator(args[0], node.relation, args[1])
        return node

    return fold(expr, combine)


def size(expr: Expr) -> int:
    """How many numbers, labels and ops the formula has."""
    return fold(expr, lambda node, counts: 1 + sum(counts))
