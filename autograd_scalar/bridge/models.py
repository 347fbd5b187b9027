"""nn's networks as torch modules that compute the same numbers, on batches.

`TorchLayer` computes `act(w1·x1 + w2·x2 + … + b)` for each neuron, with the examples of
a batch along every dimension but the last. The sum is taken in this engine's order (w1·x1
first, the bias last), one tensor op per input, so each example gets the numbers a `Layer`
gives it (torch.nn.Linear adds in another order, and differs in the last digits). The
activation is an `Activation`: the op's printed torch form, so a registered op works too.

A layer's parameters are named by their labels (`W1`, `b1`: one 0-d parameter each) when
every weight and bias of the layer has a label that can be a name; otherwise the layer
holds `weight` (n_out × n_in) and `bias` (n_out), as torch.nn.Linear does. Either way
`labels` keeps every label. `TorchNeuron` is a layer of one neuron that answers one
number per example; `TorchMLP` holds its layers in `layers`, as an `nn.MLP` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import torch

from ..core.ops import OPS
from ..errors import OpError
from .names import can_name
from .printing import torch_op

Place = tuple[torch.nn.Parameter, tuple[int, ...]]


class Activation(torch.nn.Module):
    """An activation of this package (`"linear"`, or an op of one input) run in torch."""

    def __init__(self, activation: str) -> None:
        super().__init__()
        if activation != "linear" and activation not in OPS:
            raise OpError(f"the activation {activation!r} is not an op of the table (any more)")
        self.activation = activation
        self.op = None if activation == "linear" else torch_op(OPS[activation])
        self.check_domain = True  # see `without_domain_checks`

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return z if self.op is None else self.op(z, checked=self.check_domain)

    def extra_repr(self) -> str:
        return self.activation if self.op is None else f"{self.activation}: {self.op.text}"


class TorchLayer(torch.nn.Module):
    """`n_out` neurons reading the same `n_in` inputs: x of shape (…, n_in) → (…, n_out).

    `weights[j][i]` is the weight from input i into neuron j, `biases[j]` its bias, and
    `labels` the labels of the parameters in the order of `nn.Layer.parameters()` (each
    neuron's weights, then its bias).
    """

    def __init__(
        self,
        weights: Sequence[Sequence[float]],
        biases: Sequence[float],
        activation: str,
        labels: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.n_in, self.n_out = len(weights[0]), len(weights)
        self.activation = Activation(activation)
        self.labels = list(labels) or [""] * (self.n_out * (self.n_in + 1))
        self._weight_names: list[list[str]] = []
        self._bias_names: list[str] = []
        # Every attribute is set by now, so no label is taken as a name over one of them.
        if all(can_name(self, label) for label in self.labels) and len(set(self.labels)) == len(
            self.labels
        ):
            for j in range(self.n_out):
                row = self.labels[j * (self.n_in + 1) : (j + 1) * (self.n_in + 1)]
                for name, number in zip(row, [*weights[j], biases[j]]):
                    self.register_parameter(name, _parameter(number))
                self._weight_names.append(row[:-1])
                self._bias_names.append(row[-1])
        else:
            self.weight = _parameter(weights)
            self.bias = _parameter(biases)

    def weights(self) -> torch.Tensor:
        """The weights as one (n_out × n_in) tensor, gathered from the labelled parameters."""
        if not self._weight_names:
            return self.weight
        return torch.stack(
            [torch.stack([getattr(self, n) for n in row]) for row in self._weight_names]
        )

    def biases(self) -> torch.Tensor:
        """The biases as one tensor of n_out numbers."""
        if not self._bias_names:
            return self.bias
        return torch.stack([getattr(self, name) for name in self._bias_names])

    def places(self) -> list[Place]:
        """Where each parameter of the nn layer is here, in the order of its `parameters()`:
        (the torch parameter, the index in it)."""
        found: list[Place] = []
        for j in range(self.n_out):
            if self._weight_names:
                names = [*self._weight_names[j], self._bias_names[j]]
                found += [(getattr(self, name), ()) for name in names]
            else:
                found += [(self.weight, (j, i)) for i in range(self.n_in)] + [(self.bias, (j,))]
        return found

    def forward(self, x: Any) -> torch.Tensor:
        x = _inputs(x, self.n_in, self)
        w, b = self.weights(), self.biases()
        z = x[..., 0:1] * w[:, 0]
        for i in range(1, self.n_in):  # in this engine's order: w1·x1 + w2·x2 + … + b
            z = z + x[..., i : i + 1] * w[:, i]
        return self.activation(z + b)

    def extra_repr(self) -> str:
        named = f"; {', '.join(self.labels)}" if self._weight_names else ""
        return f"{self.n_in} → {self.n_out}{named}"


class TorchNeuron(TorchLayer):
    """One neuron: x of shape (…, n_in) → one number per example, shape (…)."""

    def forward(self, x: Any) -> torch.Tensor:
        return super().forward(x)[..., 0]

    def extra_repr(self) -> str:
        named = f"; {', '.join(self.labels)}" if self._weight_names else ""
        return f"{self.n_in} inputs{named}"


class TorchMLP(torch.nn.Module):
    """Layers, each reading the one before: x of shape (…, n_in) → (…, n_out)."""

    def __init__(self, layers: Sequence[TorchLayer], input_labels: Sequence[str] = ()) -> None:
        super().__init__()
        self.input_labels = list(input_labels)
        self.layers = torch.nn.ModuleList(layers)

    def places(self) -> list[Place]:
        """Where each parameter of the nn MLP is here, in the order of its `parameters()`."""
        return [place for layer in self.layers for place in cast(TorchLayer, layer).places()]

    def forward(self, x: Any) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x

    def extra_repr(self) -> str:
        return " → ".join(
            str(n) for n in [self.layers[0].n_in, *(layer.n_out for layer in self.layers)]
        )


def _parameter(numbers: Any) -> torch.nn.Parameter:
    return torch.nn.Parameter(torch.tensor(numbers, dtype=torch.float64))


def _inputs(x: Any, n_in: int, module: torch.nn.Module) -> torch.Tensor:
    """`x` as a tensor whose last dimension holds one example's n_in inputs."""
    if not isinstance(x, torch.Tensor):
        like = next(module.parameters())
        x = torch.as_tensor(x, dtype=like.dtype, device=like.device)
    if x.dim() == 0 or x.shape[-1] != n_in:
        raise ValueError(
            f"{type(module).__name__} takes {n_in} inputs per example, along the last "
            f"dimension; got a tensor of shape {tuple(x.shape)}"
        )
    return x


def layer_module(neurons: Sequence[Any], activation: str, one: bool = False) -> TorchLayer:
    """The torch form of a layer of nn neurons (each with Values `w` and `b`)."""
    weights = [[w.data for w in neuron.w] for neuron in neurons]
    biases = [neuron.b.data for neuron in neurons]
    labels = [p.label for neuron in neurons for p in (*neuron.w, neuron.b)]
    return (TorchNeuron if one else TorchLayer)(weights, biases, activation, labels)


def mlp_module(
    layers: Sequence[tuple[Sequence[Any], str]], input_labels: Sequence[str]
) -> TorchMLP:
    """The torch form of an nn MLP, given each layer's neurons and activation."""
    return TorchMLP([layer_module(neurons, act) for neurons, act in layers], input_labels)


__all__ = ["Activation", "TorchLayer", "TorchMLP", "TorchNeuron", "layer_module", "mlp_module"]
