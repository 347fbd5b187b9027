"""How claims are read and judged: literally first, other readings named, `inconsistent`
found when two claims cannot both hold, training run, and no verdict ever typed in."""

import ast
import math
from dataclasses import fields, replace
from pathlib import Path

import pytest

from autograd_scalar import documents
from autograd_scalar.check.printed import shown_like
from autograd_scalar.documents import perceptron, tap_and_knob, two_layer
from autograd_scalar.documents.claims import Claim, Variant
from autograd_scalar.documents.judging import check_claim, judge_on_variants

PACKAGE = Path(documents.__file__).resolve().parent


def at(result, line, start):
    """The verdict of the claim on `line` whose words start with `start`."""
    found = [
        v
        for v in result.verdicts
        if v.statement.line == line and v.statement.says.startswith(start)
    ]
    assert len(found) == 1, (line, start, [v.statement.says for v in found])
    return found[0]


# --- no verdict is typed in -------------------------------------------------------------


def test_a_claim_holds_no_verdict():
    assert {f.name for f in fields(Claim)}.isdisjoint({"verdict", "ok", "right", "wrong"})


def test_no_document_module_types_a_verdict_word():
    """The words right, wrong and inconsistent appear only where verdicts are computed,
    in `check`: no document module types one (the tally's JSON keys are names, not verdicts)."""
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        keys = {
            id(key) for node in ast.walk(tree) if isinstance(node, ast.Dict) for key in node.keys
        }
        words = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and node.value in ("right", "wrong", "inconsistent")
            and id(node) not in keys
        ]
        assert words == [], f"{path.name} types the verdict word(s) {words}"


@pytest.mark.parametrize("name", documents.names())
def test_printed_numbers_decide_their_verdicts(name):
    """Put the engine's own number in a printed claim and it becomes right; move its last
    digit and it becomes wrong: the verdict follows the claim, it is not stored."""
    document = documents.module(name).DOCUMENT
    own = Variant("the document's network", document.build, document.values)
    tried = 0
    claims = [part for claim in document.claims for part in (claim, *claim.parts)]
    for claim in claims:
        if claim.kind not in ("value", "update", "arithmetic") or claim.together:
            continue
        verdict = check_claim(claim, claim.network or own)
        right = shown_like(verdict.computed, claim.stated)
        if right.lstrip("-").startswith("0.000"):
            continue  # too small to print at this precision
        assert check_claim(replace(claim, stated=right), claim.network or own).ok, claim.says
        digits = len(right.split(".")[1]) if "." in right else 0
        off = f"{float(right) + 3 * 10.0**-digits:.{digits}f}"
        assert not check_claim(replace(claim, stated=off), claim.network or own).ok, claim.says
        tried += 1
    assert tried >= (10 if name == "relu-network" else 0)


def test_a_statement_is_as_right_as_its_parts():
    """Make the printed gradient of line 118 the engine's: the arithmetic as printed is still
    wrong, so the line is; make the arithmetic's result the printed sum too, and it is right."""
    from autograd_scalar.documents import relu_network

    own = Variant("the document's network", relu_network.build, relu_network.VALUES)
    (line,) = [c for c in relu_network.CLAIMS if c.line == 118]
    gradient, update, done = line.parts
    fixed = replace(
        gradient, stated="0.1408", elements=(replace(gradient.elements[0], stated="0.1408"),)
    )
    one_wrong = check_claim(replace(line, parts=(fixed, update, done)), own)
    assert [p.verdict for p in one_wrong.parts] == ["right", "right", "wrong"]
    assert one_wrong.verdict == "wrong" and one_wrong.detail == "3 parts: 2 right, 1 wrong"
    sum_printed = replace(done, of="0.8 − 0.01·0.1408")
    assert check_claim(replace(line, parts=(fixed, update, sum_printed)), own).ok


# --- inconsistent: two claims that cannot both hold --------------------------------------


def test_three_hidden_units_and_a_four_row_hidden_layer_are_inconsistent(results):
    three = at(results["two-layer"], 26, "we have two nodes")
    four = at(results["two-layer"], 34, "Hidden layer A")
    assert three.verdict == four.verdict == "inconsistent"
    assert three.conflicts == (34,) and four.conflicts == (26,)
    assert four.correct_value == (3.0, 4.0)


def test_when_the_text_agrees_with_itself_the_same_claims_are_right():
    """Make line 34 say (3, 1): nothing conflicts any more, and both come out right."""
    claims = [c for c in two_layer.CLAIMS if c.together == two_layer.HIDDEN]
    agreeing = [claims[0], replace(claims[1], stated="A ∈ (3, 1)")]
    verdicts = judge_on_variants(agreeing, two_layer.VARIANTS[two_layer.HIDDEN])
    assert [v.verdict for v in verdicts] == ["right", "right"]


def test_one_claim_against_several_is_the_slip_not_an_inconsistency(results):
    """Z3 = W5·σ1 + W6·σ1 + b3 (line 152) against lines 67, 77 and 166, which all need σ2
    to feed W6: the text tells which is the slip, so line 152 is wrong, the rest right."""
    tap = results["tap-and-knob"]
    assert at(tap, 152, "Z3 =").verdict == "wrong"
    assert at(tap, 166, "∂Z3/∂σ1").verdict == "right"
    assert at(tap, 67, "the red knob").verdict == "right"
    # With Z3 as written, ∂Z3/∂σ1 is W5 + W6: the claim of line 166 fails there.
    written = tap_and_knob.VARIANTS[tap_and_knob.Z3][1]
    claim = next(c for c in tap_and_knob.CLAIMS if c.line == 166)
    assert not check_claim(claim, written).ok
    net = written.build(written.values)
    net.root.backward()
    assert net.nodes["W3"].grad == net.nodes["W4"].grad == net.nodes["b2"].grad == 0.0


def test_the_two_ns_of_the_perceptron_are_inconsistent(results):
    result = results["perceptron"]
    assert at(result, 21, "Perceptrons").verdict == "inconsistent"
    assert at(result, 57, "C = MSE").verdict == "inconsistent"
    assert at(result, 55, "Loss function").verdict == "right"  # the average over the data set
    # With n = 3 (line 21), line 57 averages the first 3 of the 4 examples, by hand:
    v = perceptron.VALUES
    ŷ = [
        1 / (1 + math.exp(-(sum(v[f"x{j}_{k}"] * v[f"w{j}"] for j in (1, 2, 3)) + v["b"])))
        for k in (1, 2, 3)
    ]
    assert at(result, 57, "C = MSE").claimed == pytest.approx(
        sum((v[f"y_{k}"] - ŷ[k - 1]) ** 2 for k in (1, 2, 3)) / 3, rel=1e-12
    )


# --- literal reading first; other readings named -------------------------------------------


def test_relu_derivative_literally_not_one_constant_but_constant_on_each_side(results):
    verdict = at(results["two-layer"], 50, "the derivative of ReLU")
    assert verdict.verdict == "wrong" and verdict.correct_value == (0.0, 1.0)
    (piecewise,) = verdict.others
    assert piecewise.verdict == "right" and "piecewise" in piecewise.reading


def test_output_water_literally_is_the_networks_output_not_the_loss(results):
    verdict = at(results["tap-and-knob"], 42, "∂(Output water")
    assert verdict.verdict == "wrong"
    (loss,) = verdict.others
    assert loss.verdict == "right" and "loss" in loss.reading
    # ∂σ3/∂W5 = σ3(1 − σ3)σ1 and ∂ℓ/∂W5 = (σ3 − y)σ1 by hand: they differ.
    v = tap_and_knob.VALUES
    σ1 = 1 / (1 + math.exp(-(v["W1"] * v["X1"] + v["W2"] * v["X2"] + v["b1"])))
    σ2 = 1 / (1 + math.exp(-(v["W3"] * v["X1"] + v["W4"] * v["X2"] + v["b2"])))
    σ3 = 1 / (1 + math.exp(-(v["W5"] * σ1 + v["W6"] * σ2 + v["b3"])))
    assert verdict.correct_value == pytest.approx(
        (σ3 * (1 - σ3) * σ1, (σ3 - v["y"]) * σ1), rel=1e-12
    )


def _plain_two_layer(W1, b1, W2, b2, rate, steps):
    """Gradient descent on the two-layer tanh network, in plain floats, from the course's
    formulas (the oracle): returns the costs and, per parameter, the steps it moved."""
    X = [(1.0, -0.5), (0.3, 0.8), (-1.2, 0.4), (0.6, -1.0)]
    Y = [1.0, 0.0, 1.0, 0.0]
    m = len(X)
    costs, moved = [], {"W1": [0] * 6, "b1": [0] * 3, "W2": [0] * 3, "b2": [0]}
    for _ in range(steps + 1):
        A1 = [[math.tanh(W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j]) for j in range(3)] for x in X]
        A2 = [1 / (1 + math.exp(-(sum(W2[j] * a[j] for j in range(3)) + b2))) for a in A1]
        costs.append(-sum(y * math.log(a) + (1 - y) * math.log(1 - a) for y, a in zip(Y, A2)) / m)
        if len(costs) > steps:
            break
        dZ2 = [a - y for a, y in zip(A2, Y)]
        dW2 = [sum(dZ2[i] * A1[i][j] for i in range(m)) / m for j in range(3)]
        db2 = sum(dZ2) / m
        dZ1 = [[W2[j] * dZ2[i] * (1 - A1[i][j] ** 2) for j in range(3)] for i in range(m)]
        dW1 = [[sum(dZ1[i][j] * X[i][k] for i in range(m)) / m for k in range(2)] for j in range(3)]
        db1 = [sum(dZ1[i][j] for i in range(m)) / m for j in range(3)]
        for name, grads in (
            ("W1", [g for row in dW1 for g in row]),
            ("b1", db1),
            ("W2", dW2),
            ("b2", [db2]),
        ):
            moved[name] = [c + (g != 0.0) for c, g in zip(moved[name], grads)]
        W1 = [[W1[j][k] - rate * dW1[j][k] for k in range(2)] for j in range(3)]
        b1 = [b1[j] - rate * db1[j] for j in range(3)]
        W2 = [W2[j] - rate * dW2[j] for j in range(3)]
        b2 -= rate * db2
    return costs, moved


def test_zero_start_literally_updates_every_parameter_and_the_model_learns(results):
    """Only W[1] zero, the rest as initialised: every parameter moves at every step and J
    falls well below a constant output's cost ln 2: the sentence's first part holds, its
    second ('ineffective') fails."""
    from autograd_scalar.documents.zero_start import RATE, STEPS

    sentence = at(results["two-layer"], 52, "we need to make sure")
    update, useless = sentence.parts
    assert update.verdict == "right" and useless.verdict == "wrong"
    zero = [[0.0, 0.0]] * 3
    costs, moved = _plain_two_layer(zero, [0.1, -0.1, 0.05], [0.8, -0.6, 0.4], 0.2, RATE, STEPS)
    assert all(count == STEPS for counts in moved.values() for count in counts)
    assert costs[-1] < math.log(2) - 0.3
    assert useless.correct_value == pytest.approx(costs[-1], rel=1e-9)


def test_zero_start_as_the_course_means_it_moves_nothing_and_learns_nothing(results):
    """Every weight and bias zero: A1 = tanh(0) = 0 and W2 = 0 make every gradient of W and
    b[1] zero, and with balanced labels db2 = mean(0.5 − Y) = 0 too: nothing moves. Then
    the second part holds and the first fails."""
    costs, moved = _plain_two_layer([[0.0, 0.0]] * 3, [0.0] * 3, [0.0] * 3, 0.0, 0.5, 5)
    assert all(count == 0 for counts in moved.values() for count in counts)
    assert costs[-1] == pytest.approx(math.log(2), abs=1e-15)
    sentence = at(results["two-layer"], 52, "we need to make sure")
    course, deep = sentence.others
    assert "course" in course.reading and [p.verdict for p in course.parts] == ["wrong", "right"]
    # On the L-layer ReLU network a unit with a negative bias is dead from W[1] = 0 on.
    assert deep.parts[0].verdict == "wrong" and "b1[2]" in deep.parts[0].detail


def test_a_sentence_whose_parts_never_hold_together_is_one_inconsistent_claim(results):
    """'update parameters during each iteration, making the model ineffective': with W[1]
    = 0 and W[2] as initialised it updates and learns; with every parameter 0 it neither
    moves nor learns. No reading makes both parts hold: one claim, inconsistent, that
    says on which reading each part holds."""
    on_52 = [v for v in results["two-layer"].verdicts if v.statement.line == 52]
    assert len(on_52) == 1
    (sentence,) = on_52
    assert sentence.verdict == "inconsistent"
    assert not any(o.ok for o in sentence.others)
    literal, course = sentence.correct.split("; the course's lesson")[:2]
    assert "part 1 holds" in literal and "part 2 fails" in literal
    assert "part 1 fails" in course and "part 2 holds" in course
    record = results["two-layer"].as_dict()["claims"]
    assert [c["verdict"] for c in record if c["line"] == 52] == ["inconsistent"]


def test_the_document_rule_is_run_and_what_it_does_is_said(results):
    """Each rule's run says which slopes it took: the engine's gradient, or the document's
    own formulas (the procedure as the document writes it)."""
    for name, line, by in (
        ("perceptron", 103, "the engine's gradient"),
        ("relu-network", 110, "the post's chain rule as written"),
        ("two-layer", 42, "the engine's gradient"),
    ):
        verdict = next(
            v
            for v in results[name].verdicts
            if v.statement.line == line and v.statement.kind == "rule"
        )
        assert verdict.ok and "falling at every step" in verdict.computed, (name, verdict.computed)
        assert f"slopes: {by}" in verdict.detail
        assert all("slopes: the engine's gradient" in o.detail for o in verdict.others)
