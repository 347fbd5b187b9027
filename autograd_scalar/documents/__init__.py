"""The four seed documents, rebuilt node by node and checked claim by claim.

Each document module rebuilds its network with the document's names and numbers and
lists every statement of the document, line by line, as a claim (`DOCUMENT`); `run()`
checks them all and returns a `DocumentResult`. The documents hold content (networks,
claims, readings, measures, the report); every claim is judged by `check` (`judging`
hands each kind to its function there). Here they are found by name:

    >>> from autograd_scalar import documents
    >>> documents.names()
    ['tap-and-knob', 'perceptron', 'relu-network', 'two-layer']
    >>> result = documents.run("relu-network")
"""

from __future__ import annotations

import warnings
from types import ModuleType
from typing import Any

from ..check.network import Network
from . import perceptron, relu_network, tap_and_knob, two_layer
from .claims import Claim, Element
from .document import Document
from .report import errors_table, parameters_table, text
from .result import DocumentResult

DOCUMENTS: dict[str, ModuleType] = {
    module.NAME: module for module in (tap_and_knob, perceptron, relu_network, two_layer)
}

__all__ = [
    "DOCUMENTS",
    "Claim",
    "Document",
    "DocumentResult",
    "Element",
    "Network",
    "errors_table",
    "module",
    "names",
    "parameters_table",
    "run",
    "text",
]


def __getattr__(name: str) -> Any:
    # The documents' verdict type of the previous release is check's one Verdict now.
    if name == "Verdict":
        warnings.warn(
            "documents.Verdict is now autograd_scalar.check.Verdict (a document's claim is "
            "its .statement); the old name goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        from ..check.verdict import Verdict

        return Verdict
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def names() -> list[str]:
    """The documents' names, in the order of their sources."""
    return list(DOCUMENTS)


def module(name: str) -> ModuleType:
    """The module that rebuilds the document `name`; a ValueError lists the names."""
    if name not in DOCUMENTS:
        raise ValueError(f"no document named {name!r}; choose one of {', '.join(DOCUMENTS)}")
    return DOCUMENTS[name]


def run(name: str) -> DocumentResult:
    """Rebuild the document `name` and check every claim it makes."""
    return module(name).run()
