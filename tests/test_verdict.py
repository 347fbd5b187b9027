"""One verdict type: the same claim judged by check_partial, by a document and by the
`check` command gives the same verdict; `print` shows the whole report; claims that
cannot all hold are judged by `check.together` for anyone, not only the documents."""

from __future__ import annotations

import json

import pytest
from graphs import tap_and_knob as typed_network
from test_cli_check import NETWORK

from autograd_scalar import Value, check_partial, documents
from autograd_scalar.check import Verdict, check_number, check_value
from autograd_scalar.check.together import judge_parts, judge_together
from autograd_scalar.cli import main
from autograd_scalar.documents.tap_and_knob import VALUES

CHAIN = "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1"  # tap-and-knob, line 178: ∂ℓ/∂σ3 is dropped


@pytest.fixture
def tap(results) -> documents.DocumentResult:
    return results["tap-and-knob"]


def fields(verdict: Verdict) -> dict[str, object]:
    """The fields a grader reads, with the diagnosis and right formula as their text."""
    return {
        "ok": verdict.ok,
        "verdict": verdict.verdict,
        "claimed": pytest.approx(verdict.claimed, rel=1e-12),
        "computed": pytest.approx(verdict.computed, rel=1e-12),
        "points_checked": verdict.points_checked,
        "diagnosis": [str(f) for f in verdict.diagnosis.findings],
        "correct_formula": str(verdict.correct_formula),
    }


def test_a_claim_judged_by_check_partial_a_document_and_a_check_file_gets_one_verdict(
    tap, tmp_path, capsys
):
    in_python = check_partial(typed_network(VALUES)["ℓ"], "W1", CHAIN)
    in_the_document = next(v for v in tap.verdicts if v.statement.line == 178)
    assert isinstance(in_the_document, Verdict) and in_the_document.statement.says.endswith(CHAIN)
    assert fields(in_the_document) == fields(in_python)
    assert not in_python.ok and in_python.diagnosis.kinds == ["derivative", "missing factor"]

    path = tmp_path / "tap.toml"
    path.write_text(NETWORK + f'\n[claims]\n"∂ℓ/∂W1" = "{CHAIN}"\n', encoding="utf-8")
    assert main(["check", str(path), "--json"]) == 1
    (record,) = json.loads(capsys.readouterr().out)["claims"]
    said = in_python.as_dict()
    for name in ("verdict", "points_checked", "diagnosis", "correct_formula"):
        assert record[name] == said[name], name
    for name in ("claimed", "computed"):
        assert record[name] == pytest.approx(said[name], rel=1e-9), name


def test_a_printed_value_judged_by_check_value_and_by_a_document_gets_one_verdict(results):
    relu = results["relu-network"]
    in_the_document = next(
        part
        for v in relu.verdicts
        for part in (v, *v.parts)
        if part.statement.kind == "value" and part.statement.of == "out_n9"
    )
    node = documents.module("relu-network").build().nodes["out_n9"]
    in_python = check_value(node, in_the_document.claim)
    for name in ("verdict", "claim", "claimed", "computed", "points_checked", "error"):
        assert getattr(in_the_document, name) == getattr(in_python, name), name


def test_print_shows_the_diagnosis_and_the_right_formula_and_line_the_first_line(capsys):
    verdict = check_partial(typed_network(VALUES)["ℓ"], "W1", CHAIN)
    print(verdict)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == verdict.line() and "why:" not in verdict.line()
    assert "  why: a different derivative was taken: ∂σ3/∂W1 instead of ∂ℓ/∂W1" in printed
    assert "  right: ∂ℓ/∂W1 = (σ3 − y)·W5·σ1·(1 − σ1)·X1" in printed
    assert repr(verdict) == str(verdict)


def test_as_dict_is_json_and_a_claim_undefined_here_is_null():
    x = Value(0.5, "x")
    y = (x * x).labelled("y")
    verdict = check_partial(y, x, "1/(x − x)")  # undefined everywhere: never agrees
    data = json.loads(json.dumps(verdict.as_dict(), allow_nan=False))
    assert data["verdict"] == "wrong" and data["claimed"] is None and data["computed"] == 1.0
    assert data["subject"] == "∂y/∂x" and data["claim"] == "1/(x − x)"


def test_two_claims_that_cannot_both_hold_are_inconsistent_when_the_readings_tie():
    # Claims "a: x = 3" and "b: x = 4", on a reading where x is 3 and one where it is 4.
    truths = (3.0, 4.0)
    found = [[check_number(stated, truth, of="x") for truth in truths] for stated in ("3", "4")]
    a, b = judge_together(found, ["a", "b"], ["x is 3", "x is 4"])
    assert a.verdict == b.verdict == "inconsistent"
    assert (a.conflicts, b.conflicts) == (("b",), ("a",))
    assert a.correct.startswith("this claim or claim b is the slip")
    assert a.correct_value == (3.0, 4.0)


def test_a_third_claim_tells_which_reading_holds_and_so_which_claim_is_the_slip():
    truths = (3.0, 4.0)
    claims = ("3", "4", "3")  # the third agrees with the first: x is 3
    found = [[check_number(stated, truth, of="x") for truth in truths] for stated in claims]
    verdicts = judge_together(found, [1, 2, 3], ["x is 3", "x is 4"], noun="line")
    assert [v.verdict for v in verdicts] == ["right", "wrong", "right"]
    assert verdicts[1].conflicts == (1, 3)
    assert "judged together with line(s) 1, 3, on 2 readings" in verdicts[1].detail


def test_a_statement_of_parts_is_right_only_when_every_part_is():
    both = [[check_number("3", 3.0, of="x")], [check_number("4", 4.0, of="y")]]
    assert judge_parts(both, "x = 3 and y = 4").ok
    one_off = [[check_number("3", 3.0, of="x")], [check_number("5", 4.0, of="y")]]
    said = judge_parts(one_off, "x = 3 and y = 5")
    assert said.verdict == "wrong" and said.detail == "2 parts: 1 right, 1 wrong"
    assert said.claim == "x = 3 and y = 5" and [p.verdict for p in said.parts] == ["right", "wrong"]
    assert said.correct == "part 2: y = 4" and said.claimed == 5.0
    assert [p["verdict"] for p in said.as_dict()["parts"]] == ["right", "wrong"]
    assert "  part 2: ✗ y = 5" in str(said)


def test_a_statement_whose_parts_hold_on_different_readings_only_is_inconsistent():
    # "x = 3 and x = 4", on a reading where x is 3 and one where it is 4.
    truths = (3.0, 4.0)
    found = [[check_number(stated, truth, of="x") for truth in truths] for stated in ("3", "4")]
    said = judge_parts(found, "x = 3 and x = 4", ["x is 3", "x is 4"])
    assert said.verdict == "inconsistent" and said.reading == "x is 3"
    assert [o.verdict for o in said.others] == ["wrong"] and said.others[0].reading == "x is 4"
    assert "x is 3: part 1 holds (3 = 3), part 2 fails (4 ≠ 3)" in said.correct
    assert "x is 4: part 1 fails (3 ≠ 4), part 2 holds (4 = 4)" in said.correct
    # A part that holds on no reading makes the statement wrong, whichever is meant.
    never = [found[0], [check_number("5", truth, of="x") for truth in truths]]
    assert judge_parts(never, "x = 3 and x = 5", ["x is 3", "x is 4"]).verdict == "wrong"
    # A reading on which every part holds: right on it, wrong as written if not the first.
    later = [[check_number("4", truth, of="x") for truth in truths]] * 2
    said = judge_parts(later, "x = 4 and x = 4", ["x is 3", "x is 4"])
    assert said.verdict == "wrong" and [o.verdict for o in said.others] == ["right"]


def test_a_verdict_is_one_of_three_words():
    with pytest.raises(ValueError, match="right, wrong, inconsistent"):
        Verdict("maybe", "1", 1.0, 1.0)
