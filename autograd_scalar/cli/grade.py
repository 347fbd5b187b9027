"""`autograd-scalar grade KEY.toml SHEETS…`: grade a class's sheets against a key.

    autograd-scalar grade key.toml sheets/                 # a line per student, then the class
    autograd-scalar grade key.toml sheets/ --json          # one JSON object, for scripts
    autograd-scalar grade key.toml sheets/ --csv grades.csv --html report.html --feedback out/
    autograd-scalar grade key.toml answers.toml --gradescope results.json

The key is a derivation file whose claims are the questions (`check.grading.key`); a
sheet holds one student's `[claims]`. Exit status: 0 when every sheet was graded,
whatever the scores (a sheet that cannot be read is graded as unreadable and listed);
2 when the key cannot be used, or the command line is wrong. A progress bar is shown
on a terminal only: never with `--json`, nor when the output goes to a pipe or a file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..check.grading import ClassResult
from ..check.grading.sheet import shown_path, unread_sheet
from ..check.grading.whole_class import grade, sheet_files, usable_key
from ..errors import CheckFileError, UsageError, shown
from ..files import write_atomically


def add_to(commands: Any) -> None:
    parser = commands.add_parser("grade", help="grade students' sheets against a key")
    parser.add_argument("key", metavar="KEY.toml", help="the network and its questions")
    parser.add_argument(
        "sheets", metavar="SHEET", nargs="+", help="a student's sheet (.toml), or a folder of them"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--csv", metavar="FILE", help="write a row per student to FILE")
    parser.add_argument("--html", metavar="FILE", help="write the teacher's page to FILE")
    parser.add_argument("--feedback", metavar="DIR", help="write each student's feedback in DIR")
    parser.add_argument(
        "--gradescope",
        metavar="FILE",
        help="write Gradescope's results.json for the one sheet given",
    )
    parser.add_argument(
        "-j",
        "--processes",
        type=int,
        metavar="N",
        help="grade in N processes (default: the machine's cores)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.processes is not None and args.processes < 1:
        raise UsageError(f"--processes takes a whole number >= 1, got {args.processes}")
    for option in ("csv", "html", "gradescope"):
        _check_target(option, getattr(args, option))
    if (
        args.feedback is not None
        and os.path.exists(args.feedback)
        and not os.path.isdir(args.feedback)
    ):
        raise UsageError(f"--feedback {shown(args.feedback)}: not a folder")
    progress = not args.json and sys.stderr.isatty() and sys.stdout.isatty()
    written = []
    try:
        outputs = [o for o in ("csv", "html", "gradescope") if getattr(args, o) is not None]
        found, missing = _handed_in(args.sheets, args.key, args.gradescope is not None)
        for option in outputs:  # no output is written over the key or a sheet
            _not_an_input(option, getattr(args, option), args.key, found)
        if missing:  # Gradescope still gets its results.json: 0, and what is missing
            result = _nothing_to_grade(args.key, args.sheets[0], missing)
            written.append(f"{missing}; graded 0")
        else:  # no sheet found is said by grade, naming what was given
            sheets = found or args.sheets
            result = grade(args.key, sheets, processes=args.processes, progress=progress)
    except CheckFileError as error:
        raise UsageError(str(error)) from None
    if args.csv is not None:
        written.append(f"grades written to {shown(result.save_csv(args.csv))}")
    if args.html is not None:
        written.append(f"the class's page written to {shown(result.save_html(args.html))}")
    if args.feedback is not None:
        files = result.save_feedback(args.feedback)
        count = len(result.students)
        written.append(
            f"feedback for {count} student{'s' * (count != 1)} written to {shown(args.feedback)} "
            f"({len(files)} files, HTML and Markdown)"
        )
    if args.gradescope is not None:
        text = json.dumps(result.gradescope(), ensure_ascii=False, indent=2) + "\n"
        done = write_atomically(args.gradescope, text)
        written.append(f"Gradescope results written to {shown(done)}")
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(result)
    for line in written:
        print(line, file=sys.stderr)
    return 0


def _handed_in(given: list[str], key: str, one_sheet: bool) -> tuple[list[str], str]:
    """The sheets found in what was given (files, folders searched below, the key left
    out), and for --gradescope (`one_sheet`) what is missing when no sheet was handed in:
    no file where one is named, or a folder with none ("" when there is one sheet); more
    than one is a mistake of the command line."""
    if one_sheet:
        for path in given:
            if not os.path.exists(path):
                return [], f"no answers file: {shown_path(path)} does not exist"
    try:
        found = sheet_files(given, key)
    except CheckFileError:
        if one_sheet:
            raise
        return [], ""  # grade says what cannot be read, the key first
    if one_sheet and not found:
        return [], f"no answers file: {', '.join(map(shown_path, given))} holds no .toml file"
    if one_sheet and len(found) > 1:
        raise UsageError(f"--gradescope grades one sheet; {len(found)} were given")
    return found, ""


def _nothing_to_grade(key_path: str, sheet: str, why: str) -> ClassResult:
    """The class of one sheet that was not handed in: every question unreadable, with why."""
    key, marker = usable_key(key_path)
    file = shown_path(sheet)
    name = Path(file).name.removesuffix(".toml") or "answers"
    return ClassResult.of(key, marker, [unread_sheet(key, marker, name, file, why)])


def _check_target(option: str, given: str | None) -> None:
    """A file to write must go into a folder that exists, and not be a folder itself."""
    if given is None:
        return
    target = Path(given)
    if target.is_dir():
        raise UsageError(f"--{option} {shown(given)}: a folder; give a file name")
    if not target.parent.is_dir():
        raise UsageError(
            f"--{option} {shown(given)}: the folder {shown(target.parent)} does not exist"
        )


def _not_an_input(option: str, given: str | None, key: str, sheets: list[str]) -> None:
    """A file to write must not be the key or a sheet (under any name, or a link to it):
    writing it would overwrite what is read. Refused before anything is graded."""
    if given is None or not os.path.exists(given):
        return
    for path in (key, *sheets):
        try:
            same = os.path.samefile(given, path)
        except OSError:  # an input that is not there is said when it is read
            continue
        if same:
            what = "the key" if path == key else "a sheet"
            raise UsageError(
                f"--{option} {shown(given)} is {what} ({shown(path)}): writing it would "
                "overwrite it; give another file name"
            )
