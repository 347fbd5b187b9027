"""The engine's behaviour, one test per known trap."""

from __future__ import annotations

import gc
import math

import pytest

from autograd_scalar import Value, no_grad, topological_order


def test_a_plus_a_counts_both_uses():
    a = Value(3.0)
    (a + a).backward()
    assert a.grad == 2.0


def test_a_times_a_counts_both_uses():
    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0
    assert (a * a).parents == (a, a)  # ordered, duplicates kept


def test_diamond_sums_both_paths():
    x = Value(2.0)
    left, right = x * 3.0, x.exp()
    (left * right).backward()
    # d/dx (3x · e^x) = 3e^x + 3x e^x
    assert x.grad == pytest.approx(3 * math.exp(2) + 6 * math.exp(2), rel=1e-14)


def test_shared_interior_node_is_finished_before_it_passes_its_gradient_on():
    # root = p + b with p = b * 2: b must wait for p, although root reaches b first.
    b = Value(1.5)
    p = b * 2.0
    root = p + b
    order = topological_order(root)
    assert order.index(b) < order.index(p) < order.index(root)
    root.backward()
    assert b.grad == 3.0


def test_topological_order_puts_every_input_first():
    x = Value(0.5)
    nodes = [x]
    for i in range(200):
        nodes.append((nodes[i] * nodes[i // 2] + nodes[(i * 7) % len(nodes)]).tanh())
    order = topological_order(nodes[-1])
    position = {node: n for n, node in enumerate(order)}
    assert len(position) == len(order)
    assert all(position[p] < position[node] for node in order for p in node.parents)


def test_a_million_node_chain_runs_backward_without_recursion():
    x = Value(1.0)
    y = x
    for _ in range(1_000_000):
        y = y * 1.0
    y.backward()
    assert x.grad == 1.0


def test_backward_twice_doubles_leaf_grads_exactly():
    # Three paths, so a naive accumulation would round differently the second time.
    x, w = Value(0.1), Value(0.7)
    y = (x * w).tanh() + (x + w).sigmoid() * x + (x * 0.3).exp()
    y.backward()
    once = (x.grad, w.grad)
    y.backward()
    assert (x.grad, w.grad) == (2 * once[0], 2 * once[1])


def test_interior_grads_are_recomputed_not_accumulated():
    x = Value(2.0)
    h = (x * 3.0).labelled("h")
    y = h * h
    y.backward()
    first = h.grad
    y.backward()
    assert h.grad == first == 2 * h.data


@pytest.mark.parametrize(
    "make, expected, slope",
    [
        (lambda x: x + 2, 5.0, 1.0),
        (lambda x: 2 + x, 5.0, 1.0),
        (lambda x: x * 2, 6.0, 2.0),
        (lambda x: 2 * x, 6.0, 2.0),
        (lambda x: x - 1, 2.0, 1.0),
        (lambda x: 1 - x, -2.0, -1.0),
        (lambda x: x / 4, 0.75, 0.25),
        (lambda x: 3 / x, 1.0, -1 / 3),
        (lambda x: x**2, 9.0, 6.0),
        (lambda x: 2**x, 8.0, 8 * math.log(2)),
        (lambda x: -x, -3.0, -1.0),
    ],
)
def test_constants_on_either_side_of_every_operator(make, expected, slope):
    x = Value(3.0)
    y = make(x)
    y.backward()
    assert y.data == pytest.approx(expected, rel=1e-14)
    assert x.grad == pytest.approx(slope, rel=1e-14)


def test_values_hash_by_identity_and_equality_is_identity():
    a, b = Value(1.0), Value(1.0)
    assert a != b and a == a
    assert len({a, b, a}) == 2
    assert (a == b) is False  # never a graph op


def test_repr_shows_label_data_and_grad():
    s1 = Value(0.57444252, "σ1")
    s1.grad = -0.0329
    assert repr(s1) == "Value(σ1=0.5744, grad=-0.0329)"
    assert repr(Value(2.0)) == "Value(data=2, grad=0)"


def test_named_returns_the_same_node_with_its_label():
    w1, x1, b1 = Value(0.1, "W1"), Value(2.0, "X1"), Value(0.5, "b1")
    z = w1 * x1 + b1
    assert z.labelled("Z1") is z and z.label == "Z1"
    z.label = "Z"
    assert z.label == "Z"


def test_parents_and_op_describe_the_node_and_are_read_only():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    assert c.parents == (a, b) and c.op.name == "mul"
    assert a.parents == () and a.op is None
    with pytest.raises(AttributeError):
        c.parents = ()  # type: ignore[misc]


def test_no_grad_records_nothing():
    w = Value(1.0)
    with no_grad():
        v = w * 2.0 - 0.5
    assert v.parents == () and v.op is None and v.data == 1.5
    assert (w * 2.0).parents != ()  # recording is back on after the block


def test_a_dropped_graph_is_freed_without_the_garbage_collector():
    gc.collect()
    gc.disable()
    try:
        x = Value(1.0)
        y = x
        for _ in range(1000):
            y = (y * 2.0 + 1.0).tanh()
        y.backward()
        del x, y
        assert gc.collect() == 0  # nothing was left for the collector: no reference cycles
    finally:
        gc.enable()


def test_micrograd_style_update_and_grad_reset_work():
    p = Value(0.5)
    (p * p).backward()
    p.data -= 0.1 * p.grad
    p.grad = 0.0
    assert p.data == pytest.approx(0.4) and p.grad == 0.0
