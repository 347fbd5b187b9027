"""`autograd-scalar check FILE.toml`: a derivation checked from a file, as a user runs it.

Exit status 0 when every claim is right, 1 when one is wrong, 2 for a file that cannot
be used, with one line on stderr naming the file, the key and the place in the text.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from autograd_scalar.cli import main
from autograd_scalar.documents.tap_and_knob import VALUES

LEAVES = "\n".join(f"{label} = {value!r}" for label, value in VALUES.items())
EQUATIONS = """\
Z1 = "W1·X1 + W2·X2 + b1"
"σ1" = "sigmoid(Z1)"
Z2 = "W3·X1 + W4·X2 + b2"
"σ2" = "sigmoid(Z2)"
Z3 = "W5·σ1 + W6·σ2 + b3"
"σ3" = "sigmoid(Z3)"
"ℓ" = "−(1 − y)·ln(1 − σ3) − y·ln(σ3)"
"""
NETWORK = f'output = "ℓ"\n\n[values]\n{LEAVES}\n\n[equations]\n{EQUATIONS}'
CLAIMS = """
[claims]
"∂ℓ/∂W5" = "(σ3 − y)·σ1"
"∂ℓ/∂W1" = "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1"
"""


def run(capsys, *argv):
    status = main(["check", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_claim_is_printed_with_its_diagnosis_and_the_right_formula(capsys, tmp_path):
    status, out, err = run(capsys, write(tmp_path, "tap.toml", NETWORK + CLAIMS))
    assert (status, err) == (1, "")
    lines = out.splitlines()
    assert lines[0].startswith("✓ ∂ℓ/∂W5 = (σ3 − y)·σ1: ")
    assert lines[1].startswith("✗ ∂ℓ/∂W1 = σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1: ")
    assert "  why: a different derivative was taken: ∂σ3/∂W1 instead of ∂ℓ/∂W1" in lines
    assert "  right: ∂ℓ/∂W1 = (σ3 − y)·W5·σ1·(1 − σ1)·X1" in lines
    assert lines[-1] == "2 claims checked, 1 wrong"


def test_every_claim_right_exits_0_and_values_are_claims_too(capsys, tmp_path):
    claims = '\n[claims]\n"∂ℓ/∂W5" = "(σ3 − y)·σ1"\n"∂σ3/∂Z3" = "σ3·(1 − σ3)"\n'
    claims += 'Z3 = "W5·σ1 + W6·σ2 + b3"\n"∂ℓ/∂b3" = "σ3 − y"\n'
    status, out, _ = run(capsys, write(tmp_path, "right.toml", NETWORK + claims))
    assert status == 0 and out.splitlines()[-1] == "4 claims checked, 0 wrong"


def test_json_has_one_record_per_claim(capsys, tmp_path):
    claims = CLAIMS + '"σ1" = 0.5744\nZ3 = "W5·σ1 + W6·σ1 + b3"\n'
    status, out, _ = run(capsys, write(tmp_path, "tap.toml", NETWORK + claims), "--json")
    assert status == 1
    data = json.loads(out)
    assert data["output"] == "ℓ" and (data["checked"], data["wrong"]) == (4, 3)
    fields = {"claim", "verdict", "claimed", "computed", "diagnosis", "correct_formula"}
    assert all(fields <= set(record) for record in data["claims"])
    w5, w1, σ1, z3 = data["claims"]
    assert (w5["verdict"], w5["diagnosis"], w5["correct_formula"]) == ("right", [], None)
    assert w1["verdict"] == "wrong" and w1["correct_formula"] == "(σ3 − y)·W5·σ1·(1 − σ1)·X1"
    assert w1["diagnosis"][0] == "a different derivative was taken: ∂σ3/∂W1 instead of ∂ℓ/∂W1"
    assert σ1["verdict"] == "wrong" and σ1["claimed"] == 0.5744
    assert σ1["computed"] == pytest.approx(
        1 / (1 + 2.718281828459045 ** -(0.15 * 0.6 + 0.25 * 0.4 + 0.1))
    )
    assert z3["correct_formula"] == "W5·σ1 + W6·σ2 + b3"


def test_a_value_formula_right_at_the_recorded_point_only_is_wrong(capsys, tmp_path):
    w1 = VALUES["W1"]
    claims = f'\n[claims]\nZ3 = "W5·σ1 + W6·σ2 + b3 + (W1 − {w1!r})"\n'
    status, out, _ = run(capsys, write(tmp_path, "z3.toml", NETWORK + claims))
    assert status == 1 and out.startswith("✗ Z3 = ")


def test_answers_are_graded_against_one_network(capsys, tmp_path):
    network = write(tmp_path, "network.toml", NETWORK + '[claims]\n"∂ℓ/∂W1" = {}\n')
    right = write(tmp_path, "ada.toml", '[claims]\n"∂ℓ/∂W1" = "(σ3 − y)·W5·σ1·(1 − σ1)·X1"\n')
    wrong = write(tmp_path, "bob.toml", '[claims]\n"∂ℓ/∂W1" = "(σ3 − y)·W5·(σ1 − 1)·σ1·X1"\n')
    assert run(capsys, network, "--answers", right)[0] == 0
    status, out, _ = run(capsys, network, "--answers", wrong)
    assert status == 1 and "  why: the sign is flipped: the claim is −∂ℓ/∂W1" in out.splitlines()


def test_equations_may_come_in_any_order(capsys, tmp_path):
    shuffled = "\n".join(reversed(EQUATIONS.splitlines())) + "\n"
    text = f'output = "ℓ"\n[values]\n{LEAVES}\n[equations]\n{shuffled}' + CLAIMS
    assert run(capsys, write(tmp_path, "shuffled.toml", text))[0] == 1


BAD = {
    "toml syntax": ('[values]\nX1 = 0.6\n[equations]\nZ1 = "W1·X1\n', ["not valid TOML", "line 4"]),
    "unknown label": (
        '[values]\nW1 = 1\nX1 = 2\n[equations]\nZ1 = "W1·X1 + W9"\n',
        ["[equations] 'Z1' = 'W1·X1 + W9'", "'W9' is no node label", "character 9"],
    ),
    "cycle": (
        '[values]\nx = 1\n[equations]\na = "b + x"\nb = "2·a"\n',
        ["[equations] 'a'", "in a circle: a → b → a"],
    ),
    "self reference": ('[values]\nx = 1\n[equations]\na = "a·x"\n', ["in a circle: a → a"]),
    "defined twice": (
        '[values]\nx = 1\n[equations]\nx = "2·x"\n',
        ["[equations] 'x'", "defined twice"],
    ),
    "key twice": (
        '[values]\nx = 1\n[equations]\n"σ1" = "2·x"\n"σ1" = "3·x"\n',
        ["[equations] 'σ1' is defined twice (lines 4 and 5)"],
    ),
    "code": (
        "[values]\nx = 1\n[equations]\ny = \"__import__('os').system('touch pwned')\"\n",
        ["[equations] 'y'", "unknown function '__import__'"],
    ),
    "attribute": ('[values]\nx = 1\n[equations]\ny = "x.__class__"\n', ["attribute access"]),
    "long text": (
        '[values]\nx = 1\n[equations]\ny = "' + "x + " * 600 + 'x"\n',
        ["the limit is 2,000"],
    ),
    "deep nesting": (
        '[values]\nx = 1\n[equations]\ny = "' + "(" * 300 + "x" + ")" * 300 + '"\n',
        ["[equations] 'y'", "nested too deeply", "character 101"],
    ),
    "not a formula": ("[values]\nx = 1\n[equations]\ny = 3\n", ["a formula in quotes"]),
    "infinite leaf": ('[values]\nx = inf\n[equations]\ny = "2·x"\n', ["[values] 'x'", "finite"]),
    "domain": ('[values]\nx = -1\n[equations]\ny = "log(x)"\n', ["[equations] 'y'", "log"]),
    "a comparison": ('[values]\nx = 1\n[equations]\ny = "[x > 0]"\n', ["comparison"]),
    "bad label": ('[values]\n"a b" = 1\n[equations]\ny = "2"\n', ["[values] 'a b'", "' '"]),
    "unknown table": ("[value]\nx = 1\n", ["unknown key 'value'"]),
    "no claims": ('[values]\nx = 1\n[equations]\ny = "2·x"\n', ["no [claims] to check"]),
    "claim label": (
        '[values]\nx = 1\n[equations]\ny = "2·x"\n[claims]\n"∂y/∂z" = "2"\n',
        ["[claims] '∂y/∂z'", "'z' names no node"],
    ),
    "claim formula": (
        '[values]\nx = 1\n[equations]\ny = "2·x"\n[claims]\n"∂y/∂x" = "open(x)"\n',
        ["[claims] '∂y/∂x' = 'open(x)'", "unknown function 'open'", "character 1"],
    ),
    "deep toml": ("x = " + "[" * 3000 + "]" * 3000 + "\n", ["nested too deeply"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_file_gets_one_line_naming_the_file_and_the_place_and_exit_2(
    case, capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # where a successful `touch pwned` would leave its mark
    text, expected = BAD[case]
    path = write(tmp_path, "bad.toml", text)
    status, out, err = run(capsys, path)
    assert (status, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"autograd-scalar: error: {path}: ")
    for piece in expected:
        assert piece in err
    assert not (tmp_path / "pwned").exists()


def test_files_that_cannot_be_read_exit_2(capsys, tmp_path):
    status, _, err = run(capsys, tmp_path / "missing.toml")
    assert status == 2 and "missing.toml: cannot be read" in err
    latin = tmp_path / "latin.toml"
    latin.write_bytes('x = "é"'.encode("latin-1"))
    status, _, err = run(capsys, latin)
    assert status == 2 and "not UTF-8" in err


def test_an_answers_file_holds_claims_only(capsys, tmp_path):
    network = write(tmp_path, "network.toml", NETWORK + '[claims]\n"∂ℓ/∂W5" = {}\n')
    answers = write(tmp_path, "answers.toml", '[values]\nW1 = 0\n[claims]\n"∂ℓ/∂W5" = "σ1"\n')
    status, _, err = run(capsys, network, "--answers", answers)
    assert status == 2 and "answers.toml: unknown key 'values'" in err


def test_the_exit_status_reaches_the_shell(tmp_path):
    path = write(tmp_path, "tap.toml", NETWORK + CLAIMS)
    done = subprocess.run(
        [sys.executable, "-m", "autograd_scalar", "check", str(path), "--json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and json.loads(done.stdout)["wrong"] == 1
