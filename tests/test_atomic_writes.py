"""Every file the package writes is written whole or not at all (files.write_atomically).

A write that fails midway (a full disk; here a file-size limit in a child process)
leaves the old file as it was and no temporary file beside it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import run_with_file_size_limit

import autograd_scalar
from autograd_scalar import Value, draw

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
