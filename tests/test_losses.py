"""Losses: their values, their gradients against central differences and sympy, bad input."""

from __future__ import annotations

import math

import mpmath
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from autograd_scalar import Value, nn

finite = st.floats(-800.0, 800.0, allow_nan=False)  # past where a sigmoid saturates


def central_differences(loss, xs, h=1e-6):
    """∂loss/∂xᵢ by (f(x + h) − f(x − h)) / 2h, each loss rebuilt from plain floats."""
    slopes = []
    for i in range(len(xs)):
        up = [x + h if j == i else x for j, x in enumerate(xs)]
        down = [x - h if j == i else x for j, x in enumerate(xs)]
        slopes.append(
            (loss([Value(x) for x in up]).data - loss([Value(x) for x in down]).data) / (2 * h)
        )
    return slopes


def backward_grads(loss, xs):
    leaves = [Value(x) for x in xs]
    loss(leaves).backward()
    return [leaf.grad for leaf in leaves]


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize(
    "loss, targets",
    [
        (nn.mse, [0.5, -1.0, 2.0]),
        (nn.half_squared_error, [0.5, -1.0, 2.0]),
        (nn.hinge, [1, -1, 1]),
        (
            lambda p, y, reduction: nn.binary_cross_entropy(p, y, reduction, from_logits=True),
            [1, 0, 1],
        ),
    ],
)
def test_loss_gradients_match_central_differences(loss, targets, reduction):
    xs = [0.3, -0.45, 1.7]  # away from the hinge's kinks at y·score = 1

    def f(ps):
        return loss(ps, targets, reduction=reduction)

    for analytic, numeric in zip(backward_grads(f, xs), central_differences(f, xs), strict=True):
        assert analytic == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_the_losses_compute_their_formulas():
    p, y = [0.2, 0.9], [0.0, 1.0]
    assert nn.mse(p, y).data == pytest.approx((0.2**2 + 0.1**2) / 2)
    assert nn.mse(p, y, reduction="sum").data == pytest.approx(0.2**2 + 0.1**2)
    assert nn.half_squared_error(p, y).data == pytest.approx(0.5 * (0.2**2 + 0.1**2))
    expected = -(math.log(0.8) + math.log(0.9)) / 2
    assert nn.binary_cross_entropy(p, y).data == pytest.approx(expected, rel=1e-12)
    assert nn.hinge([0.5, -2.0], [1, 1]).data == pytest.approx((0.5 + 3.0) / 2)


def test_bce_gradient_matches_sympy_through_the_sigmoid():
    z, y = sympy.symbols("z y")
    s = 1 / (1 + sympy.exp(-z))
    dloss = sympy.diff(-y * sympy.log(s) - (1 - y) * sympy.log(1 - s), z)
    for label in (0, 1):
        for point in (-3.0, -0.2, 0.0, 1.1, 4.0):
            logit = Value(point)
            nn.binary_cross_entropy(logit.sigmoid(), label).backward()
            assert logit.grad == pytest.approx(float(dloss.subs({z: point, y: label})), rel=1e-9)


@given(finite, st.sampled_from([0, 1]))
def test_bce_equals_the_exact_formula_where_it_is_finite(logit, label):
    with mpmath.workdps(400):  # the oracle: enough digits that 1 − σ(800) survives
        sigma = 1 / (1 + mpmath.exp(-logit))
        exact = float(-mpmath.log(sigma) if label == 1 else -mpmath.log(1 - sigma))
    # without a log1p op, ln(1 + u) for a tiny u is right to about 1e-16, not relatively
    from_logit = nn.binary_cross_entropy(Value(logit), label, from_logits=True).data
    assert from_logit == pytest.approx(exact, rel=1e-12, abs=1e-15)
    # given a probability, the loss is the formula on that float, unless it is log(0)
    p = Value(logit).sigmoid()
    needed = p.data if label == 1 else 1.0 - p.data
    if needed > 0.0:
        formula = -math.log(needed)
        assert nn.binary_cross_entropy(p, label).data == pytest.approx(
            formula, rel=1e-12, abs=1e-15
        )


@pytest.mark.parametrize("logit, label", [(40.0, 0), (800.0, 0), (-800.0, 1), (-746.0, 1)])
def test_bce_stays_finite_at_a_saturated_sigmoid(logit, label):
    z = Value(logit)
    p = z.sigmoid()
    assert p.data in (0.0, 1.0)  # saturated: the textbook formula would take log(0)
    loss = nn.binary_cross_entropy(p, label)
    loss.backward()
    # −ln(1 − σ(z)) ≈ z for large z; ∂/∂z = σ(z) − y ≈ ±1
    assert loss.data == pytest.approx(abs(logit), rel=1e-12)
    assert z.grad == pytest.approx(1.0 - 2 * label, rel=1e-12)


def test_bce_with_a_value_label_keeps_y_in_the_graph_as_the_document_writes():
    y = Value(1.0, "y")
    z = Value(0.4)
    loss = nn.binary_cross_entropy(z.sigmoid(), y)
    loss.backward()
    # ∂ℓ/∂y of −(1−y)·ln(1−σ) − y·ln(σ) is ln(1−σ) − ln(σ) = −z
    assert y.grad == pytest.approx(-0.4, rel=1e-12)
    assert z.grad == pytest.approx(1 / (1 + math.exp(-0.4)) - 1.0, rel=1e-12)


def test_bce_of_a_saturated_probability_that_is_not_a_sigmoid_is_refused():
    with pytest.raises(ValueError, match="log of 0"):
        nn.binary_cross_entropy(Value(1.0), 0)


def test_hinge_builds_three_nodes_per_example_with_its_numbers_inside():
    score = Value(0.3)
    loss = nn.hinge(score, -1)
    assert loss.op.name == "relu"
    (add,) = loss.parents
    assert add.op.name == "add" and add.operands[0] == 1.0
    (mul,) = add.parents
    assert mul.op.name == "mul" and mul.operands == (1.0, score)
    assert loss.data == pytest.approx(1.3)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: nn.mse([1.0, 2.0], [1.0]), "2 predictions but 1 targets"),
        (lambda: nn.mse([], []), "at least one"),
        (lambda: nn.mse([1.0], ["a"]), "target 0"),
        (lambda: nn.mse([1.0], [1.0], reduction="avg"), "reduction"),
        (
            lambda: nn.binary_cross_entropy([0.5, 0.5], [1, 2]),
            "target 1 is 2.0; labels must be 0 or 1",
        ),
        (lambda: nn.binary_cross_entropy([1.5], [1]), "not a probability"),
        (lambda: nn.hinge([0.5], [0]), "2\\*y - 1"),
    ],
)
def test_bad_input_gets_a_clear_error(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
