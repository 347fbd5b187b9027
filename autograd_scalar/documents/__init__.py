"""The four seed documents, rebuilt node by node and checked claim by claim.

Each document module builds its network with the document's names and numbers
(`build(values) -> Network`), lists its claims (`CLAIMS`) and checks them all
(`run() -> DocumentResult`). Here they are found by name:

    >>> from autograd_scalar import documents
    >>> documents.names()
    ['tap-and-knob', 'perceptron', 'relu-network', 'two-layer']
    >>> result = documents.run("relu-network")
"""

from __future__ import annotations

from types import ModuleType

from . import perceptron, relu_network, tap_and_knob, two_layer
from .claims import Claim, DocumentResult, Element, Verdict
from .network import Network
from .report import claims_table, errors_table, parameters_table

DOCUMENTS: dict[str, ModuleType] = {
    module.NAME: module for module in (tap_and_knob, perceptron, relu_network, two_layer)
}

__all__ = [
    "DOCUMENTS",
    "Claim",
    "DocumentResult",
    "Element",
    "Network",
    "Verdict",
    "claims_table",
    "errors_table",
    "module",
    "names",
    "parameters_table",
    "run",
]


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
