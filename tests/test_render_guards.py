"""The built-in renderer's guards: bounded size and work, Ctrl-C, and one-line failures.

A graph past `WASM_LIMIT` nodes and edges is refused before any layout starts (an op
view before its DOT text is even written); a layout past `WASM_SECONDS` is stopped and
refused; a long render stops at Ctrl-C, its worker done before the call returns, and
the next render works; a Graphviz stack exhaustion is one line. None of this needs a
system Graphviz.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_scalar import RenderError, Value, draw, nn
from autograd_scalar.cli import main
from autograd_scalar.core.graph import topological_order
from autograd_scalar.viz import dot, drawing, render

pytestmark = pytest.mark.usefixtures("no_system_graphviz")


@pytest.mark.parametrize(
    "source, nodes, edges",
    [
        ("digraph { a -> b }", 2, 1),
        ("digraph { a -> b -> c; a -> c; d }", 4, 3),
        ('graph { rankdir=LR; node [shape=box label="x -> y"]; "f g" -- h }', 2, 1),
        ("digraph { n0:port:e -> n1; n1 [label=<<b>a -> b</b><i>c</i>>] }", 2, 1),
        (
            "strict digraph g { // a -> comment\n"
            '  subgraph cluster_1 { label="L" color=blue; x; y }\n'
            "  /* z -> w */ x -> y [weight=2]; edge [color=red] y -> x\n"
            "# a preprocessor line -> q\n"
            "}",
            2,
            2,
        ),
        ('digraph { "a\\"->b" -> -1.5; -1.5 -> .5 }', 3, 2),
    ],
)
def test_the_size_of_a_graph_is_counted_from_its_dot_text(source, nodes, edges):
    assert render.graph_size(source) == (nodes, edges)


def _wide_model_file(tmp_path) -> str:
    path = tmp_path / "big.json"
    nn.save(nn.MLP(8, [40, 40, 1], seed=0), path)
    return str(path)


def _no_layout(monkeypatch) -> list[str]:
    started: list[str] = []

    def layout(self, source, fmt):
        started.append(source)
        raise AssertionError("a layout started")

    monkeypatch.setattr(render._InterruptibleGraphviz, "render", layout)
    return started


def _sum_past_the_limit() -> Value:
    x = Value(0.5, "x")
    total = x * 1.0
    for k in range(render.WASM_LIMIT // 6 + 1):  # each term: 2 nodes and 2 edges at least
        total = total + x * (k + 1.0)
    return total


def test_a_graph_past_the_limit_is_refused_before_any_layout_starts(monkeypatch):
    started = _no_layout(monkeypatch)
    source = draw(_sum_past_the_limit(), max_nodes=None, renderer="dot").source
    nodes, edges = render.graph_size(source)
    assert nodes + edges > render.WASM_LIMIT
    with pytest.raises(RenderError) as info:
        render.render(source)
    message = str(info.value)
    assert f"{nodes:,} nodes and {edges:,} edges" in message and "renderer='dot'" in message
    assert "\n" not in message and started == []


def test_draw_refuses_an_op_view_past_the_limit_before_writing_its_dot(monkeypatch):
    total = _sum_past_the_limit()
    nodes, edges = render.graph_size(draw(total, max_nodes=None, renderer="dot").source)

    def no_dot(*args, **kwargs):
        raise AssertionError("the DOT text was written")

    monkeypatch.setattr(drawing, "graph_source", no_dot)
    with pytest.raises(RenderError) as info:
        draw(total, max_nodes=None)
    message = str(info.value)
    assert f"{nodes:,} nodes and {edges:,} edges" in message and "max_nodes" in message
    assert "\n" not in message


def _random_graph(seed: int, size: int) -> Value:
    """Values made from earlier ones at random: shared inputs, `a*a`, constants, leaves."""
    rng = random.Random(seed)
    made = [Value(rng.uniform(0.5, 1.0), f"x{i}") for i in range(3)]
    for _ in range(size):
        a, b = rng.choice(made), rng.choice(made)
        made.append(rng.choice([a * b, a + b, a * 0.5, (a + 1.0).tanh(), a * a]))
    return made[-1]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), size=st.integers(0, 30))
def test_the_op_view_is_counted_as_its_dot_text_counts_it(seed, size):
    root = _random_graph(seed, size)
    source = draw(root, view="ops", max_nodes=None, renderer="dot").source
    assert dot.op_view_size(topological_order(root)) == render.graph_size(source)


def test_the_command_line_refuses_a_huge_render_in_one_line_and_writes_nothing(
    tmp_path, monkeypatch, capsys
):
    started = _no_layout(monkeypatch)
    out = tmp_path / "big.svg"
    model = _wide_model_file(tmp_path)
    status = main(["render", "--model", model, "--max-nodes", "100000", "-o", str(out)])
    _, err = capsys.readouterr()
    assert status == 1 and err.count("\n") == 1 and "more than the built-in renderer" in err
    assert not out.exists() and started == []


def test_a_graph_under_the_limit_is_still_drawn():
    x = Value(0.5, "x")
    y = (x * 2.0 + 1.0).tanh().labelled("y")
    assert "<svg" in draw(y).svg()


def test_a_stack_exhausted_in_graphviz_is_one_line_and_the_next_render_works(monkeypatch):
    # A long chain of statements, each its own edge, deep enough to exhaust the stack.
    depth = 40_000
    source = "digraph { rankdir=LR\n" + "\n".join(f"n{i} -> n{i + 1}" for i in range(depth)) + "}"
    monkeypatch.setattr(render, "WASM_LIMIT", 10**9)  # past the guard, to reach Graphviz
    with pytest.raises(RenderError) as info:
        render.render(source)
    message = str(info.value)
    assert "ran out of stack" in message and "\n" not in message and len(message) < 400
    assert b"<svg" in render.render("digraph { a -> b }")


class _Runner:
    """Stands in for the WebAssembly: a render that runs until interrupted `stubborn + 1`
    times (the first interrupts landing before it looks for them), or 10 s."""

    def __init__(self, stubborn: int = 0) -> None:
        self.left = stubborn + 1
        self.stopped = threading.Event()

    def render(self, source: str, fmt: str) -> bytes:
        if not self.stopped.wait(10.0):
            raise AssertionError("never stopped")
        raise RuntimeError("wasm trap: interrupt")

    def interrupt(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.stopped.set()


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "autograd_scalar render"]


@pytest.mark.skipif(sys.platform == "win32", reason="raise_signal(SIGINT) is POSIX here")
def test_ctrl_c_as_the_worker_starts_still_stops_and_joins_it(monkeypatch):
    runner = _Runner()
    monkeypatch.setattr(render, "_runner", runner)

    class Started(threading.Thread):
        def start(self) -> None:
            super().start()
            signal.raise_signal(signal.SIGINT)  # Ctrl-C just as the worker is started

        def run(self) -> None:
            super().run()
            time.sleep(0.5)  # alive after `finished` is set: only a join waits for this

    monkeypatch.setattr(render.threading, "Thread", Started)
    with pytest.raises(KeyboardInterrupt):
        render.render("digraph { a -> b }")
    assert runner.stopped.is_set() and _workers() == []


def test_ctrl_c_before_the_render_looks_for_it_still_stops_it(monkeypatch):
    runner = _Runner(stubborn=3)  # the first three moves of the epoch come too early
    monkeypatch.setattr(render, "_runner", runner)
    timer = threading.Timer(0.2, signal.raise_signal, (signal.SIGINT,))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        render.render("digraph { a -> b }")
    timer.join()
    assert runner.stopped.is_set() and _workers() == []


def test_a_layout_past_its_time_is_stopped_in_one_line_and_the_next_render_works(monkeypatch):
    runner = _Runner()  # lays out until it is stopped
    monkeypatch.setattr(render, "_runner", runner)
    monkeypatch.setattr(render, "WASM_SECONDS", 0.2)
    source = "digraph { a -> b; b -> c }"
    with pytest.raises(RenderError) as info:
        render.render(source)
    message = str(info.value)
    assert "this graph (3 nodes and 2 edges) takes more than 0.2 s to lay out" in message
    assert "max_nodes" in message and "renderer='dot'" in message and "\n" not in message
    assert runner.stopped.is_set() and _workers() == []
    monkeypatch.undo()
    assert b"<svg" in render.render(source)


_CHILD = """
import sys, threading
from autograd_scalar import nn, draw
from autograd_scalar.viz import render
render.WASM_LIMIT, render.WASM_SECONDS = 10**9, 10**9  # lift the guards: this takes minutes
model = nn.load(sys.argv[1])
out = model([0.1] * model.n_in)
out.backward()
drawing = draw(out, module=model, max_nodes=None)
draw(out, max_nodes=50).svg()  # the WebAssembly module compiled: the render starts at once
layout = render._InterruptibleGraphviz.render

def announced(self, source, fmt):
    print("rendering", flush=True)  # from the worker: the layout has begun
    return layout(self, source, fmt)

render._InterruptibleGraphviz.render = announced
try:
    drawing.svg()
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
render._InterruptibleGraphviz.render = layout
print("threads left", threading.active_count(), flush=True)
print("again", "<svg" in draw(out, max_nodes=50).svg(), flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")
def test_ctrl_c_stops_a_long_render_and_the_next_render_works(tmp_path):
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, _wide_model_file(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        started = child.stdout.readline()
        assert started == "rendering\n", child.communicate()[1]
        # The layout runs for minutes: the interrupt lands while it runs (after a moment,
        # so that the render has surely begun).
        try:
            child.wait(1.0)
        except subprocess.TimeoutExpired:
            pass
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=120)  # without the guard: over an hour
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        pytest.fail("the render went on after Ctrl-C")
    assert out.splitlines() == ["interrupted", "threads left 1", "again True"], err
    assert child.returncode == 0, err


def test_every_layout_runs_within_a_memory_limit(monkeypatch):
    import wasmtime

    limits = []
    set_limits = wasmtime.Store.set_limits

    def spy(store, **given):
        limits.append(given)
        set_limits(store, **given)

    monkeypatch.setattr(wasmtime.Store, "set_limits", spy)
    assert b"<svg" in render.render("digraph { a -> b }")
    assert limits == [{"memory_size": render.WASM_MEMORY}] and render.WASM_MEMORY <= 1 << 30


def test_a_layout_past_its_memory_is_refused_in_one_line_and_the_next_render_works(monkeypatch):
    # 4,000 nodes and edges in a chain take about 14 MB: past a limit of 8 MB.
    source = "digraph {\n" + "\n".join(f"n{i} -> n{i + 1}" for i in range(2_000)) + "}"
    render.render("digraph { a -> b }")  # a session already made, at a few MB
    monkeypatch.setattr(render, "WASM_MEMORY", 8 << 20)
    with pytest.raises(RenderError) as info:
        render.render(source)
    message = str(info.value)
    assert "this graph (2,001 nodes and 2,000 edges) needs more than 8 MB to lay out" in message
    assert "max_nodes" in message and "\n" not in message and len(message) < 400
    monkeypatch.undo()
    assert b"<svg" in render.render(source)
