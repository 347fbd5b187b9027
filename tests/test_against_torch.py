"""If PyTorch happens to be installed, compare with it in float64; never a requirement."""

from __future__ import annotations

import pytest

from autograd_scalar import Value

torch = pytest.importorskip("torch")


def test_micrograd_style_expression_matches_torch_in_float64():
    def f(a, b, relu, tanh, sigmoid, exp, log):
        c = a * b + b**3 - a / 3.0
        d = tanh(c) * sigmoid(a - b) + relu(b - a) + exp(a * 0.2) + log(b * b + 1.0)
        return d * d / 2.0

    a, b = Value(-1.3), Value(0.8)
    out = f(a, b, Value.relu, Value.tanh, Value.sigmoid, Value.exp, Value.log)
    out.backward()

    ta = torch.tensor(-1.3, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(0.8, dtype=torch.float64, requires_grad=True)
    tout = f(ta, tb, torch.relu, torch.tanh, torch.sigmoid, torch.exp, torch.log)
    tout.backward()
    assert out.data == pytest.approx(tout.item(), rel=1e-13)
    assert a.grad == pytest.approx(ta.grad.item(), rel=1e-12)
    assert b.grad == pytest.approx(tb.grad.item(), rel=1e-12)
