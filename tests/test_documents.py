"""The four documents: every claim gets a computed verdict, and the known errors show."""

import math

import pytest

from autograd_scalar import documents
from autograd_scalar.documents import l_layer, perceptron, relu_network, tap_and_knob, two_layer
from autograd_scalar.documents.layered import course_backward

# The documents' known errors: which of their claims must come out wrong. The verdicts
# themselves are computed; these are what a reader of the documents expects.
KNOWN_WRONG = {
    "tap-and-knob": {
        "W_i ← W_i + α·∂ℓf/∂W_i",
        "∂ℓf/∂W1 = (σ3 − y)·W5·(σ1 − 1)·σ1·X1",
        "Z3 = W5·σ1 + W6·σ1 + b3",
        "∂ℓf/∂W1 = σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1",
    },
    "perceptron": {
        "∂C/∂w_i = ∂C/∂ŷ × ∂ŷ/∂z × ∂z/∂w_i",
        "∂C/∂ŷ = ∂/∂ŷ 1/n Σ (y_i − ŷ_i)² = 2 × 1/n Σ (y_i − ŷ_i)²",
        "∂C/∂ŷ = 2/n × sum(y − ŷ)",
        "∂C/∂w_i = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z)) × x_i",
        "∂C/∂b = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z))",
    },
    "relu-network": {
        "∂E/∂w17 = 0.0850 (in w17_new = 0.8 − 0.01·0.0850)",
        "∂E/∂w18 = 0.1003 (in w18_new = 0.9 − 0.01·0.1003)",
        "w7_new = 0.7 − 0.01·0.03008 = 0.699",
        relu_network.CLAIMS[-1].says,  # the chain for w1 lists one path of three
    },
    "two-layer": {
        "Hidden layer A ∈ (4, 1)",
        "if W[1] is a vector of zeros, then the forward and backward propagation will "
        "effectively update parameters during each iteration",
        "the derivative of ReLU is a constant",
    },
}


@pytest.fixture(scope="module")
def results():
    return {name: documents.run(name) for name in documents.names()}


def test_names_are_the_four_documents():
    assert documents.names() == ["tap-and-knob", "perceptron", "relu-network", "two-layer"]
    with pytest.raises(ValueError, match="choose one of"):
        documents.run("no-such-document")


@pytest.mark.parametrize("name", list(KNOWN_WRONG))
def test_every_claim_has_a_verdict_and_the_known_errors_are_found(results, name):
    result = results[name]
    assert len(result.verdicts) >= 10
    for verdict in result.verdicts:
        expected = "wrong" if verdict.claim.says in KNOWN_WRONG[name] else "right"
        assert verdict.as_dict()["verdict"] == expected, verdict.claim.says
        assert verdict.points_checked >= 1
        assert verdict.ok or verdict.correct, f"{verdict.claim.says}: wrong but says nothing right"
    assert {v.claim.says for v in result.wrong} == KNOWN_WRONG[name]


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


def test_relu_network_forward_values_error_and_updates_agree_to_print(results):
    result = results["relu-network"]
    oracle = _plain_relu_network()
    assert result.root.data == pytest.approx(oracle["E"], abs=1e-15)
    checked = {v.claim.of: v for v in result.verdicts if v.claim.kind in ("forward", "update")}
    for label in ("net_n3", "out_n3", "out_n4", "out_n5", "out_n6", "out_n7", "out_n8",
                  "net_n9", "out_n9", "E", "w16", "w17", "w18", "b7"):  # fmt: skip
        assert checked[label].ok, checked[label].detail


def test_relu_network_w17_w18_gradients_are_wrong_and_the_right_ones_given(results):
    oracle = _plain_relu_network()
    # Chain rule by hand from the plain forward pass: (out − y)·out·(1 − out)·out_n7.
    delta = (oracle["out"] - 0.01) * oracle["out"] * (1 - oracle["out"])
    by_claim = {v.claim.says.split(" =")[0]: v for v in results["relu-network"].verdicts
                if v.claim.kind == "partial"}  # fmt: skip
    for label, printed, node in (("w17", "0.0850", "n7"), ("w18", "0.1003", "n8")):
        verdict = by_claim[f"∂E/∂{label}"]
        assert not verdict.ok
        assert verdict.claimed == float(printed)
        assert verdict.computed == pytest.approx(delta * oracle[node], rel=1e-12)
        assert verdict.correct == f"{delta * oracle[node]:.4f}"
    assert {v.correct for v in results["relu-network"].wrong} >= {"0.1408", "0.1664"}


def test_w7_update_is_cut_short_not_rounded(results):
    verdict = next(v for v in results["relu-network"].verdicts if v.claim.says.startswith("w7_new"))
    assert not verdict.ok
    oracle = _plain_relu_network()
    # ∂E/∂w7 by hand from the plain forward pass: δ9·w16·[net_n6 > 0]·out_n3 (w7 joins n3 to n6).
    delta = (oracle["out"] - 0.01) * oracle["out"] * (1 - oracle["out"])
    slope = delta * 0.7 * (1.0 if oracle["n6"] > 0 else 0.0) * oracle["n3"]
    assert verdict.computed == pytest.approx(0.7 - 0.01 * slope, rel=1e-13)
    assert f"{0.7 - 0.01 * slope:.3f}" == "0.700"  # rounds to 0.700, while the text prints 0.699
    assert "0.700 to 3 decimals" in verdict.correct and "cuts it short" in verdict.correct


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
    wrong = [v for v in results["tap-and-knob"].wrong if "∂ℓf/∂W1" in v.claim.says]
    assert len(wrong) == 2 and all(v.correct == tap_and_knob.RIGHT_W1 for v in wrong)


def test_perceptron_gradient_claim_has_the_sign_turned_over(results):
    def cost(shift):
        values = dict(perceptron.VALUES, w1=perceptron.VALUES["w1"] + shift)
        return perceptron.build(values).root.data

    slope = (cost(1e-6) - cost(-1e-6)) / 2e-6
    verdict = next(
        v for v in results["perceptron"].verdicts if v.claim.says.startswith("∂C/∂w_i = 2/n")
    )
    assert verdict.computed == pytest.approx(slope, rel=1e-6)
    assert verdict.claimed == pytest.approx(-slope, rel=1e-6)


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


def test_zero_start_freezes_the_weights_and_a_random_start_does_not():
    from autograd_scalar.documents.zero_start import descend, units_stay_equal, weights_move, zeroed

    frozen = descend(two_layer.build, zeroed(two_layer.VALUES))
    assert weights_move(frozen).startswith("W[1] and W[2] never change")
    assert units_stay_equal(frozen).startswith("the hidden units stay identical")
    moving = descend(two_layer.build, two_layer.VALUES)
    assert weights_move(moving) == "W[1] and W[2] change at every step"
    assert units_stay_equal(moving) == "the hidden units become different"


def test_relu_network_numbers_weights_input_by_input():
    net = relu_network.build()
    n = net.nodes
    # net_n3 = w1·x1 + w4·x2 + b1; net_n6 reads out_n3 through w7, out_n4 through w10.
    assert n["net_n3"].data == pytest.approx(0.1 * 0.23 + 0.4 * 0.55 + 0.1)
    assert n["net_n6"].data == pytest.approx(
        0.7 * n["out_n3"].data + 0.1 * n["out_n4"].data + 0.4 * n["out_n5"].data - 0.5
    )
