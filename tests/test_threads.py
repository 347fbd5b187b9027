"""Grad mode belongs to one thread (and one asyncio task): `no_grad()` elsewhere never
stops this one from recording, and blocks entered and left out of order restore each
thread's own state."""

from __future__ import annotations

import asyncio
import math
import sys
import threading

from autograd_scalar import Value, grad, nn, no_grad


def _neuron_gradients(w: list[float], b: float, x: list[float], t: float) -> list[float]:
    """∂/∂(w1, w2, b) of (tanh(w·x + b) − t)², in plain floats: the oracle."""
    out = math.tanh(w[0] * x[0] + w[1] * x[1] + b)
    shared = 2 * (out - t) * (1 - out * out)
    return [shared * x[0], shared * x[1], shared]


def _run_in_threads(*targets) -> None:
    errors: list[BaseException] = []

    def guarded(target):
        def run():
            try:
                target()
            except BaseException as error:  # re-raised in the test's own thread
                errors.append(error)

        return run

    threads = [threading.Thread(target=guarded(t)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    if errors:
        raise errors[0]


def test_training_in_one_thread_is_right_while_another_thread_sits_inside_no_grad():
    steps = 200
    # Each training step runs wholly while the other thread is inside no_grad(): the
    # two barriers put the step between its entering and its leaving.
    barrier = threading.Barrier(2, timeout=30)
    model = nn.MLP(2, [1], ["tanh"], seed=3)
    optimizer = nn.SGD(model.parameters(), lr=0.05)
    inputs, target = [0.4, -0.7], 0.25
    wrong: list[tuple[int, list[float], list[float]]] = []

    def idle():
        for _ in range(steps):
            with no_grad():
                barrier.wait()
                barrier.wait()

    def train():
        for k in range(steps):
            barrier.wait()
            neuron = model.layers[0].neurons[0]
            expected = _neuron_gradients([w.data for w in neuron.w], neuron.b.data, inputs, target)
            model.zero_grad()
            loss = (model(inputs) - target) ** 2
            loss.backward()
            got = [p.grad for p in (*neuron.w, neuron.b)]
            if not all(
                math.isclose(g, e, rel_tol=1e-12, abs_tol=1e-15) for g, e in zip(got, expected)
            ):
                wrong.append((k, got, expected))
            optimizer.step()
            barrier.wait()

    _run_in_threads(idle, train)
    assert not wrong, f"{len(wrong)} of {steps} steps had wrong gradients, first {wrong[0]}"


def _records() -> bool:
    x = Value(2.0)
    y = x * x
    y.backward()
    return x.grad == 4.0


def test_no_grad_entered_and_left_out_of_order_by_two_threads_leaves_recording_on():
    # A enters, B enters, A leaves, B leaves: a single shared switch would be left off.
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first():
        with no_grad():
            a_in.set()
            assert b_in.wait(30)
        seen["A after leaving"] = _records()
        a_out.set()

    def second():
        assert a_in.wait(30)
        with no_grad():
            b_in.set()
            assert a_out.wait(30)
            seen["B inside, after A left"] = not _records()
        seen["B after leaving"] = _records()

    _run_in_threads(first, second)
    seen["the main thread"] = _records()
    assert seen == dict.fromkeys(
        ("A after leaving", "B inside, after A left", "B after leaving", "the main thread"), True
    )


def test_no_grad_in_one_asyncio_task_does_not_reach_another_task():
    async def main() -> tuple[bool, bool]:
        inside = asyncio.Event()
        checked = asyncio.Event()

        async def quiet() -> bool:
            with no_grad():
                inside.set()
                await checked.wait()
                return not _records()

        async def busy() -> bool:
            await inside.wait()
            recorded = _records()
            checked.set()
            return recorded

        return tuple(await asyncio.gather(quiet(), busy()))  # type: ignore[return-value]

    assert asyncio.run(main()) == (True, True)


def test_grad_with_create_graph_inside_no_grad_gives_a_true_second_derivative():
    x = Value(0.3)
    y = x.sigmoid()  # the forward pass is recorded; only the derivative is taken inside
    with no_grad():
        first = grad(y, x, create_graph=True)
    second = grad(first, x)
    s = 1 / (1 + math.exp(-0.3))
    assert math.isclose(first.data, s * (1 - s), rel_tol=1e-12)
    assert math.isclose(second, s * (1 - s) * (1 - 2 * s), rel_tol=1e-12)  # about −0.036


def _again(call, times: int):
    return lambda: [call() for _ in range(times)]


def test_two_threads_calling_backward_on_roots_that_share_a_node_get_the_right_grads():
    n, calls = 300, 40
    c = [1.5 + 0.25 * (i % 7) for i in range(n)]
    leaves = [Value(0.3 / (i + 1), f"w{i}") for i in range(n)]
    s = leaves[0] * c[0]
    for w, ci in zip(leaves[1:], c[1:]):
        s = s + w * ci  # the interior node both roots are made from
    first = (s.tanh() * s).labelled("first")
    second = (s * s * 0.5).labelled("second")
    total = sum(ci * w.data for w, ci in zip(leaves, c))
    slope = math.tanh(total) + total * (1 - math.tanh(total) ** 2) + total  # ∂first/∂s + ∂second/∂s
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        _run_in_threads(*(_again(root.backward, calls) for root in (first, second)))
    finally:
        sys.setswitchinterval(previous)
    wrong = [
        (w.label, w.grad, calls * ci * slope)
        for w, ci in zip(leaves, c)
        if not math.isclose(w.grad, calls * ci * slope, rel_tol=1e-9)
    ]
    assert not wrong, f"{len(wrong)} of {n} leaves have wrong grads, first {wrong[0]}"
