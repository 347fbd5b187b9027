"""Every op of the table, checked against SymPy's exact derivatives and central differences,
and each record's formulas and written form against its own partials and forward.

Driven by the table: a new op record is tested here without editing this file.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from strategies import (
    BINARY,
    EXACT,
    UNARY,
    WITH_CONSTANT,
    central_difference,
    close,
    exponents,
    oracle,
    reals,
    record,
    safe_in_both,
    safe_point,
)

from autograd_scalar import DomainError, OpError, Value, check_op, grad
from autograd_scalar.core.ops import BUILT_IN, OPS, call_forward, call_partials


def run(op, a: float, b: float | None):
    """Forward and partials through the engine; None where the op refuses the input."""
    x = Value(a, "a")
    y = Value(b, "b") if op.arity == 2 else None
    try:
        out = record(op, x, y, b)
    except DomainError:
        return None
    inputs = [x] if y is None else [x, y]
    return out.data, grad(out, inputs)


def test_the_oracle_writes_every_built_in_op_apart_from_its_record():
    assert set(EXACT) == {op.name for op in BUILT_IN}


def test_every_primitive_of_the_design_is_in_the_table():
    assert set(OPS) >= {"add", "mul", "pow", "exp", "log", "sigmoid", "relu", "tanh"}
    for op in OPS.values():
        assert len(op.formulas) == op.arity, op.name


def exact_disagreement(op, a: float, b: float | None) -> list[str]:
    """Where the engine's value and partials differ from SymPy's exact ones at (a, b)."""
    result = run(op, a, b)
    if result is None:
        return []
    data, partials = result
    forward, exact = oracle(op, b if op.constant else None)
    k = b if op.constant else 0.0
    second = b if op.arity == 2 else 0.0
    found = []
    if not close(data, float(forward(a, second, k)), rel=1e-12, abs_=1e-12):
        found.append("forward")
    for position, (partial, exact_partial) in enumerate(zip(partials, exact)):
        if not close(partial, float(exact_partial(a, second, k)), rel=1e-9, abs_=1e-12):
            found.append(f"∂/∂{'ab'[position]}")
    return found


@pytest.mark.parametrize("op", UNARY + WITH_CONSTANT, ids=lambda op: op.name)
@given(a=reals, k=exponents)
def test_op_of_one_input_matches_sympy_and_central_differences(op, a, k):
    b = k if op.constant else None
    assume(safe_point(op, a, b))
    result = run(op, a, b)
    assume(result is not None)
    assert exact_disagreement(op, a, b) == []
    (partial,) = result[1]
    assert close(
        partial,
        central_difference(lambda t: record(op, Value(t), None, b).data, a),
        rel=1e-4,
        abs_=1e-6,
    )


@pytest.mark.parametrize("op", BINARY, ids=lambda op: op.name)
@given(a=reals, b=reals)
def test_binary_op_matches_sympy_and_central_differences(op, a, b):
    assume(safe_in_both(op, a, b))
    data, partials = run(op, a, b)
    assert exact_disagreement(op, a, b) == []
    da = central_difference(lambda t: record(op, Value(t), Value(b)).data, a)
    db = central_difference(lambda t: record(op, Value(a), Value(t)).data, b)
    assert close(partials[0], da, rel=1e-4, abs_=1e-6)
    assert close(partials[1], db, rel=1e-4, abs_=1e-6)


@pytest.mark.parametrize("op", UNARY + WITH_CONSTANT, ids=lambda op: op.name)
@given(a=reals, k=exponents)
def test_partials_on_values_equal_partials_on_floats(op, a, k):
    # The same record serves backward (floats) and create_graph (Values).
    b = k if op.constant else None
    assume(safe_point(op, a, b))
    out = call_forward(op, a, b)
    on_floats = call_partials(op, a, b, out)
    on_values = call_partials(op, Value(a), b, Value(out))
    assert [float(p) for p in on_values] == pytest.approx(on_floats, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("op", list(OPS.values()), ids=lambda op: op.name)
def test_each_records_formulas_and_written_form_agree_with_its_partials(op):
    assert check_op(op).ok


def test_a_mutated_formula_in_a_copy_of_a_record_fails_the_formula_test():
    tanh = OPS["tanh"]
    wrong = tanh.replace(formulas=("1 + {out}²",))
    result = check_op(wrong, raise_exception=False)
    assert not result.ok
    assert any("formulas[0] '1 + {out}²'" in problem for problem in result.problems)
    with pytest.raises(OpError, match="tanh"):
        check_op(wrong)


def test_a_mutated_written_form_fails_too():
    wrong = OPS["sub"].replace(written="{b} − {a}")
    assert any("written" in p for p in check_op(wrong, raise_exception=False).problems)


def test_a_planted_wrong_partial_fails_the_same_oracle_comparison():
    # The comparison the tests above run must be able to fail: plant a sigmoid whose
    # partial is wrong and see exact_disagreement report it, while the forward agrees.
    sigmoid = OPS["sigmoid"]
    wrong = sigmoid.replace(partials=lambda a, out: (out * (1.0 + out),))
    assert exact_disagreement(sigmoid, 0.3, None) == []
    assert exact_disagreement(wrong, 0.3, None) == ["∂/∂a"]
    assert not check_op(wrong, raise_exception=False).ok


def test_a_record_is_read_only_and_replace_makes_another_checked_one():
    tanh = OPS["tanh"]
    with pytest.raises(AttributeError, match="read only"):
        tanh.name = "other"  # type: ignore[misc]
    other = tanh.replace(name="tanh2")
    assert other is not tanh and other != tanh and hash(other) != hash(tanh)
    assert (other.name, other.written, other.forward) == ("tanh2", tanh.written, tanh.forward)
    assert tanh.name == "tanh"
    with pytest.raises(OpError, match="arity"):
        tanh.replace(arity=3)
