"""A formula said to equal a quantity everywhere: a definition or an identity.

A definition says a node is a formula (`Z1 = W1·X1 + W2·X2 + b1`); an identity says two
formulas are equal (`∂ℓ/∂Z3 = (σ3 − y)·σ3·(1 − σ3)`). Either is checked on the network
rebuilt at the given values and at `points` moved copies of them (`network.points`):
a formula equal at one point by chance is found out at the others (`agreement`). Points
where an op leaves its domain are skipped. When it is wrong, the right formula given
(`correct`) is offered if it passes the same check; when both sides stand for partial
derivatives (`correct` is `Element`s), what is right is that derivative's value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import DomainError
from ..formula.parser import parse_formula
from .agreement import compare, same
from .elements import Element, first_right_value
from .network import Builder, Network, points
from .points import formula_text, value_of
from .verdict import Verdict, judged


def check_definition(
    build: Builder,
    values: Mapping[str, float],
    node: str,
    said: Any,
    *,
    points: int = 50,
    correct: Any = None,
    correct_text: str = "",
) -> Verdict:
    """Is the node labelled `node` the formula `said` (text, or a function of
    `{label: value}`) at `values` and at `points` other points?"""
    names = list(build(values).values())
    return _equal(build, values, names, node, None, said, points, correct, correct_text)


def check_identity(
    build: Builder,
    values: Mapping[str, float],
    formula: Any,
    said: Any,
    *,
    points: int = 50,
    correct: Any = None,
    correct_text: str = "",
) -> Verdict:
    """Is the formula `said` equal to `formula` (each text, or a function of
    `{label: value}`) at `values` and at `points` other points?"""
    names = list(build(values).values())
    side = _readable(formula, names)
    of = formula_text(formula)
    return _equal(build, values, names, of, side, said, points, correct, correct_text)


def _equal(
    build: Builder,
    values: Mapping[str, float],
    names: list[str],
    of: str,
    side: Any,
    said: Any,
    many: int,
    correct: Any,
    correct_text: str,
) -> Verdict:
    """`said` against the truth: the node `of`'s value, or the formula `side` (read
    over `names`, as `said` is)."""

    def truth(net: Network) -> float:
        if side is None:
            return net.nodes[of].data
        return value_of(side, net.values())

    def samples(said: Any) -> Iterator[tuple[float, float]]:
        formula = _readable(said, names)  # read once, evaluated at every point
        for point in points(values, many):
            try:
                net = build(point)
                found = value_of(formula, net.values()), truth(net)
            except (DomainError, ArithmeticError):
                continue  # outside a domain here: no point to compare
            yield found

    found = compare(samples(said), same)
    right, worst, value = "", found.worst, found.computed
    if worst is None:
        detail = f"equal to {of} at {found.checked} points"
    else:
        right = f"{found.computed:.6g}"
        if _are_partials(correct):
            # Both sides stand for a derivative: what is right is that derivative.
            derivative = first_right_value(build(values).nodes, correct, points=many)
            right, value = (
                (f"{correct_text} = {derivative:.6g}", derivative)
                if derivative is not None
                else ("", value)
            )
        elif correct is not None and compare(samples(correct), same).ok:
            right = f"{correct_text or formula_text(correct)} = {right}"
        detail = (
            f"differs from {of} (largest gap {worst.gap:.3g}: {worst.said:.6g} against "
            f"{worst.truth:.6g}), at {found.checked} points"
        )
    return Verdict(
        judged(found.ok),
        said,
        found.claimed,
        found.computed,
        of=of,
        points_checked=found.checked,
        detail=detail,
        correct=right,
        correct_value=value,
    )


def _readable(said: Any, names: list[str]) -> Any:
    """A formula read once over the network's names (a function is its own reading)."""
    return said if callable(said) else parse_formula(said, names)


def _are_partials(correct: Any) -> bool:
    return isinstance(correct, tuple) and bool(correct) and isinstance(correct[0], Element)
