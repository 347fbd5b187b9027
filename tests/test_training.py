"""SGD and fit: updates, schedules, the progress bar, and micrograd's moons demo."""

from __future__ import annotations

import io

import pytest

from autograd_scalar import Value, nn


def test_sgd_step_moves_each_parameter_against_its_gradient():
    a, b = Value(1.0), Value(-2.0)
    (a * b).backward()  # ∂/∂a = b = −2, ∂/∂b = a = 1
    nn.SGD([a, b], lr=0.1).step()
    assert a.data == 1.0 - 0.1 * -2.0
    assert b.data == -2.0 - 0.1 * 1.0


def test_sgd_updates_are_not_recorded_in_any_graph():
    w = Value(0.5, "w")
    (w * 3.0).backward()
    nn.SGD([w], lr=0.01).step()
    assert w.op is None and w.parents == ()  # still a leaf
    assert w.label == "w"


def test_sgd_updates_a_parameter_listed_twice_once():
    w = Value(1.0)
    (w * 2.0).backward()
    nn.SGD([w, w], lr=0.5).step()
    assert w.data == 0.0


def test_sgd_zero_grad_clears_its_parameters():
    w = Value(1.0)
    (w * w).backward()
    optimizer = nn.SGD([w], lr=0.1)
    optimizer.zero_grad()
    assert w.grad == 0.0


def test_a_learning_rate_schedule_is_called_with_the_step_count():
    w = Value(0.0)
    seen = []
    optimizer = nn.SGD([w], lr=lambda k: seen.append(k) or 1.0 / (k + 1))
    for _ in range(3):
        w.grad = 1.0
        optimizer.step()
    assert seen[-3:] == [0, 1, 2]
    assert w.data == pytest.approx(-(1.0 + 1 / 2 + 1 / 3))


@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan"), float("inf"), "0.1", True])
def test_a_bad_learning_rate_is_refused(lr):
    with pytest.raises(ValueError, match="learning rate"):
        nn.SGD([Value(1.0)], lr=lr)


def test_an_update_that_overflows_changes_nothing_and_names_the_parameter():
    a, b = Value(1.0, "a"), Value(1e308, "big")
    a.grad, b.grad = 1.0, -1e308
    with pytest.raises(ValueError, match="'big'"):
        nn.SGD([a, b], lr=10.0).step()
    assert (a.data, b.data) == (1.0, 1e308)


def test_fit_returns_a_decreasing_loss_history_on_a_line():
    xs = [[x / 10] for x in range(-10, 11)]
    ys = [3.0 * x[0] - 1.0 for x in xs]
    model = nn.MLP(1, [1], "linear", seed=0)
    history = nn.fit(model, xs, ys, nn.mse, steps=200, lr=0.3)
    assert len(history) == 200
    assert history[-1] < 1e-6 < history[0]
    assert model.parameter("layers.0.neurons.0.w.0").data == pytest.approx(3.0, abs=1e-3)
    assert model.parameter("layers.0.neurons.0.b").data == pytest.approx(-1.0, abs=1e-3)


def test_fit_adds_the_l2_penalty_to_the_loss():
    model = nn.MLP.from_weights([[[2.0]]], [[1.0]], "linear")
    history = nn.fit(model, [[1.0]], [3.0], nn.mse, steps=1, lr=0.1, l2=0.5)
    assert history == [0.0 + 0.5 * (2.0**2 + 1.0**2)]


def test_fit_refuses_mismatched_data():
    with pytest.raises(ValueError, match="3 inputs but 2 targets"):
        nn.fit(nn.MLP(1, [1]), [[1.0], [2.0], [3.0]], [1.0, 2.0])


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only(monkeypatch):
    data = ([[0.0], [1.0]], [0.0, 1.0])
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    nn.fit(nn.MLP(1, [1], "linear"), *data, steps=4, lr=0.1)
    assert "4/4" in terminal.getvalue() and "loss" in terminal.getvalue()
    pipe = io.StringIO()  # not a terminal
    monkeypatch.setattr("sys.stderr", pipe)
    nn.fit(nn.MLP(1, [1], "linear"), *data, steps=4, lr=0.1)
    assert pipe.getvalue() == ""
    nn.fit(nn.MLP(1, [1], "linear"), *data, steps=4, lr=0.1, progress=True)
    assert "4/4" in pipe.getvalue()


def _moons_demo(steps: int) -> tuple[nn.MLP, list[float], list[list[float]], list[int]]:
    """micrograd's demo through `fit`: 2-16-16-1 (seed 0, as `MLP(2, [16, 16, 1])` is),
    hinge loss + 1e-4·L2, lr 1.0 − 0.9·k/100."""
    X, y = nn.make_moons(100, noise=0.1, seed=1)
    y = [2 * label - 1 for label in y]
    model = nn.MLP(2, [16, 16, 1], seed=0)
    history = nn.fit(model, X, y, nn.hinge, steps=steps, lr=lambda k: 1.0 - 0.9 * k / 100, l2=1e-4)
    return model, history, X, y


@pytest.fixture(scope="module")
def three_steps():
    """The demo's first three steps through `fit` (read only)."""
    return _moons_demo(3)


def test_micrograds_moons_demo_reaches_full_training_accuracy(micrograd_demo, three_steps):
    # `fit` takes the steps of micrograd's own loop (the first three, to the bit), and
    # that loop, run once for the whole suite, separates every training point.
    demo_losses = [loss for loss, _ in micrograd_demo["history"]]
    assert three_steps[1] == demo_losses[:3]
    model, X, y = micrograd_demo["model"], micrograd_demo["X"], micrograd_demo["y"]
    correct = sum((model(x).data > 0) == (label > 0) for x, label in zip(X, y, strict=True))
    assert correct == len(X)
    assert demo_losses[-1] < demo_losses[0] / 10


def test_training_is_deterministic_for_a_fixed_seed(three_steps):
    again = _moons_demo(3)
    assert again[1] == three_steps[1]
    assert [p.data.hex() for p in again[0].parameters()] == [
        p.data.hex() for p in three_steps[0].parameters()
    ]
