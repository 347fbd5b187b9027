"""What gradient descent does when W[1] starts at zero: the two-layer document's line 52.

"if W[1] is a vector of zeros, then the forward and backward propagation will effectively
update parameters during each iteration, making the model ineffective." Read literally,
only W[1] is zero and every other parameter keeps its initial value; the course the
document follows means a start where every weight and bias is zero; and the sentence
stands in the section on the L-layer ReLU network. Each reading is a start and a network,
trained for STEPS steps of RATE; the measures say whether every parameter moved at every
step, and whether the model ever did better than a constant output (the best a model
that ignores its input can do: predicting the mean label for every example).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from ..check.descent import Run, descend
from ..check.network import Builder
from .claims import Found, Measure
from .course import EXAMPLES, M

STEPS, RATE = 2000, 0.5

Start = Callable[[Mapping[str, float]], dict[str, float]]


def first_layer_zero(values: Mapping[str, float]) -> dict[str, float]:
    """W[1] = 0, everything else as initialised (the literal reading)."""
    return {k: (0.0 if k.startswith("W1[") else v) for k, v in values.items()}


def all_zero(values: Mapping[str, float]) -> dict[str, float]:
    """Every weight and bias 0 (the course's zero start)."""
    return {k: (0.0 if k[:1] in "Wb" else v) for k, v in values.items()}


def run_from(build: Builder, start: Start, values: Mapping[str, float]) -> Run:
    """The training run of STEPS steps of RATE from `start(values)` (made once: see
    `descend`)."""
    return descend(build, start(values), RATE, STEPS)


def constant_cost(values: Mapping[str, float]) -> float:
    """The cost of the best constant output: the mean label p for every example."""
    labels = [values[f"Y({i})"] for i in EXAMPLES]
    p = sum(labels) / M
    return -sum(y * math.log(p) + (1 - y) * math.log(1 - p) for y in labels) / M


def every_parameter_moves(start: Start) -> Measure:
    """Whether every parameter moves at every step, trained from `start`."""

    def measure(build: Builder, values: Mapping[str, float]) -> Found:
        run = run_from(build, start, values)
        always = [p for p, count in run.moved.items() if count == run.steps]
        never = run.frozen()
        some = [p for p in run.moved if p not in always and p not in never]
        if len(always) == len(run.moved):
            phrase = "every parameter moves at every step"
        else:
            phrase = "not every parameter moves at every step"
        parts = [f"{len(always)} of {len(run.moved)} parameters move at every step"]
        if never:
            parts.append(f"never: {', '.join(never)}")
        if some:
            parts.append(f"at some steps only: {', '.join(f'{p} ({run.moved[p]})' for p in some)}")
        detail = f"{run.says()}; " + "; ".join(parts)
        return Found(phrase, float(len(always)), detail, "the parameters that move at every step")

    return measure


def never_beats_a_constant(start: Start) -> Measure:
    """Whether the model, trained from `start`, stays at or above a constant output's cost."""

    def measure(build: Builder, values: Mapping[str, float]) -> Found:
        run = run_from(build, start, values)
        floor = constant_cost(values)
        best = min(run.losses)
        phrase = (
            "the model never does better than a constant output"
            if best >= floor - 1e-12
            else "the model learns: J falls below a constant output's cost"
        )
        detail = f"{run.says()}; a constant output's best cost is {floor:.6g}"
        return Found(phrase, run.losses[-1], detail)

    return measure
