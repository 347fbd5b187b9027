"""Every op of the table, checked against SymPy's exact derivatives and central differences.

Driven by the table: a new op record is tested here without editing this file.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import assume, given
from strategies import (
    BINARY,
    UNARY,
    central_difference,
    close,
    exponents,
    oracle,
    reals,
    safe_point,
)

from autograd_scalar import Value, grad
from autograd_scalar.engine import apply
from autograd_scalar.errors import DomainError
from autograd_scalar.ops import OPS, POW


def run(op, a: float, b: float | None):
    """Forward and partials through the engine; None where the op refuses the input."""
    x = Value(a, "a")
    y = Value(b, "b") if op.arity == 2 else None
    try:
        out = apply(op, x, y, const=b if op.arity == 1 else None)
    except DomainError:
        return None
    inputs = [x] if y is None else [x, y]
    return out.data, grad(out, inputs)


def test_every_primitive_of_the_design_is_in_the_table():
    assert set(OPS) >= {"add", "mul", "pow", "exp", "log", "sigmoid", "relu", "tanh"}
    for op in OPS.values():
        assert len(op.formulas) == op.arity, op.name


@pytest.mark.parametrize("op", UNARY + [POW], ids=lambda op: op.name)
@given(a=reals, k=exponents)
def test_unary_op_matches_sympy_and_central_differences(op, a, k):
    b = k if op is POW else None
    assume(safe_point(op, a, b))
    result = run(op, a, b)
    assume(result is not None)
    data, (partial,) = result
    forward, (exact_partial,) = oracle(op)
    kk = k if op is POW else 0.0
    assert close(data, float(forward(a, 0.0, kk)), rel=1e-12, abs_=1e-12)
    assert close(partial, float(exact_partial(a, 0.0, kk)), rel=1e-9, abs_=1e-12)

    def f(t):
        return apply(op, Value(t), const=b).data

    assert close(partial, central_difference(f, a), rel=1e-4, abs_=1e-6)


@pytest.mark.parametrize("op", BINARY, ids=lambda op: op.name)
@given(a=reals, b=reals)
def test_binary_op_matches_sympy_and_central_differences(op, a, b):
    data, partials = run(op, a, b)
    forward, exact = oracle(op)
    assert close(data, float(forward(a, b, 0.0)), rel=1e-12, abs_=1e-12)
    for partial, exact_partial in zip(partials, exact):
        assert close(partial, float(exact_partial(a, b, 0.0)), rel=1e-12, abs_=1e-12)
    da = central_difference(lambda t: apply(op, Value(t), Value(b)).data, a)
    db = central_difference(lambda t: apply(op, Value(a), Value(t)).data, b)
    assert close(partials[0], da, rel=1e-4, abs_=1e-6)
    assert close(partials[1], db, rel=1e-4, abs_=1e-6)


@pytest.mark.parametrize("op", UNARY + [POW], ids=lambda op: op.name)
@given(a=reals, k=exponents)
def test_partials_on_values_equal_partials_on_floats(op, a, k):
    # The same record serves backward (floats) and create_graph (Values).
    b = k if op is POW else None
    assume(safe_point(op, a, b))
    try:
        out = op.forward(a, b)
        on_floats = op.partials(a, b, out)
    except (ValueError, ArithmeticError):
        return
    on_values = op.partials(Value(a), b, Value(out))
    assert [float(p) for p in on_values] == pytest.approx(on_floats, rel=1e-12, abs=1e-15)


def test_a_planted_wrong_partial_is_caught(monkeypatch):
    # The oracle check above must be able to fail: swap in a sigmoid whose partial is wrong.
    sigmoid = OPS["sigmoid"]
    wrong = dataclasses.replace(sigmoid, partials=lambda a, b, out: (out * (1.0 + out),))
    x = Value(0.3)
    data, (partial,) = apply(wrong, x).data, grad(apply(wrong, x), [x])
    _, (exact,) = oracle(sigmoid)
    assert not close(partial, float(exact(0.3, 0.0, 0.0)), rel=1e-6)
    assert close(data, 1 / (1 + math.exp(-0.3)), rel=1e-12)
