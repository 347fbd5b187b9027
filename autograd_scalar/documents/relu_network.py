"""The relu-network document: a 2-3-3-1 network with ReLU hidden layers, worked by hand.

Source: "Deep Learning - The Mathematics Behind Neural Network - Part 2" (seed 002).
Inputs x1 = 0.23, x2 = 0.55; weights w1..w18 = 0.1..0.9 twice; biases b1..b7 = 0.1,
−0.4, 0.3, −0.5, 0.5, 0.6, −0.7 (the page's text lost some minus signs; its LaTeX has
them). Weights are numbered input by input: w1, w2, w3 leave x1 for n3, n4, n5 and
w4, w5, w6 leave x2; w7, w8, w9 leave n3 for n6, n7, n8, and so on; w16, w17, w18 join
n6, n7, n8 to n9. Hidden nodes use ReLU, the output a sigmoid; the error is
E = ½(y − ŷ)² with target y = 0.01; the learning rate η is 0.01. Nodes carry the
document's names: net_n3, out_n3, …, out_n9 (its ŷ), E.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.value import Value
from .checking import run_claims
from .claims import Claim, DocumentResult, partial
from .network import Network, path_measure

NAME = "relu-network"
TITLE = "Deep Learning - The Mathematics Behind Neural Network - Part 2"
SOURCE = "002_2a4271f74d52a17d.txt"
LEARNING_RATE = 0.01
DEEPEST = "w1"

VALUES: dict[str, float] = {"x1": 0.23, "x2": 0.55, "y": 0.01}
VALUES.update({f"w{i}": round(0.1 * (1 + (i - 1) % 9), 1) for i in range(1, 19)})
VALUES.update({f"b{i}": b for i, b in enumerate((0.1, -0.4, 0.3, -0.5, 0.5, 0.6, -0.7), 1)})
PARAMETERS = tuple(f"w{i}" for i in range(1, 19)) + tuple(f"b{i}" for i in range(1, 8))

REMARKS = (
    "The page's text drops minus signs (b2, b4, b7 and net_n4 = −0.079); its LaTeX has them.",
    "It says 'update the weight w10' where the equations that follow compute w7.",
    "It calls ŷ 'the target output' and 'the ideal output', then uses y = 0.01 as the "
    "target and ŷ = out_n9 as the prediction; the numbers follow the second reading.",
)


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


def _relu_layer(v: dict[str, Value], inputs: list[Value], first_weight: int, first_bias: int,
                first_node: int) -> list[Value]:  # fmt: skip
    outs = []
    for j in range(3):
        net = v[f"b{first_bias + j}"]
        terms = [v[f"w{first_weight + 3 * k + j}"] * x for k, x in enumerate(inputs)]
        net = (sum(terms[1:], terms[0]) + net).labelled(f"net_n{first_node + j}")
        outs.append(net.relu().labelled(f"out_n{first_node + j}"))
    return outs


def _forward(node: str, value: str, says: str, where: str) -> Claim:
    return Claim("forward", says, where, value, node)


def _update(
    parameter: str, value: str, says: str, where: str = "Backpropagation and Weight Updates"
) -> Claim:
    return Claim("update", says, where, value, parameter, step=LEARNING_RATE)


FORWARD = "Forward Propagation Through Hidden Layers"
OUTPUT = "Computing Output Layer Activation"
BACKWARD = "Backpropagation and Weight Updates"
HIDDEN = "Iterative Training and Error Reduction"

CLAIMS: tuple[Claim, ...] = (
    _forward("net_n3", "0.343", "net_n3 = 0.1·0.23 + 0.4·0.55 + 0.1 = 0.343", FORWARD),
    _forward("out_n3", "0.343", "out_n3 = max(0, 0.343) = 0.343", FORWARD),
    _forward("net_n4", "−0.079", "out_n4 = max(0, −0.079): net_n4 = −0.079", FORWARD),
    _forward("out_n4", "0", "out_n4 = max(0, −0.079) = 0", FORWARD),
    _forward("out_n5", "0.699", "out_n5 = max(0, 0.699) = 0.699", FORWARD),
    _forward("net_n6", "0.0197", "out_n6 = max(0, 0.0197): net_n6 = 0.0197", FORWARD),
    _forward("out_n6", "0.0197", "out_n6 = max(0, 0.0197) = 0.0197", FORWARD),
    _forward("out_n7", "1.1239", "out_n7 = max(0, 1.1239) = 1.1239", FORWARD),
    _forward("out_n8", "1.3281", "out_n8 = max(0, 1.3281) = 1.3281", FORWARD),
    _forward("net_n9", "1.4082", "net_n9 = 1.4082", OUTPUT),
    _forward("out_n9", "0.8035", "ŷ = σ(1.4082) = 0.8035", OUTPUT),
    _forward(
        "E", "0.315", "E(0.01, 0.8035) = ½(0.01 − 0.8035)² = 0.315", "Calculating Total Error"
    ),
    partial("∂E/∂out_n9 = out_n9 − y", BACKWARD, "E", "out_n9", "out_n9 − y"),
    partial("∂E/∂out_n9 = 0.8035 − 0.01 = 0.7935", BACKWARD, "E", "out_n9", "0.7935"),
    partial(
        "∂out_n9/∂net_n9 = out_n9(1 − out_n9)", BACKWARD, "out_n9", "net_n9", "out_n9·(1 − out_n9)"
    ),
    partial(
        "∂out_n9/∂net_n9 = 0.8035·(1 − 0.8035) = 0.1579", BACKWARD, "out_n9", "net_n9", "0.1579"
    ),
    partial("∂net_n9/∂w16 = out_n6 = 0.0197", BACKWARD, "net_n9", "w16", "out_n6"),
    partial("∂net_n9/∂w16 = 0.0197", BACKWARD, "net_n9", "w16", "0.0197"),
    partial(
        "∂E/∂w16 = (out_n9 − y)·out_n9·(1 − out_n9)·out_n6",
        BACKWARD,
        "E",
        "w16",
        "(out_n9 − y)·out_n9·(1 − out_n9)·out_n6",
    ),  # fmt: skip
    partial("∂E/∂w16 = 0.7935·0.1579·0.0197 = 0.0025", BACKWARD, "E", "w16", "0.0025"),
    Claim("rule", "w_new = w_old − η·∂E/∂w", BACKWARD, -1.0, "E"),
    _update("w16", "0.699975", "w16_new = 0.7 − 0.01·0.0025 = 0.699975"),
    partial("∂E/∂w17 = 0.0850 (in w17_new = 0.8 − 0.01·0.0850)", BACKWARD, "E", "w17", "0.0850"),
    _update("w17", "0.798592", "w17_new = 0.8 − 0.01·0.0850 = 0.798592"),
    partial("∂E/∂w18 = 0.1003 (in w18_new = 0.9 − 0.01·0.1003)", BACKWARD, "E", "w18", "0.1003"),
    _update("w18", "0.898336", "w18_new = 0.9 − 0.01·0.1003 = 0.898336"),
    partial("∂net_n9/∂b7 = 1", BACKWARD, "net_n9", "b7", "1"),
    partial("∂E/∂b7 = 0.7935·0.1579·1 = 0.1253", BACKWARD, "E", "b7", "0.1253"),
    _update("b7", "−0.701253", "b7_new = −0.7 − 0.01·0.1253 = −0.701253"),
    Claim(
        "structure",
        "∂E/∂w7 = ∂E/∂out_n9·∂out_n9/∂net_n9·∂net_n9/∂out_n6·∂out_n6/∂net_n6·∂net_n6/∂w7",
        HIDDEN,
        "E → out_n9 → net_n9 → out_n6 → net_n6 → w7",
        "E",
        measure=path_measure("w7"),
        reading="a chain rule written as one product claims one path from E to w7",
    ),  # fmt: skip
    partial("∂net_n9/∂out_n6 = w16 = 0.7", HIDDEN, "net_n9", "out_n6", "w16"),
    partial("∂out_n6/∂net_n6 = 1 (since net_n6 = 0.0197 > 0)", HIDDEN, "out_n6", "net_n6", "1"),
    partial("∂net_n6/∂w7 = out_n3 = 0.343", HIDDEN, "net_n6", "w7", "out_n3"),
    partial("∂net_n6/∂w7 = 0.343", HIDDEN, "net_n6", "w7", "0.343"),
    partial("∂E/∂w7 = 0.7935·0.1579·0.7·1·0.343 = 0.03008", HIDDEN, "E", "w7", "0.03008"),
    _update("w7", "0.699", "w7_new = 0.7 − 0.01·0.03008 = 0.699", HIDDEN),
    Claim(
        "structure",
        "∂E/∂w1 = ∂E/∂out_n9·∂out_n9/∂net_n9·∂net_n9/∂out_n6·∂out_n6/∂net_n6·∂net_n6/∂out_n3·∂out_n3/∂net_n3·∂net_n3/∂w1",
        HIDDEN,
        "E → out_n9 → net_n9 → out_n6 → net_n6 → out_n3 → net_n3 → w1",
        "E",
        measure=path_measure("w1"),
        reading="a chain rule written as one product claims one path from E to w1; "
        "out_n3 feeds n6, n7 and n8, so ∂E/∂w1 is a sum over every path",
    ),  # fmt: skip
)


def run() -> DocumentResult:
    """Rebuild the document's network and check every claim it makes."""
    return run_claims(NAME, TITLE, SOURCE, build, VALUES, CLAIMS, REMARKS, DEEPEST)
