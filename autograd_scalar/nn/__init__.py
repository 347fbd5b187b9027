"""Neural networks of Values: everything a training script needs, in one import.

After `from autograd_scalar import nn`: the network parts (`nn.Neuron`, `nn.Layer`,
`nn.MLP`, their base `nn.Module`), the losses (`nn.mse`, `nn.half_squared_error`,
`nn.binary_cross_entropy`, `nn.hinge`), training (`nn.SGD`, `nn.fit`), files
(`nn.save`, `nn.load`, `nn.MAX_MODEL_BYTES`) and a toy data set (`nn.make_moons`). Each lives in a file of
its own; this module only gathers them.
"""

from __future__ import annotations

from ..errors import ModelFileError
from .datasets import make_moons
from .layers import ACTIVATIONS, Layer, Neuron
from .loading import from_dict
from .losses import binary_cross_entropy, half_squared_error, hinge, mse, softplus
from .mlp import MLP
from .module import Module
from .optim import SGD, fit
from .saving import MAX_MODEL_BYTES, load, save, to_dict

__all__ = [
    "ACTIVATIONS",
    "MAX_MODEL_BYTES",
    "MLP",
    "SGD",
    "Layer",
    "ModelFileError",
    "Module",
    "Neuron",
    "binary_cross_entropy",
    "fit",
    "from_dict",
    "half_squared_error",
    "hinge",
    "load",
    "make_moons",
    "mse",
    "save",
    "softplus",
    "to_dict",
]
