"""Marking one answer to one question: the one place where grading reads a verdict.

Each answer becomes a `Verdict`, the one every check gives, and its marks are read from
it here only. A formula is judged as `check_partial` judges it (`check_value` for a
node's value): right when it agrees with the engine at the recorded point and at 50
replayed points; the points are replayed once for the class (`answer_points`), not once
per answer. A number, or arithmetic on numbers alone (`0.5082 − 1`), is held to the
question's precision (`precision`) at the recorded point. A wrong answer is diagnosed (`diagnose_claim`) at the points it was checked at,
as `check_partial` would, but once per question and per answer's values: two students
who wrote the same wrong formula, in whatever spelling, share one diagnosis. The right
formula of each question is made once (with SymPy), by `right_formula`.

An answer is `right`, `wrong`, `unanswered` (none, or an empty string) or `unreadable`
(not a number or a formula over the network's labels; why is said). A wrong answer
earns the key's partial credit for the kinds of mistake its diagnosis names, and is
never left without a diagnosis: what the usual mistakes explain, that none does, where
a formula right at the sheet's values is wrong, or why it is not diagnosed.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ...core.value import Value
from ...errors import AutogradError, FormulaError
from ...explanation.folding import Folding
from ...explanation.paths import partial_latex
from ...formula.printing import latex, latex_label, text
from ...formula.symbolic import EXTRA
from ...formula.tokens import MAX_LENGTH
from ..agreement import compare
from ..chain import Chain
from ..derivation_file import Written
from ..diagnose import MAX_NODES, Diagnosis, diagnose_claim, markdown_words, partial
from ..findings import KIND_SENTENCES
from ..partial import check_partial, correct_formula, where_it_fails
from ..points import claim_at, formula_on
from ..printed import NUMBER, tolerance
from ..value import check_number, check_value
from ..verdict import Verdict, judged
from .answer_points import ATOL, RTOL, AnswerPoints, agrees
from .key import Key, Question
from .precision import Held, arithmetic_number

STATUSES = ("right", "wrong", "unanswered", "unreadable")
# What a class summary counts a wrong answer under, besides the kinds of `KIND_SENTENCES`.
PRECISION = "right to fewer figures than asked"
RIGHT_HERE = "right at the recorded values only"
NOT_EXPLAINED = "none of the usual mistakes explains it"
NOT_DIAGNOSED = "not diagnosed"
# A right formula of more steps is not written: no one checks such a product by hand, and
# simplifying it costs SymPy a gcd for every pair of its factors (600 steps: 110 s).
MAX_RIGHT_STEPS = 40


@dataclass(frozen=True)
class Graded:
    """One question of one sheet, marked. `line` is the verdict as `check` prints it;
    `diagnosis` its lines (for an unreadable answer, why), `markdown` the same with math;
    `counted_as` what a class summary counts a wrong answer under: (the kind of mistake
    in words, its detail), as `("off by a constant factor", "2 ×")`. `correct_formula`
    is the key's right formula where the answer is not right (filled in once the class
    is graded)."""

    question: str
    status: str
    points: float
    max_points: float
    answer: str | None
    claimed: float | None
    computed: float
    points_checked: int
    line: str
    diagnosis: tuple[str, ...] = ()
    markdown: str = ""
    kinds: tuple[str, ...] = ()
    counted_as: tuple[tuple[str, str], ...] = ()
    correct_formula: str | None = None


@dataclass(frozen=True)
class RightAnswer:
    """A question's right formula as text, and the whole equation in LaTeX
    (`\\frac{∂ℓ}{∂W_5} = …`); a partial's is checked before it is given."""

    text: str
    latex: str


class Marker:
    """Marks answers to a key's questions; keeps what is made once per question.

    `labels` are the key's, to say why a label is not known where it is used;
    `right_formulas` is where the right formulas are kept (a key's, to make them once);
    `fixed` leaves keep their values at every point a formula is checked at.
    """

    @classmethod
    def of(cls, key: Key) -> Marker:
        """A marker for `key`'s questions, sharing the key's right formulas."""
        return cls(key.derivation.nodes, key.right_formulas, key.fixed)

    def __init__(
        self,
        labels: Collection[str] = (),
        right_formulas: dict[str, Any] | None = None,
        fixed: Collection[str] = (),
    ) -> None:
        self._labels = frozenset(labels)  # the key's labels, to say why one is not known
        self._fixed = frozenset(fixed)  # leaves that keep their values at every point
        self._points: dict[Value, AnswerPoints] = {}
        self._chains: dict[tuple[Value, Value], Chain] = {}
        self._diagnoses: dict[tuple[str, tuple[Any, ...]], Diagnosis] = {}
        self._marked: dict[tuple[str, str, str], Graded] = {}
        # {question: (its right formula, or None and why not)}
        self._right: dict[str, tuple[RightAnswer | None, str]] = (
            {} if right_formulas is None else right_formulas
        )
        self._computed: dict[str, float] = {}

    def mark(self, question: Question, answer: Any) -> Graded:
        """The answer (as read from a sheet: None when there is none) marked."""
        if answer is None or isinstance(answer, str) and not answer.strip():
            return self._graded(question, "unanswered", None, None, self.computed(question), 0, "")
        if isinstance(answer, bool) or not isinstance(answer, (str, int, float)):
            why = f"an answer is a number or a formula in quotes, not {_kind(answer)}"
            return self._unreadable(question, None, why)
        written = answer.text if isinstance(answer, Written) else str(answer)
        memo = (question.name, type(answer).__name__, written)
        if memo not in self._marked:
            self._marked[memo] = self._mark(question, answer, written)
        return self._marked[memo]

    def unreadable(self, question: Question, answer: Any, why: str) -> Graded:
        """The question marked unreadable, with why (a sheet that cannot be read)."""
        shown = None if answer is None else _text(answer)
        return self._unreadable(question, shown, why)

    def right_formula(self, question: Question) -> RightAnswer | None:
        """The question's right formula (made once; None when it cannot be written, and
        `notes` says why, where it is not plain)."""
        if question.name not in self._right:
            self._right[question.name] = self._make_right(question)
        return self._right[question.name][0]

    @property
    def notes(self) -> dict[str, str]:
        """{question: why it has no right formula}, for the questions that have a why."""
        return {name: note for name, (_, note) in self._right.items() if note}

    def computed(self, question: Question) -> float:
        """The engine's answer to the question, at the recorded point."""
        if question.name not in self._computed:
            target = question.target
            self._computed[question.name] = (
                target.of.data
                if target.wrt is None
                else check_partial(target.of, target.wrt, 0.0, diagnose=False).computed
            )
        return self._computed[question.name]

    def _make_right(self, question: Question) -> tuple[RightAnswer | None, str]:
        target = question.target
        if target.wrt is None:  # a node's value: its equation over its inputs' labels
            written = Folding(target.of).equation(target.of)
            if written is None:
                return None, ""
            equation = f"{latex_label(target.of.label)} = {latex(written)}"
            return RightAnswer(text(written), equation), ""
        chain = self._chain(target.of, target.wrt)
        steps = sum(len(path) for path in chain.paths or ())
        if steps > MAX_RIGHT_STEPS:
            return None, (
                f"The right formula is not written: its {steps:,} steps are more than a "
                f"formula to check by hand (at most {MAX_RIGHT_STEPS})."
            )
        try:
            found = correct_formula(target.of, target.wrt)
        except ImportError:
            own = self._own_formula(question)  # the key's own, checked, needs no SymPy
            return own, "" if own is not None else f"The right formula needs SymPy: {EXTRA}"
        if found is None:
            return None, ""
        left = partial_latex(target.of.label, target.wrt.label)
        return RightAnswer(str(found), f"{left} = {found.latex()}"), ""

    def _own_formula(self, question: Question) -> RightAnswer | None:
        """The key's own answer to a partial, when it is a formula that is right (as the
        key's answers are checked before a class is graded)."""
        answer, target = question.answer, question.target
        if not isinstance(answer, str) or NUMBER.fullmatch(answer) or target.wrt is None:
            return None
        if arithmetic_number(answer, question.precision) is not None:
            return None  # `0.5082 − 1`: a number written as arithmetic, no formula
        if self.mark(question, answer).status != "right":
            return None
        expr = formula_on(self._points_for(target.of).tape, answer).expr
        left = partial_latex(target.of.label, target.wrt.label)
        return RightAnswer(text(expr), f"{left} = {latex(expr)}")

    def _mark(self, question: Question, answer: Any, written: str) -> Graded:
        if len(written) > MAX_LENGTH:  # before any pattern reads it
            why = f"an answer of {len(written):,} characters; the limit is {MAX_LENGTH:,}"
            return self._unreadable(question, written, why)
        number = not isinstance(answer, str) or NUMBER.fullmatch(written) is not None
        held = None
        try:
            # Arithmetic on numbers alone (`0.5082 − 1`) is a number, held as one.
            shown = None if number else arithmetic_number(written, question.precision)
            if number or shown is not None:
                verdict, held = self._number(question, shown or written)
            elif question.target.wrt is None:
                verdict = check_value(question.target.of, written)
            else:
                verdict = self._formula(question, written)
        except FormulaError as error:
            place = f" (at character {error.start + 1})" if error.text else ""
            message = error.message
            word = error.text[error.start : error.end]
            if word in self._labels and "no node label" in message:  # defined, not upstream
                message = f"{word!r} is in this file, but {question.target.of.label} does not depend on it"
            return self._unreadable(question, written, f"{message}{place}")
        except (AutogradError, ValueError, ArithmeticError) as error:
            return self._unreadable(question, written, str(error).splitlines()[0])
        return self._from_verdict(question, written, verdict, held)

    def _number(self, question: Question, written: str) -> tuple[Verdict, Held]:
        """The number held to the question's precision at the recorded point; a wrong one
        diagnosed as check_partial diagnoses a printed number."""
        target = question.target
        computed = self.computed(question)
        wrt = "" if target.wrt is None else target.wrt.label
        verdict = check_number(written, computed, of=target.of.label, wrt_label=wrt)
        held = question.precision.hold(written, computed)
        off = "" if held.ok else f"claimed − computed = {verdict.claimed - computed:.6g}"
        verdict = replace(
            verdict, verdict=judged(held.ok), right_here=held.ok, detail=held.note or off
        )
        if held.ok or held.right_as_shown or target.wrt is None:
            return verdict, held
        allowed = tolerance(written)
        claimed = verdict.claimed
        diagnosis = self._diagnosis(
            question, (claimed,), lambda _: claimed, [{}], lambda v, c: abs(v - c) <= allowed, True
        )
        return replace(verdict, diagnosis=diagnosis), held

    def _formula(self, question: Question, written: str) -> Verdict:
        """The formula judged as check_partial judges it, at the points replayed once for
        the class, and a wrong one diagnosed at them."""
        of, wrt = question.target.of, question.target.wrt
        assert wrt is not None
        points = self._points_for(of)
        formula = formula_on(points.tape, written)
        values = points.values(formula.expr)
        at = [0]

        def samples() -> Iterator[tuple[float, float]]:
            for i, pair in enumerate(zip(values, points.truths(wrt))):
                at[0] = i
                yield pair

        found = compare(samples(), agrees, where=lambda: points.leaves_at(at[0]))
        worst = found.worst
        verdict = Verdict(
            judged(found.ok),
            written,
            found.claimed,
            found.computed,
            of=of.label,
            wrt_label=wrt.label,
            points_checked=found.checked,
            error=0.0 if worst is None else worst.gap,
            worst_point=None if worst is None else worst.where,
            right_here=found.right_here,
            correct_value=found.computed,
            formula=formula.expr,
        )
        verdict = replace(verdict, detail=where_it_fails(verdict))
        if verdict.ok:
            return verdict
        rounded = tuple(_rounded(v) for v in values)
        diagnosis = self._diagnosis(
            question,
            rounded,
            lambda tape: _rounded(claim_at(formula, tape)),
            points.moved,
            lambda v, c: abs(v - c) <= ATOL + RTOL * abs(c),
        )
        return replace(verdict, diagnosis=diagnosis)

    def _from_verdict(
        self, question: Question, written: str, verdict: Verdict, held: Held | None = None
    ) -> Graded:
        """The graded answer, read from its verdict (the one place grading reads one) and,
        for a number, how the question's precision held it."""
        diagnosis = verdict.diagnosis
        said: list[str] = [held.note] if held is not None and held.note else []
        kinds: tuple[str, ...] = ()
        counted: list[tuple[str, str]] = []
        wrong = verdict.verdict == "wrong"
        if held is not None and not held.ok and held.right_as_shown:
            kinds = ("precision",)
            counted.append((PRECISION, ""))
        if wrong and held is None and verdict.right_here and verdict.detail:
            # right at the sheet's values: where it is wrong is what the student must see
            said.append(_right_here(verdict.detail))
            counted.append((RIGHT_HERE, ""))
        found = list(_lines(diagnosis)) if diagnosis is not None else []
        if diagnosis is not None:
            # several mistakes made together are one kind of their own: "kept power+shared"
            kinds += tuple("+".join(f.mistakes) or f.kind for f in diagnosis.findings)
            counted += [(KIND_SENTENCES[f.kind], f.detail) for f in diagnosis.findings]
            if not diagnosis.findings and not counted:
                why = "" if diagnosis.points else "the graph is too large"
                counted.append((NOT_EXPLAINED, "") if not why else (NOT_DIAGNOSED, why))
        elif wrong and not counted:
            found, detail = _not_diagnosed(question)
            counted.append((NOT_DIAGNOSED, detail))
        markdown = "\n".join(f"- {markdown_words(line)}" for line in said)
        if diagnosis is not None and diagnosis.markdown():
            markdown = (markdown + "\n" if markdown else "") + diagnosis.markdown()
        elif found:
            markdown = "\n".join(f"- {markdown_words(line)}" for line in said + found)
        claimed = (
            verdict.claimed
            if isinstance(verdict.claimed, float) and math.isfinite(verdict.claimed)
            else None
        )
        return self._graded(
            question,
            verdict.verdict,
            written,
            claimed,
            verdict.computed,
            verdict.points_checked,
            verdict.line(),
            tuple(said + found),
            markdown,
            kinds,
            tuple(dict.fromkeys(counted)),  # an answer counts once under each
        )

    def _diagnosis(
        self,
        question: Question,
        values: tuple[float, ...],
        claim: Any,
        points: list[dict[Value | str, float]],
        close: Any,
        single_number: bool = False,
    ) -> Diagnosis | None:
        """What the wrong answer did, once per question and per answer's values."""
        memo = (question.name, tuple(None if v != v else v for v in values))  # NaN != NaN
        if memo in self._diagnoses:
            return self._diagnoses[memo]
        target = question.target
        assert target.wrt is not None
        at = self._points_for(target.of)
        tape = at.tape
        if target.wrt not in tape.slot:
            return None  # the partial is 0 everywhere: no chain to diagnose
        if len(tape.nodes) > MAX_NODES:
            note = (
                f"Not diagnosed: the graph has {len(tape.nodes):,} nodes; diagnoses are "
                f"made for graphs of at most {MAX_NODES:,}."
            )
            found = Diagnosis(partial(target.of.label, target.wrt.label), (), 0, note)
        else:
            chain = self._chain(target.of, target.wrt)
            found = diagnose_claim(
                tape,
                tape.slot[target.wrt],
                claim,
                points,
                close,
                chain=chain,
                single_number=single_number,
            )
        self._diagnoses[memo] = found
        return found

    def _chain(self, of: Value, wrt: Value) -> Chain:
        if (of, wrt) not in self._chains:
            self._chains[(of, wrt)] = Chain(of, wrt)
        return self._chains[(of, wrt)]

    def _points_for(self, of: Value) -> AnswerPoints:
        if of not in self._points:
            self._points[of] = AnswerPoints(of, self._fixed)
        return self._points[of]

    def _unreadable(self, question: Question, answer: str | None, why: str) -> Graded:
        given = "" if answer is None else f" = {answer}"
        line = f"✗ {question.name}{given}: cannot be read: {why}"
        return self._graded(
            question,
            "unreadable",
            answer,
            None,
            self.computed(question),
            0,
            line,
            (f"cannot be read: {why}",),
        )

    def _graded(
        self,
        question: Question,
        status: str,
        answer: str | None,
        claimed: float | None,
        computed: float,
        checked: int,
        line: str,
        diagnosis: tuple[str, ...] = (),
        markdown: str = "",
        kinds: tuple[str, ...] = (),
        counted: tuple[tuple[str, str], ...] = (),
    ) -> Graded:
        if status == "right":
            points = question.points
        elif status == "wrong":
            points = question.points * max((_credit(question, k) for k in kinds), default=0.0)
        else:
            points = 0.0
        if status == "unanswered":
            line = f"· {question.name}: no answer"
        return Graded(
            question.name,
            status,
            round(points, 6),
            question.points,
            answer,
            claimed,
            computed,
            checked,
            line,
            diagnosis,
            markdown,
            kinds,
            counted,
        )


def _right_here(detail: str) -> str:
    """Where a formula right at the sheet's values is wrong, said as a student reads it."""
    if detail.startswith("right here, but "):
        detail = detail.removeprefix("right here, but ")
        return f"{RIGHT_HERE}: {detail}; a formula must hold wherever the values move"
    return f"{RIGHT_HERE}; elsewhere it is {detail}"


def _not_diagnosed(question: Question) -> tuple[list[str], str]:
    """Why a wrong answer has no diagnosis, in a line, and in a few words to count by."""
    target = question.target
    if target.wrt is None:
        line = (
            f"{NOT_DIAGNOSED}: the usual mistakes are those of a derivative, and "
            f"{target.of.label} is a node's value"
        )
        return [line], "a node's value"
    name = partial(target.of.label, target.wrt.label).text
    line = (
        f"{NOT_DIAGNOSED}: {target.of.label} does not depend on {target.wrt.label}, so {name} is 0"
    )
    return [line], f"{name} is 0"


def _lines(diagnosis: Diagnosis) -> list[str]:
    return diagnosis.lines() + ([diagnosis.note] if diagnosis.note else [])


def _rounded(value: float) -> float:
    """A claim's value to 12 significant digits: two spellings of one formula (factors in
    another order) round alike, so they share a diagnosis, whichever came first."""
    return float(f"{value:.12g}")


def _text(answer: Any) -> str:
    return answer.text if isinstance(answer, Written) else str(answer)


def _kind(answer: Any) -> str:
    if isinstance(answer, dict):
        return "a table"
    if isinstance(answer, list):
        return "a list"
    if isinstance(answer, bool):
        return "true or false"
    return f"a {type(answer).__name__}"


def _credit(question: Question, kind: str) -> float:
    """The key's partial credit for a kind of mistake; mistakes made together earn the
    least of theirs (each must be one the key forgives)."""
    return min(question.credit.get(part, 0.0) for part in kind.split("+"))
