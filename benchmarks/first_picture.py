"""How long a new process waits for its first picture, with and without the compiled
Graphviz kept in the cache folder.

Each run is a fresh interpreter that builds a small labelled network (a neuron and its
loss) and times its first `draw(loss).svg()`, which loads the pictures' layers, the
renderer and Graphviz's machine code, and lays the graph out. The cache folder is a new
temporary one (`AUTOGRAD_SCALAR_CACHE`): the first run finds it empty and compiles, as
the first ever run on a machine does; the `RUNS` after it read the compiled code.
Figures: the first run, and the median of the others, for the first `svg()` call alone
and for the whole process (interpreter start to picture).

    python benchmarks/first_picture.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 11

CHILD = """
import time
from autograd_scalar import Value, draw

x, w, b, y = Value(0.5, "x"), Value(-0.3, "w"), Value(0.1, "b"), Value(1.0, "y")
a = (w * x + b).labelled("z").sigmoid().labelled("a")
loss = ((a - y) ** 2).labelled("L")
loss.backward()
start = time.perf_counter()
svg = draw(loss).svg()
print(time.perf_counter() - start)
assert svg.startswith("<?xml")
"""


def one_run(cache: str) -> tuple[float, float]:
    """(seconds of the first svg() call, seconds of the whole process)."""
    environment = dict(os.environ, AUTOGRAD_SCALAR_CACHE=cache)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user's Python: .pyc written once
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=environment, capture_output=True, text=True, check=True
    )
    return float(done.stdout), time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        first = one_run(cache)
        later = [one_run(cache) for _ in range(RUNS)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"the first picture of a new process (load average {load:.1f}):")
    print(f"  first ever run (compiles):        svg() {first[0]:.2f} s, process {first[1]:.2f} s")
    print(
        f"  later runs, median of {RUNS} (cached): "
        f"svg() {statistics.median(r[0] for r in later):.2f} s, "
        f"process {statistics.median(r[1] for r in later):.2f} s"
    )


if __name__ == "__main__":
    main()
