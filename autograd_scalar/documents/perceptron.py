"""The perceptron document: one sigmoid neuron, mean squared error over a data set.

Source: "A Gentle Introduction To Math Behind Neural Networks" (seed 001).
One neuron over n = 3 inputs: z = x·w + b, ŷ = σ(z); cost C = (1/m) Σ (y_k − ŷ_k)²
over m = 4 examples. The document writes n both for the number of inputs and for the
number of examples; here n counts inputs and m examples. The data are chosen here:
x_k = (0.5, −1.0, 2.0), (1.5, 0.2, −0.7), (−0.3, 0.8, 0.1), (1.0, 1.0, −1.5) with
targets y_k = 0.8, 0.3, 0.6, 0.1; w = (0.2, −0.4, 0.1), b = 0.05.
Labels: xj_k is input j of example k; z_k, ŷ_k, y_k belong to example k.

Reading: the document's ∂C/∂ŷ is one number, but C depends on every ŷ_k, so it is read
as ∂C/∂ŷ_k for each example k (the chain rule it writes needs exactly that); in
∂C/∂w_i = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z)) × x_i the factors after the sum belong to
one example each, so the sum is read as running over the whole product.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.value import Value
from .checking import run_claims
from .claims import Claim, DocumentResult, Element
from .network import Network, labelled_paths

NAME = "perceptron"
TITLE = "A Gentle Introduction To Math Behind Neural Networks"
SOURCE = "001_e4253f7052039c4b.txt"
DEEPEST = "w1"
INPUTS = ((0.5, -1.0, 2.0), (1.5, 0.2, -0.7), (-0.3, 0.8, 0.1), (1.0, 1.0, -1.5))
TARGETS = (0.8, 0.3, 0.6, 0.1)
N, M = 3, len(INPUTS)
J, K = range(1, N + 1), range(1, M + 1)

VALUES: dict[str, float] = {"w1": 0.2, "w2": -0.4, "w3": 0.1, "b": 0.05}
for _k, (_x, _y) in enumerate(zip(INPUTS, TARGETS, strict=True), 1):
    VALUES.update({f"x{j}_{_k}": xj for j, xj in zip(J, _x, strict=True)})
    VALUES[f"y_{_k}"] = _y
PARAMETERS = ("w1", "w2", "w3", "b")

REMARKS = (
    "n counts the inputs in 'Perceptrons' and the examples in the cost C = (1/n) Σ; "
    "here n = 3 inputs and m = 4 examples.",
    "∂z/∂w_i is worked out over Σ_{i=1}^n (x_i·w_i + b), which adds b n times; "
    "z = x·w + b adds it once. The answer x_i does not depend on it.",
)


def build(values: Mapping[str, float] = VALUES) -> Network:
    """The neuron applied to every example, and the cost C over all of them; root C."""
    v = {label: Value(number, label) for label, number in values.items()}
    squares = []
    for k in K:
        z = sum((v[f"x{j}_{k}"] * v[f"w{j}"] for j in J), v["b"]).labelled(f"z_{k}")
        ŷ = z.sigmoid().labelled(f"ŷ_{k}")
        squares.append((v[f"y_{k}"] - ŷ) ** 2)
    cost = (sum(squares[1:], squares[0]) * (1 / M)).labelled("C")
    return Network.of(cost, PARAMETERS)


def _sum(term: str) -> str:
    """Σ over the examples written out: term uses {k} for the example."""
    return "(" + " + ".join(term.format(k=k) for k in K) + ")"


def _each_example(
    of: str, wrt: str, stated: str, correct: str | None = None
) -> tuple[Element, ...]:
    return tuple(Element(of.format(k=k), wrt.format(k=k), stated.format(k=k),
                         correct and correct.format(k=k)) for k in K)  # fmt: skip


def _paths_per_example(net: Network) -> str:
    paths = labelled_paths(net.root, net.nodes["w1"])
    if len(paths) == 1:
        return "one path from C to w1"
    return f"{len(paths)} paths from C to w1, one per example: sum the products"


def _slope(j: int | None) -> str:
    x = f"·x{j}_{{k}}" if j else ""
    return _sum(f"(y_{{k}} − ŷ_{{k}})·sigmoid(z_{{k}})·(1 − sigmoid(z_{{k}})){x}")


STEP2 = "Learning Algorithm: Backpropagation, Step 2"
PER_Y = "−2/4·(y_{k} − ŷ_{k})"


def _partial(
    says: str, where: str, elements: tuple[Element, ...], correct: str = "", **more
) -> Claim:  # type: ignore[no-untyped-def]
    return Claim("partial", says, where, elements[0].stated, elements[0].of, elements,
                 correct_text=correct, **more)  # fmt: skip


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "definition", "z = x.w + b", "Perceptrons, Step 2", "x1_1·w1 + x2_1·w2 + x3_1·w3 + b", "z_1"
    ),
    Claim(
        "definition", "ŷ = σ(z) = 1/(1 + e^−z)", "Perceptrons, Step 3", "1/(1 + exp(−z_1))", "ŷ_1"
    ),
    Claim(
        "definition",
        "C = MSE = 1/n Σ (y_i − ŷ_i)²",
        "Learning Algorithm: Backpropagation, Step 1",
        "1/4·" + _sum("(y_{k} − ŷ_{k})²"),
        "C",
    ),  # fmt: skip
    Claim(
        "structure",
        "∂C/∂w_i = ∂C/∂ŷ × ∂ŷ/∂z × ∂z/∂w_i",
        STEP2,
        "one path from C to w1",
        "C",
        measure=_paths_per_example,
        reading="a single product claims a single path; with m examples C reaches w1 through each ŷ_k",
    ),  # fmt: skip
    _partial(
        "∂C/∂ŷ = ∂/∂ŷ 1/n Σ (y_i − ŷ_i)² = 2 × 1/n Σ (y_i − ŷ_i)²",
        STEP2,
        _each_example("C", "ŷ_{k}", "2·1/4·" + _sum("(y_{k} − ŷ_{k})²"), PER_Y),
        "∂C/∂ŷ_k = −2/m·(y_k − ŷ_k)",
        reading="read as ∂C/∂ŷ_k for each example k",
    ),  # fmt: skip
    _partial(
        "∂C/∂ŷ = 2/n × sum(y − ŷ)",
        STEP2,
        _each_example("C", "ŷ_{k}", "2/4·" + _sum("(y_{k} − ŷ_{k})"), PER_Y),
        "∂C/∂ŷ_k = −2/m·(y_k − ŷ_k)",
        reading="read as ∂C/∂ŷ_k for each example k",
    ),  # fmt: skip
    _partial(
        "∂ŷ/∂z = σ(z) × (1 − σ(z))",
        STEP2,
        _each_example("ŷ_{k}", "z_{k}", "sigmoid(z_{k})·(1 − sigmoid(z_{k}))"),
    ),  # fmt: skip
    _partial(
        "∂z/∂w_i = x_i",
        STEP2,
        tuple(e for j in J for e in _each_example("z_{k}", f"w{j}", f"x{j}_{{k}}")),
    ),  # fmt: skip
    _partial(
        "∂C/∂w_i = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z)) × x_i",
        STEP2,
        tuple(Element("C", f"w{j}", "2/4·" + _slope(j), "−2/4·" + _slope(j)) for j in J),
        "∂C/∂w_i = −2/m × Σ_k (y_k − ŷ_k) × σ(z_k) × (1 − σ(z_k)) × x_i,k",
        reading="the sum read as running over the product for each example",
    ),  # fmt: skip
    _partial(
        "∂C/∂b = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z))",
        "What about Bias?",
        (Element("C", "b", "2/4·" + _slope(None), "−2/4·" + _slope(None)),),
        "∂C/∂b = −2/m × Σ_k (y_k − ŷ_k) × σ(z_k) × (1 − σ(z_k))",
        reading="the sum read as running over the product for each example",
    ),  # fmt: skip
    Claim("rule", "w_i = w_i − (α × ∂C/∂w_i); b = b − (α × ∂C/∂b)", "Optimization", -1.0, "C"),
)


def run() -> DocumentResult:
    """Rebuild the document's neuron and data set and check every claim it makes."""
    return run_claims(NAME, TITLE, SOURCE, build, VALUES, CLAIMS, REMARKS, DEEPEST)
