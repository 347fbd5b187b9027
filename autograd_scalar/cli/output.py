"""What the command prints, whoever reads it: a pipe that closes early, a full disk, a
name that is not text.

`Output` stands in for `sys.stdout` while a command runs:
- a reader that stops early (`| head -1`) closes the pipe; what the command prints after
  that goes nowhere, and the command runs to its end, so that its exit status still says
  what it found (a script with `set -o pipefail` sees a wrong claim as one);
- any other failure to write (a full disk, an output closed from the start) is
  remembered, and the command ends with it (`failure`), in one line and with status 1,
  instead of a traceback at exit;
- text the output cannot hold is written with backslash escapes: a file name whose bytes
  are not UTF-8 holds lone surrogates in Python, and comes out as `\\udcff`, which keeps
  the output UTF-8 and is JSON's own escape for that character inside a JSON string.
"""

from __future__ import annotations

import errno
import os
from typing import Any, TextIO


class Output:
    """A text stream that survives its reader leaving and its disk filling up."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.failure: OSError | None = None  # a write that failed, but for a closed pipe
        self._gone = False  # nothing more can be written: the rest goes nowhere
        if stream is None:  # started with its output closed (`>&-`): Python gives None
            self.failure = OSError(errno.EBADF, "the standard output is closed")
            self._gone = True

    def write(self, text: str) -> int:
        if self.stream is not None and not self._gone:
            self._attempt(self.stream.write, _writable(text, self.stream))
        return len(text)

    def flush(self) -> None:
        if self.stream is not None and not self._gone:
            self._attempt(self.stream.flush)

    def _attempt(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except BrokenPipeError:
            self._stop()
        except OSError as error:
            self.failure = self.failure or error
            self._stop()

    def _stop(self) -> None:
        self._gone = True
        # Point the descriptor at nothing, so that what is still buffered, flushed as
        # Python exits, neither fails nor complains again.
        try:
            descriptor = self.stream.fileno()  # type: ignore[union-attr]
        except (OSError, ValueError):  # a stream with no descriptor (a test's capture)
            return
        nothing = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nothing, descriptor)
        os.close(nothing)

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, fileno, ...: the stream's
        return getattr(self.stream, name)


def _writable(text: str, stream: TextIO) -> str:
    """`text` as `stream` can encode it: characters it cannot, as backslash escapes."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    return text
