"""autograd_scalar: a scalar reverse-mode autodiff engine for seeing and checking backprop."""

from . import documents, nn
from .check import GradcheckError, check_partial, check_partials, gradcheck
from .engine import Value, grad, no_grad
from .errors import AutogradError, DomainError, NonFiniteGradientError
from .explain import Explanation, explain
from .formula import FormulaError
from .gradcheck_report import GradcheckResult
from .loading import ModelFileError
from .render import RenderError
from .replay import Tape
from .verdict import PartialTable, PartialVerdict
from .viz import Drawing, draw

__all__ = [
    "AutogradError",
    "DomainError",
    "Drawing",
    "Explanation",
    "FormulaError",
    "GradcheckError",
    "GradcheckResult",
    "ModelFileError",
    "NonFiniteGradientError",
    "PartialTable",
    "PartialVerdict",
    "RenderError",
    "Tape",
    "Value",
    "check_partial",
    "check_partials",
    "documents",
    "draw",
    "explain",
    "gradcheck",
    "grad",
    "nn",
    "no_grad",
]
__version__ = "0.1.0"
