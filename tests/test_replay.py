"""Replay equals a fresh build, bit for bit: op by op, on random graphs, on a network."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import build_graph, programs, starts

from autograd_scalar import DomainError, Value
from autograd_scalar.engine import apply
from autograd_scalar.ops import OPS
from autograd_scalar.replay import Tape

floats = st.floats(min_value=-30.0, max_value=30.0, allow_nan=False, allow_infinity=False)
EXPONENTS = [2.0, 3.0, -1.0, -2.0, 0.5, 1.5, 0.0, 1.0]


def bits(xs: list[float]) -> list[str]:
    return [float(x).hex() for x in xs]


@pytest.mark.parametrize("name", sorted(OPS))
@given(a=floats, b=floats, k=st.sampled_from(EXPONENTS), again=floats, b_again=floats)
def test_each_op_replays_to_the_op_tables_own_floats(name, a, b, k, again, b_again):
    op = OPS[name]
    x, y = Value(abs(a) + 0.1 if name in ("log", "pow") else a, "x"), Value(b, "y")
    node = apply(op, x, y) if op.arity == 2 else apply(op, x, const=k if name == "pow" else None)
    tape = Tape.record(node)
    new_a = abs(again) + 0.1 if name in ("log", "pow") else again
    try:
        out = op.forward(new_a, b_again if op.arity == 2 else (k if name == "pow" else None))
    except (ValueError, ArithmeticError):
        return  # the engine refuses this point too
    if not math.isfinite(out):
        return
    tape.forward({"x": new_a, "y": b_again} if op.arity == 2 else {"x": new_a})
    second = b_again if op.arity == 2 else (k if name == "pow" else None)
    partials = op.partials(new_a, second, out)
    slot = tape.slot[node]
    assert tape.values[slot].hex() == out.hex()
    assert float(tape._da[slot]).hex() == float(partials[0]).hex()
    if op.arity == 2:
        assert float(tape._db[slot]).hex() == float(partials[1]).hex()


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
    s1 = (v["W1"] * v["X1"] + v["W2"] * v["X2"] + v["b1"]).named("Z1").sigmoid().named("σ1")
    s2 = (v["W3"] * v["X1"] + v["W4"] * v["X2"] + v["b2"]).named("Z2").sigmoid().named("σ2")
    s3 = (v["W5"] * s1 + v["W6"] * s2 + v["b3"]).named("Z3").sigmoid().named("σ3")
    y = v["y"]
    return (-(1 - y) * (1 - s3).log() - y * s3.log()).named("ℓ")


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
    from autograd_scalar.engine import topological_order

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
    y = (x * 2).named("y")
    tape = Tape.record(y.exp())
    with pytest.raises(ValueError, match="2 leaves"):
        tape.forward([1.0])
    with pytest.raises(ValueError, match="not a leaf"):
        tape.forward({"y": 3.0})
    with pytest.raises(KeyError, match="no node"):
        tape.forward({"z": 3.0})
