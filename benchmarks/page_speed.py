"""How long building a drawing's page takes, and how big the page of a large graph is.

Targets: the page of a 2-3-3-1 network (its loss graph, as `render_speed` builds it, and
the relu-network document's) in under 0.2 s once Graphviz's WebAssembly module is
compiled; the page of a 400-node graph under 2 MB. "Building the page" is all of it:
reading the graph, the DOT text, the SVG render, backward's steps, every node's
explanation and the HTML. Run: `python benchmarks/page_speed.py`.
"""

from __future__ import annotations

import random
import statistics
import time

from render_speed import loss_graph

from autograd_scalar import Value, documents, draw, topological_order


def wide_graph(nodes: int = 400, seed: int = 0) -> Value:
    """A labelled 2-layer tanh network's loss over a few examples, about `nodes` Values."""
    rng = random.Random(seed)
    weights = [Value(rng.uniform(-1, 1), f"w{i}") for i in range(12)]
    losses = []
    example = 0
    while True:
        example += 1
        x = [Value(rng.uniform(-1, 1), f"x{k}({example})") for k in (1, 2)]
        hidden = [
            (weights[2 * j] * x[0] + weights[2 * j + 1] * x[1]).tanh().labelled(f"h{j}({example})")
            for j in range(4)
        ]
        out = sum((w * h for w, h in zip(weights[8:], hidden)), Value(0.0, "b"))
        losses.append(((out - 1.0) ** 2).labelled(f"L({example})"))
        loss = sum(losses[1:], losses[0]).labelled("J")
        if len(topological_order(loss)) >= nodes:
            loss.backward()
            return loss


def seconds(build, repeats: int = 7) -> float:
    """The median time of `repeats` runs of `build()`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        build()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    draw(loss_graph()).svg()  # compiles the WebAssembly module once for this process
    mlp = loss_graph()
    relu = documents.run("relu-network").root
    print(
        f"page of a 2-3-3-1 sigmoid loss graph ({len(topological_order(mlp))} nodes, "
        f"{len(draw(mlp).scene.boxes)} boxes): {seconds(lambda: draw(mlp).html()):.3f} s "
        "(target < 0.2 s)"
    )
    print(
        f"page of the relu-network document (2-3-3-1, {len(topological_order(relu))} nodes, "
        f"{len(draw(relu).scene.boxes)} boxes): {seconds(lambda: draw(relu).html()):.3f} s "
        "(target < 0.2 s)"
    )
    big = wide_graph(400)
    for view in ("equations", "ops"):

        def build(view: str = view) -> str:
            return draw(big, view=view, max_nodes=None).html()

        size = len(build().encode("utf-8"))
        print(
            f"page of a {len(topological_order(big))}-node graph, {view} view: "
            f"{size / 1e6:.2f} MB, built in {seconds(build, 3):.2f} s (target < 2 MB)"
        )


if __name__ == "__main__":
    main()
