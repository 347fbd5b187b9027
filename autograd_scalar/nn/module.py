"""`Module`: what every network part shares: finding its parameters, naming and setting them.

A module's parameters are the Values among its attributes, found by walking them in
the order they were set, into lists and into sub-modules, as PyTorch and minitorch do:
a Neuron's `w` and `b`, a Layer's `neurons`, an MLP's `layers`. So no part writes
its own `named_parameters`. A parameter has two names: its dotted `name` says where it
sits (`layers.0.neurons.1.w.0`: stable, unique, the order of `parameters()`); its label
is what a document calls it (`W3`), the Value's own `.label` (see `MLP.label_parameters`).
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Mapping, Set
from typing import Any

from ..core.value import Value, as_float
from ..errors import GraphLookupError
from ..interrupts import Interrupts


def check_count(n: Any, what: str) -> int:
    """`n` if it is a whole number >= 1, otherwise an error naming `what`."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{what} must be a whole number >= 1, got {n!r}")
    return n


def as_inputs(x: Any, module: Module) -> list[Value]:
    """The inputs of one example as Values: numbers become leaves, Values pass through."""
    if isinstance(x, (Value, numbers.Real)) and not isinstance(x, bool):
        x = [x]  # a bare number is fine for a module with one input
    if isinstance(x, (str, bytes, Set, Mapping)):
        kind = "an unordered set" if isinstance(x, Set) else type(x).__name__
        raise TypeError(
            f"{module.kind} takes a list of numbers or Values in order, got {kind}: {x!r}"
        )
    try:
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
    """A network part with parameters: a Neuron, a Layer, an MLP, or one of your own."""

    def __init__(self, n_in: int) -> None:
        self.n_in = n_in
        self.input_labels: list[str] = []  # given to inputs passed as plain numbers

    @property
    def kind(self) -> str:
        return type(self).__name__

    def __call__(self, x: Any) -> Value | list[Value]:
        """The module's output for one example: a Value, or a list when there are several."""
        raise NotImplementedError

    def named_parameters(self) -> list[tuple[str, Value]]:
        """Every parameter with its dotted name, in the order the attributes were set.

        A Value held twice (shared) is listed once, under its first name.
        """
        found: list[tuple[str, Value]] = []
        seen: set[Value] = set()
        pending: list[tuple[str, Any]] = [("", self)]
        while pending:
            prefix, module = pending.pop()
            children: list[tuple[str, Any]] = []
            for name, attribute in vars(module).items():
                if isinstance(attribute, (list, tuple)):
                    entries = [(f"{name}.{i}", item) for i, item in enumerate(attribute)]
                else:
                    entries = [(name, attribute)]
                for dotted, item in entries:
                    if isinstance(item, Value) and item not in seen:
                        seen.add(item)
                        found.append((prefix + dotted, item))
                    elif isinstance(item, Module):
                        children.append((prefix + dotted + ".", item))
            # Its own parameters first, then each sub-module's, in order (as PyTorch).
            pending.extend(reversed(children))
        return found

    def __repr__(self) -> str:  # a part of one's own; Neuron, Layer and MLP say more
        return f"{self.kind}({self.n_in} inputs, {len(self.parameters())} parameters)"

    def to_torch(self) -> Any:
        """This module as a torch.nn.Module: Neuron, Layer and MLP have one (torch extra)."""
        raise TypeError(
            f"{self.kind} has no torch form of its own; export the graph of its output "
            "instead: autograd_scalar.to_torch(module(x))"
        )

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
            raise GraphLookupError(
                f"{len(found)} parameters are labelled {name!r}; use the dotted name"
            )
        known = [dotted for dotted, _ in named] + [p.label for _, p in named if p.label]
        close = difflib.get_close_matches(str(name), known, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else f"names look like {known[0]!r}"
        raise GraphLookupError(f"{self.kind} has no parameter named or labelled {name!r}; {hint}")

    def set(self, name: str, value: Any) -> None:
        """Give one parameter (by dotted name or label) an exact value: `set("W1", 0.1)`."""
        self.update({name: value})

    def update(self, values: Mapping[str, Any]) -> None:
        """Set several parameters at once; nothing changes unless every entry is valid.

        Ctrl-C during the update sets every parameter or none.
        """
        checked = [
            (self.parameter(name), as_float(value, f"the value for {name!r}"))
            for name, value in values.items()
        ]
        with Interrupts(holding=True):
            for p, number in checked:
                p.data = number
