"""Diagnoses of wrong partials: each holds at every checked point, or is not claimed.

Every kind of diagnosis is shown on a constructed claim where it holds and on one where it
does not (a claim that agrees with it at the recorded point only, or not at all). The
network is the tap-and-knob document's, typed as the document writes it (`graphs`); the
relations a diagnosis states are checked against central differences of plain floats.
"""

from __future__ import annotations

import math
import random

import pytest
from graphs import tap_and_knob
from pictures import loss_in_floats
from strategies import central_difference

from autograd_scalar import Value, check_partial
from autograd_scalar.documents.tap_and_knob import VALUES


def network(values: dict[str, float] = VALUES) -> dict[str, Value]:
    """The tap-and-knob network at the document module's values (before backward)."""
    return tap_and_knob(values, backward=False)


plain = loss_in_floats  # the same network in plain floats: every node's value


def loss(σ3: float, y: float) -> float:
    return -(1 - y) * math.log(1 - σ3) - y * math.log(σ3)


def slope(of: str, wrt: str, at: dict[str, float]) -> float:
    """∂of/∂wrt at `at`, by central differences of the plain-float network."""
    return central_difference(lambda x: plain({**at, wrt: x})[of], at[wrt])


def points(count: int = 5) -> list[dict[str, float]]:
    rng = random.Random(3)
    return [{k: x + rng.uniform(-0.4, 0.4) if k != "y" else x for k, x in VALUES.items()}
            for _ in range(count)]  # fmt: skip


def diagnose(wrt: str, claim, of: str = "ℓ"):
    v = network()
    verdict = check_partial(v[of], v[wrt], claim)
    assert not verdict.ok
    assert verdict.diagnosis is not None and verdict.diagnosis.points == verdict.points_checked
    return verdict.diagnosis


def test_the_document_s_first_wrong_w1_formula_has_its_sign_flipped():
    claim = "(σ3 − y)·W5·(σ1 − 1)·σ1·X1"
    found = diagnose("W1", claim)
    assert found.kinds == ["sign"]
    assert str(found) == "the sign is flipped: the claim is −∂ℓ/∂W1"
    for at in points():  # the oracle: the claim is −∂ℓ/∂W1 by central differences
        v = plain(at)
        said = (v["σ3"] - v["y"]) * v["W5"] * (v["σ1"] - 1) * v["σ1"] * v["X1"]
        assert said == pytest.approx(-slope("ℓ", "W1", at), rel=1e-6)


def test_the_document_s_second_wrong_w1_formula_is_the_output_s_derivative():
    found = diagnose("W1", "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1")
    assert set(found.kinds) == {"derivative", "missing factor"}
    lines = str(found).splitlines()
    assert "∂σ3/∂W1 instead of ∂ℓ/∂W1" in lines[0]
    assert "missing: ∂ℓ/∂σ3 = (1 − y)/(1 − σ3) − y/σ3" in lines[1]
    for at in points():
        v = plain(at)
        said = v["σ3"] * (1 - v["σ3"]) * v["W5"] * v["σ1"] * (1 - v["σ1"]) * v["X1"]
        assert said == pytest.approx(slope("σ3", "W1", at), rel=1e-6)
        dℓ_dσ3 = (loss(v["σ3"] + 1e-7, v["y"]) - loss(v["σ3"] - 1e-7, v["y"])) / 2e-7
        assert said * dℓ_dσ3 == pytest.approx(slope("ℓ", "W1", at), rel=1e-5)


def test_a_formula_that_is_minus_the_truth_at_the_recorded_point_only_is_no_sign_flip():
    w2 = VALUES["W2"]
    found = diagnose("W1", f"(σ3 − y)·W5·(σ1 − 1)·σ1·X1·(1 + 5·(W2 − {w2!r}))")
    assert "sign" not in found.kinds
    assert not found and "none of the usual mistakes" in str(found)


@pytest.mark.parametrize(("factor", "named"), [("2", "2"), ("0.5", "1/2"), ("0.25", "1/4"),
                                               ("(−3)", "−3"), ("(2/3)", "2/3")])  # fmt: skip
def test_a_constant_factor_is_found_and_named(factor, named):
    found = diagnose("W5", f"{factor}·(σ3 − y)·σ1")
    assert found.kinds == ["factor"]
    assert str(found) == f"off by a constant factor: the claim is {named} × ∂ℓ/∂W5"


def test_a_factor_that_is_constant_at_one_point_only_is_no_constant_factor():
    w2 = VALUES["W2"]
    found = diagnose("W5", f"(2 + W2 − {w2!r})·(σ3 − y)·σ1")
    assert "factor" not in found.kinds
    found = diagnose("W5", "(σ3 − y)·σ1·σ1")  # a factor that varies everywhere
    assert "factor" not in found.kinds


def test_a_sum_over_some_paths_names_the_paths_left_out():
    # ∂ℓ/∂X1 has two paths, through σ1 and through σ2; the claim keeps the first only.
    found = diagnose("X1", "(σ3 − y)·W5·σ1·(1 − σ1)·W1")
    assert found.kinds == ["paths"]
    text = str(found)
    assert "the claim is path 1 (ℓ → σ3 → Z3 → σ1 → Z1 → X1) of the 2 paths" in text
    assert "it leaves out path 2 (ℓ → σ3 → Z3 → σ2 → Z2 → X1)" in text
    for at in points():
        v = plain(at)
        through_σ2 = (v["σ3"] - v["y"]) * v["W6"] * v["σ2"] * (1 - v["σ2"]) * v["W3"]
        said = (v["σ3"] - v["y"]) * v["W5"] * v["σ1"] * (1 - v["σ1"]) * v["W1"]
        assert said + through_σ2 == pytest.approx(slope("ℓ", "X1", at), rel=1e-5)


def test_a_claim_that_is_no_sum_of_paths_gets_no_paths_diagnosis():
    found = diagnose("X1", "1.5·(σ3 − y)·W5·σ1·(1 − σ1)·W1")  # a path, scaled
    assert "paths" not in found.kinds
    w2 = VALUES["W2"]  # a path at the recorded point only
    found = diagnose("X1", f"(σ3 − y)·W5·σ1·(1 − σ1)·W1 + (W2 − {w2!r})")
    assert "paths" not in found.kinds


def test_the_derivative_of_the_output_by_another_node_is_named():
    found = diagnose("W5", "(σ3 − y)·σ2")  # ∂ℓ/∂W6, claimed for W5
    assert "a different derivative was taken: ∂ℓ/∂W6 instead of ∂ℓ/∂W5" in str(found)


def test_a_derivative_of_neither_the_output_nor_by_the_input_is_not_named():
    # ∂σ3/∂W2: another node, by another input: not "a different derivative" of ∂ℓ/∂W1.
    found = diagnose("W1", "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X2")
    assert "derivative" not in found.kinds


def test_a_local_factor_standing_for_another_is_named():
    found = diagnose("W5", "(σ3 − y)·σ2")
    assert "swapped factor" in found.kinds
    assert "∂Z3/∂W6 = σ2 where ∂Z3/∂W5 = σ1 belongs" in str(found)


def test_a_factor_no_step_gives_is_neither_missing_nor_swapped():
    found = diagnose("W1", "(σ3 − y)·W5·σ1·(1 − σ1)·X1·X2")
    assert not {"missing factor", "swapped factor"} & set(found.kinds)
    found = diagnose("W5", "(σ3 − y)·σ2·σ2")
    assert not {"missing factor", "swapped factor"} & set(found.kinds)


def test_a_missing_last_factor_is_named():
    found = diagnose("W1", "(σ3 − y)·W5·σ1·(1 − σ1)")  # ∂Z1/∂W1 = X1 left out
    assert "a factor of the chain is missing: ∂Z1/∂W1 = X1" in str(found)
    assert "∂ℓ/∂Z1 instead of ∂ℓ/∂W1" in str(found)


def test_a_printed_number_is_diagnosed_at_its_one_point_only_for_sign_and_factor():
    v = network()
    truth = check_partial(v["ℓ"], v["W5"], 0.0).computed
    flipped = check_partial(v["ℓ"], v["W5"], f"{-truth:.4f}")
    assert flipped.diagnosis.kinds == ["sign"]
    assert str(flipped.diagnosis).endswith("(at the one point checked)")
    stray = check_partial(v["ℓ"], v["W5"], "0.0234")
    assert not stray.diagnosis and "the one point checked" in str(stray.diagnosis)


def test_right_claims_have_no_diagnosis_and_diagnose_false_skips_it():
    v = network()
    assert check_partial(v["ℓ"], v["W5"], "(σ3 − y)·σ1").diagnosis is None
    wrong = check_partial(v["ℓ"], v["W5"], "2·(σ3 − y)·σ1", diagnose=False)
    assert not wrong.ok and wrong.diagnosis is None and wrong.correct_formula is None


def test_the_report_gives_the_diagnosis_and_the_right_formula_under_the_verdict():
    v = network()
    verdict = check_partial(v["ℓ"], v["W1"], "(σ3 − y)·W5·(σ1 − 1)·σ1·X1")
    lines = str(verdict).splitlines()  # print() and the REPL show the whole report
    assert repr(verdict) == str(verdict)
    assert lines[0] == verdict.line() and lines[0].startswith("✗ ∂ℓ/∂W1")
    assert lines[1] == "  why: the sign is flipped: the claim is −∂ℓ/∂W1"
    assert lines[2] == "  right: ∂ℓ/∂W1 = (σ3 − y)·W5·σ1·(1 − σ1)·X1"


def test_the_derivative_of_another_node_by_an_inner_node_is_named():
    # wrt is computed by the graph (Z1): ∂σ3/∂Z1 claimed for ∂ℓ/∂Z1.
    found = diagnose("Z1", "σ3·(1 − σ3)·W5·σ1·(1 − σ1)")
    assert "a different derivative was taken: ∂σ3/∂Z1 instead of ∂ℓ/∂Z1" in str(found)


def test_one_path_of_three_names_the_two_left_out():
    from autograd_scalar import documents

    net = documents.module("relu-network").build()
    claim = "(out_n9 − y)·out_n9·(1 − out_n9)·w16·[net_n6 > 0]·w7·[net_n3 > 0]·x1"
    found = check_partial(net.root, "w1", claim).diagnosis
    assert found.kinds == ["paths"]
    assert "path 1 (E → out_n9 → net_n9 → out_n6 → net_n6 → out_n3 → net_n3 → w1) of the 3" in str(
        found
    )
    assert "leaves out path 2 (E → out_n9 → net_n9 → out_n7" in str(found)
    assert " and path 3 (E → out_n9 → net_n9 → out_n8" in str(found)


def test_a_claim_of_zero_is_not_explained_by_derivatives_that_are_zero_too():
    # σ2 does not depend on W1: ∂σ2/∂W1 = 0 = the claim, which explains nothing.
    found = diagnose("W1", "0·W1")
    assert not found, str(found)


def test_a_constant_step_is_never_named_as_the_missing_factor():
    # ∂d/∂b = −1 is a step of the only path; a claim of −truth is a flipped sign, and
    # "the factor −1 is missing" would say the same thing twice.
    b, c = Value(0.4, "b"), Value(1.5, "c")
    d = (c - b).labelled("d")
    out = (d * d * c).labelled("out")
    found = check_partial(out, b, "2·d·c").diagnosis
    assert "sign" in found.kinds and "missing factor" not in found.kinds
