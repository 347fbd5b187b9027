"""The command behaves as Python users expect: --version, help with no command, quiet
when its reader stops early, and a plain word when a dependency is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from autograd_scalar.cli import main

# What the commands print and write, of documents judged once for the run.
pytestmark = pytest.mark.usefixtures("documents_judged_once")


def test_version_prints_the_installed_version(capsys):
    try:
        main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert capsys.readouterr().out.strip() == f"autograd-scalar {version('autograd-scalar')}"


def test_the_bare_command_prints_the_help(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: autograd-scalar") and "example" in out and "render" in out


def test_a_reader_that_stops_early_ends_it_quietly_with_status_0():
    # The reading end is closed before the command writes a byte (as `| head -1` does
    # once it has its line): every write then meets a closed pipe.
    child = subprocess.Popen(
        [sys.executable, "-m", "autograd_scalar", "example", "relu-network", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    child.stdout.close()  # type: ignore[union-attr]
    status = child.wait(timeout=120)
    errors = child.stderr.read().decode()  # type: ignore[union-attr]
    assert (status, errors) == (0, "")


def test_a_missing_dependency_is_named_as_a_python_package_not_a_program(tmp_path):
    # As if the package ran from its source folder in a Python without its dependencies.
    code = (
        "import sys; sys.modules['graphviz'] = None\n"
        "from autograd_scalar.cli import main\n"
        "sys.exit(main(['render', '--document', 'relu-network', '-o', 'p.svg']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Python package 'graphviz' is missing" in done.stderr and "pip install" in done.stderr
    assert not (tmp_path / "p.svg").exists()


def test_every_command_that_prints_results_can_print_json_instead(
    tmp_path, capsys, no_system_graphviz, results
):
    import json

    from autograd_scalar import documents

    assert main(["demo", "--out", str(tmp_path / "out"), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [d["document"] for d in shown["documents"]] == documents.names()
    for entry in shown["documents"]:
        result = results[entry["document"]]
        assert (entry["claims"], entry["wrong"], entry["inconsistent"]) == (
            len(result.verdicts),
            len(result.wrong),
            len(result.inconsistent),
        )
        assert (tmp_path / "out" / f"{entry['document']}.svg").read_text().startswith("<?xml")
        assert entry["html"].endswith(".html")
    assert (
        main(["render", "--document", "perceptron", "-o", str(tmp_path / "p.svg"), "--json"]) == 0
    )
    drawn = json.loads(capsys.readouterr().out)
    assert drawn["output"] == "C" and drawn["picture"] == str(tmp_path / "p.svg")
    assert drawn["value"] == results["perceptron"].root.data


WRONG_CLAIM = """\
output = "y"
[values]
x = 2.0
[equations]
y = "x·x"
[claims]
"∂y/∂x" = "x"
"""


def _command(*argv, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "autograd_scalar", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **options,
    )


@pytest.mark.parametrize("buffered", [True, False])
def test_a_reader_that_stops_early_still_gets_the_status_of_what_was_found(tmp_path, buffered):
    claims = tmp_path / "claims.toml"
    claims.write_text(WRONG_CLAIM, encoding="utf-8")
    # Unbuffered, every line meets the closed pipe as it is printed, mid-run.
    env = {**os.environ, "PYTHONUNBUFFERED": "" if buffered else "1"}
    child = _command("check", str(claims), env=env)
    child.stdout.close()  # type: ignore[union-attr]
    status = child.wait(timeout=120)
    assert (status, child.stderr.read().decode()) == (1, "")  # type: ignore[union-attr]


@pytest.fixture
def saved_model(tmp_path):
    from autograd_scalar import nn

    nn.save(nn.MLP(2, [2, 1], seed=1), tmp_path / "m.json")
    return tmp_path / "m.json"


MISTAKES = [
    ["render", "--model", "m.json", "--max-nodes", "-5"],
    ["render", "--model", "m.json", "--max-nodes", "0"],
    ["render", "--model", "m.json", "--input", "nan", "1"],
    ["render", "--model", "m.json", "--input", "1e400", "1"],
    ["render", "--model", "m.json", "-o", "out.txt"],
    ["render", "--model", "m.json", "-o", ""],
    ["render", "--model", "m.json", "--html", "out.svg"],
    ["example", "perceptron", "--svg", "x.txt"],
    ["example", "perceptron", "--html", "x.svg"],
    ["demo", "--out", ""],
]


@pytest.mark.parametrize("argv", MISTAKES, ids=" ".join)
def test_every_mistake_on_the_command_line_exits_2_in_one_line_and_does_nothing(
    argv, saved_model, capsys, monkeypatch
):
    folder = saved_model.parent
    monkeypatch.chdir(folder)
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 2 and out == "", (status, out[:200])
    assert len(err.splitlines()) == 1 and err.startswith("autograd-scalar: error: "), err
    assert [p.name for p in folder.iterdir()] == ["m.json"]


def test_a_path_with_a_line_break_is_named_whole_on_one_line(saved_model, capsys):
    folder = saved_model.parent
    for argv, name in [
        (["render", "--model", str(folder / "no\nsuch.json")], "no\\nsuch.json"),
        (["render", "--model", str(saved_model), "-o", str(folder / "a\nb" / "x.svg")], "a\\nb"),
        (["render", "--model", str(folder / "m\n.json")], "m\\n.json"),
    ]:
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and name in err, err


def test_json_output_is_valid_utf8_even_for_a_file_name_that_is_not(saved_model):
    picture = os.fsencode(saved_model.parent) + b"/\xff\xfe.dot"
    argv = ["render", "--model", str(saved_model), "-o", picture, "--json"]
    done = subprocess.run(
        [sys.executable, "-m", "autograd_scalar", *argv], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8, valid JSON
    assert os.fsencode(shown["picture"]) == picture and Path(os.fsdecode(picture)).is_file()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [[], ["--help"], ["render", "--help"]], ids=str)
def test_output_to_a_full_disk_is_an_error_in_one_line(argv):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "autograd_scalar", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and "No space left on device" in done.stderr


def test_a_closed_output_is_an_error_in_one_line_and_the_files_are_still_written(saved_model):
    picture = saved_model.parent / "m.svg"
    argv = [sys.executable, "-m", "autograd_scalar", "render", "--model", str(saved_model)]
    closed = {"preexec_fn": lambda: os.close(1), "stderr": subprocess.PIPE, "text": True}
    done = subprocess.run(argv, cwd=saved_model.parent, check=False, **closed)
    assert done.returncode == 1 and picture.is_file()
    assert len(done.stderr.splitlines()) == 1 and "output is closed" in done.stderr
