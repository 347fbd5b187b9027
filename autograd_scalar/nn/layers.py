"""`Neuron` and `Layer`: the parts an MLP is made of.

A neuron computes `act(w1·x1 + w2·x2 + ... + b)`, summed in that order as in micrograd,
so its graph has micrograd's size and reads as a document writes it. Weights start
uniform in [-1, 1] and biases at 0, drawn from a `random.Random` that the caller seeds
(never the global RNG), or they are given exactly to reproduce a worked example.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from ..core.ops import OPS, Op
from ..core.value import Value, function
from .module import Module, as_inputs, check_count

ACTIVATIONS = ("relu", "sigmoid", "tanh", "linear")
"""The built-in activations; any op of one input registered in the table is one too."""


def activations() -> tuple[str, ...]:
    """Every activation a layer may have now: "linear" and each op of one input and no
    constant in the table (a registered `softplus` included)."""
    ops = tuple(name for name, op in OPS.items() if op.arity == 1 and op.constant is None)
    return ("linear", *ops)


def check_activation(activation: Any, nonlin: bool | None = None) -> str:
    """The activation's name; micrograd's `nonlin=True/False` means relu or linear."""
    if nonlin is not None:
        return "relu" if nonlin else "linear"
    if activation not in activations():
        raise ValueError(
            f"unknown activation {activation!r}; choose one of {', '.join(activations())} "
            "(an op of one input is an activation once it is registered)"
        )
    return str(activation)


def activation_op(activation: str) -> Op | None:
    """The op a layer's activation applies, None for "linear"."""
    return None if activation == "linear" else OPS[activation]


def make_rng(seed: int | random.Random | None, rng: random.Random | None) -> random.Random:
    if rng is not None and seed is not None:
        raise ValueError("give seed= or rng=, not both")
    if rng is not None:
        if not isinstance(rng, random.Random):
            raise TypeError(f"rng must be a random.Random, got {type(rng).__name__}")
        return rng
    if isinstance(seed, random.Random):
        return seed
    return random.Random(0 if seed is None else seed)  # deterministic by default


class Neuron(Module):
    """One neuron: `out = act(Σ wᵢ·xᵢ + b)` with act relu, sigmoid, tanh, linear, or any op
    of one input registered in the table (`Neuron(2, "softplus")`).

    micrograd's `Neuron(nin, nonlin=False)` works too: `nonlin` chooses relu or linear.
    """

    def __init__(
        self,
        n_in: int,
        activation: str = "relu",
        *,
        weights: Sequence[Any] | None = None,
        bias: Any = 0.0,
        seed: int | random.Random | None = None,
        rng: random.Random | None = None,
        nonlin: bool | None = None,
    ) -> None:
        super().__init__(check_count(n_in, "n_in"))
        self.activation = check_activation(activation, nonlin)
        op = activation_op(self.activation)
        self._activate = None if op is None else function(op)  # the record, found once
        if weights is None:
            draw = make_rng(seed, rng)
            self.w = [Value(draw.uniform(-1.0, 1.0)) for _ in range(n_in)]
        else:
            if len(weights) != n_in:
                raise ValueError(
                    f"a neuron with {n_in} inputs needs {n_in} weights, got {len(weights)}"
                )
            self.w = [Value(w) for w in weights]
        self.b = Value(bias)
        self.net_label = ""  # labels for the nodes each call makes: `Z1`, `σ1`
        self.out_label = ""

    def forward(self, x: list[Value]) -> Value:
        """The neuron on inputs already checked and made Values (the fast path)."""
        w = self.w
        net = w[0] * x[0]
        for i in range(1, len(w)):
            net = net + w[i] * x[i]
        net = net + self.b
        if self._activate is None:
            label = self.out_label or self.net_label  # one node is both net and out
            if label:
                net.label = label
            return net
        if self.net_label:
            net.label = self.net_label
        out = self._activate(net)
        if self.out_label:
            out.label = self.out_label
        return out

    def __call__(self, x: Any) -> Value:
        return self.forward(as_inputs(x, self))

    def to_torch(self) -> Any:
        """This neuron as a torch.nn.Module (float64, same weights, labels as names): x of
        shape (…, n_in) gives one number per example. Needs the torch extra."""
        from ..bridge import layer_to_torch  # the bridge loads torch, an optional extra

        return layer_to_torch([self], self.activation, one=True)

    def __repr__(self) -> str:
        shown = ", ".join(f"{p.label or name}={p.data:.4g}" for name, p in self.named_parameters())
        return f"Neuron({self.activation}: {shown})"


class Layer(Module):
    """`n_out` neurons reading the same `n_in` inputs; one output comes back as a Value."""

    def __init__(
        self,
        n_in: int,
        n_out: int,
        activation: str = "relu",
        *,
        weights: Sequence[Sequence[Any]] | None = None,
        biases: Sequence[Any] | None = None,
        seed: int | random.Random | None = None,
        rng: random.Random | None = None,
        nonlin: bool | None = None,
    ) -> None:
        super().__init__(check_count(n_in, "n_in"))
        check_count(n_out, "n_out")
        self.activation = check_activation(activation, nonlin)
        for name, given in (("weights", weights), ("biases", biases)):
            if given is not None and len(given) != n_out:
                raise ValueError(
                    f"a layer of {n_out} neurons needs {n_out} {name}, got {len(given)}"
                )
        draw = make_rng(seed, rng) if weights is None else None
        self.neurons = [
            Neuron(
                n_in,
                activation,
                weights=None if weights is None else weights[j],
                bias=0.0 if biases is None else biases[j],
                rng=draw,
            )
            for j in range(n_out)
        ]

    def forward(self, x: list[Value]) -> list[Value]:
        return [neuron.forward(x) for neuron in self.neurons]

    def __call__(self, x: Any) -> Value | list[Value]:
        out = self.forward(as_inputs(x, self))
        return out[0] if len(out) == 1 else out

    def to_torch(self) -> Any:
        """This layer as a torch.nn.Module (float64, same weights, labels as names): x of
        shape (…, n_in) gives (…, n_out). Needs the torch extra."""
        from ..bridge import layer_to_torch  # the bridge loads torch, an optional extra

        return layer_to_torch(self.neurons, self.activation)

    def __repr__(self) -> str:
        return f"Layer({self.n_in} → {len(self.neurons)}, {self.activation})"
