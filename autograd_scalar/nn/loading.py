"""Reading a model file back: every entry checked before anything is built.

A damaged file gets a `ModelFileError` saying what is wrong and where, as
`layers[1].neurons[0].w[2]: expected a number, got 'abc'`; a model is built only from
data that passed every check, so there is never a half-loaded model. Every size is
checked against what the file actually holds before anything is allocated: a file
claiming `"n_in": 100000000` costs no more memory than its few bytes.
"""

from __future__ import annotations

import math
import reprlib
from typing import Any

from ..errors import ModelFileError
from .layers import activations as known_activations
from .mlp import MLP

FORMAT = "autograd_scalar MLP"
VERSION = 1
NODE_LABELS = ("b_label", "net_label", "out_label")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _shown(value: Any) -> str:
    """A value as an error message shows it: short, whatever its size or depth."""
    return reprlib.repr(value)


def _get(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    if key not in obj:
        raise ModelFileError(f"{where or 'the top level'}: the key {key!r} is missing")
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ModelFileError(f"{_join(where, key)}: expected {_kind(kind)}, got {_shown(value)}")
    if isinstance(value, str):
        check_text(value, _join(where, key))
    return value


def check_text(text: str, where: str) -> None:
    """Refuse text that no file can hold: half of a surrogate pair (JSON's "\\ud800"),
    which Python holds but UTF-8 cannot."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ModelFileError(
            f"{where}: {_shown(text)} is not valid Unicode text (a lone surrogate)"
        ) from None


def _kind(kind: type | tuple[type, ...]) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "a whole number"}
    return "a number" if isinstance(kind, tuple) else names.get(kind, kind.__name__)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ModelFileError(f"{where}: expected a number, got {_shown(value)}")
    try:
        number = float(value)
    except OverflowError:  # an int past the largest float
        number = math.inf
    if not math.isfinite(number):
        raise ModelFileError(f"{where}: expected a finite number, got {reprlib.repr(value)}")
    return number


def _labels(obj: dict[str, Any], key: str, size: int, where: str) -> list[str]:
    """A list of `size` strings, or none at all (nothing is labelled)."""
    value = _get(obj, key, list, where) if key in obj else []
    if value and (len(value) != size or not all(isinstance(s, str) for s in value)):
        raise ModelFileError(f"{_join(where, key)}: expected {size} strings, got {_shown(value)}")
    for i, label in enumerate(value):
        check_text(label, f"{_join(where, key)}[{i}]")
    return value or [""] * size


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ModelFileError(f"{where}: expected an object, got {_shown(value)}")
    return value


def from_dict(data: Any, source: str = "model") -> MLP:
    """Build the MLP that `to_dict` describes, after checking every entry of `data`."""
    try:
        return _build(_object(data, "the top level"))
    except ModelFileError as error:
        raise ModelFileError(f"{source}: {error}") from None


def _build(data: dict[str, Any]) -> MLP:
    if data.get("format") != FORMAT:
        raise ModelFileError(f"'format' is {_shown(data.get('format'))}, expected {FORMAT!r}")
    if _get(data, "version", int) != VERSION:
        raise ModelFileError(
            f"version: {_shown(data['version'])} is not {VERSION}, the one read here"
        )
    n_in = _get(data, "n_in", int)
    if n_in < 1:
        raise ModelFileError(f"n_in: expected a whole number >= 1, got {_shown(n_in)}")
    layers = _get(data, "layers", list)
    if not layers:
        raise ModelFileError("layers: the list is empty; an MLP has at least one layer")
    weights: list[list[list[float]]] = []
    biases: list[list[float]] = []
    activations: list[str] = []
    labels: list[tuple[list[str], str, str, str]] = []
    fan_in = n_in
    for k, layer in enumerate(layers):
        where = f"layers[{k}]"
        activation = _get(_object(layer, where), "activation", str, where)
        if activation not in known_activations():
            raise ModelFileError(
                f"{where}.activation: {_shown(activation)} is not one of {known_activations()}"
            )
        neurons = _get(layer, "neurons", list, where)
        if not neurons:
            raise ModelFileError(f"{where}.neurons: the list is empty")
        weights.append([])
        biases.append([])
        for j, neuron in enumerate(neurons):
            at = f"{where}.neurons[{j}]"
            w = _get(_object(neuron, at), "w", list, at)
            if len(w) != fan_in:  # n_in is checked here, against the weights the file holds
                takes = f"n_in is {_shown(n_in)}" if k == 0 else f"layer {k} takes {fan_in} inputs"
                raise ModelFileError(f"{at}.w: has {len(w)} weights, but {takes}")
            weights[k].append([_number(x, f"{at}.w[{i}]") for i, x in enumerate(w)])
            biases[k].append(_number(_get(neuron, "b", (int, float), at), f"{at}.b"))
            b_label, net_label, out_label = (
                _get(neuron, key, str, at) if key in neuron else "" for key in NODE_LABELS
            )
            labels.append((_labels(neuron, "w_labels", fan_in, at), b_label, net_label, out_label))
        activations.append(activation)
        fan_in = len(neurons)
    input_labels = _labels(data, "input_labels", n_in, "")  # n_in now matches the weights
    model = MLP.from_weights(weights, biases, activations)  # only now, with all of it checked
    model.input_labels = input_labels if any(input_labels) else []
    built = [neuron for layer in model.layers for neuron in layer.neurons]
    for neuron, (w_labels, b_label, net_label, out_label) in zip(built, labels, strict=True):
        for w, label in zip(neuron.w, w_labels, strict=True):
            w.label = label
        neuron.b.label, neuron.net_label, neuron.out_label = b_label, net_label, out_label
    return model
