"""Checking derivatives: hand-computed partials, gradcheck, op records, printed numbers.

`partial` judges a claimed ∂output/∂x (a number, a formula or a function) against the
engine, at the recorded point and at replayed points; `verdict` holds its answers;
`gradcheck` compares backward with central differences; `op_check` tests an op record
against itself; `printed` holds a printed number to the decimals it shows.
"""

from ..errors import GradcheckError
from .gradcheck import GradcheckResult, GradcheckRow, gradcheck
from .op_check import OpCheckResult, check_op
from .partial import check_partial, check_partials
from .verdict import PartialTable, PartialVerdict

__all__ = [
    "GradcheckError",
    "GradcheckResult",
    "GradcheckRow",
    "OpCheckResult",
    "PartialTable",
    "PartialVerdict",
    "check_op",
    "check_partial",
    "check_partials",
    "gradcheck",
]
