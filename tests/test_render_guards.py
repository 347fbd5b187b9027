"""The built-in renderer's guards: bounded work, Ctrl-C, and one-line failures.

A graph past `WASM_LIMIT` nodes and edges is refused before any layout starts; a long
render stops at Ctrl-C, and the next render works; a Graphviz stack exhaustion is one
line. None of this needs a system Graphviz.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from autograd_scalar import RenderError, Value, draw, nn
from autograd_scalar.cli import main
from autograd_scalar.viz import render

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


def test_a_graph_past_the_limit_is_refused_before_any_layout_starts(monkeypatch):
    started = _no_layout(monkeypatch)
    x = Value(0.5, "x")
    total = x * 1.0
    for k in range(render.WASM_LIMIT // 6 + 1):  # each term: 2 nodes and 2 edges at least
        total = total + x * (k + 1.0)
    drawing = draw(total, max_nodes=None)
    nodes, edges = render.graph_size(drawing.source)
    assert nodes + edges > render.WASM_LIMIT
    with pytest.raises(RenderError) as info:
        drawing.svg()
    message = str(info.value)
    assert f"{nodes:,} nodes and {edges:,} edges" in message and "renderer='dot'" in message
    assert "\n" not in message and started == []


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


_CHILD = """
import sys, threading
from autograd_scalar import nn, draw
from autograd_scalar.viz import render
render.WASM_LIMIT = 10**9  # lift the guard: this render would take far longer than the test
model = nn.load(sys.argv[1])
out = model([0.1] * model.n_in)
out.backward()
drawing = draw(out, module=model, max_nodes=None)
draw(out, max_nodes=50).svg()  # the WebAssembly module compiled: the render starts at once
print("rendering", flush=True)
try:
    drawing.svg()
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
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
        assert child.stdout.readline() == "rendering\n"
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
