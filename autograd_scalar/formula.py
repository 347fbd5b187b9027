"""Formulas over a graph's labels, read safely: a whitelist over Python's `ast`, never eval.

`parse_formula("(σ3 − y)·σ1", labels)` tokenizes the text (`formula_tokens`), hands
Python's parser a stand-in text where each label is a placeholder name, and accepts only
numbers, labels, `+ - * / **`, unary signs and calls of `exp log sigmoid relu tanh sqrt
abs` with one argument. Everything else (attributes, subscripts, other calls, keywords,
lambdas, comprehensions) is refused with a `FormulaError` pointing at it. The accepted
tree becomes a postfix program, evaluated with a stack: no recursion, no code objects.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable, Mapping
from typing import Any

from .formula_tokens import FUNCTIONS, FormulaError, Token, tokenize
from .ops import RELU, SIGMOID


def _power(x: float, k: float) -> float:
    return math.pow(x, k)  # unlike `**`, never a complex number


_APPLY: dict[str, Any] = {
    "exp": math.exp,
    "log": math.log,
    "sigmoid": lambda x: SIGMOID.forward(x, None),
    "relu": lambda x: RELU.forward(x, None),
    "tanh": math.tanh,
    "sqrt": math.sqrt,
    "abs": abs,
}
_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_UNREADABLE = {"Tuple": "empty parentheses or a comma", "Compare": "a comparison"}


class Formula:
    """A parsed formula: call it with `{label: value}` to get a float."""

    def __init__(self, text: str, program: list[tuple[str, Any]], names: frozenset[str]) -> None:
        self.text = text
        self.names = names  # the labels it uses
        self._program = program

    def __call__(self, values: Mapping[str, float]) -> float:
        """The formula's value; raises ArithmeticError or ValueError outside its domain."""
        stack: list[float] = []
        for kind, arg in self._program:
            if kind == "number":
                stack.append(arg)
            elif kind == "label":
                stack.append(float(values[arg]))
            elif kind == "neg":
                stack.append(-stack.pop())
            elif kind == "call":
                stack.append(float(_APPLY[arg](stack.pop())))
            else:
                right, left = stack.pop(), stack.pop()
                if arg == "+":
                    stack.append(left + right)
                elif arg == "-":
                    stack.append(left - right)
                elif arg == "*":
                    stack.append(left * right)
                elif arg == "/":
                    stack.append(left / right)
                else:
                    stack.append(_power(left, right))
        return stack[0]

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
    # Python reads a stand-in text; `spans` maps its offsets back to the user's text.
    pieces: list[str] = []
    spans: list[tuple[int, Token]] = []
    names: dict[str, str] = {}
    offset = 0
    for token in tokens:
        word = token.text
        if token.kind == "label":
            word = names.setdefault(token.text, f"_v{len(names)}")
        spans.append((offset, token))
        pieces.append(word)
        offset += len(word) + 1
    source = " ".join(pieces)
    labels_of = {v: k for k, v in names.items()}

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
    program = _postfix(tree.body, labels_of, refuse)
    return Formula(text, program, frozenset(names))


def _postfix(root: ast.AST, labels_of: dict[str, str], refuse: Any) -> list[tuple[str, Any]]:
    """The accepted tree as a postfix program; anything off the whitelist is refused."""
    program: list[tuple[str, Any]] = []
    stack: list[tuple[ast.AST, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            program.append(_emit(node, labels_of))
            continue
        col = getattr(node, "col_offset", 0)
        end = getattr(node, "end_col_offset", None)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            try:
                number = float(node.value)
            except OverflowError:  # an int past the largest float
                number = math.inf
            if not math.isfinite(number):
                raise refuse("this number is too large for a float", col, end)
            program.append(("number", number))
        elif isinstance(node, ast.Name) and node.id in labels_of:
            program.append(("label", labels_of[node.id]))
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            stack += [(node, True), (node.right, False), (node.left, False)]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            stack += [(node, True), (node.operand, False)]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd):
            stack.append((node.operand, False))
        elif isinstance(node, ast.Call) and _is_function(node.func):
            if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
                raise refuse(f"{node.func.id}() takes exactly one argument", col, end)  # type: ignore[attr-defined]
            stack += [(node, True), (node.args[0], False)]
        elif isinstance(node, ast.Name) and node.id in FUNCTIONS:
            raise refuse(f"{node.id} is a function: write {node.id}(x)", col, end)
        else:
            what = _UNREADABLE.get(type(node).__name__, type(node).__name__)
            raise refuse(f"{what} is not part of a formula (numbers, labels, + - * / **)", col, end)
    return program


def _is_function(func: ast.AST) -> bool:
    return isinstance(func, ast.Name) and func.id in FUNCTIONS


def _emit(node: ast.AST, labels_of: dict[str, str]) -> tuple[str, Any]:
    if isinstance(node, ast.BinOp):
        return ("binary", _BINARY[type(node.op)])
    if isinstance(node, ast.UnaryOp):
        return ("neg", None)
    return ("call", node.func.id)  # type: ignore[attr-defined]


__all__ = ["Formula", "FormulaError", "parse_formula"]
