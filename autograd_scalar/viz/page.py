"""The interactive page of a drawing: one self-contained HTML file, no network, no server.

It holds the SVG inline, a style sheet, a script and the numbers the script needs, all
in the file, so it opens from `file://` and in a notebook alike. The picture and a side
panel sit side by side. In it:
- each labelled leaf has a knob (a slider and a number field, named by its label);
  moving one recomputes the whole graph in the browser: every value and grad, the
  numbers on the edges, the colours, the explanation, the status line and the plots;
- Step, Run and Reset train the leaves ticked "train" (the drawing's parameters, by
  default) by gradient descent, as `nn.SGD` does, with a plot of the loss;
- Previous and Next step through backward, and a `role="status"` line says where you are;
- clicking a node shows its chain rule from the output in `#explanation`, as `explain`
  prints it, colours the paths to it, and for a leaf draws the knob's picture: the output
  as a function of that leaf, with the tangent whose slope is the gradient.
The script computes with the op table printed to JavaScript (`tape`) and speaks in the
graph's words (`readings`). Labels are data: they reach the page as JSON read by the
script and are put in as text, so `</script>` or `<b>` in a label shows as exactly that; a
character that the picture shows as U+FFFD (a lone surrogate, a bidirectional control) is
U+FFFD here too.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import Any

from ..core.value import Value
from ..explanation.paths import MAX_NODES
from .examples import hidden_examples, stepped
from .readings import page_readings
from .scene import Scene
from .style import name_of, shown_text
from .svg import inline, mark_nodes
from .tape import knob_names, page_tape

# The script's files, in the order they are put together (each defines what the next use).
SCRIPTS = (
    "numbers.js",
    "tape.js",
    "reading.js",
    "picture.js",
    "plots.js",
    "knobs.js",
    "training.js",
    "page.js",
)
# JSON inside <script>: these could end the element or open a comment; as \u escapes
# they are the same characters to JSON.parse and nothing at all to the HTML parser.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def page(svg: str, scene: Scene | None, root: Value | None, standalone: bool) -> str:
    """The page of a drawing (`standalone`: a whole HTML document; else the part that a
    notebook shows, without element ids, so that two drawings never share one)."""
    data, ops = page_data(scene, root)
    boxes = data.get("boxes", [])
    labels = {box[0]: data["nodes"]["label"][box[1]] for box in boxes}
    knobs = data.get("knobNames", {})
    named = {box[0]: knobs[box[1]] for box in boxes if box[1] in knobs}
    picture = inline(mark_nodes(svg, labels, named))
    title = html.escape(f"backward through {name_of(root)}" if root is not None else "a graph")
    body = _fragment(picture, data, ops, standalone, title)
    if standalone:
        body = (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'</head>\n<body class="ag-body">\n<main>\n{body}\n</main>\n</body>\n</html>\n'
        )
    # Labels reach the page in its title, its attributes and its data; wherever they are,
    # what the picture shows as U+FFFD (a lone surrogate, a bidirectional control) is too.
    return shown_text(body)


def page_data(scene: Scene | None, root: Value | None) -> tuple[dict[str, Any], list[str]]:
    """What the script needs (the tape, the readings' words, the boxes, the edges and
    where the page opens), and the op table's records it uses, printed to JavaScript."""
    if scene is None or root is None or scene.folding is None:
        return {"summary": True}, []
    knobs = knob_names(scene.folding.order, scene.params, scene.param_names, scene.boxes)
    # The page's words name each knob's leaf as its knob does (not as its number, which
    # the knob changes); those of a labelled graph are the picture's own.
    unlabelled = {node: name for node, name in knobs.items() if not node.label}
    folding = scene.folding.naming(unlabelled) if unlabelled else scene.folding
    place = folding.place
    tape = page_tape(folding.order, scene.params, knobs)
    data = tape.data
    data.update(page_readings(folding, scene.boxes))
    chosen = scene.chosen
    hidden = hidden_examples(folding, chosen) if chosen is not None and chosen.collapsed else {}
    numbers: dict[str, list[int]] = {
        edge: [place[top], place[end], -1] for edge, (top, end) in scene.edge_steps.items()
    }
    numbers.update(
        {edge: [place[node], -1, at] for edge, (node, at) in scene.edge_partials.items()}
    )
    data.update(
        {
            "root": place[root],
            "rootName": name_of(root),
            "titlePrefix": scene.heading,
            "boxes": [[box, place[node]] for node, box in scene.boxes.items()],
            "edges": scene.edges + _hidden_links(scene),
            "edgeNumbers": numbers,
            "drawnSteps": [place[node] for node in stepped(folding, chosen)],
            "hidden": {place[node]: name for node, name in hidden.items()},
            "examples": list(dict.fromkeys(hidden.values())),
            "step": scene.step,
            "backward": root.grad != 0.0,
            "colour": scene.colour,
            "rankdir": scene.rankdir,
            "highlight": scene.highlight,
            "explainLimit": MAX_NODES,
            "gradNotes": [" ".join(line.split()) for line in scene.grad_notes or ()],
        }
    )
    return data, tape.ops


def _hidden_links(scene: Scene) -> list[tuple[str, str, str]]:
    """For a box drawn without its inputs (another example), a link without an edge from
    each drawn box it is computed from: a path from the output through it is a path too."""
    collapsed = scene.chosen.collapsed if scene.chosen is not None else ()
    links = []
    for top in collapsed:
        found, pending = set(), list(top.parents)
        while pending:
            node = pending.pop()
            if node in found:
                continue
            found.add(node)
            if node not in scene.boxes:
                pending.extend(node.parents)
        links += [
            ("", scene.boxes[node], scene.boxes[top]) for node in found if node in scene.boxes
        ]
    return sorted(links)


def _script_json(data: dict[str, Any]) -> str:
    """The data as JSON that is safe inside <script>: the characters that could end the
    element or open a comment are escaped. Characters past ASCII are written as they are,
    so that what the page cannot show as itself is replaced on the whole page at once
    (`style.shown_text`), here as in the picture."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("script", name).read_text(encoding="utf-8")


def _script(ops: list[str]) -> str:
    """The page's script: its files inside one function, called with the ops it computes."""
    files = "\n".join(_asset(name) for name in SCRIPTS)
    records = ",\n".join(ops)
    return f'(function (ops) {{\n"use strict";\n{files}\n}})([\n{records}\n]);'


def _fragment(picture: str, data: dict[str, Any], ops: list[str], ids: bool, heading: str) -> str:
    def id_of(name: str) -> str:
        return f' id="{name}"' if ids else ""

    knobs = "summary" not in data
    return (
        f'<div class="ag-page{"" if ids else " ag-in-notebook"}">\n'
        f"<style>{_asset('page.css')}</style>\n"
        '<div class="ag-bar">'
        + (f'<h1 class="ag-heading">{heading}</h1>' if ids else "")
        + '<div class="ag-stepper" role="group" aria-label="backward, one step at a time">'
        '<button type="button" class="ag-previous">Previous</button> '
        '<button type="button" class="ag-next">Next</button></div>'
        f'<p class="ag-status" role="status" aria-live="polite" tabindex="0"{id_of("status")}></p>'
        "</div>\n"
        '<div class="ag-main">\n'
        f'<div class="ag-picture">{picture}</div>\n'
        + (_panel(id_of, data) if knobs else "")
        + "</div>\n"
        f'<script type="application/json" class="ag-data">{_script_json(data)}</script>\n'
        f"<script>{_script(ops)}</script>\n"
        "</div>"
    )


def _panel(id_of: Any, data: dict[str, Any]) -> str:
    """The side panel: the chosen node, training, every knob, and what the colours say."""
    return (
        '<div class="ag-panel" role="region" aria-label="knobs, training and the chosen node">\n'
        '<p class="ag-alert" role="alert" hidden></p>\n'
        '<section class="ag-chosen-panel" aria-label="the chosen node">'
        '<h2 class="ag-chosen-name">Click a node</h2>'
        '<p class="ag-chosen-numbers">Click a node, or Tab to it and press Enter: its value, '
        "its gradient, its knobs and its chain rule from the output show here.</p>"
        '<div class="ag-chosen-knobs"></div>'
        '<svg class="ag-knob-plot" role="img" aria-label="the knob\'s picture" hidden></svg>'
        f'<div class="ag-explanation"{id_of("explanation")} aria-live="polite" tabindex="0" '
        'role="region" aria-label="the chain rule"></div>'
        "</section>\n"
        '<section class="ag-train" aria-label="training">'
        "<h2>Train</h2>"
        '<div class="ag-train-controls">'
        '<label>learning rate <input type="number" class="ag-rate" value="0.1" step="any" '
        'min="0" aria-label="learning rate"></label> '
        '<label>steps <input type="number" class="ag-count" value="50" min="1" step="1" '
        'aria-label="steps for Run"></label></div>'
        '<div class="ag-train-buttons">'
        '<button type="button" class="ag-step">Step</button> '
        '<button type="button" class="ag-run">Run</button> '
        '<button type="button" class="ag-reset">Reset</button></div>'
        '<p class="ag-train-note">Step moves each leaf ticked \u201ctrain\u201d against its '
        "gradient: p \u2190 p \u2212 lr\u00b7\u2202/\u2202p, as nn.SGD does.</p>"
        '<p class="ag-loss-caption"></p>'
        f'<svg class="ag-loss-plot"{id_of("loss-plot")} role="img" aria-label="the loss" '
        'data-losses="[]"></svg>'
        "</section>\n"
        '<section class="ag-knobs" aria-label="knobs">'
        "<h2>Knobs</h2>"
        '<div class="ag-knob-list"></div>'
        f'<p class="ag-note">{_knobs_note(data)}</p>'
        "</section>\n" + _legend(data) + "</div>\n"
    )


def _knobs_note(data: dict[str, Any]) -> str:
    """What the knobs are named by, and which leaves have none."""
    words = (
        "A knob is named by its leaf\u2019s label, else by its dotted name in the module "
        "drawn, else leaf#k, its place in the graph (as add#9 names an op)."
    )
    left = data["withoutKnob"]
    if left and len(data["knobs"]) >= data["maxKnobs"]:
        words += (
            f" A page has at most {data['maxKnobs']} knobs, parameters first: the other "
            f"{left:,} leaves stay as drawn."
        )
    elif left:
        words += (
            " A leaf without a label, and not a parameter, that the equations write as its "
            "number stays that number: label it to turn it."
        )
    return words


def _legend(data: dict[str, Any]) -> str:
    root = html.escape(data["rootName"])
    items = [
        ("ag-key-positive", f"grad > 0: increasing the node increases {root}"),
        ("ag-key-negative", f"grad < 0: increasing the node decreases {root} (deeper: larger)"),
        ("ag-key-chosen", "green: the paths from the output to the node you chose"),
        ("ag-key-current", "purple: the node backward is at (Previous, Next)"),
    ]
    if data.get("highlight"):
        named = html.escape(", ".join(data["highlight"]))
        items.insert(2, ("ag-key-highlight", f"orange: the paths to {named}, as drawn"))
    rows = "".join(f'<li><span class="ag-key {key}"></span>{words}</li>' for key, words in items)
    return (
        '<section class="ag-legend" aria-label="what the colours say">'
        f"<h2>Colours</h2><p>grad = \u2202{root}/\u2202node, of one backward.</p>"
        f"<ul>{rows}</ul></section>\n"
    )
