"""Pictures of a gradient graph: `draw(root)` and the `Drawing` it returns.

A Drawing holds the DOT text (`.source`), renders it to SVG on demand (`.svg()`), makes
its page (`.html()`: step through backward, click on nodes), writes any of them to a
file (`.save("graph.svg")`, `.save("graph.html")`) and shows itself in a notebook.
Rendering needs no system Graphviz: see `render` for the renderers. A graph is drawn in
the equation view (`equations`) or the op view (`dot`); one of more than `max_nodes`
Values is summarised (how many nodes of each op) rather than drawn as an unreadable
tangle. The look of a node lives in `style`, groups per neuron and layer in `groups`,
the page in `page`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..core.graph import topological_order
from ..core.value import Value
from ..explanation.folding import Folding
from ..explanation.steps import check_view, reading
from ..files import write_atomically
from ..formula.expr import Expr
from .dot import Options, graph_source, op_view_size, summary_source
from .equations import equation_reading, equation_source
from .examples import choose_boxes, drawn_steps
from .groups import group_paths, grow, module_groups, module_names
from .page import page
from .render import choose_renderer, refuse_past_limit, render
from .scene import Boxes, Scene, Stage, after_steps, every_grad
from .style import caption, grad_note, name_of, number
from .svg import name_fonts

_TEXT_FORMATS = (".dot", ".gv")
_PICTURE_FORMATS = (".svg", ".png", ".pdf")
_PAGE_FORMATS = (".html", ".htm")
_KINDS = {
    **dict.fromkeys(_TEXT_FORMATS, "text"),
    **dict.fromkeys(_PICTURE_FORMATS, "picture"),
    **dict.fromkeys(_PAGE_FORMATS, "page"),
}


class Drawing:
    """A drawn graph: `.source` is its DOT text, `.svg()` its picture, `.html()` a page
    to step through backward and click on."""

    def __init__(
        self,
        source: str,
        renderer: str | None = None,
        nodes: int = 0,
        scene: Scene | None = None,
        root: Value | None = None,
    ) -> None:
        self.source = source
        self.renderer = choose_renderer(renderer)
        self.nodes = nodes
        self.scene = scene
        self.root = root
        self._svg: str | None = None
        self._page: str | None = None

    def svg(self) -> str:
        """The picture as SVG text, rendered once and then remembered."""
        if self._svg is None:
            self._svg = name_fonts(render(self.source, "svg", self.renderer).decode("utf-8"))
        return self._svg

    def html(self) -> str:
        """One self-contained HTML page: the picture, a knob for each labelled leaf that
        recomputes every value and gradient at once, Step, Run and Reset to train the
        parameters, Previous and Next to step through backward, and a node's chain rule
        when it is clicked. No network, no server."""
        return page(self._page_svg(), self.scene, self.root, standalone=True)

    def save(self, path: str | Path) -> Path:
        """Write the picture to `path`: .svg, .html (the page), .dot or .gv; .png and .pdf
        need renderer='dot'.

        Nothing is written unless rendering succeeded, and the file is replaced whole
        or not at all. Returns the path written.
        """
        path = Path(path)
        kind, suffix = saved_as(path), path.suffix.lower()
        if kind == "text":
            content = self.source.encode("utf-8")
        elif suffix == ".svg":
            content = self.svg().encode("utf-8")
        elif kind == "page":
            content = self.html().encode("utf-8")
        else:
            content = render(self.source, suffix[1:], self.renderer)
        return write_atomically(path, content)

    def _repr_svg_(self) -> str:  # front ends that show no HTML show the picture
        return self.svg()

    def _repr_html_(self) -> str:  # Jupyter shows the page, knobs and all
        return page(self._page_svg(), self.scene, self.root, standalone=False)

    def _page_svg(self) -> str:
        """The picture of the page: the status line says the step, so the title does not."""
        scene = self.scene
        if scene is None or scene.page_source is None:
            return self.svg()
        if self._page is None:
            rendered = render(scene.page_source, "svg", self.renderer).decode("utf-8")
            self._page = name_fonts(rendered)
        return self._page

    def _stepped(self) -> Scene | None:
        scene = self.scene
        if scene is not None and scene.folding is not None and scene.steps is None:
            scene.steps = drawn_steps(scene.folding, scene.chosen)
        return scene

    def __repr__(self) -> str:
        return f"Drawing({self.nodes} nodes; .svg() renders it, .save('graph.svg') writes it)"


def saved_as(path: str | Path) -> str:
    """What `Drawing.save(path)` writes there, told by the file's suffix: "picture" (SVG,
    PNG, PDF), "page" (HTML) or "text" (DOT); any other suffix is a ValueError."""
    kind = _KINDS.get(Path(path).suffix.lower())
    if kind is None:
        known = ", ".join(_PICTURE_FORMATS + _PAGE_FORMATS + _TEXT_FORMATS)
        raise ValueError(f"cannot save a drawing as {Path(path).name!r}; use one of {known}")
    return kind


def draw(
    root: Value,
    *,
    view: str | None = None,
    step: int | None = None,
    example: int | None = None,
    highlight: Value | Iterable[Value] | None = None,
    show_partials: bool | None = None,
    color_grads: bool = True,
    params: Iterable[Value] | None = None,
    clusters: Mapping[Any, Iterable[Value]] | None = None,
    module: Any = None,
    rankdir: str = "LR",
    max_nodes: int | None = 400,
    title: str | None = None,
    renderer: str | None = None,
) -> Drawing:
    """Draw the graph that computed `root`, with every node's data and grad.

    - `view`: "equations" (one box per labelled node with its equation, edges carrying
      the local partials; unlabelled nodes folded in as `explain` folds them) or "ops"
      (every op drawn as written, `× 2`, `1 −`). By default "equations" when a node
      computed by an op, other than `root`, has a label (a document's network), else "ops".
    - `step`: draw the graph after the first `step` steps of backward (see
      `backward_steps`): the grads filled so far, the current node marked, the rest blank.
    - `example`: in the equation view of a graph whose output is computed from several
      computed nodes (a loss over m examples), draw the part under the `example`-th
      only, the others as boxes without their inputs. A picture of more than 30 boxes
      does this by itself (example 1), and its edges show only the partials' numbers.
      When every example is drawn, each is drawn in a band of its own, in order.
    - `highlight`: a Value (or several); every edge on a path from `root` to it is coloured.
    - `show_partials`: each input edge shows its local derivative, as formula and number
      (on by default in the equation view, off in the op view).
    - `color_grads`: fill red for grad > 0, blue for grad < 0, deeper for larger |grad|.
    - `params`: Values drawn as parameters (thick border), and moved by the page's Step;
      leaves are rounded.
    - `clusters`: {title or (outer, inner): [Values]} drawn as boxes, grown to the
      nodes computed from them; `module`: an nn module whose parameter names give
      the boxes (layer, neuron) and the parameters.
    - `rankdir`: "LR" (left to right) or "TB" (top to bottom).
    - `max_nodes`: above this many Values, draw a summary instead (None: no limit). An
      op view too large for the built-in renderer is refused here, in a RenderError,
      before any DOT text is written (with renderer="dot" it is drawn in full).
    - `renderer`: "wasm" (built in) or "dot" (a system Graphviz); see `render`.

    The grads drawn are ∂root/∂node of one backward, as `explain` gives them; when the
    `.grad` fields hold something else (a leaf's sum over several calls of backward, or
    another node's backward), the title says so.
    """
    _check_arguments(root, rankdir, max_nodes)
    view = check_view(view, root)
    order = topological_order(root)
    backward_done = root.grad != 0.0
    targets = _as_values(highlight, "highlight")
    given = title
    if title is None:
        title = caption(root, backward_done or step is not None, color_grads, targets)
    if max_nodes is not None and len(order) > max_nodes:
        source = summary_source(root, order, max_nodes, title)
        return Drawing(source, renderer, len(order), Scene(source))
    if view == "ops" and choose_renderer(renderer) == "wasm":
        # Refused now rather than after writing DOT text for a million nodes (the
        # equation view folds nodes away, so only its DOT text tells its size).
        refuse_past_limit(*op_view_size(order))
    _check_in_graph(root, order, targets)
    options = _options(order, title, given, view, targets, show_partials, color_grads, rankdir)
    dotted = _parameters_and_groups(options, order, params, clusters, module)
    folding, spelled, chosen = _reading(root, view, example, options)
    steps = drawn_steps(folding, chosen) if step is not None else None
    note = ""
    if steps is not None:
        stage = after_steps(root, steps, step, folding.name_text(root))  # type: ignore[arg-type]
    else:
        stage = every_grad(order) if backward_done else Stage({})
        note = grad_note(root, stage.grads) if backward_done and given is None else ""
        options.notes = (*options.notes, note) if note else options.notes
    scene = _scene(root, folding, spelled, chosen, options, stage)
    if note:
        scene.grad_notes = (note, grad_note(root, stage.grads, moved=True))
    scene.folding, scene.steps, scene.chosen = folding, steps, chosen
    scene.step, scene.params = step, options.params
    scene.param_names = dotted
    scene.heading = None if given is not None else f"{name_of(root)} = "
    scene.colour, scene.rankdir = color_grads, rankdir
    scene.highlight = [v.label.strip() or number(v.data) for v in targets]
    if stage.note and given is None:  # the page says the step in its status line
        quiet = Stage(stage.grads, stage.current)
        scene.page_source = _scene(root, folding, spelled, chosen, options, quiet).source
    return Drawing(scene.source, renderer, len(order), scene, root)


def _check_arguments(root: Value, rankdir: str, max_nodes: int | None) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"draw() takes the Value to draw, got {root!r}")
    if rankdir not in ("LR", "TB", "RL", "BT"):
        raise ValueError(f"rankdir={rankdir!r}: use 'LR' (left to right) or 'TB' (top down)")
    if max_nodes is not None and (not isinstance(max_nodes, int) or max_nodes < 1):
        raise ValueError(f"max_nodes={max_nodes!r}: give a whole number >= 1, or None")


def _check_in_graph(root: Value, order: list[Value], targets: list[Value]) -> None:
    in_graph = set(order)
    for target in targets:
        if target not in in_graph:
            name = target.label or repr(target)
            raise ValueError(f"highlight: {name} is not in the graph of {name_of(root)}")


def _options(
    order: list[Value],
    title: str,
    given: str | None,
    view: str,
    targets: list[Value],
    show_partials: bool | None,
    color_grads: bool,
    rankdir: str,
) -> Options:
    return Options(
        title=title,
        show_grads=True,  # before backward() the grad fields are blank, never a false 0
        highlight=set(targets),
        show_partials=(view == "equations") if show_partials is None else show_partials,
        color_grads=color_grads,
        rankdir=rankdir,
        title_given=given is not None,
        partials_given=bool(show_partials),
    )


def _parameters_and_groups(
    options: Options,
    order: list[Value],
    params: Iterable[Value] | None,
    clusters: Mapping[Any, Iterable[Value]] | None,
    module: Any,
) -> dict[Value, str]:
    """The parameters (given, or a module's) and the groups they are drawn in; returns the
    module's parameters by their dotted names."""
    listed = group_paths(clusters or {})
    parameters = set(_as_values(params, "params"))
    names = module_names(module) if module is not None else {}
    for path, members in module_groups(names).items():
        listed.update({member: path for member in members})
        parameters.update(members)
    options.params = parameters
    options.groups = grow(order, listed) if listed else {}
    return names


def _reading(
    root: Value, view: str, example: int | None, options: Options
) -> tuple[Folding, dict[str, Expr], Boxes | None]:
    """The graph read for `view`; in the equation view, the boxes it draws, and each
    example's band (unless the person grouped the nodes their own way)."""
    if view != "equations":
        if example is not None:
            raise ValueError("example= chooses what the equation view draws; pass view='equations'")
        return reading(root, "ops"), {}, None
    folding, spelled = equation_reading(root)
    chosen = choose_boxes(folding, example)
    options.notes = (chosen.note,) if chosen.note else ()
    if not options.groups and chosen.bands:
        options.groups = {node: (band,) for node, band in chosen.bands.items()}
        options.bands = True
    return folding, spelled, chosen


def _scene(
    root: Value,
    folding: Folding,
    spelled: dict[str, Expr],
    chosen: Boxes | None,
    options: Options,
    stage: Stage,
) -> Scene:
    if chosen is not None:
        return equation_source(root, folding, spelled, chosen, options, stage)
    return graph_source(root, folding, options, stage)


def _as_values(given: Value | Iterable[Value] | None, what: str) -> list[Value]:
    if given is None:
        return []
    if isinstance(given, str):
        raise TypeError(f"{what}= takes Values, got the string {given!r}: pass the node itself")
    values = [given] if isinstance(given, Value) else list(given)
    for value in values:
        if not isinstance(value, Value):
            raise TypeError(f"{what}= takes Values, got {value!r}")
    return values
