"""micrograd's own programs, and the port of a program to this package.

Two programs in micrograd's style: the expression of its README, whose printed results
micrograd documents (24.7041, 138.8338, 645.5773), and the training loop of its moons
demo, with its `Neuron(nin, nonlin=...)`, `Layer(nin, nout, **kwargs)` and `MLP(nin,
nouts)`. `ported` replaces the imports and nothing else. The demo's training is the
suite's one run of micrograd's moons demo (the `micrograd_demo` fixture).
"""

from __future__ import annotations

import textwrap

README_EXAMPLE = textwrap.dedent(
    """
    from micrograd.engine import Value

    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    results = (round(g.data, 4), round(a.grad, 4), round(b.grad, 4))
    """
)

DEMO_TRAINING = textwrap.dedent(
    """
    from micrograd.engine import Value
    from micrograd.nn import Neuron, Layer, MLP

    X, y = make_moons(100, noise=0.1, seed=1)
    y = [2 * label - 1 for label in y]
    model = MLP(2, [16, 16, 1])

    def loss():
        inputs = [list(map(Value, xrow)) for xrow in X]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        alpha = 1e-4
        reg_loss = alpha * sum((p * p for p in model.parameters()))
        total_loss = data_loss + reg_loss
        accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
        return total_loss, sum(accuracy) / len(accuracy)

    history = []
    for k in range(100):
        total_loss, acc = loss()
        model.zero_grad()
        total_loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        history.append((total_loss.data, acc))

    linear = Neuron(2, nonlin=False)
    layer = Layer(2, 3, nonlin=False)
    """
)


def ported(source: str) -> str:
    """The program with micrograd's imports replaced by this package's, and nothing else."""
    return source.replace("from micrograd.engine import", "from autograd_scalar import").replace(
        "from micrograd.nn import", "from autograd_scalar.nn import"
    )
