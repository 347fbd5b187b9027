"""The tap-and-knob document: a 2-2-1 sigmoid network with binary cross-entropy.

Source: "Math of Deep Learning Neural Networks – Simplified (Part 2)" (seed 000).
Inputs X1, X2; hidden nodes Z1 = W1·X1 + W2·X2 + b1, σ1 = sigmoid(Z1) and
Z2 = W3·X1 + W4·X2 + b2, σ2 = sigmoid(Z2) (weights numbered neuron by neuron); output
Z3 = W5·σ1 + W6·σ2 + b3, σ3 = sigmoid(Z3); loss ℓ = −(1 − y)·ln(1 − σ3) − y·ln(σ3).

The document has no numbers, so these are chosen here and checked at many other points
too: X1 = 0.6, X2 = −0.4, y = 1; W1..W6 = 0.15, −0.25, 0.35, 0.45, −0.55, 0.65;
b1, b2, b3 = 0.1, −0.2, 0.05.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.value import Value
from .checking import run_claims
from .claims import Claim, DocumentResult, partial
from .network import Network, path_measure

NAME = "tap-and-knob"
TITLE = "Math of Deep Learning Neural Networks – Simplified (Part 2)"
SOURCE = "000_5203fd6f5f53032e.txt"
DEEPEST = "W1"

VALUES: dict[str, float] = {"X1": 0.6, "X2": -0.4, "y": 1.0}
VALUES.update(
    zip(("W1", "W2", "W3", "W4", "W5", "W6"), (0.15, -0.25, 0.35, 0.45, -0.55, 0.65), strict=True)
)
VALUES.update(zip(("b1", "b2", "b3"), (0.1, -0.2, 0.05), strict=True))
PARAMETERS = ("W1", "W2", "W3", "W4", "W5", "W6", "b1", "b2", "b3")

REMARKS = (
    "The document writes the sigmoid outputs with a ⋉ sign; they are σ1, σ2, σ3 here.",
    "'Factor 1 … Factor 4' for W1 are an intuition; the document's own chain rule, "
    "further down, is what is checked.",
)


def build(values: Mapping[str, float] = VALUES) -> Network:
    """The network at `values`, equation by equation as the document writes it; root ℓ."""
    X1, X2, y = (Value(values[k], k) for k in ("X1", "X2", "y"))
    W1, W2, W3, W4, W5, W6 = (Value(values[f"W{i}"], f"W{i}") for i in range(1, 7))
    b1, b2, b3 = (Value(values[f"b{i}"], f"b{i}") for i in range(1, 4))
    σ1 = (W1 * X1 + W2 * X2 + b1).labelled("Z1").sigmoid().labelled("σ1")
    σ2 = (W3 * X1 + W4 * X2 + b2).labelled("Z2").sigmoid().labelled("σ2")
    σ3 = (W5 * σ1 + W6 * σ2 + b3).labelled("Z3").sigmoid().labelled("σ3")
    loss = -(1 - y) * (1 - σ3).log() - y * σ3.log()
    return Network.of(loss.labelled("ℓ"), PARAMETERS)


W5 = "Chain Rule for W5 – Math of Deep Learning"
W1 = "Chain Rule for W1 – Math of Deep Learning"
RIGHT_W1 = "(σ3 − y)·W5·σ1·(1 − σ1)·X1"

CLAIMS: tuple[Claim, ...] = (
    Claim(
        "rule",
        "W_i ← W_i + α·∂ℓf/∂W_i",
        "Backpropagation and Gradient Descent",
        1.0,
        "ℓ",
        correct=-1.0,
        correct_text="W_i ← W_i − α·∂ℓf/∂W_i",
        reading="a step along +∂ℓ/∂W climbs the loss; descent needs the minus sign",
    ),  # fmt: skip
    partial(
        "∂ℓf/∂W5 = (σ3 − y)·σ1",
        "Intuitive Math of Deep Learning for W5 & A Tap",
        "ℓ",
        "W5",
        "(σ3 − y)·σ1",
    ),  # fmt: skip
    partial(
        "∂ℓf/∂W1 = (σ3 − y)·W5·(σ1 − 1)·σ1·X1",
        "Add More Knobs to Solve W1",
        "ℓ",
        "W1",
        "(σ3 − y)·W5·(σ1 − 1)·σ1·X1",
        RIGHT_W1,
        reading="'Factor 3 is (σ1 − 1)·σ1' has the sign of σ1·(1 − σ1) turned over",
    ),  # fmt: skip
    Claim(
        "definition",
        "Z1 = W1·X1 + W2·X2 + b1",
        "Nodes of Neural Networks",
        "W1·X1 + W2·X2 + b1",
        "Z1",
    ),  # fmt: skip
    Claim(
        "definition",
        "σ1 = e^Z1 / (1 + e^Z1)",
        "Nodes of Neural Networks",
        "exp(Z1) / (1 + exp(Z1))",
        "σ1",
    ),  # fmt: skip
    Claim(
        "definition",
        "ℓf = −(1 − y)·ln(1 − σ3) − y·ln(σ3)",
        "Loss Function and Cross Entropy",
        "−(1 − y)·log(1 − σ3) − y·log(σ3)",
        "ℓ",
    ),  # fmt: skip
    Claim(
        "structure",
        "∂ℓf/∂W5 = ∂ℓf/∂σ3 · ∂σ3/∂Z3 · ∂Z3/∂W5",
        W5,
        "ℓ → σ3 → Z3 → W5",
        "ℓ",
        measure=path_measure("W5"),
    ),  # fmt: skip
    partial("∂ℓf/∂σ3 = (1 − y)/(1 − σ3) − y/σ3", W5, "ℓ", "σ3", "(1 − y)/(1 − σ3) − y/σ3"),
    partial("∂ℓf/∂σ3 = (σ3 − y)/(σ3·(1 − σ3))", W5, "ℓ", "σ3", "(σ3 − y)/(σ3·(1 − σ3))"),
    partial("∂σ3/∂Z3 = σ3·(1 − σ3)", W5, "σ3", "Z3", "σ3·(1 − σ3)"),
    partial("∂Z3/∂W5 = σ1", W5, "Z3", "W5", "σ1"),
    Claim(
        "definition",
        "Z3 = W5·σ1 + W6·σ1 + b3",
        W5,
        "W5·σ1 + W6·σ1 + b3",
        "Z3",
        correct="W5·σ1 + W6·σ2 + b3",
        reading="σ1 is typed twice; the network feeds σ2 to W6",
    ),  # fmt: skip
    partial(
        "∂ℓf/∂W5 = (σ3 − y)·(1 − σ3)·σ3·σ1 / ((1 − σ3)·σ3) = (σ3 − y)·σ1",
        W5,
        "ℓ",
        "W5",
        "(σ3 − y)·(1 − σ3)·σ3·σ1 / ((1 − σ3)·σ3)",
    ),  # fmt: skip
    Claim(
        "structure",
        "∂ℓf/∂W1 = ∂ℓf/∂σ3 · ∂σ3/∂Z3 · ∂Z3/∂σ1 · ∂σ1/∂Z1 · ∂Z1/∂W1",
        W1,
        "ℓ → σ3 → Z3 → σ1 → Z1 → W1",
        "ℓ",
        measure=path_measure("W1"),
    ),  # fmt: skip
    partial("∂Z3/∂σ1 = W5", W1, "Z3", "σ1", "W5"),
    partial("∂σ1/∂Z1 = σ1·(1 − σ1)", W1, "σ1", "Z1", "σ1·(1 − σ1)"),
    partial("∂Z1/∂W1 = X1", W1, "Z1", "W1", "X1"),
    partial(
        "∂ℓf/∂W1 = σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1",
        W1,
        "ℓ",
        "W1",
        "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1",
        RIGHT_W1,
        reading="the product of the five factors keeps ∂σ3/∂Z3 but drops ∂ℓ/∂σ3",
    ),  # fmt: skip
)


def run() -> DocumentResult:
    """Rebuild the document's network and check every claim it makes."""
    return run_claims(NAME, TITLE, SOURCE, build, VALUES, CLAIMS, REMARKS, DEEPEST)
