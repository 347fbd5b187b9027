"""A layered network over m examples, built scalar by scalar under the course's matrix
names, and the course's vectorised backward pass written out in plain floats.

Labels count from 1, as the course does: X[k](i) is input k of example i and Y(i) its
label; W2[j,k] is row j, column k of W[2]; b2[j]; Z2[j](i) and A2[j](i) are row j of
Z[2] and A[2] for example i; L(i) is the loss of example i and J = (1/m) Σ L(i) the
cost. Hidden layers use `hidden` (tanh or relu); the output layer a sigmoid.

The backward pass uses the course's convention: dZ[l] = ∂L/∂Z[l] is taken per example
(the loss of one example), and the 1/m of the cost is folded into dW and db.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..check.network import Network
from ..core.value import Value

Matrix = list[list[float]]


def parameter_labels(dims: Sequence[int]) -> tuple[str, ...]:
    """W[l] and b[l] of every layer, row by row."""
    labels: list[str] = []
    for layer in range(1, len(dims)):
        labels += [
            f"W{layer}[{j},{k}]"
            for j in range(1, dims[layer] + 1)
            for k in range(1, dims[layer - 1] + 1)
        ]
        labels += [f"b{layer}[{j}]" for j in range(1, dims[layer] + 1)]
    return tuple(labels)


def _cell(name: str, layer: int, j: int, i: int) -> str:
    return f"X[{j}]({i})" if layer == 0 else f"{name}{layer}[{j}]({i})"


def build_layers(values: Mapping[str, float], dims: Sequence[int], hidden: str, m: int) -> Network:
    """Every example through every layer, then the cross-entropy cost J; root J."""
    leaf = {label: Value(number, label) for label, number in values.items()}
    layers = len(dims) - 1
    losses = []
    for i in range(1, m + 1):
        below = [leaf[_cell("A", 0, k, i)] for k in range(1, dims[0] + 1)]
        for layer in range(1, layers + 1):
            here = []
            for j in range(1, dims[layer] + 1):
                terms = [leaf[f"W{layer}[{j},{k}]"] * a for k, a in enumerate(below, 1)]
                z = sum(terms, leaf[f"b{layer}[{j}]"]).labelled(_cell("Z", layer, j, i))
                a = z.sigmoid() if layer == layers else getattr(z, hidden)()
                here.append(a.labelled(_cell("A", layer, j, i)))
            below = here
        y, a = leaf[f"Y({i})"], below[0]
        losses.append((-(y * a.log() + (1 - y) * (1 - a).log())).labelled(f"L({i})"))
    cost = (sum(losses[1:], losses[0]) * (1 / m)).labelled("J")
    return Network.of(cost, parameter_labels(dims))


def _matrix(
    v: Mapping[str, float], name: str, layer: int, rows: int, examples: Sequence[int]
) -> Matrix:
    return [[v[_cell(name, layer, j, i)] for i in examples] for j in range(1, rows + 1)]


def _matmul(a: Matrix, b: Matrix) -> Matrix:
    return [
        [sum(x * y for x, y in zip(row, col, strict=True)) for col in zip(*b, strict=True)]
        for row in a
    ]


def _transpose(a: Matrix) -> Matrix:
    return [list(col) for col in zip(*a, strict=True)]


def course_backward(
    v: Mapping[str, float], dims: Sequence[int], hidden: str, examples: Sequence[int]
) -> dict[str, float]:
    """The course's backward pass over the given examples, from the values at one point.

    dZ[L] = A[L] − Y; then for each layer l, from the last:
    dW[l] = (1/m) dZ[l] A[l−1]ᵀ, db[l] = (1/m) Σ dZ[l], dA[l−1] = W[l]ᵀ dZ[l],
    dZ[l−1] = dA[l−1] ∗ g'(Z[l−1]) with tanh' = 1 − A², relu' = [Z > 0].
    Answers by label: dW2[j,k], db2[j], dA1[j](i), dZ1[j](i).
    """
    layers, m = len(dims) - 1, len(examples)
    found: dict[str, float] = {}
    top = _matrix(v, "A", layers, 1, examples)
    dZ = [[a - v[f"Y({i})"] for a, i in zip(top[0], examples, strict=True)]]
    for layer in range(layers, 0, -1):
        _record(found, "dZ", layer, dZ, examples)
        below = _matrix(v, "A", layer - 1, dims[layer - 1], examples)
        dW = [[x / m for x in row] for row in _matmul(dZ, _transpose(below))]
        found.update(
            {f"dW{layer}[{j},{k}]": x for j, row in enumerate(dW, 1) for k, x in enumerate(row, 1)}
        )
        found.update({f"db{layer}[{j}]": sum(row) / m for j, row in enumerate(dZ, 1)})
        if layer == 1:
            break
        W = [
            [v[f"W{layer}[{j},{k}]"] for k in range(1, dims[layer - 1] + 1)]
            for j in range(1, dims[layer] + 1)
        ]
        dA = _matmul(_transpose(W), dZ)
        _record(found, "dA", layer - 1, dA, examples)
        if hidden == "tanh":
            slope = [[1 - a * a for a in row] for row in below]
        else:  # relu' is 0 at the kink, as PyTorch
            slope = [
                [1.0 if z > 0 else 0.0 for z in row]
                for row in _matrix(v, "Z", layer - 1, dims[layer - 1], examples)
            ]
        dZ = [
            [d * s for d, s in zip(drow, srow, strict=True)]
            for drow, srow in zip(dA, slope, strict=True)
        ]
    return found


def _record(
    found: dict[str, float], name: str, layer: int, rows: Matrix, examples: Sequence[int]
) -> None:
    for j, row in enumerate(rows, 1):
        found.update({f"{name}{layer}[{j}]({i})": x for i, x in zip(examples, row, strict=True)})
