"""What the PyTorch bridge costs and gives: one training step of micrograd's demo, three ways.

The demo's step (a 2-16-16-1 ReLU MLP on 100 moons points, the hinge loss, forward and
backward) run by this engine; by the exported model (`model.to_torch()`, the 100 points
as one batch); and by the step's recorded graph exported with `to_torch(loss)`, which
runs op by op. Also the cost of `import torch` in a fresh interpreter, in CPU seconds. Needs the torch
extra; never part of the test run. Run: `.venv/bin/python benchmarks/torch_speed.py`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import torch

from autograd_scalar import nn, to_torch

X, CLASSES = nn.make_moons(100, noise=0.1, seed=1)
Y = [2 * c - 1 for c in CLASSES]


def median_seconds(step: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    model = nn.MLP(2, [16, 16, 1], seed=1)

    def engine_step() -> None:
        model.zero_grad()
        nn.hinge([model(x) for x in X], Y).backward()

    module = model.to_torch()
    inputs = torch.tensor(X, dtype=torch.float64)
    labels = torch.tensor(Y, dtype=torch.float64)

    def exported_model_step() -> None:
        module.zero_grad()
        torch.relu(1 - labels * module(inputs)[:, 0]).mean().backward()

    graph = to_torch(nn.hinge([model(x) for x in X], Y))

    def exported_graph_step() -> None:
        graph.zero_grad()
        graph().backward()

    engine = median_seconds(engine_step, 7)
    exported = median_seconds(exported_model_step, 21)
    recorded = median_seconds(exported_graph_step, 3)
    # CPU seconds, which a shared machine's load does not inflate as it does wall time.
    code = "import time; t = time.process_time(); import torch; print(time.process_time() - t)"
    imports = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(5)
    ]
    print(f"the demo's step, forward and backward, torch {torch.__version__}:")
    print(f"  this engine:                     {engine:.4f} s")
    print(f"  the exported model, one batch:   {exported:.4f} s ({engine / exported:.0f}x faster)")
    print(
        f"  the exported graph ({len(graph.program):,} ops): {recorded:.3f} s ({recorded / engine:.0f}x slower)"
    )
    print(
        f"import torch in a fresh interpreter (median of 5): {statistics.median(imports):.2f} s of CPU"
    )


if __name__ == "__main__":
    main()
