"""Interrupted or failed work leaves things as they were: backward's grads, saved files.

backward's promise: whatever stops it (an infinite gradient, or Ctrl-C wherever it
lands), every leaf keeps the grad it had and every interior grad is 0.
"""

from __future__ import annotations

import math
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from ctrl_c import CtrlC, sources
from graphs import all_nodes

from autograd_scalar import NonFiniteGradientError, Value, interrupts
from autograd_scalar.core import chain_rule, graph

ENGINE_FILES = sources(chain_rule, graph)


def _coefficients(n: int) -> list[float]:
    return [1.5 + 0.25 * (i % 7) for i in range(n)]


def _network(earlier: float = 42.0, n: int = 6) -> tuple[list[Value], Value]:
    """out = tanh(s)·s with s = Σ cᵢ·wᵢ: leaves wᵢ holding grads from earlier calls."""
    leaves = [Value(0.3 / (i + 1), f"w{i}") for i in range(n)]
    c = _coefficients(n)
    s = leaves[0] * c[0]
    for w, ci in zip(leaves[1:], c[1:]):
        s = s + w * ci
    out = (s.tanh() * s).labelled("out")
    for i, w in enumerate(leaves):
        w.grad = earlier + i
    return leaves, out


def _true_gradients(leaves: list[Value]) -> list[float]:
    """∂out/∂wᵢ = cᵢ·(tanh(s) + s·(1 − tanh²(s))), in plain floats."""
    c = _coefficients(len(leaves))
    s = sum(ci * w.data for w, ci in zip(leaves, c))
    slope = math.tanh(s) + s * (1 - math.tanh(s) ** 2)
    return [ci * slope for ci in c]


def _traced_backward(out: Value, tracer: CtrlC) -> None:
    tracer.run(out.backward)


def test_ctrl_c_anywhere_in_backward_keeps_every_leaf_grad_and_zeroes_interior_grads():
    leaves, out = _network()
    counter = CtrlC(ENGINE_FILES)
    _traced_backward(out, counter)
    assert counter.seen > 200  # the walk, the chain rule and the sums, step by step
    finished = [w.grad for w in leaves]  # where a whole call ends
    expected = [42.0 + i + g for i, g in enumerate(_true_gradients(leaves))]
    assert all(math.isclose(x, e, rel_tol=1e-12) for x, e in zip(finished, expected))
    cleared = whole = 0
    for k in range(1, counter.seen + 1):
        leaves, out = _network()
        out.backward()  # interior grads hold values before the interrupted call
        for i, w in enumerate(leaves):
            w.grad = 42.0 + i
        before = [node.grad for node in all_nodes(out) if node.parents]
        with pytest.raises(KeyboardInterrupt):
            _traced_backward(out, CtrlC(ENGINE_FILES, k))
        interior = [node.grad for node in all_nodes(out) if node.parents]
        if [w.grad for w in leaves] == finished:  # it came as backward returned: the call is whole
            assert interior == before, k
            whole += 1
            continue
        assert [w.grad for w in leaves] == [42.0 + i for i in range(len(leaves))], k
        # All 0; or, when the interrupt came before backward touched anything, all as before.
        assert interior in ([0.0] * len(interior), before), k
        cleared += interior != before
    # Nearly every Ctrl-C lands in the work itself: a few come before it starts, or after
    # the last grad is set.
    assert counter.seen - cleared <= 8, (cleared, whole)
    leaves, out = _network()
    with pytest.raises(KeyboardInterrupt):
        _traced_backward(out, CtrlC(ENGINE_FILES, counter.seen // 2))
    out.backward()  # the same call again, uninterrupted, ends where a whole call ends
    assert [w.grad for w in leaves] == finished


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs a Unix interval timer")
def test_a_real_interrupt_during_repeated_backward_leaves_whole_calls_only():
    leaves, out = _network(earlier=0.0, n=5000)  # so that most of the time is spent in backward
    one = _true_gradients(leaves)
    for w in leaves:
        w.grad = 0.0
    completed, caught = 0, False

    def ctrl_c(signum, frame):
        # Only where it lands in the engine: elsewhere (a garbage-collector callback that
        # Hypothesis installs, say) it would be swallowed, so the next tick tries again.
        if not caught and Path(frame.f_code.co_filename).resolve() in ENGINE_FILES:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, ctrl_c)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2, 0.05)
        while True:
            out.backward()
            completed += 1
    except KeyboardInterrupt:
        caught = True
    finally:
        caught = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    def after(calls: int) -> list[float]:  # grads after `calls` whole calls, added as backward does
        totals = [0.0] * len(leaves)
        for _ in range(calls):
            totals = [t + g for t, g in zip(totals, one)]
        return totals

    got = [w.grad for w in leaves]
    # The interrupt lands inside a call (undone), or as it returns (whole, not yet counted).
    assert any(
        all(math.isclose(x, e, rel_tol=1e-9) for x, e in zip(got, after(calls)))
        for calls in (completed, completed + 1)
    ), (completed, got)


def test_after_a_failed_backward_interior_grads_are_zero_and_leaf_grads_as_they_were():
    x = Value(4.0, "x")
    y = Value(1e-300, "y")
    u = (x * 11.0).labelled("u")
    v = (y.log() * 1e10).labelled("v")  # ∂v/∂y = 1e10/1e-300: overflows
    out = (u + v).labelled("out")
    (u * 1.0).backward()
    assert u.grad == 1.0 and x.grad == 11.0  # an earlier, good call
    y.grad = 0.5
    with pytest.raises(NonFiniteGradientError, match="'y'"):
        out.backward()
    assert (x.grad, y.grad) == (11.0, 0.5)
    assert (u.grad, v.grad, out.grad) == (0.0, 0.0, 0.0)


GUARDED_FILES = ENGINE_FILES | sources(interrupts)


def test_ctrl_c_swallowed_where_it_landed_is_delivered_when_backward_ends_not_lost():
    leaves, out = _network()
    counter = CtrlC(GUARDED_FILES)
    counter.run(out.backward)
    finished = [w.grad for w in leaves]
    guarded = 0
    for k in range(1, counter.seen + 1, 7):
        leaves, out = _network()
        tracer = CtrlC(GUARDED_FILES, k, swallowed=True)
        try:
            tracer.run(out.backward)
        except KeyboardInterrupt:
            delivered = True
        else:
            delivered = False
        assert tracer.pressed == 1 and [w.grad for w in leaves] == finished, k
        # Before backward sets its handler and after it puts the old one back, Python's own
        # handler answers, and what it raises is swallowed: lost, as anywhere else.
        if tracer.handler is not signal.default_int_handler:
            assert delivered, k
            guarded += 1
    assert guarded > 0.9 * len(range(1, counter.seen + 1, 7))


def _failing_network(n: int = 6) -> tuple[list[Value], list[Value], Value]:
    """A graph whose backward fails (∂v/∂y overflows) after the chain rule has run."""
    leaves, out = _network(n=n)
    y = Value(1e-300, "y")
    y.grad = 0.5
    v = (y.log() * 1e10).labelled("v")
    root = (out + v).labelled("root")
    return [*leaves, y], [node for node in all_nodes(root) if node.parents], root


def test_ctrl_c_while_a_failed_backward_puts_grads_right_waits_until_they_are_right():
    leaves, interior, root = _failing_network()
    before = [w.grad for w in leaves]
    counter = CtrlC(GUARDED_FILES)
    with pytest.raises(NonFiniteGradientError):
        counter.run(root.backward)
    assert counter.raised_at is not None and counter.seen - counter.raised_at > 20
    stopped_by = []
    for k in range(1, counter.seen + 1):  # Ctrl-C at every step where it can land
        leaves, interior, root = _failing_network()
        with pytest.raises((NonFiniteGradientError, KeyboardInterrupt)) as stopped:
            CtrlC(GUARDED_FILES, k).run(root.backward)
        stopped_by.append(stopped.type)
        assert [w.grad for w in leaves] == before, k
        assert {node.grad for node in interior} == {0.0}, k
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, k
    # Pressed while the grads were put right, Ctrl-C is delivered once they are, not lost.
    assert stopped_by == [KeyboardInterrupt] * counter.seen


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs POSIX signals")
def test_ctrl_c_pressed_again_and_again_during_backward_keeps_its_promise():
    leaves, out = _network(n=20_000)
    base = [w.grad for w in leaves]
    out.backward()
    whole_interior = {node: node.grad for node in all_nodes(out) if node.parents}
    whole_leaves = [w.grad for w in leaves]
    outcomes = []
    for delay in (0.0, 0.003, 0.01, 0.02, 0.04):
        outcomes.append(_storm_of_ctrl_c(out, leaves, base, delay))
        interior = [node.grad for node in whole_interior]
        got = [w.grad for w in leaves]
        if got == whole_leaves:  # Ctrl-C came as backward returned: the call is whole
            assert interior == list(whole_interior.values())
            continue
        assert got == base, delay
        # All 0; or, when Ctrl-C came before backward touched anything, all as before.
        assert interior in ([0.0] * len(interior), list(whole_interior.values())), delay
    assert max(outcomes) > 5  # many presses came while backward was stopping


STORM_FILES = GUARDED_FILES | {Path(__file__).resolve()}


def _storm_of_ctrl_c(out: Value, leaves: list[Value], base: list[float], delay: float) -> int:
    """Call out.backward() again and again (leaf grads reset to `base` before each call)
    while another thread sends Ctrl-C to this one every few microseconds, from `delay`
    seconds on, until one stops it; returns how many were sent while it was stopping."""
    state = {"armed": False, "sent": 0, "sent_when_stopped": 0}
    stop = threading.Event()

    def ctrl_c(signum, frame):
        # Where Python would swallow it (a garbage collector's callback that Hypothesis
        # installs, say), a KeyboardInterrupt is not raised: the next press comes soon.
        if state["armed"] and Path(frame.f_code.co_filename).resolve() in STORM_FILES:
            state["sent_when_stopped"] = state["sent"]
            raise KeyboardInterrupt

    def send() -> None:
        time.sleep(delay)
        while not stop.is_set():
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
            state["sent"] += 1
            time.sleep(0.00005)

    previous = signal.signal(signal.SIGINT, ctrl_c)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # so that the sender gets its turns often
    sender = threading.Thread(target=send)
    try:
        sender.start()
        while True:
            for w, grad in zip(leaves, base):
                w.grad = grad
            state["armed"] = True
            out.backward()
            state["armed"] = False
    except KeyboardInterrupt:
        pass
    finally:
        state["armed"] = False
        stopped = state["sent"]
        stop.set()
        sender.join()
        sys.setswitchinterval(interval)
        signal.signal(signal.SIGINT, previous)
    return stopped - state["sent_when_stopped"]


def _sgd_step():
    from autograd_scalar.nn import SGD, optim

    parameters = [Value(0.1 * i, f"p{i}") for i in range(50)]
    for i, p in enumerate(parameters):
        p.grad = 1.0 + i
    sgd = SGD(parameters, lr=0.5)
    return sgd.step, lambda: ([p.data for p in parameters], sgd.steps), optim


def _tape_step():
    from autograd_scalar import Tape
    from autograd_scalar.core import replay

    leaves = [Value(0.1 * i, f"p{i}") for i in range(20)]
    total = leaves[0] * 1.0
    for w in leaves[1:]:
        total = total + w * w
    tape = Tape.record(total)
    tape.backward()
    return (lambda: tape.step(0.5, leaves)), (lambda: [tape.value(w) for w in leaves]), replay


def _model_update():
    from autograd_scalar.nn import MLP, module

    model = MLP(1, [2], seed=1)
    names = [name for name, _ in model.named_parameters()]
    new = {name: float(i) for i, name in enumerate(names)}
    return (lambda: model.update(new)), (lambda: [p.data for p in model.parameters()]), module


@pytest.mark.parametrize("make", [_sgd_step, _tape_step, _model_update], ids=lambda f: f.__name__)
def test_ctrl_c_during_an_update_of_many_numbers_changes_every_one_or_none(make):
    update, state, module = make()
    files = sources(module, interrupts)
    before = state()
    counter = CtrlC(files)
    counter.run(update)
    after = state()
    assert after != before and counter.seen > 50
    outcomes = []
    # Every step of the last 80, where the numbers change; every 25th before, checking them.
    last = max(1, counter.seen - 80)
    for k in [*range(1, last, 25), *range(last, counter.seen + 1)]:
        update, state, _ = make()
        with pytest.raises(KeyboardInterrupt):
            CtrlC(files, k).run(update)
        assert state() in (before, after), k
        outcomes.append(state() == after)
    assert any(outcomes) and not all(outcomes)  # pressed before the change began, or during it
