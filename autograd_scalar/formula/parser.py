"""Formulas over a graph's labels, read safely: a grammar of the op table's own, never eval.

`parse_formula("(σ3 − y)·σ1", labels)` tokenizes the text (`formula.tokens`) and reads the
tokens by operator precedence, the way the op table writes them: each op written between
its operands binds as tightly as its record's `precedence` says and groups as its
`associates` says, a minus sign in front binds as a product does (−a·b is −(a·b)), a
superscript binds tightest (−σ1² is −(σ1²)). So a formula is read exactly as the printer
(`formula.printing`) writes it, an op of one's own (`a ⊕ b`) included. Only numbers,
labels, the table's operators, calls of the table's ops (`log(x)`, `σ(Z1)`) and one
comparison in brackets (`[x > 0]`) are accepted; anything else is refused with a
`FormulaError` pointing at it. The reading keeps two stacks and never recurses, so no
formula meets Python's recursion limit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..core.ops import OPS, Op, operator_spellings
from ..errors import FormulaError
from .expr import Call, Expr, Indicator, Name, Number, evaluate, names
from .tokens import Token, tokenize

MAX_DEPTH = 100  # brackets inside brackets, at most


class Formula:
    """A parsed formula: call it with `{label: value}` to get a float; `.expr` is its tree."""

    def __init__(self, text: str, expr: Expr) -> None:
        self.text = text
        self.expr = expr
        self.names = names(expr)  # the labels it uses

    def __call__(self, values: Mapping[str, float]) -> float:
        """The formula's value; raises ArithmeticError or ValueError outside its domain."""
        return evaluate(self.expr, values)

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"

    def __str__(self) -> str:
        return self.text


def parse_formula(text: str, labels: Iterable[str], ambiguous: Iterable[str] = ()) -> Formula:
    """Read `text` as a formula over `labels`; a FormulaError says what is refused, where."""
    if not isinstance(text, str):
        raise TypeError(f"a formula is a string, got {type(text).__name__}")
    tokens = tokenize(text, labels, ambiguous)
    if not tokens:
        raise FormulaError("the formula is empty")
    return Formula(text, _Reading(text).run(tokens))


def parse_template(template: str, placeholders: Iterable[str]) -> Expr:
    """An op record's template (`{out}·(1 − {out})`) as a formula over its placeholders."""
    names = list(placeholders)
    for name in names:
        template = template.replace("{" + name + "}", f" {name} ")
    return parse_formula(template, names).expr


def infix_op(spelling: str) -> Op | None:
    """The op written `spelling` between two operands (`·` is mul, `⊕` an op of one's own)."""
    return next(
        (op for op in OPS.values() if op.infix and spelling in operator_spellings(op)), None
    )


def prefix_op(spelling: str) -> Op | None:
    """The op written `spelling` before its one operand (`−` is neg)."""
    return next(
        (op for op in OPS.values() if not op.infix and spelling in operator_spellings(op)), None
    )


def power_op() -> Op:
    """The op a superscript writes: the one written `^`."""
    op = infix_op("^")
    if op is None:
        raise FormulaError("no op of the table is written ^, so a superscript cannot be read")
    return op


@dataclass
class _Pending:
    """Something begun and not yet finished: an operator waiting for its right side, or an
    opening bracket (of a group, of a call of `op`, or of a comparison)."""

    kind: str  # "infix", "prefix", "relation", "(" or "["
    token: Token
    op: Op | None = None
    precedence: int = 0
    base: int = 0  # how many operands stood before a bracket opened
    relations: list[_Pending] = field(default_factory=list)


class _Reading:
    """One formula being read: finished operands, and what is pending around them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.operands: list[Expr] = []
        self.pending: list[_Pending] = []
        self.depth = 0
        self.called: Op | None = None  # a function just named, whose bracket comes next

    def refuse(self, message: str, first: Token, last: Token | None = None) -> FormulaError:
        return FormulaError(message, self.text, first.start, (last or first).end)

    def run(self, tokens: list[Token]) -> Expr:
        wanting_operand = True
        previous = tokens[0]
        for token in tokens:
            if wanting_operand:
                wanting_operand = self.operand(token)
            else:
                wanting_operand = self.after_operand(token, previous)
            previous = token
        if wanting_operand:
            if previous.kind in ("operator", "relation"):
                raise self.refuse("the formula ends with an operator", previous)
            raise FormulaError(
                "the formula ends too early", self.text, len(self.text), len(self.text)
            )
        self.reduce_while(lambda item: True)
        if self.pending:  # a bracket still open
            raise FormulaError(
                "the formula ends too early", self.text, len(self.text), len(self.text)
            )
        return self.operands[-1]

    # Where an operand is wanted: a number, a label, a call, a bracket, or a sign.
    def operand(self, token: Token) -> bool:
        kind = token.kind
        if kind == "number":
            value = _number(token.text)
            if not math.isfinite(value):
                raise self.refuse("this number is too large for a float", token)
            self.operands.append(Number(value))
            return False
        if kind == "label":
            self.operands.append(Name(token.text))
            return False
        if kind == "function":  # the tokens guarantee its bracket comes next
            self.called = OPS[token.text]
            return True
        if kind == "(":
            self.open(_Pending("(", token, op=self.called))
            self.called = None
            return True
        if kind == "[":
            self.open(_Pending("[", token))
            return True
        if kind == "operator":
            if token.text == "+":  # a plus sign in front changes nothing
                return True
            op = prefix_op(token.text)
            if op is not None:
                self.pending.append(_Pending("prefix", token, op=op, precedence=op.precedence))
                return True
        if kind == ")" and self.pending and self.pending[-1].kind == "(":
            opened = self.pending[-1]
            if opened.op is not None:
                raise self.refuse(_arguments(opened.op), opened.token, token)
            raise self.refuse(
                "empty parentheses or a comma is not part of a formula", opened.token, token
            )
        raise self.refuse("this formula does not parse here", token)

    def open(self, pending: _Pending) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.refuse(
                f"the formula is nested too deeply (more than {MAX_DEPTH} brackets)", pending.token
            )
        pending.base = len(self.operands)
        self.pending.append(pending)

    # Where an operator is wanted: an operator, a superscript, a closing bracket, a comma.
    def after_operand(self, token: Token, previous: Token) -> bool:
        kind = token.kind
        if kind == "operator":
            op = infix_op(token.text)
            if op is None:
                raise self.refuse(
                    f"no op of the table is written {token.text} between two operands", token
                )
            self.reduce_while(lambda item: _binds_first(item, op))
            self.pending.append(_Pending("infix", token, op=op, precedence=op.precedence))
            return True
        if kind == "power":
            self.operands[-1] = Call(power_op(), (self.operands[-1], Number(float(token.text))))
            return False
        if kind == "relation":
            self.relation(token)
            return True
        if kind == ")":
            self.close_group(token)
            return False
        if kind == ",":
            self.next_argument(token)
            return True
        if kind == "]":
            self.close_comparison(token)
            return False
        if kind == "[" and previous.kind in ("label", ")"):
            raise self.refuse(
                "subscripts are not part of a formula; [ ] holds a comparison, as in [x > 0]", token
            )
        raise self.refuse(
            "an operator is missing here: write * (or ·) to multiply", previous, token
        )

    def relation(self, token: Token) -> None:
        bracket = self.innermost_bracket()
        if bracket is None or bracket.kind != "[":
            if token.text == "=":
                raise self.refuse(
                    "unexpected '=': a formula is one side of an equation; compare with [x > 0]",
                    token,
                )
            raise self.refuse("a comparison outside [ ] is not part of a formula", token)
        if bracket.relations:
            raise self.refuse(
                "inside [ ] write one comparison: [x > 0], [x < 0], [x ≥ 0], [x ≤ 0], [x = 0]",
                bracket.token,
                token,
            )
        self.reduce_while(lambda item: item.kind in ("infix", "prefix"))
        comparison = _Pending("relation", token)
        bracket.relations.append(comparison)
        self.pending.append(comparison)

    def close_group(self, token: Token) -> None:
        self.reduce_while(lambda item: item.kind in ("infix", "prefix"))
        opened = self.pending.pop() if self.pending else None
        if opened is None or opened.kind != "(":
            raise self.refuse("this formula does not parse here", token)
        self.depth -= 1
        if opened.op is not None:
            arguments = self.operands[opened.base :]
            if len(arguments) != len(opened.op.operands):
                raise self.refuse(_arguments(opened.op), opened.token, token)
            del self.operands[opened.base :]
            self.operands.append(Call(opened.op, tuple(arguments)))

    def next_argument(self, token: Token) -> None:
        self.reduce_while(lambda item: item.kind in ("infix", "prefix"))
        opened = self.pending[-1] if self.pending else None
        if opened is None or opened.kind != "(" or opened.op is None:
            raise self.refuse("empty parentheses or a comma is not part of a formula", token)

    def close_comparison(self, token: Token) -> None:
        self.reduce_while(lambda item: item.kind in ("infix", "prefix"))
        comparison = self.pending.pop() if self.pending else None
        opened = (
            self.pending.pop()
            if comparison is not None and comparison.kind == "relation"
            else comparison
        )
        if opened is None or opened.kind != "[":
            raise self.refuse("this formula does not parse here", token)
        self.depth -= 1
        if comparison is opened or len(self.operands) - opened.base != 2:
            raise self.refuse("[ ] holds one comparison, as in [x > 0]", opened.token, token)
        right = self.operands.pop()
        left = self.operands.pop()
        self.operands.append(Indicator(left, comparison.token.text, right))  # type: ignore[union-attr]

    def innermost_bracket(self) -> _Pending | None:
        return next((item for item in reversed(self.pending) if item.kind in "(["), None)

    def reduce_while(self, condition: Callable[[_Pending], bool]) -> None:
        """Finish the pending operators, innermost first, while `condition` holds."""
        while (
            self.pending
            and self.pending[-1].kind in ("infix", "prefix")
            and condition(self.pending[-1])
        ):
            item = self.pending.pop()
            if item.kind == "prefix":
                self.operands[-1] = _negated(item.op, self.operands[-1])  # type: ignore[arg-type]
            else:
                right = self.operands.pop()
                left = self.operands.pop()
                self.operands.append(Call(item.op, (left, right)))  # type: ignore[arg-type]


def _binds_first(pending: _Pending, op: Op) -> bool:
    """Whether the pending operator is finished before `op` takes its left side."""
    if pending.kind not in ("infix", "prefix"):
        return False
    if pending.precedence != op.precedence:
        return pending.precedence > op.precedence
    return op.associates != "right"  # a − b − c is (a − b) − c; a^b^c is a^(b^c)


def _negated(op: Op, operand: Expr) -> Expr:
    if isinstance(operand, Number) and op.operator == "-":  # −2 is a number, not an op on one
        return Number(-operand.value)
    return Call(op, (operand,))


def _number(text: str) -> float:
    try:
        return float(text)
    except OverflowError:  # pragma: no cover - float() of a string never overflows
        return math.inf


def _arguments(op: Op) -> str:
    wanted = len(op.operands)
    return f"{op.name}() takes exactly {wanted} argument{'s' * (wanted != 1)}"


__all__ = ["Formula", "FormulaError", "infix_op", "parse_formula", "parse_template", "prefix_op"]
