"""autograd_scalar: a scalar reverse-mode autodiff engine for seeing and checking backprop."""

from .engine import Value, grad, no_grad
from .errors import AutogradError, DomainError, NonFiniteGradientError

__all__ = ["AutogradError", "DomainError", "NonFiniteGradientError", "Value", "grad", "no_grad"]
__version__ = "0.1.0"
