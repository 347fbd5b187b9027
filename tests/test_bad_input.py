"""Bad input gets a clear error naming what was given and where; never a silent NaN."""

from __future__ import annotations

import decimal
import fractions

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
