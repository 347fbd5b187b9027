"""A checked document as text: the parameter table, the claims, and the errors table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..check.printed import decimals
from .claims import DocumentResult, Verdict

ERRORS_HEADER = (
    "| document | where | claim | the document says | what is right |",
    "|---|---|---|---|---|",
)


def shown(x: Any) -> str:
    """A value as a table shows it: numbers to 6 significant digits, text as it is."""
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


def parameters_table(result: DocumentResult) -> str:
    """One line per parameter: label, value, and ∂output/∂label."""
    output = result.root.label or "output"
    width = max([len("parameter"), *map(len, result.parameters)])
    lines = [f"{'parameter':<{width}}  {'value':>12}  {'∂' + output + '/∂·':>14}"]
    for label, (value, slope) in result.parameters.items():
        lines.append(f"{label:<{width}}  {value:>12.6g}  {slope:>14.6g}")
    return "\n".join(lines)


def claim_lines(verdict: Verdict) -> list[str]:
    """A verdict in two or three lines: mark and claim, the numbers, the right answer."""
    mark = "✓" if verdict.ok else "✗"
    lines = [
        f"{mark} {verdict.claim.says}",
        f"    claimed {shown(verdict.claimed)}; computed {shown(verdict.computed)}",
    ]
    if not verdict.ok:
        lines.append(
            f"    right: {verdict.correct or 'see the computed value'}   [{verdict.claim.where}]"
        )
    return lines


def claims_table(result: DocumentResult) -> str:
    """Every claim with its verdict; the wrong ones say what is right and where."""
    lines = [f"claims: {len(result.verdicts)} checked, {len(result.wrong)} wrong"]
    for verdict in result.verdicts:
        lines += claim_lines(verdict)
    return "\n".join(lines)


def said(verdict: Verdict) -> str:
    """What the document's claim amounts to, in a few words, for the errors table."""
    claim = verdict.claim
    if claim.kind == "rule":
        return f"a step along it: {verdict.computed}"
    if isinstance(verdict.claimed, float) and isinstance(verdict.computed, float):
        stated = claim.elements[0].stated if claim.elements else claim.stated
        if isinstance(stated, str) and decimals(stated) is not None:
            return stated
        return f"{verdict.claimed:.4g} where the engine has {verdict.computed:.4g}"
    return shown(verdict.claimed)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def errors_table(results: Iterable[DocumentResult] | None = None) -> str:
    """The Markdown table of every wrong claim in the documents, from computed verdicts."""
    if results is None:
        from . import names, run  # the registry imports this module

        results = [run(name) for name in names()]
    rows = list(ERRORS_HEADER)
    for result in results:
        for verdict in result.wrong:
            cells = (
                result.name,
                verdict.claim.where,
                verdict.claim.says,
                said(verdict),
                verdict.correct,
            )
            rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"
