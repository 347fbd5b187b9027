"""To and from PyTorch: the same model, the same numbers, as torch modules in float64.

- `to_torch(root)`: the graph that computed `root` as a torch module whose parameters
  are the graph's leaves, named by their labels (`graph`); `to_torch(model)` is
  `model.to_torch()`.
- `layer_to_torch` and `mlp_to_torch`: nn's Neuron, Layer and MLP as torch modules that
  run on batches and sum as this engine does (`models`); nn's `to_torch()` methods call them.
- `from_torch`: a torch model read back as the numbers of an MLP (`reading`);
  `nn.MLP.from_torch` builds the MLP from them.
- `without_domain_checks(module)`: the exported module running its ops as torch's own
  do, for `torch.func` transforms and `torch.compile`.

Every op is run by its torch form, printed from its record in the op table (`printing`),
so an op registered by a user crosses too. torch is an optional extra: it is imported
only when one of these functions is called, and without it they raise an ImportError
that says what to install (`extra`). Nothing else in the package imports torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.value import Value
from .extra import EXTRA, torch_module


def to_torch(root: Any) -> Any:
    """The graph that computed `root` as a `torch.nn.Module` (a `RecordedGraph`).

    Its parameters are the graph's leaves, float64, named by label; `module()` returns the
    output and `torch.autograd` on it gives what `backward()` gives. Each op runs as its
    torch form, printed from its record: an op with neither a torch name nor a definition
    is refused with an OpError naming it. An nn model (`Neuron`, `Layer`, `MLP`) given
    here is exported by its own `to_torch()`.
    """
    torch_module("to_torch")
    if not isinstance(root, Value) and callable(getattr(root, "to_torch", None)):
        return root.to_torch()
    from .graph import graph_to_torch

    return graph_to_torch(root)


def layer_to_torch(neurons: Sequence[Any], activation: str, one: bool = False) -> Any:
    """A layer of nn neurons as a `TorchLayer` (a `TorchNeuron` for `one` neuron)."""
    torch_module("to_torch")
    from .models import layer_module

    return layer_module(neurons, activation, one)


def mlp_to_torch(layers: Sequence[tuple[Sequence[Any], str]], input_labels: Sequence[str]) -> Any:
    """An MLP, given each layer's neurons and activation, as a `TorchMLP`."""
    torch_module("to_torch")
    from .models import mlp_module

    return mlp_module(layers, input_labels)


def from_torch(module: Any, activations: Sequence[str]) -> Any:
    """What `module` computes, read as an MLP's weights, biases, activations and labels
    (a `ReadModel`); a ValueError names a layer that an MLP cannot hold."""
    torch_module("from_torch")
    from .reading import from_torch as read

    return read(module, activations)


__all__ = [
    "EXTRA",
    "from_torch",
    "layer_to_torch",
    "mlp_to_torch",
    "to_torch",
    "without_domain_checks",
]


def without_domain_checks(module: Any, off: bool = True) -> Any:
    """`module` (from `to_torch`) with its ops' domain and finiteness checks turned off
    (`off=False` turns them back on), and returned.

    The checks read the data to refuse, say, log of a negative number with this engine's
    DomainError; `torch.func.vmap`, `torch.func.grad` over examples and `torch.compile`
    cannot branch on data. Without them an input outside an op's domain gives NaN or inf,
    as torch's own ops do, and the values and gradients are otherwise the same.
    """
    for part in module.modules():
        if hasattr(part, "check_domain"):
            part.check_domain = not off
    return module
