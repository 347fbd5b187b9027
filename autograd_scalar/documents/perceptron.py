"""The perceptron document: one sigmoid neuron, mean squared error over a data set.

Source: "A Gentle Introduction To Math Behind Neural Networks" (seed 001).
One neuron over 3 inputs: z = x·w + b, ŷ = σ(z); cost C = (1/m) Σ (y_k − ŷ_k)² over
m = 4 examples. The document writes n for the number of inputs (line 21) and for the
number of examples (line 57); the two statements are judged together. The data are
chosen here: x_k = (0.5, −1.0, 2.0), (1.5, 0.2, −0.7), (−0.3, 0.8, 0.1), (1.0, 1.0, −1.5)
with targets y_k = 0.8, 0.3, 0.6, 0.1; w = (0.2, −0.4, 0.1), b = 0.05.
Labels: xj_k is input j of example k; z_k, ŷ_k, y_k belong to example k.

Reading: the document's ∂C/∂ŷ is one number, but C depends on every ŷ_k, so it is read
as ∂C/∂ŷ_k for each example k (the chain rule it writes needs exactly that); in
∂C/∂w_i = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z)) × x_i the factors after the sum belong to
one example each, so the sum is read as running over the whole product.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..check.descent import Procedure, descend
from ..check.network import Builder, Network, points
from ..core.gradients import grad
from ..core.value import Value
from .claims import AT_VALUES, Claim, Element, Found, Measure, Variant, fact, read_as, statement
from .document import Document, Section
from .measures import at_values, chain, paths_through, roles
from .result import Citation, DocumentResult, LeftOut

NAME = "perceptron"
TITLE = "A Gentle Introduction To Math Behind Neural Networks"
SOURCE = "001_e4253f7052039c4b.txt"
INPUTS = ((0.5, -1.0, 2.0), (1.5, 0.2, -0.7), (-0.3, 0.8, 0.1), (1.0, 1.0, -1.5))
TARGETS = (0.8, 0.3, 0.6, 0.1)
N, M = 3, len(INPUTS)
J, K = range(1, N + 1), range(1, M + 1)
RATE, STEPS = 0.5, 100  # the training runs of the update rule
SETTLED, MOST = 1e-3, 10_000  # "until convergence": every |∂C/∂p| below SETTLED, within MOST steps

VALUES: dict[str, float] = {"w1": 0.2, "w2": -0.4, "w3": 0.1, "b": 0.05}
for _k, (_x, _y) in enumerate(zip(INPUTS, TARGETS, strict=True), 1):
    VALUES.update({f"x{j}_{_k}": xj for j, xj in zip(J, _x, strict=True)})
    VALUES[f"y_{_k}"] = _y
PARAMETERS = ("w1", "w2", "w3", "b")


def build(values: Mapping[str, float] = VALUES, n: int = N, activation: str = "sigmoid") -> Network:
    """The neuron applied to every example, and the cost C over all of them; root C.
    `n` is the document's n where a formula reads it; `activation` "none" drops σ."""
    v = {label: Value(number, label) for label, number in values.items()}
    squares = []
    for k in K:
        z = sum((v[f"x{j}_{k}"] * v[f"w{j}"] for j in J), v["b"]).labelled(f"z_{k}")
        ŷ = (z if activation == "none" else getattr(z, activation)()).labelled(f"ŷ_{k}")
        squares.append((v[f"y_{k}"] - ŷ) ** 2)
    cost = (sum(squares[1:], squares[0]) * (1 / M)).labelled("C")
    return Network.of(cost, PARAMETERS, constants={"n": float(n)})


def _sum(term: str) -> str:
    """Σ over the examples written out: term uses {k} for the example."""
    return "(" + " + ".join(term.format(k=k) for k in K) + ")"


def _each_example(
    of: str, wrt: str, stated: str, correct: str | None = None
) -> tuple[Element, ...]:
    return tuple(
        Element(
            of.format(k=k), wrt.format(k=k), stated.format(k=k), correct and correct.format(k=k)
        )
        for k in K
    )


def _one(k: int) -> str:
    """σ(z) × (1 − σ(z)) of example k."""
    return f"sigmoid(z_{k})·(1 − sigmoid(z_{k}))"


def _slope(j: int | None) -> str:
    x = f"·x{j}_{{k}}" if j else ""
    return _sum(f"(y_{{k}} − ŷ_{{k}})·sigmoid(z_{{k}})·(1 − sigmoid(z_{{k}})){x}")


def _partial(
    says: str, line: int, quote: str, elements: tuple[Element, ...], correct: str = "", **more: Any
) -> Claim:
    return Claim(
        kind="partial",
        says=says,
        line=line,
        quote=quote,
        stated=elements[0].stated,
        of=elements[0].of,
        elements=elements,
        correct_text=correct,
        **more,
    )


def _mean_over_n(v: Mapping[str, float]) -> float:
    """C as line 57 writes it: 1/n Σ_{i=1}^{n} (y_i − ŷ_i)², with the n of the reading."""
    n = int(v["n"])
    return sum((v[f"y_{i}"] - v[f"ŷ_{i}"]) ** 2 for i in range(1, n + 1)) / n


def _one_neuron(net: Network) -> Found:
    outputs = sum(1 for label in net.nodes if label.startswith("ŷ_")) / M
    sums = sum(1 for label in net.nodes if label.startswith("z_")) / M
    phrase = (
        "one neuron and one output"
        if outputs == sums == 1
        else f"{sums:g} neurons, {outputs:g} outputs"
    )
    return Found(phrase, outputs, f"per example: {sums:g} sum z and {outputs:g} output ŷ")


def _n_counts_inputs(net: Network) -> Found:
    inputs = sum(1 for p in net.parameters if p.startswith("w"))
    n = net.constants["n"]
    phrase = (
        "n is the number of inputs"
        if n == inputs
        else f"n = {n:g}, but the neuron has {inputs} inputs"
    )
    return Found(phrase, n, f"n = {n:g}; inputs (features): {inputs}; examples: {M}")


def _influence(second: str, shown: str, magnitude: bool) -> Measure:
    """∂ŷ_k/∂x1_k against ∂ŷ_k/∂`second` (written `shown`; {k} for the example), in every
    example, at every point where w1 > w2."""

    def measure(build_: Builder, values: Mapping[str, float]) -> Found:
        seen, failing = [], None
        for point in points(values, 50):
            if not point["w1"] > point["w2"]:
                continue
            net = build_(point)
            for k in K:
                other = net.nodes[second.format(k=k)]
                first, then = grad(net.nodes[f"ŷ_{k}"], [net.nodes[f"x1_{k}"], other])
                if magnitude:
                    first, then = abs(first), abs(then)
                seen.append(first > then)
                if not seen[-1] and (failing is None or then - first > failing[2] - failing[1]):
                    failing = (k, first, then, point is values)  # the clearest failure
        size = f"|∂ŷ/∂x_1| > |∂ŷ/∂{shown}|" if magnitude else f"∂ŷ/∂x_1 > ∂ŷ/∂{shown}"
        if failing is None:
            return Found(
                f"{size} wherever w_1 > w_2",
                None,
                f"{size} in all {len(seen)} cases: {M} examples at each point where w_1 > w_2",
            )
        k, first, then, here = failing
        where = "at the document's values" if here else "at a moved point"
        return Found(
            f"{size} fails where w_1 > w_2",
            (first, then),
            f"{size} in {sum(seen)} of {len(seen)} cases ({M} examples at each point where "
            f"w_1 > w_2); it fails in example {k} {where}: {first:.6g} against {then:.6g}",
            f"example {k}, {AT_VALUES}"
            if here
            else f"example {k}, at a point moved from the values",
        )

    return measure


def _linear_without_activation(build_: Builder, values: Mapping[str, float]) -> Found:
    def straight(activation: str) -> bool:
        inputs = [f"x{j}_1" for j in J]
        for p, q in zip(points(values, 10, seed=1), points(values, 10, seed=2), strict=True):
            mid = {**p, **{x: (p[x] + q[x]) / 2 for x in inputs}}
            far = {**p, **{x: q[x] for x in inputs}}
            at = [build(point, activation=activation).nodes["ŷ_1"].data for point in (p, mid, far)]
            if abs(at[1] - (at[0] + at[2]) / 2) > 1e-12 * max(1.0, abs(at[1])):
                return False
        return True

    without, with_ = straight("none"), straight("sigmoid")
    phrase = f"without σ, ŷ is {'' if without else 'not '}linear in x; with σ it is {'' if with_ else 'not '}linear"
    return Found(
        phrase,
        None,
        "ŷ at the midpoint of two inputs against the mean of ŷ at each, at 11 pairs (example 1)",
    )


def _rates(build_: Builder, values: Mapping[str, float]) -> Found:
    h, worst = 1e-6, 0.0
    net = build_(values)
    slopes = grad(net.root, [net.nodes[p] for p in PARAMETERS])
    for p, slope in zip(PARAMETERS, slopes, strict=True):
        up, down = build_({**values, p: values[p] + h}), build_({**values, p: values[p] - h})
        rate = (up.root.data - down.root.data) / (2 * h)
        worst = max(worst, abs(rate - slope) / max(1.0, abs(rate)))
    phrase = (
        "each gradient is the rate at which C changes"
        if worst < 1e-6
        else "a gradient is not C's rate of change"
    )
    return Found(
        phrase,
        worst,
        f"∂C/∂w1, ∂C/∂w2, ∂C/∂w3, ∂C/∂b against central differences of C (h = {h:g}): largest gap {worst:.2g}",
        f"the largest gap of the {len(PARAMETERS)}, {AT_VALUES}",
    )


def _through(net: Network) -> Found:
    paths = paths_through(net, "w1")
    direct = [p for p in paths if not any(label.startswith("ŷ_") for label in p)]
    phrase = (
        "C reaches w_i only through ŷ and z" if paths and not direct else "C reaches w_i directly"
    )
    return Found(
        phrase, float(len(paths)), f"{len(paths)} paths from C to w1, each through some ŷ_k and z_k"
    )


def _converges(procedure: Procedure | None) -> Measure:
    """Whether repeating the rule of lines 107–110, on `procedure`'s slopes (None: the
    engine's gradient), makes C fall at every step until every slope is below SETTLED."""

    def measure(build_: Builder, values: Mapping[str, float]) -> Found:
        run = descend(build_, values, RATE, MOST, until=SETTLED, procedure=procedure)
        settled = run.steps < MOST
        if run.falls_every_step and settled:
            phrase = "C falls at every step and converges"
        elif run.rises_every_step:
            # It never settles at a top: C climbs towards its largest value, and the slopes
            # only fall below SETTLED as the σ of every example saturates.
            phrase = "C rises at every step" + (
                f", until σ saturates and every slope is below {SETTLED:g}" if settled else ""
            )
        else:
            phrase = "C does not converge"
        after = (
            f"every slope below {SETTLED:g} after {run.steps} steps"
            if settled
            else f"some slope ≥ {SETTLED:g} after {MOST} steps"
        )
        return Found(phrase, run.losses[-1], f"{run.says()}; {after}")

    return measure


def _influence_by_weight(build_: Builder, values: Mapping[str, float]) -> Found:
    """Whether ∂ŷ/∂x_i is w_i times one factor shared by every input, in every example."""
    worst, cases = 0.0, 0
    for point in points(values, 20):
        net = build_(point)
        for k in K:
            slopes = grad(net.nodes[f"ŷ_{k}"], [net.nodes[f"x{j}_{k}"] for j in J])
            shared = [slope / point[f"w{j}"] for j, slope in zip(J, slopes, strict=True)]
            worst = max(worst, max(shared) - min(shared))
            cases += 1
    phrase = (
        "∂ŷ/∂x_i is w_i times a factor shared by every input"
        if worst < 1e-12
        else "∂ŷ/∂x_i is not w_i times a shared factor"
    )
    return Found(
        phrase,
        worst,
        f"(∂ŷ_k/∂x_i,k)/w_i over the 3 inputs, in {cases} cases (4 examples at 21 points): "
        f"largest spread {worst:.2g}",
        f"the largest spread over {cases} cases",
    )


def _bias_shifts(build_: Builder, values: Mapping[str, float]) -> Found:
    """Whether b moves σ(x.w + b) along x.w without changing its shape: ŷ and its slope
    at x.w = s with bias b are those at s + b with no bias (example 1)."""
    worst, cases = 0.0, 0
    for point in points(values, 20):
        net = build_(point)
        # With b = 0, w1 moved so that x.w is s + b: the curve read b further along.
        moved = {**point, "b": 0.0, "w1": point["w1"] + point["b"] / point["x1_1"]}
        other = build_(moved)
        pairs = [
            (net.nodes["ŷ_1"].data, other.nodes["ŷ_1"].data),
            (
                grad(net.nodes["ŷ_1"], net.nodes["z_1"]),
                grad(other.nodes["ŷ_1"], other.nodes["z_1"]),
            ),
        ]
        worst = max(worst, *(abs(a - b) for a, b in pairs))
        cases += 1
    phrase = (
        "b moves σ(x.w + b) along x.w, left or right, without changing its shape"
        if worst < 1e-12
        else "b changes the shape of σ(x.w + b)"
    )
    return Found(
        phrase,
        worst,
        f"ŷ_1 and ∂ŷ_1/∂z_1 at x.w = s with bias b against x.w = s + b with none, at {cases} "
        f"points: largest gap {worst:.2g}",
        f"the largest gap over {cases} points",
    )


def _squared_errors(net: Network) -> Found:
    """Each example's squared error, and whether C is their mean."""
    v = net.values()
    each = [(v[f"y_{k}"] - v[f"ŷ_{k}"]) ** 2 for k in K]
    mean = sum(each) / M
    phrase = (
        f"MSE_i is example i's squared error, and C is the mean of the {M}"
        if abs(mean - v["C"]) <= 1e-12
        else "C is not the mean of the examples' squared errors"
    )
    shown = ", ".join(f"{e:.6g}" for e in each)
    detail = f"(y_k − ŷ_k)² = {shown}; their mean {mean:.6g}; C = {v['C']:.6g}"
    return Found(phrase, tuple(each), detail, f"each example's, {AT_VALUES}")


def _backpropagation(build_: Builder, values: Mapping[str, float]) -> Found:
    """Whether backward (the chain rule from C down) gives each parameter's rate of change."""
    found = _rates(build_, values)
    phrase = (
        "backpropagation gives ∂C/∂p for every weight and the bias"
        if found.phrase.startswith("each gradient")
        else "backpropagation does not give ∂C/∂p"
    )
    return Found(phrase, found.value, found.detail, found.value_from)


STEP2 = 59  # the line that opens backpropagation's step 2
PER_Y = "−2/4·(y_{k} − ŷ_{k})"
ERRORS = _sum("(y_{k} − ŷ_{k})")  # sum(y − ŷ): one number, over the examples
PROCEDURE = Procedure(
    "the formulas of lines 97 and 101",
    {**{f"w{j}": "2/4·" + _slope(j) for j in J}, "b": "2/4·" + _slope(None)},
)
W_QUOTE = r"rac{2}{n} imes sum(y - \hat{y}) imes \sigma(z) imes (1 - \sigma(z)) imes x_i"
W_RIGHT = "∂C/∂w_i = −2/m × Σ_k (y_k − ŷ_k) × σ(z_k) × (1 − σ(z_k)) × x_i,k"
B_QUOTE = r"\mathit{sum}(y - \hat{y})"
B_RIGHT = "∂C/∂b = −2/m × Σ_k (y_k − ŷ_k) × σ(z_k) × (1 − σ(z_k))"
TRUE_SLOPES = (
    "∂C/∂w_i and ∂C/∂b read as the derivatives themselves (the engine's), not lines 97 and 101"
)
N_GROUP = "n"
VARIANTS = {
    N_GROUP: (
        Variant("with n = 3, the number of inputs (line 21)", build, VALUES),
        Variant("with n = 4, the number of examples", lambda v: build(v, n=M), VALUES),
    )
}
ROLE = "xj_k is input j of example k; ŷ_k the prediction for example k (example 1 is checked)"

REPEATED = fact(
    kind="training",
    says="the backpropagation and gradient descent is repeated until convergence",
    line=105,
    quote="is repeated until convergence",
    stated="C falls at every step and converges",
    measure=_converges(PROCEDURE),
)
UPDATE = Claim(
    kind="rule",
    says="w_i = w_i − (α × ∂C/∂w_i); b = b − (α × ∂C/∂b)",
    line=107,
    quote=r"w_i = w_i - \left(lpha",
    stated=-1.0,
    of="C",
    step=RATE,
    steps=STEPS,
)

CLAIMS: tuple[Claim, ...] = (
    statement(
        "Perceptrons … are the simplest neural network that consists of n number of inputs, only "
        "one neuron, and one output, where n is the number of features of our dataset",
        21,
        "where n is the number of features of our dataset",
        fact(
            kind="structure",
            says="the simplest neural network that consists of n number of inputs, only one neuron, and one output",
            line=21,
            quote="only one neuron, and one output",
            stated="one neuron and one output",
            measure=at_values(_one_neuron),
        ),
        fact(
            kind="structure",
            says="where n is the number of features of our dataset",
            line=21,
            quote="where n is the number of features of our dataset",
            stated="n is the number of inputs",
            measure=at_values(_n_counts_inputs),
            reading="the features are the neuron's inputs",
        ),
        together=N_GROUP,
    ),
    fact(
        kind="meaning",
        says="Weights — represent the strength of the connection between neurons and decides how much "
        "influence the given input will have on the neuron's output",
        line=23,
        quote="decides how much influence the given input will have on the neuron's output",
        stated="∂ŷ/∂x_i is w_i times a factor shared by every input",
        measure=_influence_by_weight,
        reading="the influence of x_i on the output is ∂ŷ/∂x_i",
    ),
    fact(
        kind="meaning",
        says="If the weight w_1 has a higher value than the weight w_2, then the input x_1 will have a "
        "higher influence on the output than w_2",
        line=23,
        quote="If the weight w_1 has a higher value than the weight w_2",
        stated="∂ŷ/∂x_1 > ∂ŷ/∂w_2 wherever w_1 > w_2",
        measure=_influence("w2", "w_2", magnitude=False),
        reading="literally: x_1's influence on the output, ∂ŷ/∂x_1, against w_2's, ∂ŷ/∂w_2",
        others=(
            fact(
                kind="meaning",
                says="… than x_2",
                line=23,
                quote="higher influence on the output than w_2",
                stated="∂ŷ/∂x_1 > ∂ŷ/∂x_2 wherever w_1 > w_2",
                measure=_influence("x2_{k}", "x_2", magnitude=False),
                reading="'than w_2' read as 'than x_2', the influence as ∂ŷ/∂x with its sign",
            ),
            fact(
                kind="meaning",
                says="… than x_2, in size",
                line=23,
                quote="higher influence on the output than w_2",
                stated="|∂ŷ/∂x_1| > |∂ŷ/∂x_2| wherever w_1 > w_2",
                measure=_influence("x2_{k}", "x_2", magnitude=True),
                reading="'than w_2' read as 'than x_2', the influence as its size |∂ŷ/∂x|",
            ),
        ),
    ),
    Claim(
        kind="identity",
        says="Σ = (x_1 × w_1) + (x_2 × w_2) + ⋯ + (x_n × w_n)",
        line=25,
        quote=r"\sum = (x_1",
        stated="z_1 − b",
        of="x1_1·w1 + x2_1·w2 + x3_1·w3",
        reading="Σ is z before the bias is added (line 35): z − b; example 1",
    ),
    fact(
        kind="meaning",
        says="Bias — also known as the offset is necessary in most of the cases, to move the entire "
        "activation function to the left or right",
        line=35,
        quote="to move the entire activation function to the left or right",
        stated="b moves σ(x.w + b) along x.w, left or right, without changing its shape",
        measure=_bias_shifts,
        reading="the activation function as a function of x.w: b shifts it by −b",
    ),
    Claim(
        kind="definition",
        says="z = x.w + b",
        line=37,
        quote="z = x.w + b",
        stated="x1_1·w1 + x2_1·w2 + x3_1·w3 + b",
        of="z_1",
        reading=ROLE,
    ),
    fact(
        kind="meaning",
        says="without [an activation function] the neural network will just be a linear function",
        line=39,
        quote="without which the neural network will just be a linear function",
        stated="without σ, ŷ is linear in x; with σ it is not linear",
        measure=_linear_without_activation,
        reading="linear as school algebra says it: x·w + b, a straight line in each input",
    ),
    Claim(
        kind="definition",
        says="ŷ = σ(z) = 1/(1 + e^−z)",
        line=41,
        quote=r"\hat{y}=\sigma(z)",
        stated="1/(1 + exp(−z_1))",
        of="ŷ_1",
        reading=ROLE,
    ),
    fact(
        kind="role",
        says="the output we get after the forward propagation is known as the predicted value ŷ",
        line=43,
        quote="is known as the *predicted value*",
        stated="ŷ is computed by the network",
        measure=roles(("ŷ", "ŷ_1")),
    ),
    fact(
        kind="meaning",
        says="Backpropagation … refers to the algorithm for computing the gradient of the loss function "
        "with respect to the weights",
        line=49,
        quote="refers to the algorithm for computing the gradient of the loss function",
        stated="backpropagation gives ∂C/∂p for every weight and the bias",
        measure=_backpropagation,
        reading="backward() from C, checked against central differences of C",
    ),
    fact(
        kind="role",
        says="squares the difference between actual (y_i) and predicted value (ŷ_i)",
        line=51,
        quote="squares the difference between *actual* (y_i) and *predicted value*",
        stated="y_i is a given number; ŷ_i is computed by the network",
        measure=roles(("y_i", "y_1"), ("ŷ_i", "ŷ_1")),
    ),
    fact(
        kind="meaning",
        says="MSE_i = (y_i − ŷ_i)²",
        line=53,
        quote="$$MSE_i = (y_i - \\hat{y}_i)^2$$",
        stated=f"MSE_i is example i's squared error, and C is the mean of the {M}",
        measure=at_values(_squared_errors),
        reading="MSE_i is one example's term of the cost; line 55 averages them (a mean of one "
        "squared error is that squared error)",
    ),
    Claim(
        kind="definition",
        says="Loss function is calculated for the entire training dataset and their average is called "
        "the Cost function C",
        line=55,
        quote="their average is called the *Cost function* **C**",
        stated="1/4·" + _sum("(y_{k} − ŷ_{k})²"),
        of="C",
        together=N_GROUP,
        reading="C is the mean of (y_i − ŷ_i)² over the 4 examples",
    ),
    Claim(
        kind="definition",
        says="C = MSE = 1/n Σ_{i=1}^n (y_i − ŷ_i)²",
        line=57,
        quote=r"C = MSE = rac{1}{n}\sum_{i=1}^n",
        stated=_mean_over_n,
        of="C",
        correct_text="1/m Σ_{k=1}^m (y_k − ŷ_k)², m the number of examples",
        together=N_GROUP,
    ),
    fact(
        kind="meaning",
        says="the gradients (rate of change) — how one quantity changes in relation to another",
        line=59,
        quote="*gradients* (*rate of change*)",
        stated="each gradient is the rate at which C changes",
        measure=_rates,
    ),
    fact(
        kind="structure",
        says="the cost function is not directly related to the weight w_i, let's use the chain rule",
        line=61,
        quote="the cost function is not directly related to the weight w_i",
        stated="C reaches w_i only through ŷ and z",
        measure=at_values(_through),
    ),
    fact(
        kind="structure",
        says="∂C/∂w_i = ∂C/∂ŷ × ∂ŷ/∂z × ∂z/∂w_i",
        line=63,
        quote=r"rac{\partial C}{\partial \hat{y}} imes rac{\partial \hat{y}}{\partial z}",
        stated="C → ŷ_1 → z_1 → w1",
        measure=chain("w1", "C → ŷ_1 → z_1 → w1"),
        reading="ŷ and z one number each, as line 63 writes them: a single product claims a single "
        "path, through the ŷ and z of one example; C depends on the ŷ_k of every example",
        others=(
            fact(
                kind="structure",
                says="∂C/∂w_i = ∂C/∂ŷ × ∂ŷ/∂z × ∂z/∂w_i, ŷ and z vectors",
                line=63,
                quote=r"rac{\partial C}{\partial \hat{y}} imes rac{\partial \hat{y}}{\partial z}",
                stated=" + ".join(f"C → ŷ_{k} → z_{k} → w1" for k in K),
                measure=chain("w1", " + ".join(f"C → ŷ_{k} → z_{k} → w1" for k in K)),
                reading="ŷ and z the vectors of line 73, one entry per example: the product of a "
                "gradient, a diagonal Jacobian and a vector sums one path per example",
            ),
        ),
    ),
    _partial(
        "∂C/∂ŷ = ∂/∂ŷ 1/n Σ (y_i − ŷ_i)² = 2 × 1/n Σ (y_i − ŷ_i)²",
        71,
        r"= \; 2 imes rac{1}{n}",
        _each_example("C", "ŷ_{k}", "2·1/4·" + _sum("(y_{k} − ŷ_{k})²"), PER_Y),
        "∂C/∂ŷ_k = −2/m·(y_k − ŷ_k)",
        reading="read as ∂C/∂ŷ_k for each example k, n as m = 4",
    ),
    Claim(
        kind="identity",
        says="Hence the above equation is simplified as [line 75]",
        line=73,
        quote="the above equation is simplified as",
        stated="2/4·" + _sum("(y_{k} − ŷ_{k})"),
        of="2·1/4·" + _sum("(y_{k} − ŷ_{k})²"),
        correct=_each_example("C", "ŷ_{k}", PER_Y),
        correct_text="the two differ, and neither is the derivative: ∂C/∂ŷ_k = −2/m·(y_k − ŷ_k)",
        reading="line 75's right-hand side, 2/n × sum(y − ŷ), equals line 71's, 2/n Σ (y_i − ŷ_i)²",
    ),
    _partial(
        "∂C/∂ŷ = 2/n × sum(y − ŷ)",
        75,
        r"rac{2}{n} imes sum(y - \hat{y})",
        _each_example("C", "ŷ_{k}", "2/4·" + _sum("(y_{k} − ŷ_{k})"), PER_Y),
        "∂C/∂ŷ_k = −2/m·(y_k − ŷ_k)",
        reading="read as ∂C/∂ŷ_k for each example k, n as m = 4",
    ),
    _partial(
        "∂ŷ/∂z = e^−z/(1 + e^−z)²",
        83,
        r"\frac{e^{-z}}{(1 + e^{-z})^2}",
        _each_example("ŷ_{k}", "z_{k}", "exp(−z_{k})/(1 + exp(−z_{k}))²"),
    ),
    _partial(
        "= 1/(1 + e^−z) × e^−z/(1 + e^−z)",
        85,
        r"\times \frac{e^{-z}}{(1 + e^{-z})}",
        _each_example("ŷ_{k}", "z_{k}", "1/(1 + exp(−z_{k}))·exp(−z_{k})/(1 + exp(−z_{k}))"),
    ),
    _partial(
        "= 1/(1 + e^−z) × (1 − 1/(1 + e^−z))",
        87,
        r"\left(1 - \frac{1}{(1 + e^{-z})} \right)",
        _each_example("ŷ_{k}", "z_{k}", "1/(1 + exp(−z_{k}))·(1 − 1/(1 + exp(−z_{k})))"),
    ),
    _partial(
        "∂ŷ/∂z = σ(z) × (1 − σ(z))",
        89,
        r"= \sigma(z) \times (1 - \sigma(z))",
        _each_example("ŷ_{k}", "z_{k}", "sigmoid(z_{k})·(1 − sigmoid(z_{k}))"),
    ),
    statement(
        "∂z/∂w_i = ∂/∂w_i (z) = ∂/∂w_i Σ_{i=1}^n (x_i.w_i + b) = x_i",
        93,
        r"\sum\limits_{i=1}^n \, (x_i.w_i+b)",
        Claim(
            kind="definition",
            says="z = Σ_{i=1}^n (x_i.w_i + b)",
            line=93,
            quote=r"\sum\limits_{i=1}^n \, (x_i.w_i+b)",
            stated="(x1_1·w1 + b) + (x2_1·w2 + b) + (x3_1·w3 + b)",
            of="z_1",
            correct="x1_1·w1 + x2_1·w2 + x3_1·w3 + b",
            reading="the sum inside ∂z/∂w_i, with n = 3 inputs (example 1): it adds b n times",
        ),
        _partial(
            "∂z/∂w_i = x_i",
            93,
            r"(x_i.w_i+b) \ &=& x_i",
            tuple(e for j in J for e in _each_example("z_{k}", f"w{j}", f"x{j}_{{k}}")),
        ),
    ),
    _partial(
        "∂C/∂w_i = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z)) × x_i",
        97,
        W_QUOTE,
        tuple(
            Element("C", f"w{j}", f"2/4·{ERRORS}·{_one(k)}·x{j}_{k}", "−2/4·" + _slope(j))
            for j in J
            for k in K
        ),
        W_RIGHT,
        reading="literally: sum(y − ŷ) is one number, the sum of the errors, and σ(z), x_i belong "
        "to one example (each example k checked in turn); n as m = 4",
        others=(
            _partial(
                "∂C/∂w_i = 2/n × sum(y − ŷ × σ(z) × (1 − σ(z)) × x_i)",
                97,
                W_QUOTE,
                tuple(
                    Element("C", f"w{j}", PROCEDURE.slopes[f"w{j}"], "−2/4·" + _slope(j)) for j in J
                ),
                W_RIGHT,
                reading="the sum read as running over the whole product, example by example; n as m = 4",
            ),
        ),
    ),
    _partial(
        "Bias is theoretically considered to have an input of constant value 1",
        99,
        "Bias is theoretically considered to have an input of constant value 1",
        _each_example("z_{k}", "b", "1"),
        reading="∂z/∂b = 1 for every example",
    ),
    _partial(
        "∂C/∂b = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z))",
        101,
        B_QUOTE,
        tuple(Element("C", "b", f"2/4·{ERRORS}·{_one(k)}", "−2/4·" + _slope(None)) for k in K),
        B_RIGHT,
        reading="literally: sum(y − ŷ) is one number, and σ(z) belongs to one example (each example "
        "k checked in turn); n as m = 4",
        others=(
            _partial(
                "∂C/∂b = 2/n × sum(y − ŷ × σ(z) × (1 − σ(z)))",
                101,
                B_QUOTE,
                (Element("C", "b", PROCEDURE.slopes["b"], "−2/4·" + _slope(None)),),
                B_RIGHT,
                reading="the sum read as running over the whole product, example by example; n as m = 4",
            ),
        ),
    ),
    Claim(
        kind="rule",
        says="gradient descent changes the weights and bias, proportional to the negative of the gradient",
        line=103,
        quote="proportional to the negative of the gradient of the cost function",
        stated=-1.0,
        of="C",
        step=RATE,
        steps=STEPS,
        reading="the negative of the gradient itself: −∂C/∂p, the engine's",
    ),
    read_as(
        REPEATED,
        f"the procedure as written: {PROCEDURE.name} (each sum read over the whole product) fed "
        f"to the rule of lines 107–110, α = {RATE:g}, repeated until every slope is below "
        f"{SETTLED:g}",
        others=(
            read_as(
                REPEATED,
                f"{TRUE_SLOPES}; α = {RATE:g}, until every |∂C/∂p| is below {SETTLED:g} (about a "
                "hundredth of the largest at the start)",
                measure=_converges(None),
            ),
        ),
    ),
    read_as(
        UPDATE,
        f"the procedure as written: {PROCEDURE.name} (each sum read over the whole product) fed "
        "to this rule, applied to w_i and b together (lines 107 and 110)",
        procedure=PROCEDURE,
        others=(read_as(UPDATE, TRUE_SLOPES),),
    ),
)

SECTIONS = (
    Section(5, "A Gentle Introduction To Math Behind Neural Networks"),
    Section(15, "Introduction"),
    Section(19, "Perceptrons"),
    Section(23, "Step 1:", "Perceptrons, Step 1"),
    Section(35, "Step 2:", "Perceptrons, Step 2"),
    Section(39, "Step 3:", "Perceptrons, Step 3"),
    Section(45, "Learning Algorithm"),
    Section(51, "Step 1:", "Learning Algorithm: Backpropagation, Step 1"),
    Section(59, "Step 2:", "Learning Algorithm: Backpropagation, Step 2"),
    Section(99, "What about Bias?"),
    Section(103, "Optimization:", "Optimization"),
    Section(112, "Final Thoughts"),
)

LEFT_OUT = (
    LeftOut(3, 3, "a picture's credit"),
    LeftOut(7, 13, "the subtitle and the introduction: nothing about the network"),
    LeftOut(17, 17, "the author's story"),
    LeftOut(21, 21, "history and names", "invented by Frank Rosenblatt in 1958"),
    LeftOut(
        23,
        23,
        "announces line 25: multiply each input by its weight and sum",
        "For each input, multiply the input value x_i with weights w_i",
    ),
    LeftOut(27, 33, "define the dot product x.w and say Σ = x.w: line 25 again, checked there"),
    LeftOut(
        35,
        35,
        "names z and the bias's other name; z = x.w + b is line 37",
        "also known as the offset",
    ),
    LeftOut(
        39,
        39,
        "history: perceptrons used a step function; this one uses σ, the logistic function, "
        "as line 41 writes it (checked there)",
        "Perceptrons have *binary step function*",
    ),
    LeftOut(
        39,
        39,
        "a claim about learning speed: nothing here measures speed",
        "they have a significant impact on the learning speed",
    ),
    LeftOut(47, 47, "names the parts of the learning algorithm"),
    LeftOut(
        49,
        49,
        "names: what 'backpropagation' is short for, and its looser use",
        "the term is often used to refer to the entire learning algorithm",
    ),
    LeftOut(
        51,
        51,
        "when to use which loss: advice, nothing to compute",
        "Generally, *mean squared error* is chosen",
    ),
    LeftOut(59, 59, "why gradients are needed", "In order to find the best weights and bias"),
    LeftOut(65, 69, "list the three gradients to find (found on lines 71–93)"),
    LeftOut(
        73,
        73,
        "notation: y and ŷ as row vectors (their length n counts the examples, as on line 57); "
        "line 63 is read with ŷ this vector too",
        "be the row vectors of actual and predicted values",
    ),
    LeftOut(77, 81, "announce and restate ∂ŷ/∂z = ∂σ(z)/∂z: ŷ = σ(z) is line 41"),
    LeftOut(91, 91, "announces line 93"),
    LeftOut(95, 95, "announces line 97"),
    LeftOut(
        103,
        103,
        "what optimization means, and what α is: names",
        "Optimization is the selection of the best element",
    ),
    LeftOut(108, 108, "the end of line 107's formula, broken across two lines"),
    LeftOut(
        110, 110, "the rule for b: run together with the rule for w_i of line 107 and judged there"
    ),
    LeftOut(112, 116, "closing thoughts and tags"),
)

REMARKS = (
    "The document's LaTeX lost its backslashes in places (rac for \\frac, imes for \\times); "
    "the quotes keep the text as it is.",
)

CITATION = Citation(TITLE, "an article", lines_in=SOURCE)

DOCUMENT = Document(
    NAME,
    CITATION,
    build,
    VALUES,
    CLAIMS,
    SECTIONS,
    LEFT_OUT,
    deepest="w1",
    chosen={**VALUES, "α (training runs)": RATE, "steps (rule runs)": STEPS},
    chosen_note="the document gives no data and no parameter values: these are chosen here, "
    "and every formula is also checked at 50 other points",
    variants=VARIANTS,
    remarks=REMARKS,
    runs_chosen="α and the number of steps chosen here",
)


def run() -> DocumentResult:
    """Rebuild the document's neuron and data set and check every claim it makes."""
    return DOCUMENT.run()
