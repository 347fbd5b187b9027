"""The interactive page of a drawing: one self-contained HTML file, no network, no server.

It holds the SVG inline, a style sheet, a script and the numbers the script needs, all
in the file, so it opens from `file://` and in a notebook alike. In it:
- Previous and Next step through backward (`backward_steps`), a `role="status"` line
  says where you are (`step 3 of 7: ∂ℓ/∂Z3 = …`), each box shows its grad as filled so
  far, and the current node is marked;
- clicking a node (each group carries `data-label`) shows its chain rule from the output
  in `#explanation`, as `explain` prints it, and colours the paths from the output to it.
Every number and word on the page is computed here, by the engine; the script only
shows them. Labels are data: they reach the page as JSON read by the script and put in
as text, so `</script>` or `<b>` in a label shows as exactly that; a character that the
picture shows as U+FFFD (a lone surrogate, a bidirectional control) is U+FFFD here too.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import Any

from ..core.chain_rule import adjoints
from ..core.value import Value
from ..explanation.explain import explain_in, number
from ..explanation.folding import Folding
from ..explanation.steps import BackwardStep
from .scene import Scene, after_steps
from .style import grad_fill, grad_text, name_of, shown_text
from .svg import inline, mark_nodes

# JSON inside <script>: these could end the element or open a comment; as \u escapes
# they are the same characters to JSON.parse and nothing at all to the HTML parser.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                "\u2029": "\\u2029"}  # fmt: skip


def page(svg: str, scene: Scene | None, root: Value | None, standalone: bool) -> str:
    """The page of a drawing (`standalone`: a whole HTML document; else the part that a
    notebook shows, without element ids, so that two drawings never share one)."""
    data = page_data(scene, root)
    labels = {box["id"]: box["label"] for box in data["boxes"]}
    picture = inline(mark_nodes(svg, labels))
    title = html.escape(f"backward through {name_of(root)}" if root is not None else "a graph")
    ids = standalone
    body = _fragment(picture, data, ids)
    if standalone:
        body = (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"</head>\n<body>\n{body}\n</body>\n</html>\n"
        )
    # Labels reach the page in its title, its attributes and its data; wherever they are,
    # what the picture shows as U+FFFD (a lone surrogate, a bidirectional control) is too.
    return shown_text(body)


def page_data(scene: Scene | None, root: Value | None) -> dict[str, Any]:
    """What the script needs: the boxes, the edges, and every step's changes."""
    if scene is None or root is None or scene.folding is None:
        return {"boxes": [], "edges": [], "steps": [], "start": "a summary: nothing to step"}
    steps: list[BackwardStep] = scene.steps if scene.steps is not None else []
    boxes = scene.boxes
    root_id = boxes.get(root, "")
    final = after_steps(root, steps, len(steps)).grads

    def change(node: Value, grad: float) -> list[str]:
        fill = "none" if node is root else grad_fill(grad, scene.largest)
        return [boxes[node], grad_text(grad), "none" if fill == "#ffffff" else fill]

    step_data = []
    for k, step in enumerate(steps, 1):
        changes = [change(share.wrt, share.after) for share in step.shares if share.wrt in boxes]
        step_data.append({
            "status": f"step {k} of {len(steps)}: " + "\n".join(step.lines),
            "current": boxes.get(step.node, ""),
            "set": changes,
        })  # fmt: skip
    name = scene.folding.name_text(root)
    explanations = _explanations(scene.folding, list(boxes))
    return {
        "boxes": [
            {
                "id": box_id,
                "label": node.label,
                "final": grad_text(final.get(node)),
                "explanation": explanations[node],
            }
            for node, box_id in boxes.items()
        ],  # fmt: skip
        "edges": scene.edges + _hidden_links(scene),
        "root": root_id,
        "seed": [root_id, grad_text(1.0), "none"],
        "blank": grad_text(None),
        "start": f"step 0 of {len(steps)}: the seed ∂{name}/∂{name} = {number(1.0)}; "
        "Next takes the first step of backward",
        "steps": step_data,
    }


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


def _explanations(folding: Folding, nodes: list[Value]) -> dict[Value, str]:
    """Each node's chain rule from the output, as `explain` prints it. The graph is read
    and differentiated once for all of them, not once per box."""
    root = folding.root
    others = [node for node in nodes if node is not root]
    grads = adjoints(folding.order, 1.0, check=others)  # ∂root/∂node, as grad() finds it
    said = {
        node: str(explain_in(folding.stopping_at([node]), node, grads[node])) for node in others
    }
    said[root] = f"{name_of(root)} is the output: ∂{name_of(root)}/∂{name_of(root)} = 1"
    return said


def _script_json(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_SAFE.items():
        text = text.replace(raw, escaped)
    return text


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _fragment(picture: str, data: dict[str, Any], ids: bool) -> str:
    def id_of(name: str) -> str:
        return f' id="{name}"' if ids else ""

    return (
        '<div class="ag-page">\n'
        f"<style>{_asset('page.css')}</style>\n"
        '<div class="ag-controls">'
        '<button type="button" class="ag-previous">Previous</button> '
        '<button type="button" class="ag-next">Next</button>'
        f'<p class="ag-status" role="status" aria-live="polite"{id_of("status")}></p>'
        "</div>\n"
        f'<div class="ag-picture">{picture}</div>\n'
        f'<div class="ag-explanation"{id_of("explanation")} aria-live="polite">'
        "Click a node (or Tab to it and press Enter) to see its chain rule from the output."
        "</div>\n"
        f'<script type="application/json" class="ag-data">{_script_json(data)}</script>\n'
        f"<script>{_asset('page.js')}</script>\n"
        "</div>"
    )
