"""Neurons, layers and MLPs: shapes, seeds, exact weights, names and document labels."""

from __future__ import annotations

import math
import random

import pytest

from autograd_scalar import Value, nn, topological_order

# The relu-network document's 2-3-3-1 network, numbered input by input, as printed there.
DOC2_WEIGHTS = [
    0.1,
    0.2,
    0.3,
    0.4,
    0.5,
    0.6,
    0.7,
    0.8,
    0.9,
    0.1,
    0.2,
    0.3,
    0.4,
    0.5,
    0.6,
    0.7,
    0.8,
    0.9,
]
DOC2_BIASES = [0.1, -0.4, 0.3, -0.5, 0.5, 0.6, -0.7]


def doc2_model() -> nn.MLP:
    model = nn.MLP(2, [3, 3, 1], ["relu", "relu", "sigmoid"], numbering="input", weight_prefix="w")
    values = {f"w{i}": v for i, v in enumerate(DOC2_WEIGHTS, 1)}
    values.update({f"b{i}": v for i, v in enumerate(DOC2_BIASES, 1)})
    model.update(values)
    return model.label_nodes(net="net_n{}", out="out_n{}", inputs="x{}", start=3)


def labels_by_neuron(model: nn.MLP) -> list[list[str]]:
    return [[p.label for p in [*n.w, n.b]] for layer in model.layers for n in layer.neurons]


def test_nn_exposes_everything_a_training_script_needs():
    for name in ("MLP", "Layer", "Neuron", "Module", "mse", "half_squared_error", "hinge"):
        assert hasattr(nn, name)
    for name in ("binary_cross_entropy", "SGD", "fit", "save", "load", "make_moons"):
        assert callable(getattr(nn, name))


def test_named_parameters_have_dotted_names_in_a_stable_order():
    model = nn.MLP(2, [2, 1], seed=3)
    names = [name for name, _ in model.named_parameters()]
    assert names == [
        "layers.0.neurons.0.w.0",
        "layers.0.neurons.0.w.1",
        "layers.0.neurons.0.b",
        "layers.0.neurons.1.w.0",
        "layers.0.neurons.1.w.1",
        "layers.0.neurons.1.b",
        "layers.1.neurons.0.w.0",
        "layers.1.neurons.0.w.1",
        "layers.1.neurons.0.b",
    ]
    assert model.parameters() == [p for _, p in model.named_parameters()]
    assert model.parameter("layers.0.neurons.1.w.0") is model.layers[0].neurons[1].w[0]


def test_neuron_order_labels_a_2_2_1_network_like_the_first_document():
    model = nn.MLP(2, [2, 1], "sigmoid", numbering="neuron")
    # Z1 = W1·X1 + W2·X2 + b1, Z2 = W3·X1 + W4·X2 + b2, Z3 = W5·σ1 + W6·σ2 + b3
    assert labels_by_neuron(model) == [["W1", "W2", "b1"], ["W3", "W4", "b2"], ["W5", "W6", "b3"]]


def test_input_order_labels_a_2_2_1_network_by_the_weights_leaving_each_input():
    model = nn.MLP(2, [2, 1], "sigmoid", numbering="input", weight_prefix="w")
    assert labels_by_neuron(model) == [["w1", "w3", "b1"], ["w2", "w4", "b2"], ["w5", "w6", "b3"]]


def test_input_order_labels_the_relu_network_documents_2_3_3_1_network():
    model = nn.MLP(2, [3, 3, 1], numbering="input", weight_prefix="w")
    # n3 = w1·x1 + w4·x2 + b1; w7, w8, w9 leave n3 into n6, n7, n8; w16..w18 enter n9.
    assert labels_by_neuron(model) == [
        ["w1", "w4", "b1"],
        ["w2", "w5", "b2"],
        ["w3", "w6", "b3"],
        ["w7", "w10", "w13", "b4"],
        ["w8", "w11", "w14", "b5"],
        ["w9", "w12", "w15", "b6"],
        ["w16", "w17", "w18", "b7"],
    ]


def test_neuron_order_labels_a_2_3_3_1_network_with_a_chosen_case_and_start():
    model = nn.MLP(2, [3, 3, 1], numbering="neuron", weight_prefix="θ", bias_prefix="B", start=0)
    assert labels_by_neuron(model) == [
        ["θ0", "θ1", "B0"],
        ["θ2", "θ3", "B1"],
        ["θ4", "θ5", "B2"],
        ["θ6", "θ7", "θ8", "B3"],
        ["θ9", "θ10", "θ11", "B4"],
        ["θ12", "θ13", "θ14", "B5"],
        ["θ15", "θ16", "θ17", "B6"],
    ]


def test_the_relu_network_documents_forward_pass_and_error_match_its_numbers():
    model = doc2_model()
    y_hat = model([0.23, 0.55])
    error = nn.half_squared_error(y_hat, 0.01)
    nodes = {v.label: v.data for v in topological_order(error) if v.label}
    stated = {"net_n3": 0.343, "net_n4": -0.079, "out_n4": 0.0, "net_n5": 0.699, "out_n6": 0.0197}
    stated |= {"out_n7": 1.1239, "out_n8": 1.3281, "net_n9": 1.4082, "out_n9": 0.8035}
    for label, number in stated.items():
        assert nodes[label] == pytest.approx(number, abs=0.00005), label
    assert round(error.data, 3) == 0.315


def test_the_relu_network_documents_update_of_w16():
    model = doc2_model()
    nn.half_squared_error(model([0.23, 0.55]), 0.01).backward()
    nn.SGD(model.parameters(), lr=0.01).step()
    assert round(model.parameter("w16").data, 6) == 0.699975


def test_label_nodes_labels_sums_and_activations_like_the_first_document():
    model = nn.MLP(2, [2, 1], "sigmoid", numbering="neuron").label_nodes(
        net="Z{}", out="σ{}", inputs="X{}"
    )
    out = model([0.5, -1.0])
    assert out.label == "σ3"
    z1 = next(v for v in topological_order(out) if v.label == "Z1")
    # Z1 = (W1·X1 + W2·X2) + b1, summed in the document's order
    left, b1 = z1.parents
    w1x1, w2x2 = left.parents
    assert b1.label == "b1"
    assert [v.label for v in w1x1.parents] == ["W1", "X1"]
    assert [v.label for v in w2x2.parents] == ["W2", "X2"]
    σ1 = next(v for v in topological_order(out) if v.label == "σ1")
    assert σ1.op.name == "sigmoid" and σ1.parents == (z1,)
    assert repr(σ1).startswith("Value(σ1=")


def test_a_linear_neuron_gives_its_one_node_the_out_label():
    model = nn.MLP(1, [1], "linear").label_nodes(net="z{}", out="y{}")
    assert model([2.0]).label == "y1"


def test_label_nodes_refuses_a_template_without_a_place_for_the_number():
    with pytest.raises(ValueError, match=r"\{\}"):
        nn.MLP(2, [1]).label_nodes(net="Z")


def test_default_mlp_is_micrograds_relu_inside_linear_outside_and_same_graph_size():
    model = nn.MLP(2, [16, 16, 1])
    assert model.activations == ["relu", "relu", "linear"]
    out = model([Value(0.3), Value(-0.7)])
    # leaves: 2·16 + 16 + 16·16 + 16 + 16 + 1 = 337 parameters and 2 inputs; ops per
    # neuron: n_in products and n_in sums (+ one ReLU when hidden): 16·5 + 16·33 + 32.
    assert len(topological_order(out)) == 337 + 2 + 16 * 5 + 16 * 33 + 32


def test_weights_start_uniform_in_minus_one_one_and_biases_at_zero():
    model = nn.MLP(3, [8, 4], seed=11)
    weights = [w.data for layer in model.layers for n in layer.neurons for w in n.w]
    assert all(-1.0 <= w <= 1.0 for w in weights)
    assert max(weights) - min(weights) > 1.0  # spread out, not all equal
    assert all(n.b.data == 0.0 for layer in model.layers for n in layer.neurons)


def test_seed_and_rng_give_the_same_weights_and_leave_the_global_rng_alone():
    random.seed(123)
    before = random.getstate()
    a = nn.MLP(2, [4, 1], seed=5)
    b = nn.MLP(2, [4, 1], rng=random.Random(5))
    c = nn.MLP(2, [4, 1], seed=6)
    assert random.getstate() == before
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    assert [p.data for p in a.parameters()] != [p.data for p in c.parameters()]
    expected = random.Random(5)
    assert a.layers[0].neurons[0].w[0].data == expected.uniform(-1.0, 1.0)


def test_seed_and_rng_together_are_refused():
    with pytest.raises(ValueError, match="not both"):
        nn.MLP(2, [1], seed=1, rng=random.Random(1))


def test_from_weights_builds_the_network_the_weights_describe():
    model = nn.MLP.from_weights(
        [[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0]]], [[0.5, -0.5], [1.0]], "linear"
    )
    assert model.sizes == [2, 1] and model.n_in == 2
    # hidden: 1 + 2·2 + 0.5 = 5.5 and 3 + 4·2 − 0.5 = 10.5; out: 5·5.5 + 6·10.5 + 1
    assert model([1.0, 2.0]).data == 5 * 5.5 + 6 * 10.5 + 1


def test_given_weights_of_the_wrong_shape_are_refused_naming_the_entry():
    with pytest.raises(ValueError, match=r"weights\[1\]\[0\] has 3 numbers"):
        nn.MLP(2, [2, 1], weights=[[[1, 2], [3, 4]], [[1, 2, 3]]])
    with pytest.raises(TypeError, match=r"weights\[0\]\[1\]\[0\]"):
        nn.MLP(2, [2], weights=[[[1, 2], ["x", 4]]])
    with pytest.raises(ValueError, match=r"biases\[0\] has 1 numbers"):
        nn.MLP(2, [2], weights=[[[1, 2], [3, 4]]], biases=[[0.0]])


def test_set_and_update_by_label_or_dotted_name():
    model = nn.MLP(2, [2, 1], numbering="neuron")
    model.set("W1", 0.25)
    model.set("layers.1.neurons.0.b", -3)
    assert model.layers[0].neurons[0].w[0].data == 0.25
    assert model.parameter("b3").data == -3.0


def test_update_changes_nothing_when_one_entry_is_bad():
    model = nn.MLP(2, [1], numbering="neuron")
    before = [p.data for p in model.parameters()]
    with pytest.raises(KeyError, match="W9"):
        model.update({"W1": 0.5, "W9": 1.0})
    with pytest.raises(ValueError, match="finite"):
        model.update({"W1": 0.5, "b1": float("nan")})
    assert [p.data for p in model.parameters()] == before


def test_an_unknown_name_suggests_close_ones():
    with pytest.raises(KeyError, match="did you mean"):
        nn.MLP(2, [1], numbering="neuron").parameter("W 1")


def test_zero_grad_clears_every_parameter_gradient():
    model = nn.MLP(2, [3, 1], seed=2)
    nn.mse(model([0.5, 1.5]), 2.0).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_a_layer_with_one_output_returns_a_value_and_takes_floats_or_values():
    layer = nn.Layer(2, 1, "tanh", seed=4)
    from_floats = layer([0.1, 0.2])
    from_values = layer([Value(0.1), Value(0.2)])
    assert isinstance(from_floats, Value) and from_floats.data == from_values.data
    assert len(nn.Layer(2, 3, seed=4)([0.1, 0.2])) == 3


def test_a_neuron_computes_its_activation_of_the_weighted_sum():
    neuron = nn.Neuron(2, "sigmoid", weights=[0.5, -1.0], bias=0.25)
    z = 0.5 * 2.0 - 1.0 * 3.0 + 0.25
    assert neuron([2.0, 3.0]).data == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-12)


def test_wrong_inputs_get_clear_errors():
    model = nn.MLP(2, [1])
    with pytest.raises(ValueError, match="takes 2 inputs per example, got 3"):
        model([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="input 1"):
        model([1.0, "2"])
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        nn.MLP(2, [1], "softmax")
    with pytest.raises(ValueError, match="2 layers need 2 activations"):
        nn.MLP(2, [3, 1], ["relu"])
    with pytest.raises(ValueError, match="whole number"):
        nn.MLP(2, [3, 0])


def test_labels_show_in_the_repr_of_parameters_and_neurons():
    model = nn.MLP(2, [1], numbering="neuron")
    assert "W1=" in repr(model.parameter("W1"))
    assert "W1=" in repr(model.layers[0].neurons[0]) and "b1=" in repr(model.layers[0].neurons[0])
