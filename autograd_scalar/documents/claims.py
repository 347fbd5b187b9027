"""What a document claims, what the engine finds, and the record of one document's run.

A `Claim` keeps the document's own words, where they stand, and what must be computed
to judge them. A `Verdict` is that judgement, always computed, never typed in: right or
wrong, the document's number or formula, the engine's value and, when the document is
wrong, the right value or a right formula that was itself checked in the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.value import Value
from .network import Network

KINDS = ("forward", "definition", "partial", "update", "rule", "structure", "training")


@dataclass(frozen=True)
class Element:
    """One partial derivative to check: ∂of/∂wrt against a number, formula or callable."""

    of: str
    wrt: str
    stated: Any
    correct: Any = None


@dataclass(frozen=True)
class Claim:
    """One statement of a document, with what is needed to check it.

    kind: forward (a node's value), definition (a node equals a formula), partial
    (∂of/∂wrt, one or many `elements`), update (a parameter after one step of size
    `step`), rule (an update rule: `stated` is the sign in front of the step), structure
    or training (a fact `measure` computes from the network as a phrase, compared with
    the `stated` phrase).
    Numbers are written as the document prints them ("0.0850"): the printed decimals
    are the precision the claim is held to.
    """

    kind: str
    says: str  # the document's words or formula, in its typography
    where: str  # the section heading, or a quote, that locates it
    stated: Any = None
    of: str = ""
    elements: tuple[Element, ...] = ()
    correct: Any = None  # a right formula, checked the same way, for when the claim is wrong
    correct_text: str = ""  # how to print `correct` when it is a callable
    reading: str = ""  # how an ambiguous statement is read here
    step: float = 0.0
    measure: Callable[[Network], str] | None = None
    points: int = 50

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"claim kind {self.kind!r} is not one of {', '.join(KINDS)}")


def partial(says: str, where: str, of: str, wrt: str, stated: Any, correct: Any = None,
            **more: Any) -> Claim:  # fmt: skip
    """A claim about one partial derivative ∂of/∂wrt."""
    return Claim("partial", says, where, stated, of, (Element(of, wrt, stated, correct),), **more)


@dataclass(frozen=True)
class Verdict:
    """The computed judgement of one claim."""

    claim: Claim
    ok: bool
    claimed: Any  # the document's number or formula (its value where that helps)
    computed: Any  # what the engine computes
    correct: str  # "" when right; otherwise the right value or formula
    detail: str  # how it was checked, and where it fails
    points_checked: int = 1

    @property
    def verdict(self) -> str:
        return "right" if self.ok else "wrong"

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields."""
        claim = self.claim
        return {
            "claim": claim.says,
            "kind": claim.kind,
            "where": claim.where,
            "claimed": _plain(self.claimed),
            "computed": _plain(self.computed),
            "verdict": self.verdict,
            "correct": self.correct,
            "detail": self.detail,
            "reading": claim.reading,
            "points_checked": self.points_checked,
        }


@dataclass
class DocumentResult:
    """One document rebuilt and checked: its parameters, its verdicts, its graph."""

    name: str
    title: str
    source: str
    parameters: dict[str, tuple[float, float]]  # label → (value, ∂root/∂label)
    verdicts: list[Verdict]
    root: Value
    remarks: tuple[str, ...] = ()
    deepest: str = ""  # the parameter farthest from the output: the one to explain

    @property
    def wrong(self) -> list[Verdict]:
        return [v for v in self.verdicts if not v.ok]

    def as_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready data."""
        return {
            "document": self.name,
            "title": self.title,
            "source": self.source,
            "output": self.root.label,
            "parameters": {k: {"value": v, "grad": g} for k, (v, g) in self.parameters.items()},
            "claims": [v.as_dict() for v in self.verdicts],
            "checked": len(self.verdicts),
            "wrong": len(self.wrong),
            "remarks": list(self.remarks),
        }


def _plain(x: Any) -> Any:
    if isinstance(x, (int, float, str)) or x is None:
        return x
    return str(x)
