"""Bad input gets a clear error naming what was given and where; never a silent NaN."""

from __future__ import annotations

import decimal
import fractions
import math

import pytest

from autograd_scalar import DomainError, NonFiniteGradientError, Value, grad


@pytest.mark.parametrize(
    "given, error, shown",
    [
        ("3", TypeError, "'3'"),
        (None, TypeError, "None"),
        (True, TypeError, "True"),
        (1j, TypeError, "1j"),
        ([1.0], TypeError, "[1.0]"),
        (float("nan"), ValueError, "nan"),
        (float("inf"), ValueError, "inf"),
        (-float("inf"), ValueError, "-inf"),
    ],
)
def test_value_refuses_what_is_not_a_finite_real_number(given, error, shown):
    with pytest.raises(error, match="Value takes") as info:
        Value(given)
    assert shown in str(info.value)


@pytest.mark.parametrize(
    "number, expected",
    [(3, 3.0), (fractions.Fraction(1, 4), 0.25), (decimal.Decimal("0.1"), 0.1), (2.5, 2.5)],
)
def test_value_takes_any_real_number_type(number, expected):
    v = Value(number)
    assert v.data == expected and type(v.data) is float


def test_numpy_scalars_convert_when_numpy_is_present():
    np = pytest.importorskip("numpy")
    assert Value(np.float32(0.5)).data == 0.5
    assert Value(np.int64(3)).data == 3.0
    with pytest.raises(TypeError):
        Value(np.bool_(True))


@pytest.mark.parametrize(
    "make, op, value",
    [
        (lambda x: x.log(), "log", "0.0"),
        (lambda x: (x - 1).log(), "log", "-1.0"),
        (lambda x: x**-1, "pow", "0.0"),
        (lambda x: (x - 8) ** (1 / 3), "pow", "-8.0"),
        (lambda x: 1 / x, "div", "0.0"),
        (lambda x: (x + 1000).exp(), "exp", "1000.0"),
        (lambda x: (x + 1e200) * 1e200, "mul", "1e+200"),
    ],
)
def test_an_op_outside_its_domain_names_op_input_and_label(make, op, value):
    x = Value(0.0, "knob")
    with pytest.raises(DomainError) as info:
        make(x)
    message = str(info.value)
    assert message.startswith(op + "(") and value in message
    assert isinstance(info.value, ValueError) and isinstance(info.value, ArithmeticError)


def test_the_label_of_the_offending_input_is_named():
    with pytest.raises(DomainError, match="'σ3'"):
        Value(0.0, "σ3").log()


def test_exponent_must_be_a_number():
    with pytest.raises(TypeError, match="exponent must be a number"):
        Value(2.0) ** Value(3.0)
    with pytest.raises(TypeError, match="exponent"):
        Value(2.0) ** "2"


@pytest.mark.parametrize("op", ["sigmoid", "tanh"])
@pytest.mark.parametrize("x", [1000.0, -1000.0])
def test_sigmoid_and_tanh_saturate_without_overflow(op, x):
    v = Value(x)
    out = getattr(v, op)()
    out.backward()
    expected = {"sigmoid": 1.0 if x > 0 else 0.0, "tanh": 1.0 if x > 0 else -1.0}[op]
    assert out.data == expected and v.grad == 0.0


def test_relu_derivative_at_zero_is_zero_as_in_pytorch():
    x = Value(0.0)
    x.relu().backward()
    assert x.grad == 0.0


def test_a_gradient_that_overflows_names_the_node_and_changes_nothing():
    x = Value(1e-300, "x")
    x.grad = 0.25
    z = x.log() * 1e10
    with pytest.raises(NonFiniteGradientError, match="'x'"):
        z.backward()
    assert x.grad == 0.25  # never half-written
    with pytest.raises(NonFiniteGradientError):
        grad(z, x)


def test_grad_refuses_a_label_instead_of_answering_zero():
    a = Value(3.0, "a")
    with pytest.raises(TypeError, match="'a'"):
        grad(a * a, "a")
    with pytest.raises(TypeError):
        grad(a * a, [a, "a"])


def test_an_overflowing_gradient_into_an_unlabelled_leaf_is_still_reported():
    x = Value(1e-300)
    y = x * 1.5e308 + x * 1.5e308
    with pytest.raises(NonFiniteGradientError, match="unlabelled leaf"):
        y.backward()


@pytest.mark.parametrize("given", [10**400, fractions.Fraction(10**400), decimal.Decimal("sNaN")])
def test_numbers_beyond_a_float_are_refused_by_value(given):
    with pytest.raises(ValueError, match="Value takes a finite number"):
        Value(given)


def test_a_label_of_none_means_no_label():
    assert Value(1.0, label=None).label == ""


# check_partial: a claim that is not finite is wrong, and its options are checked.


def _square() -> tuple[Value, Value]:
    x = Value(2.0, "x")
    return x, (x * x).labelled("y")  # ∂y/∂x = 2x = 4


@pytest.mark.parametrize(
    "claim", ["1/1e-320", lambda values: float("inf"), lambda values: -float("inf")]
)
def test_a_claim_whose_value_is_infinite_is_judged_wrong(claim):
    from autograd_scalar import check_partial

    x, y = _square()
    verdict = check_partial(y, x, claim)
    assert not verdict.ok and not verdict.right_here


@pytest.mark.parametrize(
    "option, error",
    [
        ({"rtol": float("inf")}, ValueError),
        ({"rtol": float("nan")}, ValueError),
        ({"atol": -1e-9}, ValueError),
        ({"rtol": -0.1}, ValueError),
        ({"atol": "0.1"}, TypeError),
        ({"points": -1}, ValueError),
        ({"points": 2.5}, ValueError),
        ({"points": True}, ValueError),
    ],
)
def test_check_partial_refuses_tolerances_and_point_counts_that_mean_nothing(option, error):
    from autograd_scalar import check_partial

    x, y = _square()
    name = next(iter(option))
    with pytest.raises(error, match=name):
        check_partial(y, x, "2*x", **option)


# Formulas: a label that reads as a number never hides the number.


def test_a_node_labelled_2_does_not_change_what_2_means_in_a_formula():
    from autograd_scalar import check_partial

    x = Value(3.0, "x")
    two = Value(7.0, "2")
    y = (x * x + two).labelled("y")  # ∂y/∂x = 2·x
    assert check_partial(y, x, "2*x").ok
    assert check_partial(y, x, "2·x + 0*2").ok
    assert not check_partial(y, x, "7*x").ok


# Clear errors instead of raw ones.


@pytest.mark.parametrize("make", [lambda x: x + None, lambda x: None + x, lambda x: x * None])
def test_an_operand_of_none_is_named_in_the_error(make):
    with pytest.raises(TypeError, match="takes a real number, got None"):
        make(Value(2.0))


def test_an_integer_too_large_for_a_float_is_refused_by_its_size_not_its_digits():
    for make in (lambda: Value(10**5000), lambda: Value(1.0) * 10**5000):
        with pytest.raises(ValueError, match="finite number, got an integer of over 4,000 digits"):
            make()


def test_the_square_root_of_zero_is_zero_and_only_its_infinite_slope_fails_in_backward():
    x = Value(0.0, "x")
    root = (x**0.5).labelled("r")
    assert root.data == 0.0  # √0 = 0: the forward pass is fine
    x.grad = 0.5
    with pytest.raises(
        NonFiniteGradientError, match="no finite slope at \\(0.0, 0.5\\), in node 'r'"
    ):
        root.backward()
    assert x.grad == 0.5
    with pytest.raises(NonFiniteGradientError, match="node 'r'"):
        grad(root, x)
    assert grad(root * 0.0 + x, x) == 1.0  # a zero gradient never reaches the slope


def test_a_finite_power_whose_slope_overflows_says_so_with_the_exponent():
    x = Value(1e-250, "x")
    y = (x**-0.5).labelled("y")
    assert y.data == 1e-250**-0.5  # 1e125, finite
    with pytest.raises(NonFiniteGradientError, match=r"slope of pow at \(1e-250, -0.5\) overflows"):
        y.backward()


@pytest.mark.parametrize("output", [3.0, "y", None])
def test_grad_names_an_output_that_is_no_value(output):
    with pytest.raises(TypeError, match="grad\\(\\) differentiates a Value, got"):
        grad(output, Value(1.0))


@pytest.mark.parametrize("eps", [0, 0.0, -1e-6, float("nan")])
def test_gradcheck_refuses_a_step_that_is_not_positive(eps):
    from autograd_scalar import gradcheck

    with pytest.raises(ValueError, match="eps"):
        gradcheck(lambda x: x * x, [Value(1.0)], eps=eps)


def _tape():
    from autograd_scalar import Tape

    w = Value(2.0, "w")
    z = (w * 3.0).labelled("z")
    tape = Tape.record((z * z).labelled("ℓ"))
    tape.backward()
    return tape


@pytest.mark.parametrize(
    "lr, params, message",
    [
        (float("nan"), ["w"], "learning rate takes a finite number, got nan"),
        (float("inf"), ["w"], "learning rate takes a finite number, got inf"),
        (0.1, ["z"], "'z' is computed by the graph"),
        (0.1, ["w", "ℓ"], "'ℓ' is computed by the graph"),
    ],
)
def test_tape_step_refuses_a_learning_rate_or_a_node_it_cannot_step_and_changes_nothing(
    lr, params, message
):
    tape = _tape()
    before = list(tape.values)
    with pytest.raises(ValueError, match=message):
        tape.step(lr, params)
    assert tape.values == before


def test_fit_refuses_an_l2_that_is_not_a_number():
    from autograd_scalar import nn

    model = nn.MLP(1, [1], seed=0)
    for l2, error in (("a", TypeError), (float("nan"), ValueError), (-1.0, ValueError)):
        with pytest.raises(error, match="l2"):
            nn.fit(model, [[1.0]], [0.0], steps=1, l2=l2)


@pytest.mark.parametrize("given", [{1.0, 2.0}, frozenset({1.0, 2.0}), {"a": 1.0, "b": 2.0}])
def test_a_model_refuses_inputs_without_an_order(given):
    from autograd_scalar import nn

    model = nn.MLP(2, [1], seed=0)
    with pytest.raises(TypeError, match="in order"):
        model(given)


@pytest.mark.parametrize(
    ("bad", "make"),
    [
        (math.nan, lambda x: x * 2),
        (math.inf, lambda x: x * 2),
        (-math.inf, lambda x: 2 - x),
        (math.nan, lambda x: x + Value(1.0)),
        (math.inf, lambda x: x.exp()),
        (math.nan, lambda x: x.sigmoid()),
        (-math.inf, lambda x: x**2),
        # Whose results are finite: nothing but the input says anything went wrong.
        (math.nan, lambda x: x.relu()),
        (math.inf, lambda x: x.sigmoid()),
        (-math.inf, lambda x: x.tanh()),
        (-math.inf, lambda x: x.exp()),
        (math.inf, lambda x: 2 / x),
        (math.inf, lambda x: x**-1),
    ],
    ids=[
        "nan * 2",
        "inf * 2",
        "2 - -inf",
        "nan + y",
        "exp(inf)",
        "sigmoid(nan)",
        "-inf ** 2",
        "relu(nan)",
        "sigmoid(inf)",
        "tanh(-inf)",
        "exp(-inf)",
        "2 / inf",
        "inf ** -1",
    ],
)
def test_an_input_set_to_a_number_that_is_not_finite_is_named_as_such(bad, make):
    x = Value(1.0, "x")
    x.data = bad  # by hand, past the checks of Value(...)
    with pytest.raises(DomainError, match="input is not a finite number") as refused:
        make(x)
    assert "overflows" not in str(refused.value) and "'x'" in str(refused.value)
