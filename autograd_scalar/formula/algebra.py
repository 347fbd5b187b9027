"""The chain rule's products and sums, written as a person writes them.

`explain`, the pictures and the checks multiply local partials along a path and add
paths up. Done naively that reads `1·(−(1 − y))·1/(1 − σ3)·−1`; here it reads
`(1 − y)/(1 − σ3)`. Only the arithmetic ops (+ − · / and powers) have identities here;
any other op, a registered one included, is folded only when all its operands are
numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..core.ops import ADD, DIV, MUL, NEG, POW, SUB
from .expr import Call, Expr, Indicator, Number, evaluate, fold


def simplify(expr: Expr) -> Expr:
    """The same formula with numbers worked out and 1·x, x + 0, x^1, −(−x) written x."""
    return fold(expr, _simplify_node)


def _simplify_node(node: Expr, args: list[Expr]) -> Expr:
    if not isinstance(node, (Call, Indicator)):
        return node
    rebuilt = _rebuilt(node, args)
    if all(isinstance(a, Number) for a in args):
        return _worked_out(rebuilt)
    return _without_identity(rebuilt) if isinstance(rebuilt, Call) else rebuilt


def _rebuilt(node: Call | Indicator, args: list[Expr]) -> Call | Indicator:
    """The node over its simplified operands."""
    if isinstance(node, Indicator):
        return Indicator(args[0], node.relation, args[1])
    return Call(node.op, tuple(args))


def _worked_out(node: Call | Indicator) -> Expr:
    """A node over numbers alone, as its number (as it is, where it has none: log(−1))."""
    try:
        return Number(evaluate(node, {}))
    except (ValueError, ArithmeticError):
        return node


def _without_identity(node: Call) -> Expr:
    """1·x, x·1, x + 0, 0 + x, x − 0, x/1 and x^1 as x; −1·x and 0 − x as −x; −(−x) as x."""
    op, (a, *rest) = node.op, node.args
    b = rest[0] if rest else None
    if op is MUL:
        if _is(a, 1):
            return b  # type: ignore[return-value]
        if _is(b, 1):
            return a
        if _is(a, -1):
            return Call(NEG, (b,))  # type: ignore[arg-type]
    if op is ADD and _is(a, 0):
        return b  # type: ignore[return-value]
    if op in (ADD, SUB) and _is(b, 0):
        return a
    if op is SUB and _is(a, 0):
        return Call(NEG, (b,))  # type: ignore[arg-type]
    if op in (DIV, POW) and _is(b, 1):
        return a
    if op is NEG and isinstance(a, Call) and a.op is NEG:
        return a.args[0]
    return node


def _is(expr: Expr | None, value: float) -> bool:
    return isinstance(expr, Number) and expr.value == value


def product(factors: list[Expr]) -> Expr:
    """The product of `factors`, as one fraction with its number in front: −a·b/c."""
    coefficient = 1.0
    top: list[Expr] = []
    bottom: list[Expr] = []
    for written in factors:
        for factor, divides in factors_of(written):
            if isinstance(factor, Number):
                coefficient = coefficient / factor.value if divides else coefficient * factor.value
            else:
                (bottom if divides else top).append(factor)
    if coefficient == 0.0 or not math.isfinite(coefficient):
        return Number(coefficient)
    body = chained(top)
    if bottom and body is None:  # a number over the rest: −3/(1 − x), not −3·1/(1 − x)
        over = Call(DIV, (Number(abs(coefficient)), chained(bottom)))  # type: ignore[arg-type]
        return Call(NEG, (over,)) if coefficient < 0 else over
    if bottom:
        body = Call(DIV, (body, chained(bottom)))  # type: ignore[arg-type]
    if body is None:
        return Number(coefficient)
    if coefficient == -1.0:
        return Call(NEG, (body,))
    return body if coefficient == 1.0 else Call(MUL, (Number(coefficient), body))


def factors_of(expr: Expr) -> Iterator[tuple[Expr, bool]]:
    """The factors of a product as written, left to right, each with whether it divides:
    `a·(−b)/c` gives a, −1 and b multiplying, then c dividing. A minus sign is a factor −1."""
    pending: list[tuple[Expr, bool]] = [(expr, False)]
    while pending:
        node, divides = pending.pop()
        if isinstance(node, Call) and node.op is NEG:
            yield Number(-1.0), False
            pending.append((node.args[0], divides))
        elif isinstance(node, Call) and node.op is MUL:
            pending += [(node.args[1], divides), (node.args[0], divides)]
        elif isinstance(node, Call) and node.op is DIV:
            pending += [(node.args[1], not divides), (node.args[0], divides)]
        else:
            yield node, divides


def chained(factors: list[Expr]) -> Expr | None:
    """The factors multiplied left to right as they are, `a·b·c` (None for none)."""
    if not factors:
        return None
    result = factors[0]
    for factor in factors[1:]:
        result = Call(MUL, (result, factor))
    return result


def total(terms: list[Expr]) -> Expr:
    """The sum of `terms`, the positive ones first, with `a + (−b)` written `a − b`."""
    signed = [_without_sign(term) for term in terms]
    signed.sort(key=lambda pair: pair[0])  # positive (False) first; stable otherwise
    if not signed:
        return Number(0.0)
    negative, first = signed[0]
    result = Call(NEG, (first,)) if negative else first
    for negative, term in signed[1:]:
        result = Call(SUB if negative else ADD, (result, term))
    return result


def _without_sign(term: Expr) -> tuple[bool, Expr]:
    term = product([term])  # its number, and so its sign, in front
    if isinstance(term, Call) and term.op is NEG:
        return True, term.args[0]
    if isinstance(term, Number) and term.value < 0:
        return True, Number(-term.value)
    if (
        isinstance(term, Call)
        and term.op is MUL
        and isinstance(term.args[0], Number)
        and term.args[0].value < 0
    ):
        return True, Call(MUL, (Number(-term.args[0].value), term.args[1]))
    return False, term
