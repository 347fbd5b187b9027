"""The engine: the op table, `Value`, the chain rule, grad mode and replay.

Only the standard library is imported here; every other layer builds on this one.
Replay (`Tape`) is loaded when first asked for, so that importing the engine stays quick.
"""

from typing import TYPE_CHECKING, Any

from .chain_rule import backward
from .grad_mode import enable_grad, is_recording, no_grad
from .gradients import grad
from .graph import labelled_nodes, node_labelled, topological_order
from .ops import OPS, Op
from .value import Value, apply, as_float, function

if TYPE_CHECKING:
    from .replay import Tape

__all__ = [
    "OPS",
    "Op",
    "Tape",
    "Value",
    "apply",
    "as_float",
    "backward",
    "enable_grad",
    "function",
    "grad",
    "is_recording",
    "labelled_nodes",
    "no_grad",
    "node_labelled",
    "topological_order",
]


def __getattr__(name: str) -> Any:
    if name == "Tape":
        from .replay import Tape

        return Tape
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
