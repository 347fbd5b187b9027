"""The formula language: how a document writes math, read safely and written back.

One language serves the op table's templates, the claims `check_partial` reads, the
formulas `explain` and the pictures write, and LaTeX: `tokens` and `parse` read text
into a tree (`expr`), `printing` writes a tree as text or LaTeX, and `algebra` builds
the products and sums of the chain rule in a form a person would write.
"""

from ..errors import FormulaError
from .expr import Call, Expr, Indicator, Name, Number, evaluate
from .parser import Formula, parse_formula
from .printing import latex, latex_label, text

__all__ = [
    "Call",
    "Expr",
    "Formula",
    "FormulaError",
    "Indicator",
    "Name",
    "Number",
    "evaluate",
    "latex",
    "latex_label",
    "parse_formula",
    "text",
]
