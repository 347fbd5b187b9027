"""The checks' tables: columns of text aligned under a rule, and the table of verdicts
that `check_partials` makes (text, and HTML in a notebook)."""

from __future__ import annotations

import html

from .verdict import MARKS, Verdict, shown


def text_table(rows: list[list[str]]) -> list[str]:
    """`rows` (the head first) as lines of aligned cells, a dashed rule under the head,
    no trailing spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return [line.rstrip() for line in lines]


class PartialTable:
    """The verdicts of `check_partials`, printable as text and as HTML in a notebook."""

    def __init__(self, verdicts: list[Verdict]) -> None:
        self.verdicts = verdicts

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.verdicts)

    def rows(self) -> list[list[str]]:
        head = ["", "partial", "claim", "claimed", "computed", "where it fails"]
        body = [
            [
                MARKS[v.verdict],
                v.subject,
                v.claim_text(),
                shown(v.claimed),
                shown(v.computed),
                v.detail,
            ]
            for v in self.verdicts
        ]
        return [head, *body]

    def __str__(self) -> str:
        return "\n".join(text_table(self.rows()))

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        """An HTML table: the rows above, with each wrong claim's diagnosis and right formula."""
        head, *body = self.rows()
        cells = "".join(f"<th>{html.escape(c)}</th>" for c in [*head, "why", "right formula"])
        lines = [f"<table><thead><tr>{cells}</tr></thead><tbody>"]
        for row, verdict in zip(body, self.verdicts, strict=True):
            colour = "#e6f4ea" if verdict.ok else "#fce8e6"
            why = (
                ""
                if verdict.diagnosis is None
                else "<br>".join(html.escape(line) for line in str(verdict.diagnosis).splitlines())
            )
            right = (
                "" if verdict.correct_formula is None else html.escape(str(verdict.correct_formula))
            )
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in row)
            lines.append(
                f'<tr style="background:{colour}">{cells}<td>{why}</td><td>{right}</td></tr>'
            )
        lines.append("</tbody></table>")
        return "\n".join(lines)
