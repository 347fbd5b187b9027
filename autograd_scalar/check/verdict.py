"""The answers of `check_partial`: one verdict per claim, and a table of them."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any


def _number(x: float) -> str:
    return f"{x:.6g}"


@dataclass(frozen=True)
class PartialVerdict:
    """Whether a claimed ∂output/∂wrt is right, with the numbers that show it.

    `claimed` is the claim's value at the recorded point; `computed` (also `correct`) is
    the engine's; `error` is the worst |claimed − computed| over the points checked,
    divided by |computed| when that is above 1; `worst_point` gives the labelled leaves
    where the claim is furthest off (None when it agrees everywhere).
    """

    ok: bool
    claim: Any
    wrt_label: str
    claimed: float
    computed: float
    error: float
    worst_point: dict[str, float] | None
    points_checked: int
    of: str = "output"  # the output's label, for printing
    right_here: bool = True  # whether the claim holds at the recorded point itself

    @property
    def correct(self) -> float:
        """The right value of the partial at the recorded point (the engine's)."""
        return self.computed

    @property
    def partial(self) -> str:
        return f"∂{self.of}/∂{self.wrt_label}"

    def where_it_fails(self) -> str:
        if self.ok or self.worst_point is None:
            return ""
        if self.points_checked <= 1:
            return f"off by {_number(self.error)}"
        if not self.right_here:
            return f"wrong at the recorded point, off by {_number(self.claimed - self.computed)}"
        shown = ", ".join(f"{k}={_number(v)}" for k, v in list(self.worst_point.items())[:8])
        more = ", …" if len(self.worst_point) > 8 else ""
        return f"right here, but wrong at {shown}{more} (error {_number(self.error)})"

    def __repr__(self) -> str:  # the REPL and notebooks show the readable form
        return str(self)

    def __str__(self) -> str:
        mark = "✓" if self.ok else "✗"
        claim = self.claim if isinstance(self.claim, str) else _claim_text(self.claim)
        line = f"{mark} {self.partial} = {claim}: claimed {_number(self.claimed)}, "
        line += f"computed {_number(self.computed)}"
        if self.points_checked > 1:
            line += f", {self.points_checked} points"
        fails = self.where_it_fails()
        return f"{line}; {fails}" if fails else line


def _claim_text(claim: Any) -> str:
    if callable(claim):
        return getattr(claim, "__name__", "a function")
    return repr(float(claim))


class PartialTable:
    """The verdicts of `check_partials`, printable as text and as HTML in a notebook."""

    def __init__(self, verdicts: list[PartialVerdict]) -> None:
        self.verdicts = verdicts

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.verdicts)

    def rows(self) -> list[list[str]]:
        head = ["", "partial", "claim", "claimed", "computed", "where it fails"]
        body = [
            [
                "✓" if v.ok else "✗",
                v.partial,
                v.claim if isinstance(v.claim, str) else _claim_text(v.claim),
                _number(v.claimed),
                _number(v.computed),
                v.where_it_fails(),
            ]
            for v in self.verdicts
        ]
        return [head, *body]

    def __str__(self) -> str:
        rows = self.rows()
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        head, *body = self.rows()
        cells = "".join(f"<th>{html.escape(c)}</th>" for c in head)
        lines = [f"<table><thead><tr>{cells}</tr></thead><tbody>"]
        for row in body:
            colour = "#e6f4ea" if row[0] == "✓" else "#fce8e6"
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in row)
            lines.append(f'<tr style="background:{colour}">{cells}</tr>')
        lines.append("</tbody></table>")
        return "\n".join(lines)
