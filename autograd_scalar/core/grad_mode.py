"""Whether ops record a graph: on by default, off inside `no_grad()`.

The switch is a context variable, so each thread and each asyncio task has its own: a
`no_grad()` block in one thread (or in `gradcheck`, which uses it) never stops another
thread from recording, as PyTorch's grad mode is thread-local. Blocks nest, and each
one restores exactly the state it found.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_recording: ContextVar[bool] = ContextVar("autograd_scalar_recording", default=True)

is_recording = _recording.get
"""True when ops record the graph here (this thread, this task)."""


@contextmanager
def no_grad() -> Iterator[None]:
    """Inside this block, ops compute values but record no graph (for updates)."""
    token = _recording.set(False)
    try:
        yield
    finally:
        _recording.reset(token)


@contextmanager
def enable_grad() -> Iterator[None]:
    """Record the graph inside this block even within `no_grad()`."""
    token = _recording.set(True)
    try:
        yield
    finally:
        _recording.reset(token)
