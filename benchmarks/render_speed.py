"""How long one SVG render of a small network's loss graph takes, once warmed up.

The graph is the loss of a 2-3-3-1 sigmoid network on one sample, built from Values
directly. The first render in a process loads Graphviz's machine code (see
`first_picture.py`); what a person waits for afterwards is the time measured here.
"""

from __future__ import annotations

import random
import time

from autograd_scalar import Value, draw


def loss_graph(sizes: tuple[int, ...] = (2, 3, 3, 1), seed: int = 0) -> Value:
    """The squared error of a sigmoid MLP of these layer sizes, after backward()."""
    rng = random.Random(seed)
    layer = [Value(rng.uniform(-1, 1), f"x{i + 1}") for i in range(sizes[0])]
    for depth in range(1, len(sizes)):
        n_in, n_out = sizes[depth - 1], sizes[depth]
        outputs = []
        for j in range(n_out):
            total = Value(rng.uniform(-1, 1), f"b{depth}.{j + 1}")
            for i in range(n_in):
                weight = Value(rng.uniform(-1, 1), f"w{depth}.{j + 1}.{i + 1}")
                total = total + weight * layer[i]
            outputs.append(total.sigmoid().labelled(f"a{depth}.{j + 1}"))
        layer = outputs
    loss = ((layer[0] - Value(1.0, "y")) ** 2).labelled("loss")
    loss.backward()
    return loss


def render_ms() -> float:
    """Best of 5 renders of the 2-3-3-1 loss graph to SVG, in milliseconds, after a warm-up."""
    loss = loss_graph()
    draw(loss).svg()  # loads Graphviz's machine code once for this process
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        draw(loss).svg()  # a new Drawing each time: nothing is cached but the module
        best = min(best, time.perf_counter() - start)
    return best * 1000.0


if __name__ == "__main__":
    print(f"render of a 2-3-3-1 loss graph to SVG: {render_ms():.1f} ms (best of 5, warm)")
