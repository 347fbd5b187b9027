"""backward_steps: the engine's order, one chain-rule line per share with the engine's
numbers, every gradient right at the end, and no `.grad` touched."""

from __future__ import annotations

import pytest
from pictures import POINT, central_difference, loss_in_floats, shown, tap_and_knob

from autograd_scalar import Value, backward_steps, topological_order
from autograd_scalar.explanation import backward_steps as from_explain


def test_equation_steps_take_the_labelled_nodes_from_the_loss_down():
    v = tap_and_knob()
    steps = backward_steps(v["ℓ"], "equations")
    order = [step.node.label for step in steps]
    # Every node is stepped only after every labelled node computed from it: its grad
    # is whole by then, as in the engine's reverse topological walk.
    assert order[0] == "ℓ" and sorted(order) == sorted(["ℓ", "σ3", "Z3", "σ1", "Z1", "σ2", "Z2"])
    uses = {"σ3": ["ℓ"], "Z3": ["σ3"], "σ1": ["Z3"], "σ2": ["Z3"], "Z1": ["σ1"], "Z2": ["σ2"]}
    for node, users in uses.items():
        assert all(order.index(user) < order.index(node) for user in users)
    assert from_explain is backward_steps


def test_op_steps_are_every_op_node_in_the_engines_reverse_order():
    v = tap_and_knob()
    order = topological_order(v["ℓ"])
    steps = backward_steps(v["ℓ"], "ops")
    assert [step.node for step in steps] == [n for n in reversed(order) if n.op is not None]
    for step in steps:  # each op hands its grad to its own inputs, nothing else
        assert set(step.changed) == set(step.node.parents)


@pytest.mark.parametrize("view", ["equations", "ops"])
def test_the_last_share_of_each_leaf_is_its_gradient(view):
    v = tap_and_knob(backward=False)
    last: dict[Value, float] = {}
    for step in backward_steps(v["ℓ"], view):
        for share in step.shares:
            last[share.wrt] = share.after
    for name in POINT:
        assert last[v[name]] == pytest.approx(central_difference(name), rel=1e-5, abs=1e-9)


def test_first_step_reads_as_the_chain_rule_with_the_documents_numbers():
    v = tap_and_knob()
    q = loss_in_floats(POINT)
    first = backward_steps(v["ℓ"], "equations")[0]
    d_sigma3 = (1 - q["y"]) / (1 - q["σ3"]) - q["y"] / q["σ3"]  # the document's ∂ℓ/∂σ3
    line = next(line for line in first.lines if line.startswith("∂ℓ/∂σ3"))
    factor = shown(d_sigma3)
    factor = f"({factor})" if factor.startswith("−") else factor
    assert line == f"∂ℓ/∂σ3 = ∂ℓ/∂ℓ · ∂ℓ/∂σ3 = 1 · {factor} = {shown(d_sigma3)}"
    assert v["σ3"] in first.changed and v["y"] in first.changed


def test_a_gradient_two_steps_add_to_shows_before_and_after():
    v = tap_and_knob()
    steps = backward_steps(v["ℓ"])
    found = [(step, s) for step in steps for s in step.shares if s.wrt is v["X1"]]
    assert len(found) == 2  # X1 feeds Z1 and Z2
    (_, first), (step, second) = found
    assert first.before is None and second.before == first.after
    assert second.after == pytest.approx(second.before + second.amount)
    line = step.lines[step.shares.index(second)]
    assert line.startswith(f"∂ℓ/∂X1 = {shown(second.before)} + ∂ℓ/∂")
    assert line.endswith(f"= {shown(second.after)}")


def test_steps_change_no_grad():
    v = tap_and_knob()
    before = {node: node.grad for node in topological_order(v["ℓ"])}
    backward_steps(v["ℓ"], "equations")
    backward_steps(v["ℓ"], "ops")
    assert {node: node.grad for node in topological_order(v["ℓ"])} == before


def test_default_view_follows_the_labels():
    a, b = Value(2.0), Value(-3.0)
    unlabelled = a * b + b**3
    assert len(backward_steps(unlabelled)) == len(backward_steps(unlabelled, "ops")) == 3
    v = tap_and_knob()
    assert [s.node for s in backward_steps(v["ℓ"])] == [
        s.node for s in backward_steps(v["ℓ"], "equations")
    ]


def test_bad_view_or_root_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="equations.*ops"):
        backward_steps(Value(1.0, "x") * 2, "pictures")
    with pytest.raises(TypeError, match="Value"):
        backward_steps(3.0)  # type: ignore[arg-type]
