"""What several commands share: finding a document or a node by name, drawing a document,
and reading the arguments that every command reads alike (numbers, file names)."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from .. import documents
from ..core.graph import node_labelled, topological_order
from ..core.value import Value
from ..errors import GraphLookupError, UsageError, shown


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


def whole_number(text: str) -> int:
    """An argument that is a whole number >= 1 (`--max-nodes`)."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {number}")
    return number


def finite_number(text: str) -> float:
    """An argument that is a finite number (`--input`): not nan, not inf, not 1e400."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return number


def file_name(text: str) -> str:
    """An argument that names a file or a folder: not empty, no NUL byte."""
    if not text:
        raise argparse.ArgumentTypeError("expected a file name, got an empty one")
    if "\0" in text:
        raise argparse.ArgumentTypeError(f"a file name cannot hold a NUL byte: {text!r}")
    return text


def drawn_to(option: str, path: str | None, *kinds: str) -> None:
    """Refuse, before any work, a file name that `option` cannot write (by its suffix):
    `kinds` are what it may write: "picture", "text" (DOT), "page"."""
    if path is None:
        return
    from ..viz.drawing import saved_as

    try:
        kind = saved_as(path)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None
    if kind not in kinds:
        wanted = " or ".join(_WRITTEN[kind] for kind in kinds)
        raise UsageError(f"{option} writes {wanted}, not {_WRITTEN[kind]}: {shown(path)}")


_WRITTEN = {"picture": "a picture (.svg)", "text": "DOT text (.dot)", "page": "a page (.html)"}
