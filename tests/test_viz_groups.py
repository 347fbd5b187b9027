"""Boxes per neuron and per layer: given as a mapping, or read from a module's names."""

from __future__ import annotations

import re

import pytest
from graphs import first_document_network
from pictures import draw_ops as draw

from autograd_scalar import Value, topological_order

pytestmark = pytest.mark.usefixtures("no_system_graphviz")


def boxes_of(source: str, order: list[Value]) -> dict[Value, tuple[str, ...]]:
    """Each drawn Value's enclosing cluster titles, outermost first, read from the DOT."""
    where: dict[Value, tuple[str, ...]] = {}
    stack: list[str] = []
    for line in source.splitlines():
        text = line.strip()
        if text.startswith("subgraph cluster_"):
            stack.append("?")
        elif text == "}" and stack:
            stack.pop()
        elif stack and stack[-1] == "?" and text.startswith("label="):
            stack[-1] = re.match(r'label=("[^"]*"|\S+)', text).group(1).strip('"')
        elif found := re.match(r"(n\d+) \[", text):
            where[order[int(found.group(1)[1:])]] = tuple(stack)
    return where


def test_listed_parameters_grow_into_their_neurons_and_the_loss_stays_outside():
    v = first_document_network()
    groups = {
        ("hidden", "neuron 1"): [v["W1"], v["W2"], v["b1"]],
        ("hidden", "neuron 2"): [v["W3"], v["W4"], v["b2"]],
        "output": [v["W5"], v["W6"], v["b3"]],
    }
    loss = v["loss"]
    where = boxes_of(draw(loss, clusters=groups).source, topological_order(loss))
    expected = {
        ("hidden", "neuron 1"): {"W1", "W2", "b1", "Z1", "σ1"},
        ("hidden", "neuron 2"): {"W3", "W4", "b2", "Z2", "σ2"},
        ("output",): {"W5", "W6", "b3", "Z3", "σ3"},
        (): {"X1", "X2", "y", "loss"},
    }
    for path, labels in expected.items():
        assert {n.label for n, box in where.items() if box == path and n.label} == labels
    # The products W1·X1 and the partial sums are in the neuron's box as well.
    assert where[v["Z1"].parents[0]] == ("hidden", "neuron 1")
    assert where[v["Z1"].parents[0].parents[0]] == ("hidden", "neuron 1")


def test_a_module_gives_boxes_per_layer_and_neuron():
    from autograd_scalar.nn import MLP

    model = MLP(2, [3, 1], "sigmoid", seed=3)
    out = model([Value(0.5, "x1"), Value(-1.0, "x2")])
    loss = ((out - Value(1.0, "y")) ** 2).labelled("loss")
    loss.backward()
    order = topological_order(loss)
    source = draw(loss, module=model).source
    where = boxes_of(source, order)
    for name, parameter in model.named_parameters():
        layer, neuron = int(name.split(".")[1]) + 1, int(name.split(".")[3]) + 1
        assert where[parameter] == (f"layer {layer}", f"neuron {neuron}")
        assert "penwidth=2.5" in re.search(rf"n{order.index(parameter)} \[.*", source).group(0)
    assert where[out] == ("layer 2", "neuron 1") and out.op.name == "sigmoid"
    assert where[loss] == ()


def test_a_value_listed_in_two_groups_is_refused():
    v = first_document_network()
    with pytest.raises(ValueError, match="W1 is listed in two groups"):
        draw(v["loss"], clusters={"a": [v["W1"]], "b": [v["W1"]]})


def test_a_module_without_parameter_names_is_refused():
    with pytest.raises(TypeError, match="named_parameters"):
        draw(first_document_network()["loss"], module=object())
