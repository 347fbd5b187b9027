"""Claims that cannot all hold: judged together over the networks the text allows.

Where a document says two things about one network that cannot both be true ("three
hidden units", then a hidden layer of shape (4, 1)), each claim is checked on every
variant of the network the text allows, and the variants are ranked by how many of the
claims hold on them. With one best variant the text has told which claims are the
slips: the claims that hold there are right, the others wrong. When several variants
tie, the text cannot tell: a claim that holds on some of them and not on others is
`inconsistent`. A claim that holds on none is wrong either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .checking import check_claim
from .claims import Claim, Variant
from .verdicts import INCONSISTENT, RIGHT, WRONG, Verdict


def judge_together(claims: Sequence[Claim], variants: Sequence[Variant]) -> list[Verdict]:
    """The verdicts of `claims`, checked on each of `variants` (the first is the network
    the rest of the document is checked on), in the order of `claims`."""
    if len(variants) < 2:
        raise ValueError("claims judged together need two or more variants of the network")
    found = [[check_claim(claim, variant) for variant in variants] for claim in claims]
    held = [sum(found[c][v].ok for c in range(len(claims))) for v in range(len(variants))]
    best = [v for v in range(len(variants)) if held[v] == max(held)]
    ways = "; ".join(
        f"{variant.name}: " + _who_holds(claims, found, v) for v, variant in enumerate(variants)
    )
    verdicts = []
    for c, claim in enumerate(claims):
        holds = [found[c][v].ok for v in best]
        word = RIGHT if all(holds) else WRONG if not any(holds) else INCONSISTENT
        # One best variant: its numbers are the right ones. A tie: the first's.
        base = found[c][best[0]] if len(best) == 1 else found[c][0]
        against = tuple(claims[o].line for o in range(len(claims)) if _conflict(found[c], found[o]))
        group = ", ".join(str(other.line) for other in claims if other is not claim)
        detail = f"judged together with line(s) {group}, on {len(variants)} readings of the network: {ways}"
        correct, value = base.correct, base.correct_value
        if word == INCONSISTENT:
            lines = ", ".join(map(str, against))
            each = "; ".join(
                f"{variants[v].name}: {_outcome(found[c][v])}" for v in range(len(variants))
            )
            correct = (
                f"this line or line {lines} is the slip, and the text cannot tell which ({each})"
            )
            value = _numbers([found[c][v].correct_value for v in range(len(variants))])
        verdicts.append(replace(base, verdict=word, correct=correct, correct_value=value,
                                detail=detail, conflicts=against))  # fmt: skip
    return verdicts


def _conflict(one: list[Verdict], other: list[Verdict]) -> bool:
    """Whether two claims each hold on a variant where the other fails."""
    pairs = list(zip(one, other, strict=True))
    return any(a.ok and not b.ok for a, b in pairs) and any(b.ok and not a.ok for a, b in pairs)


def _outcome(verdict: Verdict) -> str:
    """What a claim comes to on one variant: its number against the engine's, or the words found."""
    if verdict.off_by is not None:  # both are numbers
        relation = "=" if verdict.ok else "≠"
        return f"{verdict.claimed_value:.6g} {relation} {verdict.computed:.6g}"
    return str(verdict.computed)


def _who_holds(claims: Sequence[Claim], found: list[list[Verdict]], v: int) -> str:
    held = [str(claims[c].line) for c in range(len(claims)) if found[c][v].ok]
    failed = [str(claims[c].line) for c in range(len(claims)) if not found[c][v].ok]
    parts = []
    if held:
        parts.append(f"line {', '.join(held)} hold{'s' if len(held) == 1 else ''}")
    if failed:
        parts.append(f"line {', '.join(failed)} fail{'s' if len(failed) == 1 else ''}")
    return " and ".join(parts)


def _numbers(values: list[object]) -> tuple[float, ...] | None:
    """The variants' numbers, one each, when every variant has a single one."""
    numbers = [float(v) for v in values if isinstance(v, (int, float))]
    return tuple(numbers) if len(numbers) == len(values) else None
