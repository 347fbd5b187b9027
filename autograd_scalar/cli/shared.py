"""What several commands share: finding a document or a node by name, drawing a document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import documents
from ..core.graph import node_labelled, topological_order
from ..core.value import Value
from ..errors import GraphLookupError, UsageError


def document(name: str | None) -> documents.DocumentResult:
    """The document `name`, rebuilt and checked; a usage error lists the names."""
    if name is None:
        raise UsageError(f"name a document: one of {', '.join(documents.names())}")
    try:
        rebuild = documents.module(name).run
    except ValueError as error:  # an unknown name: the message lists the names
        raise UsageError(str(error)) from None
    return rebuild()


def node(root: Value, label: str) -> Value:
    """The node of `root`'s graph with this label, or a usage error listing the labels."""
    try:
        return node_labelled(root, label)
    except GraphLookupError as error:
        raise UsageError(f"in the graph of {root.label or 'the output'}: {error}") from None


def document_drawing(result: documents.DocumentResult, **options: Any) -> Any:
    """The document's picture: its parameters marked (and trained by the page's Step), its
    deepest parameter highlighted."""
    from ..viz.drawing import draw

    net_nodes = {n.label: n for n in topological_order(result.root) if n.label}
    params = [net_nodes[p] for p in result.parameters]
    options.setdefault("highlight", net_nodes.get(result.deepest))
    return draw(result.root, params=params, **options)


def draw_document(result: documents.DocumentResult, path: Path, **options: Any) -> Path:
    """Write the document's picture to `path` (see `document_drawing`)."""
    return document_drawing(result, **options).save(path)
