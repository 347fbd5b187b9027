"""`autograd-scalar example NAME`: one seed document rebuilt, every claim judged."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .. import documents
from ..errors import shown
from .shared import document, draw_document, drawn_to, file_name, node


def add_to(commands: Any) -> None:
    example = commands.add_parser("example", help="rebuild one seed document and check its claims")
    example.add_argument("name", nargs="?", metavar="NAME", help="the document: see --list")
    example.add_argument("--list", action="store_true", help="list the documents' names")
    example.add_argument("--json", action="store_true", help="print one JSON object")
    example.add_argument(
        "--svg", metavar="PATH", type=file_name, help="write the document's graph to PATH"
    )
    example.add_argument(
        "--html",
        metavar="FILE",
        type=file_name,
        help="write a page to step through backward to FILE",
    )
    example.add_argument(
        "--explain", metavar="LABEL", help="print the chain rule from the output to LABEL"
    )
    example.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        print("\n".join(documents.names()))
        return 0
    drawn_to("--svg", args.svg, "picture", "text")
    drawn_to("--html", args.html, "page")
    result = document(args.name)
    target = node(result.root, args.explain) if args.explain else None
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(documents.text(result))
    aside = sys.stderr if args.json else sys.stdout  # keep stdout pure JSON with --json
    if target is not None:
        from ..explanation.paths import explain

        print(("\n" if not args.json else "") + str(explain(result.root, target)), file=aside)
    if args.svg:
        print(f"graph written to {shown(draw_document(result, Path(args.svg)))}", file=aside)
    if args.html:
        print(f"page written to {shown(draw_document(result, Path(args.html)))}", file=aside)
    return 0
