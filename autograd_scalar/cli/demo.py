"""`autograd-scalar demo`: all four documents checked, each one drawn as a picture (SVG)
and as a page to step through backward (HTML)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .. import documents
from ..errors import UsageError, shown
from .shared import document_drawing, file_name


def add_to(commands: Any) -> None:
    demo = commands.add_parser("demo", help="check all four documents and draw each")
    demo.add_argument(
        "--out",
        default="out",
        metavar="DIR",
        type=file_name,
        help="where the SVG and HTML files go (default: out)",
    )
    demo.add_argument("--json", action="store_true", help="print one JSON object")
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out names a folder to write into; {shown(out)} is a file")
    out.mkdir(parents=True, exist_ok=True)
    done = []
    if not args.json:
        print(
            "Four documents rebuilt and checked; a picture (.svg) and a page (.html) each in "
            f"{shown(out)}/"
        )
    for name in documents.names():
        result = documents.run(name)
        drawing = document_drawing(result)  # drawn once, saved twice
        picture, page = drawing.save(out / f"{name}.svg"), drawing.save(out / f"{name}.html")
        checked, wrong, mixed = len(result.verdicts), len(result.wrong), len(result.inconsistent)
        done.append(
            {
                "document": name,
                "title": result.title,
                "claims": checked,
                "wrong": wrong,
                "inconsistent": mixed,
                "svg": str(picture),
                "html": str(page),
            }
        )
        if not args.json:
            print(
                f"  {name:<13} {checked:>3} claims: {wrong:>2} wrong, {mixed} inconsistent   "
                f"{shown(picture)}  {shown(page)}"
            )
    if args.json:
        print(json.dumps({"folder": str(out), "documents": done}, ensure_ascii=False, indent=2))
    else:
        print(
            "Every claim and its verdict: autograd-scalar example NAME; a page steps through backward"
        )
    return 0
