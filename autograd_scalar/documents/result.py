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
from .claims import AT_VALUES, MEASURED


@dataclass(frozen=True)
class Citation:
    """How a reader finds a document: its title, what it is, and its author, site and
    date where its text names them; `lines_in` is the file whose lines the claims count."""

    title: str
    what: str
    author: str = ""
    site: str = ""
    date: str = ""
    lines_in: str = ""

    def _rest(self) -> str:
        by = f", by {self.author}" if self.author else ""
        dated = f", dated {self.date}" if self.date else ""
        on = f" on {self.site}" if self.site else ""
        unnamed = [
            word for word, given in (("author", self.author), ("site", self.site)) if not given
        ]
        note = f" (its {' and '.join(unnamed)} not named in the text)" if unnamed else ""
        return f"{by}, {self.what}{dated}{on}{note}"

    def __str__(self) -> str:
        return f"“{self.title}”{self._rest()}"

    def markdown(self) -> str:
        """As the README's table of the documents gives it."""
        return f"*{self.title}*{self._rest()}"

    def as_dict(self) -> dict[str, str]:
        return {
            "title": self.title,
            "what": self.what,
            "author": self.author,
            "site": self.site,
            "date": self.date,
            "lines_in": self.lines_in,
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
    citation: Citation
    parameters: dict[str, tuple[float, float]]  # label → (value, ∂root/∂label)
    verdicts: list[Verdict]
    root: Value
    remarks: tuple[str, ...] = ()
    deepest: str = ""  # the parameter farthest from the output: the one to explain
    course: list[Verdict] = field(default_factory=list)
    chosen: dict[str, Any] = field(default_factory=dict)
    chosen_note: str = ""
    left_out: tuple[LeftOut, ...] = ()
    values_chosen: bool = False  # the network's values are chosen here, not the document's
    runs_chosen: str = ""  # what of the training runs is chosen here, in words

    @property
    def title(self) -> str:
        return self.citation.title

    @property
    def source(self) -> str:
        """The file whose lines the claims count."""
        return self.citation.lines_in

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
        """ "N claims: a right, b wrong, c inconsistent; d of them turn on the reading"."""
        counts = {word: sum(v.verdict == word for v in self.verdicts) for word in VERDICTS}
        said = f"{len(self.verdicts)} claims: " + ", ".join(f"{n} {w}" for w, n in counts.items())
        if self.turn_on_reading:
            said += f"; {len(self.turn_on_reading)} of them turn on the reading"
        return said

    @property
    def turn_on_reading(self) -> list[Verdict]:
        """The claims whose verdict, or a part's, another reading of the words changes."""
        return [v for v in self.verdicts if _turns_on_reading(v)]

    def as_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready data."""
        return {
            "document": self.name,
            "title": self.title,
            "citation": str(self.citation),
            "cited": self.citation.as_dict(),
            "output": self.root.label,
            "chosen": {"note": self.chosen_note, "values": dict(self.chosen)},
            "conventions": dict(CONVENTIONS),
            "parameters": {k: {"value": v, "grad": g} for k, (v, g) in self.parameters.items()},
            "claims": [claim_record(v, self) for v in self.verdicts],
            "checked": len(self.verdicts),
            "right": len(self.right),
            "wrong": len(self.wrong),
            "inconsistent": len(self.inconsistent),
            "turn_on_reading": len(self.turn_on_reading),
            "from_the_course": [claim_record(v, self) for v in self.course],
            "left_out": [
                {"lines": [o.first, o.last], "why": o.why, "quote": o.quote} for o in self.left_out
            ],
            "remarks": list(self.remarks),
        }


CONVENTIONS = {
    "line": "the line of the document where the claim stands, counted from 1 in the file the "
    "citation's lines_in names",
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
    claim of many elements, which element it is about; for a statement of parts, each
    part's."""
    if verdict.parts:
        each = [(i, diagnosis_text(part)) for i, part in enumerate(verdict.parts, 1)]
        return "; ".join(f"part {i}: {text}" for i, text in each if text)
    if verdict.diagnosis is None:
        return ""
    said = "; ".join(str(verdict.diagnosis).splitlines())
    many = verdict.statement is not None and len(verdict.statement.elements) > 1
    return f"for {verdict.subject}: {said}" if many else said


def _turns_on_reading(verdict: Verdict) -> bool:
    return any(other.verdict != verdict.verdict for other in verdict.others) or any(
        _turns_on_reading(part) for part in verdict.parts
    )


def value_note(verdict: Verdict, result: DocumentResult | None) -> str:
    """Where the right value comes from, when it comes from values chosen here: the loss
    after a training run of a length (and rate) chosen here, or the network at chosen
    values ("" when the document gave everything)."""
    claim = verdict.statement
    if result is None or claim is None or verdict.correct_value is None:
        return ""
    loss = result.root.label or "the loss"
    if claim.kind == "rule":
        return f"{loss} after {claim.steps} steps of {claim.step:g}, {result.runs_chosen}"
    if claim.kind == "training":
        return f"{verdict.value_from or 'at the end of the training run'}, {result.runs_chosen}"
    if claim.kind in MEASURED and not verdict.value_from.endswith(AT_VALUES):
        return verdict.value_from  # a count of shapes, a gap over many points, …
    # A number computed at the network's values: say so when they were chosen here.
    where = verdict.value_from.removesuffix(AT_VALUES)
    return f"{where}at the values chosen here" if result.values_chosen else ""


def claim_record(verdict: Verdict, result: DocumentResult | None = None) -> dict[str, Any]:
    """One claim and its verdict as JSON-ready data, its other readings and parts within
    (`result`, the document's run, says where a right value comes from)."""
    claim, data = verdict.statement, verdict.as_dict()
    return {
        "line": claim.line,
        "section": claim.section,
        "quote": claim.quote,
        "claim": claim.says,
        "kind": claim.kinds,
        "reading": verdict.reading,
        "verdict": verdict.verdict,
        "claimed": plain(as_printed(verdict)),
        "claimed_value": verdict.claimed if isinstance(verdict.claimed, float) else None,
        "computed": data["computed"],
        "off_by": data["off_by"],
        "correct": verdict.correct,
        "correct_value": data["correct_value"],
        "correct_value_from": value_note(verdict, result),
        "detail": verdict.detail,
        "points_checked": verdict.points_checked,
        "conflicts_with_lines": data["conflicts"],
        "other_readings": [claim_record(other, result) for other in verdict.others],
        "parts": [claim_record(part, result) for part in verdict.parts],
        "diagnosis": diagnosis_text(verdict) or None,
    }
