"""A checked document as text: what was chosen, how to read it, the parameters, every
claim with its place and verdict, the course's formulas apart, what was left out and why;
and the Markdown table of the documents' errors."""

from __future__ import annotations

from collections.abc import Iterable

from ..check.verdict import MARKS, Verdict, shown
from .result import CONVENTIONS, DocumentResult, as_printed, diagnosis_text, value_note

ERRORS_HEADER = (
    "| document | line | section | kind | claim | verdict | the document says | what is right | "
    "what went wrong | other readings |",
    "|---|---|---|---|---|---|---|---|---|---|",
)


def parameters_table(result: DocumentResult) -> str:
    """One line per parameter: label, value, and ∂output/∂label."""
    output = result.root.label or "output"
    width = max([len("parameter"), *map(len, result.parameters)])
    lines = [f"{'parameter':<{width}}  {'value':>12}  {'∂' + output + '/∂·':>14}"]
    for label, (value, slope) in result.parameters.items():
        lines.append(f"{label:<{width}}  {value:>12.6g}  {slope:>14.6g}")
    return "\n".join(lines)


def claim_lines(verdict: Verdict, result: DocumentResult | None = None) -> list[str]:
    """One claim: its verdict and place, its words, how they are read, the numbers, how it
    was checked, what is right when it is not (and where a right value comes from, given
    the document's `result`), its parts and its other readings."""
    claim = verdict.statement
    head = f"{MARKS[verdict.verdict]} {verdict.verdict:<12} line {claim.line}"
    return [f"{head}  [{claim.section}]", f"    {claim.says}", *_body(verdict, "    ", result)]


def _body(verdict: Verdict, pad: str, result: DocumentResult | None = None) -> list[str]:
    lines = [f"{pad}read as: {verdict.reading}"] if verdict.reading else []
    if not verdict.parts:  # a statement of parts: each part gives its own numbers
        numbers = f"{pad}claimed {shown(as_printed(verdict))}; computed {shown(verdict.computed)}"
        if verdict.off_by is not None and not verdict.ok:
            numbers += f"; off by {verdict.off_by:.6g} (claimed − computed)"
        lines.append(numbers)
    if verdict.detail:
        lines.append(f"{pad}how: {verdict.detail}")
    if not verdict.ok:
        lines.append(f"{pad}right: {verdict.correct}")
        if verdict.correct_value is not None and not verdict.parts:
            note = value_note(verdict, result)
            lines.append(
                f"{pad}right value: {shown(verdict.correct_value)}" + (f" ({note})" if note else "")
            )
    if verdict.diagnosis is not None:
        lines.append(f"{pad}diagnosis: {diagnosis_text(verdict)}")
    for i, part in enumerate(verdict.parts, 1):
        says = part.statement.says if part.statement is not None else part.claim_text()
        lines.append(f"{pad}part {i}: {MARKS[part.verdict]} {part.verdict}  {says}")
        lines += _body(part, pad + "  ", result)
    for other in verdict.others:
        lines.append(f"{pad}another reading: {MARKS[other.verdict]} {other.verdict}")
        lines += _body(other, pad + "  ", result)
    return lines


def header(result: DocumentResult) -> list[str]:
    """The title, the values chosen here, and how to read the report."""
    lines = [
        f"{result.name}: {result.citation}",
        f"lines: counted from 1 in {result.citation.lines_in}, the text of the document",
        "",
    ]
    if result.chosen:
        lines.append(f"chosen here: {result.chosen_note}")
        values = [
            f"{k} = {shown(float(v)) if isinstance(v, (int, float)) else v}"
            for k, v in result.chosen.items()
        ]
        lines += _wrapped(values, "  ")
        lines.append("")
    lines.append("how to read this:")
    lines += [f"  {name}: {meaning}" for name, meaning in CONVENTIONS.items()]
    return lines


def text(result: DocumentResult) -> str:
    """The whole report of one document, as `autograd-scalar example NAME` prints it."""
    lines = header(result) + ["", parameters_table(result), "", result.tally()]
    for verdict in result.verdicts:
        lines += claim_lines(verdict, result)
    if result.course:
        lines += [
            "",
            f"from the course, not in the document ({len(result.course)} formulas, "
            "checked and not counted above):",
        ]
        for verdict in result.course:
            lines += claim_lines(verdict, result)
    if result.left_out:
        lines += ["", "left out (no claim to check there):"]
        for out in result.left_out:
            where = (
                f"line {out.first}" if out.first == out.last else f"lines {out.first}–{out.last}"
            )
            quoted = f" ('{out.quote}')" if out.quote else ""
            lines.append(f"  {where}{quoted}: {out.why}")
    lines += [f"note: {remark}" for remark in result.remarks]
    return "\n".join(lines)


def _wrapped(items: list[str], indent: str, width: int = 92) -> list[str]:
    lines, line = [], indent
    for item in items:
        if len(line) + len(item) + 2 > width and line.strip():
            lines.append(line.rstrip().rstrip(","))
            line = indent
        line += item + ", "
    if line.strip():
        lines.append(line.rstrip().rstrip(","))
    return lines


def said(verdict: Verdict) -> str:
    """What the document's claim amounts to, in a few words, for the errors table (for a
    statement of parts, each part that is not right)."""
    if verdict.parts:
        failed = [i for i, part in enumerate(verdict.parts, 1) if not part.ok]
        shown_parts = failed or range(1, len(verdict.parts) + 1)
        return "; ".join(f"part {i}: {said(verdict.parts[i - 1])}" for i in shown_parts)
    if verdict.statement is not None and verdict.statement.kind == "rule":
        return f"run as written: {verdict.computed}"
    return shown(as_printed(verdict))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def readings(verdict: Verdict) -> str:
    """The other readings of a claim (or of its parts) and their verdicts, in a few words."""
    own = [f"{other.verdict}: {other.reading}" for other in verdict.others]
    parts = [
        f"part {i}: {said}" for i, part in enumerate(verdict.parts, 1) if (said := readings(part))
    ]
    return "; ".join(own + parts)


def errors_table(results: Iterable[DocumentResult]) -> str:
    """The Markdown table of every claim of the documents that is not right, or whose
    verdict another reading changes, from computed verdicts (the course's formulas are
    not the documents' claims)."""
    rows = list(ERRORS_HEADER)
    for result in results:
        for verdict in result.verdicts:
            if verdict.ok and all(other.ok for other in verdict.others):
                continue
            right = verdict.correct if not verdict.ok else ""
            if not verdict.ok and verdict.correct_value is not None and not verdict.parts:
                note = value_note(verdict, result)
                value = shown(verdict.correct_value)
                if value not in right or note:
                    right += f" (right value: {value}" + (f", {note})" if note else ")")
            claim = verdict.statement
            cells = (
                result.name,
                str(claim.line),
                claim.section,
                claim.kinds,
                claim.says,
                verdict.verdict,
                said(verdict),
                right,
                diagnosis_text(verdict),
                readings(verdict),
            )
            rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"
