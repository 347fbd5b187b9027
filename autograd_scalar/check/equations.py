"""A graph built from equations written as text: `Z1 = "W1·X1 + W2·X2 + b1"`.

For people who write no Python: leaves are given as numbers, and every other node as an
equation over labels, read by the formula parser (the same whitelist as every formula;
never `eval`). Equations may come in any order; each is built once the labels it uses
exist. Whatever is wrong (a label defined twice, a label that names nothing, equations
that use each other in a circle, a formula that does not parse or cannot be computed at
these values) raises `EquationError` naming the label, the text and the place in it.
"""

from __future__ import annotations

import heapq
import reprlib
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..core.ops import op_called
from ..core.value import Value, apply, as_float, run_op
from ..errors import DomainError, EquationError, FormulaError, quoted
from ..formula.expr import Call, Expr, Indicator, Name, Number, fold, names
from ..formula.parser import parse_formula
from ..formula.tokens import BRACKETS, NUMBER, SUPERSCRIPTS, symbols

MAX_LABEL = 64
_NOT_IN_A_LABEL = set(BRACKETS) | set(SUPERSCRIPTS) | set("=!?'\"`;:{}#$%&@\\|~")


def label_problem(label: str) -> str:
    """Why `label` cannot name a node ("" when it can)."""
    if not label:
        return "a label cannot be empty"
    if len(label) > MAX_LABEL:
        return f"a label is at most {MAX_LABEL} characters, this one {len(label):,}"
    operators = "".join(symbols())  # the table's operators, those of a registered op too
    odd = next(
        (
            ch
            for ch in label
            if ch.isspace() or ch in _NOT_IN_A_LABEL or ch in operators or not ch.isprintable()
        ),
        None,
    )
    if odd is not None:
        return f"a label cannot hold {odd!r}: formulas read it as something else"
    if NUMBER.fullmatch(label) or label[0].isdigit():
        return "a label cannot start with a digit: formulas would read a number"
    if op_called(label) is not None:
        return f"{label!r} is the name of a function in formulas"
    return ""


def build(values: Mapping[str, Any], equations: Mapping[str, Any]) -> dict[str, Value]:
    """Every node by label: a leaf for each of `values`, a node for each of `equations`.

    Labels are compared in Unicode NFC form, as formulas compare them.
    """
    nodes: dict[str, Value] = {}
    for key, number in values.items():
        label = _label("values", key, nodes)
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise EquationError("values", key, f"a leaf is a number, got {_shown(number)}")
        try:
            nodes[label] = Value(as_float(number, f"the value of {label}"), label)
        except ValueError as error:
            raise EquationError("values", key, str(error)) from None
    parsed: dict[str, tuple[str, Expr]] = {}
    labels = set(nodes) | {unicodedata.normalize("NFC", key) for key in equations}
    for key, written in equations.items():
        label = _label("equations", key, nodes, parsed)
        if not isinstance(written, str):
            raise EquationError(
                "equations", key, f"an equation is a formula in quotes, got {_shown(written)}"
            )
        try:
            parsed[label] = (key, parse_formula(written, labels).expr)
        except FormulaError as error:
            raise EquationError(
                "equations", key, error.message, written, error.start, error.end
            ) from None
    for label in _in_order(parsed):
        key, expr = parsed[label]
        nodes[label] = _node(expr, nodes, key, equations[key])
        nodes[label].label = label
    return nodes


def _shown(given: Any) -> str:
    """What was given, as a message shows it: short, and never deep (`{…}`)."""
    if isinstance(given, dict):
        return "a table"
    return reprlib.repr(given)


def _label(table: str, key: str, nodes: Mapping[str, Any], parsed: Mapping[str, Any] = {}) -> str:
    label = unicodedata.normalize("NFC", key)
    problem = label_problem(label)
    if problem:
        raise EquationError(table, key, problem)
    if label in nodes or label in parsed:
        where = "[values]" if label in nodes else "[equations]"
        raise EquationError(
            table, key, f"{quoted(label)} is defined twice: it is already in {where}"
        )
    return label


def _in_order(parsed: Mapping[str, tuple[str, Expr]]) -> list[str]:
    """The equations' labels, each after the labels it uses (else in the order written).

    Kahn's algorithm, the next ready label always the first written: time grows with
    the equations and their uses, never with the square of a long chain.
    """
    position = {label: i for i, label in enumerate(parsed)}
    uses = {label: names(expr) & parsed.keys() for label, (_, expr) in parsed.items()}
    waiting = {label: len(used) for label, used in uses.items()}
    users: dict[str, list[str]] = {label: [] for label in parsed}
    for label, used in uses.items():
        for other in used:
            users[other].append(label)
    ready = [position[label] for label, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    done: list[str] = []
    order = list(parsed)
    while ready:
        label = order[heapq.heappop(ready)]
        done.append(label)
        for user in users[label]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, position[user])
    if len(done) < len(parsed):
        raise _cycle(uses, set(done), parsed, position)
    return done


def _cycle(
    uses: Mapping[str, frozenset[str]],
    placed: set[str],
    parsed: Mapping[str, tuple[str, Expr]],
    position: Mapping[str, int],
) -> EquationError:
    """The error naming one circle of equations that use each other."""
    start = next(x for x in uses if x not in placed)
    path = [start]
    on_path = {start: 0}
    while True:
        following = min(uses[path[-1]] - placed, key=position.__getitem__)
        if following in on_path:
            circle = path[on_path[following] :] + [following]
            key = parsed[circle[0]][0]
            return EquationError(
                "equations", key, "the equations use each other in a circle: " + " → ".join(circle)
            )
        on_path[following] = len(path)
        path.append(following)


def _node(expr: Expr, nodes: Mapping[str, Value], key: str, written: str) -> Value:
    """The equation's tree built as nodes of the graph (numbers worked out as numbers)."""

    def combine(node: Expr, args: list[Any]) -> Any:
        if isinstance(node, Number):
            return node.value
        if isinstance(node, Name):
            return nodes[node.label]
        if isinstance(node, Indicator):
            raise EquationError(
                "equations",
                key,
                "a comparison [x > 0] has no derivative to "
                "follow; write relu or another op instead",
                written,
            )
        assert isinstance(node, Call)
        op = node.op
        constant = args[op.arity :]
        if any(isinstance(a, Value) for a in constant):  # x ** y, or 2 ** x, with y, x nodes
            raise EquationError(
                "equations",
                key,
                f"{op.name}'s {op.constant} must be a number, "
                f"not a node of the graph; for a ** b write exp(b·log(a))",
                written,
            )
        try:
            if any(isinstance(a, Value) for a in args[: op.arity]):
                return apply(op, *args)
            second = args[1] if len(args) > 1 else None
            return run_op(op, args[0], second)[0]
        except DomainError as error:
            raise EquationError("equations", key, f"cannot be computed here: {error}") from None

    result = fold(expr, combine)
    if isinstance(result, Value) and result.label:  # `a = b`: nothing is computed
        raise EquationError(
            "equations", key, f"only renames {quoted(result.label)}: use that label"
        )
    return result if isinstance(result, Value) else Value(result)
