"""The command behaves as Python users expect: --version, help with no command, quiet
when its reader stops early, and a plain word when a dependency is missing."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from autograd_scalar.cli import main


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
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    child.stdout.close()  # type: ignore[union-attr]
    status = child.wait(timeout=120)
    errors = child.stderr.read().decode()  # type: ignore[union-attr]
    assert (status, errors) == (0, "")


def test_a_missing_dependency_is_named_as_a_python_package_not_a_program(tmp_path):
    # As if the package ran from its source folder in a Python without its dependencies.
    code = (
        "import sys; sys.modules['graphviz'] = None\n"
        "from autograd_scalar.cli import main\n"
        "sys.exit(main(['render', '--document', 'perceptron', '-o', 'p.svg']))\n"
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
            len(result.verdicts), len(result.wrong), len(result.inconsistent))  # fmt: skip
        assert (tmp_path / "out" / f"{entry['document']}.svg").read_text().startswith("<?xml")
        assert entry["html"].endswith(".html")
    assert (
        main(["render", "--document", "perceptron", "-o", str(tmp_path / "p.svg"), "--json"]) == 0
    )
    drawn = json.loads(capsys.readouterr().out)
    assert drawn["output"] == "C" and drawn["picture"] == str(tmp_path / "p.svg")
    assert drawn["value"] == results["perceptron"].root.data
