"""One question across a class: how many answered it right, wrong, not at all or
unreadably, and what the wrong answers did, most common first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .judge import Graded, Marker, RightAnswer
from .key import Question


@dataclass(frozen=True)
class QuestionSummary:
    """One question across the class: its counts by status, and the diagnoses of its
    wrong answers, most common first (each with how many answers it explains)."""

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

    @classmethod
    def of(cls, question: Question, marked: list[Graded], marker: Marker) -> QuestionSummary:
        """The summary of `marked`, every student's answer to `question`. The right
        formula is made only when some answer is not right."""
        counts = Counter(g.status for g in marked)
        found = Counter(line for g in marked if g.status == "wrong" for line in g.diagnosis)
        common = tuple(sorted(found.items(), key=lambda item: (-item[1], item[0])))
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
            "diagnoses": [{"diagnosis": text, "count": count} for text, count in self.diagnoses],
        }
