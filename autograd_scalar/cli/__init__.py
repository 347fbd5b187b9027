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
1, and so does output that cannot be written (a full disk). A reader that stops early
(`| head`) ends it quietly, with the status of what the command found (see `output`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from ..errors import AutogradError, UsageError
from . import check, demo, example, grade, render
from .output import Output

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
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show program's version number and exit",
        )

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
    output = Output(sys.stdout)
    sys.stdout = output  # type: ignore[assignment]
    try:
        status = _run(argv)
        output.flush()
    finally:
        sys.stdout = output.stream
    if output.failure is not None:  # a full disk: what was printed is not all there
        reason = output.failure.strerror or output.failure
        _say(f"autograd-scalar: cannot write the output: {reason}")
        return max(status, 1)
    return status


def _run(argv: Sequence[str] | None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:  # a bare `autograd-scalar`: show what it can do
            parser.print_help()
            return 0
        return int(args.run(args))
    except SystemExit as done:  # --help and --version end here, their text printed
        return done.code if isinstance(done.code, int) else int(done.code is not None)
    except UsageError as error:
        _say(f"autograd-scalar: error: {one_line(error)}")
        return 2
    except ModuleNotFoundError as error:  # the package's dependencies are not installed
        _say(
            f"autograd-scalar: the Python package {error.name!r} is missing; it is a dependency "
            "of autograd-scalar, not a system program. Install the project into this Python "
            "with `python -m pip install .` (or run `make demo`, then `.venv/bin/autograd-scalar`)"
        )
        return 1
    except (OSError, ValueError, AutogradError) as error:  # a file or a picture that failed
        _say(f"autograd-scalar: {one_line(error)}")
        return 1


def one_line(error: BaseException) -> str:
    """The error's message on one line: a message of several lines (a formula with a caret
    under the culprit) is joined, never cut to its first line."""
    return " ".join(line.strip() for line in str(error).splitlines() if line.strip())


def _say(message: str) -> None:
    """One line on stderr, if stderr is still there to write to."""
    try:
        print(message, file=sys.stderr)
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
