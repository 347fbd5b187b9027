"""The mistakes of hand derivations that change the chain rule's pieces, alone or together.

A claimed ∂out/∂x is compared, at every checked point, with what the chain rule gives
when one or more of these mistakes is made on purpose:
- an inner derivative of −1 dropped: ∂(y − ŷ)/∂ŷ = −1 taken as 1 (every local partial
  that is −1 at every point, as a subtraction's or a negation's is);
- a power kept after differentiating: the slope k·u^(k−1) of u^k written k·u^k (every
  node whose slope times its input, over its value, is the same k at every point);
- the derivative taken by every node of x's name at once: ∂out/∂ŷ_1 + … + ∂out/∂ŷ_4
  for ∂out/∂ŷ_1, as if ŷ were one number shared by the examples;
- a sum over the wrong factors: the paths' first factors summed, times the other
  factors of one path alone (0 wherever those first factors cancel);
- the sign flipped.
The first two change local partials, and the chain rule is run again with them over the
replayed tape; the others change how its pieces are put together. The explanations with
the fewest mistakes that hold at every point are reported, each as one `Finding`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..core.replay import Tape
from ..core.replay_kernel import run_backward
from .chain import Chain
from .findings import Finding, Math, Part

INNER, KEPT, SHARED, WRONG_SUM, SIGN = (
    "inner derivative",
    "kept power",
    "shared",
    "wrong sum",
    "sign",
)
SMALL = 1e-12  # a candidate this close to 0 at every point explains nothing
MAX_CHANGES = 4  # kinds of change tried, all their combinations with them
# A label and its number: ŷ_1 is ŷ_ and 1. The stem is empty or ends in a non-digit, so a
# match that fails is linear in the label (`(.*?)(\d+)` tried every split of the digits).
NUMBERED = re.compile(r"(|.*\D)(\d+)")

Close = Callable[[float, float], bool]


@dataclass
class Point:
    """One checked point: the claim's value there, and every slot's value and partials."""

    claim: float
    values: list[float]
    da: list[Any]
    db: list[Any]
    steps: dict[tuple[Any, Any], float] | None = None  # every step's value, unchanged


@dataclass(frozen=True)
class Change:
    """A change of local partials: `kind` (INNER or KEPT) made at `slots`, nodes alike
    (the same expression but for their numbers: every example's y_k − ŷ_k)."""

    kind: str
    slots: tuple[tuple[int, int, float], ...]  # (node slot, input slot, k or the side)


@dataclass(frozen=True)
class Way:
    """One way to be wrong: the changes made (indices into the changes found), the sign,
    and how the pieces are summed ("" for the chain rule's own sum; SHARED; WRONG_SUM
    keeping `path`'s factors)."""

    changes: frozenset[int]
    sign: bool
    sum: str = ""
    path: int = -1

    @property
    def count(self) -> int:
        """How many mistakes it makes."""
        return len(self.changes) + self.sign + bool(self.sum)


@dataclass(frozen=True)
class Explained:
    """A way that holds at every point, its finding, and whether it is a dropped −1
    alone (`flips`: with a claim of −truth, the cause of the flipped sign)."""

    way: Way
    finding: Finding
    flips: bool = False


def explanations(
    tape: Tape, target: int, points: Sequence[Point], close: Close, chain: Chain
) -> list[Explained]:
    """The ways with the fewest mistakes that explain the claim at every point (none when
    none of them does)."""
    pieces = _Pieces(tape, target, points, chain)
    if not pieces.changes and not pieces.siblings and not pieces.split:
        return []
    found = [way for way, values in pieces.candidates() if _holds(points, values, close)]
    if not found:
        return []
    fewest = min(way.count for way in found)
    best = [way for way in found if way.count == fewest]
    # A −1 dropped that does what a flipped sign does says more: keep it, not its twin.
    best = [w for w in best if not pieces.twin_with_cause(w, best)]
    return [Explained(way, pieces.finding(way), pieces.flips(way)) for way in best]


def _holds(points: Sequence[Point], values: list[float], close: Close) -> bool:
    if all(abs(v) <= SMALL for v in values):
        return False
    return all(close(p.claim, v) for p, v in zip(points, values, strict=True))


class _Pieces:
    """What the mistakes change, found once over all the points, and the candidates."""

    def __init__(self, tape: Tape, target: int, points: Sequence[Point], chain: Chain) -> None:
        self.tape, self.target, self.points, self.chain = tape, target, points, chain
        self.siblings = _siblings(tape, target)
        reach = _reaching(tape, [target, *self.siblings])
        inner = _alike(chain, tape, INNER, _minus_ones(tape, points, reach))
        kept = _alike(chain, tape, KEPT, _powers(tape, points, reach))
        self.changes = (inner + kept)[:MAX_CHANGES]
        paths = chain.paths or []
        firsts = {(path[0].of, path[0].wrt) for path in paths if path}
        self.split = len(paths) >= 2 and len(firsts) == len(paths)

    def _change_sets(self) -> list[frozenset[int]]:
        indices = range(len(self.changes))
        return [
            frozenset(c) for n in range(len(self.changes) + 1) for c in combinations(indices, n)
        ]

    def ways(self) -> Iterator[Way]:
        sums = [""] + ([SHARED] if self.siblings else [])
        paths = range(len(self.chain.paths or [])) if self.split else range(0)
        for changes in self._change_sets():
            for sign in (False, True):
                for summed in sums:
                    if changes or summed:
                        yield Way(changes, sign, summed)
                for k in paths:
                    yield Way(changes, sign, WRONG_SUM, k)

    def candidates(self) -> list[tuple[Way, list[float]]]:
        ways = list(self.ways())
        values: dict[Way, list[float]] = {way: [] for way in ways}
        sets = self._change_sets()
        for point in self.points:
            by_change = {changes: self._at(point, changes) for changes in sets}
            for way in ways:
                direct, shared, sums = by_change[way.changes]
                value = direct if not way.sum else shared if way.sum == SHARED else sums[way.path]
                values[way].append(-value if way.sign else value)
        return list(values.items())

    def _at(self, point: Point, changes: frozenset[int]) -> tuple[float, float, list[float]]:
        """∂out/∂x, the sum over x's namesakes, and each wrong sum, with `changes` made."""
        da, db = list(point.da), list(point.db)
        for i in changes:
            change = self.changes[i]
            for o, a, side_or_k in change.slots:
                if change.kind == INNER:
                    (da if side_or_k == 0 else db)[o] = 1.0
                else:
                    da[o] = da[o] * point.values[a]
        g = [0.0] * len(point.values)
        g[len(self.tape.nodes) - 1] = 1.0
        run_backward(self.tape.program, g, da, db)
        shared = sum(g[i] for i in self.siblings)
        sums: list[float] = []
        if self.split:
            slot = self.tape.slot
            steps = point.steps if not changes and point.steps is not None else None
            steps = steps or self.chain.step_values(lambda n: (da[slot[n]], db[slot[n]]))
            paths = self.chain.paths or []
            heads = [steps[(path[0].of, path[0].wrt)] for path in paths]
            tails = [math.prod(steps[(s.of, s.wrt)] for s in path[1:]) for path in paths]
            sums = [sum(heads) * tail for tail in tails]
        return g[self.target], shared, sums

    def twin_with_cause(self, way: Way, found: list[Way]) -> bool:
        """Whether a way with one more −1 dropped and the sign turned back holds too."""
        return any(
            Way(way.changes | {i}, not way.sign, way.sum, way.path) in found
            for i, change in enumerate(self.changes)
            if change.kind == INNER and i not in way.changes
        )

    def flips(self, way: Way) -> bool:
        """Whether the way is one dropped −1 alone (with a claim of −truth, that is
        what a flipped sign does, said with its cause)."""
        (only,) = way.changes if len(way.changes) == 1 else (None,)
        return way.count == 1 and only is not None and self.changes[only].kind == INNER

    def finding(self, way: Way) -> Finding:
        said = [self._change(self.changes[i]) for i in sorted(way.changes)]
        if way.sum:
            said.append(self._sum(way))
        if way.sign:
            said.append(("the sign flipped",))
        kinds = tuple(self.changes[i].kind for i in sorted(way.changes))
        kinds += ((way.sum,) if way.sum else ()) + ((SIGN,) if way.sign else ())
        if len(said) == 1:
            return Finding(kinds[0], said[0])
        parts: list[Part] = ["several mistakes together: "]
        for i, phrase in enumerate(said):
            if i:
                parts.append("; " if i < len(said) - 1 else "; and ")
            parts += phrase
        return Finding("combined", tuple(parts), kinds, " + ".join(kinds))

    def _change(self, change: Change) -> tuple[Part, ...]:
        name = self.chain.folding.symbol
        o, a, side_or_k = change.slots[0]
        more = len(change.slots) - 1
        also = (
            f" (and the {more} like it)" if more > 1 else " (and the one like it)" if more else ""
        )
        if change.kind == INNER:
            node, operand = name(self.tape.nodes[o]), name(self.tape.nodes[a])
            step = Math(f"∂{node}/∂{operand}", f"\\partial {node} / \\partial {operand}")
            return ("the −1 of the inner derivative ", step, also, " dropped")
        u, k = name(self.tape.nodes[a]), side_or_k
        right, kept = f"{k:g}·{_power(u, k - 1)}", f"{k:g}·{_power(u, k)}"
        what = "the square" if k == 2 else "the power"
        return (
            f"{what} kept after differentiating: the slope of {_power(u, k)} written {kept}, "
            f"not {right}{also}",
        )

    def _sum(self, way: Way) -> tuple[Part, ...]:
        out = self.chain.name(self.chain.output)
        if way.sum == SHARED:
            labels = [self.tape.nodes[i].label for i in self.siblings]
            each = " + ".join(f"∂{out}/∂{label}" for label in labels)
            stem = NUMBERED.fullmatch(labels[0])
            one = stem.group(1).rstrip("_") if stem else labels[0]
            return (
                f"the derivative taken by {', '.join(labels[:-1])} and {labels[-1]} at once "
                f"({each}, as if {one} were one number)",
            )
        paths = self.chain.paths or []
        firsts = " + ".join(f"∂{out}/∂{self.chain.name(p[0].wrt)}" for p in paths)
        return (
            f"a sum over the wrong factors: the first factors of the {len(paths)} paths summed "
            f"({firsts}) times the other factors of path {way.path + 1} alone "
            f"({self.chain.route(paths[way.path])}), where the chain rule sums whole paths; it "
            "is 0 wherever those first factors cancel",
        )


def _power(u: str, k: float) -> str:
    """u to the power k, as written: u, u², u³, u^4."""
    if k == 1:
        return u
    return u + {2.0: "²", 3.0: "³"}.get(float(k), f"^{k:g}")


def _alike(
    chain: Chain, tape: Tape, kind: str, slots: list[tuple[int, int, float]]
) -> list[Change]:
    """The slots grouped into changes: nodes written alike but for their numbers (every
    example's y_k − ŷ_k) are one change, made together."""
    groups: dict[tuple[str, float], list[tuple[int, int, float]]] = {}
    for o, a, side_or_k in slots:
        written = re.sub(r"\d+", "#", chain.folding.name_text(tape.nodes[o]))
        groups.setdefault((written, side_or_k), []).append((o, a, side_or_k))
    return [Change(kind, tuple(found)) for found in groups.values()]


def _siblings(tape: Tape, target: int) -> list[int]:
    """The slots of the nodes named as x is with another number (ŷ_1 … ŷ_4), x among
    them; none when x's label has no number or no namesake."""
    found = NUMBERED.fullmatch(tape.nodes[target].label or "")
    if not found:
        return []
    stem, leaf = found.group(1), tape.nodes[target].op is None
    slots = [
        at[0]
        for name, at in tape.by_label.items()
        if len(at) == 1
        and (m := NUMBERED.fullmatch(name or "")) is not None
        and m.group(1) == stem
        and (tape.nodes[at[0]].op is None) == leaf
    ]
    return sorted(slots) if len(slots) >= 2 else []


def _reaching(tape: Tape, sources: list[int]) -> list[bool]:
    """For every slot, whether it depends on one of `sources`."""
    reach = [False] * len(tape.values)
    for s in sources:
        reach[s] = True
    for _, o, a, b, _, _ in tape.program:
        reach[o] = reach[o] or reach[a] or (b >= 0 and reach[b])
    return reach


def _minus_ones(
    tape: Tape, points: Sequence[Point], reach: list[bool]
) -> list[tuple[int, int, float]]:
    """(slot, input slot, side) of every local partial that is −1 at every point, on a
    way to x (side 0: the first input, 1: the second)."""
    found = []
    for _, o, a, b, _, _ in tape.program:
        for side, given in ((0, a), (1, b)):
            if given < 0 or not reach[given]:
                continue
            if all((p.da if side == 0 else p.db)[o] == -1.0 for p in points):
                found.append((o, given, float(side)))
    return found


def _powers(tape: Tape, points: Sequence[Point], reach: list[bool]) -> list[tuple[int, int, float]]:
    """(slot, input slot, k) of every node of one input that is a power u^k of it: its
    slope times u over its value is the same k (not 0 or 1) at every point."""
    found = []
    for _, o, a, b, _, _ in tape.program:
        if b >= 0 or not reach[a]:
            continue
        ks = [p.da[o] * p.values[a] / p.values[o] for p in points if p.values[o] != 0.0]
        if len(ks) < len(points) or not ks:
            continue
        k = round(ks[0]) if math.isclose(ks[0], round(ks[0]), rel_tol=1e-9) else ks[0]
        if k not in (0, 1) and abs(k) <= 10 and all(math.isclose(x, k, rel_tol=1e-9) for x in ks):
            found.append((o, a, float(k)))
    return found
