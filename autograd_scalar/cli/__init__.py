"""The `autograd-scalar` command: check the seed documents, draw graphs.

    autograd-scalar example NAME [--json] [--svg PATH] [--explain LABEL]
    autograd-scalar example --list
    autograd-scalar demo [--out DIR]
    autograd-scalar render (--model PATH.json | --document NAME) [-o PATH] [options]

One module per command (`example`, `demo`, `render`), each adding its own parser.
Mistakes on the command line get one line on stderr and exit status 2; a file or a
picture that fails gets one line and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..errors import AutogradError, UsageError
from . import check, demo, example, render

COMMANDS = (example, demo, render, check)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per job."""
    parser = _Parser(
        prog="autograd-scalar", description="See and check backpropagation, node by node."
    )
    names = ",".join(command.__name__.rsplit(".", 1)[-1] for command in COMMANDS)
    commands = parser.add_subparsers(dest="command", required=True, metavar=f"{{{names}}}")
    for command in COMMANDS:
        command.add_to(commands)
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
