"""Every file the package writes is written whole or not at all (files.write_atomically).

A write that fails midway (a full disk; here a file-size limit in a child process)
leaves the old file as it was and no temporary file beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import socket
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import run_with_file_size_limit
from ctrl_c import CtrlC, sources

import autograd_scalar
from autograd_scalar import Value, draw, files, interrupts, nn
from autograd_scalar.cli import main

PACKAGE = Path(autograd_scalar.__file__).parent


def _chain(n: int) -> Value:
    x = Value(0.5, "x")
    y = x
    for k in range(n):
        y = (y * 1.01).labelled(f"h{k}")
    return y


def _dot_that_prints(bin_dir: Path, picture: Path) -> None:
    """A `dot` program that answers with a picture made beforehand: the child process
    below cannot run the built-in renderer under a file-size limit (wasmtime's memory
    counts as a file), and what is tested is the write, not the rendering."""
    script = bin_dir / "dot"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stdin.read()\n"
        f"sys.stdout.write(open({str(picture)!r}, encoding='utf-8').read())\n"
    )
    script.chmod(0o755)


@pytest.mark.parametrize("name", ["graph.svg", "graph.dot"])
def test_a_drawing_saved_over_the_size_limit_keeps_the_old_file_whole(
    tmp_path, no_system_graphviz, name
):
    folder = tmp_path / "pictures"
    folder.mkdir()
    path = folder / name
    draw(_chain(1)).save(path)
    before = path.read_bytes()
    big = tmp_path / "big.svg"
    big.write_text(draw(_chain(40)).svg(), encoding="utf-8")
    _dot_that_prints(no_system_graphviz, big)
    bigger = (
        "from autograd_scalar import Value, draw\n"
        "y = Value(0.5, 'x')\n"
        "for k in range(40):\n"
        "    y = (y * 1.01).labelled(f'h{k}')\n"
        f"draw(y, renderer='dot').save({name!r})\n"
    )
    done = run_with_file_size_limit(bigger, limit=len(before) + 100, cwd=folder)
    assert done.returncode != 0 and "File too large" in done.stderr  # the write really failed
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == [name]
    draw(_chain(40)).save(path)  # without the limit the same save succeeds
    assert b"h39" in path.read_bytes()


def test_the_command_line_keeps_the_old_picture_when_its_write_fails(tmp_path, no_system_graphviz):
    folder = tmp_path / "pictures"
    folder.mkdir()
    path = folder / "picture.svg"
    path.write_bytes(b"<svg>the old picture</svg>\n")
    big = tmp_path / "big.svg"
    big.write_text(draw(_chain(40)).svg(), encoding="utf-8")
    _dot_that_prints(no_system_graphviz, big)
    code = (
        "import sys\nfrom autograd_scalar.cli import main\n"
        "sys.exit(main(['render', '--document', 'perceptron', '--renderer', 'dot',"
        " '-o', 'picture.svg']))\n"
    )
    done = run_with_file_size_limit(code, limit=1000, cwd=folder)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "File too large" in done.stderr
    assert path.read_bytes() == b"<svg>the old picture</svg>\n"
    assert [p.name for p in folder.iterdir()] == ["picture.svg"]


def test_only_the_atomic_writer_opens_files_for_writing():
    # Any other way of writing a file (open(..., "w"), Path.write_text, ...) could leave
    # half a file behind; files.py is the one place allowed to write.
    writing = re.compile(
        r"\.write_(text|bytes)\(|\bopen\([^,)]*,\s*(mode\s*=\s*)?[rf]?['\"][rbt]*[wax+]"
        r"|os\.open\(|fdopen\(|mkstemp\(|NamedTemporaryFile|shutil\.(copy|move)"
    )
    assert writing.search('open(path, "w")') and writing.search("p.write_text(s)")
    assert not writing.search('open(path, encoding="utf-8")')  # reading is fine
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "files.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writing.search(line) and "os.devnull" not in line  # nothing to leave half-written
    ]
    assert found == []


def _not_a_file(folder: Path, kind: str) -> Path:
    """A path in `folder` holding something that is not a regular file."""
    path = folder / f"{kind.replace(' ', '-')}.dot"
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # as /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
    elif kind == "link to a pipe":
        os.mkfifo(folder / "pipe")
        path.symlink_to("pipe")
    elif kind == "link in a circle":
        path.symlink_to("other.dot")
        (folder / "other.dot").symlink_to(path.name)
    return path


def _listing(folder: Path) -> dict[str, int]:
    return {p.name: p.lstat().st_mode for p in folder.iterdir()}


@pytest.mark.parametrize("kind", ["pipe", "device", "socket", "link to a pipe", "link in a circle"])
def test_a_save_replaces_only_a_regular_file_and_refuses_anything_else_in_one_line(
    tmp_path, capsys, kind
):
    path = _not_a_file(tmp_path, kind)
    before = _listing(tmp_path)
    expected = "leads back to itself" if kind == "link in a circle" else "not a regular file"
    for save in (lambda: nn.save(nn.MLP(1, [1]), path), lambda: draw(_chain(1)).save(path)):
        with pytest.raises(OSError) as refused:
            save()
        message = str(refused.value)
        assert "\n" not in message and str(path) in message and expected in message, message
    model = tmp_path.parent / f"{tmp_path.name}-model.json"
    nn.save(nn.MLP(1, [1]), model)
    assert main(["render", "--model", str(model), "-o", str(path)]) == 1
    said = capsys.readouterr()
    assert said.out == "" and len(said.err.splitlines()) == 1 and expected in said.err
    assert _listing(tmp_path) == before  # the pipe (device, ...) as it was, nothing beside it


def test_a_save_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path):
    elsewhere = tmp_path / "models"
    elsewhere.mkdir()
    (elsewhere / "real.json").write_text("old", encoding="utf-8")
    link = tmp_path / "model.json"
    link.symlink_to(elsewhere / "real.json")
    nn.save(nn.MLP(1, [2, 1], seed=3), link)
    assert link.is_symlink() and os.readlink(link) == str(elsewhere / "real.json")
    assert nn.load(elsewhere / "real.json").sizes == [2, 1]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["real.json"]
    dangling = tmp_path / "new.json"  # a link to a file not yet there: the file is made
    dangling.symlink_to(elsewhere / "made.json")
    nn.save(nn.MLP(1, [1]), dangling)
    assert dangling.is_symlink() and nn.load(elsewhere / "made.json").sizes == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json", "models", "new.json"]


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


SAVING_FILES = sources(files, interrupts, tempfile, contextlib, os)


def _saved_with_ctrl_c_at(path: Path, k: int | None) -> tuple[CtrlC, type | None]:
    tracer = CtrlC(SAVING_FILES, k)
    try:
        tracer.run(lambda: files.write_atomically(path, "new"))
    except BaseException as error:
        return tracer, type(error)
    return tracer, None


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_ctrl_c_at_any_moment_of_a_save_leaves_the_old_file_or_the_new_one_and_nothing_else(
    tmp_path,
):
    path = tmp_path / "picture.svg"
    path.write_text("old", encoding="utf-8")
    counter, _ = _saved_with_ctrl_c_at(path, None)
    assert path.read_text(encoding="utf-8") == "new" and counter.seen > 20
    outcomes = set()
    for k in range(1, counter.seen + 1):
        path.write_text("old", encoding="utf-8")
        descriptors = _open_descriptors()
        _, stopped_by = _saved_with_ctrl_c_at(path, k)
        assert stopped_by is KeyboardInterrupt, k
        assert [p.name for p in tmp_path.iterdir()] == ["picture.svg"], k
        assert _open_descriptors() == descriptors, k
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, k
        outcomes.add(path.read_text(encoding="utf-8"))
    assert outcomes == {"old", "new"}  # pressed before the save began, or during it


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_ctrl_c_while_a_failed_save_cleans_up_still_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    path = tmp_path / "picture.svg"
    path.write_text("old", encoding="utf-8")
    counter, stopped_by = _saved_with_ctrl_c_at(path, None)
    assert stopped_by is OSError and counter.raised_at is not None
    for k in range(counter.raised_at, counter.seen + 1):  # from the failure to the end
        descriptors = _open_descriptors()
        _, stopped_by = _saved_with_ctrl_c_at(path, k)
        assert stopped_by is KeyboardInterrupt, k
        assert [p.name for p in tmp_path.iterdir()] == ["picture.svg"], k
        assert path.read_text(encoding="utf-8") == "old", k
        assert _open_descriptors() == descriptors, k


def test_a_file_name_of_the_longest_length_allowed_can_be_saved(tmp_path):
    path = tmp_path / ("m" * 250 + ".json")  # 255 bytes, the most a name may have
    nn.save(nn.MLP(1, [1]), path)
    nn.save(nn.MLP(1, [2, 1]), path)
    assert nn.load(path).sizes == [2, 1]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
