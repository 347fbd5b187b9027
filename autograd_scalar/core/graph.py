"""Walking a recorded graph: its nodes in topological order, and finding a node by label.

Every function here takes any node of the engine (a `Value`) and follows `_a`, `_b`,
the inputs each node remembers; nothing is recursive, so any depth works.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from ..errors import GraphLookupError


def topological_order(root: Any, zeroed: list[tuple[Any, float]] | None = None) -> list[Any]:
    """Every node that `root` depends on, inputs before the nodes made from them.

    An explicit stack instead of recursion, so any depth works; the order depends only
    on the graph, so the same graph always gives the same order (root last).
    With a list `zeroed` (backward's use), each node's grad is also set to 0 on the way,
    and each leaf is appended to `zeroed` with the grad it had: one walk, not two.
    """
    order: list[Any] = []
    visited: set[Any] = set()
    # Two parallel stacks: a node, and whether its inputs are already in `order`.
    # A node may be pushed more than once but is expanded once, when first popped;
    # marking it only then is what keeps the order right when inputs are shared.
    nodes, inputs_done = [root], [False]
    pop, push, done, push_done = nodes.pop, nodes.append, inputs_done.pop, inputs_done.append
    append, seen = order.append, visited.add
    while nodes:
        node = pop()
        if done():
            append(node)
            continue
        if node in visited:
            continue
        seen(node)
        if zeroed is not None:
            if node._op is None:
                zeroed.append((node, node.grad))
            node.grad = 0.0
        push(node)
        push_done(True)
        a, b = node._a, node._b
        if b is not None and b not in visited:  # b pushed first, so a is visited first
            push(b)
            push_done(False)
        if a is not None and a not in visited:
            push(a)
            push_done(False)
    return order


def depends_on(order: list[Any], targets: Collection[Any]) -> set[Any]:
    """The nodes of `order` (inputs first) that are a target or computed from one."""
    reached = set(targets)
    for node in order:
        if any(parent in reached for parent in node.parents):
            reached.add(node)
    return reached


def labelled_nodes(root_or_nodes: Any) -> dict[str, Any]:
    """{label: node} for every label that names exactly one node of the graph."""
    count: dict[str, list[Any]] = {}
    for node in _nodes(root_or_nodes):
        if node.label:
            count.setdefault(node.label, []).append(node)
    return {label: found[0] for label, found in count.items() if len(found) == 1}


def node_labelled(root_or_nodes: Any, label: str) -> Any:
    """The one node of the graph with this label; an error lists the labels there are."""
    nodes = _nodes(root_or_nodes)
    found = [node for node in nodes if node.label == label] if label else []
    if len(found) == 1:
        return found[0]
    if found:
        raise GraphLookupError(f"{len(found)} nodes have the label {label!r}; pass the node itself")
    known = sorted({node.label for node in nodes if node.label})
    shown = ", ".join(known[:30]) + (", …" if len(known) > 30 else "")
    raise GraphLookupError(
        f"no node has the label {label!r}; the graph's labels are {shown or '(none)'}"
    )


def _nodes(root_or_nodes: Any) -> list[Any]:
    if hasattr(root_or_nodes, "_a"):
        return topological_order(root_or_nodes)
    if isinstance(root_or_nodes, Iterable):
        return list(root_or_nodes)
    raise TypeError(f"give a Value or a list of nodes, got {type(root_or_nodes).__name__}")
