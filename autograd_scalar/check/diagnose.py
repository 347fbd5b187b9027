"""Diagnoses: what a wrong partial derivative did, each tested at every checked point.

A claimed ∂out/∂x that `check_partial` finds wrong is held against the usual mistakes:
- the sign is flipped: claim = −truth;
- off by a constant factor: claim = c·truth (2, 1/2, 1/4, …; the factor is named);
- only some paths are summed: claim = the sum over a named subset of the chain rule's
  paths (those `explain` lists);
- a different derivative was taken: claim = ∂(another node)/∂x, or ∂out/∂(another node);
- a factor of the chain is missing (claim × that factor = truth), or one local factor
  stands where another should (claim × the right one = truth × the wrong one);
- the mistakes of `mistakes`: an inner derivative's −1 dropped (named as the cause of a
  flipped sign when that is all it does), a power kept after differentiating, the
  derivative taken by every node of x's name at once, a sum over the wrong factors;
  several of them together only when no single explanation holds.
An explanation is reported only if it holds at every point the claim was checked at, so
none is claimed by accident; each says, in words and in LaTeX, what was done. A printed
number is checked at one point, held to the digits it shows: it is tried for the sign,
a simple factor (2, 1/2, 3, …) and another derivative, and when the sign or a factor
fits, the rest are not given (they would fit by chance). The numbers come from one
replayed `Tape` per point: its gradients give ∂out/∂(every node), one forward pass of
tangents gives ∂(every node)/∂x, and `Chain` gives every step.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import combinations

from ..core.replay import Tape
from ..core.value import Value
from ..explanation.folding import Step
from ..formula.printing import latex, latex_words, text
from .chain import Chain
from .findings import Finding, Math, Part, markdown_words, partial
from .mistakes import Explained, Point, explanations

MAX_NODES = 5_000  # larger graphs are not diagnosed: every point replays all of it, op by op
MAX_SUBSET_PATHS = 12  # 2^12 subsets at most are tried against a claim
SMALL = 1e-12  # a value this close to 0 at every point says nothing about a claim
# The factors a printed number is tried for, simplest first: held to the digits it
# shows, a factor of many digits would fit almost any number by chance.
PRINTED_FACTORS = sorted(
    {Fraction(p, q) for q in range(1, 5) for p in range(-4, 5) if p and abs(Fraction(p, q)) != 1},
    key=lambda f: (f.denominator, abs(f.numerator), f < 0),
)
# At one point only the simplest explanations are worth giving: any other that fits
# there would fit by chance.
SIMPLEST = ("sign", "factor")

__all__ = ["Diagnosis", "Finding", "Math", "Part", "diagnose_claim", "markdown_words", "partial"]


@dataclass(frozen=True)
class Diagnosis:
    """What a wrong claim did: every explanation that holds at all `points`, or none.

    `truth` is ∂out/∂x itself (as text and LaTeX); `note` says what could not be tried.
    """

    truth: Math
    findings: tuple[Finding, ...]
    points: int
    note: str = ""

    def __bool__(self) -> bool:
        return bool(self.findings)

    @property
    def kinds(self) -> list[str]:
        return [f.kind for f in self.findings]

    def _none(self) -> str:
        where = "the one point checked" if self.points == 1 else f"all {self.points} points"
        return (
            "none of the usual mistakes (sign, constant factor, missing paths, another "
            f"derivative, a missing or swapped factor) explains it at {where}"
        )

    def lines(self) -> list[str]:
        """One line per finding (or one saying that none holds); none when not tried."""
        if self.points == 0:
            return []
        return [f"{f}{self._once()}" for f in self.findings] or [self._none()]

    def _once(self) -> str:
        return " (at the one point checked)" if self.points == 1 else ""

    def __str__(self) -> str:
        return "\n".join(self.lines() + ([self.note] if self.note else []))

    def __repr__(self) -> str:
        return str(self)

    def latex(self) -> str:
        """Each finding on a line of its own, in LaTeX."""
        once = latex_words(self._once()) if self._once() else ""
        rows = [f.latex() + once for f in self.findings]
        rows = rows or [latex_words(line) for line in self.lines()]
        rows += [latex_words(self.note)] if self.note else []
        return "\\begin{array}{l}\n" + " \\\\\n".join(rows) + "\n\\end{array}"

    def markdown(self) -> str:
        rows = [f.markdown() + self._once() for f in self.findings]
        rows = rows or [markdown_words(line) for line in self.lines()]
        rows += [markdown_words(self.note)] if self.note else []
        return "\n".join(f"- {row}" for row in rows)

    def _repr_markdown_(self) -> str:
        return self.markdown()


@dataclass
class _Sample:
    """The numbers at one checked point."""

    truth: float
    claim: float
    of_output: dict[Value, float]  # ∂out/∂node for the labelled nodes
    to_wrt: dict[Value, float]  # ∂node/∂wrt for the labelled nodes
    steps: dict[tuple[Value, Value], float] = field(default_factory=dict)
    point: Point | None = None  # every slot's value and local partials there


Close = Callable[[float, float], bool]


def diagnose_claim(
    tape: Tape,
    target: int,
    claim_at: Callable[[Tape], float],
    points: Sequence[Mapping[Value | str, float]],
    close: Close,
    *,
    chain: Chain | None = None,
    single_number: bool = False,
) -> Diagnosis:
    """The explanations of a wrong claim that hold at every one of `points`.

    `tape` is the recorded graph, `target` the slot of x; each point sets some leaves
    (the others keep the tape's values); `claim_at(tape)` is the claim's value at the
    tape's current point; `close(claimed, candidate)` says whether they agree. A printed
    number (`single_number`) is tried only for the sign, a simple factor and another
    derivative: tried at one point, more would fit by chance. `chain` is the graph's
    `Chain` to `wrt`, if it is already made.
    """
    output, wrt = tape.nodes[-1], tape.nodes[target]
    chain = chain or Chain(output, wrt)
    named = [n for n in tape.nodes if n.label and len(tape.by_label[n.label]) == 1]
    samples = [_sample(tape, target, point, claim_at, chain, named) for point in points]
    for point in points[:1]:  # leave the tape at the first point, as it was recorded
        tape.forward(point)
        tape.backward()
    truth = partial(chain.name(output), chain.name(wrt))
    findings: list[Finding] = []
    findings += _sign(samples, close, truth)
    findings += _factor(samples, close, truth, single_number)
    notes = []
    if not single_number:
        found, note = _paths(samples, close, chain)
        findings += found
        notes += [note] if note else []
    findings += _derivatives(samples, close, chain, named, truth)
    if single_number:
        return Diagnosis(truth, tuple(_simplest(findings)), len(samples))
    findings += _factors(samples, close, chain, truth)
    points_ = [s.point for s in samples if s.point is not None]
    findings = _with_mistakes(findings, explanations(tape, target, points_, close, chain))
    return Diagnosis(truth, tuple(findings), len(samples), " ".join(notes))


def _simplest(findings: list[Finding]) -> list[Finding]:
    """At one point: the sign or a simple factor when either fits, else the rest."""
    simplest = [f for f in findings if f.kind in SIMPLEST]
    return simplest or findings


def _with_mistakes(findings: list[Finding], mistakes: list[Explained]) -> list[Finding]:
    """The findings with the mistakes of `mistakes` that say most: a −1 dropped that
    does exactly what a flipped sign does is said with the sign; several mistakes at
    once are given only when no single explanation holds."""
    single = [m for m in mistakes if m.way.count == 1]
    sign = next((i for i, f in enumerate(findings) if f.kind == "sign"), None)
    for cause in [m for m in single if m.flips]:
        if sign is not None:
            flipped = findings[sign]
            said = ("; dropping ", *cause.finding.parts[:-1], " gives exactly this")
            findings[sign] = replace(flipped, parts=flipped.parts + said)
        single.remove(cause)
    if findings or single:
        return findings + [m.finding for m in single]
    return [m.finding for m in mistakes]


def _sample(
    tape: Tape,
    target: int,
    point: Mapping[Value | str, float],
    claim_at: Callable[[Tape], float],
    chain: Chain,
    named: list[Value],
) -> _Sample:
    tape.forward(point)
    tape.backward()
    grads = tape.grads
    values, da, db = tape.reference()
    slot = tape.slot
    tangent = [0.0] * len(da)
    tangent[target] = 1.0
    for _, o, a, b, _, _ in tape.program:  # ∂node/∂wrt, inputs before the nodes made of them
        if o == target:
            continue  # wrt is held as the variable, even when the graph computes it
        moved = da[o] * tangent[a] if tangent[a] else 0.0
        if b >= 0 and tangent[b]:
            moved += db[o] * tangent[b]
        tangent[o] = moved
    claim = claim_at(tape)
    steps = chain.step_values(lambda node: (da[slot[node]], db[slot[node]]))
    return _Sample(
        truth=grads[target],
        claim=claim,
        of_output={n: grads[slot[n]] for n in named},
        to_wrt={n: tangent[slot[n]] for n in named},
        steps=steps,
        point=Point(claim, values, da, db, steps),
    )


def _holds(
    samples: list[_Sample],
    claimed: Callable[[_Sample], float],
    candidate: Callable[[_Sample], float],
    close: Close,
) -> bool:
    """The relation claimed = candidate at every point, and not 0 = 0 at all of them."""
    if all(abs(candidate(s)) <= SMALL for s in samples):
        return False
    return all(close(claimed(s), candidate(s)) for s in samples)


def _sign(samples: list[_Sample], close: Close, truth: Math) -> list[Finding]:
    if not _holds(samples, lambda s: s.claim, lambda s: -s.truth, close):
        return []
    minus = Math(f"−{truth.text}", f"-{truth.latex}")
    return [Finding("sign", ("the sign is flipped: the claim is ", minus))]


def _factor(samples: list[_Sample], close: Close, truth: Math, simple_only: bool) -> list[Finding]:
    """claim = c·truth at every point. A printed number is tried for the simple factors
    alone, each held to the digits it shows; a formula for the factor it gives."""
    largest = max(samples, key=lambda s: abs(s.truth))
    if abs(largest.truth) <= SMALL:
        return []
    if simple_only:
        fits = [
            f
            for f in PRINTED_FACTORS
            if _holds(samples, lambda s: s.claim, lambda s: float(f) * s.truth, close)  # noqa: B023
        ]
        if not fits:
            return []
        first, *also = fits
        found = _factor_finding(float(first), (first.numerator, first.denominator), truth)
        if not also:
            return [found]
        # Few digits fit several factors: the simplest is named, and the others said.
        others = " and ".join(_factor_math(f.numerator, f.denominator).text for f in also)
        verb = "fit" if len(also) > 1 else "fits"
        return [replace(found, parts=(*found.parts, f" ({others} {verb} the digits printed too)"))]
    c = largest.claim / largest.truth
    nice = _fraction(c)
    if nice is not None:
        c = nice[0] / nice[1]
    if not math.isfinite(c) or abs(c) <= SMALL or math.isclose(abs(c), 1.0, rel_tol=1e-6):
        return []
    if not _holds(samples, lambda s: s.claim, lambda s: c * s.truth, close):
        return []
    return [_factor_finding(c, nice, truth)]


def _factor_math(p: int, q: int) -> Math:
    """p/q as text and LaTeX: −1/4, \\frac{1}{4}, 2."""
    sign = "−" if p < 0 else ""
    return Math(
        f"{sign}{abs(p)}" + (f"/{q}" if q != 1 else ""),
        ("-" if p < 0 else "") + (f"\\frac{{{abs(p)}}}{{{q}}}" if q != 1 else f"{abs(p)}"),
    )


def _factor_finding(c: float, nice: tuple[int, int] | None, truth: Math) -> Finding:
    if nice is None:
        shown = Math(f"{c:.6g}".replace("-", "−"), f"{c:.6g}")
    else:
        shown = _factor_math(*nice)
    times = Math(f"{shown.text} × {truth.text}", f"{shown.latex} \\cdot {truth.latex}")
    return Finding(
        "factor", ("off by a constant factor: the claim is ", times), detail=f"{shown.text} ×"
    )


def _fraction(c: float) -> tuple[int, int] | None:
    """c as p/q with small whole numbers (2, 1/2, −1/4, 2/3), if it is one."""
    if not math.isfinite(c):
        return None
    for q in range(1, 101):
        p = round(c * q)
        if p and abs(p) <= 100 and math.isclose(p / q, c, rel_tol=1e-9):
            return p, q
    return None


def _paths(samples: list[_Sample], close: Close, chain: Chain) -> tuple[list[Finding], str]:
    paths = chain.paths
    if paths is None or chain.path_count > MAX_SUBSET_PATHS:
        return [], f"(the {chain.path_count:,} paths were too many to try subsets of)"
    if len(paths) < 2:
        return [], ""
    products = [
        [math.prod(s.steps[(step.of, step.wrt)] for step in path) for path in paths]
        for s in samples
    ]
    for size in range(1, len(paths)):
        for chosen in combinations(range(len(paths)), size):
            sums = [sum(row[j] for j in chosen) for row in products]
            if any(abs(x) > SMALL for x in sums) and all(
                close(s.claim, x) for s, x in zip(samples, sums, strict=True)
            ):
                return [_paths_finding(chain, paths, chosen)], ""
    return [], ""


def _paths_finding(chain: Chain, paths: list[list[Step]], chosen: tuple[int, ...]) -> Finding:
    def listed(indices: list[int]) -> str:
        named = [f"path {i + 1} ({chain.route(paths[i])})" for i in indices]
        return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]

    missing = [i for i in range(len(paths)) if i not in chosen]
    words = (
        f"only some paths are summed: the claim is {listed(list(chosen))} of the "
        f"{len(paths)} paths; it leaves out {listed(missing)}"
    )
    kept = ", ".join(str(i + 1) for i in chosen)
    detail = f"path{'s' * (len(chosen) > 1)} {kept} of {len(paths)}"
    return Finding("paths", (words,), detail=detail)


def _derivatives(
    samples: list[_Sample], close: Close, chain: Chain, named: list[Value], truth: Math
) -> list[Finding]:
    output, wrt = chain.output, chain.wrt
    found = []
    for node in named:
        if node is output or node is wrt:
            continue
        other = None
        if _holds(samples, lambda s: s.claim, lambda s: s.to_wrt[node], close):  # noqa: B023
            other = partial(chain.name(node), chain.name(wrt))
        elif _holds(samples, lambda s: s.claim, lambda s: s.of_output[node], close):  # noqa: B023
            other = partial(chain.name(output), chain.name(node))
        if other is not None:
            found.append(
                Finding(
                    "derivative",
                    ("a different derivative was taken: ", other, " instead of ", truth),
                    detail=other.text,
                )
            )
    return found


def _factors(samples: list[_Sample], close: Close, chain: Chain, truth: Math) -> list[Finding]:
    """A step of every path that is missing from the claim, or stands in for another."""
    if not chain.paths:
        return []
    on_every_path = [
        step
        for step in chain.paths[0]
        if all(any(s.of is step.of and s.wrt is step.wrt for s in p) for p in chain.paths)
    ]
    varying = [step for step in chain.steps if _varies(samples, step)]
    found: list[Finding] = []
    for step in on_every_path:
        key = (step.of, step.wrt)
        if not _varies(samples, step):
            continue  # a constant factor: that is the sign or the constant factor
        if _holds(samples, lambda s: s.claim * s.steps[key], lambda s: s.truth, close):  # noqa: B023
            words: tuple[Part, ...] = (
                "a factor of the chain is missing: ",
                _step(chain, step),
                "; the claim times it is ",
                truth,
            )
            missing = partial(chain.name(step.of), chain.name(step.wrt)).text
            found.append(Finding("missing factor", words, detail=missing))
            continue
        for other in varying:
            if other.of is step.of and other.wrt is step.wrt:
                continue
            twin = (other.of, other.wrt)
            if _holds(
                samples,
                lambda s: s.claim * s.steps[key],  # noqa: B023
                lambda s: s.truth * s.steps[twin],  # noqa: B023
                close,
            ):
                words = (
                    "a factor stands where another should: ",
                    _step(chain, other),
                    " where ",
                    _step(chain, step),
                    " belongs",
                )
                said = [partial(chain.name(s.of), chain.name(s.wrt)).text for s in (other, step)]
                found.append(Finding("swapped factor", words, detail=" for ".join(said)))
                break
    return found


def _varies(samples: list[_Sample], step: Step) -> bool:
    values = [s.steps[(step.of, step.wrt)] for s in samples]
    if len(values) == 1:
        return not math.isclose(abs(values[0]), 1.0) and values[0] != 0.0
    return max(values) - min(values) > 1e-9 * max(1.0, max(abs(v) for v in values))


def _step(chain: Chain, step: Step) -> Math:
    """A step as `∂ℓ/∂σ3 = (1 − y)/(1 − σ3) − y/σ3` (its formula, when it has one)."""
    symbol = partial(chain.name(step.of), chain.name(step.wrt))
    if step.formula is None:
        return symbol
    return Math(f"{symbol.text} = {text(step.formula)}", f"{symbol.latex} = {latex(step.formula)}")
