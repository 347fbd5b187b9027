"""The `autograd-scalar` command: example, demo, render, and its one-line errors."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import without_dot
from test_documents import KNOWN, key

from autograd_scalar import documents
from autograd_scalar.cli import main

# What the commands print and write, of documents judged once for the run.
pytestmark = pytest.mark.usefixtures("documents_judged_once")


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_example_list_names_every_document(capsys):
    status, out, _ = run(capsys, "example", "--list")
    assert status == 0
    assert out.split() == documents.names()


def test_example_json_has_every_parameter_and_claim(capsys, results):
    status, out, _ = run(capsys, "example", "relu-network", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["document"] == "relu-network"
    labels = [f"w{i}" for i in range(1, 19)] + [f"b{i}" for i in range(1, 8)]
    for label in labels:
        assert set(data["parameters"][label]) == {"value", "grad"}
        assert isinstance(data["parameters"][label]["grad"], float)
    result = results["relu-network"]
    assert len(data["claims"]) == len(result.verdicts)
    for claim, verdict in zip(data["claims"], result.verdicts, strict=True):
        fields = {
            "line",
            "section",
            "claim",
            "reading",
            "claimed",
            "computed",
            "verdict",
            "correct",
        }
        assert fields <= set(claim) and isinstance(claim["line"], int)
        assert claim["verdict"] == KNOWN["relu-network"].get(key(verdict), "right")
    line = next(c for c in data["claims"] if c["line"] == 118)
    w17 = next(p for p in line["parts"] if p["claim"].startswith("∂E_total/∂w17"))
    assert (w17["verdict"], w17["claimed"], w17["correct"]) == ("wrong", "0.0850", "0.1408")
    assert w17["line"] == 118 and w17["correct_value"] == pytest.approx(0.140813, abs=1e-6)
    assert data["cited"]["title"] == result.title and data["cited"]["lines_in"].endswith(".txt")


def test_example_text_shows_verdicts_and_the_right_values(capsys):
    status, out, _ = run(capsys, "example", "relu-network")
    assert status == 0
    assert "right: 0.1408" in out and "right: 0.1664" in out
    assert "part 1: ✗ wrong  ∂E_total/∂w17 = 0.0850" in out and "✗ wrong        line 118" in out
    assert "✓ right        line 114  [Backpropagation and Weight Updates]" in out
    assert "chosen here:" in out and "off by: claimed − computed" in out


def test_example_explain_prints_the_chain_rule(capsys):
    status, out, _ = run(capsys, "example", "tap-and-knob", "--explain", "W1")
    assert status == 0
    assert "∂ℓ/∂W1" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["example", "no-such-document"],
        ["example", "relu-network", "--bogus"],
        ["example", "tap-and-knob", "--explain", "nothing"],
        ["render", "--document", "nope"],
    ],
)
def test_mistakes_get_one_line_and_status_2(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("autograd-scalar: error:")


def test_demo_writes_each_documents_picture_and_page_without_dot_and_says_where(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", without_dot(__import__("os").environ.get("PATH", "")))
    status, out, _ = run(capsys, "demo", "--out", str(tmp_path))
    assert status == 0
    for name in documents.names():
        picture, page = tmp_path / f"{name}.svg", tmp_path / f"{name}.html"
        assert ET.parse(picture).getroot().tag.endswith("svg")
        assert picture.read_text(encoding="utf-8").lstrip().startswith("<?xml")
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert name in out
        assert f"{picture}  {page}" in out
    assert len(out.strip().splitlines()) == 6


def test_render_a_document_and_a_saved_model(capsys, tmp_path):
    from autograd_scalar.nn import MLP, save

    status, _, _ = run(capsys, "render", "--document", "perceptron", "-o", str(tmp_path / "p.dot"))
    assert status == 0 and "w1" in (tmp_path / "p.dot").read_text(encoding="utf-8")
    save(
        MLP(2, [3, 1], seed=1).label_nodes(net="Z{}", out="a{}", inputs="x{}"),
        tmp_path / "model.json",
    )
    status, _, _ = run(
        capsys,
        "render",
        "--model",
        str(tmp_path / "model.json"),
        "--input",
        "0.5",
        "-1",
        "-o",
        str(tmp_path / "m.svg"),
    )
    assert status == 0 and ET.parse(tmp_path / "m.svg").getroot().tag.endswith("svg")
    status, _, err = run(capsys, "render", "--model", str(tmp_path / "model.json"), "--input", "1")
    assert status == 2 and "2 numbers" in err


def test_python_dash_m_is_the_command():
    done = subprocess.run(
        [sys.executable, "-m", "autograd_scalar", "example", "--list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.split() == documents.names()
