"""Losses: how far predictions are from targets, as one Value to call `backward()` on.

Each loss is built from the engine's ops only, so the engine's chain rule differentiates
it and pictures and `explain` show every step. Predictions are one Value (or number) or
a list of them, one per example; targets are numbers, or Values when a document's `y`
should be a node of the graph. `reduction="mean"` divides the sum of the per-example
losses by their count; `"sum"` does not.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

from ..core.ops import SIGMOID
from ..core.value import Value, as_float

REDUCTIONS = ("mean", "sum")


def _pairs(loss: str, predictions: Any, targets: Any) -> list[tuple[Value, Any, float]]:
    """(prediction, target, target's number) per example, after checking both lists."""
    if isinstance(predictions, (Value, numbers.Real)) and not isinstance(predictions, bool):
        predictions, targets = [predictions], [targets]
    elif isinstance(targets, (str, bytes)) or not isinstance(targets, Sequence):
        raise TypeError(f"{loss}: give as many targets as predictions, as a list; got {targets!r}")
    predictions = list(predictions)
    if len(predictions) != len(targets):
        raise ValueError(f"{loss} got {len(predictions)} predictions but {len(targets)} targets")
    if not predictions:
        raise ValueError(f"{loss} needs at least one prediction, got none")
    pairs = []
    for i, (p, y) in enumerate(zip(predictions, targets, strict=True)):
        if not isinstance(p, Value):
            p = Value(as_float(p, f"{loss}: prediction {i}"))
        number = y.data if isinstance(y, Value) else as_float(y, f"{loss}: target {i}")
        pairs.append((p, y if isinstance(y, Value) else number, number))
    return pairs


def _reduce(terms: list[Value], reduction: str, loss: str) -> Value:
    if reduction not in REDUCTIONS:
        raise ValueError(f"{loss}: reduction must be one of {REDUCTIONS}, got {reduction!r}")
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total * (1.0 / len(terms)) if reduction == "mean" and len(terms) > 1 else total


def mse(predictions: Any, targets: Any, reduction: str = "mean") -> Value:
    """Mean squared error: (1/n)·Σ (ŷᵢ − yᵢ)², or the plain sum with reduction="sum"."""
    terms = [(p - y) ** 2 for p, y, _ in _pairs("mse", predictions, targets)]
    return _reduce(terms, reduction, "mse")


def half_squared_error(predictions: Any, targets: Any, reduction: str = "sum") -> Value:
    """E = ½·Σ (yᵢ − ŷᵢ)², so that ∂E/∂ŷᵢ = ŷᵢ − yᵢ. Summed by default, as documents do."""
    pairs = _pairs("half_squared_error", predictions, targets)
    terms = [0.5 * (p - y) ** 2 for p, y, _ in pairs]
    return _reduce(terms, reduction, "half_squared_error")


def softplus(z: Value) -> Value:
    """ln(1 + eᶻ), never overflowing: for z > 0 it is computed as z + ln(1 + e⁻ᶻ)."""
    if z.data > 0.0:
        return z + ((-z).exp() + 1.0).log()
    return (z.exp() + 1.0).log()


def _bce_term(i: int, p: Value, y: Any, label: float, from_logits: bool) -> Value:
    if from_logits:
        return _bce_from_logit(p, y, label)
    if not 0.0 <= p.data <= 1.0:
        raise ValueError(
            f"binary_cross_entropy: prediction {i} is {p.data!r}, not a probability in [0, 1]; "
            "if it is a logit (before the sigmoid) pass from_logits=True"
        )
    if isinstance(y, Value):
        if 0.0 < p.data < 1.0:  # the document's formula, so that y is a node of the graph
            return -(1.0 - y) * (1.0 - p).log() - y * p.log()
    elif label == 0.0 and p.data < 1.0:
        return -(1.0 - p).log()
    elif label == 1.0 and p.data > 0.0:
        return -p.log()
    if p.op is SIGMOID:  # a saturated sigmoid: its input, the logit, is still exact
        return _bce_from_logit(p.parents[0], y, label)
    raise ValueError(
        f"binary_cross_entropy: prediction {i} is exactly {p.data!r} and its label is "
        f"{label:g}, so the formula takes the log of 0; pass the logits with "
        "from_logits=True, or make the prediction with .sigmoid() so the loss can use its input"
    )


def _bce_from_logit(z: Value, y: Any, label: float) -> Value:
    # −ln σ(z) = softplus(−z) and −ln(1 − σ(z)) = softplus(z): no log of 0, no cancellation
    if isinstance(y, Value):
        return softplus(z) - y * z
    return softplus(z) if label == 0.0 else softplus(-z)


def binary_cross_entropy(
    predictions: Any, targets: Any, reduction: str = "mean", from_logits: bool = False
) -> Value:
    """ℓ = −y·ln(ŷ) − (1 − y)·ln(1 − ŷ) per example, labels y in {0, 1}.

    Predictions are probabilities, or logits z (ŷ = σ(z)) with `from_logits=True`. It is
    stable: where the formula is finite it is the formula; where a sigmoid has saturated
    to exactly 0 or 1 (log of 0) it is computed from that sigmoid's input instead.
    """
    terms = []
    for i, (p, y, label) in enumerate(_pairs("binary_cross_entropy", predictions, targets)):
        if label not in (0.0, 1.0):
            raise ValueError(
                f"binary_cross_entropy: target {i} is {label!r}; labels must be 0 or 1"
            )
        terms.append(_bce_term(i, p, y, label, from_logits))
    return _reduce(terms, reduction, "binary_cross_entropy")


def hinge(scores: Any, targets: Any, reduction: str = "mean") -> Value:
    """Max-margin loss, as micrograd's demo: max(0, 1 − y·score), labels y in {−1, +1}."""
    terms = []
    for i, (score, y, label) in enumerate(_pairs("hinge", scores, targets)):
        if label not in (-1.0, 1.0):
            hint = " (turn 0/1 labels into -1/+1 with 2*y - 1)" if label == 0.0 else ""
            raise ValueError(f"hinge: target {i} is {label!r}; labels must be -1 or +1{hint}")
        terms.append((1.0 + (-y) * score).relu())
    return _reduce(terms, reduction, "hinge")
