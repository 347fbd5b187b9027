"""`autograd-scalar render`: draw a saved model's graph, or a document's."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..core.graph import topological_order
from ..core.value import Value
from ..errors import UsageError, shown
from .shared import document, drawn_to, file_name, finite_number, node, whole_number


def add_to(commands: Any) -> None:
    render = commands.add_parser("render", help="draw a saved model's graph or a document's")
    source = render.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--model", metavar="PATH", type=file_name, help="a model saved with nn.save (JSON)"
    )
    source.add_argument("--document", metavar="NAME", help="a seed document's name")
    render.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        type=file_name,
        help="the picture to write: .svg, .dot or .gv (.png and .pdf need --renderer dot)",
    )
    render.add_argument(
        "--html",
        metavar="FILE",
        type=file_name,
        help="also write a page to step through backward to FILE",
    )
    render.add_argument(
        "--input",
        metavar="X",
        type=finite_number,
        nargs="+",
        help="the model's input (default zeros)",
    )
    render.add_argument("--highlight", metavar="LABEL", help="colour every path to this node")
    render.add_argument(
        "--show-partials",
        action="store_true",
        default=None,  # unset: the picture's own choice (the equation view writes them)
        help="write local derivatives on edges",
    )
    render.add_argument("--rankdir", choices=("LR", "TB"), default="LR")
    render.add_argument("--max-nodes", type=whole_number, default=400, metavar="N")
    render.add_argument("--renderer", choices=("wasm", "dot"), help="default: built-in wasm")
    render.add_argument("--json", action="store_true", help="print what was written as JSON")
    render.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..nn.saving import load
    from ..viz.drawing import draw

    drawn_to("-o", args.output, "picture", "text")
    drawn_to("--html", args.html, "page")
    options: dict[str, Any] = {}
    if args.document is not None:
        result = document(args.document)
        root, default = result.root, f"{args.document}.svg"
        options["params"] = [n for n in topological_order(root) if n.label in result.parameters]
    else:
        model = load(args.model)
        given = args.input if args.input is not None else [0.0] * model.n_in
        if len(given) != model.n_in:
            raise UsageError(f"--input takes {model.n_in} numbers for this model, got {len(given)}")
        out = model(given)
        root = out if isinstance(out, Value) else sum(out[1:], out[0]).labelled("Σ outputs")
        root.label = root.label or "output"
        root.backward()
        default, options["module"] = Path(args.model).with_suffix(".svg").name, model
    if args.highlight:
        options["highlight"] = node(root, args.highlight)
    drawing = draw(
        root,
        show_partials=args.show_partials,
        rankdir=args.rankdir,
        max_nodes=args.max_nodes,
        renderer=args.renderer,
        **options,
    )
    written = {}
    if args.output or not args.html:
        written["picture"] = str(drawing.save(args.output or default))
    if args.html:
        written["page"] = str(drawing.save(args.html))
    if args.json:
        said = {"output": root.label, "value": root.data, "nodes": drawing.nodes, **written}
        print(json.dumps(said, ensure_ascii=False, indent=2))
    else:
        for kind, path in written.items():
            print(f"{'graph' if kind == 'picture' else 'page'} written to {shown(path)}")
    return 0
