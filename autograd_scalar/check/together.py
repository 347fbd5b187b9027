"""Claims that cannot all hold: judged together over the readings that allow each; and
one statement that says several things at once, judged as one.

Where a text says two things that cannot both be true of one network ("three hidden
units", then a hidden layer of shape (4, 1)), each claim is checked on every reading of
the network the text allows, and the readings are ranked by how many of the claims
hold on them. With one best reading the text has told which claims are the slips: the
claims that hold there are right, the others wrong. When several readings tie, the text
cannot tell: a claim that holds on some of them and not on others is `inconsistent`,
and names the claims it cannot hold with. A claim that holds on none is wrong either way.

A statement of several parts (a line that states three quantities; a sentence with two
clauses) is one claim (`judge_parts`): right when every part is, wrong when a part is.
Judged over several readings, a statement whose parts each hold on some reading but
never all on one is `inconsistent`, and says on which reading each part holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .verdict import INCONSISTENT, RIGHT, WRONG, Verdict, shown


def judge_together(
    found: Sequence[Sequence[Verdict]],
    names: Sequence[object],
    readings: Sequence[str],
    noun: str = "claim",
) -> list[Verdict]:
    """The verdicts of claims judged together, in their order.

    `found[c][r]` is claim c's verdict on reading r (the first reading is the one the
    rest of the text is checked on); `names` name the claims (a document's line numbers)
    and `readings` the readings, in the words of the detail; `noun` is what a name is
    ("line"). An inconsistent verdict's `conflicts` are the names of the claims it cannot
    hold with, and its `correct_value` the right value on each reading.
    """
    if len(readings) < 2:
        raise ValueError("claims judged together need two or more readings of the network")
    best = _best_readings(found)
    ways = "; ".join(
        f"{reading}: {_who_holds(found, names, r, noun)}" for r, reading in enumerate(readings)
    )
    verdicts = []
    for c, claim in enumerate(found):
        others = ", ".join(str(name) for o, name in enumerate(names) if o != c)
        # One best reading: its numbers are the right ones. A tie: the first reading's.
        verdict = replace(
            claim[best[0]] if len(best) == 1 else claim[0],
            verdict=_word([claim[r].ok for r in best]),
            detail=f"judged together with {noun}(s) {others}, on {len(readings)} readings of "
            f"the network: {ways}",
            conflicts=tuple(names[o] for o, other in enumerate(found) if _conflict(claim, other)),
        )
        verdicts.append(_cannot_tell(verdict, claim, readings, noun))
    return verdicts


def _cannot_tell(
    verdict: Verdict, claim: Sequence[Verdict], readings: Sequence[str], noun: str
) -> Verdict:
    """An inconsistent claim says what it comes to on each reading, and that it or a
    claim it cannot hold with is the slip (any other verdict is left as it is)."""
    if verdict.verdict != INCONSISTENT:
        return verdict
    each = "; ".join(f"{reading}: {_outcome(v)}" for reading, v in zip(readings, claim))
    slips = ", ".join(map(str, verdict.conflicts))
    return replace(
        verdict,
        correct=f"this {noun} or {noun} {slips} is the slip, and the text cannot tell which "
        f"({each})",
        correct_value=_numbers(_values(claim)),
    )


def _values(claim: Sequence[Verdict]) -> list[object]:
    """The claim's right value on each reading: for a statement of parts, the value of
    the first part whose verdict changes with the reading."""
    if not claim[0].parts:
        return [v.correct_value for v in claim]
    count = len(claim[0].parts)
    changing = [i for i in range(count) if len({v.parts[i].ok for v in claim}) > 1]
    i = changing[0] if changing else 0
    return [v.parts[i].correct_value for v in claim]


def _best_readings(found: Sequence[Sequence[Verdict]]) -> list[int]:
    """The readings on which the most claims hold."""
    held = [sum(claim[r].ok for claim in found) for r in range(len(found[0]))]
    return [r for r, count in enumerate(held) if count == max(held)]


def _word(holds: list[bool]) -> str:
    """Right if the claim holds on every best reading, wrong on none, else inconsistent."""
    return RIGHT if all(holds) else WRONG if not any(holds) else INCONSISTENT


def _conflict(one: Sequence[Verdict], other: Sequence[Verdict]) -> bool:
    """Whether two claims each hold on a reading where the other fails."""
    pairs = list(zip(one, other, strict=True))
    return any(a.ok and not b.ok for a, b in pairs) and any(b.ok and not a.ok for a, b in pairs)


def _outcome(verdict: Verdict) -> str:
    """What a claim comes to on one reading: its number against the engine's, or the words found
    (for a statement of parts, each part's)."""
    if verdict.parts:
        return "; ".join(_outcome(part) for part in verdict.parts)
    if verdict.off_by is not None:  # both are numbers
        relation = "=" if verdict.ok else "≠"
        return f"{verdict.claimed:.6g} {relation} {verdict.computed:.6g}"
    return str(verdict.computed)


def _who_holds(
    found: Sequence[Sequence[Verdict]], names: Sequence[object], r: int, noun: str
) -> str:
    held = [str(name) for claim, name in zip(found, names) if claim[r].ok]
    failed = [str(name) for claim, name in zip(found, names) if not claim[r].ok]
    parts = []
    if held:
        parts.append(f"{noun} {', '.join(held)} hold{'s' if len(held) == 1 else ''}")
    if failed:
        parts.append(f"{noun} {', '.join(failed)} fail{'s' if len(failed) == 1 else ''}")
    return " and ".join(parts)


def _numbers(values: list[object]) -> tuple[float, ...] | None:
    """The readings' numbers, one each, when every reading has a single one."""
    numbers = [float(v) for v in values if isinstance(v, (int, float))]
    return tuple(numbers) if len(numbers) == len(values) else None


def judge_parts(
    found: Sequence[Sequence[Verdict]], claim: Any, readings: Sequence[str] = ("",)
) -> Verdict:
    """The verdict of one statement of several parts.

    `found[p][r]` is part p's verdict on reading r (the first reading, the literal one,
    first); `claim` is the statement as written. On one reading: right when every part
    is right, else wrong (or inconsistent, when a part is and none is wrong), with the
    first part that is not right giving the numbers. Over several readings the verdict is
    the first reading's, the others' in `others`; but when no reading makes every part
    hold while each part holds on some reading, the statement is inconsistent, and its
    `correct` says on which reading each part holds.
    """
    if not found or any(len(part) != len(readings) for part in found):
        raise ValueError("every part needs a verdict on each reading")
    each = [
        _combined([part[r] for part in found], claim, reading) for r, reading in enumerate(readings)
    ]
    literal = replace(each[0], others=tuple(each[1:]), reading=readings[0])
    if len(readings) == 1 or literal.ok or any(v.ok for v in each):
        return literal
    if not all(any(v.ok for v in part) for part in found):
        return literal  # a part that holds on no reading: wrong whichever is meant
    ways = "; ".join(
        f"{reading}: " + ", ".join(_part_outcome(i, part[r]) for i, part in enumerate(found, 1))
        for r, reading in enumerate(readings)
    )
    return replace(
        literal,
        verdict=INCONSISTENT,
        correct=f"its {len(found)} parts never hold together, on any of the {len(readings)} "
        f"readings ({ways})",
    )


def _combined(parts: Sequence[Verdict], claim: Any, reading: str) -> Verdict:
    """The parts on one reading, as one verdict."""
    failed = [p for p in parts if not p.ok]
    first = failed[0] if failed else parts[0]
    word = (
        RIGHT
        if not failed
        else INCONSISTENT
        if all(p.verdict == INCONSISTENT for p in failed)
        else WRONG
    )
    counts = [sum(p.verdict == w for p in parts) for w in (RIGHT, WRONG, INCONSISTENT)]
    tally = ", ".join(
        f"{n} {w}" for n, w in zip(counts, (RIGHT, WRONG, INCONSISTENT), strict=True) if n
    )
    wrong = [f"part {i}: {_said(p)}" for i, p in enumerate(parts, 1) if not p.ok and _said(p)]
    return replace(
        first,
        verdict=word,
        claim=claim,
        reading=reading,
        detail=f"{len(parts)} parts: {tally}",
        correct="; ".join(wrong),
        parts=tuple(parts),
        others=(),
        statement=None,
        of="",
        wrt_label="",
        diagnosis=None,  # each part keeps its own
        correct_formula=None,
        formula=None,
    )


def _said(verdict: Verdict) -> str:
    """What is right, said of what the part is about: `∂E/∂w17 = 0.1408` ("" when the
    part's verdict says nothing of it)."""
    right = verdict.correct
    if not right and verdict.correct_value is not None:
        right = shown(verdict.correct_value)
    subject = verdict.subject
    if right and subject and not right.startswith(subject):
        return f"{subject} = {right}"
    return right


def _part_outcome(i: int, verdict: Verdict) -> str:
    holds = "holds" if verdict.ok else "fails"
    return f"part {i} {holds} ({_outcome(verdict)})"
