"""The record of one document's run: its parameters, the verdict on every claim, and how
to read them; as JSON-ready data for `autograd-scalar example NAME --json`.

Each verdict is `check`'s `Verdict`, with the claim it judges as its `statement` (the
document's words, line, quote and section).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..check.printed import decimals
from ..check.verdict import INCONSISTENT, RIGHT, VERDICTS, WRONG, Verdict, plain
from ..core.value import Value


@dataclass(frozen=True)
class LeftOut:
    """Lines of a document with no claim judged here, and why (`quote`: when a line also
    holds a claim, the words left out)."""

    first: int
    last: int
    why: str
    quote: str = ""


@dataclass
class DocumentResult:
    """One document rebuilt and checked: its parameters, its verdicts, its graph.

    `verdicts` are the document's own claims; `course` are formulas of the course the
    document follows that its text does not contain (checked, and not counted).
    `chosen` holds the values and settings chosen here where the document gives none.
    """

    name: str
    title: str
    source: str
    parameters: dict[str, tuple[float, float]]  # label → (value, ∂root/∂label)
    verdicts: list[Verdict]
    root: Value
    remarks: tuple[str, ...] = ()
    deepest: str = ""  # the parameter farthest from the output: the one to explain
    course: list[Verdict] = field(default_factory=list)
    chosen: dict[str, Any] = field(default_factory=dict)
    chosen_note: str = ""
    left_out: tuple[LeftOut, ...] = ()

    @property
    def wrong(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.verdict == WRONG]

    @property
    def inconsistent(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.verdict == INCONSISTENT]

    @property
    def right(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.verdict == RIGHT]

    def __repr__(self) -> str:
        return f"DocumentResult({self.name}: {self.tally()}; documents.text(result) shows them)"

    def tally(self) -> str:
        """ "N claims: a right, b wrong, c inconsistent"."""
        counts = {word: sum(v.verdict == word for v in self.verdicts) for word in VERDICTS}
        return f"{len(self.verdicts)} claims: " + ", ".join(f"{n} {w}" for w, n in counts.items())

    def as_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready data."""
        return {
            "document": self.name,
            "title": self.title,
            "source": self.source,
            "output": self.root.label,
            "chosen": {"note": self.chosen_note, "values": dict(self.chosen)},
            "conventions": dict(CONVENTIONS),
            "parameters": {k: {"value": v, "grad": g} for k, (v, g) in self.parameters.items()},
            "claims": [claim_record(v) for v in self.verdicts],
            "checked": len(self.verdicts),
            "right": len(self.right),
            "wrong": len(self.wrong),
            "inconsistent": len(self.inconsistent),
            "from_the_course": [claim_record(v) for v in self.course],
            "left_out": [
                {"lines": [o.first, o.last], "why": o.why, "quote": o.quote} for o in self.left_out
            ],
            "remarks": list(self.remarks),
        }


CONVENTIONS = {
    "line": "the line of the document's file where the claim stands, counted from 1",
    "points": "a formula is checked at the document's values and at other points: every "
    "leaf x moved to x·(1 + u) + v, u and v drawn uniformly from [−½, ½] (seeded); "
    "'51 points' is the document's values and 50 others",
    "off by": "claimed − computed, at the document's values",
    "printed numbers": "a printed number is held to the decimals it shows: 0.0850 is "
    "right for any value that rounds to 0.0850; a whole number (0, 1) means exactly that",
    "verdicts": "right; wrong; inconsistent: the document says two things that cannot "
    "both hold and its text cannot tell which is the slip",
}


def as_printed(verdict: Verdict) -> Any:
    """What the document claims, as the report shows it: a printed number as printed
    ("0.0850", its precision kept), else the claim's value, or its words."""
    return verdict.claim if decimals(verdict.claim) is not None else verdict.claimed


def diagnosis_text(verdict: Verdict) -> str:
    """How a wrong formula went wrong, in one line ("" when there is no diagnosis); for a
    claim of many elements, which element it is about."""
    if verdict.diagnosis is None:
        return ""
    said = "; ".join(str(verdict.diagnosis).splitlines())
    many = verdict.statement is not None and len(verdict.statement.elements) > 1
    return f"for {verdict.subject}: {said}" if many else said


def claim_record(verdict: Verdict) -> dict[str, Any]:
    """One claim and its verdict as JSON-ready data, its other readings within."""
    claim, data = verdict.statement, verdict.as_dict()
    return {
        "line": claim.line,
        "section": claim.section,
        "quote": claim.quote,
        "claim": claim.says,
        "kind": claim.kind,
        "reading": verdict.reading,
        "verdict": verdict.verdict,
        "claimed": plain(as_printed(verdict)),
        "claimed_value": verdict.claimed if isinstance(verdict.claimed, float) else None,
        "computed": data["computed"],
        "off_by": data["off_by"],
        "correct": verdict.correct,
        "correct_value": data["correct_value"],
        "detail": verdict.detail,
        "points_checked": verdict.points_checked,
        "conflicts_with_lines": data["conflicts"],
        "other_readings": [claim_record(other) for other in verdict.others],
        "diagnosis": diagnosis_text(verdict) or None,
    }
