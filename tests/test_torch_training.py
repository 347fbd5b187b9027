"""micrograd's demo trained twice from the same start: here with `nn.fit`, and in PyTorch on
the exported model, the whole data set as one batch. The loss curves are the same.

The loop is the demo's (tests/test_micrograd_port.py): the mean hinge loss plus
1e-4·Σ p², plain SGD with the rate falling from 1 as 1 − 0.9·k/100. A few steps over a
few points show it; each step's loss must agree to 1e-9, and so must the weights after.
"""

from __future__ import annotations

from torch_support import differing, needs_torch

from autograd_scalar import nn

torch = needs_torch()

STEPS, POINTS = 12, 30


def rate(k: int) -> float:
    return 1.0 - 0.9 * k / 100


def torch_training(module, X, Y, steps: int) -> list[float]:
    """The demo's loop written in PyTorch: the loss before each step."""
    inputs = torch.tensor(X, dtype=torch.float64)
    labels = torch.tensor(Y, dtype=torch.float64)
    optimizer = torch.optim.SGD(module.parameters(), lr=rate(0))
    history = []
    for k in range(steps):
        scores = module(inputs)[:, 0]
        data_loss = torch.relu(1 - labels * scores).mean()
        reg_loss = 1e-4 * sum((p * p).sum() for p in module.parameters())
        total = data_loss + reg_loss
        optimizer.zero_grad()
        total.backward()
        for group in optimizer.param_groups:
            group["lr"] = rate(k)
        optimizer.step()
        history.append(total.item())
    return history


def test_the_demos_loop_in_torch_follows_the_engines_loss_curve_step_by_step():
    X, classes = nn.make_moons(POINTS, noise=0.1, seed=1)
    Y = [2 * c - 1 for c in classes]
    model = nn.MLP(2, [16, 16, 1], seed=1)
    module = model.to_torch()  # the same start
    here = nn.fit(model, X, Y, nn.hinge, steps=STEPS, lr=rate, l2=1e-4, progress=False)
    there = torch_training(module, X, Y, STEPS)
    assert here[-1] < here[0]  # it learns, so the curves are worth comparing
    steps = [(f"step {k}", a, b) for k, (a, b) in enumerate(zip(here, there, strict=True))]
    assert differing(steps, rel=1e-9) == []
    trained = nn.MLP.from_torch(module)
    weights = [
        (name, p.data, q.data)
        for (name, p), q in zip(model.named_parameters(), trained.parameters(), strict=True)
    ]
    assert differing(weights, rel=1e-9, scale=1.0) == []
