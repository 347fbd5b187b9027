"""The deeplearning.ai course's setting, as the two-layer document quotes it.

The m = 4 examples and the first layer shared by the networks (chosen here: the
document gives no numbers), and the course's backward formulas turned into claims
checked element by element: dZ and dA per example (∂L(i)/∂Z, ∂L(i)/∂A: the course's
convention, no 1/m), dW and db of the cost (∂J/∂W, ∂J/∂b: the 1/m is there). The
document's equations were images and did not survive, so these are the course's, not
the document's: they are reported apart and not counted.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from .claims import Claim, Element
from .layered import course_backward

M = 4
EXAMPLES = range(1, M + 1)

INPUTS = ((1.0, -0.5), (0.3, 0.8), (-1.2, 0.4), (0.6, -1.0))
TARGETS = (1.0, 0.0, 1.0, 0.0)
DATA: dict[str, float] = {}
for _i in EXAMPLES:
    (_x1, _x2), _y = INPUTS[_i - 1], TARGETS[_i - 1]
    DATA.update({f"X[1]({_i})": _x1, f"X[2]({_i})": _x2, f"Y({_i})": _y})
FIRST_LAYER = {"W1[1,1]": 0.5, "W1[1,2]": -0.3, "W1[2,1]": -0.4, "W1[2,2]": 0.6}
FIRST_LAYER.update({"W1[3,1]": 0.2, "W1[3,2]": 0.7, "b1[1]": 0.1, "b1[2]": -0.1, "b1[3]": 0.05})


def cross_entropy_cost(last: int, written: str) -> Callable[[Mapping[str, float]], float]:
    """The course's cost over its m examples, as a formula of the labels: J = −(1/m) Σ
    (y(i) log a(i) + (1 − y(i)) log(1 − a(i))), with a(i) the output of layer `last` on
    example i. `written` is how the document writes it (what a verdict prints)."""

    def formula(v: Mapping[str, float]) -> float:
        total = sum(
            v[f"Y({i})"] * math.log(v[f"A{last}[1]({i})"])
            + (1 - v[f"Y({i})"]) * math.log(1 - v[f"A{last}[1]({i})"])
            for i in EXAMPLES
        )
        return -total / M

    formula.__doc__ = written
    return formula


def _course(
    dims: tuple[int, ...], hidden: str, examples: list[int], label: str
) -> Callable[[Mapping[str, float]], float]:
    def formula(v: Mapping[str, float]) -> float:
        return course_backward(v, dims, hidden, examples)[label]

    return formula


def per_example(
    grad_of: str, node: str, layer: int, dims: tuple[int, ...], hidden: str
) -> tuple[Element, ...]:
    """dZ[l] or dA[l] of every example, each checked as ∂L(i)/∂Z or ∂L(i)/∂A."""
    return tuple(
        Element(
            f"L({i})",
            f"{node}{layer}[{j}]({i})",
            _course(dims, hidden, [i], f"{grad_of}{layer}[{j}]({i})"),
        )
        for j in range(1, dims[layer] + 1)
        for i in EXAMPLES
    )


def of_cost(name: str, layer: int, dims: tuple[int, ...], hidden: str) -> tuple[Element, ...]:
    """dW[l] or db[l], each element checked as ∂J/∂W or ∂J/∂b."""
    rows, cols = range(1, dims[layer] + 1), range(1, dims[layer - 1] + 1)
    cells = [f"[{j},{k}]" for j in rows for k in cols] if name == "W" else [f"[{j}]" for j in rows]
    return tuple(
        Element(
            "J", f"{name}{layer}{c}", _course(dims, hidden, list(EXAMPLES), f"d{name}{layer}{c}")
        )
        for c in cells
    )


PER_EXAMPLE = "dZ is ∂L(i)/∂Z for one example's loss (the course's convention, no 1/m)"
PER_COST = "checked as ∂J/∂W and ∂J/∂b: the 1/m of J is here"


def formula_claim(
    says: str, line: int, quote: str, elements: tuple[Element, ...], reading: str, **more: Any
) -> Claim:
    """A course formula, checked element by element at the document's values and 12 more
    points; `line` is where the document's lost equation stood."""
    return Claim(
        kind="partial",
        says=says,
        line=line,
        quote=quote,
        stated=None,
        of=elements[0].of,
        elements=elements,
        reading=reading,
        points=12,
        **more,
    )
