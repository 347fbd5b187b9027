"""What a diagnosis says: sentences whose pieces are words or math, each read as text,
LaTeX or Markdown.

A `Finding` is one explanation of a wrong claim that holds at every checked point: its
kind, its sentence, and, for several mistakes made together, the kind of each; `detail`
names what sets it apart from others of its kind (`2 ×`, `∂ℓ/∂σ3`), so that a class's
mistakes are counted by kind (`KIND_SENTENCES`) and then by detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..explanation.paths import partial_latex, symbol
from ..formula.printing import latex_words

KINDS = (
    "sign",
    "factor",
    "paths",
    "derivative",
    "missing factor",
    "swapped factor",
    "inner derivative",
    "kept power",
    "shared",
    "wrong sum",
    "combined",
)
"""Every kind of finding; "combined" is several mistakes at once, listed in `mistakes`."""

KIND_SENTENCES = {
    "sign": "the sign is flipped",
    "factor": "off by a constant factor",
    "paths": "only some paths are summed",
    "derivative": "a different derivative was taken",
    "missing factor": "a factor of the chain is missing",
    "swapped factor": "a factor stands where another should",
    "inner derivative": "the −1 of an inner derivative dropped",
    "kept power": "a power kept after differentiating",
    "shared": "the derivative taken by every node of one name at once",
    "wrong sum": "a sum over the wrong factors",
    "combined": "several mistakes together",
}
"""Each kind in the words its findings start with: what a class summary counts by."""


@dataclass(frozen=True)
class Math:
    """A piece of a sentence that is math: how it reads as text, and in LaTeX."""

    text: str
    latex: str


Part = str | Math


def partial(of: str, wrt: str) -> Math:
    """∂of/∂wrt, as text and as a LaTeX fraction."""
    return Math(f"∂{symbol(of)}/∂{symbol(wrt)}", partial_latex(of, wrt))


def markdown_words(words: str) -> str:
    """Words for Markdown, with the characters that would format them escaped (out_n9)."""
    return "".join(f"\\{ch}" if ch in "\\`*_[]<>$" else ch for ch in words)


@dataclass(frozen=True)
class Finding:
    """One explanation that holds at every checked point: its kind and its sentence.

    kind: one of `KINDS`. A "combined" finding is several mistakes made together, and
    `mistakes` names the kind of each ("kept power", "inner derivative", "shared", …);
    for any other kind `mistakes` is empty. `detail` is what sets it apart from others
    of its kind, in a few characters (`2 ×`, `∂ℓ/∂σ3`; "" when nothing does).
    """

    kind: str
    parts: tuple[Part, ...]
    mistakes: tuple[str, ...] = ()
    detail: str = ""

    def __str__(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.parts)

    def latex(self) -> str:
        """The sentence in LaTeX math mode: words in \\text{…}, math as math."""
        return "".join(latex_words(p) if isinstance(p, str) else p.latex for p in self.parts)

    def markdown(self) -> str:
        """The sentence in Markdown, its math inline between $ signs."""
        return "".join(
            markdown_words(p) if isinstance(p, str) else f"${p.latex}$" for p in self.parts
        )
