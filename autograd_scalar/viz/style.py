"""How a picture reads: the text of its nodes, edges and title, and its colours.

Graphviz reads a record label (`{ W1 | data 0.1 | grad -0.02 }`) through three layers:
the DOT string (`"` and `\\`), the record syntax (`{ } | < >`) and the label's own
escapes (`\\n`, `\\N`, `&amp;`). Every text a person wrote passes through `record_text` or
`plain_text` so that it comes out of the SVG exactly as written. (HTML-like labels
would be simpler, but the WebAssembly build of Graphviz has no HTML parser.)
Runs of whitespace read as one space, as Graphviz would draw them anyway; a character
that XML cannot hold (a control character, a lone surrogate), or that would change the
direction of the text around it (a bidirectional control: `W1` + U+202E drew `W12 =`),
reads as U+FFFD, the replacement character, in the picture and in the page alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..core.value import Value
from ..explanation.folding import Folding
from ..formula.printing import number_text, text

DIGITS = 4  # significant digits of every number drawn
# Graphviz measures text with the metrics of FONT; the SVG then names FONTS, a list that
# starts with FONT and whose every member has σ, ℓ, ∂, ŷ and subscripts, ending in a
# generic family (a serif Times, Graphviz's default, has no ℓ on many machines).
FONT = "DejaVu Sans"
FONTS = "'DejaVu Sans', 'Noto Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
TEXT_SIZE = "10"  # points: 13.3 px at natural size, 10 px even when drawn at 3/4 of it
SMALL_SIZE = "8.5"  # edge labels and group titles: 12 px at natural size
CURRENT = "#7b2d8e"  # the node whose step of backward is being shown
WIDTH = 12  # characters on one line of an equation before it wraps
HIGHLIGHT = "#e6550d"  # the paths to a chosen parameter
_POSITIVE = (214, 96, 77)  # red: increasing this node increases the output
_NEGATIVE = (67, 147, 195)  # blue: increasing this node decreases the output
_RECORD_SPECIALS = "{}|<>"


def number(x: float) -> str:
    """`x` with DIGITS significant digits, as every number in a picture reads."""
    return f"{x + 0.0:.{DIGITS}g}"  # + 0.0 turns -0.0 into 0.0


def plain_text(text: str) -> str:
    """`text` escaped for an ordinary Graphviz label (titles, edge labels, groups)."""
    text = shown_text(" ".join(str(text).split()))
    # `\` would start an escape (`\n`, `\N`), `&` an entity (`&amp;`).
    return text.replace("\\", "\\\\").replace("&", "&amp;")


# What a picture or a page cannot show as itself: control characters (but the white space
# of the page's own markup), lone surrogates, the two non-characters XML forbids, and the
# bidirectional controls (embeddings, overrides, isolates and marks).
_UNSHOWN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def shown_text(text: str) -> str:
    """`text` with each character that a picture or a page cannot show as itself (see
    `_UNSHOWN`) replaced by U+FFFD, which shows that one was there."""
    return _UNSHOWN.sub("\ufffd", text)


def record_text(text: str) -> str:
    """`text` escaped for one field of a record label."""
    escaped = plain_text(text)
    for special in _RECORD_SPECIALS:
        escaped = escaped.replace(special, "\\" + special)
    return escaped


def grad_text(grad: float | None) -> str:
    """A node's grad field: `grad 0.1243`, or a bare `grad` while backward has not reached it."""
    return "grad" if grad is None else f"grad {number(grad)}"


def value_label(node: Value, show_grad: bool, grad: float | None = None) -> str:
    """The record of a Value: its label (if any), data and grad (after backward).

    `grad` is the gradient to show, when it is not `node.grad` (a step of backward)."""
    fields = [record_text(node.label)] if node.label.strip() else []
    fields.append(f"data {number(node.data)}")
    if show_grad:
        fields.append(grad_text(grad))
    return "{ " + " | ".join(fields) + " }"


def wrap(written: str, width: int = WIDTH) -> list[str]:
    """An equation cut into lines of about `width` characters, each break before a + or −
    outside brackets (inside the outer ones, for `−(a + b)`; and in a term far too long,
    after a ·), as a book sets it."""
    pieces = _terms(written, 0)
    if len(pieces) == 1 and len(written) > 2 * width:  # only a long one, not (y − ŷ)²
        pieces = _terms(written, 1)
    pieces = [part for piece in pieces for part in _at_products(piece, width + 6)]
    lines = [pieces[0]]
    for piece in pieces[1:]:
        if len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


def _terms(written: str, level: int) -> list[str]:
    """`written` cut before each + or − that stands between terms at bracket depth `level`."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(written):
        depth += (ch in "([") - (ch in ")]")
        if depth == level and ch in "+−" and 0 < i < len(written) - 1:
            if written[i - 1] == " " and written[i + 1] == " ":
                pieces.append(written[start : i - 1])
                start = i
    pieces.append(written[start:])
    return pieces


def _at_products(term: str, longest: int) -> list[str]:
    """A term longer than `longest` cut after its products' dots outside brackets."""
    if len(term) <= longest:
        return [term]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(term):
        depth += (ch in "([") - (ch in ")]")
        if depth == 0 and ch == "·" and i > start:
            parts.append(term[start : i + 1])
            start = i + 1
    parts.append(term[start:])
    return [part for part in parts if part]


def op_label(node: Value) -> str:
    """The op as drawn, with a plain number operand inside it: `σ`, `× 2`, `1 −`, `^2`."""
    op = node.op
    assert op is not None
    if node.const is None:
        return plain_text(op.symbol)
    k = number_text(node.const)
    if op.arity == 1:  # the op's constant, such as the exponent of a power
        return plain_text(f"{op.symbol}{k}")
    return plain_text(f"{k} {op.symbol}" if node._a is None else f"{op.symbol} {k}")


def name_of(root: Value) -> str:
    """How the drawn output is named in titles: its label, else "the output"."""
    return root.label.strip() or "the output"


def caption(root: Value, backward_done: bool, color_grads: bool, highlight: list[Value]) -> str:
    """The title: the output's value, what the grads mean, and what the colours say."""
    heading = f"{name_of(root)} = {number(root.data)}"
    if not backward_done:
        return f"{heading}  (before backward(): no gradients yet)"
    notes = [f"grad = ∂{name_of(root)}/∂node"]
    if color_grads:
        notes.append("red > 0, blue < 0")
    if highlight:
        named = ", ".join(v.label.strip() or number(v.data) for v in highlight)
        notes.append(f"orange: paths to {named}")
    return f"{heading}  ({'; '.join(notes)})"


def grad_note(root: Value, grads: Mapping[Value, float], moved: bool = False) -> str:
    """A line for the title when the `.grad` fields hold other numbers than those drawn
    (∂root/∂node of one backward): another node's backward, or a leaf's sum over calls.

    `moved`: the line a page shows once its knobs have moved the leaves, when the `.grad`
    it quotes is Python's, at the values drawn, and no longer beside the numbers shown."""
    name = name_of(root)
    if root.grad != 1.0:
        return f"shown: ∂{name}/∂node; the .grad fields hold a backward() of another node"
    for node, grad in grads.items():
        if node.op is None and node.grad != grad:
            who = node.label.strip() or f"a leaf of data {number(node.data)}"
            if moved:
                return (
                    f"shown: one backward()'s ∂{name}/∂node here; in Python, at the values "
                    f"drawn, {who}.grad = {number(node.grad)} (added up over calls)"
                )
            return (
                f"shown: one backward()'s ∂{name}/∂node; a leaf's .grad adds up over calls "
                f"({who}.grad = {number(node.grad)})"
            )
    return ""


def partial_label(folding: Folding, node: Value, position: int) -> str:
    """The local derivative of `node` by its input at `position` (0 or 1) as an edge reads
    it: formula = number."""
    formulas = folding.partial_formulas(node)
    value = node._da if position == 0 else node._db
    shown = number(float(value))
    formula = formulas[position]
    written = "" if formula is None else text(formula)
    if not written or written == shown:
        return plain_text(shown)
    return plain_text(f"{written} = {shown}")


def grad_fill(grad: float, largest: float) -> str:
    """A fill colour: red for grad > 0, blue for grad < 0, deeper as |grad| nears `largest`."""
    if grad == 0.0 or largest == 0.0:
        return "#ffffff"
    strength = min(abs(grad) / largest, 1.0)
    base = _POSITIVE if grad > 0 else _NEGATIVE
    red, green, blue = (round(255 + (c - 255) * strength) for c in base)
    return f"#{red:02x}{green:02x}{blue:02x}"
