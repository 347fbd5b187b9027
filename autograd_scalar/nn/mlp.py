"""`MLP`: a multi-layer perceptron, from a seed, from exact weights, with a document's labels.

`MLP(2, [16, 16, 1])` behaves like micrograd's: ReLU hidden layers, a linear output,
weights uniform in [-1, 1], biases 0. It also takes an activation per layer, exact
weights to reproduce a worked example, and a document's labels: its parameters
numbered `W1, W2, ...`, `b1, b2, ...` and the nodes of each forward pass labelled
`Z1`, `σ1` (see `labels`).
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Sequence
from typing import Any, TypeVar

from ..core.value import Value, as_float
from .labels import NUMBERINGS, fill, label_neuron_nodes, number_parameters
from .layers import Layer, Neuron, check_activation, make_rng
from .layers import activations as known_activations
from .module import Module, as_inputs, check_count

M = TypeVar("M", bound="MLP")


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
        numbering: str | None = None,
        weight_prefix: str = "W",
        bias_prefix: str = "b",
        start: int = 1,
        labels: str | None = None,
    ) -> None:
        """`sizes` lists the neurons per layer, output layer last: `MLP(2, [3, 3, 1])`.

        `weights[k][j][i]` is the weight from input i into neuron j of layer k, and
        `biases[k][j]` that neuron's bias; without them weights are drawn from `rng`
        (or `random.Random(seed)`, seed 0 by default) and biases are 0. `numbering`
        (None, "neuron" or "input") labels the parameters: see `label_parameters`.
        `labels=` is the old spelling of `numbering=`.
        """
        if labels is not None:
            _deprecated("MLP(labels=...)", "MLP(numbering=...)")
            numbering = numbering or labels
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
        if numbering is not None:
            self.label_parameters(numbering, weight_prefix, bias_prefix, start)

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

    @classmethod
    def from_torch(cls, module: Any) -> MLP:
        """The MLP that a torch model computes, with its weights (and labels, if it was made
        by `to_torch`): a torch.nn.Sequential of Linear layers, each followed by at most
        one activation of this package (torch.nn.ReLU, Sigmoid, Tanh, Identity, or a module
        computing a registered op), a single Linear, or what `to_torch` made. Any other
        module is refused with a ValueError naming the layer. Needs the torch extra.
        """
        from ..bridge import from_torch  # the bridge loads torch, an optional extra

        read = from_torch(module, known_activations())
        model = cls.from_weights(read.weights, read.biases, read.activations)
        for p, label in zip(model.parameters(), read.labels, strict=True):
            p.label = label
        model.input_labels = read.input_labels
        return model

    def to_torch(self) -> Any:
        """This MLP as a torch.nn.Module (float64, same weights, labels as names): x of shape
        (…, n_in) gives (…, n_out), each example as this engine computes it. Needs the
        torch extra."""
        from ..bridge import mlp_to_torch  # the bridge loads torch, an optional extra

        layers = [(layer.neurons, layer.activation) for layer in self.layers]
        return mlp_to_torch(layers, self.input_labels)

    @property
    def sizes(self) -> list[int]:
        return [len(layer.neurons) for layer in self.layers]

    @property
    def activations(self) -> list[str]:
        return [layer.activation for layer in self.layers]

    @property
    def neurons(self) -> list[list[Neuron]]:
        """The neurons, layer by layer: what numbering walks through."""
        return [layer.neurons for layer in self.layers]

    def label_parameters(
        self: M,
        numbering: str = "neuron",
        weight_prefix: str = "W",
        bias_prefix: str = "b",
        start: int = 1,
        *,
        order: str | None = None,
    ) -> M:
        """Label the weights `W1, W2, ...` and biases `b1, b2, ...`, layer after layer.

        numbering="neuron": the weights into the first neuron come first (W1, W2 feed
        neuron 1). numbering="input": the weights leaving the first input come first
        (w1, w2, w3 go from x1 to the layer's three neurons). Biases are numbered neuron
        by neuron. `order=` is the old spelling of `numbering=`.
        """
        if order is not None:
            _deprecated("label_parameters(order=...)", "label_parameters(numbering=...)")
            numbering = order
        if numbering not in NUMBERINGS:
            raise ValueError(f"numbering must be one of {NUMBERINGS}, got {numbering!r}")
        number_parameters(self.neurons, numbering, weight_prefix, bias_prefix, start)
        return self

    def label_nodes(
        self: M,
        net: str | None = None,
        out: str | None = None,
        inputs: str | None = None,
        start: int = 1,
    ) -> M:
        """Label the nodes each forward pass makes, numbering neurons from `start`.

        `net` labels each neuron's weighted sum and `out` its activation, with `{}` for
        the neuron's number: `label_nodes(net="Z{}", out="σ{}")` gives Z1, σ1, Z2, ...
        `inputs` labels inputs passed as plain numbers, from 1: `inputs="X{}"`. None
        leaves those nodes unlabelled. A linear neuron's sum is its output: it gets `out`.
        """
        label_neuron_nodes(self.neurons, net, out, start)
        self.input_labels = (
            [fill(inputs, i, "inputs") for i in range(1, self.n_in + 1)] if inputs else []
        )
        return self

    def name_nodes(self: M, *args: Any, **kwargs: Any) -> M:
        """Deprecated spelling of `label_nodes` (a node's human name is its label)."""
        _deprecated("name_nodes()", "label_nodes()")
        return self.label_nodes(*args, **kwargs)

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


def _deprecated(old: str, new: str) -> None:
    warnings.warn(
        f"{old} is now {new}; the old spelling goes in the next release",
        DeprecationWarning,
        stacklevel=3,
    )
