"""Formulas over a graph's labels, read safely: a whitelist over Python's `ast`, never eval.

`parse_formula("(σ3 − y)·σ1", labels)` tokenizes the text (`formula.tokens`), hands
Python's parser a stand-in text where each label is a placeholder name, and accepts only
numbers, labels, the operators of the op table (`+ - * / **`, unary minus), calls of
the table's ops (`log(x)`, `σ(Z1)`) and `[x > 0]`. Everything else (attributes,
subscripts, other calls, keywords, lambdas, comprehensions) is refused with a
`FormulaError` pointing at it. The accepted tree becomes a formula tree (`formula.expr`),
built without recursion.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable, Mapping
from typing import Any

from ..core.ops import OPS, Op
from ..errors import FormulaError
from .expr import Call, Expr, Indicator, Name, Number, evaluate, names
from .tokens import Token, tokenize

MAX_DEPTH = 100  # brackets inside brackets, at most
_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_RELATIONS = {ast.Gt: ">", ast.Lt: "<", ast.GtE: ">=", ast.LtE: "<="}
_UNREADABLE = {"Tuple": "empty parentheses or a comma", "Compare": "a comparison outside [ ]"}


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


def operator_op(symbol: str, operands: int) -> Op | None:
    """The op of the table written with this Python operator on this many operands
    (`+` on two is add, `-` on one is neg, `**` on two is pow: input and constant)."""
    for op in OPS.values():
        if op.operator == symbol and len(op.operands) == operands:
            return op
    return None


def parse_formula(text: str, labels: Iterable[str], ambiguous: Iterable[str] = ()) -> Formula:
    """Read `text` as a formula over `labels`; a FormulaError says what is refused, where."""
    if not isinstance(text, str):
        raise TypeError(f"a formula is a string, got {type(text).__name__}")
    tokens = tokenize(text, labels, ambiguous)
    if not tokens:
        raise FormulaError("the formula is empty")
    depth = deepest = 0
    for token in tokens:  # Python's parser stops at 200; say why before it does
        depth += (token.kind in "([") - (token.kind in ")]")
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise FormulaError(f"the formula is nested too deeply (more than {MAX_DEPTH} brackets)",
                               text, token.start, token.end)  # fmt: skip
    # Python reads a stand-in text; `spans` maps its offsets back to the user's text.
    pieces: list[str] = []
    spans: list[tuple[int, Token]] = []
    placeholders: dict[str, str] = {}
    offset = 0
    for token in tokens:
        word = token.text
        if token.kind == "label":
            word = placeholders.setdefault(token.text, f"_v{len(placeholders)}")
        spans.append((offset, token))
        pieces.append(word)
        offset += len(word) + 1
    source = " ".join(pieces)
    labels_of = {v: k for k, v in placeholders.items()}

    def where(col: int) -> Token:
        return max((s for s in spans if s[0] <= col), key=lambda s: s[0])[1]

    def refuse(message: str, col: int, end_col: int | None = None) -> FormulaError:
        first = where(col)
        last = where(max(col, (end_col or col + 1) - 1))
        return FormulaError(message, text, first.start, last.end)

    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        col = max(0, (error.offset or 1) - 1)
        if col >= len(source):
            raise FormulaError("the formula ends too early", text, len(text), len(text)) from None
        raise refuse("this formula does not parse here", col) from None
    except (RecursionError, MemoryError):
        raise FormulaError("the formula is nested too deeply") from None
    return Formula(text, _to_expr(tree.body, labels_of, refuse))


def parse_template(template: str, placeholders: Iterable[str]) -> Expr:
    """An op record's template (`{out}·(1 − {out})`) as a formula over its placeholders."""
    names = list(placeholders)
    for name in names:
        template = template.replace("{" + name + "}", f" {name} ")
    return parse_formula(template, names).expr


def _to_expr(root: ast.AST, labels_of: dict[str, str], refuse: Any) -> Expr:
    """The accepted tree as a formula tree; anything off the whitelist is refused."""
    done: dict[int, Expr] = {}
    stack: list[tuple[ast.AST, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        parts = _parts(node, labels_of, refuse)
        if expanded or not parts:
            done[id(node)] = _build(node, [done[id(p)] for p in parts], labels_of, refuse)
            continue
        stack.append((node, True))
        stack.extend((part, False) for part in reversed(parts))
    return done[id(root)]


def _parts(node: ast.AST, labels_of: dict[str, str], refuse: Any) -> list[ast.AST]:
    """The sub-trees of an accepted node, in order; refuses what is not accepted."""
    col = getattr(node, "col_offset", 0)
    end = getattr(node, "end_col_offset", None)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return []
    if isinstance(node, ast.Name) and node.id in labels_of:
        return []
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return [node.operand]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in OPS:
        op = OPS[node.func.id]
        wanted = len(op.operands)
        if (
            len(node.args) != wanted
            or node.keywords
            or any(isinstance(a, ast.Starred) for a in node.args)
        ):
            plural = "argument" if wanted == 1 else "arguments"
            raise refuse(f"{node.func.id}() takes exactly {wanted} {plural}", col, end)
        return list(node.args)
    if isinstance(node, ast.List) and len(node.elts) == 1 and isinstance(node.elts[0], ast.Compare):
        compare = node.elts[0]
        if len(compare.ops) == 1 and type(compare.ops[0]) in _RELATIONS:
            return [compare.left, compare.comparators[0]]
        raise refuse(
            "inside [ ] write one comparison: [x > 0], [x < 0], [x >= 0], [x <= 0]", col, end
        )
    if isinstance(node, ast.List):
        raise refuse("[ ] holds one comparison, as in [x > 0]", col, end)
    what = _UNREADABLE.get(type(node).__name__, type(node).__name__)
    raise refuse(f"{what} is not part of a formula (numbers, labels, + - * / **)", col, end)


def _build(node: ast.AST, args: list[Expr], labels_of: dict[str, str], refuse: Any) -> Expr:
    col = getattr(node, "col_offset", 0)
    end = getattr(node, "end_col_offset", None)
    if isinstance(node, ast.Constant):
        try:
            value = float(node.value)  # type: ignore[arg-type]  # an int or a float, as accepted
        except OverflowError:  # an int past the largest float
            value = math.inf
        if not math.isfinite(value):
            raise refuse("this number is too large for a float", col, end)
        return Number(value)
    if isinstance(node, ast.Name):
        return Name(labels_of[node.id])
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.UAdd):
            return args[0]
        if isinstance(args[0], Number):  # −2 is a number, not an op on one
            return Number(-args[0].value)
        return Call(_op_for(operator_op("-", 1), "-", refuse, col, end), (args[0],))
    if isinstance(node, ast.BinOp):
        symbol = _OPERATORS[type(node.op)]
        return Call(_op_for(operator_op(symbol, 2), symbol, refuse, col, end), (args[0], args[1]))
    if isinstance(node, ast.Call):
        return Call(OPS[node.func.id], tuple(args))  # type: ignore[attr-defined]
    compare = node.elts[0]  # type: ignore[attr-defined]
    return Indicator(args[0], _RELATIONS[type(compare.ops[0])], args[1])


def _op_for(op: Op | None, symbol: str, refuse: Any, col: int, end: int | None) -> Op:
    if op is None:
        raise refuse(f"no op of the table is written {symbol}", col, end)
    return op


__all__ = ["Formula", "FormulaError", "parse_formula", "parse_template"]
