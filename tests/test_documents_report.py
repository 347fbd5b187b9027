"""A checked document as a reader gets it: reproducible (the values chosen are printed),
followable (what "points" and "off by" mean), every claim with its place and reading."""

import json

from autograd_scalar import documents
from autograd_scalar.documents import perceptron, tap_and_knob
from autograd_scalar.documents.report import claim_lines, text
from autograd_scalar.documents.result import claim_record, diagnosis_text


def test_the_values_chosen_where_a_document_has_none_are_printed_and_said_to_be_chosen(results):
    shown = text(results["tap-and-knob"])
    assert "chosen here: the document gives no numbers" in shown
    for label in ("X1", "X2", "y", "W1", "b3"):
        assert f"{label} = {tap_and_knob.VALUES[label]:g}" in shown
    data = results["perceptron"].as_dict()["chosen"]
    assert "chosen here" in data["note"] or "chosen" in data["note"]
    for k in (1, 2, 3, 4):  # the four examples, inputs and targets
        for label in (f"x1_{k}", f"x2_{k}", f"x3_{k}", f"y_{k}"):
            assert data["values"][label] == perceptron.VALUES[label]


def test_points_and_off_by_are_explained_at_the_top(results):
    shown = text(results["relu-network"])
    head = shown.split("parameter ")[0]
    assert "points:" in head and "50 others" in head and "x·(1 + u) + v" in head
    assert "off by: claimed − computed" in head
    conventions = results["relu-network"].as_dict()["conventions"]
    assert conventions["off by"].startswith("claimed − computed")


def test_every_claim_shows_its_line_and_section_right_ones_too(results):
    for result in results.values():
        shown = text(result)
        for verdict in result.verdicts:
            head = claim_lines(verdict)[0]
            assert f"line {verdict.statement.line}  [{verdict.statement.section}]" in head
            assert head in shown
            if verdict.statement.reading:
                assert f"read as: {verdict.statement.reading}" in shown
        right = [v for v in result.verdicts if v.ok]
        assert right and all(f"line {v.statement.line}" in claim_lines(v)[0] for v in right)


def test_numbers_as_printed_and_off_by_with_its_sign(results):
    statement = next(v for v in results["relu-network"].verdicts if v.statement.line == 118)
    (verdict,) = [p for p in statement.parts if p.statement.says.startswith("∂E_total/∂w17")]
    lines = "\n".join(claim_lines(verdict))
    assert "claimed 0.0850; computed 0.140813" in lines
    assert "off by -0.0558132 (claimed − computed)" in lines
    assert "right: 0.1408" in lines and "right value: 0.140813" in lines


def test_json_gives_each_claim_its_line_section_reading_and_verdict(results):
    data = json.loads(json.dumps(results["two-layer"].as_dict(), ensure_ascii=False))
    assert data["checked"] == data["right"] + data["wrong"] + data["inconsistent"]
    for claim in data["claims"] + data["from_the_course"]:
        assert isinstance(claim["line"], int) and claim["section"] and "reading" in claim
        assert claim["verdict"] in ("right", "wrong", "inconsistent")
        assert claim["diagnosis"] is None  # a place kept for an account of how a formula went wrong
    literal = next(c for c in data["claims"] if c["claim"].startswith("the derivative of ReLU"))
    assert [o["verdict"] for o in literal["other_readings"]] == ["right"]


def test_a_diagnosis_is_shown_when_there_is_one(results):
    from dataclasses import replace

    from autograd_scalar.check.diagnose import Diagnosis, Finding, partial

    verdict = results["tap-and-knob"].wrong[0]
    found = (Finding("sign", ("the sign of one factor is turned over",)),)
    told = replace(verdict, diagnosis=Diagnosis(partial("ℓ", "W1"), found, 51))
    assert "    diagnosis: the sign of one factor is turned over" in claim_lines(told)
    assert claim_record(told)["diagnosis"] == "the sign of one factor is turned over"


def test_the_course_formulas_are_reported_apart_after_the_documents_claims(results):
    shown = text(results["two-layer"])
    claims, course = shown.split("from the course, not in the document", 1)
    assert results["two-layer"].tally() in claims and "dZ2 = A2 − Y" in course
    assert "dZ2 = A2 − Y" not in claims
    assert "left out (no claim to check there):" in course


def test_the_wrong_formulas_of_tap_and_knob_carry_their_diagnoses(results):
    result = results["tap-and-knob"]
    by_text = {
        v.statement.says: v for v in result.verdicts if v.statement.kind == "partial" and not v.ok
    }
    knobs = next(v for says, v in by_text.items() if "(σ1 − 1)·σ1" in says and "∂ℓf/∂W1" in says)
    chain = next(v for says, v in by_text.items() if says.startswith("∂ℓf/∂W1 = σ3·(1 − σ3)"))
    assert knobs.diagnosis.kinds == ["sign"] and diagnosis_text(knobs).startswith(
        "the sign is flipped"
    )
    assert "∂σ3/∂W1 instead of ∂ℓ/∂W1" in diagnosis_text(chain)
    assert claim_record(knobs)["diagnosis"] == diagnosis_text(knobs)
    text = documents.text(result)
    assert f"diagnosis: {diagnosis_text(chain)}" in text
    assert all(v.diagnosis is None for v in result.verdicts if v.ok)
