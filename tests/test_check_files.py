"""Check files read safely: numbers as written, bounded work, one line for what is refused.

Every derivation file (a `check` file, a grading key, a student's sheet) is read by one
reader: at most 1,000,000 bytes from any file or pipe; lines, dotted keys and brackets
bounded before the TOML parser sees them; leaves, equations and questions bounded by a
budget of work. What is refused gets one line naming the file and what was too large.
The commands run in child processes here where a hang or a traceback must show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_check import EQUATIONS, LEAVES, NETWORK

from autograd_scalar.cli import main

GUARD = 60  # seconds: a hang guard for the child processes, not a measure of speed


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def command(*argv, stdin=None):
    """The command in a child process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "autograd_scalar", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=GUARD,
        stdin=stdin,
    )


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[-2000:]
    return lines[0]


# 1. A number is held to the digits written in the file, and shown so.


def test_an_unquoted_number_keeps_its_trailing_zeros(capsys, tmp_path):
    # ∂ℓ/∂W5 is -0.281302: to two decimals -0.28 reads right, to three -0.280 is wrong.
    path = write(tmp_path, "tap.toml", NETWORK + '[claims]\n"∂ℓ/∂W5" = -0.280\n')
    status, out, _ = run(capsys, "check", path)
    assert status == 1
    assert out.startswith("✗ ∂ℓ/∂W5 = -0.280: ")
    quoted = write(tmp_path, "quoted.toml", NETWORK + '[claims]\n"∂ℓ/∂W5" = "-0.280"\n')
    assert run(capsys, "check", quoted)[0] == 1
    right = write(tmp_path, "right.toml", NETWORK + '[claims]\n"∂ℓ/∂W5" = -0.28\n')
    assert run(capsys, "check", right)[0] == 0


def test_json_shows_a_number_as_written(capsys, tmp_path):
    path = write(tmp_path, "tap.toml", NETWORK + '[claims]\n"σ1" = 0.570\n"∂ℓ/∂b3" = -4.918e-1\n')
    status, out, _ = run(capsys, "check", path, "--json")
    claims = json.loads(out)["claims"]
    assert [c["claim"] for c in claims] == ["σ1 = 0.570", "∂ℓ/∂b3 = -4.918e-1"]
    # σ1 is 0.5719961…: 0.57 reads right, to the three decimals written it is wrong.
    assert [c["verdict"] for c in claims] == ["wrong", "right"] and status == 1


def test_a_whole_number_means_exactly_that_number(capsys, tmp_path):
    path = write(tmp_path, "z.toml", NETWORK + '[claims]\n"∂Z1/∂b1" = 1\n"∂Z3/∂b3" = 1_0\n')
    status, out, _ = run(capsys, "check", path)
    assert status == 1
    assert out.splitlines()[0].startswith("✓ ∂Z1/∂b1 = 1: ")
    assert out.splitlines()[1].startswith("✗ ∂Z3/∂b3 = 10: ")


def test_a_whole_number_too_long_for_python_is_one_line(capsys, tmp_path):
    path = write(tmp_path, "big.toml", NETWORK + '[claims]\n"∂Z1/∂b1" = ' + "1" * 5000 + "\n")
    status, _, err = run(capsys, "check", path)
    assert status == 2 and "whole number too long" in one_line(err)


# 2. Small files, bounded work.


def test_a_device_or_a_pipe_is_read_no_further_than_the_cap(capsys, tmp_path):
    status, _, err = run(capsys, "check", "/dev/zero")
    assert status == 2
    assert one_line(err).endswith(
        "/dev/zero: holds more than 1,000,000 bytes; a derivation file is at most that"
    )
    with open(os.devnull, "rb") as nothing:  # a pipe: an empty file, as read
        done = command("check", "/dev/stdin", stdin=nothing)
    assert done.returncode == 2 and "no [equations]" in one_line(done.stderr)


@pytest.mark.parametrize("table", ["values", "equations", "claims"])
def test_a_key_of_thousands_of_dotted_parts_is_refused_before_parsing(table, capsys, tmp_path):
    text = f"{table}." + ".".join(["a"] * 20_000) + " = 1\n"  # 40 KB: 11 s in the TOML parser
    status, _, err = run(capsys, "check", write(tmp_path, "dotted.toml", text))
    assert status == 2 and "line 1 holds 40,0" in one_line(err)
    text = f"{table}." + ".".join(["a"] * 4_000) + " = 1\n"  # within a line's bound
    status, _, err = run(capsys, "check", write(tmp_path, "dotted.toml", text))
    assert status == 2
    assert "line 1: nested too deeply: a key of more than 6 dotted parts" in one_line(err)


def test_a_long_line_is_refused_and_a_long_claim_key_is_read_in_one_pass(capsys, tmp_path):
    long_line = write(
        tmp_path, "long.toml", NETWORK + '[claims]\n"∂w/∂x' + " " * 100_000 + '" = 1\n'
    )
    status, _, err = run(capsys, "check", long_line)
    line = NETWORK.count("\n") + 2
    assert status == 2 and f"line {line} holds 100,011 characters; a line here holds at most" in err
    spaces = write(tmp_path, "spaces.toml", NETWORK + '[claims]\n"∂ℓ/∂W5' + " " * 9_000 + '" = 1\n')
    status, out, _ = run(capsys, "check", spaces)
    assert status == 1 and out.startswith("✗ ∂ℓ/∂W5 = 1: ")
    from autograd_scalar.check.derivation import split_partial

    assert split_partial("∂" + " " * 9_000) is None and split_partial("∂ℓ / ∂ W5 ") == ("ℓ", "W5")


def test_a_key_that_names_nothing_is_shown_short(capsys, tmp_path):
    path = write(tmp_path, "w.toml", NETWORK + '[claims]\n"∂w/∂x' + " " * 9_000 + '" = 1\n')
    status, _, err = run(capsys, "check", path)
    line = one_line(err)
    assert status == 2 and "(9,005 characters) names no node" not in line
    assert len(line) < 400 and "'w' names no node" in line


def test_a_key_given_twice_is_named_in_its_table_even_past_a_long_line(capsys, tmp_path):
    after = "[" + " " * 9_000 + "\n"  # what made the old message's regular expression slow
    n = NETWORK.count("\n") + 1  # the line [claims] is on
    cases = {
        '[claims]\n"σ1" = 1\n"σ1" = 2\n': f"[claims] 'σ1' is defined twice (lines {n + 1} and {n + 2})",
        '[claims]\n"\\u03c3" = 1\n"σ" = 2\n': f"[claims] 'σ' is defined twice (lines {n + 1} and {n + 2})",
        "claims.x = 1\nclaims.x = 2\n": f"'claims.x' is defined twice (lines {n} and {n + 1})",
        "[claims]\nw = { x = 1, x = 2 }\n": f"[claims] 'w': 'x' is defined twice (lines {n + 1} and {n + 1})",
        '[claims]\n"∂ℓ/∂W1" = {points=1, points=2}\n': (
            f"[claims] '∂ℓ/∂W1': 'points' is defined twice (lines {n + 1} and {n + 1})"
        ),
        "[claims]\nw = [{ x = 1 }, { y = { z = 1, z = 2 } }]\n": (
            f"[claims] 'w.y': 'z' is defined twice (lines {n + 1} and {n + 1})"
        ),
    }
    for claims, expected in cases.items():
        path = write(tmp_path, "twice.toml", NETWORK + claims + after)
        status, _, err = run(capsys, "check", path)
        assert status == 2 and expected in one_line(err), (claims, err)


def test_a_chain_of_600_equations_is_checked_without_writing_its_right_formula(capsys, tmp_path):
    # SymPy's simplification of a 600-step product took 110 s; such a formula is not written.
    lines = ["[values]", "x = 0.5", "[equations]", 'a0 = "tanh(x)"']
    lines += [f'a{i} = "tanh(a{i - 1}) + 0.1·a{i - 1}"' for i in range(1, 600)]
    path = write(tmp_path, "chain.toml", "\n".join(lines) + '\n[claims]\n"∂a599/∂x" = "1"\n')
    assert path.stat().st_size > 18_000
    status, out, _ = run(capsys, "check", path)
    assert status == 1 and "right:" not in out
    assert "  note: The right formula is not written: its 600 steps are more than" in out


def test_leaves_and_equations_past_the_budget_are_refused_in_one_line(capsys, tmp_path):
    leaves = "\n".join(f"x{i} = {i}" for i in range(1_001))
    path = write(tmp_path, "many.toml", f'[values]\n{leaves}\n[equations]\ny = "2·x1"\n')
    status, _, err = run(capsys, "check", path)
    assert status == 2
    assert one_line(err).endswith(
        "1,002 leaves and equations; a derivation file holds at most 1,000"
    )


def test_questions_past_the_budget_of_work_are_refused_in_one_line(capsys, tmp_path):
    lines = ["[values]", "x = 0.5", "[equations]", 'a0 = "tanh(x)"']
    lines += [f'a{i} = "tanh(a{i - 1}) + 0.1·a{i - 1}"' for i in range(1, 400)]
    lines += ["[claims]"] + [f'"∂a399/∂a{i}" = "1"' for i in range(20)]
    status, _, err = run(capsys, "check", write(tmp_path, "work.toml", "\n".join(lines) + "\n"))
    assert status == 2
    assert "20 questions over a graph of " in one_line(err) and "too much to check" in err


# 3. One line, never a traceback, for nesting a thousand deep.


@pytest.mark.parametrize("table", ["values", "equations", "claims"])
def test_nesting_1500_deep_in_a_key_is_one_line_and_exit_2(table, capsys, tmp_path):
    text = NETWORK + f"\n[{table}]\nw" + ".a" * 1_500 + " = 1\n"
    status, _, err = run(capsys, "check", write(tmp_path, "deep.toml", text))
    assert status == 2 and "nested too deeply" in one_line(err)
    inline = NETWORK + f"\n[{table}]\nw = " + "{ a = " * 1_200 + "1" + " }" * 1_200 + "\n"
    status, _, err = run(capsys, "check", write(tmp_path, "inline.toml", inline))
    assert status == 2 and "nested too deeply" in one_line(err)


# 11. A byte-order mark is accepted; 15. errors say what to write instead.


def test_a_utf8_byte_order_mark_is_accepted(capsys, tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(("\ufeff" + NETWORK + '[claims]\n"∂ℓ/∂W5" = "(σ3 − y)·σ1"\n').encode("utf-8"))
    assert run(capsys, "check", path)[0] == 0


def test_a_partial_written_with_d_is_told_to_use_the_partial_sign(capsys, tmp_path):
    path = write(tmp_path, "d.toml", NETWORK + '[claims]\n"dℓ/dW5" = "(σ3 − y)·σ1"\n')
    status, _, err = run(capsys, "check", path)
    assert status == 2
    assert one_line(err).endswith(
        "[claims] 'dℓ/dW5': 'dℓ/dW5' names no node; a partial derivative is written with ∂: ∂ℓ/∂W5"
    )


def test_an_unquoted_greek_key_is_told_to_be_quoted(capsys, tmp_path):
    path = write(tmp_path, "greek.toml", f'[values]\n{LEAVES}\n[equations]\nσ1 = "sigmoid(X1)"\n')
    status, _, err = run(capsys, "check", path)
    assert status == 2
    line = LEAVES.count("\n") + 4
    assert one_line(err).endswith(
        f'line {line}: the key σ1 is not plain ASCII: write it in quotes, "σ1" = …'
    )


def test_a_misspelt_label_is_given_the_nearest_one(capsys, tmp_path):
    path = write(
        tmp_path,
        "typo.toml",
        f'output = "ℓ"\n[values]\n{LEAVES}\n[equations]\n{EQUATIONS}[claims]\n"∂ℓ/∂W55" = "1"\n',
    )
    status, _, err = run(capsys, "check", path)
    assert status == 2 and "'W55' names no node; did you mean W5?" in one_line(err)


def test_the_readmes_check_file_is_complete_and_runs(capsys, tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Checking a derivation from a file", 1)[1]
    text = section.split("```toml\n", 1)[1].split("```", 1)[0]
    assert "…" not in text
    status, out, err = run(capsys, "check", write(tmp_path, "tap.toml", text))
    assert (status, err) == (1, "")
    marks = [line[0] for line in out.splitlines() if line[:1] in "✓✗"]
    assert marks == ["✓", "✗", "✓", "✓"]


def test_claims_too_long_to_read_over_many_labels_are_refused_in_one_line(capsys, tmp_path):
    # Each formula is read against every label: 400 claims of 600 factors over 401 labels.
    leaves = "".join(f"x{i} = {i / 1000}\n" for i in range(400))
    claims = "".join(f'x{i} = "x{i}' + "·1" * 600 + '"\n' for i in range(400))
    text = f'output = "y"\n[values]\n{leaves}[equations]\ny = "tanh(x0)"\n[claims]\n{claims}'
    status, _, err = run(capsys, "check", write(tmp_path, "long.toml", text))
    assert status == 2
    assert "characters of formulas over 401 labels are too much to read" in one_line(err)


# 4. Every pattern that reads a student's text costs time linear in it; every formula
# of a file is evaluated within a budget; an answer's length is checked before any
# pattern reads it.

LINEAR = """
import sys
from autograd_scalar.check.mistakes import NUMBERED
from autograd_scalar.check.printed import NUMBER as PRINTED
from autograd_scalar.formula.tokens import NUMBER
from autograd_scalar.viz.render import graph_size

digits = "1" * 100_000
assert PRINTED.fullmatch(digits + "x") is None and PRINTED.fullmatch(" -1." + digits + " ")
assert NUMBER.fullmatch(digits + "x") is None and NUMBER.match(digits + ".5").end() == 100_002
assert NUMBERED.fullmatch("a" + digits + "b") is None
assert NUMBERED.fullmatch("ŷ_12").groups() == ("ŷ_", "12")
assert NUMBERED.fullmatch("12").groups() == ("", "12")
assert graph_size('"\\\\\\\\' * 50_000) == (1, 0) and graph_size("/* " * 30_000) == (0, 0)
assert graph_size(" \\n" * 50_000) == (0, 0)
assert graph_size('digraph { a -> b; "x" -> c /* c -> d */ }') == (4, 2)
"""


def test_the_patterns_that_read_a_students_text_fail_in_linear_time():
    # `\d+\.?\d*` tried every split of a run of digits: 20,000 took 17 s, these 100,000
    # about 7 minutes; read one way only, they take milliseconds (the guard is for a hang).
    done = subprocess.run(
        [sys.executable, "-c", LINEAR], capture_output=True, text=True, timeout=GUARD
    )
    assert done.returncode == 0, done.stderr


def test_a_claim_of_thousands_of_digits_is_refused_in_one_line(capsys, tmp_path):
    # Line-ending backslashes join lines of a string past the bound on a line's length.
    digits = "\\\n".join(["1" * 5_000] * 6) + "x"
    path = write(tmp_path, "digits.toml", NETWORK + f'[claims]\n"∂ℓ/∂W5" = """{digits}"""\n')
    status, out, err = run(capsys, "check", path)
    assert (status, out) == (2, "")
    assert one_line(err).startswith(f"autograd-scalar: error: {path}: 30,001 characters of ")
    assert "are too much to evaluate at the 102 points each is checked" in err and len(err) < 400


def test_an_answer_past_the_formula_limit_is_unreadable_before_any_pattern_reads_it(
    monkeypatch, tmp_path
):
    from autograd_scalar.check.grading import judge, read_key

    read, number = [], judge.NUMBER

    class Spy:
        def fullmatch(self, text):
            read.append(len(text))
            return number.fullmatch(text)

    monkeypatch.setattr(judge, "NUMBER", Spy())
    key = read_key(write(tmp_path, "key.toml", NETWORK + '[claims]\n"∂ℓ/∂W5" = {}\n'))
    marker = judge.Marker.of(key)
    graded = marker.mark(key.questions[0], "1" * 9_000 + "x")
    assert graded.status == "unreadable"
    assert graded.diagnosis == (
        "cannot be read: an answer of 9,001 characters; the limit is 2,000",
    )
    assert read == [] and marker.mark(key.questions[0], "-0.28").status != "unreadable"
    assert read == [5]


def test_formulas_past_the_budget_of_evaluation_are_refused_before_any_is_evaluated(
    capsys, tmp_path, monkeypatch
):
    # 15 claims of 1,000 characters: 1,530,000 characters × points, past 1,500,000.
    from autograd_scalar.check.grading import judge

    formula = "·".join(["σ1"] * 333) + "·1"
    asked = [f"∂ℓ/∂{leaf}" for leaf in "W1 W2 W3 W4 W5 W6 b1 b2 b3 X1 X2 y".split()]
    claims = "".join(f'"{q}" = "{formula}"\n' for q in [*asked, "Z3", "σ3", "ℓ"])
    monkeypatch.setattr(judge.Marker, "mark", None)  # marking anything would fail
    path = write(tmp_path, "long.toml", NETWORK + "[claims]\n" + claims)
    status, _, err = run(capsys, "check", path)
    assert status == 2
    assert one_line(err).endswith(
        "15,000 characters of formulas in [claims] are too much to evaluate at the 102 points "
        "each is checked and diagnosed at (characters × points = 1,530,000; at most "
        "1,500,000): write fewer or shorter formulas"
    )
    fewer = write(
        tmp_path, "fewer.toml", NETWORK + "[claims]\n" + "\n".join(claims.split("\n")[1:])
    )
    monkeypatch.undo()
    assert run(capsys, "check", fewer)[0] == 1  # 14 of them are checked and diagnosed


def test_text_quoted_in_a_message_is_cut_to_80_characters(capsys, tmp_path):
    long = "w" * 9_000
    cases = {
        f"[values]\n{long} = 1\n{long} = 2\n": "'wwww",  # defined twice
        NETWORK + f'[claims]\n"∂ℓ/∂W5" = "{"1" * 9_000}x"\n': "an answer of 9,001 characters",
        NETWORK + f'[grading]\n{long} = 1\n[claims]\n"∂ℓ/∂W5" = 1\n': "unknown setting 'www",
    }
    for text, said in cases.items():
        status, _, err = run(capsys, "check", write(tmp_path, "long.toml", text))
        line = one_line(err)
        assert status == 2 and said in line and "…' (9,00" in line and len(line) < 400, line


def test_a_sheet_nested_too_deeply_is_told_what_a_sheet_needs(tmp_path):
    from autograd_scalar import grade

    key = write(tmp_path, "key.toml", NETWORK + '[claims]\n"∂ℓ/∂W5" = {}\n')
    sheet = write(tmp_path, "deep.toml", "[claims]\nw.a.a.a.a.a.a = 1\n")
    unread = grade(key, [sheet]).students[0].unread
    assert unread.endswith(
        "nested too deeply: a key of more than 6 dotted parts (its table's included); "
        "a sheet for 1 question needs at most 3"
    )
