"""The tap-and-knob document: a 2-2-1 sigmoid network with binary cross-entropy.

Source: "Math of Deep Learning Neural Networks – Simplified (Part 2)" (seed 000).
Inputs X1, X2; hidden nodes Z1 = W1·X1 + W2·X2 + b1, σ1 = sigmoid(Z1) and
Z2 = W3·X1 + W4·X2 + b2, σ2 = sigmoid(Z2) (weights numbered neuron by neuron); output
Z3 = W5·σ1 + W6·σ2 + b3, σ3 = sigmoid(Z3); loss ℓ = −(1 − y)·ln(1 − σ3) − y·ln(σ3).
The document writes σ as ⋉ (`\\ltimes`) and never names σ2; its one equation for Z3
(line 152) feeds σ1 to W6, which its other statements contradict (judged together).

The document has no numbers, so these are chosen here and every formula is checked at
many other points too: X1 = 0.6, X2 = −0.4, y = 1; W1..W6 = 0.15, −0.25, 0.35, 0.45,
−0.55, 0.65; b1, b2, b3 = 0.1, −0.2, 0.05.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .. import nn
from ..check.descent import Procedure
from ..check.network import Builder, Network, labelled_inputs, points
from ..core.gradients import grad
from ..core.value import Value
from ..explanation.paths import explain
from .claims import AT_VALUES, Claim, Element, Found, Variant, fact, partial, read_as, statement
from .document import Document, Section
from .measures import at_values, chain, paths_through, roles, same_slope
from .result import Citation, DocumentResult, LeftOut

NAME = "tap-and-knob"
TITLE = "Math of Deep Learning Neural Networks – Simplified (Part 2)"
SOURCE = "000_5203fd6f5f53032e.txt"

VALUES: dict[str, float] = {"X1": 0.6, "X2": -0.4, "y": 1.0}
VALUES.update(
    zip(("W1", "W2", "W3", "W4", "W5", "W6"), (0.15, -0.25, 0.35, 0.45, -0.55, 0.65), strict=True)
)
VALUES.update(zip(("b1", "b2", "b3"), (0.1, -0.2, 0.05), strict=True))
PARAMETERS = ("W1", "W2", "W3", "W4", "W5", "W6", "b1", "b2", "b3")
WEIGHTS = PARAMETERS[:6]
RATE, STEPS = 0.5, 100  # the training runs of the update rule (line 30)


def build(values: Mapping[str, float] = VALUES, sixth: str = "σ2") -> Network:
    """The network at `values`, equation by equation; root ℓ. `sixth` is what W6
    multiplies in Z3: σ2 (the network the document's other statements need) or σ1 (its
    equation on line 152)."""
    X1, X2, y = (Value(values[k], k) for k in ("X1", "X2", "y"))
    W1, W2, W3, W4, W5, W6 = (Value(values[f"W{i}"], f"W{i}") for i in range(1, 7))
    b1, b2, b3 = (Value(values[f"b{i}"], f"b{i}") for i in range(1, 4))
    σ1 = (W1 * X1 + W2 * X2 + b1).labelled("Z1").sigmoid().labelled("σ1")
    σ2 = (W3 * X1 + W4 * X2 + b2).labelled("Z2").sigmoid().labelled("σ2")
    σ3 = (W5 * σ1 + W6 * {"σ1": σ1, "σ2": σ2}[sixth] + b3).labelled("Z3").sigmoid().labelled("σ3")
    loss = -(1 - y) * (1 - σ3).log() - y * σ3.log()
    return Network.of(loss.labelled("ℓ"), PARAMETERS, also=(σ2,))


def _as_written(values: Mapping[str, float]) -> Network:
    return build(values, sixth="σ1")


def _ln(values: Mapping[str, float]) -> Network:
    x = Value(values["x"], "x")
    return Network.of(x.log().labelled("ln(x)"), ())


RIGHT_W1 = "(σ3 − y)·W5·σ1·(1 − σ1)·X1"
DL_DS3 = "((1 − y)/(1 − σ3) − y/σ3)"  # line 136, the first component of every chain
OUTPUT = "σ3·(1 − σ3)"  # line 144, the second


def _same_method(w5: str, w1: str, name: str) -> Procedure:
    """The post's formulas for ∂ℓ/∂W5 and ∂ℓ/∂W1, and for the other parameters by the same
    method (line 32): W6 and b3 as W5 (σ2, 1 for σ1); W2, W3, W4, b1, b2 as W1 (X2 for X1;
    W6, σ2 for W5, σ1 through the second node; 1 for the input of a bias)."""
    first = {"W1": "X1", "W2": "X2", "b1": "1"}
    second = {"W3": "X1", "W4": "X2", "b2": "1"}
    slopes = {"W5": w5, "W6": w5.replace("σ1", "σ2"), "b3": w5.replace("·σ1", "")}
    slopes.update({p: w1.replace("·X1", f"·{x}") for p, x in first.items()})
    through_σ2 = w1.replace("W5", "W6").replace("σ1", "σ2")
    slopes.update({p: through_σ2.replace("·X1", f"·{x}") for p, x in second.items()})
    return Procedure(name, {p: f.replace("·1", "") for p, f in slopes.items()})


INTUITIVE = _same_method(
    "(σ3 − y)·σ1",
    "(σ3 − y)·W5·(σ1 − 1)·σ1·X1",
    "the post's formulas of lines 58 and 79, and the same method for the other parameters (line 32)",
)
CHAIN_RULE = _same_method(
    "(σ3 − y)·σ1",
    "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1",
    "the post's chain-rule results of lines 156 and 178, and the same for the other parameters "
    "(line 32)",
)

RULE = Claim(
    kind="rule",
    says="W_i ← W_i + α·∂ℓf/∂W_i",
    line=30,
    quote=r"W_{i} \leftarrow  W_{i} + \alpha",
    stated=1.0,
    of="ℓ",
    correct=-1.0,
    correct_text="W_i ← W_i − α·∂ℓf/∂W_i",
    step=RATE,
    steps=STEPS,
)
CHAIN_RULE_IS = (
    "a rule of differential calculus: the derivative of composed functions is the product of "
    "their derivatives"
)
Z3 = "Z3"  # the claims about what feeds Z3, judged together
VARIANTS = {
    Z3: (
        Variant("with Z3 = W5·σ1 + W6·σ2 + b3 (σ2 feeds the output)", build, VALUES),
        Variant("with Z3 = W5·σ1 + W6·σ1 + b3, as line 152 writes it", _as_written, VALUES),
    )
}


def _count(net: Network) -> Found:
    weights = [p for p in net.parameters if p.startswith("W")]
    return Found(
        f"{len(weights)} weights", float(len(weights)), f"the weights: {', '.join(weights)}"
    )


def _biases(net: Network) -> Found:
    biases = [p for p in net.parameters if p.startswith("b")]
    nodes = sorted(label for label in net.nodes if label.startswith("Z"))
    phrase = f"{len(biases)} biases, " + (
        "one for each node" if len(biases) == len(nodes) else f"for {len(nodes)} nodes"
    )
    return Found(
        phrase, float(len(biases)), f"nodes (sums): {', '.join(nodes)}; biases: {', '.join(biases)}"
    )


def _hidden_layers(net: Network) -> Found:
    longest = max(paths_through(net, "X1"), key=len)
    layers = sum(1 for label in longest if label.startswith("σ")) - 1
    return Found(
        f"{layers} hidden layer" + ("s" if layers != 1 else ""),
        float(layers),
        f"the longest path from ℓ to X1, {' → '.join(longest)}, has {layers + 1} sigmoids",
    )


def _loss_grows(build_: Builder, values: Mapping[str, float]) -> Found:
    seen = []
    for point in points(values, 50):
        net = build_(point)
        slope = grad(net.root, net.nodes["σ3"])
        seen.append(slope * (net.nodes["σ3"].data - net.nodes["y"].data) > 0)
    phrase = (
        "ℓf grows as σ3 moves away from y"
        if all(seen)
        else "ℓf does not always grow as σ3 moves away from y"
    )
    return Found(
        phrase,
        float(sum(seen)),
        f"∂ℓf/∂σ3 has the sign of σ3 − y at {sum(seen)} of {len(seen)} points",
        f"the points where it does, of {len(seen)} around the values",
    )


def _no_input(build_: Builder, values: Mapping[str, float]) -> Found:
    checked, zero = 0, 0
    for point in points(values, 20):
        for x, weights in (("X1", ("W1", "W3")), ("X2", ("W2", "W4"))):
            net = build_({**point, x: 0.0})
            slopes = grad(net.root, [net.nodes[w] for w in weights])
            checked += len(slopes)
            zero += sum(s == 0.0 for s in slopes)
    phrase = (
        "∂ℓf/∂W is 0 when its input is 0"
        if zero == checked
        else "∂ℓf/∂W is not always 0 when its input is 0"
    )
    return Found(
        phrase,
        float(zero),
        f"∂ℓf/∂W1, ∂ℓf/∂W3 with X1 = 0 and ∂ℓf/∂W2, ∂ℓf/∂W4 with X2 = 0: exactly 0 in {zero} of {checked} cases, at 21 points",
        f"the cases where it is 0, of {checked}",
    )


def _farther(net: Network) -> Found:
    one = min(len(p) for p in paths_through(net, "W1"))
    five = min(len(p) for p in paths_through(net, "W5"))
    phrase = (
        "W1 is farther from the output than W5"
        if one > five
        else "W1 is not farther from the output than W5"
    )
    return Found(
        phrase,
        (float(one - 1), float(five - 1)),
        f"ℓ reaches W1 in {one - 1} steps between labelled nodes, W5 in {five - 1}",
    )


def _knobs(net: Network) -> Found:
    paths = {p: paths_through(net, p) for p in PARAMETERS}  # none: p does not reach ℓf
    hidden = [p for p, found in paths.items() if any(set(path) & {"σ1", "σ2"} for path in found)]
    output = [p for p, found in paths.items() if found and p not in hidden]
    lost = [p for p, found in paths.items() if not found]
    phrase = f"{', '.join(hidden)} feed the hidden layer; {', '.join(output)} the output"
    phrase += f"; {', '.join(lost)} do not reach ℓf" if lost else "; all of them reach ℓf"
    return Found(
        phrase,
        float(len(PARAMETERS) - len(lost)),
        f"{len(PARAMETERS) - len(lost)} of {len(PARAMETERS)} parameters reach ℓf",
    )


def _between(build_: Builder, values: Mapping[str, float]) -> Found:
    seen = [0.0 < build_(point).nodes["σ1"].data < 1.0 for point in points(values, 50)]
    phrase = "σ1 stays between 0 and 1" if all(seen) else "σ1 leaves (0, 1)"
    detail = f"0 < σ1 < 1 at {sum(seen)} of {len(seen)} points"
    return Found(phrase, float(sum(seen)), detail, f"the points where it does, of {len(seen)}")


def _shared_start(net: Network) -> Found:
    one = _steps_to(net, "W1")
    five = _steps_to(net, "W5")
    phrase = (
        f"{' and '.join(five[:2])} begin both chains"
        if one[:2] == five[:2]
        else "the chains for W1 and W5 begin differently"
    )
    return Found(phrase, None, f"W1: {' · '.join(one)}; W5: {' · '.join(five)}")


def _parameters(net: Network) -> Found:
    weights = [p for p in net.parameters if p.startswith("W")]
    biases = [p for p in net.parameters if p.startswith("b")]
    return Found(
        f"the parameters are {', '.join(weights)} and {', '.join(biases)}",
        float(len(net.parameters)),
        "the leaves a step of training moves",
    )


def _twisting(build_: Builder, values: Mapping[str, float]) -> Found:
    """Whether every ∂ℓ/∂W is (σ3 − y) times a factor that does not depend on y: the
    same ratio with y moved, at every point."""
    worst, cases = 0.0, 0
    for point in points(values, 20):
        ratios = []
        for y in (0.0, 0.5, 1.0):
            net = build_({**point, "y": y})
            gap = net.nodes["σ3"].data - y
            slopes = grad(net.root, [net.nodes[w] for w in WEIGHTS])
            ratios.append([slope / gap for slope in slopes])
        worst = max(
            worst, *(abs(a - b) for r in ratios[1:] for a, b in zip(ratios[0], r, strict=True))
        )
        cases += len(WEIGHTS)
    phrase = (
        "every ∂ℓf/∂W is (σ3 − y) times a factor that does not depend on y"
        if worst < 1e-9
        else "some ∂ℓf/∂W is not (σ3 − y) times a factor free of y"
    )
    return Found(
        phrase,
        worst,
        f"(∂ℓ/∂W)/(σ3 − y) with y = 0, 0.5, 1, for W1…W6 at 21 points ({cases} cases): largest "
        f"change {worst:.2g}",
        f"the largest change over {cases} cases",
    )


def _two_components(build_: Builder, values: Mapping[str, float]) -> Found:
    """Whether each node's σ is the sigmoid of its sum Z alone, at every point."""
    worst = 0.0
    for point in points(values, 20):
        net = build_(point)
        for k in (1, 2, 3):
            z, σ = net.nodes[f"Z{k}"].data, net.nodes[f"σ{k}"]
            worst = max(worst, abs(σ.data - 1 / (1 + math.exp(-z))))
            if labelled_inputs(σ) != [f"Z{k}"]:
                worst = math.inf
    phrase = (
        "each node is a sum Z followed by the sigmoid σ(Z)"
        if worst < 1e-12
        else "a node is not a sum followed by a sigmoid"
    )
    return Found(
        phrase,
        worst,
        f"σk against 1/(1 + e^−Zk) for the 3 nodes at 21 points: largest gap {worst:.2g}",
        "the largest gap over 21 points",
    )


def _on_off(build_: Builder, values: Mapping[str, float]) -> Found:
    """The values σ1 takes over many points: only 0 and 1, or every value between."""
    seen = sorted({build_(point).nodes["σ1"].data for point in points(values, 50)})
    phrase = (
        "σ1 is 0 or 1"
        if set(seen) <= {0.0, 1.0}
        else f"σ1 takes {len(seen)} values between 0 and 1"
    )
    return Found(
        phrase,
        (seen[0], seen[-1]),
        f"σ1 over 51 points: from {seen[0]:.4g} to {seen[-1]:.4g}",
        "σ1's least and greatest over 51 points",
    )


def _chain_rule(build_: Builder, values: Mapping[str, float]) -> Found:
    """What the chain rule of lines 126 and 162 is: the derivative of functions composed
    (ℓ of σ3 of Z3 of W5) as the product of their derivatives, against central
    differences of ℓ, at many points."""
    worst, h = 0.0, 1e-6
    for point in points(values, 10):
        net = build_(point)
        n = net.nodes
        σ3, σ1, y = n["σ3"].data, n["σ1"].data, n["y"].data
        product = ((1 - y) / (1 - σ3) - y / σ3) * σ3 * (1 - σ3) * σ1  # ∂ℓ/∂σ3 · ∂σ3/∂Z3 · ∂Z3/∂W5
        up = build_({**point, "W5": point["W5"] + h}).root.data
        down = build_({**point, "W5": point["W5"] - h}).root.data
        worst = max(worst, abs(product - (up - down) / (2 * h)))
    phrase = (
        CHAIN_RULE_IS if worst < 1e-6 else "the product of the derivatives is not the derivative"
    )
    return Found(
        phrase,
        worst,
        f"∂ℓ/∂σ3 · ∂σ3/∂Z3 · ∂Z3/∂W5 against the central difference of ℓ in W5, at 11 points: "
        f"largest gap {worst:.2g}; nothing here is an equation in an unknown function and its "
        "derivatives (a differential equation): every derivative is of a known function",
        "the largest gap over 11 points",
    )


def _by_division(net: Network) -> Found:
    """Whether one chain of factors, cancelled as fractions, gives the partial of every
    leaf: it gives one path's product, which is the partial only where there is one path."""
    short: list[str] = []
    first: tuple[float, float] | None = None
    for leaf in (*PARAMETERS, "X1", "X2"):
        found = explain(net.root, net.nodes[leaf])
        if (found.path_count or 0) > 1:
            share = found.path_products[0]
            first = first or (share, found.total)
            short.append(
                f"{leaf} ({found.path_count} paths: one chain gives {share:.4g} of {found.total:.4g})"
            )
    phrase = (
        "every leaf's partial is one chain of factors"
        if not short
        else "one chain gives the partial only where one path leads to the leaf"
    )
    detail = "; ".join(short) or "every leaf has one path"
    return Found(phrase, first, detail, f"one chain's product and the partial, {AT_VALUES}")


def _division_here(net: Network) -> Found:
    found = explain(net.root, net.nodes["W5"])
    phrase = (
        "the chain of line 126 is the one path to W5, and its product is ∂ℓf/∂W5"
        if found.path_count == 1
        else f"W5 has {found.path_count} paths"
    )
    return Found(
        phrase,
        found.total,
        f"{found.path_count} path from ℓ to W5; ∂ℓ/∂W5 = {found.total:.6g}",
        f"∂ℓ/∂W5, {AT_VALUES}",
    )


def _step_function(build_: Builder, values: Mapping[str, float]) -> Found:
    """Whether σ3 is a step function of Z3: flat between jumps (slope 0 wherever it is
    defined), taking few values; or smooth and strictly increasing."""
    slopes, seen = [], set()
    for point in points(values, 50):
        net = build_(point)
        slopes.append(grad(net.nodes["σ3"], net.nodes["Z3"]))
        seen.add(net.nodes["σ3"].data)
    flat = sum(slope == 0.0 for slope in slopes)
    phrase = (
        "σ3 is a step function of Z3"
        if flat == len(slopes)
        else "σ3 is a smooth increasing function of Z3, not a step function"
    )
    return Found(
        phrase,
        min(slopes),
        f"∂σ3/∂Z3 is 0 at {flat} of {len(slopes)} points (a step function's is 0 between its "
        f"jumps), its least value {min(slopes):.4g}; σ3 takes {len(seen)} values",
        f"the least ∂σ3/∂Z3 over {len(slopes)} points",
    )


def _second_factor(net: Network) -> Found:
    steps = _steps_to(net, "W5")
    return Found(
        f"the second factor of the chain to W5 is {steps[1]}",
        None,
        f"the chain to W5: {' · '.join(steps)}",
    )


def _more_components(net: Network) -> Found:
    one, five = len(_steps_to(net, "W1")), len(_steps_to(net, "W5"))
    phrase = (
        "the chain to W1 has more components than the chain to W5"
        if one > five
        else "the chain to W1 has no more components than the chain to W5"
    )
    return Found(phrase, (float(one), float(five)), f"W1: {one} factors; W5: {five}")


def _bce(v: Mapping[str, float]) -> float:
    # nn takes labels 0 and 1; the loss is linear in y, so a y between is their blend.
    σ3, y = Value(v["σ3"]), v["y"]
    one, zero = (nn.binary_cross_entropy(σ3, Value(label)).data for label in (1.0, 0.0))
    return y * one + (1 - y) * zero


_bce.__doc__ = "binary cross-entropy, as nn.binary_cross_entropy computes it for y = 1 and y = 0"


def _steps_to(net: Network, target: str) -> list[str]:
    """The factors of the (first) path from the output to `target`, as ∂of/∂wrt."""
    path = paths_through(net, target)[0]
    return [f"∂{path[i]}/∂{path[i + 1]}" for i in range(len(path) - 1)]


CLAIMS: tuple[Claim, ...] = (
    fact(
        kind="structure",
        says="the right settings for the knobs (6 in this schematic)",
        line=18,
        quote="knobs (6 in this schematic)",
        stated="6 weights",
        measure=at_values(_count),
        reading="the knobs are the weights W1…W6 (line 22)",
    ),
    fact(
        kind="structure",
        says="additional bias terms (b1, b2, and b3) added to the nodes",
        line=20,
        quote="bias terms (b1,b2, and b3) added to the nodes",
        stated="3 biases, one for each node",
        measure=at_values(_biases),
    ),
    fact(
        kind="structure",
        says="a deep learning model has multiple hidden layers, unlike this simple neural network",
        line=22,
        quote="has multiple hidden layers, unlike this simple neural network",
        stated="1 hidden layer",
        measure=at_values(_hidden_layers),
    ),
    fact(
        kind="structure",
        says="the values of the parameters {W (W1,…, W6) and b (b1,b2, and b3)}",
        line=22,
        quote="identify the values of the parameters {W (W1,…, W6) and b (b1,b2, and b3)}",
        stated="the parameters are W1, W2, W3, W4, W5, W6 and b1, b2, b3",
        measure=at_values(_parameters),
    ),
    fact(
        kind="meaning",
        says="this difference is measured mathematically by the loss function ℓf",
        line=28,
        quote="This difference is measured mathematically by the loss function",
        stated="ℓf grows as σ3 moves away from y",
        measure=_loss_grows,
        reading="the actual output is σ3 and the expected y; the loss measures their "
        "difference when it grows as σ3 moves away from y (∂ℓf/∂σ3 has the sign of σ3 − y)",
    ),
    read_as(
        RULE,
        f"the procedure the post teaches: {INTUITIVE.name}, fed to this rule; α > 0, applied to "
        "every parameter, W and b (line 28: 'The weights (Wi and bi)')",
        procedure=INTUITIVE,
        others=(
            read_as(RULE, f"{CHAIN_RULE.name}, fed to this rule", procedure=CHAIN_RULE),
            read_as(RULE, "∂ℓf/∂W_i the derivative itself (the engine's), on every W and b"),
        ),
    ),
    Claim(
        kind="partial",
        says="the partial derivatives for other weights can be derived using the same method used for W5 and W1",
        line=32,
        quote="easily derived using the same method used for W5 and W1",
        stated=f"{DL_DS3}·{OUTPUT}·σ2",
        of="ℓ",
        elements=(
            Element("ℓ", "W6", f"{DL_DS3}·{OUTPUT}·σ2"),
            Element("ℓ", "W2", f"{DL_DS3}·{OUTPUT}·W5·σ1·(1 − σ1)·X2"),
            Element("ℓ", "W3", f"{DL_DS3}·{OUTPUT}·W6·σ2·(1 − σ2)·X1"),
            Element("ℓ", "W4", f"{DL_DS3}·{OUTPUT}·W6·σ2·(1 − σ2)·X2"),
        ),
        reading="the method: the chain rule of lines 126 and 162 with the components of lines "
        "136–174, for W6, W2 and (through σ2 and W6) W3 and W4",
    ),
    fact(
        kind="meaning",
        says="∂(Output water from the tap)/∂(Position/Setting of the knob) = ∂ℓf/∂W_i",
        line=42,
        quote=r"\partial (Output\ water\ from\ the\ tap)",
        stated="∂σ3/∂W5 = ∂ℓ/∂W5",
        measure=same_slope("σ3", "ℓ", "W5"),
        reading="literally: the output water is the network's output σ3 (line 38: 'the input/output "
        "water is similar to the input/output variables') and the knob is W5 (line 67)",
        others=(
            fact(
                kind="meaning",
                says="∂(Output water)/∂(knob) = ∂ℓf/∂W_i",
                line=42,
                quote=r"\partial (Output\ water\ from\ the\ tap)",
                stated="∂ℓ/∂W5 = ∂ℓ/∂W5",
                measure=same_slope("ℓ", "ℓ", "W5"),
                reading="the output water read as the loss ℓf, as the analogy means it: the "
                "equation then names ∂ℓf/∂W_i and holds by definition",
            ),
        ),
    ),
    fact(
        kind="meaning",
        says="When the difference between the desired output and the actual output is large then you "
        "need a lot of twisting. On the other hand, when the difference is less then you turn the "
        "knob gently",
        line=44,
        quote="When the difference between the desired output and the actual output is large",
        stated="every ∂ℓf/∂W is (σ3 − y) times a factor that does not depend on y",
        measure=_twisting,
        reading="the twist of a knob is its step, α·∂ℓf/∂W; 'large' and 'gently' compare the same "
        "knob at the same input with the output difference σ3 − y larger or smaller",
    ),
    fact(
        kind="meaning",
        says="if there is no water flowing from the left pipe then no matter how much you twist the knob it won’t help",
        line=46,
        quote="no matter how much you twist the knob",
        stated="∂ℓf/∂W is 0 when its input is 0",
        measure=_no_input,
        reading="a knob's input is the number its weight multiplies: X1 for W1 and W3, X2 for W2 "
        "and W4 (σ1 and σ2, the inputs of W5 and W6, are never 0)",
    ),
    statement(
        "For our network, the output difference is (σ3 − y) and input is σ1",
        56,
        r"the output difference is (\ltimes_{3}-y)",
        fact(
            kind="role",
            says="the output difference is (σ3 − y)",
            line=56,
            quote=r"the output difference is (\ltimes_{3}-y)",
            stated="σ3 is computed by the network; y is a given number",
            measure=roles(("σ3", "σ3"), ("y", "y")),
            reading="the actual output σ3 less the desired output y",
        ),
        partial(
            says="input is σ1",
            line=56,
            quote=r"input is \ltimes_{1}",
            of="Z3",
            wrt="W5",
            stated="σ1",
            reading="the input of W5's knob: what W5 multiplies, ∂Z3/∂W5",
        ),
    ),
    partial(
        says="∂ℓf/∂W5 = (σ3 − y)·σ1",
        line=58,
        quote=r"{\partial W_{5}}=(\ltimes_{3}-y) \cdot \ltimes_{1}",
        of="ℓ",
        wrt="W5",
        stated="(σ3 − y)·σ1",
    ),
    fact(
        kind="structure",
        says="the other parameters further away from the output (i.e. W1)",
        line=66,
        quote="further away from the output (i.e. W1)",
        stated="W1 is farther from the output than W5",
        measure=at_values(_farther),
    ),
    fact(
        kind="structure",
        says="the red knob is similar to the parameters (W1, W2, W3, W4, b1, and b2) added to the "
        "hidden layers; the knob on top of the brass tap is like the parameters to the output layer "
        "(i.e. W5, W6, and b3)",
        line=67,
        quote="the red knob is similar to the parameters (W1, W2, W3, W4, b1, and b2)",
        stated="W1, W2, W3, W4, b1, b2 feed the hidden layer; W5, W6, b3 the output; all of them reach ℓf",
        measure=at_values(_knobs),
        together=Z3,
        reading="'the output from the tap is governed by both these knobs': every one of them reaches ℓf",
    ),
    partial(
        says="factor 1 is (σ3 − y)",
        line=77,
        quote=r"factor 1 is (\ltimes_{3}-y)",
        of="ℓ",
        wrt="Z3",
        stated="σ3 − y",
        reading="each factor read as one link of ℓ → Z3 → σ1 → Z1 → W1: factor 1 is ∂ℓf/∂Z3",
    ),
    partial(
        says="W5 is the setting/weight for the knob of the brass tap (factor 2)",
        line=77,
        quote="W5 is the setting/weight for the knob of the brass tap",
        of="Z3",
        wrt="σ1",
        stated="W5",
        reading="factor 2 is ∂Z3/∂σ1",
        together=Z3,
    ),
    partial(
        says="Factor 3 is (σ1 − 1)·σ1",
        line=77,
        quote=r"Factor 3 is (\ltimes_{1}-1)\cdot\ltimes_{1}",
        of="σ1",
        wrt="Z1",
        stated="(σ1 − 1)·σ1",
        correct="σ1·(1 − σ1)",
        reading="factor 3, the change in input to the brass tap caused by the red knob, is ∂σ1/∂Z1",
    ),
    partial(
        says="the last factor is the input or X1",
        line=77,
        quote="the last factor is the input or X1",
        of="Z1",
        wrt="W1",
        stated="X1",
        reading="factor 4 is ∂Z1/∂W1",
    ),
    partial(
        says="∂ℓf/∂W1 = (σ3 − y)·W5·(σ1 − 1)·σ1·X1",
        line=79,
        quote=r"{\partial W_{1}}=(\ltimes_{3}-y)\cdot W_{5} \cdot (\ltimes_{1}-1)\cdot\ltimes_{1}\cdot X_{1}",
        of="ℓ",
        wrt="W1",
        stated="(σ3 − y)·W5·(σ1 − 1)·σ1·X1",
        correct=RIGHT_W1,
    ),
    fact(
        kind="structure",
        says="The node for the neural network has two components i.e. sum and non-linear",
        line=89,
        quote="has two components i.e. sum and non-linear",
        stated="each node is a sum Z followed by the sigmoid σ(Z)",
        measure=_two_components,
    ),
    Claim(
        kind="definition",
        says="The sum component (Z1) is just a linear combination of the input and the weights",
        line=89,
        quote="is just a linear combination of the input and the weights",
        stated="W1·X1 + W2·X2",
        of="Z1",
        correct="W1·X1 + W2·X2 + b1",
        reading="literally: a linear combination of the inputs X1, X2 with the weights as "
        "coefficients, and nothing else",
        others=(
            Claim(
                kind="definition",
                says="… a linear combination of the input and the weights, b1 among them",
                line=89,
                quote="is just a linear combination of the input and the weights",
                stated="W1·X1 + W2·X2 + b1·1",
                of="Z1",
                reading="b1 taken as the weight of an input that is always 1 (line 87: the "
                "networks differ by b1 alone)",
            ),
        ),
    ),
    Claim(
        kind="definition",
        says="Z1 = W1·X1 + W2·X2 + b1",
        line=91,
        quote=r"Z_{1} = W_{1}\cdot X_{1} + W_{2}\cdot X_{2} +b_{1}",
        stated="W1·X1 + W2·X2 + b1",
        of="Z1",
    ),
    fact(
        kind="meaning",
        says="it is like a regulator of a fan that keeps the value of σ1 between 0 and 1",
        line=93,
        quote="between 0 and 1 or on/off",
        stated="σ1 stays between 0 and 1",
        measure=_between,
        reading="'between 0 and 1', the first of the two words",
        others=(
            fact(
                kind="meaning",
                says="… keeps the value of σ1 … on/off",
                line=93,
                quote="between 0 and 1 or on/off",
                stated="σ1 is 0 or 1",
                measure=_on_off,
                reading="'on/off': σ1 takes two values only",
            ),
        ),
    ),
    Claim(
        kind="definition",
        says="σ1 = e^Z1 / (1 + e^Z1)",
        line=97,
        quote=r"\ltimes_{1} = \frac{e^{Z_{1}}}{1+e^{Z_{1}}}",
        stated="exp(Z1) / (1 + exp(Z1))",
        of="σ1",
    ),
    Claim(
        kind="definition",
        says="the nodes in both the hidden and output layer behave the same",
        line=99,
        quote="The nodes in both the hidden and output layer behave the same",
        stated="exp(Z3) / (1 + exp(Z3))",
        of="σ3",
        reading="the output node is a sum and a sigmoid too: σ3 = e^Z3/(1 + e^Z3)",
    ),
    Claim(
        kind="definition",
        says="ℓf = −(1 − y)·ln(1 − σ3) − y·ln(σ3)",
        line=118,
        quote=r"\ell f =-(1-y)\cdot ln(1-\ltimes_{3})-y\cdot ln(\ltimes_{3})",
        stated="−(1 − y)·log(1 − σ3) − y·log(σ3)",
        of="ℓ",
    ),
    Claim(
        kind="definition",
        says="This expression is also referred to as binary cross entropy",
        line=120,
        quote="This expression is also referred to as binary cross entropy",
        stated=_bce,
        of="ℓ",
        reading="binary cross-entropy as the package's nn.binary_cross_entropy computes it, "
        "written apart from this network",
    ),
    fact(
        kind="meaning",
        says="we are ready to solve it using the chain rule of differential equations",
        line=120,
        quote="using the chain rule of differential equations",
        stated="a rule for solving differential equations",
        measure=_chain_rule,
        reading="what the chain rule is: the rule the post then uses (lines 126 and 162)",
    ),
    partial(
        says="we know the answer to ∂ℓf/∂W5 is equal to (σ3 − y)·σ1",
        line=124,
        quote=r"(\ltimes_{3}-y)\cdot \ltimes_{1}",
        of="ℓ",
        wrt="W5",
        stated="(σ3 − y)·σ1",
    ),
    fact(
        kind="meaning",
        says="let’s derive the same thing using the chain rule of derivatives",
        line=124,
        quote="using the chain rule of derivatives",
        stated=CHAIN_RULE_IS,
        measure=_chain_rule,
        reading="what the chain rule is: the rule of line 126",
    ),
    fact(
        kind="structure",
        says="∂ℓf/∂W5 = ∂ℓf/∂σ3 · ∂σ3/∂Z3 · ∂Z3/∂W5",
        line=126,
        quote=r"\frac{\partial \ltimes_{3}}{\partial Z_{3}}\cdot \frac{\partial Z_{3}}{\partial W_{5}}",
        stated="ℓ → σ3 → Z3 → W5",
        measure=chain("W5", "ℓ → σ3 → Z3 → W5"),
        reading="a chain rule written as one product claims one path from ℓf to W5",
    ),
    fact(
        kind="meaning",
        says="The above equation for chain rule is fairly simple since equation on the right-hand side "
        "will become the one on the left-hand side by simple division",
        line=128,
        quote="will become the one on the left-hand side by simple division",
        stated="every leaf's partial is one chain of factors",
        measure=at_values(_by_division),
        reading="as a reason the chain rule holds: the ∂'s cancel as fractions, so a chain of "
        "factors from ℓf down to any leaf is its partial (the reasoning relu-network's line 163 "
        "follows, and drops paths with)",
        others=(
            fact(
                kind="meaning",
                says="… by simple division (this equation)",
                line=128,
                quote="will become the one on the left-hand side by simple division",
                stated="the chain of line 126 is the one path to W5, and its product is ∂ℓf/∂W5",
                measure=at_values(_division_here),
                reading="of the equation above alone: W5's chain, one path",
            ),
        ),
    ),
    Claim(
        kind="definition",
        says="ℓf = −(1 − y)·ln(1 − σ3) − y·ln(σ3) (again)",
        line=132,
        quote=r"\ell f =-(1-y)\cdot ln(1-\ltimes_{3})-y\cdot ln(\ltimes_{3})",
        stated="−(1 − y)·log(1 − σ3) − y·log(σ3)",
        of="ℓ",
    ),
    partial(
        says="∂ℓf/∂σ3 = (1 − y)/(1 − σ3) − y/σ3 = (σ3 − y)/(σ3·(1 − σ3))",
        line=136,
        quote=r"=\frac{(1-y)}{1-\ltimes_{3}}-\frac{y}{\ltimes_{3}}=\frac{(\ltimes_{3}-y)}{\ltimes_{3}\cdot(1-\ltimes_{3})}",
        of="ℓ",
        wrt="σ3",
        stated=("(1 − y)/(1 − σ3) − y/σ3", "(σ3 − y)/(σ3·(1 − σ3))"),
    ),
    partial(
        says="∂ln(x)/∂x = 1/x",
        line=140,
        quote=r"\frac{\partial ln(x)}{\partial x}=\frac{1}{x}",
        of="ln(x)",
        wrt="x",
        stated="1/x",
        network=Variant("x and ln(x) alone, x = 2", _ln, {"x": 2.0}),
    ),
    fact(
        kind="meaning",
        says="This second component of the step function is ∂σ3/∂Z3",
        line=142,
        quote="This second component of the step function is",
        stated="σ3 is a step function of Z3",
        measure=_step_function,
        reading="literally: the function whose derivative this is, the sigmoid σ3 of Z3, called a "
        "step function",
        others=(
            fact(
                kind="structure",
                says="This second component of the step function is ∂σ3/∂Z3",
                line=142,
                quote="This second component of the step function is",
                stated="the second factor of the chain to W5 is ∂σ3/∂Z3",
                measure=at_values(_second_factor),
                reading="'the step function' read as the chain rule's steps (line 126)",
            ),
        ),
    ),
    partial(
        says="∂σ3/∂Z3 = σ3·(1 − σ3)",
        line=144,
        quote=r"=\ltimes_{3}\cdot (1-\ltimes_{3})",
        of="σ3",
        wrt="Z3",
        stated="σ3·(1 − σ3)",
    ),
    partial(
        says="∂Z3/∂W5 = σ1",
        line=148,
        quote=r"{\partial W_{5}}=\ltimes_{1}",
        of="Z3",
        wrt="W5",
        stated="σ1",
    ),
    Claim(
        kind="definition",
        says="Z3 = W5·σ1 + W6·σ1 + b3",
        line=152,
        quote=r"W_{6} \cdot \ltimes_{1}  + b_{3}",
        stated="W5·σ1 + W6·σ1 + b3",
        of="Z3",
        correct="W5·σ1 + W6·σ2 + b3",
        together=Z3,
    ),
    partial(
        says="∂ℓf/∂W5 = (σ3 − y)·(1 − σ3)·σ3·σ1 / ((1 − σ3)·σ3) = (σ3 − y)·σ1",
        line=156,
        quote=r"(\ltimes_{3}-y)\cdot (1-\ltimes_{3})\cdot  \ltimes_{3} \cdot \ltimes_{1}",
        of="ℓ",
        wrt="W5",
        stated=("(σ3 − y)·(1 − σ3)·σ3·σ1 / ((1 − σ3)·σ3)", "(σ3 − y)·σ1"),
    ),
    fact(
        kind="structure",
        says="The chain rule for the red knob … is just an extension of the chain rule of the knob "
        "on the top of the tap. This one has a few more components",
        line=160,
        quote="This one has a few more components",
        stated="the chain to W1 has more components than the chain to W5",
        measure=at_values(_more_components),
    ),
    fact(
        kind="structure",
        says="∂ℓf/∂W1 = ∂ℓf/∂σ3 · ∂σ3/∂Z3 · ∂Z3/∂σ1 · ∂σ1/∂Z1 · ∂Z1/∂W1",
        line=162,
        quote=r"\frac{\partial Z_{3}}{\partial \ltimes_{1}}\cdot \frac{\partial \ltimes_{1}}{\partial Z_{1}}",
        stated="ℓ → σ3 → Z3 → σ1 → Z1 → W1",
        measure=chain("W1", "ℓ → σ3 → Z3 → σ1 → Z1 → W1"),
        reading="a chain rule written as one product claims one path from ℓf to W1",
    ),
    fact(
        kind="structure",
        says="the first two components are exactly the same as the knob of the tap i.e. W5",
        line=164,
        quote="The first two components are exactly the same as the knob of the tap",
        stated="∂ℓ/∂σ3 and ∂σ3/∂Z3 begin both chains",
        measure=at_values(_shared_start),
    ),
    partial(
        says="∂Z3/∂σ1 = W5",
        line=166,
        quote=r"{\partial \ltimes_{1}} =W_{5}",
        of="Z3",
        wrt="σ1",
        stated="W5",
        together=Z3,
    ),
    partial(
        says="∂σ1/∂Z1 = σ1·(1 − σ1)",
        line=170,
        quote=r"=\ltimes_{1}\cdot (1-\ltimes_{1})",
        of="σ1",
        wrt="Z1",
        stated="σ1·(1 − σ1)",
    ),
    partial(
        says="∂Z1/∂W1 = X1",
        line=174,
        quote=r"{\partial W_{1}}=X_{1}",
        of="Z1",
        wrt="W1",
        stated="X1",
    ),
    Claim(
        kind="identity",
        says="we now multiply these five components to get the results we have already seen",
        line=176,
        quote="multiply these five components to get the results we have already seen",
        stated="(σ3 − y)·W5·(σ1 − 1)·σ1·X1",
        of=f"{DL_DS3}·{OUTPUT}·W5·σ1·(1 − σ1)·X1",
        correct=RIGHT_W1,
        reading="the product of the components of lines 136, 144, 166, 170 and 174 equals the "
        "result seen on line 79",
    ),
    partial(
        says="∂ℓf/∂W1 = σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1",
        line=178,
        quote=r"\ltimes_{3}\cdot (1-\ltimes_{3}) \cdot W_{5} \cdot \ltimes_{1}\cdot (1-\ltimes_{1}) \cdot X_{1}",
        of="ℓ",
        wrt="W1",
        stated="σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1",
        correct=RIGHT_W1,
        reading="the product of the five factors keeps ∂σ3/∂Z3 but drops ∂ℓ/∂σ3",
    ),
)

SECTIONS = (
    Section(8, "Math of Deep Learning Neural Networks – Simplified (Part 2)"),
    Section(16, "The Math of Deep Learning and Plumbing"),
    Section(24, "Backpropagation and Gradient Descent"),
    Section(36, "Intuitive Math of Deep Learning for W5 & A Tap"),
    Section(60, "Disclaimer"),
    Section(64, "Add More Knobs to Solve W1 – Intuitive Math of Deep Learning"),
    Section(85, "Nodes of Neural Networks"),
    Section(101, "Classification Problem – Math of Deep Learning"),
    Section(114, "Loss Function and Cross Entropy"),
    Section(122, "Chain Rule for W5 – Math of Deep Learning"),
    Section(158, "Chain Rule for W1 – Math of Deep Learning"),
    Section(180, "Sign-off Node"),
)

LEFT_OUT = (
    LeftOut(1, 6, "the site's navigation"),
    LeftOut(10, 14, "the byline and the series' introduction: nothing about the network"),
    LeftOut(26, 26, "the plumbing analogy of the previous post: nothing to compute"),
    LeftOut(
        32,
        32,
        "a name (α is the learning rate, a constant): nothing to compute",
        "α is called the learning rate",
    ),
    LeftOut(34, 34, "announces the tap analogy"),
    LeftOut(38, 40, "the tap analogy: it says what line 42 says in symbols"),
    LeftOut(
        48,
        54,
        "Factor 1 and Factor 2 in words, written as symbols on line 56 and checked "
        "there and on line 58; line 52 promises line 156's result",
    ),
    LeftOut(60, 62, "a disclaimer: nothing to compute"),
    LeftOut(69, 75, "the four factors in words, written as symbols on line 77 and checked there"),
    LeftOut(81, 83, "announces the components"),
    LeftOut(87, 87, "refers to a picture: the networks with and without b1"),
    LeftOut(95, 95, "announces line 97"),
    LeftOut(
        99,
        99,
        "announces the loss: its job is said on line 28 and checked there",
        "the last thing is to define the loss function",
    ),
    LeftOut(103, 112, "examples of classification problems, and a name (binary cross entropy)"),
    LeftOut(116, 116, "announces line 118"),
    LeftOut(
        120,
        120,
        "looks ahead to the next part",
        "We will learn about multiclass cross entropy and softmax function in the next part",
    ),
    LeftOut(124, 124, "the analogy again", "this is similar to the change in water pressure"),
    LeftOut(
        128,
        128,
        "the pipeline analogy again",
        "these equations suggest that the change in the output essentially the change observed",
    ),
    LeftOut(130, 130, "announces line 132"),
    LeftOut(134, 134, "names the first component, given on line 136"),
    LeftOut(138, 138, "announces line 140"),
    LeftOut(
        142,
        142,
        "refers to another page for the sigmoid's derivative; the result is line 144",
        "You could find here a detailed solution to the derivative of the sigmoid function",
    ),
    LeftOut(146, 146, "announces line 148"),
    LeftOut(150, 150, "announces line 152"),
    LeftOut(154, 154, "announces line 156, checked there"),
    LeftOut(164, 164, "announces line 166", "Hence, we will calculate the third component"),
    LeftOut(168, 168, "announces line 170"),
    LeftOut(172, 172, "announces line 174"),
    LeftOut(182, 278, "the sign-off, sharing buttons, comments and the site's pages"),
)

REMARKS = (
    "The document writes the sigmoid outputs as ⋉1 and ⋉3 (\\ltimes); they are σ1, σ3 here, and "
    "the second hidden node, which the text never names, is σ2.",
)

CITATION = Citation(
    TITLE, "a blog post", author="Roopam Upadhyay", site="ucanalytics.com", lines_in=SOURCE
)

DOCUMENT = Document(
    NAME,
    CITATION,
    build,
    VALUES,
    CLAIMS,
    SECTIONS,
    LEFT_OUT,
    deepest="W1",
    chosen={
        **VALUES,
        "α (training runs of line 30)": RATE,
        "steps (training runs of line 30)": STEPS,
    },
    chosen_note="the document gives no numbers: every value here is chosen, and every formula "
    "is also checked at 50 other points",
    variants=VARIANTS,
    remarks=REMARKS,
    runs_chosen="α and the number of steps chosen here",
)


def run() -> DocumentResult:
    """Rebuild the document's network and check every claim it makes."""
    return DOCUMENT.run()
