"""The four documents: every claim gets a computed verdict, and the known errors show."""

import math

import pytest

from autograd_scalar import documents
from autograd_scalar.documents import l_layer, perceptron, relu_network, tap_and_knob, two_layer
from autograd_scalar.documents.layered import course_backward
from autograd_scalar.documents.result import claim_record, diagnosis_text


def said_on(module, line):
    """The words of the one claim a document module has on `line`."""
    (claim,) = [c for c in module.CLAIMS if c.line == line]
    return claim.says


# What a careful reader of each document finds not right: (line, claim) → verdict. The
# verdicts themselves are computed; these are what the documents' readers expect. A
# statement of several parts is one claim.
KNOWN = {
    "tap-and-knob": {
        (30, "W_i ← W_i + α·∂ℓf/∂W_i"): "wrong",
        (42, "∂(Output water from the tap)/∂(Position/Setting of the knob) = ∂ℓf/∂W_i"): "wrong",
        (77, "Factor 3 is (σ1 − 1)·σ1"): "wrong",
        (79, "∂ℓf/∂W1 = (σ3 − y)·W5·(σ1 − 1)·σ1·X1"): "wrong",
        (
            89,
            "The sum component (Z1) is just a linear combination of the input and the weights",
        ): "wrong",
        (120, "we are ready to solve it using the chain rule of differential equations"): "wrong",
        (
            128,
            "The above equation for chain rule is fairly simple since equation on the right-hand "
            "side will become the one on the left-hand side by simple division",
        ): "wrong",
        (142, "This second component of the step function is ∂σ3/∂Z3"): "wrong",
        (152, "Z3 = W5·σ1 + W6·σ1 + b3"): "wrong",
        (
            176,
            "we now multiply these five components to get the results we have already seen",
        ): "wrong",
        (178, "∂ℓf/∂W1 = σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1"): "wrong",
    },
    "perceptron": {
        (
            21,
            "Perceptrons … are the simplest neural network that consists of n number of inputs, "
            "only one neuron, and one output, where n is the number of features of our dataset",
        ): "inconsistent",
        (
            23,
            "If the weight w_1 has a higher value than the weight w_2, then the input x_1 will have "
            "a higher influence on the output than w_2",
        ): "wrong",
        (57, "C = MSE = 1/n Σ_{i=1}^n (y_i − ŷ_i)²"): "inconsistent",
        (63, "∂C/∂w_i = ∂C/∂ŷ × ∂ŷ/∂z × ∂z/∂w_i"): "wrong",
        (71, "∂C/∂ŷ = ∂/∂ŷ 1/n Σ (y_i − ŷ_i)² = 2 × 1/n Σ (y_i − ŷ_i)²"): "wrong",
        (73, "Hence the above equation is simplified as [line 75]"): "wrong",
        (75, "∂C/∂ŷ = 2/n × sum(y − ŷ)"): "wrong",
        (93, "∂z/∂w_i = ∂/∂w_i (z) = ∂/∂w_i Σ_{i=1}^n (x_i.w_i + b) = x_i"): "wrong",
        (97, "∂C/∂w_i = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z)) × x_i"): "wrong",
        (101, "∂C/∂b = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z))"): "wrong",
        (105, "the backpropagation and gradient descent is repeated until convergence"): "wrong",
        (107, "w_i = w_i − (α × ∂C/∂w_i); b = b − (α × ∂C/∂b)"): "wrong",
    },
    "relu-network": {
        (
            14,
            "The initial input values are x1 and x2, and ŷ represents the target output value",
        ): "wrong",
        (72, "ŷ represents the ideal output and y represents the actual output"): "wrong",
        (82, said_on(relu_network, 82)): "wrong",  # the ideal output, the target, never moves
        (118, "w17_new = 0.8 − 0.01·0.0850 = 0.798592"): "wrong",
        (120, "w18_new = 0.9 − 0.01·0.1003 = 0.898336"): "wrong",
        (155, "Now, update the weight w10 using the learning rate η = 0.01"): "wrong",
        (159, "w7_new = 0.7 − 0.01·0.03008 = 0.699"): "wrong",
        (163, said_on(relu_network, 163)): "wrong",  # the chain for w1 lists one path of three
    },
    "two-layer": {
        (3, "it is built on the unit of logistic regression classifiers"): "wrong",
        (
            5,
            "Each layer is built based on the same structure of logistic regression classifier, "
            "with a linear transformation and an activation function",
        ): "wrong",
        (
            26,
            "we have two nodes x1 and x2 for input layer, three nodes defined in the hidden layer, "
            "and we have one node y for the output layer",
        ): "inconsistent",
        (32, "Input layer X ∈ (2, 1), with its weight W1 and bias b1"): "wrong",  # W1 is layer 1's
        (34, "Hidden layer A ∈ (4, 1)"): "inconsistent",
        (50, "the derivative of ReLU is a constant"): "wrong",
        (52, said_on(two_layer, 52)): "inconsistent",  # W[1] = 0: it updates, yet is ineffective
    },
}


def key(verdict):
    """A claim as KNOWN names it: its line and words."""
    return (verdict.statement.line, verdict.statement.says)


def test_names_are_the_four_documents():
    assert documents.names() == ["tap-and-knob", "perceptron", "relu-network", "two-layer"]
    with pytest.raises(ValueError, match="choose one of"):
        documents.run("no-such-document")


@pytest.mark.parametrize("name", list(KNOWN))
def test_the_claims_not_right_are_the_known_errors(results, name):
    result = results[name]
    found = {key(v): v.verdict for v in result.verdicts if not v.ok}
    assert found == KNOWN[name]
    assert len(result.right) == len(result.verdicts) - len(KNOWN[name])


@pytest.mark.parametrize("name", list(KNOWN))
def test_every_claim_not_right_gives_the_right_value_as_a_number_and_what_is_right(results, name):
    for verdict in results[name].verdicts:
        assert isinstance(verdict.statement.line, int) and verdict.statement.section, (
            verdict.statement.says
        )
        if verdict.ok:
            continue
        assert verdict.correct, f"{verdict.statement.says}: not right but says nothing right"
        numbers = (
            verdict.correct_value
            if isinstance(verdict.correct_value, tuple)
            else (verdict.correct_value,)
        )
        assert numbers and all(isinstance(x, float) and math.isfinite(x) for x in numbers), (
            verdict.statement.says
        )


def test_the_course_formulas_are_apart_and_not_counted(results):
    two = results["two-layer"]
    assert len(two.course) == 12 and all(v.ok for v in two.course)
    assert {v.statement.says for v in two.course}.isdisjoint(
        {v.statement.says for v in two.verdicts}
    )
    assert all(v.statement.section == "from the course, not in the document" for v in two.course)
    assert not any(v.statement.says.startswith(("dZ", "dW", "db", "dA")) for v in two.verdicts)
    data = two.as_dict()
    assert data["checked"] == len(two.verdicts) and len(data["from_the_course"]) == 12
    for name in ("tap-and-knob", "perceptron", "relu-network"):
        assert results[name].course == []


def _plain_relu_network():
    """The document's forward pass in plain floats, written from its text (the oracle)."""
    x1, x2, y = 0.23, 0.55, 0.01
    w = [None] + [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] * 2
    b = [None, 0.1, -0.4, 0.3, -0.5, 0.5, 0.6, -0.7]
    n3, n4, n5 = (max(0.0, w[j] * x1 + w[j + 3] * x2 + b[j]) for j in (1, 2, 3))
    n6, n7, n8 = (
        max(0.0, w[6 + j] * n3 + w[9 + j] * n4 + w[12 + j] * n5 + b[3 + j]) for j in (1, 2, 3)
    )
    out = 1 / (1 + math.exp(-(w[16] * n6 + w[17] * n7 + w[18] * n8 + b[7])))
    return {"n3": n3, "n6": n6, "n7": n7, "n8": n8, "out": out, "E": 0.5 * (y - out) ** 2}


def by_key(result):
    return {key(v): v for v in result.verdicts}


def each_verdict(verdicts):
    """Every verdict, and the verdicts of the parts of statements, in order."""
    for verdict in verdicts:
        yield verdict
        yield from each_verdict(verdict.parts)


def part(verdict, kind):
    """The one part of a statement that is of `kind`."""
    (found,) = [p for p in verdict.parts if p.statement.kind == kind]
    return found


def test_relu_network_forward_values_error_and_updates_agree_to_print(results):
    result = results["relu-network"]
    oracle = _plain_relu_network()
    assert result.root.data == pytest.approx(oracle["E"], abs=1e-15)
    checked = [v for v in each_verdict(result.verdicts) if v.statement.kind in ("value", "update")]
    assert {v.statement.of for v in checked} >= {
        "net_n3",
        "out_n3",
        "out_n4",
        "out_n5",
        "out_n6",
        "out_n7",
        "out_n8",
        "net_n9",
        "out_n9",
        "E",
        "w16",
        "w17",
        "w18",
        "b7",
    }
    assert all(v.ok for v in checked if v.statement.of != "w7")


def test_a_line_that_states_three_quantities_is_one_claim_of_three_parts(results):
    """out_n4 = max(0, −0.079) = 0: the net input, the output and the arithmetic, one
    statement; the tally counts it once."""
    result = results["relu-network"]
    for line in (37, 39, 47, 49, 51):
        (verdict,) = [v for v in result.verdicts if v.statement.line == line]
        assert [p.statement.kind for p in verdict.parts] == ["value", "value", "arithmetic"]
        assert verdict.ok and all(p.ok for p in verdict.parts)
    on_118 = [v for v in result.verdicts if v.statement.line == 118]
    assert len(on_118) == 1 and [p.verdict for p in on_118[0].parts] == ["wrong", "right", "wrong"]
    data = result.as_dict()
    assert data["checked"] == len(result.verdicts) == len({id(v) for v in result.verdicts})
    assert sum(1 for c in data["claims"] if c["line"] == 37) == 1
    assert len(next(c for c in data["claims"] if c["line"] == 37)["parts"]) == 3


def test_relu_network_w17_w18_gradients_are_wrong_and_the_right_ones_given(results):
    oracle = _plain_relu_network()
    # Chain rule by hand from the plain forward pass: (out − y)·out·(1 − out)·out_n7.
    delta = (oracle["out"] - 0.01) * oracle["out"] * (1 - oracle["out"])
    found = by_key(results["relu-network"])
    for line, label, printed, node in ((118, "w17", "0.0850", "n7"), (120, "w18", "0.1003", "n8")):
        old = 0.8 if label == "w17" else 0.9
        statement = found[(line, f"{label}_new = {old} − 0.01·{printed} = {statement_end(label)}")]
        verdict = part(statement, "partial")
        assert verdict.verdict == "wrong" and statement.verdict == "wrong"
        assert verdict.claim == printed  # as printed, its trailing zero kept
        assert claim_record(verdict)["claimed"] == printed and verdict.claimed == float(printed)
        assert verdict.computed == pytest.approx(delta * oracle[node], rel=1e-12)
        assert verdict.off_by == pytest.approx(float(printed) - delta * oracle[node], rel=1e-12)
        assert verdict.correct == f"{delta * oracle[node]:.4f}"
        assert f"∂E/∂{label} = {delta * oracle[node]:.4f}" in statement.correct


def statement_end(label):
    return {"w17": "0.798592", "w18": "0.898336"}[label]


def test_relu_network_printed_arithmetic_is_checked_as_written(results):
    found = by_key(results["relu-network"])
    for line, label, old, printed, new in (
        (118, "w17", 0.8, "0.0850", "0.798592"),
        (120, "w18", 0.9, "0.1003", "0.898336"),
    ):
        statement = found[(line, f"{label}_new = {old} − 0.01·{printed} = {new}")]
        arithmetic, update = part(statement, "arithmetic"), part(statement, "update")
        as_written = old - 0.01 * float(printed)  # the printed sum, done by hand: 0.79915
        assert arithmetic.verdict == "wrong" and arithmetic.computed == pytest.approx(
            as_written, abs=1e-15
        )
        # What it gives is said; "right" itself is the sum with the right gradient.
        assert arithmetic.correct.endswith(
            f"(as printed, {old} − 0.01·{printed} = {as_written:.6f})"
        )
        # The printed result is the update with the right gradient: that part is right.
        oracle = _plain_relu_network()
        delta = (oracle["out"] - 0.01) * oracle["out"] * (1 - oracle["out"])
        right = old - 0.01 * delta * oracle["n7" if label == "w17" else "n8"]
        assert update.verdict == "right" and update.computed == pytest.approx(right, rel=1e-13)
    # w16 and b7: the arithmetic as printed holds.
    assert part(found[(114, "w16_new = 0.7 − 0.01·0.0025 = 0.699975")], "arithmetic").ok
    assert part(found[(135, "b7_new = −0.7 − 0.01·0.1253 = −0.701253")], "arithmetic").ok


def test_w7_update_is_cut_short_not_rounded(results):
    statement = by_key(results["relu-network"])[(159, "w7_new = 0.7 − 0.01·0.03008 = 0.699")]
    verdict = part(statement, "update")
    assert not verdict.ok and not statement.ok
    oracle = _plain_relu_network()
    # ∂E/∂w7 by hand from the plain forward pass: δ9·w16·[net_n6 > 0]·out_n3 (w7 joins n3 to n6).
    delta = (oracle["out"] - 0.01) * oracle["out"] * (1 - oracle["out"])
    slope = delta * 0.7 * (1.0 if oracle["n6"] > 0 else 0.0) * oracle["n3"]
    assert verdict.computed == pytest.approx(0.7 - 0.01 * slope, rel=1e-13)
    assert f"{0.7 - 0.01 * slope:.3f}" == "0.700"  # rounds to 0.700, while the text prints 0.699
    assert "0.700 to 3 decimals" in verdict.correct and "cuts it short" in verdict.correct


def test_relu_network_chain_for_w1_gives_the_number_of_every_path(results):
    verdict = by_key(results["relu-network"])[(163, said_on(relu_network, 163))]
    oracle = _plain_relu_network()
    delta = (oracle["out"] - 0.01) * oracle["out"] * (1 - oracle["out"])
    # ∂E/∂w1 by hand: through n6, n7 and n8 (w7, w8, w9 leave n3), n3 active, times x1.
    by_hand = delta * (0.7 * 0.7 + 0.8 * 0.8 + 0.9 * 0.9) * 0.23
    assert verdict.correct_value == pytest.approx(by_hand, rel=1e-12)
    assert verdict.correct.count(" + ") == 2
    assert f"{delta * 0.7 * 0.7 * 0.23:.6g}" in verdict.detail  # the one path written, priced


def test_tap_and_knob_right_formula_for_w1_is_the_sympy_derivative(results):
    sympy = pytest.importorskip("sympy")
    X1, X2, y, W1, W2, W3, W4, W5, W6, b1, b2, b3 = sympy.symbols(
        "X1 X2 y W1 W2 W3 W4 W5 W6 b1 b2 b3"
    )
    s1 = 1 / (1 + sympy.exp(-(W1 * X1 + W2 * X2 + b1)))
    s2 = 1 / (1 + sympy.exp(-(W3 * X1 + W4 * X2 + b2)))
    s3 = 1 / (1 + sympy.exp(-(W5 * s1 + W6 * s2 + b3)))
    loss = -(1 - y) * sympy.log(1 - s3) - y * sympy.log(s3)
    right = (s3 - y) * W5 * s1 * (1 - s1) * X1
    point = {sympy.Symbol(k): v for k, v in tap_and_knob.VALUES.items()}
    for shift in (0.0, 0.37, -0.81):
        at = {k: v + shift for k, v in point.items()}
        assert float(sympy.diff(loss, W1).subs(at)) == pytest.approx(
            float(right.subs(at)), rel=1e-10
        )
    wrong = [v for v in results["tap-and-knob"].wrong if "∂ℓf/∂W1" in v.statement.says]
    assert len(wrong) == 2 and all(v.correct.startswith(tap_and_knob.RIGHT_W1) for v in wrong)
    value = float(right.subs(point))
    assert all(v.correct_value == pytest.approx(value, rel=1e-12) for v in wrong)


def test_tap_and_knob_rule_as_written_climbs_the_loss_and_the_right_one_descends(results):
    verdict = by_key(results["tap-and-knob"])[(30, "W_i ← W_i + α·∂ℓf/∂W_i")]
    # One step of each rule, the slope by central differences (no backward involved).
    values, h, step = dict(tap_and_knob.VALUES), 1e-6, 0.01

    def loss(v):
        return tap_and_knob.build(v).root.data

    slopes = {
        p: (loss({**values, p: values[p] + h}) - loss({**values, p: values[p] - h})) / (2 * h)
        for p in tap_and_knob.PARAMETERS
    }
    up = loss({p: x + step * slopes.get(p, 0.0) for p, x in values.items()})
    down = loss({p: x - step * slopes.get(p, 0.0) for p, x in values.items()})
    assert up > loss(values) > down
    assert "rising at every step" in verdict.detail and "falling at every step" in verdict.detail
    assert verdict.correct == "W_i ← W_i − α·∂ℓf/∂W_i" and verdict.correct_value < loss(values)


def _plain_perceptron(w, b):
    """The perceptron's cost and, per example, the prediction and σ'(z), in plain floats
    from the document's text and the data chosen (the oracle)."""
    out = []
    for x, y in zip(perceptron.INPUTS, perceptron.TARGETS):
        ŷ = 1 / (1 + math.exp(-(sum(xj * wj for xj, wj in zip(x, w)) + b)))
        out.append((x, y, ŷ, ŷ * (1 - ŷ)))
    return sum((y - ŷ) ** 2 for _, y, ŷ, _ in out) / len(out), out


def _start():
    v = perceptron.VALUES
    return [v["w1"], v["w2"], v["w3"]], v["b"]


def test_perceptron_gradient_claim_literally_and_with_the_sum_over_the_product(results):
    def cost(shift):
        values = dict(perceptron.VALUES, w1=perceptron.VALUES["w1"] + shift)
        return perceptron.build(values).root.data

    slope = (cost(1e-6) - cost(-1e-6)) / 2e-6
    verdict = next(
        v for v in results["perceptron"].verdicts if v.statement.says.startswith("∂C/∂w_i = 2/n")
    )
    # Literally: sum(y − ŷ), one number, times example 1's σ'(z) and x_1 (the first element).
    _, out = _plain_perceptron(*_start())
    errors = sum(y - ŷ for _, y, ŷ, _ in out)
    x, _, _, slope_1 = out[0]
    assert verdict.claimed == pytest.approx(2 / 4 * errors * slope_1 * x[0], rel=1e-12)
    assert verdict.computed == pytest.approx(slope, rel=1e-6) and not verdict.ok
    assert "sum over the wrong factors" in diagnosis_text(verdict)
    assert "the same holds for each of the 12 wrong elements" in diagnosis_text(verdict)
    (summed,) = verdict.others  # the sum read over the whole product: the sign turned over
    assert summed.claimed == pytest.approx(-slope, rel=1e-6) and not summed.ok
    assert summed.diagnosis.kinds == ["sign"]
    assert "dropping the −1 of the inner derivative ∂(y_1 − ŷ_1)/∂ŷ_1" in str(summed.diagnosis)


def test_perceptron_procedure_as_written_climbs_the_cost(results):
    """Lines 97 and 101 fed to the rule of lines 107–110, as the document writes them: in
    plain floats, 100 steps of α = 0.5 raise C from 0.054 to about 0.50."""
    w, b = _start()
    costs = []
    for _ in range(perceptron.STEPS + 1):
        c, out = _plain_perceptron(w, b)
        costs.append(c)
        g = [2 / 4 * sum((y - ŷ) * s * x[j] for x, y, ŷ, s in out) for j in range(3)]
        gb = 2 / 4 * sum((y - ŷ) * s for _, y, ŷ, s in out)
        w = [wj - perceptron.RATE * gj for wj, gj in zip(w, g)]
        b -= perceptron.RATE * gb
    assert costs[0] == pytest.approx(0.0538, abs=1e-4) and 0.45 < costs[-1] < 0.55
    assert all(after > before for before, after in zip(costs, costs[1:]))
    found = {v.statement.line: v for v in results["perceptron"].verdicts}
    rule, repeated = found[107], found[105]
    assert rule.verdict == "wrong" and f"→ {costs[-1]:.6g} in 100 steps" in rule.computed
    assert "with the formulas of lines 97 and 101" in rule.computed  # says which procedure ran
    assert [o.verdict for o in rule.others] == ["right"] and "engine" in rule.others[0].reading
    assert repeated.verdict == "wrong" and repeated.computed.startswith("C rises at every step")
    assert [o.verdict for o in repeated.others] == ["right"]
    record = claim_record(rule)
    assert "formulas of lines 97 and 101" in record["computed"]
    assert record["other_readings"][0]["verdict"] == "right"


def test_course_backward_pass_matches_central_differences():
    values = dict(l_layer.DEEP_VALUES)
    found = course_backward(
        values_of(l_layer.build_deep(values)), l_layer.DEEP, "relu", [1, 2, 3, 4]
    )
    h = 1e-6
    for label in ("W1[2,1]", "W2[2,3]", "W3[1,2]", "b2[1]"):
        up, down = dict(values), dict(values)
        up[label] += h
        down[label] -= h
        slope = (l_layer.build_deep(up).root.data - l_layer.build_deep(down).root.data) / (2 * h)
        assert found["d" + label] == pytest.approx(slope, abs=1e-7)


def values_of(net):
    return {label: node.data for label, node in net.nodes.items()}


def test_relu_network_numbers_weights_input_by_input():
    net = relu_network.build()
    n = net.nodes
    # net_n3 = w1·x1 + w4·x2 + b1; net_n6 reads out_n3 through w7, out_n4 through w10.
    assert n["net_n3"].data == pytest.approx(0.1 * 0.23 + 0.4 * 0.55 + 0.1)
    assert n["net_n6"].data == pytest.approx(
        0.7 * n["out_n3"].data + 0.1 * n["out_n4"].data + 0.4 * n["out_n5"].data - 0.5
    )
