"""Hypothesis strategies and the SymPy oracle, shared by the engine's tests."""

from __future__ import annotations

import functools
import math

import sympy
from hypothesis import strategies as st

from autograd_scalar import apply
from autograd_scalar.core.ops import OPS, Op
from autograd_scalar.core.value import run_op

A, B, K = sympy.symbols("a b k", real=True)

# Each built-in op's forward as SymPy writes it: the oracle, kept apart from the op table.
EXACT = {
    "add": A + B,
    "sub": A - B,
    "mul": A * B,
    "div": A / B,
    "neg": -A,
    "pow": A**K,
    "exp": sympy.exp(A),
    "log": sympy.log(A),
    "sigmoid": 1 / (1 + sympy.exp(-A)),
    "relu": sympy.Max(0, A),
    "tanh": sympy.tanh(A),
    "sqrt": sympy.sqrt(A),
    "abs": sympy.Abs(A),
}

# Away from overflow; the per-op guards below keep points off kinks and domain edges.
reals = st.floats(min_value=-4.0, max_value=4.0, allow_nan=False, allow_infinity=False)
exponents = st.sampled_from([2.0, 3.0, -1.0, -2.0, 0.5, 1.5, -0.5, 1 / 3, 0.0, 1.0])

UNARY = [op for op in OPS.values() if op.arity == 1 and op.constant is None]
WITH_CONSTANT = [op for op in OPS.values() if op.constant is not None]
BINARY = [op for op in OPS.values() if op.arity == 2]


def record(op: Op, a, b=None, k=None):
    """`op` applied through the engine: a binary op to (a, b), an op with a constant to
    (a, k), any other to a."""
    if op.arity == 2:
        return apply(op, a, b)
    return apply(op, a, k) if op.constant else apply(op, a)


@functools.cache
def oracle(op: Op, k: float | None = None) -> tuple[object, list[object]]:
    """The op's forward and its exact partials, by SymPy, as float functions of (a, b, k).

    For an op with a constant, give `k`: it is put in before differentiating, so that
    d(a^0)/da is 0, not 0·a^(−1) (which no float can evaluate at a = 0).
    """
    expr = EXACT[op.name]
    if k is not None:
        expr = expr.subs(K, sympy.nsimplify(k))
    wrt = [A] if op.arity == 1 else [A, B]
    forward = sympy.lambdify((A, B, K), expr, "math")
    # Simplified, so that d(a^k)/da is k·a^(k−1), not k·a^k/a (0/0 at a = 0).
    partials = [sympy.lambdify((A, B, K), sympy.simplify(sympy.diff(expr, x)), "math") for x in wrt]
    return forward, partials


def safe_point(op: Op, a: float, b: float | None) -> bool:
    """True where the op and its slope are defined and smooth around `a`, so that a
    central difference is fair: found by probing the record, for any op of the table."""
    step, h = 1e-2, 1e-6  # h: the step of `central_difference`
    for x in (a - h, a + h):
        try:
            run_op(op, x, b)
        except (ValueError, ArithmeticError):
            return False
    outs, slopes = [], []
    for x in (a - step, a, a + step):
        try:
            out, partials = run_op(op, x, b)
        except (ValueError, ArithmeticError):
            return False  # a domain edge within reach
        if not all(map(math.isfinite, partials)) or abs(out) > 1e6:
            return False
        outs.append(out)
        slopes.append(partials[0])
    # A kink (relu, abs at 0) makes the slope jump; a pole (1/x near 0) makes the mean
    # slope across the step unlike the slope at the point.
    mean = (outs[2] - outs[0]) / (2 * step)
    return math.isclose(slopes[0], slopes[2], rel_tol=0.5, abs_tol=1e-6) and math.isclose(
        mean, slopes[1], rel_tol=0.5, abs_tol=1e-6
    )


def safe_in_both(op: Op, a: float, b: float) -> bool:
    """`safe_point` for a binary op, probed along each of its two inputs."""
    swapped = op.replace(
        forward=lambda x, y: op.forward(y, x),
        partials=lambda x, y, out: op.partials(y, x, out)[::-1],
    )
    return safe_point(op, a, b) and safe_point(swapped, b, a)


def central_difference(f, x: float, eps: float = 1e-6) -> float:
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def close(x: float, y: float, rel: float = 1e-6, abs_: float = 1e-8) -> bool:
    return math.isclose(x, y, rel_tol=rel, abs_tol=abs_)


# Random programs over the op table: (op name, operand index, operand index, exponent).
programs = st.lists(
    st.tuples(
        st.sampled_from(sorted(OPS)),
        st.integers(0, 1000),
        st.integers(0, 1000),
        st.sampled_from([2.0, 3.0, -1.0, 0.5]),
    ),
    min_size=1,
    max_size=25,
)
starts = st.lists(st.floats(0.2, 2.0), min_size=3, max_size=3)


def build_graph(program, xs, table=OPS):
    """Run `program` on the leaves `xs` with the ops of `table`.

    Nodes are picked again and again, and the output re-uses several interior nodes,
    so gradients reach the leaves along many paths.
    """
    pool = list(xs)
    for name, i, j, k in program:
        op = table[name]
        a = pool[i % len(pool)]
        pool.append(record(op, a, pool[j % len(pool)], k))
    return pool[-1] + pool[len(pool) // 2] * pool[-2]
