"""Ctrl-C pressed at a chosen moment: at the k-th step that given source files run.

A tracer counts the steps that the given files run where CPython runs signal handlers
(as a function starts, at a loop's jump back, and after each call returns: its "eval
breaker"; a real Ctrl-C lands nowhere else), and at the k-th one does what pressing
Ctrl-C does: it calls the SIGINT handler installed at that moment, which raises
KeyboardInterrupt unless the code has put a handler of its own there.

(Raising at every bytecode instead would test what no Ctrl-C can do: an exception forced
between a `with`'s last line and its exit, or at the NOP that marks a `try:`, skips the
exit altogether, in CPython's own `with` as in any code.)

From Python 3.12 a KeyboardInterrupt raised at a loop's jump back leaves the frame
without running its `except`, `finally` or `with` exits (CPython issue 130279), whether a
real Ctrl-C or this tracer raises it: work that must put things right keeps its loops in
functions of its own, and a test that presses at every step finds a loop that is not.
"""

from __future__ import annotations

import dis
import functools
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

_CALLS = {"CALL", "CALL_KW", "CALL_FUNCTION_EX"}
_CHECKED = {"RESUME", "JUMP_BACKWARD"}


def sources(*modules: ModuleType) -> set[Path]:
    return {Path(module.__file__).resolve() for module in modules}  # type: ignore[arg-type]


@functools.cache
def _landing(code: CodeType) -> frozenset[int]:
    """The offsets in `code` of the bytecodes before which a Ctrl-C can be handled."""
    found = set()
    after_call = False
    for instruction in dis.get_instructions(code):
        if after_call or instruction.opname in _CHECKED:
            found.add(instruction.offset)
        after_call = instruction.opname in _CALLS
    return frozenset(found)


def press(frame: Any) -> None:
    """What Ctrl-C does: the installed SIGINT handler runs (it may raise)."""
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):
        handler(signal.SIGINT, frame)


class CtrlC:
    """Ctrl-C at the k-th step (each of `at`, if several) run in `files`; counts when k is None."""

    def __init__(
        self, files: Iterable[Path], at: int | Iterable[int] | None = None, swallowed: bool = False
    ) -> None:
        self.files = set(files)
        self.at = {at} if isinstance(at, int) else set(at or ())
        # Pressed where Python swallows what the handler raises (a garbage collector's
        # callback runs between any two bytecodes, and its exceptions are only printed).
        self.swallowed = swallowed
        self.seen = 0
        self.pressed = 0
        self.handler: Any = None  # the SIGINT handler that the (last) press found
        self.raised_at: int | None = None  # the step where the first exception arose

    def __call__(self, frame, event, arg):
        if Path(frame.f_code.co_filename).resolve() not in self.files:
            return None
        frame.f_trace_opcodes = True
        if sys.version_info >= (3, 12):
            # Tracing is built on `sys.monitoring` there: a frame's opcode events start
            # only when the tracer is set again.
            frame.f_trace = self.local
            sys.settrace(self)
        return self.local

    def local(self, frame, event, arg):
        if event == "exception" and self.raised_at is None:
            self.raised_at = self.seen
        if event in ("opcode", "line") and frame.f_lasti in _landing(frame.f_code):
            self.seen += 1
            if self.seen in self.at:
                self.pressed += 1
                self.handler = signal.getsignal(signal.SIGINT)
                if not self.swallowed:
                    press(frame)
                else:
                    try:
                        press(frame)
                    except KeyboardInterrupt:
                        pass
        return self.local

    def run(self, work: Callable[[], Any]) -> Any:
        """`work()` with this tracer on; whatever it raises is raised."""
        sys.settrace(self)
        try:
            return work()
        finally:
            sys.settrace(None)
