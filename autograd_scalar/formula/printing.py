"""Writing formula trees as a document would: `(σ3 − y)·σ1`, `x²`, or LaTeX.

Each op is written by its record's template (`written` for text, `latex` for LaTeX).
An operand gets brackets only where the reading needs them: when it binds less
tightly than the op (a sum inside a product), when a chain would regroup (`a − (b − c)`,
`(a^b)^c`), or when it starts with a minus sign in the middle of an expression
(`a·(−b)`). A place already enclosed by the template, such as the argument of `σ(…)` or
`\\frac{…}{…}`, never gets more. Small whole powers are written as superscripts (`x²`).
"""

from __future__ import annotations

import re
import unicodedata

from ..core.ops import ATOMIC, Op
from .expr import Call, Expr, Indicator, Name, Number, fold

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
NEGATIVE = 2  # a leading minus binds as a product does: −a·b is −(a·b)
_RELATION_TEXT = {">": ">", "<": "<", ">=": "≥", "<=": "≤", "=": "=", "!=": "≠"}
_RELATION_LATEX = {">": ">", "<": "<", ">=": "\\geq", "<=": "\\leq", "=": "=", "!=": "\\neq"}


def number_text(value: float, latex: bool = False, exact: bool = False) -> str:
    """A number as a formula shows it: short, exact when that is short, with a true minus.

    `exact` writes every digit that reading it back needs (for a formula that is checked
    as it is printed), where the default stops at 6 significant digits.
    """
    if value == int(value) and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = repr(value)
        if len(text.lstrip("-")) > 9 and not exact:
            text = f"{value:.6g}"
    if latex:
        mantissa, _, exponent = text.partition("e")
        return f"{mantissa} \\times 10^{{{int(exponent)}}}" if exponent else text
    return text.replace("-", "−")


def text(expr: Expr, exact: bool = False) -> str:
    """The formula in a document's typography: `(σ3 − y)·σ1`, `x²`, `[Z > 0]`.

    Numbers are shown to 6 significant digits, or with every digit when `exact`.
    """
    return fold(expr, lambda node, parts: _write(node, parts, latex=False, exact=exact))[0]


def latex(expr: Expr, exact: bool = False) -> str:
    """The formula in LaTeX: `\\left(\\sigma_{3} - y\\right) \\cdot \\sigma_{1}`."""
    return fold(expr, lambda node, parts: _write(node, parts, latex=True, exact=exact))[0]


Written = tuple[str, int]  # the text, and how tightly it binds


def _write(node: Expr, parts: list[Written], latex: bool, exact: bool = False) -> Written:
    if isinstance(node, Number):
        shown = number_text(node.value, latex, exact)
        return shown, NEGATIVE if node.value < 0 else ATOMIC
    if isinstance(node, Name):
        return (latex_label(node.label) if latex else node.label), ATOMIC
    if isinstance(node, Indicator):
        relation = (_RELATION_LATEX if latex else _RELATION_TEXT)[node.relation]
        return f"[{parts[0][0]} {relation} {parts[1][0]}]", ATOMIC
    assert isinstance(node, Call)
    op = node.op
    template = op.latex if latex else op.written
    filled = template
    for position, (placeholder, (shown, binds)) in enumerate(zip(op.operands, parts)):
        key = "{" + placeholder + "}"
        at = template.find(key)
        if at < 0:
            continue
        if not latex and template[:at].endswith("^") and _is_whole(node.args[position]):
            filled = filled.replace("^" + key, shown.replace("−", "-").translate(SUPERSCRIPT))
            continue
        inner = node.args[position]
        if not _enclosed(template, at, op.operands) and _needs_brackets(
            op, position, at, shown, binds, inner.op if isinstance(inner, Call) else None
        ):
            shown = f"\\left({shown}\\right)" if latex else f"({shown})"
        filled = filled.replace(key, shown)
    return filled, op.precedence


def _is_whole(expr: Expr) -> bool:
    return isinstance(expr, Number) and expr.value == int(expr.value) and abs(expr.value) < 100


def _enclosed(template: str, at: int, placeholders: tuple[str, ...]) -> bool:
    """Whether the template's brackets or braces already enclose the place at `at`."""
    before = template[:at]
    for name in placeholders:
        before = before.replace("{" + name + "}", "x")
    depth = 0
    for match in re.finditer(r"\\left|\\right|[({)}]", before):
        token = match.group()
        depth += 1 if token in ("\\left", "(", "{") else -1
    return depth > 0


def _needs_brackets(
    op: Op, position: int, at: int, shown: str, binds: int, inner: Op | None
) -> bool:
    if binds < op.precedence:
        return True
    if binds == op.precedence and binds != ATOMIC:
        # Two ops of one precedence side by side group the way the later one says
        # (`formula.parser`): left, unless it groups to the right.
        if position == 0 and op.associates == "right":
            return True
        if position > 0 and not _groups_as_written(op, inner):
            return True
    # A sign in the middle of an expression reads as an operator: a·(−b), a − (−b).
    return at > 0 and (shown.startswith("−") or shown.startswith("-"))


def _groups_as_written(op: Op, inner: Op | None) -> bool:
    """Whether `a op (b inner c)` may be written `a op b inner c` without changing its value:
    the inner op binds first (it groups to the right), or both are the arithmetic of one
    level that associates (a + (b − c) is a + b − c, a·(b/c) is a·b/c)."""
    if inner is None or inner.associates == "right":
        return True  # a number or a label, or an op that binds first anyway
    return op.associates == "both" and bool(op.operator) and bool(inner.operator)


_GREEK = {
    letter: "\\" + name
    for letter, name in zip(
        "αβγδεηθλμπρστφωℓΣΔ",
        "alpha beta gamma delta epsilon eta theta lambda mu pi rho sigma tau phi omega ell "
        "Sigma Delta".split(),
        strict=True,
    )
}
_ACCENTS = {"\u0302": "\\hat", "\u0304": "\\bar", "\u0303": "\\tilde", "\u0307": "\\dot"}
# LaTeX's special characters, escaped in math (_SPECIAL) and in \\text{…} (_TEXT_SPECIAL).
_ESCAPED = {ch: "\\" + ch for ch in "{}#$%&_"} | {"^": "\\^{}", "~": "\\~{}"}
_SPECIAL = _ESCAPED | {"\\": "\\backslash "}


def latex_label(label: str) -> str:
    """A label in LaTeX: `W1` → `W_{1}`, `σ3` → `\\sigma_{3}`, `ŷ_2` → `\\hat{y}_{2}`,
    `out_n9` → `\\mathrm{out}_{n9}`."""
    base, subscript = label, ""
    if "_" in label:
        base, _, subscript = label.partition("_")
    else:
        match = re.fullmatch(r"(.*?[^\d])(\d+)", label)
        if match:
            base, subscript = match.groups()
    written = _latex_word(base)
    return f"{written}_{{{_latex_text(subscript)}}}" if subscript and base else written


def _latex_word(word: str) -> str:
    letters = unicodedata.normalize("NFD", word)
    pieces: list[str] = []
    for ch in letters:
        if ch in _ACCENTS and pieces:
            pieces[-1] = f"{_ACCENTS[ch]}{{{pieces[-1]}}}"
        else:
            pieces.append(_GREEK.get(ch, _SPECIAL.get(ch, ch)))
    plain = "".join(pieces)
    if len(pieces) > 1 and all(p.isalpha() and len(p) == 1 for p in pieces):
        return f"\\mathrm{{{plain}}}"  # a word such as "out" is upright, not o·u·t
    return plain


def _latex_text(text: str) -> str:
    return "".join(_GREEK.get(ch, _SPECIAL.get(ch, ch)) for ch in text)


_TEXT_SPECIAL = _ESCAPED | {"\\": "\\textbackslash{}"}


def latex_words(words: str) -> str:
    """Plain words for LaTeX's math mode: `\\text{…}`, with LaTeX's special characters escaped."""
    return "\\text{" + "".join(_TEXT_SPECIAL.get(ch, ch) for ch in words) + "}"
