"""Checking derivatives: hand-computed partials, gradcheck, op records, printed numbers.

`partial` judges a claimed ∂output/∂x (a number, a formula or a function) against the
engine, at the recorded point and at replayed points; `verdict` holds its answers;
`diagnose` says what a wrong claim did, over the steps and paths of `chain`, and
`partial.correct_formula` gives the right formula; `value` judges a node's claimed value;
`equations` builds a graph from equations written as text (the `check` command);
`gradcheck` compares backward with central differences; `op_check` tests an op record
against itself; `printed` holds a printed number to the decimals it shows.
`derivation_file` reads a derivation file safely (`toml_scan` bounds it first) and
`derivation` reads it as a network; `grading` grades a class's sheets against a key.
"""

from ..errors import GradcheckError
from .diagnose import Diagnosis, Finding
from .gradcheck import GradcheckResult, GradcheckRow, gradcheck
from .grading import ClassResult, grade
from .op_check import OpCheckResult, check_op
from .partial import check_partial, check_partials, correct_formula
from .value import ValueVerdict, check_value
from .verdict import PartialTable, PartialVerdict, RightFormula

__all__ = [
    "ClassResult",
    "Diagnosis",
    "Finding",
    "GradcheckError",
    "GradcheckResult",
    "GradcheckRow",
    "OpCheckResult",
    "PartialTable",
    "PartialVerdict",
    "RightFormula",
    "ValueVerdict",
    "check_op",
    "check_partial",
    "check_partials",
    "check_value",
    "correct_formula",
    "grade",
    "gradcheck",
]
