"""Printing a formula and reading it back gives the same value: the printer's brackets and
the reader's precedence agree, for every op of the table and an infix op of one's own.

Random trees (brackets, left and right association, unary minus, powers, every op) are
printed as text, read again, and both are evaluated at random points: the same number, or
the same refusal outside a domain.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_scalar import Op, registered
from autograd_scalar.core.ops import OPS
from autograd_scalar.formula import Call, Indicator, Name, Number, evaluate, parse_formula, text

LABELS = ("x", "y", "z")

# An infix op of one's own, looser than · and tighter than +, grouping to the right.
CIRCLE = Op(
    "circ",
    "∘",
    2,
    forward=lambda a, b: a + 2 * b,
    partials=lambda a, b, out: (1.0, 2.0),
    formulas=("1", "2"),
    definition="{a} + 2·{b}",
    precedence=1,
    associates="right",
)
# Another, at the precedence of · but grouping to the left and associating with nothing.
OSLASH = Op(
    "oslash",
    "⊘",
    2,
    forward=lambda a, b: a - b / 2,
    partials=lambda a, b, out: (1.0, -0.5),
    formulas=("1", "−1/2"),
    definition="{a} − {b}/2",
)
# An op of one input, written as a call.
CUBE = Op(
    "cube",
    "cube",
    1,
    forward=lambda a: a * a * a,
    partials=lambda a, out: (3 * a * a,),
    formulas=("3·{a}²",),
    definition="{a}³",
)


@pytest.fixture(scope="module", autouse=True)
def table_with_ops_of_ones_own():
    with registered(CIRCLE), registered(OSLASH), registered(CUBE):
        yield


numbers = st.sampled_from([0.0, 1.0, 2.0, 3.0, 0.5, 1.5, -1.0, -2.0, 0.25, -0.5, 10.0, 1e-3])
labels = st.sampled_from(LABELS).map(Name)
leaves = st.one_of(labels, labels, numbers.map(Number))


def _calls(children: st.SearchStrategy) -> st.SearchStrategy:
    def call(op_name: str, args: list) -> Call:
        op = OPS[op_name]
        return Call(op, tuple(args[: len(op.operands)]))

    # Every op of the table (read when drawn, so the ops of one's own are in), the ones
    # written with operators more often: their brackets are where printing can go wrong.
    written_between = st.sampled_from(["add", "sub", "mul", "div", "pow", "circ", "oslash"])
    names = st.one_of(*[written_between] * 4, st.sampled_from(sorted(OPS)))
    return st.builds(call, names, st.lists(children, min_size=2, max_size=2))


def _indicators(children: st.SearchStrategy) -> st.SearchStrategy:
    relations = st.sampled_from([">", "<", ">=", "<=", "=", "!="])
    return st.builds(Indicator, children, relations, children)


formulas = st.recursive(
    leaves,
    lambda children: st.one_of(*[_calls(children)] * 4, _indicators(children)),
    max_leaves=24,
)
points = st.fixed_dictionaries({label: st.floats(-2.5, 2.5) for label in LABELS})


def outcome(formula, values):
    try:
        return evaluate(formula, values)
    except (ValueError, ArithmeticError):
        return "refused"


@settings(max_examples=500, deadline=None)
@given(formula=formulas, values=points)
def test_printed_then_read_gives_the_same_value(formula, values):
    written = text(formula, exact=True)
    read = parse_formula(written, LABELS).expr
    before, after = outcome(formula, values), outcome(read, values)
    if before == "refused" or after == "refused":
        assert before == after, written
    else:
        assert math.isclose(before, after, rel_tol=1e-9, abs_tol=1e-12), written


def call(name: str, *args):
    return Call(OPS[name], tuple(Name(a) if isinstance(a, str) else a for a in args))


@pytest.mark.parametrize(
    ("build", "written"),
    [
        (lambda: call("sub", "x", call("sub", "y", "z")), "x − (y − z)"),
        (lambda: call("sub", call("sub", "x", "y"), "z"), "x − y − z"),
        (lambda: call("div", "x", call("mul", "y", "z")), "x/(y·z)"),
        (lambda: call("pow", call("pow", "x", "y"), "z"), "(x^y)^z"),
        (lambda: call("mul", "x", call("neg", "y")), "x·(−y)"),
        (lambda: call("circ", call("circ", "x", "y"), "z"), "(x ∘ y) ∘ z"),
        (lambda: call("circ", "x", call("circ", "y", "z")), "x ∘ y ∘ z"),
        (lambda: call("mul", call("circ", "x", "y"), "z"), "(x ∘ y)·z"),
        (lambda: call("mul", "x", call("oslash", "y", "z")), "x·(y ⊘ z)"),
        (lambda: call("oslash", call("mul", "x", "y"), "z"), "x·y ⊘ z"),
        (lambda: call("add", "x", call("sub", "y", "z")), "x + y − z"),
    ],
)
def test_brackets_stand_where_the_reading_needs_them(build, written):
    formula = build()
    assert text(formula) == written
    values = {"x": 0.7, "y": -1.3, "z": 2.9}
    read = parse_formula(written, LABELS).expr
    assert evaluate(read, values) == pytest.approx(evaluate(formula, values), rel=1e-12)
