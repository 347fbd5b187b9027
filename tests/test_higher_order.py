"""grad(create_graph=True): second derivatives against exact formulas from SymPy."""

from __future__ import annotations

import functools
import random

import pytest
import sympy
from hypothesis import given
from strategies import reals

from autograd_scalar import Value, grad

t = sympy.Symbol("t", real=True)


def second_derivative(expr, at: float) -> float:
    return float(_second(expr).xreplace({t: sympy.Float(at)}))


@functools.cache
def _second(expr):  # differentiated once, then evaluated at each example
    return sympy.diff(expr, t, 2)


@given(x=reals)
def test_second_derivative_of_sigmoid(x):
    v = Value(x)
    first = grad(v.sigmoid(), v, create_graph=True)
    assert grad(first, v) == pytest.approx(second_derivative(1 / (1 + sympy.exp(-t)), x), abs=1e-12)


@given(x=reals)
def test_second_derivative_of_tanh(x):
    v = Value(x)
    first = grad(v.tanh(), v, create_graph=True)
    assert grad(first, v) == pytest.approx(second_derivative(sympy.tanh(t), x), abs=1e-12)


@given(x=reals)
def test_second_and_third_derivatives_of_a_cube(x):
    v = Value(x)
    first = grad(v**3, v, create_graph=True)
    second = grad(first, v, create_graph=True)
    assert first.data == pytest.approx(3 * x * x, rel=1e-12, abs=1e-12)
    assert second.data == pytest.approx(6 * x, rel=1e-12, abs=1e-12)
    assert grad(second, v) == pytest.approx(6.0, rel=1e-12)


def test_grad_leaves_dot_grad_untouched_and_returns_zero_for_unused_inputs():
    x, unused = Value(2.0), Value(5.0)
    assert grad(x * x, [x, unused]) == [4.0, 0.0]
    assert x.grad == 0.0 and unused.grad == 0.0


def test_hessian_of_a_small_mlp_loss_matches_sympy():
    # A 2-2-1 tanh/sigmoid network with a squared-error loss; weights are the variables.
    rng = random.Random(7)
    names = ["w11", "w12", "w21", "w22", "b1", "b2", "v1", "v2", "c"]
    numbers = {n: rng.uniform(-1, 1) for n in names}
    x1, x2, y = 0.4, -0.7, 1.0

    def loss(p, tanh, sigmoid):
        h1 = tanh(p["w11"] * x1 + p["w12"] * x2 + p["b1"])
        h2 = tanh(p["w21"] * x1 + p["w22"] * x2 + p["b2"])
        return (sigmoid(p["v1"] * h1 + p["v2"] * h2 + p["c"]) - y) ** 2

    values = {n: Value(numbers[n], n) for n in names}
    out = loss(values, lambda z: z.tanh(), lambda z: z.sigmoid())
    first = grad(out, [values[n] for n in names], create_graph=True)

    symbols = {n: sympy.Symbol(n, real=True) for n in names}
    exact = loss(symbols, sympy.tanh, lambda z: 1 / (1 + sympy.exp(-z)))
    point = {symbols[n]: numbers[n] for n in names}
    for i, a in enumerate(names):
        row = grad(first[i], [values[n] for n in names])
        exact_first = sympy.diff(exact, symbols[a])
        for j, b in enumerate(names):
            # xreplace puts the numbers in as they are: ten times quicker than subs
            expected = float(sympy.diff(exact_first, symbols[b]).xreplace(point))
            assert row[j] == pytest.approx(expected, rel=1e-9, abs=1e-12), (a, b)
