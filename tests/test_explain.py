"""explain: the chain rule as a person writes it, summing to the engine's gradient."""

from __future__ import annotations

import itertools
import tracemalloc

import pytest
from test_check import POINT, central
from test_replay import seed_network

from autograd_scalar import Value, check_partial, explain, topological_order


def labelled(root: Value) -> dict[str, Value]:
    return {n.label: n for n in topological_order(root) if n.label}


@pytest.fixture
def loss() -> Value:
    return seed_network(POINT)


def test_w1_has_one_path_of_five_factors_between_labelled_nodes(loss):
    e = explain(loss, labelled(loss)["W1"])
    assert e.path_count == 1 and len(e.paths) == 1
    steps = [str(f) for f in e.paths[0]]
    assert steps == ["∂ℓ/∂σ3", "∂σ3/∂Z3", "∂Z3/∂σ1", "∂σ1/∂Z1", "∂Z1/∂W1"]
    formulas = [f.formula for f in e.paths[0]]
    assert formulas[1:] == ["σ3·(1 − σ3)", "W5", "σ1·(1 − σ1)", "X1"]
    assert str(e).startswith("∂ℓ/∂W1 = ∂ℓ/∂σ3 · ∂σ3/∂Z3 · ∂Z3/∂σ1 · ∂σ1/∂Z1 · ∂Z1/∂W1\n")


def test_the_path_products_sum_to_the_gradient_without_backward(loss):
    nodes = labelled(loss)
    assert all(n.grad == 0.0 for n in nodes.values())  # backward has not run
    e = explain(loss, nodes["X1"])
    assert e.path_count == 2
    assert sum(e.path_products) == pytest.approx(central("X1"), rel=1e-6)
    loss.backward()
    assert sum(e.path_products) == pytest.approx(nodes["X1"].grad, rel=1e-12)
    assert e.total == nodes["X1"].grad


def test_each_factor_s_number_is_its_formula_s_value(loss):
    nodes = labelled(loss)
    for factor in explain(loss, nodes["W1"]).paths[0][1:]:
        value = {
            "σ3·(1 − σ3)": nodes["σ3"].data * (1 - nodes["σ3"].data),
            "W5": nodes["W5"].data,
            "X1": nodes["X1"].data,
            "σ1·(1 − σ1)": nodes["σ1"].data * (1 - nodes["σ1"].data),
        }[factor.formula]
        assert factor.value == pytest.approx(value, rel=1e-12)


def test_a_folded_factor_gets_a_composed_formula_that_checks_out(loss):
    nodes = labelled(loss)
    first = explain(loss, nodes["W1"]).paths[0][0]
    assert first.formula == "(1 − y)/(1 − σ3) − y/σ3"
    assert check_partial(loss, "σ3", first.formula).ok
    assert first.value == pytest.approx(check_partial(loss, "σ3", 0.0).computed, rel=1e-12)


def test_unlabelled_nodes_get_readable_stand_in_names():
    x = Value(0.5, "x")
    out = (1 - x).log() * 3
    e = explain(out, x)
    assert e.output == "log(1 − x)·3"
    assert str(e).startswith("∂(log(1 − x)·3)/∂x = −3/(1 − x)")
    assert e.total == pytest.approx(-3 / (1 - 0.5))


def test_too_many_paths_are_summarised_by_the_largest():
    x = Value(0.9, "x")
    layer = [x]
    for depth in range(8):  # two labelled nodes per layer, each fed by both before: 2^8 paths
        a = layer[0]
        b = layer[-1]
        layer = [
            (a * 1.1 + b * 0.5).labelled(f"p{depth}"),
            (a * -0.3 + b * 0.8).labelled(f"q{depth}"),
        ]
    out = (layer[0] + layer[1]).labelled("out")
    e = explain(out, x)
    assert e.path_count == 2**8  # p7 or q7, then p or q at each layer down to layer 0
    assert len(e.paths) == 5 and all(len(path) == 9 for path in e.paths)
    # Brute force: a step into p multiplies by 1.1 from p and 0.5 from q, into q by -0.3
    # and 0.8; layer 0 meets x at 1.6 (p0) or 0.5 (q0).
    local = {("p", "p"): 1.1, ("p", "q"): 0.5, ("q", "p"): -0.3, ("q", "q"): 0.8}
    every = []
    for kinds in itertools.product("pq", repeat=8):
        value = 1.6 if kinds[-1] == "p" else 0.5
        for upper, lower in zip(kinds, kinds[1:], strict=False):
            value *= local[upper, lower]
        every.append(value)
    largest = sorted(every, key=abs, reverse=True)[:5]
    assert e.path_products == pytest.approx(largest, rel=1e-12)
    assert "paths; the 5 largest" in str(e)
    assert e.total == pytest.approx(
        (out_at(x.data + 1e-6) - out_at(x.data - 1e-6)) / 2e-6, rel=1e-6
    )


def out_at(x0: float) -> float:
    layer = [Value(x0)]
    for _ in range(8):
        a, b = layer[0], layer[-1]
        layer = [a * 1.1 + b * 0.5, a * -0.3 + b * 0.8]
    return (layer[0] + layer[1]).data


def test_a_node_the_output_does_not_depend_on_has_no_path():
    x, y = Value(1.0, "x"), Value(2.0, "y")
    e = explain((x * 2).labelled("f"), y)
    assert e.path_count == 0 and e.total == 0.0
    assert "does not depend" in str(e)


def test_wrt_may_be_a_label(loss):
    assert explain(loss, "W5").total == explain(loss, labelled(loss)["W5"]).total
    with pytest.raises(LookupError, match="label 'W9'"):
        explain(loss, "W9")


def _peak_bytes(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_graph_past_max_nodes_is_summarised_with_its_number_in_bounded_memory():
    x = Value(0.5, "x")
    out = x
    for _ in range(20_000):  # an unlabelled chain: one step of 20,000 folded nodes
        out = out * 1.0001
    out = out.labelled("out")
    took = {}
    peak = _peak_bytes(lambda: took.setdefault("e", explain(out, x)))
    e = took["e"]
    assert e.paths == [] and e.path_count is None
    assert e.total == pytest.approx(1.0001**20_000, rel=1e-9)  # ∂out/∂x of x·1.0001^n
    said = str(e)
    assert said.startswith("∂out/∂x = 7.388") and "20,001 nodes" in said
    assert "max_nodes=2,000" in said and "\n" not in said
    assert "max\\_nodes=2,000" in e.latex()
    assert peak < 400 * 20_000  # bytes: a few hundred a node, the walk and one sum
    small = (x * 2.0).labelled("small")
    assert explain(small, x, max_nodes=2).path_count == 1  # x and small: at the limit
    assert explain(small, x, max_nodes=1).path_count is None
    assert explain(small, x, max_nodes=None).path_count == 1


def test_a_node_used_many_times_is_summarised_too():
    x = Value(0.5, "x")
    out = x * 1.0
    for _ in range(5_000):
        out = out + x * 0.5
    e = explain(out.labelled("out"), x)
    assert e.path_count is None and e.total == pytest.approx(1.0 + 0.5 * 5_000)


def test_a_long_folded_step_is_given_as_a_number_in_memory_that_grows_with_its_length():
    x = Value(0.5, "x")
    out = x
    for _ in range(1_500):
        out = out * 1.0001
    out = out.labelled("out")
    assert _peak_bytes(lambda: explain(out, x)) < 3_000 * 1_500  # not a copy per node
    e = explain(out, x)
    assert e.path_count == 1 and e.paths[0][0].formula is None  # past any readable length
    assert e.total == pytest.approx(1.0001**1_500, rel=1e-9)
