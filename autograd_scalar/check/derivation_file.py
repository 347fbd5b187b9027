"""Reading a derivation file (a `check` file, a grading key, a student's sheet) safely.

Whatever the file is, reading it costs a bounded amount: at most `MAX_BYTES` are read,
from a file, a pipe or a device alike (`files.read_limited`); the text is scanned for
what would make the TOML parser slow or deep (`toml_scan`) before it is parsed; every
message is one line, naming the file, the line and what to write instead. A UTF-8 byte
order mark, as some editors write, is allowed.

A number is kept as written: TOML reads `-0.20` as the float -0.2, so the parser is
given `parse_float=Written`, which keeps the text beside the number, and a claim of
`-0.20` is held to two decimals and shown as `-0.20`. A whole number (`3`) means
exactly that number, as ever.
"""

from __future__ import annotations

import os
import tomllib
import unicodedata
from typing import Any

from ..errors import CheckFileError, quoted
from ..files import ReadLimitError, read_limited
from .toml_scan import Entry, ScanError, scan

MAX_BYTES = 1_000_000
MAX_ENTRIES = 5_000
KEY_PARTS = 3  # the most dotted parts a key needs: [claims] "∂ℓ/∂W1".points


class Written(float):
    """A number that remembers how it was written: `Written("-0.20")` is -0.2 with
    `.text` "-0.20" (TOML's `_` between digits dropped)."""

    __slots__ = ("text",)
    text: str

    def __new__(cls, text: str) -> Written:
        plain = text.replace("_", "")
        number = super().__new__(cls, plain)
        number.text = plain
        return number

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[Any, ...]:  # sheets are graded in other processes
        return (Written, (self.text,))


def as_written(value: Any) -> str:
    """A claim's number or formula as its author wrote it (`-0.20` keeps its zero)."""
    if isinstance(value, Written):
        return value.text
    return value if isinstance(value, str) else repr(value)


def read_file(
    path: str | os.PathLike[str],
    max_entries: int = MAX_ENTRIES,
    what: str = "a derivation file",
    regular_only: bool = False,
) -> dict[str, Any]:
    """The file's TOML, numbers as written; a `CheckFileError` in one line otherwise.

    `what` names the kind of file in the messages of its bounds ("a sheet");
    `regular_only` refuses a pipe or a device before reading (a class's sheets).
    """
    text = read_source(path, what, regular_only)
    return parse_text(os.fsdecode(path), text, max_entries, what)


def read_source(
    path: str | os.PathLike[str], what: str = "a derivation file", regular_only: bool = False
) -> bytes:
    """The file's bytes, at most `MAX_BYTES` of them, from a file, a pipe or a device
    (a regular file only, with `regular_only`: a FIFO with no writer cannot hang it)."""
    name = os.fsdecode(path)
    try:
        return read_limited(path, MAX_BYTES, regular_only=regular_only)
    except IsADirectoryError:
        raise CheckFileError(name, "is a folder, not a file") from None
    except ReadLimitError as error:
        if "holds more than" not in error.reason:  # not a regular file: the reason says what
            raise CheckFileError(name, error.reason) from None
        raise CheckFileError(
            name, f"holds more than {MAX_BYTES:,} bytes; {what} is at most that"
        ) from None
    except OSError as error:
        raise CheckFileError(name, f"cannot be read: {error.strerror or error}") from None


def parse_text(
    name: str, data: bytes, max_entries: int = MAX_ENTRIES, what: str = "a derivation file"
) -> dict[str, Any]:
    """Bytes already read, as `read_file` reads them (for a file given as bytes)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CheckFileError(name, f"not UTF-8 text (byte {error.start + 1})") from None
    text = text.removeprefix("\ufeff")
    if "\r" in text:  # TOML allows \r\n; lines are counted at \n
        text = text.replace("\r\n", "\n")
    try:
        entries = scan(text, max_entries)
    except ScanError as error:
        more = f"; {what} holds at most that, and is not read" if error.entries else ""
        more = f"; {what} needs at most {KEY_PARTS}" if error.parts else more
        raise CheckFileError(name, f"{error}{more}") from None
    try:
        return tomllib.loads(text, parse_float=Written)
    except tomllib.TOMLDecodeError as error:
        raise CheckFileError(name, _toml_problem(text, str(error), entries)) from None
    except RecursionError:  # the scan bounds nesting; this is the last line of defence
        raise CheckFileError(name, "nested too deeply to be a derivation file") from None
    except ValueError:  # Python reads a whole number of at most 4,300 digits
        raise CheckFileError(
            name, "a whole number too long to read (over 4,300 digits): write it as 1e4300"
        ) from None


def _toml_problem(text: str, message: str, entries: list[Entry]) -> str:
    """TOML's message, made to say which key, in which table, and what to write."""
    line = _line_of(message)
    if message.startswith(("Cannot overwrite a value", "Duplicate inline table key")):
        twice = _defined_twice(entries, line)
        if twice:
            return twice
    if message.startswith("Invalid statement") and line:
        written = text.split("\n")[line - 1].lstrip()
        bare = written.split("=", 1)[0].strip()
        if "=" in written and bare and bare[0] not in "\"'[" and not bare.isascii():
            return (
                f'line {line}: the key {bare} is not plain ASCII: write it in quotes, "{bare}" = …'
            )
    return f"not valid TOML: {message}"


def _line_of(message: str) -> int:
    """The line number that tomllib's message ends with ("(at line 5, column 9)")."""
    _, found, rest = message.rpartition("(at line ")
    number = rest.split(",", 1)[0]
    return int(number) if found and number.isdigit() else 0


def _defined_twice(entries: list[Entry], line: int) -> str:
    """ "[claims] 'σ1' is defined twice (lines 4 and 5)", from the entries on `line`; a key
    of an inline table is named with the table's key ("[claims] '∂ℓ/∂W1': 'points' …")."""
    seen: dict[tuple[tuple[str, ...], ...], int] = {}
    for entry in entries:
        if entry.line > line:
            break
        place = (_path(entry.table), _path(entry.inside), _path(entry.key))
        if place in seen and entry.line == line:
            table = f"[{'.'.join(place[0])}] " if place[0] else ""
            inside = f"{quoted('.'.join(place[1]))}: " if place[1] else ""
            key = quoted(".".join(place[2]))
            return f"{table}{inside}{key} is defined twice (lines {seen[place]} and {line})"
        seen.setdefault(place, entry.line)
    return ""


def _path(written: str) -> tuple[str, ...]:
    """A key or a header as written (`"σ1"`, `claims."\\u03c3"`) as its parts, read by
    TOML itself, in Unicode NFC form."""
    if not written:
        return ()
    try:
        found: Any = tomllib.loads(f"{written} = 0")
    except tomllib.TOMLDecodeError:
        return (written,)
    parts = []
    while isinstance(found, dict) and len(found) == 1:
        key, found = next(iter(found.items()))
        parts.append(unicodedata.normalize("NFC", key))
    return tuple(parts)
