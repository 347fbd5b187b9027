"""Replay equals a fresh build, bit for bit: op by op, on random graphs, on a network."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import build_graph, programs, record, starts

from autograd_scalar import DomainError, NonFiniteGradientError, Tape, Value, grad
from autograd_scalar.core.ops import OPS
from autograd_scalar.core.replay_kernel import run_reference
from autograd_scalar.core.value import run_op

floats = st.floats(min_value=-30.0, max_value=30.0, allow_nan=False, allow_infinity=False)
EXPONENTS = [2.0, 3.0, -1.0, -2.0, 0.5, 1.5, 0.0, 1.0]
# Numbers at the edges of floats: subnormal, tiny, huge, and ordinary ones.
extremes = st.sampled_from(
    [
        5e-324,
        -5e-324,
        1e-300,
        -1e-300,
        1e-160,
        1e160,
        -1e300,
        1e300,
        0.0,
        1.0,
        -2.0,
        0.5,
        709.0,
        -745.0,
        3.0,
    ]
)
extreme_starts = st.lists(st.one_of(extremes, st.floats(-5.0, 5.0)), min_size=3, max_size=3)


def bits(xs: list[float]) -> list[str]:
    return [float(x).hex() for x in xs]


@pytest.mark.parametrize("op", list(OPS.values()), ids=lambda op: op.name)
@given(a=floats, b=floats, k=st.sampled_from(EXPONENTS), again=floats, b_again=floats)
def test_each_op_replays_to_the_op_tables_own_floats(op, a, b, k, again, b_again):
    x, y = Value(a, "x"), Value(b, "y")
    try:
        node = record(op, x, y, k)
        second = b_again if op.arity == 2 else (k if op.constant else None)
        out, partials = run_op(op, again, second)
    except DomainError:
        return  # the engine refuses this point
    tape = Tape.record(node)
    tape.forward({"x": again, "y": b_again} if op.arity == 2 else {"x": again})
    slot = tape.slot[node]
    assert tape.values[slot].hex() == out.hex()
    assert float(tape._da[slot]).hex() == float(partials[0]).hex()
    if op.arity == 2:
        assert float(tape._db[slot]).hex() == float(partials[1]).hex()


def outcome(run):
    """What `run()` gives: its floats as bits, or the error it raises (type and message)."""
    try:
        result = run()
    except (DomainError, NonFiniteGradientError) as error:
        return type(error).__name__, str(error)
    return bits(result if isinstance(result, list) else [result])


@given(programs, starts, extreme_starts)
def test_the_fast_kernel_agrees_with_the_op_table_on_random_graphs_at_extreme_values(
    program, first, numbers
):
    try:
        xs = [Value(x, f"x{i}") for i, x in enumerate(first)]
        tape = Tape.record(build_graph(program, xs))
    except DomainError:
        return
    point = {x.label: n for x, n in zip(xs, numbers) if x in tape.slot}
    values = list(tape.values)
    for label, n in point.items():
        values[tape.slot_of(label)] = n

    def by_the_table():
        v, da, db = run_reference(tape.program, values, tape.nodes)
        return [
            x for _, o, _, b, _, _ in tape.program for x in (v[o], da[o], db[o] if b >= 0 else 0.0)
        ]

    def by_the_kernel():
        tape.forward(point)
        v, da, db = tape.values, tape._da, tape._db
        return [
            x for _, o, _, b, _, _ in tape.program for x in (v[o], da[o], db[o] if b >= 0 else 0.0)
        ]

    assert outcome(by_the_kernel) == outcome(by_the_table)


@given(programs, extreme_starts)
def test_backward_grad_and_replay_agree_to_the_bit_or_raise_the_same_error(program, numbers):
    try:
        xs = [Value(x, f"x{i}") for i, x in enumerate(numbers)]
        output = build_graph(program, xs)
    except DomainError:
        return
    tape = Tape.record(output)
    used = [x for x in xs if x in tape.slot]

    def eager():
        output.backward()
        return [x.grad for x in used]

    def replayed():
        tape.backward()
        return [tape.grad(x) for x in used]

    by_grad = outcome(lambda: grad(output, used))
    by_tape = outcome(replayed)
    by_backward = outcome(eager)
    assert by_backward == by_grad == by_tape


def test_the_subnormal_log_times_zero_case_agrees_everywhere():
    x = Value(5e-324, "x")
    y = x.log() * 0.0  # the slope of log here is 1/5e-324, past the largest float
    tape = Tape.record(y)
    y.backward()
    assert x.grad == 0.0 == grad(y, x) == tape.backward()[0]


def fresh(program, numbers):
    xs = [Value(x, f"x{i}") for i, x in enumerate(numbers)]
    out = build_graph(program, xs)
    out.backward()
    return out.data, [x.grad for x in xs]


@given(programs, starts, starts)
def test_replay_of_a_random_graph_equals_a_fresh_build(program, first, second):
    try:
        xs = [Value(x, f"x{i}") for i, x in enumerate(first)]
        tape = Tape.record(build_graph(program, xs))
    except DomainError:
        return
    point = {f"x{i}": x for i, x in enumerate(second) if f"x{i}" in tape.by_label}
    try:
        expected = fresh(program, second)
    except (DomainError, ArithmeticError):
        # The fresh build also makes nodes the output does not use; one of those may be
        # the one that failed. The tape then has nothing to refuse, but must stay finite.
        try:
            output = tape.forward(point)
            tape.backward()
        except (DomainError, ArithmeticError):
            return
        assert math.isfinite(output) and all(map(math.isfinite, tape.grads))
        return
    output = tape.forward(point)
    tape.backward()
    assert output.hex() == expected[0].hex()
    got = [tape.grad(name) if name in tape.by_label else 0.0 for name in ("x0", "x1", "x2")]
    assert bits(got) == bits(expected[1])


def seed_network(numbers: dict[str, float]) -> Value:
    """The first seed document's 2-2-1 sigmoid network with binary cross-entropy."""
    v = {name: Value(x, name) for name, x in numbers.items()}
    s1 = (v["W1"] * v["X1"] + v["W2"] * v["X2"] + v["b1"]).labelled("Z1").sigmoid().labelled("σ1")
    s2 = (v["W3"] * v["X1"] + v["W4"] * v["X2"] + v["b2"]).labelled("Z2").sigmoid().labelled("σ2")
    s3 = (v["W5"] * s1 + v["W6"] * s2 + v["b3"]).labelled("Z3").sigmoid().labelled("σ3")
    y = v["y"]
    return (-(1 - y) * (1 - s3).log() - y * s3.log()).labelled("ℓ")


NAMES = ["X1", "X2", "W1", "W2", "W3", "W4", "W5", "W6", "b1", "b2", "b3", "y"]


def test_replay_equals_a_fresh_build_at_a_thousand_random_points():
    rng = random.Random(5)
    start = {name: rng.uniform(-1, 1) for name in NAMES} | {"y": 1.0}
    tape = Tape.record(seed_network(start))
    for _ in range(1000):
        point = {name: rng.uniform(-3, 3) for name in NAMES} | {"y": rng.random()}
        loss = seed_network(point)
        loss.backward()
        leaves = {leaf.label: leaf for leaf in tape.leaves if leaf.label}
        assert tape.forward(point).hex() == loss.data.hex()
        tape.backward()
        by_label = {n.label: n for n in _nodes(loss)}
        assert bits([tape.grad(name) for name in leaves]) == bits(
            [by_label[n].grad for n in leaves]
        )
        assert tape.value("σ3").hex() == by_label["σ3"].data.hex()


def _nodes(root):
    from autograd_scalar import topological_order

    return [n for n in topological_order(root) if n.label]


def test_a_replay_outside_a_domain_raises_domain_error_and_keeps_the_tape():
    x = Value(2.0, "x")
    tape = Tape.record((x - 1).log())
    with pytest.raises(DomainError, match="log"):
        tape.forward({"x": 0.5})
    assert tape.value("x") == 2.0
    assert tape.forward() == math.log(1.0)


def test_step_applies_sgd_to_the_chosen_leaves_like_updating_values():
    w, x = Value(0.3, "w"), Value(1.5, "x")
    tape = Tape.record((w * x).tanh())
    tape.backward()
    tape.step(0.1, [w])
    manual_w = Value(0.3, "w")
    (manual_w * Value(1.5)).tanh().backward()
    assert tape.value("w") == 0.3 - 0.1 * manual_w.grad
    assert tape.value("x") == 1.5


def test_forward_refuses_a_wrong_number_of_values_or_an_interior_node():
    x = Value(1.0, "x")
    y = (x * 2).labelled("y")
    tape = Tape.record(y.exp())
    with pytest.raises(ValueError, match="1 leaves"):
        tape.forward([1.0, 2.0])
    with pytest.raises(ValueError, match="not a leaf"):
        tape.forward({"y": 3.0})
    with pytest.raises(LookupError, match="no node"):
        tape.forward({"z": 3.0})
