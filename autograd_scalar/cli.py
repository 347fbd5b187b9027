"""The `autograd-scalar` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .engine import Value


def _demo(args: argparse.Namespace) -> int:
    # A small neuron, built node by node as a document would write it.
    x1, x2 = Value(2.0, "x1"), Value(0.0, "x2")
    w1, w2 = Value(-3.0, "w1"), Value(1.0, "w2")
    b = Value(6.8813735870195432, "b")
    n = (x1 * w1 + x2 * w2 + b).named("n")
    o = n.tanh().named("o")
    o.backward()
    print(f"o = tanh(x1·w1 + x2·w2 + b) = {o.data:.6f}")
    for v in (x1, x2, w1, w2, b, n):
        print(f"  ∂o/∂{v.label:<2} = {v.grad:+.6f}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograd-scalar", description="See and check backpropagation, node by node."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="build a small graph and print every partial")
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
