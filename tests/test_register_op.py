"""An op of one's own: one record, registered, and every feature knows it.

softplus(x) = ln(1 + eˣ), whose slope is σ(x). Nothing outside this file is told about it.
"""

from __future__ import annotations

import math

import pytest
import sympy

from autograd_scalar import (
    OPS,
    Op,
    OpError,
    Tape,
    Value,
    apply,
    check_op,
    check_partial,
    draw,
    explain,
    grad,
    gradcheck,
    register_op,
    sigmoid,
)


def softplus_forward(a: float, b: None) -> float:
    return max(a, 0.0) + math.log1p(math.exp(-abs(a)))  # never overflows


SOFTPLUS = Op(
    "softplus",
    "softplus",
    1,
    forward=softplus_forward,
    partials=lambda a, b, out: (sigmoid(a),),  # a float for floats, a node for Values
    formulas=("σ({a})",),
    expression="log(1 + exp(a))",
)


@pytest.fixture
def softplus():
    register_op(SOFTPLUS)
    yield SOFTPLUS
    OPS.pop("softplus")


def network(x: Value, w: Value) -> Value:
    h = apply(SOFTPLUS, (w * x).labelled("z")).labelled("h")
    return (h * h).labelled("L")


def test_the_record_checks_out_against_itself(softplus):
    assert check_op(softplus).ok


def test_backward_and_grad_agree_with_sympy(softplus):
    x, w = Value(0.7, "x"), Value(-1.3, "w")
    L = network(x, w)
    L.backward()
    X, W = sympy.symbols("x w")
    exact = sympy.diff(sympy.log(1 + sympy.exp(W * X)) ** 2, W).subs({X: 0.7, W: -1.3})
    assert w.grad == pytest.approx(float(exact), rel=1e-12)
    assert grad(L, w) == w.grad


def test_second_derivatives_through_create_graph(softplus):
    x = Value(0.4, "x")
    first = grad(apply(softplus, x), x, create_graph=True)  # σ(x), as a node
    second = grad(first, x)
    s = 1 / (1 + math.exp(-0.4))
    assert first.data == pytest.approx(s) and second == pytest.approx(s * (1 - s), rel=1e-12)


def test_replay_falls_back_to_the_table_and_matches_a_fresh_build(softplus):
    x, w = Value(0.7, "x"), Value(-1.3, "w")
    tape = Tape.record(network(x, w))
    assert tape.forward({"x": 2.0, "w": 0.5}) == network(Value(2.0), Value(0.5)).data
    fresh_x, fresh_w = Value(2.0, "x"), Value(0.5, "w")
    network(fresh_x, fresh_w).backward()
    tape.backward()
    assert (tape.grad("x"), tape.grad("w")) == (fresh_x.grad, fresh_w.grad)


def test_its_name_is_a_function_in_formulas(softplus):
    x, w = Value(0.7, "x"), Value(-1.3, "w")
    L = network(x, w)
    assert check_partial(L, "w", "2·softplus(z)·σ(z)·x").ok
    assert not check_partial(L, "w", "2·softplus(z)·x").ok


def test_explain_writes_its_formula_and_draw_shows_its_symbol(softplus):
    x, w = Value(0.7, "x"), Value(-1.3, "w")
    L = network(x, w)
    L.backward()
    lines = str(explain(L, "z"))
    assert "∂h/∂z" in lines and "σ(z)" in lines
    source = draw(L, show_partials=True).source
    assert "softplus" in source and "σ(z)" in source


def test_gradcheck_passes_through_it(softplus):
    assert gradcheck(network, [Value(0.7, "x"), Value(-1.3, "w")]).ok


def test_a_name_already_taken_is_refused():
    clash = Op(
        "log", "log", 1, forward=lambda a, b: a, partials=lambda a, b, out: (1.0,), formulas=("1",)
    )
    with pytest.raises(OpError, match="already names"):
        register_op(clash)
    with pytest.raises(OpError, match="one formula string per input"):
        Op(
            "twice",
            "2×",
            1,
            forward=lambda a, b: 2 * a,
            partials=lambda a, b, out: (2.0,),
            formulas=(),
        )
