"""Speed and memory, side by side in one run: this engine, micrograd 0.1.0, plain floats.

Run with `make bench` (it installs micrograd into the benchmark's own environment).
Never part of the test run. Workloads:
1. one training step of micrograd's moons demo: a 2-16-16-1 ReLU MLP on 100 points,
   max-margin loss plus 1e-4 L2, forward, backward and update, garbage collector on;
2. a small graph built and differentiated again and again: the 8-op expression
   c = a + b; d = a*b + b**3; e = c − d; f = e**2; g = f / 2.0; g.backward(), where
   the garbage collector plays no part and the cost per op and per call shows;
3. memory retained by a graph of 1,000,000 ops with a constant operand;
4. the deepest chain that backward completes;
5. `import autograd_scalar` in a fresh interpreter.
"""

from __future__ import annotations

import gc
import importlib.util
import random
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from autograd_scalar import Value, nn
from autograd_scalar.nn import make_moons

HERE = Path(__file__).resolve().parent
SIZES = [2, 16, 16, 1]
X, CLASSES = make_moons(100, noise=0.1, seed=1)
Y = [2.0 * c - 1.0 for c in CLASSES]  # the hinge loss wants labels ±1


def median_seconds(make_step: Callable[[], Callable[[], object]], repeats: int) -> float:
    """Median seconds per call of the step that `make_step` builds.

    Each contender is built, timed and dropped in turn, with a full collection between
    them, so that no graph another one left behind makes the garbage collector slower.
    """
    gc.collect()
    step = make_step()
    step()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    del step
    gc.collect()
    return statistics.median(times)


def value_network(make: Callable[[float], object], rng: random.Random) -> list:
    """Layers of (weights, bias) pairs, initialised as micrograd does."""
    return [
        [([make(rng.uniform(-1, 1)) for _ in range(n_in)], make(0.0)) for _ in range(n_out)]
        for n_in, n_out in zip(SIZES, SIZES[1:])
    ]


def value_step(make: Callable[[float], object], network: list) -> Callable[[], object]:
    """micrograd's demo step, written with Values directly (works for either engine)."""
    params = [p for layer in network for w, b in layer for p in [*w, b]]

    def step() -> object:
        scores = []
        for row in X:
            x = [make(v) for v in row]
            for depth, layer in enumerate(network):
                out = [sum((wi * xi for wi, xi in zip(w, x)), b) for w, b in layer]
                x = [o.relu() for o in out] if depth < len(network) - 1 else out
            scores.append(x[0])
        losses = [(1 + -y * s).relu() for y, s in zip(Y, scores)]
        total = sum(losses) * (1.0 / len(losses)) + 1e-4 * sum(p * p for p in params)
        for p in params:
            p.grad = 0.0
        total.backward()
        for p in params:
            p.data -= 0.5 * p.grad
        return total

    return step


def float_step(rng: random.Random) -> Callable[[], float]:
    """The same step written by hand on floats: the floor for any pure-Python engine."""
    layers = [
        [[rng.uniform(-1, 1) for _ in range(n_in)] + [0.0] for _ in range(n_out)]
        for n_in, n_out in zip(SIZES, SIZES[1:])
    ]

    def step() -> float:
        grads = [[[0.0] * len(neuron) for neuron in layer] for layer in layers]
        total = 0.0
        for row, y in zip(X, Y):
            acts, pres = [row], []
            for depth, layer in enumerate(layers):
                x = acts[-1]
                pre = [sum(w * v for w, v in zip(n, x)) + n[-1] for n in layer]
                pres.append(pre)
                last = depth == len(layers) - 1
                acts.append(pre if last else [p if p > 0 else 0.0 for p in pre])
            margin = 1 - y * acts[-1][0]
            if margin <= 0:
                continue
            total += margin / len(X)
            upstream = [-y / len(X)]
            for depth in range(len(layers) - 1, -1, -1):
                layer, x = layers[depth], acts[depth]
                if depth < len(layers) - 1:
                    upstream = [u if p > 0 else 0.0 for u, p in zip(upstream, pres[depth])]
                below = [0.0] * len(x)
                for n, u in enumerate(upstream):
                    g = grads[depth][n]
                    for i, v in enumerate(x):
                        g[i] += u * v
                        below[i] += u * layer[n][i]
                    g[-1] += u
                upstream = below
        for layer, glayer in zip(layers, grads):
            for neuron, g in zip(layer, glayer):
                for i in range(len(neuron)):
                    total += 1e-4 * neuron[i] * neuron[i]
                    neuron[i] -= 0.5 * (g[i] + 2e-4 * neuron[i])
        return total

    return step


def mlp_step() -> Callable[[], object]:
    """The same step through `nn.MLP`."""
    model = nn.MLP(2, SIZES[1:], rng=random.Random(0))
    params = model.parameters()

    def step() -> object:
        scores = [model([Value(v) for v in row]) for row in X]
        losses = [(1 + -y * s).relu() for y, s in zip(Y, scores)]
        total = sum(losses) * (1.0 / len(losses)) + 1e-4 * sum(p * p for p in params)
        model.zero_grad()
        total.backward()
        for p in params:
            p.data -= 0.5 * p.grad
        return total

    return step


def small_graph(make: Callable[[float], object]) -> Callable[[], object]:
    """The 8-op expression on two leaves made once, rebuilt and differentiated per call."""
    a, b = make(-4.0), make(2.0)

    def step() -> object:
        c = a + b
        d = a * b + b**3
        e = c - d
        f = e**2
        g = f / 2.0
        g.backward()
        return g

    return step


def small_graph_floats() -> Callable[[], float]:
    """The same expression on plain floats: the floor."""
    a, b = -4.0, 2.0

    def step() -> float:
        c = a + b
        d = a * b + b**3
        e = c - d
        f = e**2
        return f / 2.0

    return step


def microseconds_per_call(step: Callable[[], object], calls: int = 20_000) -> float:
    """Best of 7 runs of `calls` calls, in microseconds per call."""
    step()
    return min(timeit.repeat(step, number=calls, repeat=7)) / calls * 1e6


def import_milliseconds(module: str, runs: int = 21) -> float:
    """Median time of `import module` in a fresh interpreter, in milliseconds (-X importtime)."""
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        )
        last = [line for line in done.stderr.splitlines() if line.rstrip().endswith(f"| {module}")]
        times.append(int(last[-1].split("|")[1]) / 1000.0)
    return statistics.median(times)


def bytes_per_op(make: Callable[[float], object], n_ops: int = 1_000_000) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    y = make(1.0)
    for _ in range(n_ops // 2):
        y = y * 0.999999
        y = y + 1e-7
    retained = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del y
    return retained / n_ops


def deepest_chain(make: Callable[[float], object]) -> int:
    deepest = 0
    for depth in (1_000, 10_000, 100_000, 1_000_000):
        x = make(1.0)
        y = x
        for _ in range(depth):
            y = y * 1.0
        try:
            y.backward()
        except RecursionError:
            break
        deepest = depth
    return deepest


def load_sibling(name: str):
    """A benchmark script next to this one, if it is there."""
    path = HERE / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main() -> int:
    try:
        import micrograd.engine as micrograd
        import micrograd.nn as micrograd_nn
    except ImportError:
        print("micrograd is not installed: run `make bench`", file=sys.stderr)
        return 1
    gc.enable()
    print(f"Python {sys.version.split()[0]}, garbage collector on\n")

    print("1. training step, 2-16-16-1 MLP on 100 moons points (median seconds per step)")
    contenders: dict[str, Callable[[], Callable[[], object]]] = {
        "plain floats (the floor)": lambda: float_step(random.Random(0)),
        "autograd_scalar, Values": lambda: value_step(
            Value, value_network(Value, random.Random(0))
        ),
    }
    contenders["autograd_scalar, nn.MLP"] = mlp_step
    replay = load_sibling("replay_speed")
    if replay is not None:
        contenders["autograd_scalar, replayed tape"] = replay.replay_step

    def micrograd_step() -> Callable[[], object]:
        model = micrograd_nn.MLP(2, SIZES[1:])
        network = [[(n.w, n.b) for n in layer.neurons] for layer in model.layers]
        return value_step(micrograd.Value, network)

    contenders["micrograd 0.1.0"] = micrograd_step
    seconds = {
        name: median_seconds(make, repeats=3 if name.startswith("micrograd") else 15)
        for name, make in contenders.items()
    }
    floor, theirs = seconds["plain floats (the floor)"], seconds["micrograd 0.1.0"]
    for name, took in seconds.items():
        print(
            f"   {name:<32} {took:8.4f} s   {theirs / took:6.1f}× faster than micrograd"
            f"   {took / floor:6.1f}× the floor"
        )
    if "autograd_scalar, nn.MLP" in seconds:
        ratio = seconds["autograd_scalar, nn.MLP"] / seconds["autograd_scalar, Values"]
        print(f"   nn.MLP takes {ratio:.2f}× the time of the same step written with Values")

    print("\n2. small graph: the 8-op expression rebuilt and differentiated (µs per call)")
    floor = microseconds_per_call(small_graph_floats())
    ours = microseconds_per_call(small_graph(Value))
    theirs = microseconds_per_call(small_graph(micrograd.Value))
    for name, took in (
        ("plain floats (the floor)", floor),
        ("autograd_scalar", ours),
        ("micrograd 0.1.0", theirs),
    ):
        print(f"   {name:<32} {took:8.2f} µs   {theirs / took:6.1f}× faster than micrograd")

    print("\n3. memory retained by a graph of 1,000,000 ops with a constant operand")
    for name, make in (("autograd_scalar", Value), ("micrograd 0.1.0", micrograd.Value)):
        print(f"   {name:<32} {bytes_per_op(make):8.0f} bytes per op")

    print("\n4. deepest chain that backward completes (tried 10^3 .. 10^6)")
    for name, make in (("autograd_scalar", Value), ("micrograd 0.1.0", micrograd.Value)):
        deepest = deepest_chain(make)
        shown = f"{deepest:,}" if deepest else "under 1,000 (RecursionError)"
        print(f"   {name:<32} {shown}")

    print("\n5. `import` in a fresh interpreter (median of 21, ms)")
    for module in ("autograd_scalar", "micrograd"):
        print(f"   {module:<32} {import_milliseconds(module):8.1f} ms")

    render = load_sibling("render_speed")
    if render is not None:
        print("\n6. rendering the loss graph of a 2-3-3-1 network to SVG (module compiled)")
        print(f"   autograd_scalar (wasm Graphviz) {render.render_ms():8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
