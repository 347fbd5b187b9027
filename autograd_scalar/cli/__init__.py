"""The `autograd-scalar` command: check the seed documents, draw graphs.

    autograd-scalar example NAME [--json] [--svg PATH] [--explain LABEL]
    autograd-scalar example --list
    autograd-scalar demo [--out DIR]
    autograd-scalar render (--model PATH.json | --document NAME) [-o PATH] [options]
    autograd-scalar check FILE.toml [--answers SHEET.toml] [--json]
    autograd-scalar grade KEY.toml SHEET... [--json] [--csv F] [--html F] [--feedback DIR]
    autograd-scalar --version

One module per command (`example`, `demo`, `render`, `check`, `grade`), each adding its
own parser.
With no command it prints the help. Mistakes on the command line get one line on
stderr and exit status 2; a file or a picture that fails gets one line and exit status
1; a reader that stops early (`| head`) ends it quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from ..errors import AutogradError, UsageError
from . import check, demo, example, grade, render

COMMANDS = (example, demo, render, check, grade)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per job."""
    parser = _Parser(
        prog="autograd-scalar", description="See and check backpropagation, node by node."
    )
    parser.add_argument("--version", action=_Version)
    names = ",".join(command.__name__.rsplit(".", 1)[-1] for command in COMMANDS)
    commands = parser.add_subparsers(dest="command", metavar=f"{{{names}}}")
    for command in COMMANDS:
        command.add_to(commands)
    return parser


class _Version(argparse.Action):
    """--version, looked up only when asked for: reading the installed package's
    metadata costs every other command its import time."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")  # fmt: skip

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("autograd-scalar")
    except PackageNotFoundError:  # run from a source folder that was never installed
        from .. import __version__

        return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:  # a bare `autograd-scalar`: show what it can do
            parser.print_help()
            return 0
        status = int(args.run(args))
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return status
    except UsageError as error:
        print(f"autograd-scalar: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (`| head -1`): that is not an error. Point stdout at
        # nothing so that Python's own flush at exit does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ModuleNotFoundError as error:  # the package's dependencies are not installed
        print(
            f"autograd-scalar: the Python package {error.name!r} is missing; it is a dependency "
            "of autograd-scalar, not a system program. Install the project into this Python "
            "with `python -m pip install .` (or run `make demo`, then `.venv/bin/autograd-scalar`)",
            file=sys.stderr,
        )
        return 1
    except (OSError, ValueError, AutogradError) as error:  # a file or a picture that failed
        print(f"autograd-scalar: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
