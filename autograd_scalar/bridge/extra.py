"""PyTorch, the bridge's optional extra: imported when first needed, or an error that says
what to install. Nothing outside the bridge imports torch, and the bridge only here."""

from __future__ import annotations

from types import ModuleType

EXTRA = 'pip install "autograd-scalar[torch]"'


def torch_module(needed_by: str = "to_torch") -> ModuleType:
    """torch, or an ImportError that names the extra to install (CPU wheels are enough)."""
    try:
        import torch
    except ImportError:
        raise ImportError(
            f"{needed_by} needs PyTorch, an optional extra: {EXTRA} (a CPU build is enough)"
        ) from None
    return torch
