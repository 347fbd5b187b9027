"""What the built-in renderer's two limits cost: the basis of WASM_LIMIT and WASM_SECONDS.

1. For graphs of several shapes and growing size, it prints the size the renderer's
   guard counts (DOT nodes + edges) and the time one warm SVG render takes. The guard
   refuses a graph past `autograd_scalar.viz.render.WASM_LIMIT` before any layout, and
   stops a layout past `WASM_SECONDS`; this part lifts both, to time graphs on both
   sides of them.
2. Graphs well under the size limit whose nodes are shared many times over (each node
   made from the one before and one chosen at random), with the limits as they are: how
   long the renderer takes to draw or refuse each. Without the time limit their layouts
   took from a minute to over ten.

    python benchmarks/render_limit.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from autograd_scalar import Value, draw, nn
from autograd_scalar.viz import render


def mlp(width: int, clusters: bool) -> str:
    """An MLP width-width-width-1's output, drawn as `render --model` draws it."""
    model = nn.MLP(width, [width, width, 1], seed=0)
    out = model([0.1] * width)
    out.backward()
    options = {"module": model} if clusters else {}
    return draw(out, max_nodes=None, **options).source


def chain(length: int) -> str:
    """tanh(x·1.0001 + 0.1), nested `length` times: one long path."""
    y = Value(0.5, "x")
    for _ in range(length):
        y = (y * 1.0001 + 0.1).tanh()
    y.backward()
    return draw(y, max_nodes=None).source


def wide(width: int) -> str:
    """Σ wᵢ·xᵢ over `width` pairs: one node with many inputs."""
    total = Value(0.0, "b")
    for i in range(width):
        total = total + Value(0.1, f"w{i}") * Value(0.2, f"x{i}")
    total.backward()
    return draw(total, max_nodes=None).source


def shared(size: int) -> str:
    """Each of `size` nodes is half the one before plus half one chosen at random."""
    rng = random.Random(0)
    made = [Value(0.1, "a"), Value(0.2, "b")]
    for _ in range(size):
        made.append(made[-1] * 0.5 + rng.choice(made) * 0.5)
    made[-1].backward()
    return draw(made[-1], max_nodes=None).source


SHAPES: dict[str, tuple[Callable[[int], str], list[int]]] = {
    "MLP, drawn with its layers and neurons as boxes": (
        lambda n: mlp(n, True),
        [8, 12, 14, 16, 18],
    ),
    "MLP, no boxes": (lambda n: mlp(n, False), [12, 16, 20, 24]),
    "chain": (chain, [500, 1000, 1500, 2000]),
    "wide sum": (wide, [500, 1000, 2000]),
    "shared": (shared, [40, 60, 80]),
}


def timed(source: str) -> str:
    """The time of one render, and why it failed if it did."""
    start = time.perf_counter()
    try:
        render.render(source)
    except Exception as error:  # the deepest graphs exhaust Graphviz's stack
        return f"{time.perf_counter() - start:6.2f} s   {str(error)[:70]}"
    return f"{time.perf_counter() - start:6.2f} s"


def size_of(source: str) -> str:
    nodes, edges = render.graph_size(source)
    return f"{nodes:>6,} nodes + {edges:>6,} edges = {nodes + edges:>6,}"


if __name__ == "__main__":
    limits = render.WASM_LIMIT, render.WASM_SECONDS
    print(f"WASM_LIMIT = {limits[0]:,} nodes + edges; WASM_SECONDS = {limits[1]:g}")
    render.render("digraph { a -> b }")  # loads Graphviz's machine code once
    print("1. with both limits lifted")
    render.WASM_LIMIT, render.WASM_SECONDS = 10**9, 10.0**9
    for name, (make, sizes) in SHAPES.items():
        print(name)
        for size in sizes:
            source = make(size)
            print(f"  {size:>5}: {size_of(source)}   {timed(source)}")
    print("2. shared nodes, with the limits as they are")
    render.WASM_LIMIT, render.WASM_SECONDS = limits
    for size in [100, 200, 400, 800]:
        source = shared(size)
        print(f"  {size:>5}: {size_of(source)}   {timed(source)}")
