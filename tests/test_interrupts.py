"""Interrupted or failed work leaves things as they were: backward's grads, saved files.

backward's promise: whatever stops it (an infinite gradient, or Ctrl-C wherever it
lands), every leaf keeps the grad it had and every interior grad is 0.
"""

from __future__ import annotations

import math
import signal
import sys
from pathlib import Path

import pytest
from graphs import all_nodes

from autograd_scalar import NonFiniteGradientError, Value
from autograd_scalar.core import chain_rule, graph

ENGINE_FILES = {Path(chain_rule.__file__).resolve(), Path(graph.__file__).resolve()}


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


class _InterruptAt:
    """A tracer that raises KeyboardInterrupt at the k-th bytecode (or, where Python gives
    no bytecode events to a tracer, as 3.13 does, the k-th line) the engine runs in
    backward: where Ctrl-C would land if pressed at that moment. Counts when k is None."""

    def __init__(self, k: int | None) -> None:
        self.k, self.seen = k, 0

    def __call__(self, frame, event, arg):
        if Path(frame.f_code.co_filename).resolve() not in ENGINE_FILES:
            return None
        frame.f_trace_opcodes = True
        return self.local

    def local(self, frame, event, arg):
        if event in ("opcode", "line"):
            self.seen += 1
            if self.seen == self.k:
                raise KeyboardInterrupt
        return self.local


def _traced_backward(out: Value, tracer: _InterruptAt) -> None:
    sys.settrace(tracer)
    try:
        out.backward()
    finally:
        sys.settrace(None)


def test_ctrl_c_anywhere_in_backward_keeps_every_leaf_grad_and_zeroes_interior_grads():
    leaves, out = _network()
    counter = _InterruptAt(None)
    _traced_backward(out, counter)
    assert counter.seen > 200  # the walk, the chain rule and the sums, step by step
    finished = [w.grad for w in leaves]  # where a whole call ends
    expected = [42.0 + i + g for i, g in enumerate(_true_gradients(leaves))]
    assert all(math.isclose(x, e, rel_tol=1e-12) for x, e in zip(finished, expected))
    cleared = 0
    for k in range(1, counter.seen + 1):
        leaves, out = _network()
        out.backward()  # interior grads hold values before the interrupted call
        for i, w in enumerate(leaves):
            w.grad = 42.0 + i
        before = [node.grad for node in all_nodes(out) if node.parents]
        with pytest.raises(KeyboardInterrupt):
            _traced_backward(out, _InterruptAt(k))
        interior = [node.grad for node in all_nodes(out) if node.parents]
        if k > counter.seen - 5 and [w.grad for w in leaves] == finished:
            continue  # the interrupt came as backward returned: the call is whole
        assert [w.grad for w in leaves] == [42.0 + i for i in range(len(leaves))], k
        # All 0; or, when the interrupt came before backward touched anything, all as before.
        assert interior in ([0.0] * len(interior), before), k
        cleared += interior != before
    assert cleared >= 0.99 * counter.seen  # nearly every interrupt lands in the work itself
    leaves, out = _network()
    with pytest.raises(KeyboardInterrupt):
        _traced_backward(out, _InterruptAt(counter.seen // 2))
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
