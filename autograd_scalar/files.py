"""Files read with a bound and written whole.

Reading: `read_limited` reads at most a given number of bytes from a file, a pipe or a
device, so that `/dev/zero`, a sparse 8 GB file or an endless pipe costs no more than the
limit; a caller that needs a regular file (a model) refuses anything else before it
reads, so a FIFO with no writer cannot hang it.

Writing files whole: the old file stays until the new one is complete, or nothing changes.

Every file the package writes (a model, a picture, a page) goes through
`write_atomically`: the text goes to a temporary file in the same folder, is flushed to
disk, and only then takes the target's name in one step. A failed write (a full disk, a
file-size limit) leaves the old file as it was and no temporary file behind; Ctrl-C
waits the moment it takes to finish the file. Only a regular file is replaced: a save
onto a device, a pipe or a socket would put a file in its place, so it is refused; a
symbolic link is followed, and the file it leads to is written (in that file's folder).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from .errors import NotAFileError, shown
from .interrupts import Interrupts


class ReadLimitError(OSError):
    """A file that cannot be read within its limit: too large, or not a regular file
    where one is needed. The message names the file and what was wrong; `reason` is
    what was wrong alone (`holds more than 1,000 bytes, the most read here`)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{shown(path)} {reason}")
        self.reason = reason


def read_limited(path: str | os.PathLike[str], limit: int, regular_only: bool = False) -> bytes:
    """The bytes of the file at `path`, at most `limit` of them.

    A file (or pipe, or device) holding more raises `ReadLimitError`, after reading only
    `limit + 1` bytes. With `regular_only`, anything but a regular file (a device, a FIFO,
    a socket) is refused before a byte is read. Other failures are the usual `OSError`s.
    """
    # O_NONBLOCK where only a regular file will do: a FIFO with no writer then opens at
    # once, to be refused below, instead of waiting forever for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) * regular_only
    handle = os.open(path, flags)
    found = os.fstat(handle)
    if stat.S_ISDIR(found.st_mode):
        os.close(handle)
        raise IsADirectoryError(f"{shown(path)} is a folder, not a file")
    with open(handle, "rb", buffering=0) as file:
        if regular_only and not stat.S_ISREG(found.st_mode):
            raise ReadLimitError(path, f"is not a regular file ({_kind(found.st_mode)})")
        if regular_only and found.st_size > limit:
            raise ReadLimitError(path, _too_large(limit))
        # A regular file says how much it holds, so no larger buffer is made for it (one
        # that grows meanwhile is still read to the end, or to the limit).
        chunk = max(4096, found.st_size + 1) if stat.S_ISREG(found.st_mode) else 1 << 20
        data = _read_up_to(file, limit + 1, min(chunk, 1 << 20))
    if len(data) > limit:
        raise ReadLimitError(path, _too_large(limit))
    return data


def _too_large(limit: int) -> str:
    return f"holds more than {limit:,} bytes, the most read here"


def _read_up_to(file: Any, count: int, size: int) -> bytes:
    """Up to `count` bytes, in reads of at most `size`, as many as a pipe needs (each read
    may return less)."""
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = file.read(min(left, size))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a pipe",
    stat.S_IFSOCK: "a socket",
}


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def write_atomically(path: str | os.PathLike[str], content: str | bytes) -> Path:
    """Write `content` (text as UTF-8) to `path`, whole or not at all; returns the path.

    Only a regular file is replaced: a folder, a device, a pipe or a socket at `path` is
    refused (`NotAFileError`, nothing written). A symbolic link is followed, and the
    file it leads to is replaced; the link stays. Ctrl-C during the write waits until
    the file is whole, then stops the program.
    """
    given = Path(path)
    target = _replaced_by(given)
    data = content.encode("utf-8") if isinstance(content, str) else content
    # The name is cut so that a long one still leaves room for the rest of the
    # temporary file's (file names are at most 255 bytes, and a character may take 4).
    prefix = f".{target.name[:40]}."
    # Ctrl-C waits from here to the end: a temporary file made is always removed or renamed.
    with Interrupts(holding=True):
        handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as file:  # from here on, `file` owns the descriptor
                # mkstemp makes the file private (0600); give it the mode a plain open() would
                mode = target.stat().st_mode & 0o777 if target.exists() else _DEFAULT_MODE
                os.fchmod(file.fileno(), mode)
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)  # atomic: readers see the old file or the new one
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
    return given


def _replaced_by(given: Path) -> Path:
    """The regular file that writing to `given` replaces (or makes): `given`, or where
    its symbolic links lead. Anything else there is refused."""
    target = Path(os.path.realpath(given))
    try:
        found = target.lstat()
    except FileNotFoundError:
        found = None
    leads = f" (a link to {shown(target)})" if given.is_symlink() else ""
    if found is not None and stat.S_ISLNK(found.st_mode):  # realpath stops at a loop
        raise NotAFileError(
            f"{shown(given)} is a symbolic link that leads back to itself; nothing was written"
        )
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(
            f"{shown(given)}{leads} is a folder; give a file name, such as {shown(given / 'out')}"
        )
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise NotAFileError(
            f"{shown(given)}{leads} is {_kind(found.st_mode)}, not a regular file; only a "
            "regular file is replaced, so nothing was written"
        )
    if not target.parent.is_dir():
        raise FileNotFoundError(
            f"cannot write {shown(given)}: the folder {shown(target.parent)} does not exist"
        )
    return target


def _umask() -> int:
    # Reading the umask means setting it; done once, at import, before any thread of
    # this package writes a file.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_DEFAULT_MODE = 0o666 & ~_umask()
