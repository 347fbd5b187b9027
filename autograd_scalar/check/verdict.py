"""The verdict: what the engine finds about one claim, whoever asked.

`check_partial`, `check_value`, the documents and the `check` command all answer with a
`Verdict`: `right`, `wrong`, or `inconsistent` (two claims that cannot both hold, and
nothing to tell which is the slip). It keeps the claim as written and its value, what
was computed, how the claim was held and where it fails, the points checked, and for a
wrong claim its diagnosis and the right formula; other readings of the same words are
verdicts of their own. `str` is the whole report, `line()` its first line; `latex()`
and Markdown show it typeset in a notebook; `as_dict()` gives it as JSON-ready data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..explanation.paths import name_latex, partial_latex
from ..formula.expr import Expr
from ..formula.printing import latex, latex_words, text
from .findings import markdown_words

if TYPE_CHECKING:
    from .diagnose import Diagnosis

RIGHT, WRONG, INCONSISTENT = "right", "wrong", "inconsistent"
VERDICTS = (RIGHT, WRONG, INCONSISTENT)
MARKS = {RIGHT: "✓", WRONG: "✗", INCONSISTENT: "≠"}
_LATEX_MARKS = {RIGHT: "\\checkmark", WRONG: "\\times", INCONSISTENT: "\\neq"}


def judged(ok: bool) -> str:
    """The verdict on a claim that holds, or does not."""
    return RIGHT if ok else WRONG


def shown(x: Any) -> str:
    """A value as a verdict prints it: a number to 6 significant digits, words as they are."""
    if isinstance(x, float):
        return f"{x:.6g}"
    if isinstance(x, tuple):
        return ", ".join(shown(item) for item in x)
    return str(x)


@dataclass(frozen=True)
class RightFormula:
    """A right formula for a partial derivative, checked at `points_checked` points (0: a
    node's own equation, right by construction)."""

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
class Verdict:
    """The computed judgement of one claim, with the numbers that show it.

    `claim` is the claim as written (a printed number, a formula, a function, or words);
    `claimed` its value where it was first checked (NaN where it is undefined there), or
    its words; `computed` the engine's. The claim is about `of` (a node, or ∂of/∂wrt when
    `wrt_label` is given). `detail` says how the claim was held and where it fails;
    `error` is the worst gap over the `points_checked` points (|claimed − computed|,
    divided by |computed| above 1 for a partial) and `worst_point` the labelled leaves
    where it is (None when the claim agrees everywhere); `right_here` whether it holds
    at the first point. `correct_value` is the right value as a number (or numbers); a
    wrong claim may have a `diagnosis` (what it did, tested at every point checked), a
    `correct_formula`, and `correct`: what is right, in words. `others` are the verdicts
    of other readings of the same words (each named by its `reading`); `parts` the
    verdicts of the parts of one statement that says several things at once (see
    `together.judge_parts`); `conflicts` names the claims this one cannot hold with;
    `statement` is where the claim was made, as its caller keeps it (a document's
    `Claim`: its words, line, quote and section), or None.
    """

    verdict: str
    claim: Any
    claimed: Any
    computed: Any
    of: str = ""
    wrt_label: str = ""
    points_checked: int = 1
    detail: str = ""
    error: float = 0.0
    worst_point: dict[str, float] | None = None
    right_here: bool = True
    diagnosis: Diagnosis | None = None
    correct_formula: RightFormula | None = None
    correct: str = ""
    correct_value: float | tuple[float, ...] | None = None
    value_from: str = ""  # where `correct_value` comes from, when its caller says
    formula: Expr | None = None  # the claim as a formula tree, when it was one
    reading: str = ""
    others: tuple[Verdict, ...] = ()
    parts: tuple[Verdict, ...] = ()
    conflicts: tuple[Any, ...] = ()
    statement: Any = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"a verdict is one of {', '.join(VERDICTS)}, got {self.verdict!r}")

    @property
    def ok(self) -> bool:
        return self.verdict == RIGHT

    @property
    def subject(self) -> str:
        """What the claim is about: `∂ℓ/∂W5`, `σ1` ("" when its words say it all)."""
        return f"∂{self.of}/∂{self.wrt_label}" if self.wrt_label else self.of

    def subject_latex(self) -> str:
        if self.wrt_label:
            return partial_latex(self.of, self.wrt_label)
        return name_latex(self.of) if self.of else ""

    @property
    def off_by(self) -> float | None:
        """claimed − computed, when both are numbers."""
        if isinstance(self.claimed, float) and isinstance(self.computed, float):
            return self.claimed - self.computed
        return None

    def claim_text(self) -> str:
        """The claim as written: its text, a function's name, a number."""
        if isinstance(self.claim, str):
            return self.claim
        if callable(self.claim):
            return getattr(self.claim, "__name__", "a function")
        return str(self.claim)

    def line(self) -> str:
        """The verdict in one line: the claim, both values, the points, where it fails."""
        said = f"{self.subject} = {self.claim_text()}" if self.subject else self.claim_text()
        numbers = self._numbers()
        line = f"{MARKS[self.verdict]} {said}" + (f": {numbers}" if numbers else "")
        return f"{line}; {self.detail}" if self.detail else line

    def _numbers(self) -> str:
        """Both values (for a claim in words, what was found instead), and the points."""
        parts = []
        if _is_number(self.claimed) and _is_number(self.computed):
            parts.append(f"claimed {shown(self.claimed)}, computed {shown(self.computed)}")
        elif self.claimed != self.computed:
            parts.append(f"found {shown(self.computed)}")
        if self.points_checked > 1:
            parts.append(f"{self.points_checked} points")
        return ", ".join(parts)

    def __str__(self) -> str:
        """The whole report: the line, then the diagnosis, the right formula, other readings."""
        return "\n".join(
            [self.line(), *self._parts(), *self._why(), *self._right(), *self._readings()]
        )

    def _parts(self) -> list[str]:
        lines = []
        for i, part in enumerate(self.parts, 1):
            head, *rest = str(part).splitlines()
            lines += [f"  part {i}: {head}", *(f"  {line}" for line in rest)]
        return lines

    def _why(self) -> list[str]:
        if self.diagnosis is None:
            return []
        note = [f"  note: {self.diagnosis.note}"] if self.diagnosis.note else []
        return [f"  why: {line}" for line in self.diagnosis.lines()] + note

    def _right(self) -> list[str]:
        if self.correct_formula is not None:
            said = f"{self.subject} = " if self.subject else ""
            return [f"  right: {said}{self.correct_formula}"]
        return [f"  right: {self.correct}"] if self.correct and not self.ok else []

    def _readings(self) -> list[str]:
        lines = []
        for other in self.others:
            head, *rest = str(other).splitlines()
            named = f" ({other.reading})" if other.reading else ""
            lines += [f"  another reading{named}: {head}", *(f"  {line}" for line in rest)]
        return lines

    def __repr__(self) -> str:  # the REPL shows the whole report
        return str(self)

    def _claim_latex(self) -> str:
        if self.formula is not None:
            return latex(self.formula)
        if isinstance(self.claim, (str, tuple)) or callable(self.claim):
            return latex_words(self.claim_text())
        mantissa, _, exponent = f"{float(self.claim):.6g}".partition("e")
        return f"{mantissa} \\times 10^{{{int(exponent)}}}" if exponent else mantissa

    def _said_latex(self) -> str:
        subject = self.subject_latex()
        return f"{subject} = {self._claim_latex()}" if subject else self._claim_latex()

    def latex(self) -> str:
        """The claim, the verdict and, when wrong, the right formula, in LaTeX."""
        said = latex_words(f"claimed {shown(self.claimed)}, computed {shown(self.computed)}")
        rows = [f"{self._said_latex()} \\quad {_LATEX_MARKS[self.verdict]}\\ {said}"]
        if self.correct_formula is not None:
            subject = f"{self.subject_latex()} = " if self.subject else ""
            rows.append(f"{latex_words('right: ')} {subject}{self.correct_formula.latex()}")
        if len(rows) == 1:
            return rows[0]
        return "\\begin{array}{l}\n" + " \\\\\n".join(rows) + "\n\\end{array}"

    def markdown(self) -> str:
        """The report in Markdown, its math between $ signs (typeset in Jupyter)."""
        head = f"{MARKS[self.verdict]} ${self._said_latex()}$: "
        said = self._numbers() + (f"; {self.detail}" if self.detail else "")
        lines = [head + markdown_words(said)]
        if self.diagnosis is not None:
            lines += ["", self.diagnosis.markdown()]
        if self.correct_formula is not None:
            subject = f"{self.subject_latex()} = " if self.subject else ""
            lines += ["", f"right: ${subject}{self.correct_formula.latex()}$"]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def as_dict(self) -> dict[str, Any]:
        """The verdict as JSON-ready data (a value that is not a number is null)."""
        findings = [] if self.diagnosis is None else [str(f) for f in self.diagnosis.findings]
        return {
            "verdict": self.verdict,
            "subject": self.subject,
            "claim": self.claim_text(),
            "claimed": plain(self.claimed),
            "computed": plain(self.computed),
            "off_by": plain(self.off_by),
            "points_checked": self.points_checked,
            "detail": self.detail,
            "diagnosis": findings,
            "correct_formula": None if self.correct_formula is None else str(self.correct_formula),
            "correct": self.correct,
            "correct_value": plain(self.correct_value),
            "reading": self.reading,
            "conflicts": list(self.conflicts),
            "other_readings": [other.as_dict() for other in self.others],
            "parts": [part.as_dict() for part in self.parts],
        }


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def plain(x: Any) -> Any:
    """`x` as JSON holds it: numbers (NaN as null), text, lists."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, (int, str)) or x is None:
        return x
    if isinstance(x, tuple):
        return [plain(item) for item in x]
    return str(x)
