"""The relu-network document: a 2-3-3-1 network with ReLU hidden layers, worked by hand.

Source: "Deep Learning - The Mathematics Behind Neural Network - Part 2" (seed 002).
Inputs x1 = 0.23, x2 = 0.55; weights w1..w18 = 0.1..0.9 twice; biases b1..b7 = 0.1,
−0.4, 0.3, −0.5, 0.5, 0.6, −0.7 (the page's plain text lost some minus signs; its LaTeX,
on the same line, has them). Weights are numbered input by input: w1, w2, w3 leave x1
for n3, n4, n5 and w4, w5, w6 leave x2; w7, w8, w9 leave n3 for n6, n7, n8, and so on;
w16, w17, w18 join n6, n7, n8 to n9. Hidden nodes use ReLU, the output a sigmoid; the
error is E = ½(y − ŷ)² with target y = 0.01; the learning rate η is 0.01. Nodes carry
the document's names: net_n3, out_n3, …, out_n9 (its ŷ), E. Every number is the
document's; only the length of the training runs is chosen here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial as partial_

from ..check.descent import ENGINE, Procedure, descend
from ..check.network import Builder, Network, labelled_inputs
from ..check.printed import rounds_to, shown_like
from ..core.gradients import grad
from ..core.graph import topological_order
from ..core.value import Value
from .claims import AT_VALUES, Claim, Found, Measure, arithmetic, fact, partial, statement, value
from .document import Document, Section
from .measures import at_values, chain, depends_on_parameters, paths_through, roles
from .result import Citation, DocumentResult, LeftOut

NAME = "relu-network"
TITLE = "Deep Learning - The Mathematics Behind Neural Network - Part 2"
SOURCE = "002_2a4271f74d52a17d.txt"
LEARNING_RATE = 0.01
STEPS = 100  # the training runs (lines 110 and 165), chosen here

VALUES: dict[str, float] = {"x1": 0.23, "x2": 0.55, "y": 0.01}
VALUES.update({f"w{i}": round(0.1 * (1 + (i - 1) % 9), 1) for i in range(1, 19)})
VALUES.update({f"b{i}": b for i, b in enumerate((0.1, -0.4, 0.3, -0.5, 0.5, 0.6, -0.7), 1)})
PARAMETERS = tuple(f"w{i}" for i in range(1, 19)) + tuple(f"b{i}" for i in range(1, 8))


def build(values: Mapping[str, float] = VALUES) -> Network:
    """The network at `values`, node by node as the document writes it; its root is E."""
    v = {label: Value(number, label) for label, number in values.items()}
    inputs = [v["x1"], v["x2"]]
    # Numbered input by input: the weight from input k to node j is w[k*width + j].
    layer1 = _relu_layer(v, inputs, first_weight=1, first_bias=1, first_node=3)
    layer2 = _relu_layer(v, layer1, first_weight=7, first_bias=4, first_node=6)
    net_n9 = v["w16"] * layer2[0] + v["w17"] * layer2[1] + v["w18"] * layer2[2] + v["b7"]
    out_n9 = net_n9.labelled("net_n9").sigmoid().labelled("out_n9")
    error = (0.5 * (v["y"] - out_n9) ** 2).labelled("E")
    return Network.of(error, PARAMETERS)


def _relu_layer(
    v: dict[str, Value], inputs: list[Value], first_weight: int, first_bias: int, first_node: int
) -> list[Value]:
    outs = []
    for j in range(3):
        net = v[f"b{first_bias + j}"]
        terms = [v[f"w{first_weight + 3 * k + j}"] * x for k, x in enumerate(inputs)]
        net = (sum(terms[1:], terms[0]) + net).labelled(f"net_n{first_node + j}")
        outs.append(net.relu().labelled(f"out_n{first_node + j}"))
    return outs


def _synapses(net: Network, inputs_too: bool = False) -> Found:
    """Nodes and biases, synapses and weights: the nodes those that compute (net_n3 to
    net_n9), or with `inputs_too` the inputs as well (n1 and n2, by the numbering)."""
    weights = {net.nodes[p] for p in net.parameters if p.startswith("w")}
    synapses = sum(1 for node in topological_order(net.root) if weights & set(node.parents))
    nodes = [label for label in net.nodes if label.startswith("net_")]
    if inputs_too:
        nodes += _inputs_of(net)
    biases = [p for p in net.parameters if p.startswith("b")]
    phrase = f"{len(nodes)} nodes with {len(biases)} biases; {synapses} synapses with {len(weights)} weights"
    return Found(
        phrase,
        (float(len(biases)), float(len(weights))),
        "a synapse: a product of a weight and the value it carries",
    )


def _inputs_of(net: Network) -> list[str]:
    """The leaves a weight multiplies that are not parameters."""
    weights = {net.nodes[p] for p in net.parameters if p.startswith("w")}
    return sorted(
        {
            parent.label
            for node in topological_order(net.root)
            if weights & set(node.parents)
            for parent in node.parents
            if parent.op is None and parent not in weights
        }
    )


def _inputs(net: Network) -> Found:
    found = _inputs_of(net)
    return Found(
        f"the inputs are {', '.join(found)}",
        float(len(found)),
        "inputs: the leaves a weight multiplies that are not parameters",
    )


def _closer(build_: Builder, values: Mapping[str, float]) -> Found:
    before = build_(values)
    slopes = grad(before.root, [before.nodes[p] for p in before.parameters])
    stepped = dict(values)
    for p, slope in zip(before.parameters, slopes, strict=True):
        stepped[p] -= LEARNING_RATE * slope
    after = build_(stepped)
    ŷ, y = before.nodes["out_n9"].data, values["y"]
    closer = abs(after.nodes["out_n9"].data - y) < abs(ŷ - y)
    moves = "moves closer to" if closer else "does not move closer to"
    falls = "E falls" if after.root.data < before.root.data else "E does not fall"
    return Found(
        f"ŷ {moves} y and {falls}",
        after.root.data,
        f"one step of η = {LEARNING_RATE:g} with {ENGINE}: ŷ {ŷ:.6g} → {after.nodes['out_n9'].data:.6g} "
        f"(y = {y:g}); E {before.root.data:.6g} → {after.root.data:.6g}",
        "E after the run's one step",
    )


def _into_n3(net: Network) -> Found:
    """The inputs (leaves that are no parameter) and weights that n3's net input reads."""
    below = labelled_inputs(net.nodes["net_n3"])
    weights = [label for label in below if label in net.parameters and label.startswith("w")]
    inputs = [label for label in below if label not in net.parameters]
    return Found(
        f"n3 receives {len(inputs)} inputs ({', '.join(inputs)}) through {len(weights)} synapses "
        f"({', '.join(weights)})",
        float(len(inputs)),
        f"net_n3 reads {', '.join(below)}",
    )


def _activations(net: Network) -> Found:
    """Whether each node's output is one op applied to its net input, and nothing else."""
    outs = sorted(label for label in net.nodes if label.startswith("out_n"))
    alone = [
        label
        for label in outs
        if labelled_inputs(net.nodes[label]) == ["net_n" + label.removeprefix("out_n")]
    ]
    phrase = (
        "each node's output is an activation of its net input alone"
        if alone == outs
        else f"{len(outs) - len(alone)} nodes' outputs read more than their net input"
    )
    return Found(
        phrase, float(len(alone)), f"{len(alone)} of {len(outs)} outputs: {', '.join(outs)}"
    )


def _second_layer_inputs(net: Network) -> Found:
    """What the nodes of the second hidden layer read, besides their parameters."""
    read = sorted(
        {
            label
            for node in ("net_n6", "net_n7", "net_n8")
            for label in labelled_inputs(net.nodes[node])
            if label not in net.parameters
        }
    )
    return Found(
        f"the inputs of n6, n7, n8 are {', '.join(read)}",
        float(len(read)),
        "what net_n6, net_n7 and net_n8 read, their weights and biases aside",
    )


def _outputs(net: Network) -> Found:
    """The nodes E reads that the network computes: the output layer's."""
    outputs = [label for label in labelled_inputs(net.root) if label not in ("y",)]
    outputs = [label for label in outputs if depends_on_parameters(net, label)]
    return Found(
        f"{len(outputs)} output node{'s' if len(outputs) != 1 else ''} ({', '.join(outputs)})",
        float(len(outputs)),
        f"E reads {', '.join(labelled_inputs(net.root))}; the network computes {', '.join(outputs)}",
    )


def _through_output(net: Network) -> Found:
    """Whether every path from E to a hidden layer's weight or bias crosses net_n9."""
    hidden = [p for p in net.parameters if p not in ("w16", "w17", "w18", "b7")]
    paths = [path for p in hidden for path in paths_through(net, p)]
    crossing = [path for path in paths if "net_n9" in path]
    phrase = (
        "every path from E to a hidden layer's parameter goes through the output node n9"
        if paths and len(crossing) == len(paths)
        else "some path from E to a hidden layer's parameter avoids the output node n9"
    )
    return Found(
        phrase,
        float(len(crossing)),
        f"{len(crossing)} of the {len(paths)} paths from E to {len(hidden)} hidden-layer "
        "parameters go through net_n9",
    )


def _ideal_moves(build_: Builder, values: Mapping[str, float]) -> Found:
    """One step of the rule: whether the target y moves closer to ŷ (it is no parameter,
    so a step cannot move it), what ŷ does, and whether E falls."""
    before = build_(values)
    slopes = grad(before.root, [before.nodes[p] for p in before.parameters])
    stepped = dict(values)
    for p, slope in zip(before.parameters, slopes, strict=True):
        stepped[p] -= LEARNING_RATE * slope
    after = build_(stepped)
    y0, y1 = before.nodes["y"].data, after.nodes["y"].data
    ŷ0, ŷ1 = before.nodes["out_n9"].data, after.nodes["out_n9"].data
    y_moves = "moves closer to ŷ" if abs(y1 - ŷ1) < abs(y0 - ŷ0) and y1 != y0 else "stays"
    ŷ_moves = "moves closer to y" if abs(ŷ1 - y1) < abs(ŷ0 - y0) else "does not move closer to y"
    falls = "E falls" if after.root.data < before.root.data else "E does not fall"
    phrase = (
        f"y moves closer to ŷ and {falls}"
        if y_moves != "stays"
        else f"y stays; ŷ {ŷ_moves} and {falls}"
    )
    return Found(
        phrase,
        ŷ1,
        f"one step of η = {LEARNING_RATE:g} with {ENGINE}: y {y0:g} → {y1:g} (a given number, no parameter); "
        f"ŷ {ŷ0:.6g} → {ŷ1:.6g}; E {before.root.data:.6g} → {after.root.data:.6g}",
        "ŷ after the run's one step",
    )


def _updated_on_159(net: Network) -> Found:
    """The parameters whose value and gradient print as line 159's 0.7 and 0.03008."""
    net.root.backward()
    found = [
        p
        for p in net.parameters
        if rounds_to(net.nodes[p].data, "0.7") and rounds_to(net.nodes[p].grad, "0.03008")
    ]
    return Found(
        f"the update that follows is of {', '.join(found) or 'no parameter'}",
        net.nodes[found[0]].grad if found else None,
        "the parameters whose value prints as 0.7 and gradient as 0.03008 (line 159)",
        f"its gradient, {AT_VALUES}",
    )


def _one_path_each() -> Procedure:
    """The post's chain rule as it writes it (lines 104, 125, 141, 163): one product per
    parameter, one path: a first-layer parameter's through n6, as line 163 writes w1's."""
    delta = "(out_n9 − y)·out_n9·(1 − out_n9)"
    slopes = {f"w{16 + j}": f"{delta}·out_n{6 + j}" for j in range(3)} | {"b7": delta}
    into = {6 + j: f"{delta}·w{16 + j}·[net_n{6 + j} > 0]" for j in range(3)}
    for k, source in enumerate(("out_n3", "out_n4", "out_n5")):  # w7…w15 leave n3, n4, n5
        for j in range(3):
            slopes[f"w{7 + 3 * k + j}"] = f"{into[6 + j]}·{source}"
    slopes.update({f"b{4 + j}": into[6 + j] for j in range(3)})
    for j in range(3):  # n3, n4, n5, reached through n6 alone
        through = f"{into[6]}·w{7 + 3 * j}·[net_n{3 + j} > 0]"
        slopes.update(
            {f"w{1 + j}": f"{through}·x1", f"w{4 + j}": f"{through}·x2", f"b{1 + j}": through}
        )
    return Procedure(
        "the post's chain rule as written: one path per parameter, the first layer's through n6 "
        "(line 163)",
        slopes,
    )


ONE_PATH = _one_path_each()


def _error_falls(procedure: Procedure | None) -> Measure:
    def measure(build_: Builder, values: Mapping[str, float]) -> Found:
        run = descend(build_, values, LEARNING_RATE, STEPS, procedure=procedure)
        phrase = (
            "E falls at every step" if run.falls_every_step else "E does not fall at every step"
        )
        return Found(phrase, run.losses[-1], run.says())

    return measure


def _update(parameter: str, printed: str, says: str, line: int, quote: str) -> Claim:
    return Claim(
        kind="update",
        says=says,
        line=line,
        quote=quote,
        stated=printed,
        of=parameter,
        step=LEARNING_RATE,
        reading=f"the new {parameter}: one step of η = 0.01 along −∂E/∂{parameter}",
    )


def _rule(says: str, line: int, quote: str) -> Claim:
    """An update rule of the post, run as it teaches it (its chain rule's slopes), and on
    the engine's gradient."""
    engine = Claim(
        kind="rule",
        says=says,
        line=line,
        quote=quote,
        stated=-1.0,
        of="E",
        step=LEARNING_RATE,
        steps=STEPS,
        reading="η = 0.01 (line 112), run on every weight and bias, ∂E_total/∂p the derivative "
        "itself (the engine's)",
    )
    return replace(
        engine,
        procedure=ONE_PATH,
        reading=f"η = 0.01 (line 112), run on every weight and bias with {ONE_PATH.name}",
        others=(engine,),
    )


def _relu_line(line: int, node: int, net_value: str, out_value: str) -> Claim:
    """A line `out_nK = max(0, a) = b`: one statement of three parts, the net input a,
    the output b, and the arithmetic max(0, a) = b."""
    says = f"out_n{node} = max(0, {net_value}) = {out_value}"
    quote = f"out_{{n_{node}}} = max(0, {net_value.replace('−', '-')}) = {out_value}"
    return statement(
        says,
        line,
        quote,
        value(
            says=f"net_n{node} = {net_value}",
            line=line,
            quote=quote,
            node=f"net_n{node}",
            printed=net_value,
            reading=f"{net_value} is net_n{node}",
        ),
        value(
            says=f"out_n{node} = {out_value}",
            line=line,
            quote=quote,
            node=f"out_n{node}",
            printed=out_value,
        ),
        arithmetic(
            says=f"max(0, {net_value}) = {out_value}",
            line=line,
            quote=quote,
            expression=f"relu({net_value})",
            printed=out_value,
            reading="max(0, a) computed as written: relu(a)",
        ),
    )


def _worked(
    says: str,
    line: int,
    quote: str,
    expression: str,
    printed: str,
    *first: Claim,
    written: str = "",
    correct: Callable[[Network], str] | None = None,
) -> Claim:
    """A line that states a quantity and the arithmetic that gives it: one statement,
    its parts the quantity (`first`) and the arithmetic as written (as the line prints
    it: `written`, when that is not `expression`)."""
    done = arithmetic(
        says=f"{written or expression} = {printed}, as written",
        line=line,
        quote=quote,
        expression=expression,
        printed=printed,
        correct=correct,
    )
    return statement(says, line, quote, *first, done)


def _new_value(
    line: int, parameter: str, old: str, gradient: str, new: str, gradient_printed: bool = False
) -> Claim:
    """A line `w_new = old − 0.01·gradient = new`: one statement, its parts the new value
    (one step of the rule), the arithmetic as printed, and, when the gradient is printed
    here and nowhere before (`gradient_printed`), that gradient."""
    says = f"{parameter}_new = {old} − 0.01·{gradient} = {new}"
    quote = f"{old} - 0.01 \\cdot {gradient} = {new}".replace("−", "-")
    first = []
    if gradient_printed:
        first.append(
            partial(
                says=f"∂E_total/∂{parameter} = {gradient}",
                line=line,
                quote=quote.rsplit(" = ", 1)[0],
                of="E",
                wrt=parameter,
                stated=gradient,
                reading=f"the gradient the update of {parameter} uses",
            )
        )
    first.append(_update(parameter, new, f"{parameter}_new = {new}", line, quote))

    def with_right_gradient(net: Network) -> str:
        slope = grad(net.root, net.nodes[parameter])
        return f"{old} − 0.01·{shown_like(slope, gradient)}"

    expression = f"{old} − 0.01·{gradient}"
    return _worked(says, line, quote, expression, new, *first, correct=with_right_gradient)


DELTA = "(out_n9 − y)·out_n9·(1 − out_n9)"
NET9 = "w16·out_n6 + w17·out_n7 + w18·out_n8 + b7"
HALF = "0.5·(y − out_n9)²"
USUAL_NAMES = (
    "the words as they are meant elsewhere: the ideal output is the target y = 0.01 (given), the "
    "actual output the network's ŷ = out_n9"
)

CLAIMS: tuple[Claim, ...] = (
    fact(
        kind="structure",
        says="each node is associated with a bias b_i, and each synapse has a weight w_i",
        line=14,
        quote="Each node is associated with a bias",
        stated="7 nodes with 7 biases; 18 synapses with 18 weights",
        measure=at_values(_synapses),
        reading="a node: one that computes (n3 to n9)",
        others=(
            fact(
                kind="structure",
                says="each node is associated with a bias b_i, and each synapse has a weight w_i",
                line=14,
                quote="Each node is associated with a bias",
                stated="9 nodes with 9 biases; 18 synapses with 18 weights",
                measure=at_values(partial_(_synapses, inputs_too=True)),
                reading="a node: the inputs too (n1 and n2, as the numbering from n3 implies)",
            ),
        ),
    ),
    statement(
        "The initial input values are x1 and x2, and ŷ represents the target output value",
        14,
        "The initial input values are",
        fact(
            kind="structure",
            says="the initial input values are x1 and x2",
            line=14,
            quote="The initial input values are",
            stated="the inputs are x1, x2",
            measure=at_values(_inputs),
        ),
        fact(
            kind="role",
            says="ŷ represents the target output value",
            line=14,
            quote="represents the target output value",
            stated="ŷ is a given number",
            measure=roles(("ŷ", "out_n9")),
            reading="a target is given with the data, not computed by the network; ŷ is out_n9 (line 63)",
        ),
    ),
    fact(
        kind="structure",
        says="the node n3 receives two inputs through the two synapses",
        line=25,
        quote="it receives two inputs through the two synapses",
        stated="n3 receives 2 inputs (x1, x2) through 2 synapses (w1, w4)",
        measure=at_values(_into_n3),
    ),
    fact(
        kind="structure",
        says="It finds its total net input and applies an activation function to the total net input "
        "to get the output of node n3",
        line=25,
        quote="It finds its total net input and applies an activation function",
        stated="each node's output is an activation of its net input alone",
        measure=at_values(_activations),
        reading="every node of the network, n3 to n9: out_nK is one function of net_nK",
    ),
    Claim(
        kind="definition",
        says="net_n3 = w1·x1 + w4·x2 + b1",
        line=27,
        quote=r"net_{n_3} = w_1 \cdot x_1 + w_4 \cdot x_2 + b_1",
        stated="w1·x1 + w4·x2 + b1",
        of="net_n3",
    ),
    _worked(
        "net_n3 = 0.1·0.23 + 0.4·0.55 + 0.1 = 0.343",
        29,
        r"0.1 \cdot 0.23 + 0.4 \cdot 0.55 + 0.1 = 0.343",
        "0.1·0.23 + 0.4·0.55 + 0.1",
        "0.343",
        value(
            says="net_n3 = 0.343",
            line=29,
            quote=r"0.4 \cdot 0.55 + 0.1 = 0.343",
            node="net_n3",
            printed="0.343",
        ),
    ),
    Claim(
        kind="definition",
        says="out_n3 = max(0, net_n3)",
        line=31,
        quote="max(0, net*{n_3})",
        stated="relu(net_n3)",
        of="out_n3",
    ),
    _worked(
        "out_n3 = max(0, 0.343) = 0.343",
        33,
        "max(0, 0.343) = 0.343",
        "relu(0.343)",
        "0.343",
        value(
            says="out_n3 = 0.343",
            line=33,
            quote="max(0, 0.343) = 0.343",
            node="out_n3",
            printed="0.343",
        ),
    ),
    _relu_line(37, 4, "−0.079", "0"),
    _relu_line(39, 5, "0.699", "0.699"),
    fact(
        kind="structure",
        says="the output of the nodes in the hidden layer 1 becomes the input of the nodes in the hidden layer 2",
        line=41,
        quote="becomes the input of the nodes in the hidden layer 2",
        stated="the inputs of n6, n7, n8 are out_n3, out_n4, out_n5",
        measure=at_values(_second_layer_inputs),
    ),
    _relu_line(47, 6, "0.0197", "0.0197"),
    _relu_line(49, 7, "1.1239", "1.1239"),
    _relu_line(51, 8, "1.3281", "1.3281"),
    fact(
        kind="structure",
        says="the nodes in the output layer, which in this case is only one node",
        line=55,
        quote="which in this case is only one node",
        stated="1 output node (out_n9)",
        measure=at_values(_outputs),
    ),
    Claim(
        kind="definition",
        says="net_n9 = w16·out_n6 + w17·out_n7 + w18·out_n8 + b7",
        line=57,
        quote=r"w*{16} \cdot out*{n_6}",
        stated=NET9,
        of="net_n9",
    ),
    value(
        says="net_n9 = 1.4082", line=59, quote="net_{n_9} = 1.4082", node="net_n9", printed="1.4082"
    ),
    Claim(
        kind="identity",
        says="σ(x) = 1/(1 + e^−x)",
        line=61,
        quote=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        stated="1/(1 + exp(−net_n9))",
        of="sigmoid(net_n9)",
        reading="checked with x = net_n9",
    ),
    Claim(
        kind="definition",
        says="ŷ = out_n9 = σ(net_n9) = 1/(1 + e^−net_n9)",
        line=63,
        quote=r"\hat{y} = out*{n_9} = \sigma(net*{n*9})",
        stated="1/(1 + exp(−net_n9))",
        of="out_n9",
    ),
    _worked(
        "ŷ = σ(1.4082) = 1/(1 + e^−1.4082) = 0.8035",
        65,
        r"\frac{1}{1 + e^{-1.4082}} = 0.8035",
        "1/(1 + exp(−1.4082))",
        "0.8035",
        value(
            says="ŷ = out_n9 = 0.8035",
            line=65,
            quote=r"e^{-1.4082}} = 0.8035",
            node="out_n9",
            printed="0.8035",
        ),
    ),
    partial(
        says="the Squared Error with a multiplier of ½ so that the derivative will be much cleaner",
        line=68,
        quote="so that the derivative we will be doing later on will be much cleaner",
        of="E",
        wrt="out_n9",
        stated="out_n9 − y",
        reading="'cleaner': with the ½, ∂E/∂ŷ = ŷ − y, with no factor 2",
    ),
    Claim(
        kind="definition",
        says="E(y, ŷ) = ½ Σ (y − ŷ)²",
        line=70,
        quote=r"\frac{1}{2}\sum (y - \hat{y})^2",
        stated=HALF,
        of="E",
        reading="one output, so the sum has one term",
    ),
    fact(
        kind="role",
        says="ŷ represents the ideal output and y represents the actual output",
        line=72,
        quote="represents the ideal output and",
        stated="ŷ is a given number; y is computed by the network",
        measure=roles(("ŷ", "out_n9"), ("y", "y")),
        reading="the ideal output is given with the data; the actual output is computed by the network",
    ),
    Claim(
        kind="definition",
        says="E(y, ŷ) = ½ (y − ŷ)²",
        line=74,
        quote=r"\frac{1}{2} (y - \hat{y})^2",
        stated=HALF,
        of="E",
    ),
    _worked(
        "E(0.01, 0.8035) = ½(0.01 − 0.8035)² = 0.315",
        76,
        r"(0.01 - 0.8035)^2 = 0.315",
        "0.5·(0.01 − 0.8035)²",
        "0.315",
        value(says="E = 0.315", line=76, quote="0.8035)^2 = 0.315", node="E", printed="0.315"),
        written="½(0.01 − 0.8035)²",
    ),
    statement(
        "since we have only one output we can say that E_total = 0.315",
        78,
        "since we have only one output we can say that",
        fact(
            kind="structure",
            says="we have only one output",
            line=78,
            quote="since we have only one output",
            stated="1 output node (out_n9)",
            measure=at_values(_outputs),
        ),
        value(
            says="E_total = 0.315", line=78, quote="E_{total} = 0.315", node="E", printed="0.315"
        ),
    ),
    fact(
        kind="training",
        says="backpropagation which updates the weights and biases. This is done to bring the ideal "
        "output closer to the actual output, which also reduces the total error",
        line=82,
        quote="to bring the ideal output closer to the actual output",
        stated="y moves closer to ŷ and E falls",
        measure=_ideal_moves,
        reading="one step of the rule of line 110 (η = 0.01) on every weight and bias; "
        + USUAL_NAMES,
        others=(
            fact(
                kind="training",
                says="… bring the ideal output closer to the actual output …",
                line=82,
                quote="to bring the ideal output closer to the actual output",
                stated="ŷ moves closer to y and E falls",
                measure=_closer,
                reading="the names line 72 gives (ŷ the ideal output, y the actual output), which "
                "lines 14 and 72 are judged wrong for",
            ),
        ),
    ),
    fact(
        kind="structure",
        says="∂E_total/∂w16 = ∂E_total/∂out_n9 · ∂out_n9/∂net_n9 · ∂net_n9/∂w16",
        line=88,
        quote=r"\frac{\partial net*{n*9}}{\partial w*{16}}",
        stated="E → out_n9 → net_n9 → w16",
        measure=chain("w16", "E → out_n9 → net_n9 → w16"),
        reading="a chain rule written as one product claims one path from E to w16",
    ),
    Claim(
        kind="definition",
        says="E_total = ½ Σ (y − ŷ)² = ½ (y − out_n9)²",
        line=90,
        quote=r"\frac{1}{2} (y - out*{n_9})^2",
        stated=HALF,
        of="E",
    ),
    _worked(
        "∂E_total/∂out_n9 = out_n9 − y = 0.8035 − 0.01 = 0.7935",
        92,
        "out*{n_9} - y = 0.8035 - 0.01 = 0.7935",
        "0.8035 − 0.01",
        "0.7935",
        partial(
            says="∂E_total/∂out_n9 = out_n9 − y = 0.7935",
            line=92,
            quote="out*{n_9} - y = 0.8035 - 0.01 = 0.7935",
            of="E",
            wrt="out_n9",
            stated=("out_n9 − y", "0.7935"),
        ),
    ),
    Claim(
        kind="definition",
        says="out_n9 = 1/(1 + e^−net_n9)",
        line=94,
        quote=r"out*{n_9} = \frac{1}{1 + e^{-net*{n_9}}}",
        stated="1/(1 + exp(−net_n9))",
        of="out_n9",
    ),
    _worked(
        "∂out_n9/∂net_n9 = out_n9(1 − out_n9) = 0.8035·(1 − 0.8035) = 0.1579",
        96,
        r"out*{n*9}(1 - out*{n_9}) = 0.8035 \cdot (1 - 0.8035) = 0.1579",
        "0.8035·(1 − 0.8035)",
        "0.1579",
        partial(
            says="∂out_n9/∂net_n9 = out_n9(1 − out_n9) = 0.1579",
            line=96,
            quote=r"out*{n*9}(1 - out*{n_9}) = 0.8035 \cdot (1 - 0.8035) = 0.1579",
            of="out_n9",
            wrt="net_n9",
            stated=("out_n9·(1 − out_n9)", "0.1579"),
        ),
    ),
    Claim(
        kind="definition",
        says="net_n9 = w16·out_n6 + w17·out_n7 + w18·out_n8 + b7 (again)",
        line=98,
        quote=r"w*{16} \cdot out*{n_6}",
        stated=NET9,
        of="net_n9",
    ),
    partial(
        says="∂net_n9/∂w16 = out_n6 = 0.0197",
        line=100,
        quote="out_{n_6} = 0.0197",
        of="net_n9",
        wrt="w16",
        stated=("out_n6", "0.0197"),
    ),
    partial(
        says="∂E_total/∂w16 = (out_n9 − y)·out_n9·(1 − out_n9)·out_n6",
        line=104,
        quote=r"= (out*{n_9} - y) \cdot out*{n*9} \cdot (1 - out*{n*9}) \cdot out*{n_6}",
        of="E",
        wrt="w16",
        stated=f"{DELTA}·out_n6",
    ),
    _worked(
        "∂E_total/∂w16 = (0.7935)·(0.1579)·0.0197 = 0.0025",
        106,
        r"(0.7935) \cdot (0.1579) \cdot 0.0197 = 0.0025",
        "0.7935·0.1579·0.0197",
        "0.0025",
        partial(
            says="∂E_total/∂w16 = 0.0025",
            line=106,
            quote="0.0197 = 0.0025",
            of="E",
            wrt="w16",
            stated="0.0025",
        ),
    ),
    _rule("w16_new = w16_old − η·∂E_total/∂w16", 110, r"w*{16}^{\text{old}} - \eta"),
    _new_value(114, "w16", "0.7", "0.0025", "0.699975"),
    _new_value(118, "w17", "0.8", "0.0850", "0.798592", gradient_printed=True),
    _new_value(120, "w18", "0.9", "0.1003", "0.898336", gradient_printed=True),
    fact(
        kind="structure",
        says="∂E_total/∂b7 = ∂E_total/∂out_n9 · ∂out_n9/∂net_n9 · ∂net_n9/∂b7",
        line=125,
        quote=r"\frac{\partial net*{n*9}}{\partial b*{7}}",
        stated="E → out_n9 → net_n9 → b7",
        measure=chain("b7", "E → out_n9 → net_n9 → b7"),
        reading="a chain rule written as one product claims one path from E to b7",
    ),
    Claim(
        kind="definition",
        says="net_n9 = w16·out_n6 + w17·out_n7 + w18·out_n8 + b7 (once more)",
        line=127,
        quote=r"w*{16} \cdot out*{n_6}",
        stated=NET9,
        of="net_n9",
    ),
    partial(
        says="∂net_n9/∂b7 = 1",
        line=129,
        quote=r"\frac{\partial net_{n_9}}{\partial b_7} = 1",
        of="net_n9",
        wrt="b7",
        stated="1",
    ),
    _worked(
        "∂E_total/∂b7 = (0.7935)·(0.1579)·1 = 0.1253",
        131,
        r"(0.7935) \cdot (0.1579) \cdot 1 = 0.1253",
        "0.7935·0.1579·1",
        "0.1253",
        partial(
            says="∂E_total/∂b7 = 0.1253",
            line=131,
            quote=r"\cdot 1 = 0.1253",
            of="E",
            wrt="b7",
            stated="0.1253",
        ),
    ),
    _rule("b7_new = b7_old − η·∂E_total/∂b7", 133, r"b_7^{\text{old}} - \eta"),
    _new_value(135, "b7", "−0.7", "0.1253", "−0.701253"),
    fact(
        kind="structure",
        says="To update the weights and biases in the hidden layers, we need to propagate the error "
        "backward from the output layer to the hidden layers",
        line=139,
        quote="propagate the error backward from the output layer to the hidden layers",
        stated="every path from E to a hidden layer's parameter goes through the output node n9",
        measure=at_values(_through_output),
    ),
    fact(
        kind="structure",
        says="∂E_total/∂w7 = ∂E_total/∂out_n9·∂out_n9/∂net_n9·∂net_n9/∂out_n6·∂out_n6/∂net_n6·∂net_n6/∂w7",
        line=141,
        quote=r"\frac{\partial net*{n_6}}{\partial w_7}",
        stated="E → out_n9 → net_n9 → out_n6 → net_n6 → w7",
        measure=chain("w7", "E → out_n9 → net_n9 → out_n6 → net_n6 → w7"),
        reading="a chain rule written as one product claims one path from E to w7",
    ),
    partial(
        says="∂E_total/∂out_n9 = 0.7935",
        line=143,
        quote="= 0.7935",
        of="E",
        wrt="out_n9",
        stated="0.7935",
    ),
    partial(
        says="∂out_n9/∂net_n9 = 0.1579",
        line=145,
        quote="= 0.1579",
        of="out_n9",
        wrt="net_n9",
        stated="0.1579",
    ),
    partial(
        says="∂net_n9/∂out_n6 = w16 = 0.7",
        line=147,
        quote="= w*{16} = 0.7",
        of="net_n9",
        wrt="out_n6",
        stated=("w16", "0.7"),
    ),
    statement(
        "∂out_n6/∂net_n6 = 1 if net_n6 > 0, 0 otherwise; = 1 (since net_n6 = 0.0197 > 0)",
        149,
        r"\text{ (since } net*{n_6} = 0.0197 > 0)",
        partial(
            says="∂out_n6/∂net_n6 = 1 if net_n6 > 0, 0 otherwise; = 1",
            line=149,
            quote=r"\text{ (since } net*{n_6} = 0.0197 > 0)",
            of="out_n6",
            wrt="net_n6",
            stated=("[net_n6 > 0]", "1"),
        ),
        value(
            says="net_n6 = 0.0197 > 0",
            line=149,
            quote="net*{n_6} = 0.0197 > 0",
            node="net_n6",
            printed="0.0197",
        ),
    ),
    partial(
        says="∂net_n6/∂w7 = out_n3 = 0.343",
        line=151,
        quote="= out_{n_3} = 0.343",
        of="net_n6",
        wrt="w7",
        stated=("out_n3", "0.343"),
    ),
    _worked(
        "∂E_total/∂w7 = 0.7935·0.1579·0.7·1·0.343 = 0.03008",
        153,
        "0.343 = 0.03008",
        "0.7935·0.1579·0.7·1·0.343",
        "0.03008",
        partial(
            says="∂E_total/∂w7 = 0.03008",
            line=153,
            quote="0.343 = 0.03008",
            of="E",
            wrt="w7",
            stated="0.03008",
        ),
    ),
    fact(
        kind="structure",
        says="Now, update the weight w10 using the learning rate η = 0.01",
        line=155,
        quote="update the weight",
        stated="the update that follows is of w10",
        measure=at_values(_updated_on_159),
        reading="the weight updated by the equations that follow (lines 157–159)",
    ),
    _rule("w7_new = w7_old − η·∂E_total/∂w7", 157, r"w*{7}^{\text{old}} - \eta"),
    _new_value(159, "w7", "0.7", "0.03008", "0.699"),
    fact(
        kind="structure",
        says="∂E_total/∂w1 = ∂E_total/∂out_n9·∂out_n9/∂net_n9·∂net_n9/∂out_n6·∂out_n6/∂net_n6·"
        "∂net_n6/∂out_n3·∂out_n3/∂net_n3·∂net_n3/∂w1",
        line=163,
        quote=r"{\partial net*{n*3}} \cdot \frac{\partial net*{n*3}}{\partial w*{1}}",
        stated="E → out_n9 → net_n9 → out_n6 → net_n6 → out_n3 → net_n3 → w1",
        measure=chain("w1", "E → out_n9 → net_n9 → out_n6 → net_n6 → out_n3 → net_n3 → w1"),
        reading="a chain rule written as one product claims one path from E to w1; "
        "out_n3 feeds n6, n7 and n8, so ∂E/∂w1 is a sum over every path",
    ),
    fact(
        kind="training",
        says="By iterating this process (training), the total error decreases",
        line=165,
        quote="the total error decreases",
        stated="E falls at every step",
        measure=_error_falls(ONE_PATH),
        reading=f"'this process' as the post writes it: {STEPS} steps of the rule of line 110 with "
        f"η = 0.01 on every weight and bias, with {ONE_PATH.name}",
        others=(
            fact(
                kind="training",
                says="By iterating this process (training), the total error decreases",
                line=165,
                quote="the total error decreases",
                stated="E falls at every step",
                measure=_error_falls(None),
                reading=f"{STEPS} steps of the rule of line 110 with η = 0.01 on every weight and "
                "bias, on the engine's gradient",
            ),
        ),
    ),
)

SECTIONS = (
    Section(3, "Deep Learning - The Mathematics Behind Neural Network - Part 2"),
    Section(11, "Introduction to Neural Network Structure"),
    Section(16, "Initializing Inputs, Weights, and Biases"),
    Section(23, "Forward Propagation Through Hidden Layers"),
    Section(53, "Computing Output Layer Activation"),
    Section(68, "## Calculating Total Error", "Calculating Total Error"),
    Section(80, "Backpropagation and Weight Updates"),
    Section(137, "Iterative Training and Error Reduction"),
)

LEFT_OUT = (
    LeftOut(1, 1, "an e-mail address"),
    LeftOut(5, 9, "the date and the series' introduction: nothing about the network"),
    LeftOut(18, 18, "announces the values of line 21"),
    LeftOut(
        21,
        21,
        "the values, used as given: the LaTeX's, where b2, b4 and b7 are negative (the plain "
        "text beside it lost the minus signs; the printed forward values need them)",
    ),
    LeftOut(
        25,
        25,
        "ReLU in the hidden layers and a sigmoid at the output: a choice that defines the network "
        "built here, whose equations (lines 27–31, 57–65) are checked",
        "we will use [ReLu]",
    ),
    LeftOut(35, 35, "announces lines 37–39"),
    LeftOut(42, 44, "a picture, and an announcement of lines 47–51"),
    LeftOut(
        55,
        55,
        "a sigmoid at the output node: a choice that defines the network (line 63 is checked)",
        "we will be using the Sigmoid function as the activation function",
    ),
    LeftOut(68, 68, "says that other errors exist", "This can be done using a variety of methods"),
    LeftOut(72, 72, "y = 0.01 is a value given, used as given", "let’s assume that"),
    LeftOut(
        78,
        78,
        "with more outputs the errors would be summed: this network has one",
        "If we had more than one output",
    ),
    LeftOut(84, 86, "name ∂E_total/∂w16, given by the chain rule on line 88"),
    LeftOut(102, 102, "announces line 104"),
    LeftOut(108, 108, "announces line 110"),
    LeftOut(112, 112, "the learning rate η = 0.01, used as given"),
    LeftOut(116, 116, "announces lines 118–120"),
    LeftOut(123, 123, "announces the bias update"),
    LeftOut(
        139,
        139,
        "announces the order of the hidden layers' updates",
        "We’ll start by calculating the partial derivatives for the weights",
    ),
    LeftOut(161, 161, "announces line 163"),
    LeftOut(
        165,
        165,
        "says the same as 'the total error decreases', checked",
        "the neural network improves its task performance",
    ),
    LeftOut(167, 169, "the summary and the sign-off"),
)

REMARKS = (
    "The page's plain text drops minus signs (b2, b4, b7, and net_n4 = −0.079 on line 37); its LaTeX "
    "on the same lines has them, and the numbers follow the LaTeX.",
    "The document calls ŷ the target and the ideal output (lines 14, 72) but computes ŷ = out_n9 "
    "(lines 63–65) and uses y = 0.01 as the target; those claims are judged as written, and line 82, "
    "which is right only under the names of line 72, is shown under both namings.",
)

CITATION = Citation(
    TITLE, "a blog post, part of a learn-along series", date="11/07/2024", lines_in=SOURCE
)

DOCUMENT = Document(
    NAME,
    CITATION,
    build,
    VALUES,
    CLAIMS,
    SECTIONS,
    LEFT_OUT,
    deepest="w1",
    chosen={"steps (training runs of lines 110, 133, 157 and 165)": STEPS},
    chosen_note="every value is the document's (line 21; y = 0.01 on line 72, η = 0.01 on line 112); "
    "only the length of the training runs is chosen here",
    remarks=REMARKS,
    runs_chosen="the number of steps chosen here (η = 0.01 is the post's)",
)


def run() -> DocumentResult:
    """Rebuild the document's network and check every claim it makes."""
    return DOCUMENT.run()
