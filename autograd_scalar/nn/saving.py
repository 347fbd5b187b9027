"""Saving an MLP to JSON and loading it back, exactly.

The file holds the architecture, each layer's activation, every parameter and every
label. Numbers are written as Python's shortest repr, which reads back to the same
float bit for bit. `load` hands the data to `loading.from_dict`, which checks all of it
before building anything. No pickle: a model file is data, never code; whatever a
file holds, reading it raises at most a `ModelFileError`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from ..errors import ModelFileError, shown
from ..files import ReadLimitError, read_limited, write_atomically
from .loading import FORMAT, VERSION, check_text, from_dict
from .mlp import MLP

MAX_MODEL_BYTES = 10_000_000
"""The most a model file may hold: 10 MB, about 250,000 parameters with their labels."""


def to_dict(model: MLP) -> dict[str, Any]:
    """The model as plain JSON-ready data: architecture, parameters and labels."""
    if not isinstance(model, MLP):
        raise TypeError(f"save and to_dict take an MLP, got {type(model).__name__}")
    layers = []
    for layer in model.layers:
        neurons = [
            {
                "w": [w.data for w in neuron.w],
                "b": neuron.b.data,
                "w_labels": [w.label for w in neuron.w],
                "b_label": neuron.b.label,
                "net_label": neuron.net_label,
                "out_label": neuron.out_label,
            }
            for neuron in layer.neurons
        ]
        layers.append({"activation": layer.activation, "neurons": neurons})
    return {
        "format": FORMAT,
        "version": VERSION,
        "n_in": model.n_in,
        "input_labels": list(model.input_labels),
        "layers": layers,
    }


def save(model: MLP, path: str | os.PathLike[str]) -> None:
    """Write `model` to `path` as JSON; the old file stays whole until the new one is.

    A label that no file can hold (a lone surrogate) is a ValueError naming its place,
    as `load` would name it; nothing is written.
    """
    data = to_dict(model)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    try:
        content = text.encode("utf-8")
    except UnicodeEncodeError:
        for where, label in _strings(data):
            try:
                check_text(label, where)
            except ModelFileError as error:
                raise ValueError(f"{shown(path)}: cannot save the model: {error}") from None
        raise
    write_atomically(path, content)


def _strings(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in `data`, with its place as the loader names it (`layers[0].b_label`)."""
    if isinstance(data, str):
        yield where, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, f"{where}.{key}" if where else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, f"{where}[{i}]")


def load(path: str | os.PathLike[str]) -> MLP:
    """Read a model written by `save`; a file that is not one raises `ModelFileError`.

    Whatever the file holds (a folder, a device or a pipe, more than `MAX_MODEL_BYTES`,
    bytes that are not UTF-8, JSON nested too deeply or with a number of thousands of
    digits, a label that is not valid Unicode, a wrong shape), the error is a one-line
    `ModelFileError` that names the file; no more than `MAX_MODEL_BYTES` is ever read.
    """
    name = shown(path) if isinstance(path, (str, os.PathLike)) else repr(path)
    try:
        raw = read_limited(path, MAX_MODEL_BYTES, regular_only=True)
    except ReadLimitError as error:  # a device, a pipe, a file too large: refused unread
        raise ModelFileError(f"{name}: not a model file: it {error.reason}") from None
    except OSError as error:  # missing, a folder, not readable
        reason = error.strerror or type(error).__name__
        raise ModelFileError(f"{name}: cannot read the model file: {reason}") from error
    except (ValueError, TypeError) as error:  # a path with a NUL byte in it; not a path
        raise ModelFileError(f"{name}: cannot read the model file: {error}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ModelFileError(f"{name}: not a model file (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise ModelFileError(
            f"{name}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise ModelFileError(
            f"{name}: not a model file: lists or objects nested too deeply to read"
        ) from None
    except ValueError:  # an integer longer than Python converts
        raise ModelFileError(
            f"{name}: not a model file: it holds an integer of over "
            f"{sys.get_int_max_str_digits():,} digits"
        ) from None
    return from_dict(data, source=name)
