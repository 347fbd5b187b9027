"""The two-layer document: a tanh hidden layer and a sigmoid output, then L layers of ReLU.

Source: "The math of neural networks" (seed 003), which quotes the deeplearning.ai
course; its equations were images and are lost, so the course's standard networks are
rebuilt here (labels in `layered`):
- two layers: X ∈ (2, m), three tanh hidden units, one sigmoid output, cost
  J = −(1/m) Σ (y log a2 + (1 − y) log(1 − a2));
- L layers: 2-3-2-1 with ReLU hidden layers and a sigmoid output, the same cost.
Numbers chosen here, m = 4 examples: X(i) = (1.0, −0.5), (0.3, 0.8), (−1.2, 0.4),
(0.6, −1.0), Y = 1, 0, 1, 0. Two layers: W1 = [[0.5, −0.3], [−0.4, 0.6], [0.2, 0.7]],
b1 = (0.1, −0.1, 0.05), W2 = [[0.8, −0.6, 0.4]], b2 = 0.2. L layers: the same W1, b1;
W2 = [[0.6, −0.5, 0.3], [−0.2, 0.4, 0.9]], b2 = (0.1, −0.3); W3 = [[0.7, −0.8]], b3 = 0.05.

The backward formulas are checked element by element against the engine. dZ is the
course's: the derivative of one example's loss, ∂L(i)/∂Z (so dZ2 = A2 − Y has no 1/m);
the 1/m of J is folded into dW and db, checked as ∂J/∂W and ∂J/∂b.
"""

from __future__ import annotations

from collections.abc import Mapping

from .checking import check_claim, run_claims
from .claims import Claim, DocumentResult
from .course import DATA, FIRST_LAYER, PER_COST, PER_EXAMPLE, M, formula_claim, of_cost, per_example
from .l_layer import DEEP_CLAIMS, DEEP_VALUES, build_deep
from .layered import build_layers
from .network import Network
from .zero_start import STEPS, descend, units_stay_equal, weights_move, zeroed

NAME = "two-layer"
TITLE = "The math of neural networks"
SOURCE = "003_a8c9d32f1414c3a4.txt"
DEEPEST = "W1[1,1]"
SHALLOW = (2, 3, 1)
VALUES = {**DATA, **FIRST_LAYER, "W2[1,1]": 0.8, "W2[1,2]": -0.6, "W2[1,3]": 0.4, "b2[1]": 0.2}

REMARKS = (
    "The page's equations are images that did not survive; the networks are the "
    "course's, which the page quotes.",
    "The zero-initialisation sentence says both that the parameters update and that "
    "the model is ineffective; what can be computed is checked (zero start).",
)


def build(values: Mapping[str, float] = VALUES) -> Network:
    """The two-layer network (tanh hidden layer) over the m examples; root J."""
    return build_layers(values, SHALLOW, "tanh", M)


TWO = "Two-layer neural network: backward propagation (equations rebuilt from the course)"
ZERO = "L-layer neural network: initialisation of W[1]"


def _units(net: Network) -> int:
    return sum(1 for label in net.nodes if label.startswith("A1[") and label.endswith("](1)"))


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "structure",
        "three nodes defined in the hidden layer",
        "Two-layer neural network",
        "3 hidden units",
        "J",
        measure=lambda net: f"{_units(net)} hidden units",
    ),  # fmt: skip
    Claim(
        "structure",
        "Input layer X ∈ (2, 1)",
        "Two-layer neural network",
        "X ∈ (2, 1)",
        "J",
        measure=lambda net: (
            f"X ∈ ({sum(1 for k in net.nodes if k.endswith('](1)') and k.startswith('X['))}, 1)"
        ),
    ),  # fmt: skip
    Claim(
        "structure",
        "Hidden layer A ∈ (4, 1)",
        "Two-layer neural network",
        "A ∈ (4, 1)",
        "J",
        measure=lambda net: f"A ∈ ({_units(net)}, 1)",
        reading="the text says three hidden nodes; the shape it lists says four",
    ),  # fmt: skip
    formula_claim("dZ2 = A2 − Y", TWO, per_example("dZ", "Z", 2, SHALLOW, "tanh"), PER_EXAMPLE),
    formula_claim("dW2 = (1/m) dZ2 A1ᵀ", TWO, of_cost("W", 2, SHALLOW, "tanh"), PER_COST),
    formula_claim("db2 = (1/m) Σ dZ2", TWO, of_cost("b", 2, SHALLOW, "tanh"), PER_COST),
    formula_claim(
        "dZ1 = W2ᵀ dZ2 ∗ (1 − A1²)", TWO, per_example("dZ", "Z", 1, SHALLOW, "tanh"), PER_EXAMPLE
    ),
    formula_claim("dW1 = (1/m) dZ1 Xᵀ", TWO, of_cost("W", 1, SHALLOW, "tanh"), PER_COST),
    formula_claim("db1 = (1/m) Σ dZ1", TWO, of_cost("b", 1, SHALLOW, "tanh"), PER_COST),
    Claim(
        "rule",
        "W ← W − α·dW, b ← b − α·db",
        "Two-layer neural network: gradient descent",
        -1.0,
        "J",
    ),
    Claim(
        "training",
        "if W[1] is a vector of zeros, then the forward and backward propagation "
        "will effectively update parameters during each iteration",
        ZERO,
        "W[1] and W[2] change at every step",
        "J",
        measure=lambda net: weights_move(descend(build, zeroed(VALUES))),
        reading="trained from the course's zero start (W[1], b[1], W[2], b[2] all 0) for a few steps",
    ),
    Claim(
        "training",
        "… making the model ineffective",
        ZERO,
        f"the hidden units stay identical at each of {STEPS} steps",
        "J",
        measure=lambda net: units_stay_equal(descend(build, zeroed(VALUES))),
        reading="'ineffective' read as: the hidden units never become different (symmetry is never broken)",
    ),
)


def run() -> DocumentResult:
    """Rebuild both networks and check every claim; the picture is the two-layer one."""
    result = run_claims(NAME, TITLE, SOURCE, build, VALUES, CLAIMS, REMARKS, DEEPEST)
    result.verdicts += [check_claim(claim, build_deep, DEEP_VALUES) for claim in DEEP_CLAIMS]
    return result
