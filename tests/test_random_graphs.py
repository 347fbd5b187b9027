"""Random expression graphs from the op table, gradients against central differences.

Nodes are shared and re-used, so gradients reach the variables along many paths.
"""

from __future__ import annotations

import math

from hypothesis import assume, given, settings
from strategies import build_graph, programs, record, safe_in_both, safe_point, starts

from autograd_scalar import DomainError, Value
from autograd_scalar.core.ops import OPS


def evaluate(table, program, numbers):
    return build_graph(program, [Value(x) for x in numbers], table).data


def smooth(program, numbers):
    """Skip graphs that touch a kink, a domain edge, or numbers too large to difference."""
    pool = [Value(x) for x in numbers]
    for name, i, j, k in program:
        op = OPS[name]
        a = pool[i % len(pool)]
        b = pool[j % len(pool)] if op.arity == 2 else None
        if b is not None and not safe_in_both(op, a.data, b.data):
            return False
        if b is None and not safe_point(op, a.data, k if op.constant else None):
            return False
        pool.append(record(op, a, b, k))
        if abs(pool[-1].data) > 1e4:
            return False
    return True


def mismatches(table, program, numbers, eps=1e-6):
    """The variables whose backward gradient disagrees with a central difference."""
    xs = [Value(x, f"x{n}") for n, x in enumerate(numbers)]
    build_graph(program, xs, table).backward()
    wrong = []
    for n, x in enumerate(xs):
        up = list(numbers)
        down = list(numbers)
        up[n] += eps
        down[n] -= eps
        numeric = (evaluate(table, program, up) - evaluate(table, program, down)) / (2 * eps)
        if not math.isclose(x.grad, numeric, rel_tol=1e-3, abs_tol=1e-4):
            wrong.append((x.label, x.grad, numeric))
    return wrong


def runnable(program, numbers):
    try:
        return smooth(program, numbers)
    except DomainError:
        return False


@settings(max_examples=150)
@given(program=programs, numbers=starts)
def test_random_graph_gradients_match_central_differences(program, numbers):
    assume(runnable(program, numbers))
    assert mismatches(OPS, program, numbers) == []


def test_a_wrong_partial_in_one_record_is_caught():
    # The same check, with tanh's partial planted wrong, must report a mismatch.
    planted = dict(OPS)
    planted["tanh"] = OPS["tanh"].replace(partials=lambda a, out: (1.0 + out * out,))
    program = [("mul", 0, 1, 2.0), ("tanh", 3, 0, 2.0), ("add", 4, 2, 2.0)]
    numbers = [0.7, 1.3, 0.4]
    assert runnable(program, numbers)
    assert mismatches(OPS, program, numbers) == []
    assert [label for label, *_ in mismatches(planted, program, numbers)] == ["x0", "x1"]
