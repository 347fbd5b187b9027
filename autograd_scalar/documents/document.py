"""A seed document as the package knows it, and the run that checks all of it.

A `Document` holds what one document module writes down: the network it rebuilds and
the values it uses (and which of them were chosen here), the document's claims line by
line, the course's formulas the text does not contain, the document's section headings,
and the lines left out with the reason why. `run` builds the network, checks every
claim (`judging`; the claims that cannot all hold together over the networks the text
allows, by `check.together`) and returns a `DocumentResult`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..check.network import Builder
from ..check.verdict import Verdict
from .claims import Claim, Variant
from .judging import check_claim, judge_on_variants
from .result import Citation, DocumentResult, LeftOut

COURSE = "from the course, not in the document"


@dataclass(frozen=True)
class Section:
    """A heading of the document: its line, its words as there, and the name shown (which
    says more where headings repeat, as "Step 2:" does)."""

    line: int
    heading: str
    name: str = ""

    @property
    def shown(self) -> str:
        return self.name or self.heading


@dataclass(frozen=True)
class Document:
    """One document: its network, claims, sections, and what is left out.

    A claim's section is the last of `sections` at or before its line. `variants` name, for each group of
    claims judged together (`Claim.together`), the networks the text allows, the
    document's own network first. `chosen` lists the values and settings chosen here,
    and `runs_chosen` says which settings of its training runs are. `citation` is how a
    reader finds the document.
    """

    name: str
    citation: Citation
    build: Builder
    values: Mapping[str, float]
    claims: tuple[Claim, ...]
    sections: tuple[Section, ...]
    left_out: tuple[LeftOut, ...]
    deepest: str
    chosen: Mapping[str, Any] = field(default_factory=dict)
    chosen_note: str = ""
    course: tuple[Claim, ...] = ()
    variants: Mapping[str, tuple[Variant, ...]] = field(default_factory=dict)
    remarks: tuple[str, ...] = ()
    runs_chosen: str = ""  # what of the training runs is chosen here, in words

    @property
    def source(self) -> str:
        """The file whose lines the claims count."""
        return self.citation.lines_in

    def section_of(self, line: int) -> str:
        """The heading of the section that holds `line`."""
        found = [section.shown for section in self.sections if section.line <= line]
        return found[-1] if found else ""

    def run(self) -> DocumentResult:
        """Build the network at the document's values, backpropagate, judge every claim."""
        net = self.build(self.values)
        net.root.backward()
        parameters = {p: (net.nodes[p].data, net.nodes[p].grad) for p in net.parameters}
        own = Variant("the document's network", self.build, self.values)
        claims = tuple(_placed(c, self.section_of(c.line)) for c in self.claims)
        course = tuple(_placed(c, COURSE) for c in self.course)
        return DocumentResult(
            self.name,
            self.citation,
            parameters,
            self._judge(own, claims),
            net.root,
            self.remarks,
            self.deepest,
            self._judge(own, course),
            dict(self.chosen),
            self.chosen_note,
            self.left_out,
            values_chosen=all(label in self.chosen for label in self.values),
            runs_chosen=self.runs_chosen,
        )

    def _judge(self, own: Variant, claims: tuple[Claim, ...]) -> list[Verdict]:
        """Each claim on its network; the claims of a group together over its variants."""
        found: dict[int, Verdict] = {}
        groups: dict[str, list[int]] = {}
        for i, claim in enumerate(claims):
            if claim.together:
                groups.setdefault(claim.together, []).append(i)
            else:
                found[i] = check_claim(claim, claim.network or own)
        for name, members in groups.items():
            if name not in self.variants:
                raise ValueError(f"{self.name}: claims judged together as {name!r} need variants")
            together = judge_on_variants([claims[i] for i in members], self.variants[name])
            found.update(zip(members, together, strict=True))
        return [found[i] for i in range(len(claims))]


def _placed(claim: Claim, section: str) -> Claim:
    """The claim, its parts and its other readings, under `section`."""
    return replace(
        claim,
        section=section,
        parts=tuple(_placed(part, section) for part in claim.parts),
        others=tuple(_placed(other, section) for other in claim.others),
    )
