"""A torch model read back as an MLP's numbers: its layers, weights, activations, labels.

`from_torch` takes what `to_torch` made, or a torch.nn.Sequential of torch.nn.Linear
layers, each followed by at most one activation, or a single Linear. An activation is
recognised by what it computes, not by its name: a module without parameters that gives,
at a row of test points, what an activation of this package gives (`"linear"`, or an op of
one input in the table, a registered one too). So torch.nn.ReLU is relu, and
torch.nn.LeakyReLU is refused. Anything else is refused with an error naming the layer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from ..core.ops import OPS
from .models import TorchLayer, TorchMLP

# Where a module is compared with each activation: both signs, small and large, and 0.
PROBES = [x / 4 for x in range(-20, 21)] + [-1e-3, 1e-3, -7.5, 7.5]


@dataclass
class ReadModel:
    """What an MLP is built from: `weights[k][j][i]`, `biases[k][j]`, an activation per
    layer, and the labels of its parameters in the order of `MLP.parameters()`."""

    weights: list[list[list[float]]] = field(default_factory=list)
    biases: list[list[float]] = field(default_factory=list)
    activations: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    input_labels: list[str] = field(default_factory=list)


def from_torch(module: Any, activations: Sequence[str]) -> ReadModel:
    """The numbers of the MLP that `module` computes, its activations among `activations`
    (names: "linear" and ops of the table); a ValueError names a layer it cannot take."""
    if isinstance(module, TorchMLP):
        layers: list[tuple[str, Any]] = [(f"layers.{k}", m) for k, m in enumerate(module.layers)]
        read = _read(layers, "the TorchMLP", activations)
        read.input_labels = list(module.input_labels)
        return read
    if isinstance(module, (TorchLayer, torch.nn.Linear)):
        return _read([("", module)], type(module).__name__, activations)
    if isinstance(module, torch.nn.Sequential):
        return _read(_flat(module), "the Sequential", activations)
    raise ValueError(
        f"from_torch takes a torch.nn.Sequential of Linear layers and activations, a Linear "
        f"layer, or a module made by to_torch; got {type(module).__name__}, whose forward "
        "could compute anything"
    )


def _flat(sequential: torch.nn.Sequential, prefix: str = "") -> list[tuple[str, Any]]:
    """The Sequential's parts in order, those of a Sequential inside it in its place."""
    found: list[tuple[str, Any]] = []
    for name, child in sequential.named_children():
        if isinstance(child, torch.nn.Sequential):
            found += _flat(child, f"{prefix}{name}.")
        else:
            found.append((f"{prefix}{name}", child))
    return found


def _read(parts: list[tuple[str, Any]], whole: str, activations: Sequence[str]) -> ReadModel:
    read = ReadModel()
    open_layer = False  # a Linear whose activation may still follow
    for name, part in parts:
        where = f"layer {name!r} of {whole} ({part!r})" if name else f"{whole} ({part!r})"
        if isinstance(part, TorchLayer):
            _add(read, part.weights(), part.biases(), part.activation.activation, where)
            read.labels += part.labels
            open_layer = False
        elif isinstance(part, torch.nn.Linear):
            bias = part.bias if part.bias is not None else torch.zeros(part.out_features)
            _add(read, part.weight, bias, "linear", where)
            read.labels += [""] * (part.out_features * (part.in_features + 1))
            open_layer = True
        elif any(True for _ in part.parameters()):
            raise ValueError(f"from_torch cannot take {where}: it is not a Linear layer")
        elif not open_layer:
            before = "another activation" if read.activations else "nothing"
            raise ValueError(
                f"from_torch cannot take {where}: an activation must follow a Linear layer, "
                f"and it follows {before}"
            )
        else:
            read.activations[-1] = _activation(part, where, activations)
            open_layer = False
    if not read.weights:
        raise ValueError(f"from_torch found no Linear layer in {whole}")
    return read


def _add(read: ReadModel, weight: Any, bias: Any, activation: str, where: str) -> None:
    weights = weight.detach().double().cpu().tolist()
    if read.weights and len(weights[0]) != len(read.weights[-1]):
        raise ValueError(
            f"from_torch cannot take {where}: it takes {len(weights[0])} inputs, but the "
            f"layer before it gives {len(read.weights[-1])}"
        )
    read.weights.append(weights)
    read.biases.append(bias.detach().double().cpu().tolist())
    read.activations.append(activation)


def _activation(part: Any, where: str, activations: Sequence[str]) -> str:
    """The activation among `activations` that `part` computes, by its values at PROBES."""
    was_training = part.training
    part.train(True)  # a module that differs while training (dropout) must show it
    try:
        with torch.no_grad():
            got = part(torch.tensor(PROBES, dtype=torch.float64))
        shaped = isinstance(got, torch.Tensor) and got.shape == (len(PROBES),)
        values: list[float] = got.tolist() if shaped else []
    except Exception:  # whatever it is, it is not an activation of this package
        values = []
    finally:
        part.train(was_training)
    for name in activations if values else ():
        if _agrees(values, name):
            return name
    raise ValueError(
        f"from_torch cannot take {where}: it is not an activation this package has "
        f"({', '.join(activations)}); register an op that computes it to add one"
    )


def _agrees(values: list[float], name: str) -> bool:
    for x, got in zip(PROBES, values):
        try:
            expected = x if name == "linear" else OPS[name].forward(x)
        except (ValueError, ArithmeticError):
            return False
        if not math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12):
            return False
    return True


__all__ = ["ReadModel", "from_torch"]
