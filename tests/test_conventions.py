"""Conventions a Python user expects: a readable repr for every public object, type
information for type checkers, and a version that agrees with the installed one."""

from __future__ import annotations

import functools
import re
from importlib.metadata import version
from pathlib import Path

import pytest

import autograd_scalar
from autograd_scalar import (
    OPS,
    Tape,
    Value,
    check_op,
    check_partial,
    check_partials,
    draw,
    explain,
    gradcheck,
    nn,
)
from autograd_scalar.explanation import Folding
from autograd_scalar.formula import parse_formula


@functools.cache
def examples() -> dict[str, object]:
    """One instance of each public kind of object, built as a user would."""
    x, w = Value(0.5, "x"), Value(-1.5, "w")
    loss = (w * x).tanh().labelled("loss")
    loss.backward()
    model = nn.MLP(2, [3, 1], seed=0)

    class Tiny(nn.Module):
        def __init__(self) -> None:
            super().__init__(1)
            self.w = Value(0.3)

    return {
        "Value": x,
        "Op": OPS["sigmoid"],
        "Tape": Tape.record(loss),
        "Drawing": draw(loss),
        "Explanation": explain(loss, w),
        "Verdict": check_partial(loss, w, "x·(1 − loss²)"),
        "PartialTable": check_partials(loss, {"w": "x"}),
        "GradcheckResult": gradcheck(lambda w: (w * 0.5).tanh(), [Value(0.2, "w")]),
        "OpCheckResult": check_op(OPS["tanh"]),
        "Formula": parse_formula("x·w", ["x", "w"]),
        "Folding": Folding(loss),
        "MLP": model,
        "Layer": model.layers[0],
        "Neuron": model.layers[0].neurons[0],
        "Module": Tiny(),
        "SGD": nn.SGD(model.parameters(), lr=0.1),
        **documents_examples(),
    }


def documents_examples() -> dict[str, object]:
    from autograd_scalar import documents

    result = documents.run("relu-network")
    return {
        "DocumentResult": result,
        "Verdict of a document": result.verdicts[0],
        "Claim": result.verdicts[0].statement,
        "Network": documents.module("relu-network").build(),
    }


@pytest.mark.parametrize("kind", sorted(examples()))
def test_every_public_object_has_a_readable_repr(kind):
    shown = repr(examples()[kind])
    assert not re.search(r"object at 0x[0-9a-f]+", shown), shown
    assert 0 < len(shown.splitlines()[0]) <= 160, shown


def test_the_package_says_it_is_typed():
    assert (Path(autograd_scalar.__file__).parent / "py.typed").is_file()


def test_the_version_is_the_installed_one():
    assert autograd_scalar.__version__ == version("autograd-scalar")
