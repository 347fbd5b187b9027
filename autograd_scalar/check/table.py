"""The checks' tables as text: columns aligned, a rule under the head."""

from __future__ import annotations


def text_table(rows: list[list[str]]) -> list[str]:
    """`rows` (the head first) as lines of aligned cells, a dashed rule under the head,
    no trailing spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return [line.rstrip() for line in lines]
