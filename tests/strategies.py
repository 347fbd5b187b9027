"""Hypothesis strategies and the SymPy oracle, shared by the engine's tests."""

from __future__ import annotations

import math

import sympy
from hypothesis import strategies as st

from autograd_scalar.engine import apply
from autograd_scalar.ops import OPS, Op

A, B, K = sympy.symbols("a b k", real=True)

# Away from overflow; the per-op guards below keep points off kinks and domain edges.
reals = st.floats(min_value=-4.0, max_value=4.0, allow_nan=False, allow_infinity=False)
exponents = st.sampled_from([2.0, 3.0, -1.0, -2.0, 0.5, 1.5, -0.5, 1 / 3, 0.0, 1.0])

UNARY = [op for op in OPS.values() if op.arity == 1 and op.name != "pow"]
BINARY = [op for op in OPS.values() if op.arity == 2]


def oracle(op: Op) -> tuple[object, list[object]]:
    """The op's forward and its exact partials, by SymPy, as float functions of (a, b, k)."""
    expr = sympy.sympify(op.expression, locals={"a": A, "b": B, "k": K})
    wrt = [A] if op.arity == 1 else [A, B]
    forward = sympy.lambdify((A, B, K), expr, "math")
    partials = [sympy.lambdify((A, B, K), sympy.diff(expr, x), "math") for x in wrt]
    return forward, partials


def safe_point(op: Op, a: float, b: float | None) -> bool:
    """True where the op and its derivative are smooth enough for a finite difference."""
    if op.name == "relu" and abs(a) < 1e-3:
        return False
    if op.name == "log" and a < 1e-2:
        return False
    if op.name == "pow" and b is not None:
        if abs(a) < 1e-2 or (a < 0 and b != int(b)):
            return False
    return True


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
        if op.arity == 2:
            pool.append(apply(op, a, pool[j % len(pool)]))
        else:
            pool.append(apply(op, a, const=k if name == "pow" else None))
    return pool[-1] + pool[len(pool) // 2] * pool[-2]
