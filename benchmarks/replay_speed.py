"""Replay speed: one training step of a 2-16-16-1 MLP on the moons, replayed from a tape.

The graph of a whole step (forward over 100 points, hinge loss, L2 penalty) is built once
with Values and recorded; each timed step then replays forward and backward and applies
the SGD update to the parameter leaves, with no new Value made.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable

from autograd_scalar import Tape, Value
from autograd_scalar.nn import make_moons

SIZES = (2, 16, 16, 1)


def moons_step_graph(seed: int = 0) -> tuple[Value, list[Value]]:
    """micrograd's moons training loss as one graph, and its parameter leaves."""
    rng = random.Random(seed)
    layers = []
    for n_in, n_out in zip(SIZES, SIZES[1:], strict=False):
        layers.append(
            [
                (
                    [Value(rng.uniform(-1, 1), f"w{len(layers)}.{j}.{i}") for i in range(n_in)],
                    Value(0.0, f"b{len(layers)}.{j}"),
                )
                for j in range(n_out)
            ]
        )
    params = [p for layer in layers for w, b in layer for p in [*w, b]]
    X, y = make_moons(100, 0.1, seed)
    losses = []
    for point, label in zip(X, y, strict=True):
        activations: list = list(point)
        for depth, layer in enumerate(layers):
            outs = []
            for w, b in layer:
                total = w[0] * activations[0]
                for wi, xi in zip(w[1:], activations[1:], strict=True):
                    total = total + wi * xi
                total = total + b
                outs.append(total.relu() if depth < len(layers) - 1 else total)
            activations = outs
        sign = 2 * label - 1  # the classes 0 and 1 as -1 and +1
        losses.append((1 + -sign * activations[0]).relu())
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = 1e-4 * sum(p * p for p in params)
    return data_loss + reg_loss, params


def replay_step(lr: float = 0.05) -> Callable[[], object]:
    """One replayed training step (forward, backward, SGD update), ready to time."""
    loss, params = moons_step_graph()
    tape = Tape.record(loss)

    def step() -> object:
        value = tape.forward()
        tape.backward()
        tape.step(lr, params)
        return value

    return step


def replay_step_seconds(n_steps: int = 5, lr: float = 0.05) -> float:
    """Best seconds per replayed step over `n_steps`."""
    step = replay_step(lr)
    gc.collect()  # settle the debt of building the graph before the clock starts
    best = float("inf")
    for _ in range(n_steps):
        start = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    print(f"replayed training step: {replay_step_seconds():.4f} s")
