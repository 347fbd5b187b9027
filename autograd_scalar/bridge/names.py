"""Names of torch parameters: a node's label where torch can take it as a name.

torch names a parameter by any text that is not empty and has no `.` (the dot separates
a sub-module's name from its parameter's in `state_dict`), and that the module does not
use already (`weight`, `forward`, a parameter named before). A label that fails these is
kept beside the parameter, never lost, and the parameter gets a name made here.
"""

from __future__ import annotations

from typing import Any


def can_name(module: Any, label: str) -> bool:
    """Whether `label` can be the name of a new parameter of the torch `module`."""
    return bool(label) and "." not in label and not hasattr(module, label)


def free_name(module: Any, wanted: str) -> str:
    """`wanted`, or `wanted_`, `wanted__`, … : the first that `module` does not use yet."""
    while hasattr(module, wanted):
        wanted += "_"
    return wanted
