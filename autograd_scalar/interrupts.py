"""Ctrl-C during work that must end whole: the first one stops it, later ones wait.

`backward` can be stopped by Ctrl-C anywhere in its work, and then puts things right:
every grad as it was. A second Ctrl-C while it does that would stop the putting right
halfway. `Interrupts` guards such work. While `holding` is False, Ctrl-C goes through as
usual (a KeyboardInterrupt, or whatever the program's own handler does) and `holding`
becomes True; while it is True, Ctrl-C waits, and is delivered when the guard is left,
unless a KeyboardInterrupt is already on its way out (one is enough):

    with Interrupts() as interrupts:
        try:
            work()
        except BaseException:
            interrupts.holding = True  # first: an error other than Ctrl-C got here
            put_right()
            raise

`Interrupts(holding=True)` holds Ctrl-C from the start, for short work that must all
happen or none: an optimizer's update of every parameter, a file written and renamed.

Python runs a signal handler only at some points between bytecodes (a call, a loop's
jump back), never at an attribute store, so nothing runs between `except` and
`holding = True`. Only the main thread receives Ctrl-C; elsewhere the guard does nothing.
"""

from __future__ import annotations

import _signal  # the functions under `signal`, whose wrappers cost 7 µs a call (enum lookups)
import signal
import threading
from types import CodeType, FrameType, TracebackType
from typing import Any

_MAIN_THREAD = threading.main_thread()


class Interrupts:
    """Guards a piece of work against Ctrl-C: see the module's docstring."""

    __slots__ = ("holding", "held", "_previous")

    def __init__(self, holding: bool = False) -> None:
        self.holding = holding
        self.held = False  # a Ctrl-C came while holding, to be delivered on the way out
        self._previous: Any = None  # the handler to give Ctrl-C to, and to put back

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is not _MAIN_THREAD:
            return self
        previous = _signal.getsignal(signal.SIGINT)
        if not callable(previous):  # ignored, or left to the system: nothing to hold back
            return self
        self._previous = previous
        _signal.signal(signal.SIGINT, self._signalled)
        return self

    def _signalled(self, signum: int, frame: FrameType | None) -> None:
        if self._in(frame, _ENTER):  # before the work began: step aside, let this one through
            _signal.signal(signal.SIGINT, self._previous)
            self._previous(signum, frame)
            return
        if self.holding or self._in(frame, _EXIT):
            self.held = True
            return
        # From now on the work is being put right: hold what follows. This one counts as
        # held too, until it is seen to stop the work: a KeyboardInterrupt raised where
        # Python swallows it (a garbage collector's callback) is delivered at the end.
        self.holding = self.held = True
        self._previous(signum, frame)  # as without the guard: a KeyboardInterrupt, usually
        self.holding = self.held = False  # the program's own handler did not stop the work

    def _in(self, frame: FrameType | None, code: CodeType) -> bool:
        """Whether `frame` runs `code` (a method of this class) for this very guard."""
        return frame is not None and frame.f_code is code and frame.f_locals.get("self") is self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.holding = True
        if self._previous is None:
            return
        _signal.signal(signal.SIGINT, self._previous)
        if self.held and not (kind is not None and issubclass(kind, KeyboardInterrupt)):
            signal.raise_signal(signal.SIGINT)  # the Ctrl-C that waited, delivered now


# A Ctrl-C handled in `__enter__` after the handler is set, or as `__exit__` begins, is
# told by the frame it lands in: the guard is not yet (or no longer) around the work, and
# letting it through there would leave the guard's handler set when the guard is gone.
_ENTER = Interrupts.__enter__.__code__
_EXIT = Interrupts.__exit__.__code__
