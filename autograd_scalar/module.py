"""`Module`: what every network part shares: its parameters, their names and their labels.

A parameter has two names. Its dotted name says where it sits (`layers.0.neurons.1.w.0`:
stable, unique, the order of `parameters()`). Its label is what a document calls it
(`W3`, `w1`, `b2`): the Value's own `.label`, given by `label_parameters` (see `labels`).
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .engine import Value, as_float
from .labels import fill, name_neuron_nodes, number_parameters

if TYPE_CHECKING:
    from .layers import Neuron

M = TypeVar("M", bound="Module")


def check_count(n: Any, what: str) -> int:
    """`n` if it is a whole number >= 1, otherwise an error naming `what`."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{what} must be a whole number >= 1, got {n!r}")
    return n


def as_inputs(x: Any, module: Module) -> list[Value]:
    """The inputs of one example as Values: numbers become leaves, Values pass through."""
    if isinstance(x, (Value, numbers.Real)) and not isinstance(x, bool):
        x = [x]  # a bare number is fine for a module with one input
    try:
        if isinstance(x, (str, bytes)):
            raise TypeError
        items = list(x)
    except TypeError:
        raise TypeError(f"{module.kind} takes a list of numbers or Values, got {x!r}") from None
    if len(items) != module.n_in:
        raise ValueError(
            f"{module.kind} takes {module.n_in} inputs per example, got {len(items)}: {x!r}"
        )
    labels = module.input_labels
    return [
        xi
        if isinstance(xi, Value)
        else Value(as_float(xi, f"input {i}"), labels[i] if labels else "")
        for i, xi in enumerate(items)
    ]


class Module:
    """A network part with parameters: a Neuron, a Layer or an MLP."""

    def __init__(self, n_in: int) -> None:
        self.n_in = n_in
        self.input_labels: list[str] = []  # given to inputs passed as plain numbers

    @property
    def kind(self) -> str:
        return type(self).__name__

    def named_parameters(self) -> list[tuple[str, Value]]:
        """Every parameter with its dotted name, in a fixed order (weights, then bias)."""
        raise NotImplementedError

    def neuron_grid(self) -> list[list[Neuron]]:
        """The neurons, layer by layer: what labelling walks through."""
        raise NotImplementedError

    def __call__(self, x: Any) -> Value | list[Value]:
        """The module's output for one example: a Value, or a list when there are several."""
        raise NotImplementedError

    def parameters(self) -> list[Value]:
        """Every parameter, in the order of `named_parameters()`."""
        return [p for _, p in self.named_parameters()]

    def zero_grad(self) -> None:
        """Set every parameter's `.grad` to 0 (leaf grads accumulate until then)."""
        for p in self.parameters():
            p.grad = 0.0

    def parameter(self, name: str) -> Value:
        """The parameter with this dotted name (`layers.0.neurons.1.b`) or label (`W3`)."""
        named = self.named_parameters()
        for dotted, p in named:
            if dotted == name:
                return p
        found = [p for _, p in named if p.label == name]
        if len(found) == 1:
            return found[0]
        if found:
            raise KeyError(f"{len(found)} parameters are labelled {name!r}; use the dotted name")
        known = [dotted for dotted, _ in named] + [p.label for _, p in named if p.label]
        close = difflib.get_close_matches(str(name), known, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else f"names look like {known[0]!r}"
        raise KeyError(f"{self.kind} has no parameter named or labelled {name!r}; {hint}")

    def set(self, name: str, value: Any) -> None:
        """Give one parameter (by dotted name or label) an exact value: `set("W1", 0.1)`."""
        self.update({name: value})

    def update(self, values: Mapping[str, Any]) -> None:
        """Set several parameters at once; nothing changes unless every entry is valid."""
        checked = [
            (self.parameter(name), as_float(value, f"the value for {name!r}"))
            for name, value in values.items()
        ]
        for p, number in checked:
            p.data = number

    def label_parameters(
        self: M,
        order: str = "neuron",
        weight_prefix: str = "W",
        bias_prefix: str = "b",
        start: int = 1,
    ) -> M:
        """Label the weights `W1, W2, ...` and biases `b1, b2, ...`, layer after layer.

        order="neuron": the weights into the first neuron come first (W1, W2 feed neuron
        1). order="input": the weights leaving the first input come first (w1, w2, w3 go
        from x1 to the layer's three neurons). Biases are numbered neuron by neuron.
        """
        number_parameters(self.neuron_grid(), order, weight_prefix, bias_prefix, start)
        return self

    def name_nodes(
        self: M,
        net: str | None = None,
        out: str | None = None,
        inputs: str | None = None,
        start: int = 1,
    ) -> M:
        """Label the nodes each forward pass makes, numbering neurons from `start`.

        `net` names each neuron's weighted sum and `out` its activation, with `{}` for the
        neuron's number: `name_nodes(net="Z{}", out="σ{}")` gives Z1, σ1, Z2, ...
        `inputs` names inputs passed as plain numbers, from 1: `inputs="X{}"`. None
        leaves those nodes unlabelled. A linear neuron's sum is its output: it gets `out`.
        """
        name_neuron_nodes(self.neuron_grid(), net, out, start)
        self.input_labels = (
            [fill(inputs, i, "inputs") for i in range(1, self.n_in + 1)] if inputs else []
        )
        return self
