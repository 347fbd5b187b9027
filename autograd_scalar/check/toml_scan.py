"""A first look at TOML text, bounded and linear, before the TOML parser reads it.

Python's TOML parser spends time and memory out of proportion to the text on a few
shapes (a key of 20,000 dotted parts costs it 11 s and 1.6 GB) and ends in
`RecursionError` on brackets nested thousands deep. A derivation file needs none of
them, so `scan` refuses them first, in one pass whose cost grows with the text alone:
every line at most `MAX_LINE` characters, every key at most `MAX_KEY_PARTS` dotted parts
(its table's header included), brackets nested at most `MAX_NESTING` deep, and at most a
given number of `key = value` entries. Strings and comments are skipped as TOML reads
them, so a dot or a bracket inside a formula counts for nothing.

The scan also records where each key is written (its line and its table), so that a
key given twice can be named in the table it is in. Text that is not TOML is left to
the parser to report; the scan only stops early on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LINE = 10_000  # characters; a formula is at most 2,000
MAX_KEY_PARTS = 6  # `[claims."∂ℓ/∂W1"]` then `points = 2` is three
MAX_NESTING = 8  # brackets: arrays and inline tables inside each other

# The characters that change what the scan is looking at; everything else is skipped
# by the regular expression engine. Every pattern here is linear: no two ways to match.
_NEXT = re.compile(r"\"\"\"|'''|[\"'#\n\[\]{}=,.]")
_BASIC_REST = re.compile(r'(?:[^"\\\n]|\\.)*"')
_LITERAL_REST = re.compile(r"[^'\n]*'")
_MULTILINE_BASIC_REST = re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.S)


class ScanError(ValueError):
    """Text past one of the bounds; the message says which, and on which line.
    `entries` is True when there are too many entries, `parts` when a key has too many
    dotted parts (the file's kind says how many it holds, or needs)."""

    def __init__(self, message: str, entries: bool = False, parts: bool = False) -> None:
        super().__init__(message)
        self.entries, self.parts = entries, parts


@dataclass(frozen=True)
class Entry:
    """A `key = value` as written: its line, its table's header and its key, both as
    written (quotes included; "" for the top of the file), and the key (dotted, as
    written) of the inline table it is in ("" when it is in none)."""

    line: int
    table: str
    key: str
    inside: str = ""


def scan(text: str, max_entries: int) -> list[Entry]:
    """The entries of `text`, in order; a `ScanError` when it is past a bound."""
    _check_lines(text)
    reading = _Reading(text, max_entries)
    i: int | None = 0
    while i is not None and (found := _NEXT.search(text, i)) is not None:
        i = reading.take(found.group(), found.start(), found.end())
    return reading.entries


class _Reading:
    """Where the scan stands: the line, the table, the brackets open, and the key being
    read (where it starts, how many dotted parts so far), and the key whose value each open
    [ or { is. One method per place a token can be in: a table's header, a key, or a value."""

    __slots__ = (
        "current",
        "entries",
        "header_parts",
        "header_start",
        "in_key",
        "key_start",
        "line",
        "max_entries",
        "owners",
        "parts",
        "stack",
        "table",
        "text",
    )

    def __init__(self, text: str, max_entries: int) -> None:
        self.text, self.max_entries = text, max_entries
        self.entries: list[Entry] = []
        self.stack: list[str] = []  # "[" an array, "{" an inline table, "h" a table's header
        self.line, self.table, self.header_parts, self.header_start = 1, "", 0, 0
        self.owners: list[str] = []  # the key each open [ or { is the value of, dotted
        self.current = ""  # the key of the value being read
        self._new_key(0)

    def _new_key(self, start: int) -> None:
        self.in_key, self.key_start, self.parts = True, start, 1

    def take(self, token: str, at: int, i: int) -> int | None:
        """Reads `token`, found at `at` and ending at `i`; where to look next (None: stop)."""
        if token == "\n":
            self.line += 1
            if not self.stack:  # a new statement
                self._new_key(i)
            return i
        if token == "#":
            end = self.text.find("\n", i)
            return len(self.text) if end < 0 else end
        if token in ('"', "'", '"""', "'''"):
            closed = _string_end(self.text, token, i)
            if closed is not None:  # else an unterminated string: the parser says where
                self.line += self.text.count("\n", i, closed)
            return closed
        if self.stack and self.stack[-1] == "h":  # inside [a.b] or [[a.b]]
            return self._in_header(token, at, i)
        if token in "]}":
            if self.stack:
                self.stack.pop()
                self.current = self.owners.pop()
            self.in_key = False
        elif self.in_key:
            return self._in_key(token, at, i)
        else:
            self._in_value(token, i)
        return i

    def _in_header(self, token: str, at: int, i: int) -> int:
        if token == ".":
            self.parts += 1
            _check_parts(self.parts, 0, self.line)
        elif token == "]":
            self.stack.pop()
            self.table, self.header_parts = self.text[self.header_start : at].strip(), self.parts
            if self.text.startswith("]", i):
                i += 1
            self.in_key = False  # what may follow on the line is a comment
        return i

    def _in_key(self, token: str, at: int, i: int) -> int:
        if token == "[" and not self.stack:  # a table's header starts the line
            if self.text.startswith("[", i):
                i += 1
            self.stack.append("h")
            self.header_start, self.parts = i, 1
        elif token == ".":
            self.parts += 1
            _check_parts(self.parts, 0 if self.stack else self.header_parts, self.line)
        elif token == "=":
            key = self.text[self.key_start : at].strip()
            inside = self.owners[-1] if self.owners else ""
            self.entries.append(Entry(self.line, self.table, key, inside))
            self.current = f"{inside}.{key}" if inside else key
            if len(self.entries) > self.max_entries:
                raise ScanError(f"holds more than {self.max_entries:,} entries (key = value)", True)
            self.in_key = False
        return i

    def _in_value(self, token: str, i: int) -> None:
        if token in "[{":
            self.stack.append(token)
            self.owners.append(self.current)
            if len(self.stack) > MAX_NESTING:
                raise ScanError(
                    f"line {self.line}: nested too deeply (brackets in brackets, at most "
                    f"{MAX_NESTING})"
                )
            if token == "{":
                self._new_key(i)
        elif token == "," and self.stack and self.stack[-1] == "{":
            self._new_key(i)


def _check_lines(text: str) -> None:
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE:
            raise ScanError(
                f"line {number} holds {end - start:,} characters; a line here holds at most "
                f"{MAX_LINE:,}"
            )
        start, number = end + 1, number + 1


def _check_parts(parts: int, header_parts: int, line: int) -> None:
    if parts + header_parts > MAX_KEY_PARTS:
        raise ScanError(
            f"line {line}: nested too deeply: a key of more than {MAX_KEY_PARTS} dotted parts "
            "(its table's included)",
            parts=True,
        )


def _string_end(text: str, quote: str, i: int) -> int | None:
    """Where the string that opened with `quote` just before `i` ends (past its quotes)."""
    if quote == '"':
        found = _BASIC_REST.match(text, i)
        return None if found is None else found.end()
    if quote == "'":
        found = _LITERAL_REST.match(text, i)
        return None if found is None else found.end()
    if quote == '"""':
        found = _MULTILINE_BASIC_REST.match(text, i)
        end = None if found is None else found.end()
    else:
        close = text.find("'''", i)
        end = None if close < 0 else close + 3
    if end is None:
        return None
    for _ in range(2):  # up to two quotes of the content may touch the closing three
        if text.startswith(quote[0], end):
            end += 1
    return end
