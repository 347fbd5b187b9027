"""Writing files whole: the old file stays until the new one is complete, or nothing changes.

Every file the package writes (a model, a picture, a page) goes through
`write_atomically`: the text goes to a temporary file in the same folder, is flushed to
disk, and only then takes the target's name in one step. A failed write (a full disk, a
file-size limit, Ctrl-C) leaves the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], content: str | bytes) -> Path:
    """Write `content` (text as UTF-8) to `path`, whole or not at all; returns the path."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give a file name, such as {target / 'out'}")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"cannot write {target}: the folder {target.parent} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as file:  # from here on, `file` owns the descriptor
            # mkstemp makes the file private (0600); give it the mode a plain open() would
            os.fchmod(
                file.fileno(), target.stat().st_mode & 0o777 if target.exists() else _DEFAULT_MODE
            )
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)  # atomic: readers see the old file or the new one
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return target


def _umask() -> int:
    # Reading the umask means setting it; done once, at import, before any thread of
    # this package writes a file.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_DEFAULT_MODE = 0o666 & ~_umask()
