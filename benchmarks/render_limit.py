"""How large a graph the built-in renderer lays out in a few seconds: the basis of WASM_LIMIT.

For graphs of several shapes and growing size, it prints the size the renderer's guard
counts (DOT nodes + edges) and the time one warm SVG render takes. The guard refuses a
graph past `autograd_scalar.viz.render.WASM_LIMIT` before any layout; this script lifts
the guard, to time graphs on both sides of it.

    python benchmarks/render_limit.py
"""

from __future__ import annotations

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


SHAPES: dict[str, tuple[Callable[[int], str], list[int]]] = {
    "MLP, drawn with its layers and neurons as boxes": (
        lambda n: mlp(n, True),
        [8, 12, 14, 16, 18],
    ),
    "MLP, no boxes": (lambda n: mlp(n, False), [12, 16, 20, 24]),
    "chain": (chain, [500, 1000, 1500, 2000]),
    "wide sum": (wide, [500, 1000, 2000]),
}


def seconds(source: str) -> float:
    start = time.perf_counter()
    render.render(source)
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"WASM_LIMIT = {render.WASM_LIMIT:,} nodes + edges")
    render.WASM_LIMIT = 10**9  # lift the guard, to time what it would refuse too
    seconds("digraph { a -> b }")  # compiles the WebAssembly module once
    for name, (make, sizes) in SHAPES.items():
        print(name)
        for size in sizes:
            source = make(size)
            nodes, edges = render.graph_size(source)
            try:
                took = f"{seconds(source):6.2f} s"
            except Exception as error:  # the deepest graphs exhaust Graphviz's stack
                took = str(error)[:90]
            print(
                f"  {size:>5}: {nodes:>6,} nodes + {edges:>6,} edges = {nodes + edges:>6,}   {took}"
            )
