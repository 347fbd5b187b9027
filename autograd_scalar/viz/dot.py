"""The op view's DOT text: one record per Value, one small node per op; and what both
views share (the graph's look, its title, groups drawn as boxes).

Node ids come from the topological order (`n0`, `n1`, … and `op3` for the op that
made `n3`), so the same graph always gives the same DOT text, byte for byte. Edges run
from inputs to the op and from the op to its result, in the direction of the forward
pass; `backward()` walks them the other way.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.graph import depends_on
from ..core.value import Value
from ..explanation.folding import Folding
from .groups import GroupPath
from .scene import Scene, Stage
from .style import (
    CURRENT,
    FONT,
    HIGHLIGHT,
    SMALL_SIZE,
    TEXT_SIZE,
    grad_fill,
    name_of,
    number,
    op_label,
    partial_label,
    plain_text,
    record_text,
    value_label,
)


@dataclass
class Options:
    """What to draw besides the graph itself (see `viz.drawing.draw`)."""

    title: str
    show_grads: bool
    highlight: Collection[Value] = ()
    show_partials: bool = False
    color_grads: bool = True
    params: Collection[Value] = ()
    groups: Mapping[Value, GroupPath] = field(default_factory=dict)
    rankdir: str = "LR"
    title_given: bool = False  # the person's own title, kept whole
    notes: tuple[str, ...] = ()  # more lines under the title (what was left out)
    partials_given: bool = False  # show_partials=True asked for, not chosen by default


def graph_attributes(dot: Any, options: Options, title: list[str]) -> None:
    """The look both views share: direction, fonts, sizes, the title's lines."""
    import graphviz

    dot.attr(rankdir=options.rankdir, labelloc="t", fontsize="13", fontname=FONT)
    lines = "\\n".join(plain_text(line) for line in title)
    dot.attr(label=graphviz.nohtml(lines), nodesep="0.2", ranksep="0.15")
    dot.attr("node", fontsize=TEXT_SIZE, fontname=FONT, margin="0.06,0.03")
    dot.attr("edge", color="#555555", arrowsize="0.7", fontsize=SMALL_SIZE, fontname=FONT)


def root_title(root: Value, options: Options, stage: Stage) -> list[str]:
    """The title's lines: the person's own title, or the output's value and what the
    colours say, then what was left out; while stepping through backward, the step and
    its chain rule, a line each."""
    if options.title_given:
        return [options.title]
    if stage.note:
        return [f"{name_of(root)} = {number(root.data)}", *stage.note.split("\n")]
    return [options.title, *options.notes]


def op_view_size(order: list[Value]) -> tuple[int, int]:
    """(nodes, edges) of the op view of the Values `order`, counted without drawing it:
    a record per Value and an oval per op; an edge from each input into its op (twice
    for `a*a`) and one from the op to its result, as `graph_source` draws them."""
    ops = sum(node.op is not None for node in order)
    inputs = sum(len(node.parents) for node in order if node.op is not None)
    return len(order) + ops, inputs + ops


def graph_source(root: Value, folding: Folding, options: Options, stage: Stage) -> Scene:
    """The op view of the graph of `root`, read as `folding` (its nodes, inputs first;
    the formulas of the edges' partials)."""
    import graphviz

    order = folding.order
    index = {node: i for i, node in enumerate(order)}
    reached = depends_on(order, options.highlight)
    largest = stage.largest(root)
    dot = graphviz.Digraph(name="gradients")
    graph_attributes(dot, options, root_title(root, options, stage))

    boxes: dict[GroupPath, list[tuple[str, dict[str, str]]]] = {}
    for i, node in enumerate(order):
        box = boxes.setdefault(options.groups.get(node, ()), [])
        box.append((f"n{i}", _value_style(node, root, largest, options, stage) | {"id": f"n{i}"}))
        if node.op is not None:
            box.append((f"op{i}", {"label": op_label(node), "shape": "ellipse", "id": f"op{i}"}))
    add_boxes(dot, boxes)

    edges: list[tuple[str, str, str]] = []

    def add_edge(tail: str, head: str, **style: str) -> None:
        edge_id = f"e{len(edges)}"
        dot.edge(tail, head, id=edge_id, **style)
        edges.append((edge_id, tail, head))

    for i, node in enumerate(order):
        if node.op is None:
            continue
        for parent in node.parents:
            edge: dict[str, str] = {}
            if parent in reached:
                edge.update(color=HIGHLIGHT, penwidth="2.5")
            if options.show_partials:
                edge["label"] = graphviz.nohtml(partial_label(folding, node, parent))
            add_edge(f"n{index[parent]}", f"op{i}", **edge)
        on_path = any(parent in reached for parent in node.parents)
        add_edge(f"op{i}", f"n{i}", **({"color": HIGHLIGHT, "penwidth": "2.5"} if on_path else {}))
    boxed = {node: f"n{i}" for i, node in enumerate(order)}
    return Scene(dot.source, boxed, edges, None, largest)


def _value_style(
    node: Value, root: Value, largest: float, options: Options, stage: Stage
) -> dict[str, str]:
    import graphviz

    grad = stage.grads.get(node)
    style = {"label": graphviz.nohtml(value_label(node, options.show_grads, grad))}
    # Leaves have rounded corners; parameters a thick border; the root a double weight.
    style["shape"] = "Mrecord" if node.op is None else "record"
    if node in options.params:
        style["penwidth"] = "2.5"
    if node is root:
        style["penwidth"] = "3"
    if node.op is None and not node.label.strip() and node not in options.params:
        style["color"] = "#999999"  # an unnamed leaf: a number the person made a Value
    if node in options.highlight:
        style["color"] = HIGHLIGHT
        style["penwidth"] = "3"
    colour = options.show_grads and options.color_grads and grad is not None
    fill = grad_fill(grad, largest) if colour and grad is not None else ""
    if node is not root and fill not in ("", "#ffffff"):
        style.update(style="filled", fillcolor=fill)
    if node is stage.current:
        style.update(color=CURRENT, penwidth="4")
    return style


def add_boxes(dot: Any, boxes: dict[GroupPath, list[tuple[str, dict[str, str]]]]) -> None:
    """Nodes into nested clusters, one per group path; ids in order of first appearance."""
    import graphviz

    counter = itertools.count()

    def fill(graph: Any, prefix: GroupPath) -> None:
        for name, style in boxes.get(prefix, []):
            graph.node(name, **style)
        children: list[str] = []
        for path in boxes:
            if len(path) > len(prefix) and path[: len(prefix)] == prefix:
                title = path[len(prefix)]
                if title not in children:
                    children.append(title)
        for title in children:
            with graph.subgraph(name=f"cluster_{next(counter)}") as cluster:
                cluster.attr(label=graphviz.nohtml(plain_text(title)), style="rounded")
                cluster.attr(color="#888888", fontsize=SMALL_SIZE)
                fill(cluster, (*prefix, title))

    fill(dot, ())


def summary_source(root: Value, order: list[Value], max_nodes: int, heading: str) -> str:
    """The DOT text of a graph too large to read: how many nodes of each op, and the root."""
    import graphviz

    counts = Counter(node.op.name if node.op is not None else "leaf" for node in order)
    fields = [f"{len(order)} nodes, more than max_nodes={max_nodes}"]
    fields += [f"{name}: {count}" for name, count in sorted(counts.items())]
    fields.append("draw(root, max_nodes=None) draws them all")
    dot = graphviz.Digraph(name="summary")
    dot.attr(rankdir="LR", labelloc="t", label=graphviz.nohtml(plain_text(heading)))
    dot.attr(fontname=FONT, fontsize="13")
    dot.attr("node", fontname=FONT, fontsize=TEXT_SIZE)
    dot.node("summary", graphviz.nohtml("{ " + " | ".join(fields) + " }"), shape="record")
    root_fields = [record_text(name_of(root)), f"data {number(root.data)}"]
    dot.node("root", graphviz.nohtml("{ " + " | ".join(root_fields) + " }"), shape="record")
    dot.edge("summary", "root")
    return dot.source
