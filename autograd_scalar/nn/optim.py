"""Training: `SGD` moves parameters against their gradients; `fit` runs the whole loop.

Updates write `p.data` directly: they are arithmetic on floats, never recorded in a
graph, so training leaves no trail of nodes behind.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..core.value import Value, as_float
from ..interrupts import Interrupts
from .losses import mse
from .module import Module

LearningRate = float | Callable[[int], float]


class SGD:
    """Plain gradient descent: p ← p − lr·∂loss/∂p for every parameter, at each `step()`.

    `lr` is a number, or a function of the step count k = 0, 1, 2, ... (a schedule, as
    micrograd's demo `lambda k: 1.0 - 0.9 * k / 100`).
    """

    def __init__(self, parameters: Iterable[Value], lr: LearningRate = 0.01) -> None:
        unique: dict[Value, None] = {}  # a parameter listed twice is still updated once
        for i, p in enumerate(parameters):
            if not isinstance(p, Value):
                raise TypeError(f"SGD takes Values to update; item {i} is {p!r}")
            unique[p] = None
        if not unique:
            raise ValueError("SGD got no parameters to update")
        self.parameters = list(unique)
        self.lr = lr
        self.steps = 0
        self.rate()  # refuse a bad learning rate now, not at the first step

    def rate(self) -> float:
        """The learning rate for the coming step."""
        scheduled = callable(self.lr)
        lr = self.lr(self.steps) if callable(self.lr) else self.lr
        if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not 0.0 < lr < math.inf:
            when = f" (the schedule's rate for step {self.steps})" if scheduled else ""
            raise ValueError(f"the learning rate must be a finite number > 0, got {lr!r}{when}")
        return float(lr)

    def step(self) -> None:
        """Update every parameter; if any would become inf or NaN, none is changed.

        Ctrl-C during the step updates every parameter or none: once the updates begin,
        it waits until they are all made (and the step is counted).
        """
        lr = self.rate()
        updated = [p.data - lr * p.grad for p in self.parameters]
        for i, (p, data) in enumerate(zip(self.parameters, updated, strict=True)):
            if not math.isfinite(data):
                name = repr(p.label) if p.label else f"parameter {i}"
                raise ValueError(
                    f"step {self.steps}: updating {name} (data={p.data!r}, grad={p.grad!r}) "
                    f"with lr={lr!r} gives {data!r}; lower the learning rate"
                )
        with Interrupts(holding=True):
            for p, data in zip(self.parameters, updated, strict=True):
                p.data = data
            self.steps += 1

    def zero_grad(self) -> None:
        """Set every parameter's `.grad` to 0 before the next backward()."""
        for p in self.parameters:
            p.grad = 0.0

    def __repr__(self) -> str:
        lr = getattr(self.lr, "__name__", "a schedule") if callable(self.lr) else f"{self.lr:g}"
        return f"SGD({len(self.parameters)} parameters, lr={lr}, {self.steps} steps taken)"


def _show_progress(asked: bool | None) -> bool:
    """Whether `fit` draws a progress bar: as asked, or by default when someone can see
    it, in a notebook or at a terminal (not in a log file or a pipe)."""
    if asked is not None:
        return bool(asked)
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    in_notebook = shell is not None and "IPKernelApp" in getattr(shell, "config", {})
    stream = sys.stderr
    return in_notebook or bool(stream is not None and stream.isatty())


def _sum_of_squares(parameters: list[Value]) -> Value:
    total = parameters[0] * parameters[0]
    for p in parameters[1:]:
        total = total + p * p
    return total


def fit(
    model: Module,
    inputs: Sequence[Any],
    targets: Sequence[Any],
    loss: Callable[[list[Any], Sequence[Any]], Value] = mse,
    *,
    steps: int = 100,
    lr: LearningRate = 0.01,
    l2: float = 0.0,
    optimizer: SGD | None = None,
    progress: bool | None = None,
    callback: Callable[[int, float, list[Any]], None] | None = None,
) -> list[float]:
    """Train on the whole data set `steps` times; return the loss before each update.

    Each step: predictions for every input, `loss(predictions, targets)` plus
    `l2·Σ p²` over the parameters, backward, one `SGD` step (or `optimizer`'s).
    `callback(k, loss, predictions)` runs after each step. A progress bar (tqdm's: a
    widget in a notebook, a line on stderr in a terminal) shows the steps and the loss,
    by default when someone can see it; `progress=True` or `False` chooses.
    """
    if len(inputs) != len(targets):
        raise ValueError(f"fit got {len(inputs)} inputs but {len(targets)} targets")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps must be a whole number >= 1, got {steps!r}")
    if not 0.0 <= as_float(l2, "fit's l2") < math.inf:
        raise ValueError(f"l2 must be a finite number >= 0, got {l2!r}")
    parameters = model.parameters()
    optimizer = optimizer if optimizer is not None else SGD(parameters, lr)
    from tqdm.auto import tqdm  # only training shows progress; importing it costs time

    bar = tqdm(total=steps, desc="training", unit="step", disable=not _show_progress(progress))
    history: list[float] = []
    try:
        for k in range(steps):
            predictions = [model(x) for x in inputs]
            total = loss(predictions, targets)
            if l2:
                total = total + l2 * _sum_of_squares(parameters)
            model.zero_grad()
            optimizer.zero_grad()  # it may hold parameters from outside the model
            total.backward()
            optimizer.step()
            history.append(total.data)
            if callback is not None:
                callback(k, total.data, predictions)
            bar.set_postfix(loss=f"{total.data:.6g}", refresh=False)
            bar.update()
    finally:
        bar.close()
    return history
