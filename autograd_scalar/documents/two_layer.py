"""The two-layer document: a tanh hidden layer and a sigmoid output, then L layers of ReLU.

Source: "The math of neural networks" (seed 003), which quotes the deeplearning.ai
course. Its equations were images and are lost; what its text says is checked on the
course's networks (labels in `layered`):
- two layers: X ∈ (2, m), three tanh hidden units (line 26; line 34's A ∈ (4, 1) says
  four, and the two are judged together), one sigmoid output, cost
  J = −(1/m) Σ (y log a2 + (1 − y) log(1 − a2));
- L layers (`l_layer`): 2-3-2-1 with ReLU hidden layers and a sigmoid output.
The document gives no numbers; chosen here, m = 4 examples: X(i) = (1.0, −0.5),
(0.3, 0.8), (−1.2, 0.4), (0.6, −1.0), Y = 1, 0, 1, 0. Two layers: W1 = [[0.5, −0.3],
[−0.4, 0.6], [0.2, 0.7]], b1 = (0.1, −0.1, 0.05), W2 = [[0.8, −0.6, 0.4]], b2 = 0.2; a
fourth hidden unit, for the reading with four: W1[4,·] = (0.3, −0.5), b1[4] = 0.15,
W2[1,4] = −0.2.

The course's backward formulas are checked element by element, apart: they are not the
document's words. dZ is the course's: the derivative of one example's loss, ∂L(i)/∂Z (so
dZ2 = A2 − Y has no 1/m); the 1/m of J is in dW and db, checked as ∂J/∂W and ∂J/∂b.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace

from ..check.descent import Run
from ..check.network import Network, labelled_inputs
from .claims import Claim, Found, Measure, Variant, fact, read_as, statement
from .course import (
    DATA,
    FIRST_LAYER,
    PER_COST,
    PER_EXAMPLE,
    M,
    cross_entropy_cost,
    formula_claim,
    of_cost,
    per_example,
)
from .document import Document, Section
from .l_layer import (
    DEEP_COURSE,
    DEEP_NETWORK,
    DEEP_VALUES,
    constant_each_side,
    cost,
    linear_parts,
    not_linear,
    one_constant,
)
from .layered import build_layers
from .measures import at_values, paths_through, trained
from .result import Citation, DocumentResult, LeftOut
from .zero_start import RATE as ZERO_RATE
from .zero_start import (
    STEPS,
    Start,
    all_zero,
    every_parameter_moves,
    first_layer_zero,
    never_beats_a_constant,
)

NAME = "two-layer"
TITLE = "The math of neural networks"
SOURCE = "003_a8c9d32f1414c3a4.txt"
SHALLOW = (2, 3, 1)
RATE, RULE_STEPS = 0.5, 100  # the training runs of the update rules
VALUES = {**DATA, **FIRST_LAYER, "W2[1,1]": 0.8, "W2[1,2]": -0.6, "W2[1,3]": 0.4, "b2[1]": 0.2}
FOURTH = {"W1[4,1]": 0.3, "W1[4,2]": -0.5, "b1[4]": 0.15, "W2[1,4]": -0.2}


def build(values: Mapping[str, float] = VALUES) -> Network:
    """The two-layer network (tanh hidden layer) over the m examples; root J."""
    return build_layers(values, SHALLOW, "tanh", M)


def _build_four(values: Mapping[str, float]) -> Network:
    return build_layers(values, (2, 4, 1), "tanh", M)


def _count(layer: str, net: Network) -> int:
    """Nodes of one example (1) in a layer: X, A1 or A2."""
    return sum(1 for label in net.nodes if label.startswith(layer + "[") and label.endswith("](1)"))


def _three_nodes(net: Network) -> Found:
    units = _count("A1", net)
    return Found(f"{units} hidden units", float(units), "hidden units: A1[j] of one example")


def _hidden_shape(net: Network) -> Found:
    units = _count("A1", net)
    return Found(f"A ∈ ({units}, 1)", float(units), "the hidden layer of one example, as a column")


def _layers(net: Network) -> Found:
    inputs, outputs = _count("X", net), _count("A2", net)
    return Found(
        f"{inputs} inputs, {outputs} output",
        (float(inputs), float(outputs)),
        "nodes of one example",
    )


def _shape(layer: str, symbol: str) -> Callable[[Network], Found]:
    def fact_(net: Network) -> Found:
        rows = _count(layer, net)
        return Found(
            f"{symbol} ∈ ({rows}, 1)", float(rows), f"{symbol} of one example, as a column"
        )

    return fact_


LAYER_NAMES = {"X": "the input layer", "A1": "the hidden layer", "A2": "the output layer"}


def _linear_part(net: Network, weight: str) -> tuple[str, str]:
    """The layer whose linear part Z = W·A + b reads `weight` (W1 or W2), as its
    activation's name (A1 or A2), and the layer that part reads (X or A1)."""
    for label, node in net.nodes.items():
        if label.startswith("Z") and label.endswith("](1)"):
            read = labelled_inputs(node)
            if any(r.startswith(weight + "[") for r in read):
                below = next(r for r in read if r[:1] in "XA")
                return "A" + label[1 : label.index("[")], below[: below.index("[")]
    raise LookupError(f"no linear part reads {weight}")


def _owner(weight: str, bias: str) -> Callable[[Network], Found]:
    """Which layer `weight` and `bias` belong to: the one whose linear part they make."""

    def fact_(net: Network) -> Found:
        layer, below = _linear_part(net, weight)
        z = "Z" + layer[1:]
        return Found(
            f"{weight} and {bias} belong to {LAYER_NAMES[layer]}",
            float(layer[1:]),  # its number l: W[l] and b[l] make layer l
            f"{z} = {weight}·{below} + {bias}, the linear part of {layer} (line 66's Z[l] = W[l]A[l−1] + b[l])",
        )

    return fact_


def _acts_on(weight: str, bias: str) -> Callable[[Network], Found]:
    """Which layer's values `weight` multiplies: the layer its connections leave."""

    def fact_(net: Network) -> Found:
        layer, below = _linear_part(net, weight)
        return Found(
            f"{weight} and {bias} act on {LAYER_NAMES[below]}'s values",
            float(below[1:] or 0),  # the number of the layer they take: X is layer 0
            f"Z{layer[1:]} = {weight}·{below} + {bias}",
        )

    return fact_


def _with_its_weight(line: int, layer: str, weight: str, bias: str, loosely: bool) -> Claim:
    """ "… layer, with its weight W and bias b": whose they are (line 66 numbers W[l] and
    b[l] by the layer they make), or, read `loosely` (the input layer, which makes no
    linear part), the layer whose values they take."""
    owns = fact(
        kind="structure",
        says=f"{layer} has the weight {weight} and bias {bias}",
        line=line,
        quote=f"with its weight {weight}",
        stated=f"{weight} and {bias} belong to {layer}",
        measure=at_values(_owner(weight, bias)),
        reading="its: the layer's own parameters, as line 66 numbers them",
    )
    loose = read_as(
        owns,
        f"its: the parameters on the connections leaving {layer}",
        stated=f"{weight} and {bias} act on {layer}'s values",
        measure=at_values(_acts_on(weight, bias)),
    )
    return replace(owns, others=(loose,)) if loosely else owns


def _one_per_example(net: Network) -> Found:
    outputs = sum(1 for label in net.nodes if label.startswith("A2["))
    phrase = (
        "A[2] holds one a[2](i) for each example"
        if outputs == M
        else f"A[2] holds {outputs} values for {M} examples"
    )
    return Found(phrase, float(outputs), f"{M} examples; A[2] has {outputs} entries")


def _depth(net: Network) -> int:
    """The number of layers with parameters, L: the largest l of an A[l]."""
    return max(int(label[1 : label.index("[")]) for label in net.nodes if label[:1] == "A")


def _layer_types(net: Network) -> Found:
    inputs = 1 if _count("X", net) else 0
    hidden = _depth(net) - 1
    phrase = (
        "one input layer, one output layer, and one or more hidden layers"
        if inputs == 1 and hidden >= 1
        else f"{inputs} input layer, 1 output layer, {hidden} hidden layers"
    )
    return Found(
        phrase,
        float(hidden),
        f"X, then {hidden} hidden layer(s) A1…, then the output A{hidden + 1}",
    )


def _linear_and_activation(with_parameters_only: bool) -> Callable[[Network], Found]:
    """Which layers have a linear part Z = W·A + b and an activation A = g(Z): every
    layer, or (`with_parameters_only`) every layer with parameters."""

    def fact_(net: Network) -> Found:
        depth = _depth(net)
        layers = [("the input layer X", 0)] + [
            (f"layer {layer}", layer) for layer in range(1, depth + 1)
        ]
        if with_parameters_only:
            layers = layers[1:]
        having = [
            name
            for name, layer in layers
            if layer and f"Z{layer}[1](1)" in net.nodes and f"W{layer}[1,1]" in net.nodes
        ]
        lacking = [name for name, layer in layers if name not in having]
        every = "every layer with parameters" if with_parameters_only else "every layer"
        phrase = (
            f"{every} has a linear part and an activation"
            if not lacking
            else f"{', '.join(lacking)} has no linear part and no activation; "
            f"{', '.join(having)} have both"
        )
        return Found(
            phrase,
            float(len(having)),
            f"a linear part: Z[l] = W[l]·A[l−1] + b[l]; the layers: {', '.join(n for n, _ in layers)}",
        )

    return fact_


def _logistic_units(sigmoid_only: bool) -> Callable[[Network], Found]:
    """Whether every unit is a logistic regression, σ(w·a + b) (`sigmoid_only`), or a
    linear part followed by some activation, at the document's values (example 1)."""

    def fact_(net: Network) -> Found:
        depth = _depth(net)
        units = [
            (layer, j)
            for layer in range(1, depth + 1)
            for j in range(1, 1 + _count(f"A{layer}", net))
        ]
        logistic = [
            (layer, j)
            for layer, j in units
            if abs(
                net.nodes[f"A{layer}[{j}](1)"].data
                - 1 / (1 + math.exp(-net.nodes[f"Z{layer}[{j}](1)"].data))
            )
            < 1e-12
        ]
        linear = [
            (layer, j)
            for layer, j in units
            if labelled_inputs(net.nodes[f"A{layer}[{j}](1)"]) == [f"Z{layer}[{j}](1)"]
        ]
        if sigmoid_only:
            phrase = (
                "every unit is a logistic regression σ(w·a + b)"
                if len(logistic) == len(units)
                else f"{len(logistic)} of the {len(units)} units are a logistic regression σ(w·a + b); "
                "the others apply tanh"
            )
        else:
            phrase = (
                "every unit is a linear part followed by an activation"
                if len(linear) == len(units)
                else "some unit is not a linear part followed by an activation"
            )
        return Found(
            phrase,
            float(len(logistic)),
            f"{len(units)} units (A[l]_j of one example); σ(Z) in {len(logistic)}",
        )

    return fact_


def _backward_order(net: Network) -> Found:
    paths = paths_through(net, "Z1[1](1)")
    through = all(any(label.startswith("Z2[") for label in path) for path in paths)
    phrase = (
        "every path from J to Z1 goes through Z2"
        if paths and through
        else "a path from J reaches Z1 without Z2"
    )
    return Found(phrase, float(len(paths)), f"{len(paths)} paths from J to Z1[1](1)")


def _after_one(run: Run) -> tuple[str, float]:
    losses = run.losses
    return (
        "J falls after one iteration"
        if losses[1] < losses[0]
        else "J does not fall after one iteration",
        losses[1],
    )


_two_layer_cost = cross_entropy_cost(
    2, "J = −(1/m) Σ (y(i) log a[2](i) + (1 − y(i)) log(1 − a[2](i)))."
)


HIDDEN = "hidden units"
VARIANTS = {
    HIDDEN: (
        Variant("with three hidden units (line 26)", build, VALUES),
        Variant("with four hidden units (line 34)", _build_four, {**VALUES, **FOURTH}),
    )
}
ZERO = 52
LITERAL_ZERO = (
    "literally: W[1] = 0 and every other parameter as initialised (the two-layer tanh network)"
)
COURSE_ZERO = "the course's lesson: every weight and bias starts at 0 (tanh two-layer network)"
DEEP_ZERO = (
    "W[1] = 0 and the rest as initialised, on the L-layer ReLU network of the sentence's section"
)
ONE_STEP = trained(_after_one, RATE, 1)
ZERO_PARTS = (
    (
        fact(
            kind="training",
            says="if W[1] is a vector of zeros, then the forward and backward propagation will "
            "effectively update parameters during each iteration",
            line=ZERO,
            quote="will effectively update parameters during each iteration",
            stated="every parameter moves at every step",
            measure=every_parameter_moves(first_layer_zero),
            reading="every weight and bias moves at every step",
        ),
        every_parameter_moves,
    ),
    (
        fact(
            kind="training",
            says="we need to make sure we initialize non-zero values for W[1]: … making the model "
            "ineffective",
            line=ZERO,
            quote="making the model ineffective",
            stated="the model never does better than a constant output",
            measure=never_beats_a_constant(first_layer_zero),
            reading="ineffective: it never does better than a constant output (the mean label)",
        ),
        never_beats_a_constant,
    ),
)


def _zero_start(part: Claim, measure: Callable[[Start], Measure]) -> Claim:
    """A part of line 52's sentence, with its other readings: the course's all-zero
    start, and W[1] = 0 on the L-layer network of the sentence's section."""
    course = read_as(part, COURSE_ZERO, measure=measure(all_zero))
    deep = read_as(part, DEEP_ZERO, measure=measure(first_layer_zero), network=DEEP_NETWORK)
    return replace(part, others=(course, deep))


CLAIMS: tuple[Claim, ...] = (
    fact(
        kind="structure",
        says="it is built on the unit of logistic regression classifiers",
        line=3,
        quote="it is built on the unit of logistic regression classifiers",
        stated="every unit is a logistic regression σ(w·a + b)",
        measure=at_values(_logistic_units(sigmoid_only=True)),
        reading="literally: each unit is a logistic regression classifier, σ(w·a + b)",
        others=(
            fact(
                kind="structure",
                says="… the unit of logistic regression classifiers",
                line=3,
                quote="it is built on the unit of logistic regression classifiers",
                stated="every unit is a linear part followed by an activation",
                measure=at_values(_logistic_units(sigmoid_only=False)),
                reading="built like one: a linear part followed by an activation (line 5's words)",
            ),
        ),
    ),
    fact(
        kind="structure",
        says="there are three types of layers in a neural network: one input layer, one output layer, "
        "and one or many hidden layers",
        line=5,
        quote="there are three types of layers in a neural network",
        stated="one input layer, one output layer, and one or more hidden layers",
        measure=at_values(_layer_types),
        reading="on the two-layer network (the L-layer one has the same three, with two hidden layers)",
    ),
    fact(
        kind="structure",
        says="Each layer is built based on the same structure of logistic regression classifier, with a "
        "linear transformation and an activation function",
        line=5,
        quote="with a linear transformation and an activation function",
        stated="every layer has a linear part and an activation",
        measure=at_values(_linear_and_activation(with_parameters_only=False)),
        reading="literally: each of the three types of layer of the sentence before, the input layer too",
        others=(
            fact(
                kind="structure",
                says="Each layer … with a linear transformation and an activation function",
                line=5,
                quote="with a linear transformation and an activation function",
                stated="every layer with parameters has a linear part and an activation",
                measure=at_values(_linear_and_activation(with_parameters_only=True)),
                reading="each layer with parameters, as the course counts layers (the input layer is "
                "not one of a '2-layer' network's two)",
            ),
        ),
    ),
    statement(
        "we have two nodes x1 and x2 for input layer, three nodes defined in the hidden layer, and we "
        "have one node y for the output layer",
        26,
        "three nodes defined in the hidden layer",
        fact(
            kind="structure",
            says="two nodes x1 and x2 for input layer … one node y for the output layer",
            line=26,
            quote="for input layer",
            stated="2 inputs, 1 output",
            measure=at_values(_layers),
        ),
        fact(
            kind="structure",
            says="three nodes defined in the hidden layer",
            line=26,
            quote="three nodes defined in the hidden layer",
            stated="3 hidden units",
            measure=at_values(_three_nodes),
        ),
        together=HIDDEN,
    ),
    statement(
        "Input layer X ∈ (2, 1), with its weight W1 and bias b1",
        32,
        r"X \in (2, 1)",
        fact(
            kind="structure",
            says="Input layer X ∈ (2, 1)",
            line=32,
            quote=r"X \in (2, 1)",
            stated="X ∈ (2, 1)",
            measure=at_values(_shape("X", "X")),
            reading="the shape of one example's input",
        ),
        _with_its_weight(32, "the input layer", "W1", "b1", loosely=True),
    ),
    statement(
        "Output layer Y ∈ (1, 1), with its weight W2 and bias b2",
        33,
        r"Y \in (1, 1)",
        fact(
            kind="structure",
            says="Output layer Y ∈ (1, 1)",
            line=33,
            quote=r"Y \in (1, 1)",
            stated="Y ∈ (1, 1)",
            measure=at_values(_shape("A2", "Y")),
            reading="the shape of one example's output",
        ),
        _with_its_weight(33, "the output layer", "W2", "b2", loosely=False),
    ),
    fact(
        kind="structure",
        says="Hidden layer A ∈ (4, 1)",
        line=34,
        quote=r"A \in (4, 1)",
        stated="A ∈ (4, 1)",
        measure=at_values(_hidden_shape),
        together=HIDDEN,
        reading="the shape of one example's hidden layer",
    ),
    fact(
        kind="structure",
        says="we have computed A[2], which contains a[2](i) for every example",
        line=38,
        quote="for every example",
        stated="A[2] holds one a[2](i) for each example",
        measure=at_values(_one_per_example),
    ),
    fact(
        kind="structure",
        says="we want to implement the backward propagation starting from z2 back to z1",
        line=40,
        quote="back to z1z_{1}",
        stated="every path from J to Z1 goes through Z2",
        measure=at_values(_backward_order),
    ),
    Claim(
        kind="rule",
        says="we use gradient descent to calculate W[1], b[1] and W[2], b[2], with a specified learning rate α",
        line=42,
        quote="we use gradient descent to calculate",
        stated=-1.0,
        of="J",
        step=RATE,
        steps=RULE_STEPS,
        reading=f"W ← W − α·∂J/∂W for every weight and bias; the runs use α = {RATE:g}",
    ),
    fact(
        kind="training",
        says="after one iteration of the loop is finished … we expect to see the value of loss function "
        "decreases",
        line=44,
        quote="we expect to see the value of loss function descreases",
        stated="J falls after one iteration",
        measure=ONE_STEP,
        reading=f"one step of gradient descent with α = {RATE:g} from the chosen start",
    ),
    fact(
        kind="meaning",
        says="ReLU … is a non-linear function",
        line=50,
        quote="it is a non-linear function",
        stated="ReLU is not linear",
        measure=not_linear,
        reading="linear: relu(a + b) = relu(a) + relu(b) for every a, b",
    ),
    fact(
        kind="meaning",
        says="the derivative of ReLU is a constant",
        line=50,
        quote="the derivative of ReLU is a constant",
        stated="relu' takes one value",
        measure=at_values(one_constant),
        network=DEEP_NETWORK,
        reading="literally: relu' = ∂A/∂Z takes one value, over every hidden unit and example of the "
        "L-layer network",
        others=(
            fact(
                kind="meaning",
                says="the derivative of ReLU is a constant",
                line=50,
                quote="the derivative of ReLU is a constant",
                stated="relu' is constant on each side of 0",
                measure=constant_each_side,
                network=DEEP_NETWORK,
                reading="piecewise: one constant for Z > 0 and another for Z < 0",
            ),
        ),
    ),
    statement(
        "we need to make sure we initialize non-zero values for W[1]. if W[1] is a vector of zeros, "
        "then the forward and backward propagation will effectively update parameters during each "
        "iteration, making the model ineffective",
        ZERO,
        "will effectively update parameters during each iteration, making the model ineffective",
        *(_zero_start(part, measure) for part, measure in ZERO_PARTS),
        reading=LITERAL_ZERO,
    ),
    Claim(
        kind="definition",
        says="−(1/m) Σ_{i=1}^{m} (y(i) log(a[L](i)) + (1 − y(i)) log(1 − a[L](i)))",
        line=62,
        quote=r"\sum\limits_{i = 1}^{m} (y^{(i)}\log\left(a^{[L](i)}\right)",
        stated=cost,
        of="J",
        network=DEEP_NETWORK,
        reading="the loss function of the L-layer network (its cost J, over the m examples)",
    ),
    fact(
        kind="structure",
        says="For layer l, the linear part is: Z[l] = W[l] A[l−1] + b[l]",
        line=66,
        quote=r"Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}",
        stated="every Z[l] is W[l]A[l−1] + b[l]",
        measure=linear_parts,
        network=DEEP_NETWORK,
        reading="every unit of every layer, for every example",
    ),
    Claim(
        kind="rule",
        says="we can update our parameters using gradient descent",
        line=70,
        quote="we can update our parameters using gradient descent",
        stated=-1.0,
        of="J",
        step=RATE,
        steps=RULE_STEPS,
        network=DEEP_NETWORK,
        reading=f"W ← W − α·∂J/∂W on the L-layer network; the runs use α = {RATE:g}",
    ),
    fact(
        kind="training",
        says="after one iteration of the loop is finished … we expect to see the value of loss function "
        "decreases",
        line=72,
        quote="we expect to see the value of loss function descreases",
        stated="J falls after one iteration",
        measure=ONE_STEP,
        network=DEEP_NETWORK,
        reading=f"one step of gradient descent with α = {RATE:g} on the L-layer network",
    ),
)

TWO = 40  # "backward propagation starting from z2 back to z1:" where the lost equations stood
TWO_QUOTE = "we want to implement the backward propagation"

COURSE: tuple[Claim, ...] = (
    Claim(
        kind="definition",
        says="J = −(1/m) Σ (y(i) log a[2](i) + (1 − y(i)) log(1 − a[2](i)))",
        line=38,
        quote="we can compute the cost function as follows",
        stated=_two_layer_cost,
        of="J",
    ),
    formula_claim(
        says="dZ2 = A2 − Y",
        line=TWO,
        quote=TWO_QUOTE,
        elements=per_example("dZ", "Z", 2, SHALLOW, "tanh"),
        reading=PER_EXAMPLE,
    ),
    formula_claim(
        says="dW2 = (1/m) dZ2 A1ᵀ",
        line=TWO,
        quote=TWO_QUOTE,
        elements=of_cost("W", 2, SHALLOW, "tanh"),
        reading=PER_COST,
    ),
    formula_claim(
        says="db2 = (1/m) Σ dZ2",
        line=TWO,
        quote=TWO_QUOTE,
        elements=of_cost("b", 2, SHALLOW, "tanh"),
        reading=PER_COST,
    ),
    formula_claim(
        says="dZ1 = W2ᵀ dZ2 ∗ (1 − A1²)",
        line=TWO,
        quote=TWO_QUOTE,
        elements=per_example("dZ", "Z", 1, SHALLOW, "tanh"),
        reading=PER_EXAMPLE,
    ),
    formula_claim(
        says="dW1 = (1/m) dZ1 Xᵀ",
        line=TWO,
        quote=TWO_QUOTE,
        elements=of_cost("W", 1, SHALLOW, "tanh"),
        reading=PER_COST,
    ),
    formula_claim(
        says="db1 = (1/m) Σ dZ1",
        line=TWO,
        quote=TWO_QUOTE,
        elements=of_cost("b", 1, SHALLOW, "tanh"),
        reading=PER_COST,
    ),
    *DEEP_COURSE,
)

SECTIONS = (
    Section(1, "The math of neural networks"),
    Section(24, "Two-layer neural network"),
    Section(46, "L-layer neural network"),
    Section(54, "L layer propagation"),
)

LEFT_OUT = (
    LeftOut(
        3,
        3,
        "what training is, in words, and the plan of the post",
        "Neural networks is a series of forward and backward propagations",
    ),
    LeftOut(
        5,
        5,
        "more hidden layers make a more complex network: the L-layer network built here",
        "we can build more complex neural network by adding more hidden layers",
    ),
    LeftOut(7, 20, "the course's method, quoted: a plan, nothing to compute"),
    LeftOut(22, 22, "the plan of the page"),
    LeftOut(
        26,
        26,
        "announces the equations, which were images",
        "Converting the graph below into mathematical terms",
    ),
    LeftOut(28, 30, "an image's file name and an announcement"),
    LeftOut(36, 36, "announces the forward equations, which were images and are lost"),
    LeftOut(
        38,
        38,
        "the cost's equation was an image; the course's is checked apart",
        "we can compute the cost function as follows",
    ),
    LeftOut(
        40,
        40,
        "the backward equations were images; the course's are checked apart",
        "we want to implement the backward propagation",
    ),
    LeftOut(
        42,
        42,
        "the update equations were images; the words are checked",
        "with a specified learning rate",
    ),
    LeftOut(
        48,
        48,
        "the L-layer network runs the same loop with another hidden activation: the networks built here",
    ),
    LeftOut(
        50,
        50,
        "a claim about speed: timings are not computed here",
        "making it much faster when calculating the backward propagation step",
    ),
    LeftOut(
        56, 60, "the input parameters and forward equations were images; line 60 announces line 62"
    ),
    LeftOut(
        64,
        64,
        "announces the backward equations, which were images (the course's are checked apart)",
    ),
    LeftOut(68, 68, "names dZ[l] = ∂L/∂Z[l]; the course's formulas for it are checked apart"),
    LeftOut(74, 74, "the site's links"),
)

REMARKS = (
    "The page's equations were images that did not survive; its words are checked on the course's "
    "networks, and the course's formulas are checked apart, not counted as the document's.",
)


def _chosen() -> dict[str, float]:
    deep_only = {
        f"{k} (L-layer)": v
        for k, v in DEEP_VALUES.items()
        if k not in VALUES or k.startswith(("W2", "b2"))
    }
    return {
        **VALUES,
        **FOURTH,
        **deep_only,
        "α (training runs)": RATE,
        "steps (rule runs)": RULE_STEPS,
        "α (runs of line 52)": ZERO_RATE,
        "steps (runs of line 52)": STEPS,
    }


CITATION = Citation(TITLE, "a post that quotes the deeplearning.ai course", lines_in=SOURCE)

DOCUMENT = Document(
    NAME,
    CITATION,
    build,
    VALUES,
    CLAIMS,
    SECTIONS,
    LEFT_OUT,
    deepest="W1[1,1]",
    chosen=_chosen(),
    chosen_note="the document gives no numbers: the data and every parameter are chosen here, "
    "and every formula is also checked at other points",
    course=COURSE,
    variants=VARIANTS,
    remarks=REMARKS,
    runs_chosen="α and the number of steps chosen here",
)


def run() -> DocumentResult:
    """Rebuild the networks and check every claim; the picture is the two-layer one."""
    return DOCUMENT.run()
