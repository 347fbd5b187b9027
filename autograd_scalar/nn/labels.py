"""A document's names for a network: `W1, W2, ...`, `b1, b2, ...`, `Z1`, `σ1`, `net_n3`.

Labels are the Values' own `.label`, so they show in repr, in pictures and in checks.
Documents number weights in one of two orders, and both are here: neuron by neuron
(the weights into a neuron together) or input by input (the weights leaving an input
together). The nodes a forward pass makes are named from templates such as `"Z{}"`.
"""

from __future__ import annotations

from collections.abc import Sequence

from .layers import Neuron

NUMBERINGS = ("neuron", "input")


def fill(template: str, number: int, what: str) -> str:
    """`template` with its `{}` replaced by `number`: fill("Z{}", 3, ...) is "Z3"."""
    if "{}" not in template:
        raise ValueError(f"{what}={template!r} needs a {{}} where the number goes, as in 'Z{{}}'")
    return template.replace("{}", str(number))


def number_parameters(
    grid: Sequence[Sequence[Neuron]],
    numbering: str,
    weight_prefix: str,
    bias_prefix: str,
    start: int,
) -> None:
    """Label the weights and biases of `grid` (its neurons, layer by layer), counting on.

    numbering="neuron": the weights into the first neuron come first (W1, W2 feed neuron
    1). numbering="input": the weights leaving the first input come first (w1, w2, w3 go
    from x1 to the layer's three neurons). Biases are numbered neuron by neuron in both.
    """
    if isinstance(start, bool) or not isinstance(start, int):
        raise ValueError(f"start must be a whole number, got {start!r}")
    number = start
    for layer in grid:
        if numbering == "neuron":
            slots = [(neuron, i) for neuron in layer for i in range(len(neuron.w))]
        else:
            slots = [(neuron, i) for i in range(len(layer[0].w)) for neuron in layer]
        for neuron, i in slots:
            neuron.w[i].label = f"{weight_prefix}{number}"
            number += 1
    neurons = [neuron for layer in grid for neuron in layer]
    for number, neuron in enumerate(neurons, start):
        neuron.b.label = f"{bias_prefix}{number}"


def label_neuron_nodes(
    grid: Sequence[Sequence[Neuron]], net: str | None, out: str | None, start: int
) -> None:
    """Give each neuron the labels for its sum (`net`) and activation (`out`) nodes."""
    neurons = [neuron for layer in grid for neuron in layer]
    for number, neuron in enumerate(neurons, start):
        neuron.net_label = fill(net, number, "net") if net else ""
        neuron.out_label = fill(out, number, "out") if out else ""
