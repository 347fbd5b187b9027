"""The `autograd-scalar` command: check the seed documents, draw graphs.

    autograd-scalar example NAME [--json] [--svg PATH] [--explain LABEL]
    autograd-scalar example --list
    autograd-scalar demo [--out DIR]
    autograd-scalar render (--model PATH.json | --document NAME) [-o PATH] [options]

Mistakes on the command line get one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import documents
from .core.graph import node_labelled, topological_order
from .core.value import Value
from .documents.report import claim_lines
from .errors import AutogradError, GraphLookupError, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise UsageError(message)


def _node(root: Value, label: str) -> Value:
    try:
        return node_labelled(root, label)
    except GraphLookupError as error:
        raise UsageError(f"in the graph of {root.label or 'the output'}: {error}") from None


def _example(args: argparse.Namespace) -> int:
    if args.list:
        print("\n".join(documents.names()))
        return 0
    if args.name is None:
        raise UsageError(f"name a document: one of {', '.join(documents.names())}")
    if args.name not in documents.names():
        raise UsageError(
            f"no document named {args.name!r}; choose one of {', '.join(documents.names())}"
        )
    result = documents.run(args.name)
    target = _node(result.root, args.explain) if args.explain else None
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"{result.name}: {result.title}\n")
        print(documents.parameters_table(result) + "\n")
        lines = [f"claims: {len(result.verdicts)} checked, {len(result.wrong)} wrong"]
        for verdict in result.verdicts:
            lines += claim_lines(verdict) + ([f"    {verdict.detail}"] if not verdict.ok else [])
        print("\n".join(lines))
        for remark in result.remarks:
            print(f"note: {remark}")
    if target is not None:
        from .explain.explain import explain

        print(
            ("\n" if not args.json else "") + str(explain(result.root, target)),
            file=sys.stderr if args.json else sys.stdout,
        )
    if args.svg:
        path = _draw(result, Path(args.svg))
        print(f"graph written to {path}", file=sys.stderr if args.json else sys.stdout)
    return 0


def _draw(result: documents.DocumentResult, path: Path, **options: object) -> Path:
    from .viz.drawing import draw

    net_nodes = {n.label: n for n in topological_order(result.root) if n.label}
    params = [net_nodes[p] for p in result.parameters]
    options.setdefault("highlight", net_nodes.get(result.deepest))
    return draw(result.root, params=params, **options).save(path)  # type: ignore[arg-type]


def _demo(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"Four documents rebuilt and checked; one SVG per document in {out}/")
    for name in documents.names():
        result = documents.run(name)
        path = _draw(result, out / f"{name}.svg")
        print(
            f"  {name:<13} {len(result.verdicts):>3} claims checked, {len(result.wrong):>2} wrong   {path}"
        )
    print("Every claim and its verdict: autograd-scalar example NAME")
    return 0


def _render(args: argparse.Namespace) -> int:
    from .nn.saving import load
    from .viz.drawing import draw

    options: dict[str, object] = {}
    if args.document is not None:
        if args.document not in documents.names():
            raise UsageError(
                f"no document named {args.document!r}; choose one of {', '.join(documents.names())}"
            )
        result = documents.run(args.document)
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
        options["highlight"] = _node(root, args.highlight)
    drawing = draw(root, show_partials=args.show_partials, rankdir=args.rankdir,
                   max_nodes=args.max_nodes, renderer=args.renderer, **options)  # type: ignore[arg-type]  # fmt: skip
    print(f"graph written to {drawing.save(args.output or default)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per job."""
    parser = _Parser(
        prog="autograd-scalar", description="See and check backpropagation, node by node."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="{example,demo,render}")
    example = commands.add_parser("example", help="rebuild one seed document and check its claims")
    example.add_argument("name", nargs="?", metavar="NAME", help="the document: see --list")
    example.add_argument("--list", action="store_true", help="list the documents' names")
    example.add_argument("--json", action="store_true", help="print one JSON object")
    example.add_argument("--svg", metavar="PATH", help="write the document's graph to PATH")
    example.add_argument(
        "--explain", metavar="LABEL", help="print the chain rule from the output to LABEL"
    )
    example.set_defaults(run=_example)
    demo = commands.add_parser("demo", help="check all four documents and draw each")
    demo.add_argument(
        "--out", default="out", metavar="DIR", help="where the SVGs go (default: out)"
    )
    demo.set_defaults(run=_demo)
    render = commands.add_parser("render", help="draw a saved model's graph or a document's")
    source = render.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", metavar="PATH", help="a model saved with nn.save (JSON)")
    source.add_argument("--document", metavar="NAME", help="a seed document's name")
    render.add_argument("-o", "--output", metavar="PATH", help="the file to write (.svg or .dot)")
    render.add_argument(
        "--input", metavar="X", type=float, nargs="+", help="the model's input (default zeros)"
    )
    render.add_argument("--highlight", metavar="LABEL", help="colour every path to this node")
    render.add_argument(
        "--show-partials", action="store_true", help="write local derivatives on edges"
    )
    render.add_argument("--rankdir", choices=("LR", "TB"), default="LR")
    render.add_argument("--max-nodes", type=int, default=400, metavar="N")
    render.add_argument("--renderer", choices=("wasm", "dot"), help="default: built-in wasm")
    render.set_defaults(run=_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return int(args.run(args))
    except UsageError as error:
        print(f"autograd-scalar: error: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError, AutogradError) as error:  # a file or a picture that failed
        print(f"autograd-scalar: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
