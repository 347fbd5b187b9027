"""A student's sheet: its name and its answers, each marked against the key's questions.

    name = "Ada Lovelace"      # optional; else the file's name without .toml
    [claims]
    "∂ℓ/∂W5" = "(σ3 − y)·σ1"
    "∂ℓ/∂b3" = -0.569

Every question of the key gets a status: a question the sheet leaves out (or answers
with "") is `unanswered`, never skipped; an answer that cannot be read is `unreadable`,
with why, and the sheet's other answers are still marked. A sheet that cannot be read
at all (too large, not TOML, more entries than the key has questions by far) has every
question `unreadable` with the same why, and the class goes on. Reading is bounded as
every derivation file's is (`derivation_file`): no answer can run code or read a file.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import CheckFileError, quoted
from ..derivation import (
    MAX_READING,
    formula_characters,
    only,
    too_much_to_evaluate,
    written_with_d,
)
from ..derivation_file import read_file
from .judge import Graded, Marker
from .key import Key

SHEET_KEYS = ("name", "claims")
MAX_NAME = 100  # characters of a student's name


@dataclass(frozen=True)
class StudentResult:
    """One student's graded sheet: every question of the key, in the key's order.

    `unread` says why the sheet could not be read at all ("" when it was); `extra` lists
    the sheet's keys that name no question of the key. `file` is the path as any output
    can hold it; `path` as the system gave it, which JSON writes as `check --json` does
    (a byte that is not UTF-8 as `\\udcff`, read back to the same name).
    """

    name: str
    file: str
    questions: tuple[Graded, ...]
    unread: str = ""
    extra: tuple[str, ...] = ()
    path: str = ""

    @property
    def score(self) -> float:
        return round(sum(q.points for q in self.questions), 6)

    @property
    def max_score(self) -> float:
        return round(sum(q.max_points for q in self.questions), 6)

    def as_dict(self) -> dict[str, Any]:
        """The student as `grade --json` writes it."""
        return {
            "name": self.name,
            "file": self.path or self.file,
            "score": self.score,
            "max_score": self.max_score,
            "questions": [_question_dict(q) for q in self.questions],
        }


def _question_dict(graded: Graded) -> dict[str, Any]:
    return {
        "question": graded.question,
        "points": graded.points,
        "max_points": graded.max_points,
        "status": graded.status,
        "answer": graded.answer,
        "computed": graded.computed,
        "diagnosis": list(graded.diagnosis),
        "correct_formula": graded.correct_formula,  # filled in once the class is graded
    }


def entries_allowed(key: Key) -> int:
    """How many `key = value` entries a sheet may hold: its name and twice the questions,
    and a few more; past that it is refused before it is parsed."""
    return 2 * len(key.questions) + 10


def grade_sheet(path: str | os.PathLike[str], key: Key, marker: Marker) -> StudentResult:
    """The sheet at `path`, read and marked; never raises for what the sheet holds."""
    file, given = shown_path(path), os.fsdecode(path)
    fallback = Path(file).name.removesuffix(".toml")
    try:
        count = len(key.questions)
        what = f"a sheet for {count} question{'s' * (count != 1)}"
        data = read_file(path, entries_allowed(key), what, regular_only=True)
        only(file, data, SHEET_KEYS)
        name = _name(file, data.get("name"), fallback)
    except CheckFileError as error:
        return unread_sheet(key, marker, fallback, file, error.problem, given)
    claims = data.get("claims", {})
    claimed = formula_characters(claims)
    reading = len(key.derivation.nodes) * claimed
    if reading > MAX_READING:
        why = (
            f"holds too many characters of formulas to read over the key's "
            f"{len(key.derivation.nodes):,} labels (labels × characters = {reading:,}; at "
            f"most {MAX_READING:,})"
        )
        return unread_sheet(key, marker, name, file, why, given)
    too_much = too_much_to_evaluate(claimed)
    if too_much:
        return unread_sheet(key, marker, name, file, too_much, given)
    answers: dict[str, Any] = {}
    problems: dict[str, str] = {}
    spelled: dict[str, str] = {}
    # questions written dℓ/dW5, or ∂l/∂W5 (an ASCII look-alike), by the question meant
    with_d: dict[str, str] = {}
    extra: list[str] = []
    for written, answer in claims.items():
        question = key.question(written)
        if question is None:
            meant = _meant(key, written) or _look_alike(key, written)
            if meant is None:
                extra.append(written)
            else:
                with_d.setdefault(meant, written)
            continue
        if question.name in spelled:
            problems[question.name] = (
                f"answered twice, as {quoted(spelled[question.name])} and {quoted(written)}"
            )
        spelled[question.name] = written
        answers[question.name] = answer
    for meant, written in with_d.items():
        if meant in answers:  # answered as written too: the other spelling is extra
            extra.append(written)
        elif _meant(key, written) == meant:
            problems[meant] = f"the question is written {meant}, not {written}"
        else:
            problems[meant] = f"did you mean {meant}? The key has no question {written}"
    graded = tuple(
        marker.unreadable(q, answers.get(q.name), problems[q.name])
        if q.name in problems
        else marker.mark(q, answers.get(q.name))
        for q in key.questions
    )
    return StudentResult(name, file, graded, "", tuple(extra), given)


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file's path as text that any output can hold: bytes that are not UTF-8 (a file
    name from another system) are shown as escapes."""
    name = os.fsdecode(path)
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def unread_sheet(
    key: Key, marker: Marker, name: str, file: str, why: str, path: str = ""
) -> StudentResult:
    """A sheet that could not be read at all: every question unreadable, with why."""
    graded = tuple(marker.unreadable(q, None, f"the whole sheet: {why}") for q in key.questions)
    return StudentResult(name, file, graded, why, (), path)


def _name(file: str, given: Any, fallback: str) -> str:
    if given is None:
        return fallback
    if not isinstance(given, str):
        raise CheckFileError(file, 'name is text in quotes: name = "Ada Lovelace"')
    name = unicodedata.normalize("NFC", " ".join(given.split()))
    return name[:MAX_NAME] or fallback


def _look_alike(key: Key, written: str) -> str | None:
    """The one question `written` spells with ASCII look-alikes (`∂l/∂W5` for `∂ℓ/∂W5`,
    `dl/dw5`, `∂ℓ/∂sigma3`), if exactly one question is spelled so."""
    found = key.spelled_alike(written)
    return found[0] if len(found) == 1 else None


def _meant(key: Key, written: str) -> str | None:
    """The question a key written with d (`dℓ/dW5`) means, if it means one."""
    parts = written_with_d(written)
    question = None if parts is None else key.question(f"∂{parts[0]}/∂{parts[1]}")
    return None if question is None else question.name
