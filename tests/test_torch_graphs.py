"""`to_torch(root)`: any recorded graph as a torch module of its leaves, the same numbers.

The engine's forward values and `backward()` gradients are the reference; torch's
autograd runs on ops printed from the op table. A hand-written torch program is the
oracle for the engine itself (the micrograd expression). Graphs: the four documents'
networks, random programs over the whole table, an op registered here.
"""

from __future__ import annotations

import copy
import io
import math
import pickle

import pytest
from hypothesis import assume, given, settings
from op_records import SOFTPLUS
from strategies import build_graph, programs, starts
from torch_support import differing, needs_torch, same, value_scale

from autograd_scalar import (
    DomainError,
    GraphLookupError,
    Op,
    OpError,
    Tape,
    Value,
    apply,
    documents,
    registered,
    to_torch,
    topological_order,
)

torch = needs_torch()

from autograd_scalar.bridge.graph import RecordedGraph  # noqa: E402 (needs torch)


def leaves_of(root: Value) -> list[Value]:
    return [node for node in topological_order(root) if node.op is None]


def compare(root: Value) -> list[tuple[str, float, float]]:
    """Output and every leaf's gradient, engine against its torch module: those that differ."""
    module = to_torch(root)
    for leaf in leaves_of(root):
        leaf.grad = 0.0  # leaf gradients accumulate: start from none
    root.backward()
    out = module()
    out.backward()
    pairs = [("output", root.data, out.item())]
    for leaf, (name, p) in zip(leaves_of(root), module.named_parameters(), strict=True):
        pairs.append((name, leaf.grad, p.grad.item()))
    return differing(pairs)


def micrograd_expression(a, b, relu, tanh, sigmoid, exp, log):
    c = a * b + b**3 - a / 3.0
    d = tanh(c) * sigmoid(a - b) + relu(b - a) + exp(a * 0.2) + log(b * b + 1.0)
    return d * d / 2.0


def test_the_engine_agrees_with_torch_written_by_hand_in_float64():
    a, b = Value(-1.3, "a"), Value(0.8, "b")
    out = micrograd_expression(a, b, Value.relu, Value.tanh, Value.sigmoid, Value.exp, Value.log)
    out.backward()
    ta = torch.tensor(-1.3, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(0.8, dtype=torch.float64, requires_grad=True)
    tout = micrograd_expression(ta, tb, torch.relu, torch.tanh, torch.sigmoid, torch.exp, torch.log)
    tout.backward()
    assert same(out.data, tout.item(), 1e-13)
    assert same(a.grad, ta.grad.item()) and same(b.grad, tb.grad.item())
    # The exported graph is that same torch program, printed from the op table.
    assert compare(out) == []


@pytest.mark.parametrize("name", documents.names())
def test_each_documents_network_crosses_with_its_values_and_gradients(name):
    root = documents.module(name).build().root
    assert compare(root) == []
    module = to_torch(root)
    labels = [leaf.label for leaf in leaves_of(root)]
    assert module.labels == labels and [n for n, _ in module.named_parameters()] == labels


@settings(max_examples=25, deadline=None)
@given(program=programs, xs=starts)
def test_random_graphs_cross_or_are_refused_alike(program, xs):
    leaves = [Value(x, f"x{i}") for i, x in enumerate(xs)]
    try:
        root = build_graph(program, leaves)
    except DomainError:
        assume(False)  # the engine refuses to build it: nothing to export
    module = to_torch(root)
    assert same(root.data, module().item(), scale=value_scale(root))
    try:
        root.backward()
    except ArithmeticError:  # an infinite slope (sqrt at 0): torch's would be too
        assume(False)
    out = module()
    out.backward()
    named = zip(leaves_of(root), module.named_parameters(), strict=True)
    pairs = [(n, leaf.grad, p.grad.item()) for leaf, (n, p) in named]
    # A gradient that the graph cancels to 0 (∂(x/x)/∂x) is 0 to the rounding of its terms.
    scale = max(abs(a) for _, a, _ in pairs)
    assert differing(pairs, scale=scale) == []


def test_a_leaf_given_a_batch_gives_what_a_replay_gives_at_each_value():
    w, x = Value(0.3, "w"), Value(1.5, "x")
    loss = ((w * x).tanh() + (x * 2.0).exp() / (1.0 + w * w)).labelled("loss")
    module = to_torch(loss)
    xs = [-1.0, -0.25, 0.0, 0.5, 2.0]
    batch = module({"x": torch.tensor(xs, dtype=torch.float64)})
    tape = Tape.record(loss)
    assert batch.shape == (5,)
    assert [same(tape.forward({"x": x}), got) for x, got in zip(xs, batch.tolist())] == [True] * 5
    batch.sum().backward()  # w's gradient summed over the batch, as over the examples
    expected = 0.0
    for x_value in xs:
        tape.forward({"x": x_value})
        tape.backward()
        expected += tape.grad("w")
    assert same(expected, module.w.grad.item())


def test_an_op_registered_with_a_definition_crosses_and_one_without_is_refused_by_name():
    softplus = SOFTPLUS
    cube = Op(
        "cube",
        "cube",
        1,
        forward=lambda a: a**3,
        partials=lambda a, out: (3 * a * a,),
        formulas=("3·{a}²",),
    )
    with registered(softplus), registered(cube):
        z = Value(0.7, "z")
        h = (apply(softplus, z * 2.0) * z).labelled("h")
        assert compare(h) == []
        assert "softplus ×1 → torch.log((1.0 + torch.exp(a)))" in repr(to_torch(h))
        with pytest.raises(OpError, match="'cube' cannot be written in PyTorch"):
            to_torch(apply(cube, z))


def test_a_torch_name_that_torch_lacks_is_refused_by_name():
    fancy = Op(
        "fancy",
        "fancy",
        1,
        forward=math.exp,
        partials=lambda a, out: (out,),
        formulas=("{out}",),
        native={"torch": "no_such_function"},
    )
    with registered(fancy), pytest.raises(OpError, match="'fancy' names torch.no_such_function"):
        to_torch(apply(fancy, Value(0.5)))


def test_an_input_outside_an_ops_domain_is_refused_as_the_engine_refuses_it():
    x = Value(5.0, "x")
    module = to_torch((x - 3.0).log().labelled("y"))
    with pytest.raises(DomainError) as in_torch:
        module({"x": torch.tensor([4.0, 1.0], dtype=torch.float64)})
    with pytest.raises(DomainError) as in_engine:
        (Value(1.0, "x") - 3.0).log()
    assert str(in_torch.value) == str(in_engine.value)  # log(-2.0): … > 0
    with pytest.raises(DomainError, match="not a finite number"):
        to_torch(x.exp())({"x": 800.0})


def test_parameters_are_named_by_label_where_torch_can_take_it():
    a, b, c = Value(1.0, "W1[1,2]"), Value(2.0, "w.1"), Value(3.0)
    d, e, f = Value(4.0, "W1[1,2]"), Value(5.0, "constants"), Value(6.0, "leaf2")
    module = to_torch(a * b + c * d + e * f)
    names = [name for name, _ in module.named_parameters()]
    assert names == ["W1[1,2]", "leaf1", "leaf2", "leaf3", "leaf4", "leaf5"]
    assert module.labels == ["W1[1,2]", "w.1", "", "W1[1,2]", "constants", "leaf2"]
    assert sorted(module.state_dict()) == sorted(["constants", *names])
    with pytest.raises(GraphLookupError, match="no leaf named 'w'"):
        module({"w": 1.0})


def test_the_module_behaves_as_torch_modules_do():
    root = documents.module("tap-and-knob").build().root
    module = to_torch(root)
    expected = module().item()
    assert module.eval()().item() == expected and module.train()().item() == expected
    assert copy.deepcopy(module)().item() == expected
    in_float32 = copy.deepcopy(module).float()
    assert in_float32().dtype == torch.float32 and in_float32.constants.dtype == torch.float32
    assert math.isclose(in_float32().item(), expected, rel_tol=1e-6)
    again = pickle.loads(pickle.dumps(module))
    assert isinstance(again, RecordedGraph) and again().item() == expected
    saved = io.BytesIO()
    torch.save(module.state_dict(), saved)
    document = documents.module("tap-and-knob")
    other = to_torch(document.build({**document.VALUES, "W1": 9.0}).root)
    other.load_state_dict(torch.load(io.BytesIO(saved.getvalue())))
    assert other().item() == expected
    shown = repr(module)
    assert shown.startswith("RecordedGraph(\n  ℓ from 12 leaves: y, W5, W1, X1, W2, X2, b1,")
    assert "\n  23 ops: sub ×3 → (a - b), neg ×1 → (-a), mul ×8 → (a * b)," in shown
    assert "sigmoid ×3 → torch.sigmoid(a), log ×2 → torch.log(a)\n)" in shown


def test_to_torch_refuses_what_is_not_a_graph():
    with pytest.raises(TypeError, match="to_torch takes the output Value of a graph"):
        to_torch(3.0)
