"""The equation view: one box per labelled node, as a document writes its network.

Each box holds a node's equation over its inputs' labels (`Z1 = W1·X1 + W2·X2 + b1`),
its data and its grad; each edge from an input carries the local partial as a formula
and a number (`∂Z1/∂W1 = X1 = 0.35`). The unlabelled nodes in between (the `1 − σ3`
and the logs of a loss) fold into the equation and into the partials by the same
`Folding` that `explain` reads a graph with. An unlabelled piece whose formula would be
too long to spell out (a sum of many terms) gets a box of its own, named as `explain`
names it (`add#12`), so that no equation runs across the page.
"""

from __future__ import annotations

from collections.abc import Collection

from ..core.graph import depends_on
from ..core.value import Value
from ..explanation.folding import Folding
from ..formula.expr import Expr, Name, substitute
from ..formula.printing import text
from .dot import Options, add_boxes, graph_attributes, root_title
from .scene import Boxes, Scene, Stage
from .style import (
    CURRENT,
    HIGHLIGHT,
    SMALL_SIZE,
    WIDTH,
    grad_fill,
    grad_text,
    number,
    plain_text,
    record_text,
    wrap,
)

SPELLED = 90  # characters: a folded piece longer than this gets a box of its own
EDGE_WIDTH = 12  # characters on one line of an edge's label


def equation_reading(root: Value) -> tuple[Folding, dict[str, Expr]]:
    """The graph read for the equation view, and each folded piece's formula by the
    name `Folding` gives it when it is too long to inline (`add#12` → its formula)."""
    first = Folding(root)
    spelled: dict[str, Expr] = {}
    boxed: list[Value] = []
    for node in first.order:
        name = first.name(node)
        if node in first.stops or node.op is None or not isinstance(name, Name):
            continue
        equation = first.equation(node)
        assert equation is not None
        whole = substitute(equation, spelled)
        if len(text(whole)) > SPELLED:
            boxed.append(node)
        else:
            spelled[name.label] = whole
    return (first.stopping_at(boxed) if boxed else first), spelled


def equation_source(
    root: Value,
    folding: Folding,
    spelled: dict[str, Expr],
    chosen: Boxes,
    options: Options,
    stage: Stage,
) -> Scene:
    """The DOT text of the equation view of `root`'s graph, read through `folding`."""
    import graphviz

    drawn = chosen.drawn
    index = {node: f"n{folding.place[node]}" for node in drawn}
    reached = depends_on(folding.order, options.highlight)
    largest = stage.largest(root)
    dot = graphviz.Digraph(name="equations")
    graph_attributes(dot, options, root_title(root, options, stage))

    boxes: dict[tuple[str, ...], list[tuple[str, dict[str, str]]]] = {}
    for node in drawn:
        style = _box_style(node, root, folding, spelled, chosen.collapsed, options, stage, largest)
        style["id"] = index[node]
        if node in chosen.collapsed:
            style["style"] = ",".join(filter(None, (style.get("style"), "dashed")))
        boxes.setdefault(options.groups.get(node, ()), []).append((index[node], style))
    if options.bands:  # keep the examples' bands in their order: little crossing-removal
        dot.attr(mclimit="0.01")
    add_boxes(dot, boxes)
    for leaf, branch in chosen.targets.items():  # an example's target beside its prediction
        if leaf in index and branch in index:
            dot.edge(index[branch], index[leaf], style="invis", minlen="0")

    edges: list[tuple[str, str, str]] = []
    numbers: dict[str, tuple[Value, Value]] = {}  # the step whose value each edge shows
    # A big picture's edges carry only the number: the formulas would double its width.
    written = options.show_partials and (options.partials_given or not chosen.big)
    for top in drawn:
        if top.op is None or top in chosen.collapsed:
            continue
        for step in folding.steps(top):
            edge_id = f"e{len(edges)}"
            edge = {"id": edge_id, "fontsize": SMALL_SIZE}
            if written:
                label = _partial_text(folding, spelled, top, step.wrt, step.formula, step.value)
                edge["label"] = graphviz.nohtml(label)
            elif options.show_partials:
                edge["label"] = graphviz.nohtml(plain_text(number(step.value)))
            if step.wrt in reached:
                edge.update(color=HIGHLIGHT, penwidth="2.5")
            dot.edge(index[step.wrt], index[top], **edge)
            edges.append((edge_id, index[step.wrt], index[top]))
            if options.show_partials:
                numbers[edge_id] = (top, step.wrt)
    return Scene(dot.source, index, edges, folding, largest, edge_steps=numbers)


def _box_style(
    node: Value,
    root: Value,
    folding: Folding,
    spelled: dict[str, Expr],
    collapsed: Collection[Value],
    options: Options,
    stage: Stage,
    largest: float,
) -> dict[str, str]:
    import graphviz

    name = folding.name_text(node) if node.label or node is not root else "the output"
    value = f"= {number(node.data)}"
    lines = [f"{name} {value}"]
    equation = None if node in collapsed else folding.equation(node)
    if equation is not None:  # Z1 = W1·X1 + W2·X2 + b1 = 0.29, as a document writes it
        written = text(substitute(equation, spelled))
        lines = wrap(f"{name} = {written}")
        if len(lines[0]) > WIDTH + 4:  # the name on a line of its own, as in a book
            lines = [f"{name} =", *wrap(written)]
        lines.append(value)
    fields = ["\\n".join(record_text(line) for line in lines)]
    if options.show_grads:
        fields.append(record_text(grad_text(stage.grads.get(node))))
    style = {"label": graphviz.nohtml(" | ".join(fields)), "shape": "record"}
    if node.op is None:
        style["style"] = "rounded"
    if node in options.params:
        style["penwidth"] = "2.5"
    if node is root:
        style["penwidth"] = "3"
    if node in options.highlight:
        style.update(color=HIGHLIGHT, penwidth="3")
    grad = stage.grads.get(node)
    if options.show_grads and options.color_grads and grad is not None and node is not root:
        fill = grad_fill(grad, largest)
        if fill != "#ffffff":
            style["style"] = ",".join(filter(None, (style.get("style"), "filled")))
            style["fillcolor"] = fill
    if node is stage.current:
        style.update(color=CURRENT, penwidth="4")
    return style


def _partial_text(
    folding: Folding,
    spelled: dict[str, Expr],
    top: Value,
    wrt: Value,
    formula: Expr | None,
    value: float,
) -> str:
    """`∂Z1/∂W1 = X1 = 0.35`, cut into short lines for the edge."""
    of, by = folding.symbol(top), folding.symbol(wrt)
    lines = [f"∂{of}/∂{by}"]
    shown = number(value)
    written = "" if formula is None else text(substitute(formula, spelled))
    if written and written != shown:
        lines += wrap(f"= {written}", EDGE_WIDTH)
    lines.append(f"= {shown}")
    return "\\n".join(plain_text(line) for line in lines)
