"""One question across a class: how many answered it right, wrong, not at all or
unreadably, and what the wrong answers did, most common first.

The wrong answers are counted by the kind of mistake each made ("off by a constant
factor: 331"), each answer once under each of its kinds, and within a kind by what sets
them apart ("2 ×: 120, 1/2 ×: 80"), so one mistake made in many ways is one line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .judge import Graded, Marker, RightAnswer
from .key import Question


@dataclass(frozen=True)
class QuestionSummary:
    """One question across the class: its counts by status, and the kinds of mistake
    of its wrong answers, most common first, each with how many answers made it
    (`diagnoses`), and for each kind its details with their counts (`examples`)."""

    question: str
    max_points: float
    right: int
    wrong: int
    unanswered: int
    unreadable: int
    diagnoses: tuple[tuple[str, int], ...]
    precision: str
    correct_formula: RightAnswer | None
    show_answers: bool
    note: str = ""  # why there is no right formula, when there is none
    # {kind's sentence: ((detail, how many), …) most common first}; a kind without
    # details ("the sign is flipped") has none
    examples: dict[str, tuple[tuple[str, int], ...]] = field(
        default_factory=dict, compare=False, hash=False
    )

    @classmethod
    def of(cls, question: Question, marked: list[Graded], marker: Marker) -> QuestionSummary:
        """The summary of `marked`, every student's answer to `question`. The right
        formula is made only when some answer is not right."""
        counts = Counter(g.status for g in marked)
        wrong = [g for g in marked if g.status == "wrong"]
        kinds = Counter(kind for g in wrong for kind in dict.fromkeys(k for k, _ in g.counted_as))
        details = Counter(pair for g in wrong for pair in g.counted_as if pair[1])
        common = _most_common(kinds)
        examples = {
            kind: _most_common(Counter({d: n for (k, d), n in details.items() if k == kind}))
            for kind, _ in common
        }
        needed = any(g.status != "right" for g in marked)
        right = marker.right_formula(question) if needed else None
        return cls(
            question.name,
            question.points,
            counts["right"],
            counts["wrong"],
            counts["unanswered"],
            counts["unreadable"],
            common,
            str(question.precision),
            right,
            question.show_answers,
            marker.notes.get(question.name, ""),
            {kind: found for kind, found in examples.items() if found},
        )

    def count(self, status: str) -> int:
        return int(getattr(self, status))

    def as_dict(self) -> dict[str, Any]:
        """The question as `grade --json` writes it."""
        return {
            "question": self.question,
            "max_points": self.max_points,
            "right": self.right,
            "wrong": self.wrong,
            "unanswered": self.unanswered,
            "unreadable": self.unreadable,
            "diagnoses": [
                {
                    "diagnosis": text,
                    "count": count,
                    "examples": [
                        {"example": detail, "count": n} for detail, n in self.examples.get(text, ())
                    ],
                }
                for text, count in self.diagnoses
            ],
        }

    def common_lines(self, most: int, details: int = 3) -> list[str]:
        """The `most` most common kinds of mistake, a line each with its count and its
        `details` most common details (`off by a constant factor: 331 (2 ×: 120, …)`),
        and how many more there are where the list is cut."""
        lines = []
        for text, count in self.diagnoses[:most]:
            shown = self.details(text, details)
            lines.append(f"{text}: {count}" + (f" ({shown})" if shown else ""))
        if len(self.diagnoses) > most:
            more = len(self.diagnoses) - most
            lines.append(f"and {more} more kind{'s' * (more != 1)} of mistake")
        return lines

    def details(self, kind: str, most: int = 3) -> str:
        """The `most` most common details of a kind of mistake, with their counts, and
        how many more there are: `2 ×: 120, 1/2 ×: 80, and 3 more` ("" for none)."""
        found = self.examples.get(kind, ())
        shown = ", ".join(f"{detail}: {n}" for detail, n in found[:most])
        return shown + (f", and {len(found) - most} more" if len(found) > most else "")


def _most_common(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
