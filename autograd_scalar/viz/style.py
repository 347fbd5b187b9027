"""How a picture reads: the text of its nodes, edges and title, and its colours.

Graphviz reads a record label (`{ W1 | data 0.1 | grad -0.02 }`) through three layers:
the DOT string (`"` and `\\`), the record syntax (`{ } | < >`) and the label's own
escapes (`\\n`, `\\N`, `&amp;`). Every text a person wrote passes through `record_text` or
`plain_text` so that it comes out of the SVG exactly as written. (HTML-like labels
would be simpler, but the WebAssembly build of Graphviz has no HTML parser.)
Runs of whitespace read as one space, as Graphviz would draw them anyway; a character
that XML cannot hold (a control character) reads as U+FFFD, the replacement character.
"""

from __future__ import annotations

import unicodedata

from ..core.value import Value
from ..explain.folding import Folding
from ..formula.printing import number_text, text

DIGITS = 4  # significant digits of every number drawn
HIGHLIGHT = "#e6550d"  # the paths to a chosen parameter
_POSITIVE = (214, 96, 77)  # red: increasing this node increases the output
_NEGATIVE = (67, 147, 195)  # blue: increasing this node decreases the output
_RECORD_SPECIALS = "{}|<>"


def number(x: float) -> str:
    """`x` with DIGITS significant digits, as every number in a picture reads."""
    return f"{x + 0.0:.{DIGITS}g}"  # + 0.0 turns -0.0 into 0.0


def plain_text(text: str) -> str:
    """`text` escaped for an ordinary Graphviz label (titles, edge labels, groups)."""
    text = " ".join(str(text).split())
    # Control characters cannot appear in SVG (XML) at all: show that one was there.
    text = "".join("\ufffd" if _not_in_xml(c) else c for c in text)
    # `\` would start an escape (`\n`, `\N`), `&` an entity (`&amp;`).
    return text.replace("\\", "\\\\").replace("&", "&amp;")


def _not_in_xml(c: str) -> bool:
    # Control characters, lone surrogates and the two non-characters XML forbids.
    return unicodedata.category(c) in ("Cc", "Cs") or c in "\ufffe\uffff"


def record_text(text: str) -> str:
    """`text` escaped for one field of a record label."""
    escaped = plain_text(text)
    for special in _RECORD_SPECIALS:
        escaped = escaped.replace(special, "\\" + special)
    return escaped


def value_label(node: Value, show_grad: bool) -> str:
    """The record of a Value: its label (if any), data and grad (after backward)."""
    fields = [record_text(node.label)] if node.label.strip() else []
    fields.append(f"data {number(node.data)}")
    if show_grad:
        fields.append(f"grad {number(node.grad)}")
    return "{ " + " | ".join(fields) + " }"


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
    if root.grad != 1.0:
        # backward() was called on another node: these grads are not ∂root/∂node.
        return f"{heading}  (grads are from a backward() of another node)"
    notes = [f"grad = ∂{name_of(root)}/∂node"]
    if color_grads:
        notes.append("red > 0, blue < 0")
    if highlight:
        named = ", ".join(v.label.strip() or number(v.data) for v in highlight)
        notes.append(f"orange: paths to {named}")
    return f"{heading}  ({'; '.join(notes)})"


def partial_label(folding: Folding, node: Value, parent: Value) -> str:
    """The local derivative ∂node/∂parent as an edge reads it: formula = number."""
    formulas = folding.partial_formulas(node)
    position = 0 if node._a is parent else 1
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
