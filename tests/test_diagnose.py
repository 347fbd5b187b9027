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
    return [
        {k: x + rng.uniform(-0.4, 0.4) if k != "y" else x for k, x in VALUES.items()}
        for _ in range(count)
    ]


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


@pytest.mark.parametrize(
    ("factor", "named"),
    [("2", "2"), ("0.5", "1/2"), ("0.25", "1/4"), ("(−3)", "−3"), ("(2/3)", "2/3")],
)
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


# --- printed numbers, held to their digits ------------------------------------------------


def small_network(v1: float = 0.7, w11: float = 0.4) -> dict[str, Value]:
    """A 2-2-1 network a new user might type: weights w11…w22 into two sigmoids, v1 and
    v2 out of them, E = ½(y − out)²."""
    x1, x2, y = Value(0.5, "x1"), Value(-0.3, "x2"), Value(0.8, "y")
    w = {k: Value(x, k) for k, x in (("w11", w11), ("w12", -0.2), ("w21", 0.3), ("w22", 0.6))}
    v = {"v1": Value(v1, "v1"), "v2": Value(-0.5, "v2")}
    h1 = (w["w11"] * x1 + w["w12"] * x2).labelled("z1").sigmoid().labelled("h1")
    h2 = (w["w21"] * x1 + w["w22"] * x2).labelled("z2").sigmoid().labelled("h2")
    out = (v["v1"] * h1 + v["v2"] * h2).labelled("out")
    return {**w, **v, "E": (0.5 * (y - out) ** 2).labelled("E")}


def small_loss(v1: float = 0.7, w11: float = 0.4) -> float:
    """The same network in plain floats (the oracle)."""
    h1 = 1 / (1 + math.exp(-(w11 * 0.5 - 0.2 * -0.3)))
    h2 = 1 / (1 + math.exp(-(0.3 * 0.5 + 0.6 * -0.3)))
    return 0.5 * (0.8 - (v1 * h1 - 0.5 * h2)) ** 2


@pytest.mark.parametrize(
    ("label", "factor", "named"),
    [("v1", 2, "2"), ("w11", 2, "2"), ("v1", 0.5, "1/2"), ("w11", -3, "−3")],
)
def test_a_printed_number_is_a_factor_of_the_truth_to_the_digits_it_shows(label, factor, named):
    """2 × ∂E/∂v1 printed to 4 decimals is 2 × the truth only to those decimals: it is
    diagnosed as the factor 2, and nothing else."""
    truth = central_difference(lambda x: small_loss(**{label: x}), {"v1": 0.7, "w11": 0.4}[label])
    printed = f"{factor * truth:.4f}"
    assert float(printed) != factor * truth  # rounded: no factor holds exactly
    net = small_network()
    found = check_partial(net["E"], net[label], printed).diagnosis
    assert found.kinds == ["factor"], str(found)
    assert (
        str(found)
        == f"off by a constant factor: the claim is {named} × ∂E/∂{label} (at the one point checked)"
    )


def test_a_number_of_few_digits_that_fits_several_factors_names_the_simplest_and_the_rest():
    """0.1 against ∂E/∂v1 ≈ −0.37: to its one decimal it is −1/3 × the truth, and −1/4 ×
    the truth (−0.092) prints as 0.1 too: the simplest is named, the other said beside it."""
    net = small_network()
    truth = central_difference(lambda x: small_loss(v1=x), 0.7)
    fitting = [q for q in (2, 3, 4) if f"{-truth / q:.1f}" == "0.1"]
    assert fitting == [3, 4]  # the oracle: −1/3 and −1/4 of it both print as 0.1
    found = check_partial(net["E"], net["v1"], "0.1").diagnosis
    assert found.kinds == ["factor"]
    assert "the claim is −1/3 × ∂E/∂v1 (−1/4 fits the digits printed too)" in str(found)
    # Held to four decimals, one factor alone fits and nothing is added.
    alone = check_partial(net["E"], net["v1"], f"{-truth / 3:.4f}").diagnosis
    assert "fits the digits printed too" not in str(alone)


def test_a_printed_number_that_is_no_simple_factor_of_the_truth_is_not_called_one():
    net = small_network()
    truth = central_difference(lambda x: small_loss(v1=x), 0.7)
    found = check_partial(net["E"], net["v1"], f"{2.3 * truth:.4f}").diagnosis
    assert "factor" not in found.kinds


def test_the_simplest_explanation_of_a_printed_number_is_given_alone():
    """u = w·0.5 makes ∂E/∂u = 2·∂E/∂w at every point: a printed 2·∂E/∂w is a factor 2
    and also ∂E/∂u. At its one point only the simpler, the factor, is given; a formula,
    checked at every point, is given both (each holds everywhere)."""
    w, y = Value(0.3, "w"), Value(0.9, "y")
    u = (w * 0.5).labelled("u")
    E = ((y - u.tanh()) ** 2).labelled("E")
    E.backward()
    by_hand = central_difference(lambda x: (0.9 - math.tanh(0.5 * x)) ** 2, 0.3)
    assert w.grad == pytest.approx(by_hand, rel=1e-6)
    printed = check_partial(E, w, f"{2 * w.grad:.4f}").diagnosis
    assert printed.kinds == ["factor"]
    formula = check_partial(E, w, "−4·(y − tanh(u))·(1 − tanh(u)²)·0.5").diagnosis
    assert set(formula.kinds) == {"factor", "derivative"}
    assert "∂E/∂u instead of ∂E/∂w" in str(formula)


# --- the mistakes that change the chain rule's pieces -------------------------------------


def examples() -> dict[str, Value]:
    """One neuron over 4 examples and C = ¼ Σ (y_k − ŷ_k)², as the perceptron post builds it
    (typed here from its text): ŷ_k = σ(w·x_k + b)."""
    w, b = Value(0.4, "w"), Value(-0.1, "b")
    xs, ys = (0.5, -1.0, 2.0, 1.5), (0.8, 0.3, 0.6, 0.1)
    nodes: dict[str, Value] = {"w": w, "b": b}
    squares = []
    for k, (x, y) in enumerate(zip(xs, ys), 1):
        nodes[f"x_{k}"], nodes[f"y_{k}"] = Value(x, f"x_{k}"), Value(y, f"y_{k}")
        z = (w * nodes[f"x_{k}"] + b).labelled(f"z_{k}")
        nodes[f"ŷ_{k}"] = z.sigmoid().labelled(f"ŷ_{k}")
        squares.append((nodes[f"y_{k}"] - nodes[f"ŷ_{k}"]) ** 2)
    nodes["C"] = (sum(squares[1:], squares[0]) * 0.25).labelled("C")
    return nodes


def in_floats(w: float = 0.4, b: float = -0.1, ys=(0.8, 0.3, 0.6, 0.1)) -> list[tuple]:
    """Per example: x, y, ŷ, σ'(z), in plain floats (the oracle)."""
    out = []
    for x, y in zip((0.5, -1.0, 2.0, 1.5), ys):
        ŷ = 1 / (1 + math.exp(-(w * x + b)))
        out.append((x, y, ŷ, ŷ * (1 - ŷ)))
    return out


ERRORS = "((y_1 − ŷ_1) + (y_2 − ŷ_2) + (y_3 − ŷ_3) + (y_4 − ŷ_4))"


def test_a_dropped_inner_minus_one_is_named_as_the_cause_of_a_flipped_sign():
    """The perceptron post's ∂C/∂w: ½ Σ (y_k − ŷ_k)·σ'(z_k)·x_k, the −1 of ∂(y − ŷ)/∂ŷ
    dropped in every example's term, which flips the sign of the whole."""
    n = examples()
    summed = " + ".join(f"(y_{k} − ŷ_{k})·ŷ_{k}·(1 − ŷ_{k})·x_{k}" for k in (1, 2, 3, 4))
    verdict = check_partial(n["C"], n["w"], f"1/2·({summed})")
    assert verdict.diagnosis.kinds == ["sign"], str(verdict.diagnosis)
    assert str(verdict.diagnosis) == (
        "the sign is flipped: the claim is −∂C/∂w; dropping the −1 of the inner derivative "
        "∂(y_1 − ŷ_1)/∂ŷ_1 (and the 3 like it) gives exactly this"
    )

    def cost(w):
        return sum((y - ŷ) ** 2 for _, y, ŷ, _ in in_floats(w=w)) / 4

    assert verdict.claimed == pytest.approx(-central_difference(cost, 0.4), rel=1e-6)


def test_a_sign_flipped_elsewhere_is_not_blamed_on_a_dropped_minus_one():
    """tap-and-knob's (σ1 − 1)·σ1: every way from ℓ to σ3 has a −1, and dropping all of
    them flips the sign too, but no one kind of −1 alone does: no cause is named."""
    found = diagnose("W1", "(σ3 − y)·W5·(σ1 − 1)·σ1·X1")
    assert str(found) == "the sign is flipped: the claim is −∂ℓ/∂W1"


def test_a_dropped_minus_one_that_is_no_sign_flip_is_its_own_mistake():
    # E = (w·x − y)² + (c − w·z)²: only the second term's way to w has a −1 to drop.
    w, x, y, c, z = (
        Value(a, k) for a, k in ((0.3, "w"), (1.5, "x"), (0.2, "y"), (0.9, "c"), (0.7, "z"))
    )
    E = ((w * x - y) ** 2 + (c - w * z) ** 2).labelled("E")
    found = check_partial(E, w, "2·(w·x − y)·x + 2·(c − w·z)·z").diagnosis
    assert found.kinds == ["inner derivative"], str(found)
    assert "∂(c − w·z)/∂(w·z)" in str(found)
    truth = central_difference(lambda a: (a * 1.5 - 0.2) ** 2 + (0.9 - a * 0.7) ** 2, 0.3)
    said = 2 * (0.3 * 1.5 - 0.2) * 1.5 + 2 * (0.9 - 0.3 * 0.7) * 0.7
    assert said != pytest.approx(truth) and said != pytest.approx(-truth)


def test_the_square_kept_after_differentiating_is_named():
    w, x, y = Value(0.3, "w"), Value(1.5, "x"), Value(0.2, "y")
    E = ((y - w * x) ** 2).labelled("E")
    found = check_partial(E, w, "−2·(y − w·x)²·x").diagnosis
    assert found.kinds == ["kept power"], str(found)
    assert "the square kept after differentiating" in str(found)
    truth = central_difference(lambda a: (0.2 - a * 1.5) ** 2, 0.3)
    assert -2 * (0.2 - 0.3 * 1.5) ** 2 * 1.5 == pytest.approx(truth * (0.2 - 0.3 * 1.5), rel=1e-6)


def test_a_derivative_by_every_namesake_at_once_is_named():
    """∂C/∂ŷ_1 claimed as −½ Σ_k (y_k − ŷ_k): the derivative by ŷ_1 … ŷ_4 moved together."""
    n = examples()
    found = check_partial(n["C"], n["ŷ_1"], f"−1/2·{ERRORS}").diagnosis
    assert found.kinds == ["shared"], str(found)
    assert "taken by ŷ_1, ŷ_2, ŷ_3 and ŷ_4 at once" in str(found)
    # By hand: moving every ŷ_k by h changes C by −½ Σ (y_k − ŷ_k)·h.
    pts = in_floats()

    def cost(h):
        return sum((y - ŷ - h) ** 2 for _, y, ŷ, _ in pts) / 4

    assert central_difference(cost, 0.0) == pytest.approx(-sum(y - ŷ for _, y, ŷ, _ in pts) / 2)


def test_a_sum_over_the_wrong_factors_is_named_and_is_zero_where_the_errors_cancel():
    """−½ Σ(y − ŷ) × σ'(z_1) × x_1: the errors summed alone, times example 1's factors."""
    n = examples()
    claim = f"−1/2·{ERRORS}·ŷ_1·(1 − ŷ_1)·x_1"
    found = check_partial(n["C"], n["w"], claim).diagnosis
    assert found.kinds == ["wrong sum"], str(found)
    assert "times the other factors of path 1 alone (C → ŷ_1 → z_1 → w)" in str(found)
    # Where the errors cancel, that is 0 while ∂C/∂w is not (plain floats).
    pts = in_floats()
    ys = [y for _, y, _, _ in pts]
    ys[3] -= sum(y - ŷ for _, y, ŷ, _ in pts)  # y_4 moved until Σ (y_k − ŷ_k) = 0
    cancelled = in_floats(ys=tuple(ys))
    assert sum(y - ŷ for _, y, ŷ, _ in cancelled) == pytest.approx(0.0, abs=1e-15)
    gradient = -sum((y - ŷ) * s * x for x, y, ŷ, s in cancelled) / 2
    assert abs(gradient) > 1e-3


def test_several_mistakes_at_once_are_given_only_when_no_single_one_holds():
    """The perceptron post's line 71: ∂C/∂ŷ = 2 × ¼ Σ (y − ŷ)², which is 2C: the square
    kept, the −1 dropped, and the derivative taken by every ŷ_k at once."""
    n = examples()
    claim = "2·1/4·" + "((y_1 − ŷ_1)² + (y_2 − ŷ_2)² + (y_3 − ŷ_3)² + (y_4 − ŷ_4)²)"
    found = check_partial(n["C"], n["ŷ_1"], claim).diagnosis
    (finding,) = found.findings
    assert finding.kind == "combined"
    assert set(finding.mistakes) == {"kept power", "inner derivative", "shared"}
    assert str(finding).startswith("several mistakes together: ")
    pts = in_floats()  # the claim is 2·C, by hand
    assert 2 * sum((y - ŷ) ** 2 for _, y, ŷ, _ in pts) / 4 == pytest.approx(
        check_partial(n["C"], n["ŷ_1"], claim).claimed
    )
