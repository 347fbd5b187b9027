"""Reading a document's formula: evaluating it at a point, and printing it back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..formula.parser import parse_formula

Formula = str | Callable[[Mapping[str, float]], float]


def evaluate(formula: Formula, values: Mapping[str, float]) -> float:
    """The formula's value when each label takes its value in `values`."""
    if callable(formula):
        return float(formula(values))
    return parse_formula(formula, values.keys())(values)


def formula_text(formula: Any) -> str:
    """A formula as the document would print it."""
    if callable(formula):
        return getattr(formula, "text", "") or getattr(formula, "__doc__", "") or "(a function)"
    return str(formula)
