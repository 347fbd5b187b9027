"""Reading a formula as a document writes it: tokens, typography, and pointed errors.

A formula such as `(σ3 − y)·W5·σ1²` is cut into tokens before Python sees it. Labels are
matched against the graph's own labels (longest first, compared in Unicode NFC form), so
`σ1`, `ŷ` or `layers.0.w.1` need not be Python identifiers; `·`, `×` become `*`, `−`
becomes `-`, `^` and `²`, `³` become powers. Anything else stops here with a
`FormulaError` that shows the text and a caret under the offending part.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MAX_LENGTH = 2000
FUNCTIONS = ("exp", "log", "sigmoid", "relu", "tanh", "sqrt", "abs")
ALIASES = {"ln": "log", "σ": "sigmoid", "ReLU": "relu"}  # as documents write them
SYMBOLS = {"·": "*", "⋅": "*", "∙": "*", "×": "*", "*": "*", "−": "-", "–": "-", "-": "-"}
SYMBOLS.update({"+": "+", "/": "/", "÷": "/", "^": "**", "(": "(", ")": ")"})
POWERS = {"²": "2", "³": "3"}
_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_HINTS = {
    ".": "attribute access is not part of a formula",
    "[": "subscripts are not part of a formula",
    ",": "functions take one argument",
    "'": "strings are not part of a formula",
    '"': "strings are not part of a formula",
}


class FormulaError(ValueError):
    """A formula that cannot be read: says what, and points at where."""

    def __init__(self, message: str, text: str = "", start: int = 0, end: int = 0) -> None:
        self.message, self.text, self.start, self.end = message, text, start, end
        if text:
            # Show at most 60 characters around the culprit, so a huge input stays readable.
            left = max(0, start - 30)
            shown = text[left : left + 60]
            caret = " " * (start - left) + "^" * max(1, min(end, left + 60) - start)
            message = f"{message}\n    {shown}\n    {caret}"
        super().__init__(message)


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "label", "function", "op", "(", ")"
    text: str  # what Python will read: a number, an operator, the label or function
    start: int
    end: int


def _is_name_char(ch: str) -> bool:
    if ch in POWERS:  # "σ1²" is σ1 squared
        return False
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc")


def _word_at(text: str, i: int) -> str | None:
    if not (text[i].isalpha() or text[i] == "_") or text[i] in POWERS:
        return None
    j = i + 1
    while j < len(text) and _is_name_char(text[j]):
        j += 1
    return text[i:j]


def tokenize(text: str, labels: Iterable[str], ambiguous: Iterable[str] = ()) -> list[Token]:
    """The tokens of `text`; every name in it must be one of `labels`."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"a formula of {len(text):,} characters; the limit is {MAX_LENGTH:,}")
    text = unicodedata.normalize("NFC", text)
    # Labels are compared in NFC form; a token carries the label as the graph spells it.
    spelled = {unicodedata.normalize("NFC", lb): lb for lb in labels if lb}
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
        label = None if call and word in FUNCTIONS + tuple(ALIASES) else _label_at(text, i, known)
        if label is not None:
            tokens.append(Token("label", spelled[label], i, i + len(label)))
        elif word is not None:
            tokens.append(_word_token(text, word, i, call, known, set(ambiguous)))
        elif text.startswith("**", i):
            tokens.append(Token("op", "**", i, i + 2))
        elif ch in SYMBOLS:
            kind = ch if ch in "()" else "op"
            tokens.append(Token(kind, SYMBOLS[ch], i, i + 1))
        elif ch in POWERS:
            tokens += [Token("op", "**", i, i + 1), Token("number", POWERS[ch], i, i + 1)]
        elif number := _NUMBER.match(text, i):
            tokens.append(Token("number", number.group(), i, number.end()))
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
    text: str, word: str, i: int, call: bool, known: list[str], ambiguous: set
) -> Token:
    end = i + len(word)
    if call and (word in FUNCTIONS or word in ALIASES):
        return Token("function", ALIASES.get(word, word), i, end)
    if call:
        allowed = ", ".join(FUNCTIONS)
        raise FormulaError(f"unknown function {word!r}; a formula may call {allowed}", text, i, end)
    if word in FUNCTIONS or word in ALIASES:
        raise FormulaError(f"{word} is a function: write {word}(...)", text, i, end)
    if word in ambiguous:
        raise FormulaError(f"several nodes are labelled {word!r}; relabel one", text, i, end)
    same_letters = [lb for lb in known if lb.casefold() == word.casefold()]
    close = same_letters or difflib.get_close_matches(word, known, n=3)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    if not close and known:
        hint = f"; the labels are {', '.join(sorted(known)[:20])}"
    raise FormulaError(f"{word!r} is no node label in this graph{hint}", text, i, end)


def _check_operators_between(tokens: list[Token], text: str) -> None:
    # Two operands side by side ("2x", "(a)(b)", "σ1 σ2") mean a missing operator.
    for left, right in zip(tokens, tokens[1:], strict=False):
        if left.kind in ("number", "label", ")") and right.kind in (
            "number",
            "label",
            "function",
            "(",
        ):
            raise FormulaError(
                "an operator is missing here: write * (or ·) to multiply",
                text,
                left.start,
                right.end,
            )
