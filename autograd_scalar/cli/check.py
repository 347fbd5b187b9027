"""`autograd-scalar check FILE.toml`: check a derivation written in a file, no Python needed.

The file gives the leaves (`[values]`), the equations that build the network
(`[equations]`, read by the formula parser: never `eval`) and the claims to check
(`[claims]`: a node's value, or a partial written `∂out/∂x`, as a number or a formula):

    output = "ℓ"
    [values]
    X1 = 0.6
    [equations]
    Z1 = "W1·X1 + W2·X2 + b1"
    "σ1" = "sigmoid(Z1)"
    [claims]
    "∂ℓ/∂W5" = "(σ3 − y)·σ1"

Each claim is printed with its verdict, its diagnosis and the right formula; `--json`
prints one object instead. A number is held to the decimals it is written with (as
written in the file: `-0.20` shows two), unless the file's `[grading]` says otherwise.
`--answers SHEET.toml` grades one student's sheet against the file as a key, by the
rules of `grade`: every question of the key is answered right, or it is not. Exit
status: 0 when every claim (every question) is right, 1 when one is not, 2 when a file
cannot be used (one line naming the file, the key and the place in the text).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..check.derivation_file import read_source
from ..check.grading.judge import STATUSES, Graded, Marker, RightAnswer
from ..check.grading.key import Key, key_from_source
from ..check.grading.precision import AS_SHOWN, DEFAULT
from ..check.grading.scores import points
from ..check.grading.sheet import grade_sheet
from ..check.grading.whole_class import check_own_answers
from ..errors import CheckFileError, UsageError, quoted, shown


def add_to(commands: Any) -> None:
    check = commands.add_parser("check", help="check the claims of a derivation written in TOML")
    check.add_argument("file", metavar="FILE.toml", help="the network: values, equations, claims")
    check.add_argument(
        "--answers", metavar="SHEET.toml", help="grade this sheet's [claims] against FILE's"
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        key = key_from_source(
            args.file, read_source(args.file), DEFAULT if args.answers is not None else AS_SHOWN
        )
        marker = Marker.of(key)
        if args.answers is not None:
            check_own_answers(key, marker)
            return _answers(args, key, marker)
    except CheckFileError as error:
        raise UsageError(str(error)) from None
    asked = [q for q in key.questions if q.answer is not None]
    if not asked:
        raise UsageError(f"{shown(args.file)}: no answers in [claims] to check")
    marked = []
    for question in asked:
        graded = marker.mark(question, question.answer)
        if graded.status == "unreadable":  # in the file itself: a file that cannot be used
            why = graded.diagnosis[0].removeprefix("cannot be read: ")
            answer = quoted(graded.answer)
            raise UsageError(
                f"{shown(args.file)}: [claims] {quoted(question.name)} = {answer}: {why}"
            )
        marked.append(graded)
    return _report(args, key, marker, marked)


def _answers(args: argparse.Namespace, key: Key, marker: Marker) -> int:
    student = grade_sheet(args.answers, key, marker)
    if student.unread:
        raise UsageError(f"{shown(args.answers)}: {student.unread}")
    return _report(args, key, marker, list(student.questions), student.extra)


def _report(
    args: argparse.Namespace,
    key: Key,
    marker: Marker,
    marked: list[Graded],
    extra: tuple[str, ...] = (),
) -> int:
    """Prints the marked claims, as one JSON object or line by line; the exit status."""
    right = {
        g.question: marker.right_formula(key.by_name[g.question])
        for g in marked
        if g.status == "wrong"
    }
    not_right = sum(1 for g in marked if g.status != "right")
    if args.json:
        summary = _summary(args, key, marked, right, extra)
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_claims(marker, marked, right)
        _print_total(args, key, marked, not_right, extra)
    return 1 if not_right else 0


def _summary(
    args: argparse.Namespace,
    key: Key,
    marked: list[Graded],
    right: dict[str, RightAnswer | None],
    extra: tuple[str, ...],
) -> dict[str, Any]:
    """What `--json` prints: the file, one record per claim, and the score of a sheet."""
    records = [
        _record(g, key.by_name[g.question].target.wrt is not None, right.get(g.question))
        for g in marked
    ]
    summary: dict[str, Any] = {
        "file": args.file,
        "answers": args.answers,
        "output": key.derivation.output.label,
        "claims": records,
        "checked": len(records),
        "wrong": sum(g.status == "wrong" for g in marked),
    }
    if args.answers is not None:
        summary.update(
            unanswered=sum(g.status == "unanswered" for g in marked),
            unreadable=sum(g.status == "unreadable" for g in marked),
            score=round(sum(g.points for g in marked), 6),
            max_score=key.max_score,
            not_questions=list(extra),
        )
    return summary


def _print_claims(
    marker: Marker, marked: list[Graded], right: dict[str, RightAnswer | None]
) -> None:
    """Each claim's line, and for a wrong one why, the right formula or the key's note."""
    for graded in marked:
        print(graded.line)
        for line in graded.diagnosis if graded.status == "wrong" else ():
            print(f"  why: {line}")
        found = right.get(graded.question)
        if found is not None:
            print(f"  right: {graded.question} = {found.text}")
        elif graded.status == "wrong" and graded.question in marker.notes:
            print(f"  note: {marker.notes[graded.question]}")


def _print_total(
    args: argparse.Namespace,
    key: Key,
    marked: list[Graded],
    not_right: int,
    extra: tuple[str, ...],
) -> None:
    """The sheet's answers that are no question, then the count (and a sheet's score)."""
    for written in extra:
        print(f"? {quoted(written)}: not a question of {shown(args.file)}")
    if args.answers is None:
        print(f"{len(marked)} claim{'s' * (len(marked) != 1)} checked, {not_right} wrong")
    else:
        counts = ", ".join(f"{sum(g.status == s for g in marked)} {s}" for s in STATUSES)
        score = points(sum(g.points for g in marked))
        asked = f"{len(marked)} question{'s' * (len(marked) != 1)}"
        print(f"{asked}: {counts}; score {score}/{points(key.max_score)}")


def _record(graded: Graded, is_partial: bool, right: Any) -> dict[str, Any]:
    return {
        "claim": f"{graded.question} = {graded.answer}"
        if graded.answer is not None
        else graded.question,
        "kind": "partial" if is_partial else "value",
        "verdict": graded.status,
        "claimed": graded.claimed,
        "computed": graded.computed,
        "points_checked": graded.points_checked,
        "diagnosis": list(graded.diagnosis),
        "correct_formula": None if right is None else right.text,
        "points": graded.points,
        "max_points": graded.max_points,
    }
