"""Reading a formula as a document writes it: tokens, typography, and pointed errors.

A formula such as `(σ3 − y)·W5·σ1²` is cut into tokens before it is parsed. Labels are
matched against the graph's own labels (longest first, compared in Unicode NFC form), so
`σ1`, `ŷ` or `layers.0.w.1` need not be Python identifiers; a label that reads as a
number is never matched, so `2` is always the number 2. Operators are the op table's:
each op written between its operands (`·`, `×`, `*` for mul, `⊕` for an op of one's own)
or before one (`−`) is read by every spelling its record gives. Superscripts (`²`, `⁻¹`)
are powers, and `[x > 0]` is 1 when x > 0 and 0 otherwise. A function is an op of the
table called by name (`log`, `ln`, `σ`, `ReLU`). Anything else stops here with a
`FormulaError` that shows the text and a caret under the offending part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.ops import OPS, Op, formula_names, op_called, operator_spellings, table_version
from ..errors import FormulaError

MAX_LENGTH = 2000
BRACKETS = "()[],"
# Each way to write a comparison in [ ], and the relation it is.
RELATIONS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "=": "=", "!=": "!="}
RELATIONS |= {"≥": ">=", "≤": "<=", "==": "=", "≠": "!="}
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-", strict=True))
NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+\-−]?\d+)?")  # linear, as printed.NUMBER
WHOLE = re.compile(r"-?\d+")
_HINTS = {
    ".": "attribute access is not part of a formula",
    "'": "strings are not part of a formula",
    '"': "strings are not part of a formula",
}


@dataclass(frozen=True)
class Token:
    """A piece of the formula: its kind, its text (the label as the graph spells it, the
    canonical relation, an op's name for a function) and where it stands."""

    kind: str  # "number", "label", "function", "operator", "relation", "power", or a bracket
    text: str
    start: int
    end: int


def function_names() -> tuple[str, ...]:
    """Every name a formula may call, from the op table, longest first."""
    return tuple(
        sorted({w for op in OPS.values() for w in formula_names(op)}, key=len, reverse=True)
    )


_symbols: dict[str, object] = {"version": -1, "symbols": ()}


def symbols() -> tuple[str, ...]:
    """Every operator and relation a formula may write, longest first (so `**` before `*`)."""
    if _symbols["version"] != table_version():
        found = {s for op in OPS.values() for s in operator_spellings(op)} | set(RELATIONS)
        _symbols["symbols"] = tuple(sorted(found, key=len, reverse=True))
        _symbols["version"] = table_version()
    return _symbols["symbols"]  # type: ignore[return-value]


def _is_name_char(ch: str) -> bool:
    if ch in SUPERSCRIPTS:  # "σ1²" is σ1 squared
        return False
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc")


def _word_at(text: str, i: int) -> str | None:
    if not (text[i].isalpha() or text[i] == "_") or text[i] in SUPERSCRIPTS:
        return None
    j = i + 1
    while j < len(text) and _is_name_char(text[j]):
        j += 1
    return text[i:j]


def tokenize(text: str, labels: Iterable[str], ambiguous: Iterable[str] = ()) -> list[Token]:
    """The tokens of `text`; every name in it must be one of `labels` or a function."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"a formula of {len(text):,} characters; the limit is {MAX_LENGTH:,}")
    text = unicodedata.normalize("NFC", text)
    # Labels are compared in NFC form; a token carries the label as the graph spells it.
    # A label that reads as a number is never matched: `2` in a formula is the number.
    spelled = {
        unicodedata.normalize("NFC", lb): lb for lb in labels if lb and not NUMBER.fullmatch(lb)
    }
    reader = _Reader(text, spelled, set(ambiguous))
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        token = reader.token_at(i)
        tokens.append(token)
        i = token.end
    return tokens


class _Reader:
    """What stands at a place of the text: a label, a word, an operator, a number, …"""

    def __init__(self, text: str, spelled: dict[str, str], ambiguous: set[str]) -> None:
        self.text = text
        self.spelled = spelled
        self.known = sorted(spelled, key=len, reverse=True)
        # Labels by their first character, longest first: a place is matched against the
        # few labels that can start there, not all of them.
        self.starting: dict[str, list[str]] = {}
        for label in self.known:
            self.starting.setdefault(label[0], []).append(label)
        self.ambiguous = ambiguous
        self.symbols = symbols()

    def token_at(self, i: int) -> Token:
        text = self.text
        word = _word_at(text, i)
        call = word is not None and text[i + len(word) :].lstrip().startswith("(")
        label = None if call and op_called(word) else self.label_at(i)  # type: ignore[arg-type]
        if label is not None:
            return Token("label", self.spelled[label], i, i + len(label))
        if word is not None:
            return self.word_token(word, i, call)
        if text[i] in BRACKETS:
            return Token(text[i], text[i], i, i + 1)
        symbol = next((s for s in self.symbols if text.startswith(s, i)), None)
        if symbol is not None:
            kind = "relation" if symbol in RELATIONS else "operator"
            shown = RELATIONS.get(symbol, symbol)
            return Token(kind, shown, i, i + len(symbol))
        if text[i] in SUPERSCRIPTS:
            return self.superscript(i)
        if number := NUMBER.match(text, i):
            return Token("number", number.group().replace("−", "-"), i, number.end())
        hint = _HINTS.get(text[i], "it is not an operator, a number or a label")
        raise FormulaError(f"unexpected {text[i]!r}: {hint}", text, i, i + 1)

    def label_at(self, i: int) -> str | None:
        for label in self.starting.get(self.text[i], ()):
            if self.text.startswith(label, i):
                end = i + len(label)
                if end == len(self.text) or not (
                    _is_name_char(self.text[end]) and _is_name_char(label[-1])
                ):
                    return label
        return None

    def superscript(self, i: int) -> Token:
        j = i
        while j < len(self.text) and self.text[j] in SUPERSCRIPTS:
            j += 1
        power = "".join(SUPERSCRIPTS[c] for c in self.text[i:j])
        if not WHOLE.fullmatch(power):
            raise FormulaError("a superscript power is a whole number, as ² or ⁻¹", self.text, i, j)
        return Token("power", power, i, j)

    def word_token(self, word: str, i: int, call: bool) -> Token:
        end = i + len(word)
        op = op_called(word)
        if call and op is not None:
            return Token("function", op.name, i, end)
        if word in self.symbols:  # an op of one's own written between words: `a xor b`
            return Token("operator", word, i, end)
        if call:
            functions = ", ".join(sorted(function_names()))
            raise FormulaError(
                f"unknown function {word!r}; a formula may call {functions}", self.text, i, end
            )
        if op is not None:
            raise FormulaError(f"{word} is a function: write {word}(...)", self.text, i, end)
        if word in self.ambiguous:
            raise FormulaError(
                f"several nodes are labelled {word!r}; relabel one", self.text, i, end
            )
        raise FormulaError(
            f"{word!r} is no node label in this graph{self.hint(word)}", self.text, i, end
        )

    def hint(self, word: str) -> str:
        import difflib  # only a mistake needs it: `import autograd_scalar` stays quick

        same_letters = [lb for lb in self.known if lb.casefold() == word.casefold()]
        close = same_letters or difflib.get_close_matches(word, self.known, n=3)
        if close:
            return f"; did you mean {' or '.join(close)}?"
        return f"; the labels are {', '.join(sorted(self.known)[:20])}" if self.known else ""


# --- What an op of one's own may be spelled with -------------------------------------

_WHAT = "write an operator with signs alone (⊕), a function with a word alone (softplus)"


def spelling_problems(op: Op) -> list[str]:
    """Each spelling of `op` that would change how other formulas read, and why.

    Operators are matched before numbers, superscripts and labels, so an operator `1`
    would read `1 − t²` as the op applied to −t². A symbol only drawn (the op written
    as a call) must still not read as a number: a node drawn `1` looks like the constant.
    """
    found = []
    if _reads_as_number(op.symbol):
        found.append(f"symbol {op.symbol!r} reads as a number; {_WHAT}")
    for field, spelling in _operator_fields(op):
        why = _why_not_an_operator(spelling)
        if why and not (field == "symbol" and _reads_as_number(op.symbol)):  # said once
            shown = op.written if field == "written" else spelling
            found.append(f"{field} {shown!r} {why}; {_WHAT}")
    return found


def _reads_as_number(spelling: str) -> bool:
    unsigned = spelling.lstrip("+-−")
    return bool(unsigned) and (
        NUMBER.fullmatch(unsigned) is not None
        or all(ch.isnumeric() and ch not in SUPERSCRIPTS for ch in unsigned)  # ½, not ²
    )


def _operator_fields(op: Op) -> list[tuple[str, str]]:
    """Each way a formula writes `op` as an operator, with the field that gives it."""
    fields = []
    for spelling in operator_spellings(op):
        if spelling == op.symbol:
            field = "symbol"
        elif spelling in op.aliases:
            field = f"aliases[{op.aliases.index(spelling)}]"
        elif spelling == op.operator:
            field = "operator"
        else:
            field = "written"
        fields.append((field, spelling))
    return fields


def _why_not_an_operator(spelling: str) -> str | None:
    """Why a formula could not read `spelling` as an operator; None when it could."""
    if spelling.isidentifier():
        return None  # a word between its operands: `a xor b`
    if _reads_as_number(spelling):
        return "reads as a number"
    if any(ch in SUPERSCRIPTS for ch in spelling):
        return "has a superscript, which a formula reads as a power (x²)"
    if any(ch.isnumeric() for ch in spelling):
        return "has a numeral, which a formula reads as a number"
    if any(ch in BRACKETS or ch in "{}" for ch in spelling):
        return "has a bracket or a comma, which group a formula"
    if spelling in RELATIONS:
        return "is a comparison in a formula ([x > 0])"
    if any(ch.isspace() for ch in spelling):
        return "has a space, which a formula skips"
    if "." in spelling:
        return "has '.', which a formula reads in a number (0.5)"
    if any(ch in "'\"" for ch in spelling):
        return "has a quote, which is not part of a formula"
    if any(_is_name_char(ch) for ch in spelling):
        return "mixes letters with signs: a formula would read the letters as a label"
    return None
