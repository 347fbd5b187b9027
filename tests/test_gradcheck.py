"""gradcheck: passes on every op of the table, blames a planted wrong partial, hints."""

from __future__ import annotations

import pytest
from strategies import record, safe_point

from autograd_scalar import GradcheckError, Value, apply, gradcheck
from autograd_scalar.core.ops import OPS, TANH

CASES = [(op, None) for op in OPS.values() if op.constant is None]
CASES += [(op, k) for op in OPS.values() if op.constant for k in (2.0, -1.0, 0.5, 3.0, -2.5)]


def smooth_point(op, k):
    """The first of a few candidate points where the op is smooth: none is typed per op."""
    for a in (0.7, 1.3, -0.8, 2.5):
        for b in (-1.1, 0.9) if op.arity == 2 else (k,):
            if safe_point(op, a, b) and (op.arity == 1 or safe_point(op, b, a)):
                return a, b if op.arity == 2 else None
    raise AssertionError(f"no smooth point found for {op.name}")


@pytest.mark.parametrize(("op", "k"), CASES, ids=lambda x: getattr(x, "name", str(x)))
def test_gradcheck_passes_on_every_op_of_the_table(op, k):
    a, b = smooth_point(op, k)
    inputs = [Value(a, "a")] + ([Value(b, "b")] if b is not None else [])

    def f(*xs):
        return record(op, xs[0], xs[1] if op.arity == 2 else None, k) * 1.5

    result = gradcheck(f, inputs)
    assert result.ok and all(row.passed for row in result.rows)
    assert [row.name for row in result.rows] == [x.label for x in inputs]


def test_gradcheck_passes_on_the_sugar():
    x, y = Value(0.8, "x"), Value(-1.7, "y")
    assert gradcheck(lambda x, y: (x - y) / (x * y) + 2**x - (-x).exp() + 1 / y, [x, y]).ok


BAD_TANH = TANH.replace(name="bad_tanh", partials=lambda a, out: (1.0 + out * out,))


def with_a_wrong_partial(x, w):
    hidden = (x * w).labelled("h")
    return apply(BAD_TANH, hidden).labelled("t") * 2.0


def test_gradcheck_fails_on_a_planted_wrong_partial_and_names_that_op():
    x, w = Value(0.5, "x"), Value(-1.3, "w")
    with pytest.raises(GradcheckError) as caught:
        gradcheck(with_a_wrong_partial, [x, w])
    assert isinstance(caught.value, AssertionError)
    message = str(caught.value)
    assert "gradcheck failed for x, w" in message
    assert "bad_tanh node 't'" in message
    result = caught.value.result
    assert not result.ok and [row.passed for row in result.rows] == [False, False]
    assert x.grad == 0.0 and w.grad == 0.0  # untouched


def test_gradcheck_can_answer_without_raising():
    x, w = Value(0.5, "x"), Value(-1.3, "w")
    result = gradcheck(with_a_wrong_partial, [x, w], raise_exception=False)
    assert not result.ok
    assert result.culprit is not None and result.culprit.startswith("bad_tanh")
    assert "✗" in str(result)


def test_an_input_at_relu_s_kink_gets_a_hint_and_no_op_is_blamed():
    x = Value(0.0, "x")
    result = gradcheck(lambda x: (x * 3.0).relu(), [x], raise_exception=False)
    assert not result.ok  # relu'(0) = 0, the difference says 1.5
    assert result.rows[0].numeric == pytest.approx(1.5)
    assert "kink" in result.rows[0].hint
    assert result.culprit is None
    assert "every op's own partial agrees" in str(result)


def test_an_input_at_log_s_domain_edge_gets_a_hint():
    x = Value(5e-7, "x")
    result = gradcheck(lambda x: x.log(), [x], raise_exception=False)
    assert not result.ok
    assert "domain" in result.rows[0].hint


def test_gradcheck_refuses_what_is_not_a_value():
    with pytest.raises(TypeError):
        gradcheck(lambda x: x, [1.0])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="must return a Value"):
        gradcheck(lambda x: 1.0, [Value(1.0)])  # type: ignore[arg-type, return-value]
