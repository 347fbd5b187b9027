"""Checking derivatives: hand-computed partials, gradcheck, op records, printed numbers.

`verdict` is the one answer every check gives; `partial` judges a claimed ∂output/∂x (a
number, a formula or a function) against the engine, at the recorded point and at
replayed points (`points`, `agreement`); `diagnose` says what a wrong claim did, over
the steps and paths of `chain` (with `mistakes`, the mistakes that change the chain
rule's pieces, and `findings`, the sentences it says them in), and
`partial.correct_formula` gives the right formula; `value` judges a printed number or a
node's claimed value; `elements` judges several partials said at once as one claim;
`identity` a definition or an identity on a `network` rebuilt at many points; `rule` an
update rule, by whether a small step lowers the loss, run by `descent` (training runs,
on the engine's gradient or a `Procedure`'s formulas); `together` judges claims that
cannot all hold, and one statement of several parts; `table` prints verdicts side by
side; `equations` builds a graph from equations written as text (the `check` command);
`gradient_check` (`gradcheck()`) compares backward with central differences; `op_check`
tests an op record against itself; `printed` holds a printed number to the decimals it
shows. `derivation_file` reads a derivation file safely (`toml_scan` bounds it first),
`derivation` reads it as a network, and `grading` grades a class's sheets against a key.
"""

import warnings
from typing import Any

from ..errors import GradcheckError
from .diagnose import Diagnosis, Finding
from .gradient_check import GradcheckResult, GradcheckRow, gradcheck
from .grading import ClassResult, grade
from .op_check import OpCheckResult, check_op
from .partial import check_partial, check_partials, correct_formula
from .table import PartialTable
from .value import check_number, check_value
from .verdict import RightFormula, Verdict

__all__ = [
    "ClassResult",
    "Diagnosis",
    "Finding",
    "GradcheckError",
    "GradcheckResult",
    "GradcheckRow",
    "OpCheckResult",
    "PartialTable",
    "RightFormula",
    "Verdict",
    "check_number",
    "check_op",
    "check_partial",
    "check_partials",
    "check_value",
    "correct_formula",
    "grade",
    "gradcheck",
]

_OLD_NAMES = {"PartialVerdict": "Verdict", "ValueVerdict": "Verdict"}


def __getattr__(name: str) -> Any:
    # The previous release's verdict types are the one Verdict now (PEP 562).
    if name in _OLD_NAMES:
        warnings.warn(
            f"{name} is now {_OLD_NAMES[name]}; the old name goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return Verdict
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
