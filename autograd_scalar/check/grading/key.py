"""A grading key: a derivation file whose `[claims]` are the questions.

    output = "ℓ"
    [grading]                          # for every question (each may set its own)
    significant = 3                    # or decimals = 4, or rtol = 1e-3 and/or atol = 1e-6
    partial_credit = { factor = 0.5 }  # half the points for a constant factor off
    show_answers = true                # feedback shows the right value and formula
    fixed = ["X1", "X2", "y"]          # the data: an answer may use their numbers
    [values] …
    [equations] …
    [claims]
    "∂ℓ/∂W5" = "(σ3 − y)·σ1"           # 1 point; the key's own answer, checked
    "∂ℓ/∂W1" = { points = 2, answer = "(σ3 − y)·W5·σ1·(1 − σ1)·X1" }
    "∂ℓ/∂b3" = { points = 1, decimals = 4 }   # no answer: the engine's value is the truth

The engine computes the truth of every question either way; the key's own answers are
checked with the same rules as a student's (`whole_class.check_own_answers`), so a slip in
the key is refused before a class is graded against it. A formula for a partial must
hold wherever the leaves move, but `fixed` ones (the data of the exercise, say): an
answer that writes their numbers (`σ3 − 1` for `σ3 − y`, with y = 1) is then right. Partial credit is a fraction of
the question's points for a wrong answer whose diagnosis is of a named kind (`sign`,
`factor`, `paths`, `derivative`, `missing_factor`, `swapped_factor`) or that is right
only to fewer figures than asked (`precision`); the default is none.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ...errors import CheckFileError, quoted
from ..derivation import Derivation, Target, derivation_of, split_partial
from ..derivation_file import parse_text, read_source
from ..findings import KINDS
from .precision import DEFAULT, Precision

MAX_QUESTIONS = 500
# The work of grading one sheet, bounded: questions × nodes × labels (a wrong answer's
# diagnosis replays the graph at every point and tries every labelled node; about 5 s).
MAX_CHECKING = 2_000_000
# Every mistake a diagnosis names (several made together earn the least of theirs), and
# an answer right only to fewer figures than asked.
CREDIT_KINDS = (*(kind for kind in KINDS if kind != "combined"), "precision")
SETTINGS = ("significant", "decimals", "rtol", "atol", "partial_credit", "show_answers")
QUESTION_FIELDS = ("points", "answer", *SETTINGS)
KEY_SETTINGS = (*SETTINGS, "fixed")


@dataclass(frozen=True)
class Question:
    """One question of the key: what it asks (`target`), its points, how a number answer
    is held, the partial credit for each kind of mistake, and the key's own answer."""

    name: str  # ∂ℓ/∂W5, or σ1 for a node's value
    target: Target
    points: float = 1.0
    precision: Precision = DEFAULT
    credit: Mapping[str, float] = field(default_factory=dict)
    answer: Any = None  # the key's own, as written; None when the key gives none
    show_answers: bool = True


@dataclass
class Key:
    """The questions of a key file, over its network (`derivation`)."""

    path: str
    derivation: Derivation
    questions: list[Question]
    source: bytes = b""  # the file as read, to build the same key in another process
    fixed: frozenset[str] = frozenset()  # leaves that keep their values at every point
    # Each question's right formula, made once for this key (the Marker fills it in).
    right_formulas: dict[str, Any] = field(default_factory=dict)

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, written: str) -> Question | None:
        """The question a sheet's key names (`∂ℓ/∂W5`, spaces and Unicode forms aside)."""
        return self.by_name.get(question_name(written))

    def spelled_alike(self, written: str) -> list[str]:
        """The questions `written` spells with ASCII look-alikes (`∂l/∂W5`, `dl/dw5`)."""
        return self._by_plain_spelling.get(plain_spelling(written), [])

    # Made once per key: a sheet of thousands of entries looks each up here.
    @cached_property
    def by_name(self) -> dict[str, Question]:
        """The questions by their names."""
        return {q.name: q for q in self.questions}

    @cached_property
    def _by_plain_spelling(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for q in self.questions:
            found.setdefault(plain_spelling(q.name), []).append(q.name)
        return found


# Characters and words a keyboard gives for the key's own: ℓ typed l, σ typed s or sigma.
LOOK_ALIKES = (("ℓ", "l"), ("σ", "s"), ("sigma", "s"), ("∂", "d"), ("ŷ", "yhat"), ("_", ""))


def plain_spelling(text: str) -> str:
    """`text` as ASCII look-alikes spell it, without spaces or case: `∂ℓ/∂σ3` → `dl/ds3`."""
    text = "".join(unicodedata.normalize("NFKC", text).split()).casefold()
    for fancy, ascii_ in LOOK_ALIKES:
        text = text.replace(fancy, ascii_)
    return text


def read_key(path: str | os.PathLike[str], precision: Precision = DEFAULT) -> Key:
    """The key in the file at `path`; a CheckFileError in one line when it cannot be used.

    `precision` is how number answers are held where the key does not say.
    """
    return key_from_source(os.fsdecode(path), read_source(path), precision)


def key_from_source(name: str, source: bytes, precision: Precision = DEFAULT) -> Key:
    """The key read from the bytes of its file (as `read_key` read them).

    The same bytes give the same network, so their right formulas (SymPy's work, the
    slowest part of grading a small class) are made once per process, for the last
    `REMEMBERED` keys read.
    """
    key = key_of(name, parse_text(name, source), source, precision)
    found = _RIGHT_FORMULAS.pop(source, None)
    if found is not None:
        key.right_formulas = found
    _RIGHT_FORMULAS[source] = key.right_formulas
    while len(_RIGHT_FORMULAS) > REMEMBERED:
        del _RIGHT_FORMULAS[next(iter(_RIGHT_FORMULAS))]
    return key


REMEMBERED = 8
_RIGHT_FORMULAS: dict[bytes, dict[str, Any]] = {}  # by the key's bytes, the latest last


def key_of(name: str, data: dict[str, Any], source: bytes, precision: Precision = DEFAULT) -> Key:
    derivation = derivation_of(name, data)
    claims = derivation.claims
    if not claims:
        raise CheckFileError(name, "no [claims] to check: a key lists its questions there")
    if len(claims) > MAX_QUESTIONS:
        raise CheckFileError(
            name, f"{len(claims):,} questions; a key asks at most {MAX_QUESTIONS:,}"
        )
    size, labels = derivation.graph_size, len(derivation.nodes)
    work = len(claims) * size * labels
    if work > MAX_CHECKING:
        raise CheckFileError(
            name,
            f"{len(claims):,} questions over a graph of {size:,} nodes and {labels:,} labels "
            f"are too much to check (questions × nodes × labels = {work:,}; at most "
            f"{MAX_CHECKING:,}): ask fewer questions, or of a smaller network",
        )
    settings = derivation.grading
    where = "[grading]"
    _only_settings(name, where, settings, KEY_SETTINGS)
    base = _settings(name, where, settings, precision, {}, True)
    fixed = _fixed(name, settings.get("fixed", []), derivation)
    questions: list[Question] = []
    seen: dict[str, str] = {}
    for key, stated in claims.items():
        target = derivation.target(key)
        where = f"[claims] {quoted(key)}"
        if target.name in seen:
            raise CheckFileError(
                name, f"{where} asks what {quoted(seen[target.name])} asks: each question once"
            )
        seen[target.name] = key
        table = stated if isinstance(stated, dict) else {"answer": stated}
        _only_settings(name, where, table, QUESTION_FIELDS)
        chosen, credit, show = _settings(name, where, table, *base)
        points = table.get("points", 1)
        if (
            isinstance(points, bool)
            or not isinstance(points, (int, float))
            or not (0 < points < 1e9)
        ):
            raise CheckFileError(name, f"{where}: points is a number above 0, got {quoted(points)}")
        questions.append(
            Question(target.name, target, float(points), chosen, credit, table.get("answer"), show)
        )
    return Key(name, derivation, questions, source, fixed)


def question_name(written: str) -> str:
    """The question a claim key names, in one spelling: `∂ ℓ / ∂W5` is `∂ℓ/∂W5`."""
    partial = split_partial(written)
    if partial is None:
        return unicodedata.normalize("NFC", written.strip())
    of, wrt = (unicodedata.normalize("NFC", x) for x in partial)
    return f"∂{of}/∂{wrt}"


def _fixed(path: str, given: Any, derivation: Derivation) -> frozenset[str]:
    """The labels of `fixed`: each a leaf of [values]."""
    where = "[grading] fixed"
    if not isinstance(given, list) or not all(isinstance(x, str) for x in given):
        raise CheckFileError(path, f'{where} is a list of leaves\' labels, such as ["X1", "y"]')
    found = set()
    for label in given:
        label = unicodedata.normalize("NFC", label)
        node = derivation.nodes.get(label)
        if node is None or node.op is not None:
            raise CheckFileError(path, f"{where}: {quoted(label)} is no leaf of [values]")
        found.add(label)
    return frozenset(found)


def _only_settings(
    path: str, where: str, table: Mapping[str, Any], allowed: tuple[str, ...]
) -> None:
    for key in table:
        if key not in allowed:
            raise CheckFileError(
                path, f"{where}: unknown setting {quoted(key)}; it may hold {', '.join(allowed)}"
            )


def _settings(
    path: str,
    where: str,
    table: Mapping[str, Any],
    precision: Precision,
    credit: Mapping[str, float],
    show: bool,
) -> tuple[Precision, dict[str, float], bool]:
    """The precision, partial credit and show_answers a table sets, over the ones given."""
    try:
        chosen = Precision.read(table, precision)
    except ValueError as error:
        raise CheckFileError(path, f"{where}: {error}") from None
    given = table.get("partial_credit")
    if given is None:
        fractions = dict(credit)
    elif not isinstance(given, dict):
        raise CheckFileError(path, f"{where}: partial_credit is a table, such as {{ sign = 0.5 }}")
    else:
        fractions = {}
        for kind, fraction in given.items():
            spelled = kind.replace("_", " ")
            if spelled not in CREDIT_KINDS:
                kinds = ", ".join(k.replace(" ", "_") for k in CREDIT_KINDS)
                raise CheckFileError(
                    path, f"{where}: partial_credit for {quoted(kind)}: the kinds are {kinds}"
                )
            if (
                isinstance(fraction, bool)
                or not isinstance(fraction, (int, float))
                or not (0 <= fraction <= 1)
            ):
                raise CheckFileError(
                    path,
                    f"{where}: partial_credit {kind} is a fraction from 0 to 1, got {quoted(fraction)}",
                )
            fractions[spelled] = float(fraction)
    shown = table.get("show_answers", show)
    if not isinstance(shown, bool):
        raise CheckFileError(path, f"{where}: show_answers is true or false, got {quoted(shown)}")
    return chosen, fractions, shown
