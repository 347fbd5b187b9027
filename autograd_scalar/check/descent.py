"""Training runs: gradient steps taken on a network, and said in words.

An update rule, or a word on what training will do, is judged by running it: `descend`
takes `steps` steps of `parameter ← parameter + sign·rate·∂loss/∂parameter` (sign −1 is
gradient descent) on the recorded graph, replayed (`Tape`), and keeps the loss at every
step and how often each parameter moved. The slope is the engine's gradient, or a
`Procedure`: a formula for each parameter (a document's own), so that a procedure
taught as formulas fed to a rule is run as it is written. `Run.says` puts it in words,
naming which slope was used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..core.replay import Tape
from ..core.value import Value, apply
from ..formula.expr import Call, Expr, Indicator, Name, Number, evaluate, fold
from ..formula.parser import Formula, parse_formula
from .network import Builder, Network

ENGINE = "the engine's gradient"
MAX_RUNS = 4096  # runs kept, so that claims training the same way train once
_RUNS: dict[tuple[Any, ...], Run] = {}


@dataclass(frozen=True)
class Procedure:
    """The slopes to train with: a formula for each parameter (text over the labels), and
    a name that says whose they are ("the formulas of lines 97 and 101")."""

    name: str
    slopes: Mapping[str, str]


@dataclass(frozen=True)
class Run:
    """A training run: the loss before each step and after the last, and what moved."""

    loss: str  # the loss's label
    rate: float
    sign: float
    losses: tuple[float, ...]
    moved: dict[str, int]  # parameter → at how many steps its gradient was not 0
    by: str = ENGINE  # the slopes used

    @property
    def steps(self) -> int:
        return len(self.losses) - 1

    @property
    def falls_every_step(self) -> bool:
        return all(after < before for before, after in zip(self.losses, self.losses[1:]))

    @property
    def rises_every_step(self) -> bool:
        return all(after > before for before, after in zip(self.losses, self.losses[1:]))

    def frozen(self) -> list[str]:
        """The parameters that never moved."""
        return [p for p, count in self.moved.items() if count == 0]

    def says(self) -> str:
        """In words: "ℓ 0.6769 → 0.01 in 100 steps of 0.5 with the engine's gradient,
        falling at every step"."""
        first, last = self.losses[0], self.losses[-1]
        trend = (
            "falling at every step"
            if self.falls_every_step
            else "rising at every step"
            if self.rises_every_step
            else "never changing"
            if len(set(self.losses)) == 1
            else "not at every step in one direction"
        )
        by = f" with {self.by}"
        return (
            f"{self.loss} {first:.6g} → {last:.6g} in {self.steps} step{'s' if self.steps != 1 else ''} "
            f"of {self.rate:g}{by}, "
            f"{trend}"
        )


def descend(
    build: Builder,
    values: Mapping[str, float],
    rate: float,
    steps: int,
    sign: float = -1.0,
    until: float = 0.0,
    procedure: Procedure | None = None,
) -> Run:
    """Take `steps` steps of `p ← p + sign·rate·slope` from `values` on every parameter,
    or fewer: it stops when every |slope| is below `until`. The slope is ∂loss/∂p, or
    the `procedure`'s formula for p at the current values. A run is made once: the same
    run asked again (several claims train the same way) is the same `Run`."""
    slopes = None if procedure is None else (procedure.name, tuple(procedure.slopes.items()))
    key = (build, tuple(values.items()), rate, steps, sign, until, slopes)
    if key not in _RUNS:
        if len(_RUNS) >= MAX_RUNS:
            _RUNS.clear()
        _RUNS[key] = _descend(build, values, rate, steps, sign, until, procedure)
    return _RUNS[key]


def _descend(
    build: Builder,
    values: Mapping[str, float],
    rate: float,
    steps: int,
    sign: float,
    until: float,
    procedure: Procedure | None,
) -> Run:
    net = build(values)
    tape, slopes_now = _slopes(net, procedure)
    nodes = [net.nodes[p] for p in net.parameters]
    slots = [tape.slot_of(node) for node in nodes]
    loss = tape.slot_of(net.root)
    moved = dict.fromkeys(net.parameters, 0)
    losses = [net.root.data]
    for _ in range(steps):
        slopes = slopes_now()
        if until and all(abs(slope) < until for slope in slopes):
            break
        for label, slope in zip(net.parameters, slopes, strict=True):
            moved[label] += slope != 0.0
        step = -sign * rate
        new: dict[Value | str, float] = {
            n: tape.values[i] - step * g for n, i, g in zip(nodes, slots, slopes, strict=True)
        }
        tape.forward(new)
        losses.append(tape.values[loss])
    by = ENGINE if procedure is None else procedure.name
    return Run(net.root.label, rate, sign, tuple(losses), moved, by)


def _slopes(net: Network, procedure: Procedure | None) -> tuple[Tape, Callable[[], list[float]]]:
    """The tape that replays the network, and what gives each parameter's slope at the
    tape's current values: ∂loss/∂p by the engine, or the procedure's formula for p."""
    if procedure is None:
        tape = Tape.record(net.root)
        slots = [tape.slot_of(net.nodes[p]) for p in net.parameters]

        def gradient() -> list[float]:
            tape.backward()
            return [tape.grads[slot] for slot in slots]

        return tape, gradient
    # The procedure's slopes are nodes of the graph the tape replays, where they can be
    # (a comparison [a > 0] has no op: such formulas are evaluated at every step).
    try:
        output, formulas = _on_the_graph(net, procedure)
    except ValueError:
        names = tuple(net.nodes)
        rules = [_parsed(procedure.slopes[p], names) for p in net.parameters]
        tape = Tape.record(net.root)

        def evaluated() -> list[float]:
            at = tape.labelled_values()
            return [rule(at) for rule in rules]

        return tape, evaluated
    tape = Tape.record(output)
    found = [tape.slot[s] for s in formulas]
    return tape, lambda: [tape.values[slot] for slot in found]


def _on_the_graph(net: Network, procedure: Procedure) -> tuple[Value, list[Value]]:
    """The procedure's slope for each parameter, built as a node over the network's
    nodes, and one output the tape records them all under: the loss plus 0 × each
    slope, so that a replay computes the loss and every slope at once."""
    slopes = []
    for p in net.parameters:
        expr = _parsed(procedure.slopes[p], tuple(net.nodes)).expr
        slope = fold(expr, lambda node, args: _node(node, args, net.nodes))
        slopes.append(slope if isinstance(slope, Value) else Value(float(slope)))
    return net.root + sum((0.0 * slope for slope in slopes), Value(0.0)), slopes


def _node(expr: Expr, args: list[Any], nodes: Mapping[str, Value]) -> Any:
    """One piece of a formula as a node (a piece of numbers alone stays a number; a
    comparison [a > 0] is 1 or 0 where it is, held as a node that passes no slope)."""
    if isinstance(expr, Name):
        return nodes[expr.label]
    if not any(isinstance(a, Value) for a in args):
        return evaluate(expr, {}) if not isinstance(expr, Number) else expr.value
    if isinstance(expr, Indicator):
        raise ValueError("a comparison has no op to replay")
    assert isinstance(expr, Call)
    return apply(expr.op, *args)


@lru_cache(maxsize=512)
def _parsed(text: str, labels: tuple[str, ...]) -> Formula:
    """A procedure's formula, read once for a network's labels."""
    return parse_formula(text, labels)
