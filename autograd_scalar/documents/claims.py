"""What a document claims, and where it says it.

A `Claim` keeps the document's words (`says`), their place (`line`, a `quote` taken
verbatim from that line, and the `section` it stands in), how they are read, and what
must be computed to judge them. It holds no verdict: verdicts are computed (`judging`),
and each verdict keeps the claim it judges as its `statement`. A claim may carry other
readings of the same words (`others`), each a claim of its own, checked the same way.

Kinds, and how each is judged:
- value: a node's value as printed ("0.0850" is held to the 4 decimals it shows);
- arithmetic: printed arithmetic `a − b·c = d`, computed as written; its `correct`, when
  given, prints the arithmetic with its inputs computed (from the network), for a line
  whose inputs are themselves wrong;
- definition: a node equals a formula, at the document's values and at other points;
- identity: two formulas equal each other at every point (`of` and `stated`);
- partial: ∂of/∂wrt equals a number or a formula (one or many `elements`);
- update: a parameter after one step of size `step` of gradient descent;
- rule: an update rule; `stated` is the sign in front of the step (+1 or −1), judged by
  whether a small step lowers the loss; the rule is also run for `steps` steps of size
  `step`, as written and (when it is wrong) as `correct`, to say what each does. The
  slope is the engine's gradient, or the document's own formulas (`procedure`): a
  document that derives a gradient and trains with it is run as it writes it;
- structure, role, meaning, training: a fact that `measure` computes in words (shapes
  and counts and paths; which symbol is which quantity; what a derivative measures;
  what training does), compared with the words of the claim (`stated`);
- parts: one statement that says several of these at once (`parts`, each a claim of its
  own kind): a line that prints a net input, an output and the arithmetic between them
  is one statement, judged as one (`check.together.judge_parts`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..check.descent import Procedure
from ..check.elements import Element
from ..check.network import Builder

KINDS = (
    "value",
    "arithmetic",
    "definition",
    "identity",
    "partial",
    "update",
    "rule",
    "structure",
    "role",
    "meaning",
    "training",
    "parts",
)
MEASURED = ("structure", "role", "meaning", "training")
# A `Found.value_from` ending so is a number computed at the network's values: the
# document's result says whether those values are the document's or chosen here.
AT_VALUES = "at the values"


@dataclass(frozen=True)
class Found:
    """What a measure finds: a phrase in the claim's words, a number, and how it was found.

    The claim is right when `phrase` is the claim's `stated` phrase. `value` is the
    number (or numbers) behind it, shown as the right value when the claim is wrong, and
    `value_from` says where it comes from when that is not plain: a count of shapes
    needs nothing, a slope at the values ends in AT_VALUES, a gap over many points says
    so ("the largest gap over 21 points").
    """

    phrase: str
    value: float | tuple[float, ...] | None = None
    detail: str = ""
    value_from: str = ""  # where `value` comes from, when it needs saying (AT_VALUES…)


@dataclass(frozen=True)
class Variant:
    """One network the document's text allows: a name saying which, its builder, its values."""

    name: str
    build: Builder
    values: Mapping[str, float]


Measure = Callable[[Builder, Mapping[str, float]], Found]


@dataclass(frozen=True)
class Claim:
    """One statement of a document, where it stands, and what is needed to check it.

    `line` is the line of the document's file (counted from 1) and `quote` a piece of
    that line, verbatim. Numbers are written as the document prints them ("0.0850").
    `reading` says how the words are read when that needs saying; the claim is read
    literally, and `others` are the other readings, each checked as a claim of its own.
    `network` is the network the claim is about when it is not the document's own;
    claims sharing a `together` name are judged together over the document's variants
    (see `check.together`). A statement of several parts has kind "parts" and its parts
    in `parts`; when every part has the same number of other readings, the statement is
    judged on each reading (the parts' first readings together, then their second, …).
    """

    kind: str
    says: str  # the document's words or formula, in its typography
    line: int
    quote: str
    stated: Any = None
    of: str = ""
    elements: tuple[Element, ...] = ()
    correct: Any = None  # a right formula, checked the same way, for when the claim is wrong
    correct_text: str = ""  # how to print `correct` when it is a callable or a sign
    reading: str = ""
    others: tuple[Claim, ...] = ()
    step: float = 0.0  # the learning rate of an update, or of a rule's training run
    steps: int = 0  # how many steps a rule's training run takes
    measure: Measure | None = None
    points: int = 50
    network: Variant | None = None
    together: str = ""
    section: str = ""  # the heading it stands under (the document fills it in)
    parts: tuple[Claim, ...] = ()
    procedure: Procedure | None = None  # a rule's slopes: the document's formulas

    def __repr__(self) -> str:
        says = self.says if len(self.says) <= 60 else self.says[:59] + "…"
        return f"Claim(line {self.line}, {self.kind}: {says})"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"claim kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if not isinstance(self.line, int) or self.line < 1:
            raise ValueError(f"{self.says!r}: its line must be a whole number >= 1")
        if self.kind in MEASURED and self.measure is None:
            raise ValueError(f"{self.says!r}: a {self.kind} claim needs a measure")
        if (self.kind == "parts") != (len(self.parts) >= 2):
            raise ValueError(f"{self.says!r}: a statement of parts has two or more, and only it")

    @property
    def kinds(self) -> str:
        """Its kind, or its parts' kinds: "value + arithmetic"."""
        if not self.parts:
            return self.kind
        return " + ".join(dict.fromkeys(part.kinds for part in self.parts))


def partial(
    says: str,
    line: int,
    quote: str,
    of: str,
    wrt: str,
    stated: Any,
    correct: Any = None,
    **more: Any,
) -> Claim:
    """A claim that ∂of/∂wrt equals `stated`, or each of a tuple of them (`a = b = c`
    gives two)."""
    each = stated if isinstance(stated, tuple) else (stated,)
    elements = tuple(Element(of, wrt, s, correct) for s in each)
    return Claim("partial", says, line, quote, each[0], of, elements, correct, **more)


def value(says: str, line: int, quote: str, node: str, printed: str, **more: Any) -> Claim:
    """A claim that the node `node` has the value `printed`, to the decimals it shows."""
    return Claim("value", says, line, quote, printed, node, **more)


def arithmetic(
    says: str, line: int, quote: str, expression: str, printed: str, **more: Any
) -> Claim:
    """A claim that the printed arithmetic `expression` gives `printed`, as written."""
    return Claim("arithmetic", says, line, quote, printed, expression, **more)


def fact(
    kind: str, says: str, line: int, quote: str, stated: str, measure: Measure, **more: Any
) -> Claim:
    """A claim that `measure` finds the phrase `stated`."""
    return Claim(kind, says, line, quote, stated, measure=measure, **more)


def read_as(claim: Claim, reading: str, **changes: Any) -> Claim:
    """Another reading of `claim`'s words: the same claim, read as `reading`, with what
    that reading changes (its measure, its slopes, its network, …)."""
    return replace(claim, **{"reading": reading, "others": (), **changes})


def statement(says: str, line: int, quote: str, *parts: Claim, **more: Any) -> Claim:
    """One statement of several parts (each a claim), judged as one."""
    return Claim("parts", says, line, quote, parts=parts, **more)
