"""`MLP`: a multi-layer perceptron, from a seed, from exact weights, with a document's labels.

`MLP(2, [16, 16, 1])` behaves like micrograd's: ReLU hidden layers, a linear output,
weights uniform in [-1, 1], biases 0. It also takes an activation per layer, exact
weights to reproduce a worked example, and a document's labels (`W1`, `b1`, ...).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from .engine import Value, as_float
from .layers import Layer, Neuron, check_activation, make_rng
from .module import Module, as_inputs, check_count


def _activations(activations: str | Sequence[str] | None, n_layers: int) -> list[str]:
    if activations is None:  # micrograd's choice: ReLU inside, linear at the output
        return ["relu"] * (n_layers - 1) + ["linear"]
    if isinstance(activations, str):
        return [check_activation(activations)] * n_layers
    chosen = [check_activation(a) for a in activations]
    if len(chosen) != n_layers:
        raise ValueError(
            f"{n_layers} layers need {n_layers} activations, got {len(chosen)}: {chosen}"
        )
    return chosen


def _sized(given: Any, where: str) -> Any:
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence):
        raise TypeError(f"{where} must be a list, got {given!r}")
    return given


def _check_exact(weights: Any, biases: Any, n_in: int, sizes: list[int]) -> None:
    """Refuse given weights or biases of the wrong shape, naming the entry at fault."""
    _sized(weights, "weights")
    if biases is not None:
        _sized(biases, "biases")
    if len(weights) != len(sizes):
        raise ValueError(f"weights has {len(weights)} layers, the network has {len(sizes)}")
    if biases is not None and len(biases) != len(sizes):
        raise ValueError(f"biases has {len(biases)} layers, the network has {len(sizes)}")
    fan_in = n_in
    for k, size in enumerate(sizes):
        if len(_sized(weights[k], f"weights[{k}]")) != size:
            raise ValueError(f"weights[{k}] has {len(weights[k])} neurons, layer {k} has {size}")
        for j, row in enumerate(weights[k]):
            if len(_sized(row, f"weights[{k}][{j}]")) != fan_in:
                raise ValueError(
                    f"weights[{k}][{j}] has {len(row)} numbers, layer {k} takes {fan_in} inputs"
                )
            for i, number in enumerate(row):
                as_float(number, f"weights[{k}][{j}][{i}]")
        if biases is not None:
            if len(_sized(biases[k], f"biases[{k}]")) != size:
                raise ValueError(
                    f"biases[{k}] has {len(biases[k])} numbers, layer {k} has {size} neurons"
                )
            for j, number in enumerate(biases[k]):
                as_float(number, f"biases[{k}][{j}]")
        fan_in = size


class MLP(Module):
    """A multi-layer perceptron: layers of neurons, each layer reading the one before."""

    def __init__(
        self,
        n_in: int,
        sizes: Sequence[int],
        activations: str | Sequence[str] | None = None,
        *,
        weights: Sequence[Sequence[Sequence[Any]]] | None = None,
        biases: Sequence[Sequence[Any]] | None = None,
        seed: int | random.Random | None = None,
        rng: random.Random | None = None,
        labels: str | None = None,
        weight_prefix: str = "W",
        bias_prefix: str = "b",
        start: int = 1,
    ) -> None:
        """`sizes` lists the neurons per layer, output layer last: `MLP(2, [3, 3, 1])`.

        `weights[k][j][i]` is the weight from input i into neuron j of layer k, and
        `biases[k][j]` that neuron's bias; without them weights are drawn from `rng`
        (or `random.Random(seed)`, seed 0 by default) and biases are 0. `labels` is
        None, "neuron" or "input": see `Module.label_parameters`.
        """
        super().__init__(check_count(n_in, "n_in"))
        if isinstance(sizes, (int, str)):
            raise TypeError(f"sizes is a list of layer sizes, such as [16, 16, 1]; got {sizes!r}")
        sizes = [check_count(size, "each layer size") for size in sizes]
        if not sizes:
            raise ValueError("an MLP needs at least one layer: sizes=[] was given")
        chosen = _activations(activations, len(sizes))
        draw = None
        if weights is None:
            draw = make_rng(seed, rng)
        else:
            _check_exact(weights, biases, n_in, sizes)
        fan_ins = [n_in, *sizes[:-1]]
        self.layers = [
            Layer(
                fan_ins[k],
                sizes[k],
                chosen[k],
                weights=None if weights is None else weights[k],
                biases=None if biases is None else biases[k],
                rng=draw,
            )
            for k in range(len(sizes))
        ]
        if labels is not None:
            self.label_parameters(labels, weight_prefix, bias_prefix, start)

    @classmethod
    def from_weights(
        cls,
        weights: Sequence[Sequence[Sequence[Any]]],
        biases: Sequence[Sequence[Any]] | None = None,
        activations: str | Sequence[str] | None = None,
        **labelling: Any,
    ) -> MLP:
        """The MLP whose weights are exactly these: its shape is read from them."""
        try:
            n_in = len(weights[0][0])
        except (TypeError, IndexError, KeyError):
            n_in = 0
        if not n_in:
            raise ValueError("weights must be nested lists: weights[layer][neuron][input]")
        sizes = [len(_sized(layer, f"weights[{k}]")) for k, layer in enumerate(weights)]
        return cls(n_in, sizes, activations, weights=weights, biases=biases, **labelling)

    @property
    def sizes(self) -> list[int]:
        return [len(layer.neurons) for layer in self.layers]

    @property
    def activations(self) -> list[str]:
        return [layer.activation for layer in self.layers]

    def named_parameters(self) -> list[tuple[str, Value]]:
        return [
            (f"layers.{k}.{name}", p)
            for k, layer in enumerate(self.layers)
            for name, p in layer.named_parameters()
        ]

    def neuron_grid(self) -> list[list[Neuron]]:
        return [layer.neurons for layer in self.layers]

    def forward(self, x: list[Value]) -> list[Value]:
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def __call__(self, x: Any) -> Value | list[Value]:
        out = self.forward(as_inputs(x, self))
        return out[0] if len(out) == 1 else out

    def __repr__(self) -> str:
        shape = " → ".join(str(n) for n in [self.n_in, *self.sizes])
        return f"MLP({shape}; {', '.join(self.activations)})"
