"""What the engine finds about each claim, and the record of one document's run.

A `Verdict` is computed, never typed in: `right`, `wrong`, or `inconsistent` (the
document says two things that cannot both hold, and its text cannot tell which is the
slip). It keeps the claim as printed, the engine's value, and, when the claim is not
right, the right value as a number and the right formula, paths or words. `diagnosis`
is left empty here, for a later account of how a wrong formula went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.value import Value
from .claims import Claim

RIGHT, WRONG, INCONSISTENT = "right", "wrong", "inconsistent"
VERDICTS = (RIGHT, WRONG, INCONSISTENT)


@dataclass(frozen=True)
class Verdict:
    """The computed judgement of one claim.

    `claimed` is the claim as printed ("0.0850"), a formula's value at the document's
    values, or the claim's phrase; `claimed_value` is its number when it has one.
    `off_by` is claimed − computed, at the document's values.
    """

    claim: Claim
    verdict: str
    claimed: Any
    claimed_value: float | None
    computed: Any
    correct: str = ""  # "" when right; else the right value, formula, paths or words
    correct_value: float | tuple[float, ...] | None = None
    detail: str = ""  # how it was checked, and where it fails
    points_checked: int = 1
    section: str = ""
    others: tuple[Verdict, ...] = ()  # the other readings of the same words
    conflicts: tuple[int, ...] = ()  # lines of the claims this one cannot hold with
    diagnosis: str = ""  # how a wrong formula went wrong, when that is known

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"a verdict is one of {', '.join(VERDICTS)}, got {self.verdict!r}")

    @property
    def ok(self) -> bool:
        return self.verdict == RIGHT

    def __repr__(self) -> str:
        says = self.claim.says if len(self.claim.says) <= 60 else self.claim.says[:59] + "…"
        return f"Verdict({self.verdict}, line {self.claim.line}: {says})"

    @property
    def off_by(self) -> float | None:
        """claimed − computed, when both are numbers."""
        if isinstance(self.claimed_value, float) and isinstance(self.computed, float):
            return self.claimed_value - self.computed
        return None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields."""
        claim = self.claim
        return {
            "line": claim.line,
            "section": self.section,
            "quote": claim.quote,
            "claim": claim.says,
            "kind": claim.kind,
            "reading": claim.reading,
            "verdict": self.verdict,
            "claimed": _plain(self.claimed),
            "claimed_value": self.claimed_value,
            "computed": _plain(self.computed),
            "off_by": self.off_by,
            "correct": self.correct,
            "correct_value": _plain(self.correct_value),
            "detail": self.detail,
            "points_checked": self.points_checked,
            "conflicts_with_lines": list(self.conflicts),
            "other_readings": [other.as_dict() for other in self.others],
            "diagnosis": self.diagnosis or None,
        }


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
            "claims": [v.as_dict() for v in self.verdicts],
            "checked": len(self.verdicts),
            "right": len(self.right),
            "wrong": len(self.wrong),
            "inconsistent": len(self.inconsistent),
            "from_the_course": [v.as_dict() for v in self.course],
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


def _plain(x: Any) -> Any:
    if isinstance(x, (int, float, str)) or x is None:
        return x
    if isinstance(x, tuple):
        return [_plain(item) for item in x]
    return str(x)
