"""Reading a formula as a document writes it: tokens, typography, and pointed errors.

A formula such as `(σ3 − y)·W5·σ1²` is cut into tokens before Python sees it. Labels are
matched against the graph's own labels (longest first, compared in Unicode NFC form), so
`σ1`, `ŷ` or `layers.0.w.1` need not be Python identifiers; a label that reads as a
number is never matched, so `2` is always the number 2. `·`, `×` become `*`, `−`
becomes `-`, `^` and superscripts (`²`, `⁻¹`) become powers, and `[x > 0]` is 1 when
x > 0 and 0 otherwise. A function is an op of the table called by name (`log`, `ln`,
`σ`, `ReLU`). Anything else stops here with a `FormulaError` that shows the text and
a caret under the offending part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.ops import OPS, formula_names, op_called
from ..errors import FormulaError

MAX_LENGTH = 2000
SYMBOLS = {"·": "*", "⋅": "*", "∙": "*", "×": "*", "*": "*", "−": "-", "–": "-", "-": "-"}
SYMBOLS.update({"+": "+", "/": "/", "÷": "/", "^": "**", "(": "(", ")": ")", ",": ","})
SYMBOLS.update({"[": "[", "]": "]", ">": ">", "<": "<", "≥": ">=", "≤": "<="})
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-", strict=True))
NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+\-−]?\d+)?")
_HINTS = {
    ".": "attribute access is not part of a formula",
    "'": "strings are not part of a formula",
    '"': "strings are not part of a formula",
    "=": "a formula is one side of an equation; compare with [x > 0]",
}


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "label", "function", "op", "(", ")", "[", "]", ","
    text: str  # what Python will read: a number, an operator, the label or function
    start: int
    end: int


def function_names() -> tuple[str, ...]:
    """Every name a formula may call, from the op table, longest first."""
    return tuple(
        sorted({w for op in OPS.values() for w in formula_names(op)}, key=len, reverse=True)
    )


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
    known = sorted(spelled, key=len, reverse=True)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        word = _word_at(text, i)
        call = word is not None and text[i + len(word) :].lstrip().startswith("(")
        label = None if call and op_called(word) else _label_at(text, i, known)  # type: ignore[arg-type]
        if label is not None:
            tokens.append(Token("label", spelled[label], i, i + len(label)))
        elif word is not None:
            tokens.append(_word_token(text, word, i, call, known, set(ambiguous)))
        elif text.startswith("**", i) or text.startswith(">=", i) or text.startswith("<=", i):
            tokens.append(Token("op", text[i : i + 2], i, i + 2))
        elif ch in SYMBOLS:
            kind = ch if ch in "()[]," else "op"
            tokens.append(Token(kind, SYMBOLS[ch], i, i + 1))
        elif ch in SUPERSCRIPTS:
            j = i
            while j < len(text) and text[j] in SUPERSCRIPTS:
                j += 1
            power = "".join(SUPERSCRIPTS[c] for c in text[i:j])
            if not re.fullmatch(r"-?\d+", power):
                raise FormulaError("a superscript power is a whole number, as ² or ⁻¹", text, i, j)
            tokens += [Token("op", "**", i, j), Token("number", f"({power})", i, j)]
        elif number := NUMBER.match(text, i):
            tokens.append(Token("number", number.group().replace("−", "-"), i, number.end()))
        else:
            hint = _HINTS.get(ch, "it is not an operator, a number or a label")
            raise FormulaError(f"unexpected {ch!r}: {hint}", text, i, i + 1)
        i = tokens[-1].end
    _check_operators_between(tokens, text)
    if tokens and tokens[-1].kind == "op":
        raise FormulaError("the formula ends with an operator", text, tokens[-1].start, len(text))
    return tokens


def _label_at(text: str, i: int, known: list[str]) -> str | None:
    for label in known:
        if text.startswith(label, i):
            end = i + len(label)
            if end == len(text) or not (_is_name_char(text[end]) and _is_name_char(label[-1])):
                return label
    return None


def _word_token(
    text: str, word: str, i: int, call: bool, known: list[str], ambiguous: set[str]
) -> Token:
    end = i + len(word)
    op = op_called(word)
    if call and op is not None:
        return Token("function", op.name, i, end)
    functions = ", ".join(sorted(function_names()))
    if call:
        raise FormulaError(
            f"unknown function {word!r}; a formula may call {functions}", text, i, end
        )
    if op is not None:
        raise FormulaError(f"{word} is a function: write {word}(...)", text, i, end)
    if word in ambiguous:
        raise FormulaError(f"several nodes are labelled {word!r}; relabel one", text, i, end)
    import difflib  # only a mistake needs it: `import autograd_scalar` stays quick

    same_letters = [lb for lb in known if lb.casefold() == word.casefold()]
    close = same_letters or difflib.get_close_matches(word, known, n=3)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    if not close and known:
        hint = f"; the labels are {', '.join(sorted(known)[:20])}"
    raise FormulaError(f"{word!r} is no node label in this graph{hint}", text, i, end)


def _check_operators_between(tokens: list[Token], text: str) -> None:
    # Two operands side by side ("2x", "(a)(b)", "σ1 σ2") mean a missing operator.
    ends = ("number", "label", ")", "]")
    starts = ("number", "label", "function", "(", "[")
    for left, right in zip(tokens, tokens[1:], strict=False):
        if left.kind in ("label", ")") and right.kind == "[":
            raise FormulaError(
                "subscripts are not part of a formula; [ ] holds a comparison, as in [x > 0]",
                text,
                right.start,
                right.end,
            )
        if left.kind in ends and right.kind in starts:
            raise FormulaError(
                "an operator is missing here: write * (or ·) to multiply",
                text,
                left.start,
                right.end,
            )
