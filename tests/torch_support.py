"""What the PyTorch bridge's tests share: torch itself, and what "the same number" means.

Without torch (the `torch` extra) a test module that calls `needs_torch()` is skipped,
with the reason; with the CI variable set it fails instead, so that CI never passes
without running the bridge. Environments that have no torch on purpose leave the files
`test_torch_*.py` (and the `to-pytorch` notebook) out of the run.
"""

from __future__ import annotations

import math
import os
from types import ModuleType
from typing import Any

import pytest

from autograd_scalar import topological_order

MISSING = "PyTorch is not installed (pip install -e '.[torch]')"
REL = 1e-12  # the bridge's promise: the engine's numbers to 1e-12, relative


def needs_torch() -> ModuleType:
    """torch; without it the calling module is skipped (or fails, under CI)."""
    try:
        import torch
    except ImportError:
        if os.environ.get("CI"):
            raise RuntimeError(f"the PyTorch bridge's tests cannot run on CI: {MISSING}") from None
        pytest.skip(f"PyTorch bridge: {MISSING}", allow_module_level=True)
    return torch


def same(engine: float, torch_number: float, rel: float = REL, scale: float = 0.0) -> bool:
    """Whether torch's number is the engine's, to `rel` of the larger of the two, or of
    `scale`: a sum that cancels to 0 (x/x − 1) is 0 only to the rounding of its terms,
    which torch and the engine round apart, so it is compared at the size of its terms."""
    return math.isclose(engine, torch_number, rel_tol=rel, abs_tol=rel * scale)


Triple = tuple[str, float, float]


def differing(pairs: list[Triple], rel: float = REL, scale: float = 0.0) -> list[Triple]:
    """The (name, engine's, torch's) triples that are not the same number."""
    return [(name, a, b) for name, a, b in pairs if not same(a, b, rel, scale)]


def value_scale(node: Any) -> float:
    """The largest number the node's value was computed from: a sum that cancels is only
    known to the rounding of its terms (torch's tanh and exp may differ from Python's in
    the last bit, and a cancelling sum shows it)."""
    return max(abs(n.data) for n in topological_order(node))


def gradient_scales(root: Any) -> dict[Any, float]:
    """For each leaf, the largest share of its gradient that backward added up: the
    gradient of a node that takes the leaf, times the size of its other operands."""
    scales: dict[Any, float] = {}
    for node in topological_order(root):
        for parent in node.parents:
            others = [
                abs(x.data if hasattr(x, "data") else x) for x in node.operands if x is not parent
            ]
            share = abs(node.grad) * max([1.0, *others])
            scales[parent] = max(scales.get(parent, 0.0), share)
    return scales
