"""`model.to_torch()` and `nn.MLP.from_torch`: the same network in PyTorch, on batches.

The engine is the reference: each example through the nn model, `backward()` on the sum
of the outputs, against one batch through the torch module and torch's autograd. The
four documents' networks, built node by node by `autograd_scalar.documents`, are the
reference for the same networks made with `nn`, exported, and given their loss in torch.
"""

from __future__ import annotations

import copy
import math
import pickle
import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from op_records import SOFTPLUS
from torch_support import differing, gradient_scales, needs_torch, same, value_scale

from autograd_scalar import (
    DomainError,
    NonFiniteGradientError,
    documents,
    nn,
    registered,
    topological_order,
)
from autograd_scalar.nn.layers import activations

torch = needs_torch()


@pytest.fixture(scope="module", autouse=True)
def softplus():
    """An activation of one's own, used by name: nn.Neuron(2, "softplus")."""
    with registered(SOFTPLUS) as op:
        yield op


def tensor(rows):
    return torch.tensor(rows, dtype=torch.float64)


def in_the_engine(model, rows):
    """Each example's outputs, and the sum of them all (backward done) as a node."""
    model.zero_grad()
    outputs = [model(x) for x in rows]
    flat = [out for o in outputs for out in (o if isinstance(o, list) else [o])]
    total = flat[0]
    for out in flat[1:]:
        total = total + out
    total.backward()
    return flat, total


def engine_and_torch(model, rows):
    """Each example's outputs and every parameter's gradient of their sum: (name, engine's,
    torch's), the examples going through the torch module as one batch; and the engine's
    outputs and their sum, as nodes."""
    flat, total = in_the_engine(model, rows)
    module = model.to_torch()
    batch = module(tensor(rows))
    batch.sum().backward()
    outputs = [
        (f"output {i}", o.data, t) for i, (o, t) in enumerate(zip(flat, batch.flatten().tolist()))
    ]
    places = zip(model.named_parameters(), module.places(), strict=True)
    grads = [(name, p.grad, t.grad[where].item()) for (name, p), (t, where) in places]
    return outputs, grads, module, flat, total


shapes = st.tuples(
    st.integers(1, 3),  # inputs
    st.lists(st.integers(1, 4), min_size=1, max_size=3),  # layer sizes
    st.integers(0, 2**16),  # seed
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shape=shapes, chosen=st.data())
def test_random_mlps_give_the_engines_outputs_and_gradients(shape, chosen, softplus):
    n_in, sizes, seed = shape
    acts = [
        chosen.draw(st.sampled_from(activations()), label=f"activation {k}")
        for k in range(len(sizes))
    ]
    model = nn.MLP(n_in, sizes, acts, seed=seed)
    rng = random.Random(seed)
    rows = [[rng.uniform(-2, 2) for _ in range(n_in)] for _ in range(3)]
    try:
        _, total = in_the_engine(model, rows)
    except DomainError:  # log or sqrt of a negative sum: torch refuses too (the batch goes
        with pytest.raises(DomainError):  # layer by layer, so it may meet another op first)
            model.to_torch()(tensor(rows))
        return
    except NonFiniteGradientError:  # an infinite slope (sqrt at 0): nothing to compare
        assume(False)
    # softplus crosses by its definition, log(1 + exp(z)), which loses digits below z ≈ −9
    # (1 + exp(z) rounds), where the record's own forward does not: the README says so.
    assume(
        all(node.parents[0].data > -9 for node in topological_order(total) if node.op is softplus)
    )
    outputs, grads, _, flat, total = engine_and_torch(model, rows)
    # To 1e-12 of the numbers each was computed from: see torch_support.value_scale.
    values = [value_scale(out) for out in flat]
    assert [t for t, scale in zip(outputs, values) if not same(t[1], t[2], scale=scale)] == []
    shares = gradient_scales(total)
    scales = [shares[p] for p in model.parameters()]
    assert [t for t, scale in zip(grads, scales) if not same(t[1], t[2], scale=scale)] == []


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "linear", "softplus"])
def test_a_neuron_and_a_layer_give_the_engines_numbers(activation):
    rows = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [0.0, 0.0]]
    neuron = nn.Neuron(2, activation, seed=3)
    outputs, grads, module, *_ = engine_and_torch(neuron, rows)
    assert module(tensor(rows)).shape == (4,)  # one number per example
    assert differing(outputs) == [] and differing(grads) == []
    layer = nn.Layer(2, 3, activation, seed=4)
    outputs, grads, module, *_ = engine_and_torch(layer, rows)
    assert module(tensor(rows)).shape == (4, 3)
    assert differing(outputs) == [] and differing(grads) == []


def test_sums_are_taken_in_the_engines_order_so_relu_networks_agree_to_the_bit():
    # relu and linear: only arithmetic, which torch and Python round alike, op by op
    model = nn.MLP(4, [8, 8, 1], seed=11)
    rng = random.Random(11)
    model.update({name: rng.uniform(-1, 1) for name, _ in model.named_parameters()})
    rows = [[rng.uniform(-3, 3) for _ in range(4)] for _ in range(50)]
    scores = model.to_torch()(tensor(rows))[:, 0].tolist()
    assert scores == [model(x).data for x in rows]


def test_labels_that_can_be_names_name_the_parameters():
    model = nn.MLP(2, [2, 1], "sigmoid", numbering="neuron", seed=1)
    module = model.to_torch()
    assert list(module.state_dict()) == [
        "layers.0.W1",
        "layers.0.W2",
        "layers.0.b1",
        "layers.0.W3",
        "layers.0.W4",
        "layers.0.b2",
        "layers.1.W5",
        "layers.1.W6",
        "layers.1.b3",
    ]
    assert module.get_parameter("layers.0.W3").item() == model.parameter("W3").data
    assert module.get_parameter("layers.0.W3").dtype == torch.float64


def test_unlabelled_layers_hold_weight_and_bias_as_linear_does():
    model = nn.MLP(3, [4, 2], seed=2)
    model.parameter("layers.0.neurons.0.w.0").label = "w.1"  # not a name torch takes
    module = model.to_torch()
    assert list(module.state_dict()) == [
        "layers.0.weight",
        "layers.0.bias",
        "layers.1.weight",
        "layers.1.bias",
    ]
    assert module.layers[0].weight.shape == (4, 3) and module.layers[1].bias.shape == (2,)
    assert module.layers[0].weight[1, 2].item() == model.layers[0].neurons[1].w[2].data
    assert module.layers[0].labels[0] == "w.1"  # kept beside the parameters


def test_batches_of_any_leading_shape_and_plain_lists():
    model = nn.MLP(2, [3, 1], ["tanh", "linear"], seed=5)
    module = model.to_torch()
    grid = tensor([[[0.1 * i, -0.2 * j] for j in range(3)] for i in range(2)])  # (2, 3, 2)
    out = module(grid)
    assert out.shape == (2, 3, 1)
    assert all(
        same(model([0.1 * i, -0.2 * j]).data, out[i, j, 0].item())
        for i in range(2)
        for j in range(3)
    )
    assert same(model([0.5, 0.5]).data, module([0.5, 0.5]).item())
    with pytest.raises(
        ValueError,
        match=r"takes 2 inputs per example, along the last dimension; got a tensor of shape \(4, 3\)",
    ):
        module(torch.zeros(4, 3, dtype=torch.float64))


def test_from_torch_gives_back_the_model_with_its_weights_and_labels():
    model = nn.MLP(
        2, [3, 3, 1], ["relu", "softplus", "sigmoid"], numbering="input", weight_prefix="w", seed=7
    )
    model.label_nodes(inputs="x{}")
    back = nn.MLP.from_torch(model.to_torch())
    assert back.activations == model.activations and back.input_labels == ["x1", "x2"]
    assert [(p.label, p.data) for p in back.parameters()] == [
        (p.label, p.data) for p in model.parameters()
    ]
    single = nn.MLP.from_torch(nn.Neuron(2, "tanh", seed=1).to_torch())
    assert single.sizes == [1] and single.activations == ["tanh"]


def test_training_in_torch_comes_back_in_the_weights():
    model = nn.MLP(2, [2, 1], "tanh", seed=3)
    module = model.to_torch()
    with torch.no_grad():
        module.layers[1].weight.mul_(2.0)
    back = nn.MLP.from_torch(module)
    assert back.layers[1].neurons[0].w[1].data == 2.0 * model.layers[1].neurons[0].w[1].data


def test_a_sequential_of_torchs_own_layers_comes_across():
    torch.manual_seed(0)
    made = torch.nn.Sequential(
        torch.nn.Linear(3, 4),
        torch.nn.ReLU(),
        torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.Softplus()),
        torch.nn.Linear(4, 2),
        torch.nn.Identity(),
        torch.nn.Linear(2, 2, bias=False),
        torch.nn.Sigmoid(),
        torch.nn.Linear(2, 1),
    ).double()
    model = nn.MLP.from_torch(made)
    assert model.sizes == [4, 4, 2, 2, 1]
    assert model.activations == ["relu", "softplus", "linear", "sigmoid", "linear"]
    x = [0.3, -1.2, 0.8]
    assert same(model(x).data, made(tensor(x)).item())


@pytest.mark.parametrize(
    ("parts", "refused"),
    [
        (
            lambda: [torch.nn.Linear(2, 3), torch.nn.LeakyReLU()],
            r"layer '1' of the Sequential \(LeakyReLU\(negative_slope=0.01\)\): it is not an activation this package has",
        ),
        (
            lambda: [torch.nn.Linear(2, 3), torch.nn.Dropout(0.5)],
            r"layer '1' of the Sequential \(Dropout",
        ),
        (
            lambda: [torch.nn.ReLU(), torch.nn.Linear(2, 3)],
            r"layer '0' of the Sequential \(ReLU\(\)\): an activation must follow a Linear layer, and it follows nothing",
        ),
        (
            lambda: [torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.ReLU()],
            r"layer '2' of the Sequential \(ReLU\(\)\): an activation must follow a Linear layer, and it follows another activation",
        ),
        (
            lambda: [torch.nn.Linear(2, 3), torch.nn.Linear(4, 1)],
            r"layer '1' of the Sequential \(Linear\(in_features=4.*\)\): it takes 4 inputs, but the layer before it gives 3",
        ),
        (
            lambda: [torch.nn.Linear(2, 3), torch.nn.BatchNorm1d(3)],
            r"layer '1' of the Sequential \(BatchNorm1d.*\): it is not a Linear layer",
        ),
        (lambda: [], r"found no Linear layer in the Sequential"),
    ],
)
def test_any_other_shape_is_refused_naming_the_layer(parts, refused):
    with pytest.raises(ValueError, match=refused):
        nn.MLP.from_torch(torch.nn.Sequential(*parts()))


def test_a_module_of_ones_own_is_refused_and_told_what_to_export():
    class Twice(torch.nn.Module):
        def forward(self, x):
            return 2 * x

    with pytest.raises(ValueError, match="got Twice, whose forward could compute anything"):
        nn.MLP.from_torch(Twice())

    class Mine(nn.Module):
        def __call__(self, x):
            return x[0] * 2

    with pytest.raises(
        TypeError,
        match=r"export the graph of its output instead: autograd_scalar.to_torch\(module\(x\)\)",
    ):
        Mine(1).to_torch()


def test_the_module_behaves_as_torch_modules_do():
    model = nn.MLP(2, [3, 1], ["softplus", "sigmoid"], numbering="neuron", seed=9)
    module = model.to_torch()
    x = tensor([[0.2, -0.4]])
    expected = module(x).item()
    assert module.eval()(x).item() == expected and module.train()(x).item() == expected
    assert copy.deepcopy(module)(x).item() == expected
    assert pickle.loads(pickle.dumps(module))(x).item() == expected
    in_float32 = copy.deepcopy(module).float()
    assert in_float32(x.float()).dtype == torch.float32
    back = in_float32.double()  # float32 and back: float64 again, rounded to float32's digits
    assert back(x).dtype == torch.float64
    assert math.isclose(back(x).item(), expected, rel_tol=1e-6)
    shown = repr(module)
    assert (
        "TorchMLP(\n  2 → 3 → 1\n  (layers): ModuleList(\n    (0): TorchLayer(\n      2 → 3; W1, W2, b1,"
        in shown
    )
    assert "(activation): Activation(softplus: torch.log((1.0 + torch.exp(a))))" in shown


def test_per_example_gradients_with_vmap_are_the_engines_once_the_checks_are_off():
    """torch.func.vmap cannot branch on data, so the ops' domain checks are turned off for
    it: each example's gradient is then the engine's for that example alone."""
    from autograd_scalar.bridge import without_domain_checks

    model = nn.MLP(2, [3, 1], ["tanh", "sigmoid"], numbering="neuron", seed=4)
    examples = [[0.3, -1.2], [1.5, 0.4], [-0.7, 0.9]]
    module = model.to_torch()
    with pytest.raises(RuntimeError, match="data-dependent control flow"):
        torch.func.vmap(module)(tensor(examples))  # the checks read the data
    without_domain_checks(module)
    params = {name: p.detach() for name, p in module.named_parameters()}

    def output(p, x):
        return torch.func.functional_call(module, p, (x,)).sum()

    each = torch.func.vmap(torch.func.grad(output), in_dims=(None, 0))(params, tensor(examples))
    for i, x in enumerate(examples):
        model.zero_grad()
        model(x).backward()
        expected = [p.grad for p in model.parameters()]
        found = torch.cat([each[name][i].flatten() for name in params]).tolist()
        assert sorted(found) == pytest.approx(sorted(expected), rel=1e-12, abs=1e-15)
    # Out of the domain, unchecked ops give what torch's give; checked, the engine's error.
    from autograd_scalar import Value, to_torch

    a = Value(0.5, "a")
    checked = to_torch((a.log() * a).labelled("y"))
    unchecked = without_domain_checks(to_torch((a.log() * a).labelled("y")))
    with pytest.raises(DomainError, match="log"):
        checked({"a": -1.0})
    assert math.isnan(unchecked({"a": -1.0}).item())
    with pytest.raises(DomainError, match="log"):
        without_domain_checks(unchecked, off=False)({"a": -1.0})


# The four documents' networks, as nn models with the documents' values and labels.
def tap_and_knob():
    document = documents.module("tap-and-knob")
    model = nn.MLP(2, [2, 1], "sigmoid", numbering="neuron")
    model.update({label: document.VALUES[label] for label in document.PARAMETERS})
    v = document.VALUES

    def loss(module):
        σ3 = module(tensor([v["X1"], v["X2"]]))[0]
        return -(1 - v["y"]) * torch.log(1 - σ3) - v["y"] * torch.log(σ3)

    return document, model, loss


def relu_network():
    document = documents.module("relu-network")
    model = nn.MLP(2, [3, 3, 1], ["relu", "relu", "sigmoid"], numbering="input", weight_prefix="w")
    model.update({label: document.VALUES[label] for label in document.PARAMETERS})
    v = document.VALUES

    def loss(module):
        return 0.5 * (v["y"] - module(tensor([v["x1"], v["x2"]]))[0]) ** 2

    return document, model, loss


def perceptron():
    document = documents.module("perceptron")
    neuron = nn.Neuron(3, "sigmoid")
    for i, w in enumerate(neuron.w, 1):
        w.label = f"w{i}"
    neuron.b.label = "b"
    neuron.update({label: document.VALUES[label] for label in document.PARAMETERS})

    def loss(module):  # C = (1/m) Σ (y − ŷ)², the examples as one batch
        return ((tensor(document.TARGETS) - module(tensor(document.INPUTS))) ** 2).mean()

    return document, neuron, loss


def two_layer():
    document = documents.module("two-layer")
    v = document.VALUES
    model = nn.MLP(2, [3, 1], ["tanh", "sigmoid"])
    for k, layer in enumerate(model.layers, 1):
        for j, neuron in enumerate(layer.neurons, 1):
            for i, w in enumerate(neuron.w, 1):
                w.label = f"W{k}[{j},{i}]"
            neuron.b.label = f"b{k}[{j}]"
    model.update({p.label: v[p.label] for p in model.parameters()})
    m = document.M  # the examples, as one batch

    def loss(module):  # J = −(1/m) Σ (y log a + (1 − y) log(1 − a))
        inputs = tensor([[v[f"X[1]({i})"], v[f"X[2]({i})"]] for i in range(1, m + 1)])
        y = tensor([v[f"Y({i})"] for i in range(1, m + 1)])
        a = module(inputs)[:, 0]
        return -(y * torch.log(a) + (1 - y) * torch.log(1 - a)).mean()

    return document, model, loss


@pytest.mark.parametrize(
    "make", [tap_and_knob, perceptron, relu_network, two_layer], ids=lambda f: f.__name__
)
def test_each_documents_network_made_with_nn_gives_the_documents_loss_and_gradients(make):
    document, model, loss = make()
    network = document.build()
    network.root.backward()
    module = model.to_torch()
    value = loss(module)
    value.backward()
    assert same(network.root.data, value.item())
    by_name = {name.rsplit(".", 1)[-1]: p for name, p in module.named_parameters()}
    assert sorted(by_name) == sorted(network.parameters)  # the labels name the parameters
    pairs = [
        (label, network.nodes[label].grad, by_name[label].grad.item())
        for label in network.parameters
    ]
    assert differing(pairs) == []
