"""The answers of `check_partial`: one verdict per claim, and a table of them.

A verdict prints as one line for the terminal (`str`); its `report()` adds the diagnosis
and the right formula; `latex()` and Markdown (with math) show it typeset in a notebook,
and a table of verdicts shows as an HTML table.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..explanation.explain import partial_latex
from ..formula.expr import Expr
from ..formula.printing import latex, latex_words, text
from .diagnose import markdown_words
from .table import text_table

if TYPE_CHECKING:
    from .diagnose import Diagnosis


def _number(x: float) -> str:
    return f"{x:.6g}"


def _latex_number(x: float) -> str:
    mantissa, _, exponent = f"{x:.6g}".partition("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}" if exponent else mantissa


@dataclass(frozen=True)
class RightFormula:
    """A right formula for a partial derivative, checked at `points_checked` points."""

    expr: Expr
    points_checked: int

    def __str__(self) -> str:  # every digit: the text is what was checked
        return text(self.expr, exact=True)

    def __repr__(self) -> str:
        return f"RightFormula({str(self)!r})"

    def latex(self) -> str:
        return latex(self.expr, exact=True)

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


@dataclass(frozen=True)
class PartialVerdict:
    """Whether a claimed ∂output/∂wrt is right, with the numbers that show it.

    `claimed` is the claim's value at the recorded point; `computed` (also `correct`) is
    the engine's; `error` is the worst |claimed − computed| over the points checked,
    divided by |computed| when that is above 1; `worst_point` gives the labelled leaves
    where the claim is furthest off (None when it agrees everywhere). A wrong claim has
    a `diagnosis` (what it did, tested at every point checked) and a `correct_formula`
    (None when it could not be written or SymPy is missing: the diagnosis says which).
    """

    ok: bool
    claim: Any
    wrt_label: str
    claimed: float
    computed: float
    error: float
    worst_point: dict[str, float] | None
    points_checked: int
    of: str = "output"  # the output's label, for printing
    right_here: bool = True  # whether the claim holds at the recorded point itself
    diagnosis: Diagnosis | None = None
    correct_formula: RightFormula | None = None
    formula: Expr | None = None  # the claim as a formula tree, when it was one

    @property
    def correct(self) -> float:
        """The right value of the partial at the recorded point (the engine's)."""
        return self.computed

    @property
    def partial(self) -> str:
        return f"∂{self.of}/∂{self.wrt_label}"

    def partial_latex(self) -> str:
        return partial_latex(self.of, self.wrt_label)

    @property
    def verdict(self) -> str:
        return "right" if self.ok else "wrong"

    def where_it_fails(self) -> str:
        if self.ok or self.worst_point is None:
            return ""
        off = f"claimed − computed = {_number(self.claimed - self.computed)}"
        if self.points_checked <= 1:
            return off
        if not self.right_here:
            return f"wrong at the recorded point: {off}"
        shown = ", ".join(f"{k}={_number(v)}" for k, v in list(self.worst_point.items())[:8])
        more = ", …" if len(self.worst_point) > 8 else ""
        return f"right here, but wrong at {shown}{more} (error {_number(self.error)})"

    def claim_text(self) -> str:
        return self.claim if isinstance(self.claim, str) else _claim_text(self.claim)

    def __str__(self) -> str:
        mark = "✓" if self.ok else "✗"
        line = f"{mark} {self.partial} = {self.claim_text()}: claimed {_number(self.claimed)}, "
        line += f"computed {_number(self.computed)}"
        if self.points_checked > 1:
            line += f", {self.points_checked} points"
        fails = self.where_it_fails()
        return f"{line}; {fails}" if fails else line

    def report(self) -> str:
        """The verdict's line, then for a wrong claim its diagnosis and the right formula."""
        lines = [str(self)]
        if self.diagnosis is not None:
            found = self.diagnosis.lines()
            lines += [f"  why: {line}" for line in found]
            if self.diagnosis.note:
                lines.append(f"  note: {self.diagnosis.note}")
        if self.correct_formula is not None:
            lines.append(f"  right: {self.partial} = {self.correct_formula}")
        return "\n".join(lines)

    def __repr__(self) -> str:  # the REPL shows the whole report
        return self.report()

    def latex(self) -> str:
        """The claim, the verdict and, when wrong, the right formula, in LaTeX."""
        claim = latex(self.formula) if self.formula is not None else _latex_claim(self.claim)
        mark = "\\checkmark" if self.ok else "\\times"
        said = latex_words(f"claimed {_number(self.claimed)}, computed {_number(self.computed)}")
        rows = [f"{self.partial_latex()} = {claim} \\quad {mark}\\ {said}"]
        if self.correct_formula is not None:
            rows.append(
                f"{latex_words('right: ')} {self.partial_latex()} = {self.correct_formula.latex()}"
            )
        if len(rows) == 1:
            return rows[0]
        return "\\begin{array}{l}\n" + " \\\\\n".join(rows) + "\n\\end{array}"

    def markdown(self) -> str:
        """The report in Markdown, its math between $ signs (typeset in Jupyter)."""
        claim = latex(self.formula) if self.formula is not None else _latex_claim(self.claim)
        head = f"{'✓' if self.ok else '✗'} ${self.partial_latex()} = {claim}$: "
        said = f"claimed {_number(self.claimed)}, computed {_number(self.computed)}"
        if self.points_checked > 1:
            said += f", {self.points_checked} points"
        fails = self.where_it_fails()
        lines = [head + markdown_words(said + (f"; {fails}" if fails else ""))]
        if self.diagnosis is not None:
            lines += ["", self.diagnosis.markdown()]
        if self.correct_formula is not None:
            right = self.correct_formula.latex()
            lines += ["", f"right: ${self.partial_latex()} = {right}$"]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown()


def _claim_text(claim: Any) -> str:
    if callable(claim):
        return getattr(claim, "__name__", "a function")
    return repr(float(claim))


def _latex_claim(claim: Any) -> str:
    if isinstance(claim, str):
        return latex_words(claim)
    if callable(claim):
        return latex_words(_claim_text(claim))
    return _latex_number(float(claim))


class PartialTable:
    """The verdicts of `check_partials`, printable as text and as HTML in a notebook."""

    def __init__(self, verdicts: list[PartialVerdict]) -> None:
        self.verdicts = verdicts

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.verdicts)

    def rows(self) -> list[list[str]]:
        head = ["", "partial", "claim", "claimed", "computed", "where it fails"]
        body = [
            [
                "✓" if v.ok else "✗",
                v.partial,
                v.claim_text(),
                _number(v.claimed),
                _number(v.computed),
                v.where_it_fails(),
            ]
            for v in self.verdicts
        ]
        return [head, *body]

    def __str__(self) -> str:
        return "\n".join(text_table(self.rows()))

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        """An HTML table: the rows above, with each wrong claim's diagnosis and right formula."""
        head, *body = self.rows()
        cells = "".join(f"<th>{html.escape(c)}</th>" for c in [*head, "why", "right formula"])
        lines = [f"<table><thead><tr>{cells}</tr></thead><tbody>"]
        for row, verdict in zip(body, self.verdicts, strict=True):
            colour = "#e6f4ea" if verdict.ok else "#fce8e6"
            why = (
                ""
                if verdict.diagnosis is None
                else "<br>".join(html.escape(line) for line in str(verdict.diagnosis).splitlines())
            )
            right = (
                "" if verdict.correct_formula is None else html.escape(str(verdict.correct_formula))
            )
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in row)
            lines.append(
                f'<tr style="background:{colour}">{cells}<td>{why}</td><td>{right}</td></tr>'
            )
        lines.append("</tbody></table>")
        return "\n".join(lines)
