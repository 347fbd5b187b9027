"""check_partial on the first seed document's network, and on small graphs."""

from __future__ import annotations

import math

import pytest
from test_replay import NAMES, seed_network

from autograd_scalar import Value, check_partial, check_partials

POINT = dict(
    zip(NAMES, [0.35, 0.9, 0.1, -0.4, 0.8, 0.6, 0.3, -0.9, 0.05, -0.1, 0.2, 1.0], strict=True)
)


def central(name: str, eps: float = 1e-6) -> float:
    up, down = dict(POINT), dict(POINT)
    up[name] += eps
    down[name] -= eps
    return (seed_network(up).data - seed_network(down).data) / (2 * eps)


@pytest.fixture
def loss() -> Value:
    return seed_network(POINT)


def test_the_document_s_partial_for_w5_is_right(loss):
    verdict = check_partial(loss, "W5", "(σ3 − y)·σ1")
    assert verdict.ok
    assert verdict.points_checked == 51
    assert verdict.worst_point is None
    assert verdict.computed == pytest.approx(central("W5"), rel=1e-6)
    assert str(verdict).startswith("✓ ∂ℓ/∂W5")


def test_the_document_s_partial_for_w1_has_the_wrong_sign(loss):
    verdict = check_partial(loss, "W1", "(σ3 − y)·W5·(σ1 − 1)·σ1·X1")
    assert not verdict.ok
    assert not verdict.right_here
    assert verdict.claimed == pytest.approx(-verdict.computed, rel=1e-9)
    assert verdict.computed == pytest.approx(central("W1"), rel=1e-6)
    assert str(verdict).startswith("✗ ∂ℓ/∂W1")
    assert "wrong at the recorded point" in str(verdict)


def test_a_squared_error_style_derivative_for_w1_is_wrong(loss):
    assert not check_partial(loss, "W1", "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1").ok


def test_the_corrected_partial_for_w1_is_right(loss):
    verdict = check_partial(loss, "W1", "(σ3 − y)·W5·σ1·(1 − σ1)·X1")
    assert verdict.ok
    assert verdict.claimed == pytest.approx(central("W1"), rel=1e-6)


def test_a_formula_right_at_the_recorded_point_only_is_wrong(loss):
    w1 = POINT["W1"]
    verdict = check_partial(loss, "W5", f"(σ3 − y)·σ1 + (W1 − {w1!r})")
    assert not verdict.ok
    assert verdict.right_here
    assert verdict.worst_point is not None and set(verdict.worst_point) >= {"W1", "W5"}
    assert verdict.worst_point["W1"] != w1
    assert "right here, but wrong at" in str(verdict)


def test_vary_chooses_which_leaves_move(loss):
    x1 = POINT["X1"]
    claim = f"(σ3 − y)·σ1 + (X1 − {x1!r})"
    assert check_partial(loss, "W5", claim, vary=["W5", "W1"]).ok
    assert not check_partial(loss, "W5", claim).ok


def test_a_function_claim_gets_every_label(loss):
    assert check_partial(loss, "W6", lambda v: (v["σ3"] - v["y"]) * v["σ2"]).ok
    assert not check_partial(loss, "W6", lambda v: (v["σ3"] - v["y"]) * v["σ1"]).ok


@pytest.mark.parametrize(
    ("claim", "ok"),
    [
        (0.0025, True),
        ("0.0025", True),
        (0.00247, True),
        ("0.002", True),
        (0.0024, False),
        ("0.003", False),
        ("2.468e-3", True),
        (0.002469, False),
        ("−0.0025", False),
    ],
)
def test_a_number_is_right_when_the_truth_rounds_to_it(claim, ok):
    x = Value(0.001234, "x")
    verdict = check_partial((x * x).labelled("f"), "x", claim)  # the truth is 2x = 0.002468
    assert verdict.ok is ok
    assert verdict.points_checked == 1


def test_a_squared_error_partial_and_its_sign():
    y, x, w, n = Value(1.5, "y"), Value(0.7, "x"), Value(0.4, "w"), Value(4.0, "n")
    yhat = (w * x).labelled("yhat")
    loss = ((y - yhat) ** 2 / n).labelled("L")
    assert check_partial(loss, yhat, "2/n * (yhat - y)").ok
    assert not check_partial(loss, yhat, "2/n * (y - yhat)").ok


def test_points_outside_the_domain_are_skipped():
    x = Value(0.2, "x")
    verdict = check_partial(x.log().labelled("L"), "x", "1/x")
    assert verdict.ok and verdict.points_checked == 51


def test_a_missing_or_shared_label_is_refused_with_the_labels(loss):
    with pytest.raises(LookupError, match="no node has the label .W9.*W1"):
        check_partial(loss, "W9", 0.1)
    a, b = Value(1.0, "h"), Value(2.0, "h")
    with pytest.raises(LookupError, match="2 nodes have the label"):
        check_partial(a * b, "h", 1.0)


def test_a_claim_of_another_kind_is_refused(loss):
    with pytest.raises(TypeError):
        check_partial(loss, "W1", None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        check_partial(loss, "W1", math.nan)


def test_check_partials_makes_a_table_in_text_and_html(loss):
    table = check_partials(loss, {"W5": "(σ3 − y)·σ1", "W1": "(σ3 − y)·W5·(σ1 − 1)·σ1·X1"})
    assert [v.ok for v in table.verdicts] == [True, False]
    assert not table.ok
    text = str(table).splitlines()
    assert text[2].startswith("✓") and text[3].startswith("✗")
    html = table._repr_html_()
    assert html.count("<tr") == 3 and "∂ℓ/∂W1" in html


def test_a_whole_number_claim_means_exactly_that_number():
    x = Value(0.2, "x")
    y = (x * x).labelled("y")  # ∂y/∂x = 0.4
    assert not check_partial(y, x, 0).ok
    assert not check_partial(y, x, "0").ok
    assert check_partial((x * 3.0).labelled("z"), x, 3).ok


def test_a_claim_that_is_no_finite_number_is_refused():
    x = Value(0.2, "x")
    y = (x * x).labelled("y")
    for claim in ("9" * 400, "1e400", float("inf")):
        with pytest.raises(ValueError):
            check_partial(y, x, claim)


def test_with_no_labelled_leaf_to_move_only_the_recorded_point_is_claimed():
    u, v = Value(3.0), Value(3.0)
    verdict = check_partial(u * v, u, lambda values: 3.0)
    assert verdict.ok and verdict.points_checked == 1


def test_large_finite_values_replay_without_an_internal_error():
    a = Value(1e308, "a")
    assert check_partial((a * 1.0).labelled("b"), "a", 1.0).ok
