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
    entries: list[Entry] = []
    stack: list[str] = []  # "[" an array, "{" an inline table, "h" a table's header
    line, table, header_parts = 1, "", 0
    in_key, key_start, parts = True, 0, 1
    header_start = 0
    owners: list[str] = []  # the key each open [ or { is the value of, dotted
    current = ""  # the key of the value being read
    i = 0
    while (found := _NEXT.search(text, i)) is not None:
        token, at, i = found.group(), found.start(), found.end()
        if token == "\n":
            line += 1
            if not stack:  # a new statement
                in_key, key_start, parts = True, i, 1
            continue
        if token == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        if token in ('"', "'", '"""', "'''"):
            closed = _string_end(text, token, i)
            if closed is None:
                break  # an unterminated string: the parser says where
            line += text.count("\n", i, closed)
            i = closed
            continue
        if stack and stack[-1] == "h":  # inside [a.b] or [[a.b]]
            if token == ".":
                parts += 1
                _check_parts(parts, 0, line)
            elif token == "]":
                stack.pop()
                table, header_parts = text[header_start:at].strip(), parts
                if text.startswith("]", i):
                    i += 1
                in_key = False  # what may follow on the line is a comment
            continue
        if token in "]}":
            if stack:
                stack.pop()
                current = owners.pop()
            in_key = False
        elif in_key:
            if token == "[" and not stack:  # a table's header starts the line
                if text.startswith("[", i):
                    i += 1
                stack.append("h")
                header_start, parts = i, 1
            elif token == ".":
                parts += 1
                _check_parts(parts, header_parts if not stack else 0, line)
            elif token == "=":
                key, inside = text[key_start:at].strip(), owners[-1] if owners else ""
                entries.append(Entry(line, table, key, inside))
                current = f"{inside}.{key}" if inside else key
                if len(entries) > max_entries:
                    raise ScanError(f"holds more than {max_entries:,} entries (key = value)", True)
                in_key = False
        elif token in "[{":
            stack.append(token)
            owners.append(current)
            if len(stack) > MAX_NESTING:
                raise ScanError(
                    f"line {line}: nested too deeply (brackets in brackets, at most {MAX_NESTING})"
                )
            if token == "{":
                in_key, key_start, parts = True, i, 1
        elif token == "," and stack and stack[-1] == "{":
            in_key, key_start, parts = True, i, 1
    return entries


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
