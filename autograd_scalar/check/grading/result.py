"""A graded class: every student's sheet, and per question what the class got wrong.

`ClassResult` holds the students (sorted by name, then file, so the same key and sheets
give the same result whatever order they came in) and one `QuestionSummary` per
question. It is written as text (`str`), as the JSON of `grade --json` (`as_dict`), as
CSV (`csv_text`), as the teacher's page (`html`, `report_page`), as one feedback page and
Markdown file per student (`feedback`) and as Gradescope's `results.json`
(`gradescope`); a notebook shows its summary as HTML.
"""

from __future__ import annotations

import csv
import io
import math
import os
import statistics
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...files import write_atomically
from .feedback import feedback_pages
from .gradescope import gradescope_results
from .judge import STATUSES, Marker
from .key import Key
from .report_page import report_html, summary_html
from .scores import distribution, points
from .sheet import StudentResult
from .summary import QuestionSummary

MOST_COMMON = 5  # diagnoses listed per question in the text report


@dataclass(frozen=True)
class ClassResult:
    """A class graded against one key: `students`, `questions` (summaries), `max_score`."""

    key: str
    max_score: float
    students: tuple[StudentResult, ...]
    questions: tuple[QuestionSummary, ...]

    @classmethod
    def of(cls, key: Key, marker: Marker, students: list[StudentResult]) -> ClassResult:
        """The result of `students` (in any order) graded against `key`."""
        ordered = tuple(sorted(students, key=lambda s: (s.name.casefold(), s.name, s.file)))
        summaries = tuple(
            QuestionSummary.of(question, [s.questions[i] for s in ordered], marker)
            for i, question in enumerate(key.questions)
        )
        rights = [None if q.correct_formula is None else q.correct_formula.text for q in summaries]
        ordered = tuple(
            replace(
                s,
                questions=tuple(
                    replace(g, correct_formula=right) if g.status != "right" else g
                    for g, right in zip(s.questions, rights)
                ),
            )
            for s in ordered
        )
        return cls(key.path, key.max_score, ordered, summaries)

    @property
    def scores(self) -> list[float]:
        return [s.score for s in self.students]

    def distribution(self) -> list[tuple[str, int]]:
        """The scores in bins (label, how many): one per whole point up to 20, else ten."""
        return distribution(self.scores, self.max_score)

    def as_dict(self) -> dict[str, Any]:
        """The class as `grade --json` writes it (these names are kept for scripts)."""
        return {
            "key": self.key,
            "max_score": self.max_score,
            "students": [s.as_dict() for s in self.students],
            "questions": [q.as_dict() for q in self.questions],
        }

    def csv_text(self) -> str:
        """One row per student: name, file, the points of each question, score, max_score."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["name", "file", *(q.question for q in self.questions), "score", "max_score"]
        )
        for s in self.students:
            writer.writerow(
                [
                    _cell(s.name),
                    _cell(s.file),
                    *(points(g.points) for g in s.questions),
                    points(s.score),
                    points(s.max_score),
                ]
            )
        return out.getvalue()

    def lines(self) -> list[str]:
        """The report as text: one line per student, then the class and each question."""
        width = min(30, max((len(printable(s.name)) for s in self.students), default=4))
        lines = []
        for s in self.students:
            name = printable(s.name)[:30].ljust(width)
            line = f"{name}  {points(s.score):>5}/{points(s.max_score)}"
            if s.unread:
                line += f"  not read: {printable(s.unread)}"
            elif s.extra:
                shown = ", ".join(repr(printable(k))[:40] for k in s.extra[:3])
                line += f"  (not questions of the key: {shown}{', …' if len(s.extra) > 3 else ''})"
            lines.append(line)
        read = sum(1 for s in self.students if not s.unread)
        count = len(self.students)
        lines += [
            "",
            f"{count} sheet{_s(count)}, {read} read; scores out of {points(self.max_score)}: "
            + _summary(self.scores),
        ]
        bins = self.distribution()
        most = max((n for _, n in bins), default=0)
        label_width = max((len(label) for label, _ in bins), default=0)
        for label, n in bins:
            bar = "█" * math.ceil(30 * n / most) if n else ""
            lines.append(f"  {label:>{label_width}}  {bar} {n}".rstrip())
        for q in self.questions:
            lines.append("")
            counts = ", ".join(f"{q.count(status)} {status}" for status in STATUSES)
            lines.append(f"{q.question} ({points(q.max_points)} point{_s(q.max_points)}): {counts}")
            lines += [f"    {printable(line)}" for line in q.common_lines(MOST_COMMON)]
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __repr__(self) -> str:
        read = sum(1 for s in self.students if not s.unread)
        return (
            f"ClassResult({self.key!r}: {len(self.students)} sheets, {read} read, "
            f"{len(self.questions)} questions)"
        )

    def _repr_html_(self) -> str:
        return summary_html(self.key, self.max_score, self.students, self.questions)

    def html(self) -> str:
        """The teacher's page (`report_page`): one self-contained HTML file."""
        return report_html(self.key, self.max_score, self.students, self.questions)

    def feedback(self) -> dict[str, str]:
        """{file name: text}: each student's page (`NAME.html`) and Markdown (`NAME.md`)."""
        return feedback_pages(self.students, self.questions)

    def gradescope(self) -> dict[str, Any]:
        """Gradescope's `results.json` for the one sheet graded (a ValueError for more)."""
        if len(self.students) != 1:
            raise ValueError(f"results.json is for one sheet; this class has {len(self.students)}")
        return gradescope_results(self.students[0], self.questions)

    def save_html(self, path: str | os.PathLike[str]) -> Path:
        """Write the teacher's page to `path` (whole, or not at all)."""
        return write_atomically(path, self.html())

    def save_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write the CSV (one row per student) to `path`."""
        return write_atomically(path, self.csv_text())

    def save_feedback(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write each student's page and Markdown file into `folder` (made if missing);
        returns the files written."""
        os.makedirs(folder, exist_ok=True)
        return [
            write_atomically(Path(folder) / name, text) for name, text in self.feedback().items()
        ]


def printable(text: str) -> str:
    """Text a student wrote, safe for a terminal: control characters (escape sequences,
    bidirectional overrides) are shown as escapes, never sent."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ would make it a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _summary(scores: list[float]) -> str:
    if not scores:
        return "no scores"
    return (
        f"mean {points(round(statistics.fmean(scores), 2))}, median "
        f"{points(statistics.median(scores))}, lowest {points(min(scores))}, highest "
        f"{points(max(scores))}"
    )


def _s(count: float) -> str:
    return "" if count == 1 else "s"
