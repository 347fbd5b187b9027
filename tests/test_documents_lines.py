"""Every claim stands where it says: its line of the document holds its quote and numbers.

The documents themselves are not part of the package (line numbers and quotes are data in
the claim tables); these tests read them from `../shared/seeds/` beside the clone, go
through each document line by line, and check that every line with words on it is a
claim's, a heading, or left out with a reason.
"""

import re
from pathlib import Path

import pytest

from autograd_scalar import documents

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
NUMBER = re.compile(r"(?<![\w.])\d+\.\d+")  # a decimal number as printed: 0.0850, 1.4082


def squeezed(text: str) -> str:
    """Whitespace as one space (the pages hold non-breaking spaces) and one minus sign."""
    return re.sub(r"\s+", " ", text.replace("−", "-")).strip()


def lines_of(name: str) -> list[str]:
    path = SEEDS / documents.module(name).DOCUMENT.source
    if not path.exists():
        pytest.skip(f"the seed documents are not at {SEEDS}")
    return [squeezed(line) for line in path.read_text(encoding="utf-8").split("\n")]


def every_claim(document):
    """Every claim, its other readings and its parts, and theirs."""

    def each(claim):
        yield claim
        for inner in (*claim.others, *claim.parts):
            yield from each(inner)

    for claim in (*document.claims, *document.course):
        yield from each(claim)


@pytest.mark.parametrize("name", documents.names())
def test_each_claims_line_holds_its_quote_and_its_printed_numbers(name):
    lines = lines_of(name)
    for claim in every_claim(documents.module(name).DOCUMENT):
        assert isinstance(claim.line, int) and 1 <= claim.line <= len(lines)
        line = lines[claim.line - 1]
        assert len(claim.quote.strip()) >= 8, f"{claim.says!r}: quote too short to place it"
        assert squeezed(claim.quote) in line, (
            f"line {claim.line} lacks {claim.quote!r} ({claim.says})"
        )
        for number in NUMBER.findall(squeezed(claim.says)):
            assert number in line, f"line {claim.line} lacks {number}, printed in {claim.says!r}"


@pytest.mark.parametrize("name", documents.names())
def test_each_section_heading_is_on_its_line(name, results):
    lines = lines_of(name)
    document = documents.module(name).DOCUMENT
    for section in document.sections:
        assert squeezed(section.heading) in lines[section.line - 1], section
    for verdict in results[name].verdicts:
        assert verdict.statement.section == document.section_of(verdict.statement.line)


@pytest.mark.parametrize("name", documents.names())
def test_every_line_with_words_is_a_claim_a_heading_or_left_out_with_a_reason(name):
    lines = lines_of(name)
    document = documents.module(name).DOCUMENT
    covered = {claim.line for claim in every_claim(document)}
    covered |= {section.line for section in document.sections}
    for out in document.left_out:
        assert out.why and 1 <= out.first <= out.last <= len(lines), out
        covered |= set(range(out.first, out.last + 1))
        if out.quote:  # words left out of a line that holds a claim too
            assert out.first == out.last and squeezed(out.quote) in lines[out.first - 1], out
    silent = [i for i, line in enumerate(lines, 1) if line and i not in covered]
    assert silent == [], f"lines with no claim and no reason: {silent}"
