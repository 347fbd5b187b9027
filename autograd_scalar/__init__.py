"""autograd_scalar: a scalar reverse-mode autodiff engine for seeing and checking backprop.

The layers, each a sub-package: `core` (the op table, Value, the chain rule, replay),
`formula` (the formula language), `explanation` (the chain rule written out), `check`
(checking partials, gradcheck), `viz` (pictures), `nn` (networks), `bridge` (to and
from PyTorch), `documents` (the four seed documents). This module re-exports the public
API. The engine is imported at once; every other layer when one of its names is first
used, so `import autograd_scalar` stays quick and loads no document.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .core import (
    OPS,
    Op,
    Value,
    apply,
    enable_grad,
    function,
    grad,
    labelled_nodes,
    no_grad,
    node_labelled,
    topological_order,
)
from .core.ops import EXP, LOG, RELU, SIGMOID, SQRT, TANH
from .errors import (
    AutogradError,
    CheckFileError,
    DomainError,
    FormulaError,
    GradcheckError,
    GraphLookupError,
    ModelFileError,
    NonFiniteGradientError,
    OpError,
    RenderError,
)

if TYPE_CHECKING:  # what the names below are, for type checkers and editors
    from . import documents, nn
    from .bridge import to_torch
    from .check import (
        ClassResult,
        GradcheckResult,
        OpCheckResult,
        PartialTable,
        Verdict,
        check_op,
        check_partial,
        check_partials,
        gradcheck,
        grade,
    )
    from .core.replay import Tape
    from .explanation import Explanation, explain
    from .explanation.steps import BackwardStep, backward_steps
    from .formula.registry import register_op, registered, unregister_op
    from .viz import Drawing, draw

# The table's functions of one input, for floats and Values alike: sigmoid(0.3) is a
# float, sigmoid(x) a node of x's graph (so an op's partials can be written once).
exp, log, sigmoid, relu, tanh, sqrt = (function(op) for op in (EXP, LOG, SIGMOID, RELU, TANH, SQRT))

_LATER = {
    "core.replay": ("Tape",),
    "check": (
        "ClassResult",
        "GradcheckResult",
        "OpCheckResult",
        "PartialTable",
        "Verdict",
        "check_op",
        "check_partial",
        "check_partials",
        "grade",
        "gradcheck",
    ),
    "viz": ("Drawing", "draw"),
    "explanation": ("BackwardStep", "Explanation", "backward_steps", "explain"),
    "formula.registry": ("register_op", "registered", "unregister_op"),
    "bridge": ("to_torch",),
}
_WHERE = {name: layer for layer, names in _LATER.items() for name in names}

__all__ = [
    "OPS",
    "AutogradError",
    "BackwardStep",
    "CheckFileError",
    "ClassResult",
    "DomainError",
    "Drawing",
    "Explanation",
    "FormulaError",
    "GradcheckError",
    "GradcheckResult",
    "GraphLookupError",
    "ModelFileError",
    "NonFiniteGradientError",
    "Op",
    "OpCheckResult",
    "OpError",
    "PartialTable",
    "RenderError",
    "Tape",
    "Value",
    "Verdict",
    "apply",
    "backward_steps",
    "check_op",
    "check_partial",
    "check_partials",
    "documents",
    "draw",
    "enable_grad",
    "exp",
    "explain",
    "function",
    "grade",
    "gradcheck",
    "grad",
    "labelled_nodes",
    "log",
    "nn",
    "no_grad",
    "node_labelled",
    "register_op",
    "registered",
    "relu",
    "sigmoid",
    "sqrt",
    "tanh",
    "to_torch",
    "topological_order",
    "unregister_op",
]
__version__ = "0.2.0"


def __getattr__(name: str) -> Any:
    # A layer is imported the first time one of its names is asked for (PEP 562).
    if name in ("nn", "documents"):
        return import_module(f".{name}", __name__)
    if name == "PartialVerdict":  # the old name of Verdict: it warns, so it is not kept
        return getattr(import_module(".check", __name__), name)
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value  # asked once, then an ordinary attribute
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
