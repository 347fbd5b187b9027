"""An op of one's own: one record, registered, and every feature knows it.

softplus(x) = ln(1 + eˣ), whose slope is σ(x). Nothing outside this file is told about it.
"""

from __future__ import annotations

import math
import re

import pytest
import sympy
from op_records import SOFTPLUS

from autograd_scalar import (
    OPS,
    Op,
    OpError,
    Tape,
    Value,
    apply,
    check_op,
    check_partial,
    draw,
    explain,
    grad,
    gradcheck,
    register_op,
    registered,
    unregister_op,
)


@pytest.fixture
def softplus():
    with registered(SOFTPLUS) as op:
        yield op


def network(x: Value, w: Value) -> Value:
    h = apply(SOFTPLUS, (w * x).labelled("z")).labelled("h")
    return (h * h).labelled("L")


def test_the_record_checks_out_against_itself(softplus):
    assert check_op(softplus).ok


def test_backward_and_grad_agree_with_sympy(softplus):
    x, w = Value(0.7, "x"), Value(-1.3, "w")
    L = network(x, w)
    L.backward()
    X, W = sympy.symbols("x w")
    exact = sympy.diff(sympy.log(1 + sympy.exp(W * X)) ** 2, W).subs({X: 0.7, W: -1.3})
    assert w.grad == pytest.approx(float(exact), rel=1e-12)
    assert grad(L, w) == w.grad


def test_second_derivatives_through_create_graph(softplus):
    x = Value(0.4, "x")
    first = grad(apply(softplus, x), x, create_graph=True)  # σ(x), as a node
    second = grad(first, x)
    s = 1 / (1 + math.exp(-0.4))
    assert first.data == pytest.approx(s) and second == pytest.approx(s * (1 - s), rel=1e-12)


def test_replay_falls_back_to_the_table_and_matches_a_fresh_build(softplus):
    x, w = Value(0.7, "x"), Value(-1.3, "w")
    tape = Tape.record(network(x, w))
    assert tape.forward({"x": 2.0, "w": 0.5}) == network(Value(2.0), Value(0.5)).data
    fresh_x, fresh_w = Value(2.0, "x"), Value(0.5, "w")
    network(fresh_x, fresh_w).backward()
    tape.backward()
    assert (tape.grad("x"), tape.grad("w")) == (fresh_x.grad, fresh_w.grad)


def test_its_name_is_a_function_in_formulas(softplus):
    x, w = Value(0.7, "x"), Value(-1.3, "w")
    L = network(x, w)
    assert check_partial(L, "w", "2·softplus(z)·σ(z)·x").ok
    assert not check_partial(L, "w", "2·softplus(z)·x").ok


def test_explain_writes_its_formula_and_draw_shows_its_symbol(softplus):
    x, w = Value(0.7, "x"), Value(-1.3, "w")
    L = network(x, w)
    L.backward()
    lines = str(explain(L, "z"))
    assert "∂h/∂z" in lines and "σ(z)" in lines
    source = draw(L, show_partials=True).source
    assert "softplus" in source and "σ(z)" in source


def test_gradcheck_passes_through_it(softplus):
    assert gradcheck(network, [Value(0.7, "x"), Value(-1.3, "w")]).ok


def test_a_name_already_taken_is_refused():
    clash = Op(
        "log", "log", 1, forward=lambda a: a, partials=lambda a, out: (1.0,), formulas=("1",)
    )
    with pytest.raises(OpError, match="already names"):
        register_op(clash)
    with pytest.raises(OpError, match="one formula string per input"):
        Op(
            "twice",
            "2×",
            1,
            forward=lambda a: 2 * a,
            partials=lambda a, out: (2.0,),
            formulas=(),
        )


def twice(**changes) -> Op:
    fields = dict(
        name="twice",
        symbol="twice",
        arity=1,
        forward=lambda a: 2 * a,
        partials=lambda a, out: (2.0,),
        formulas=("2",),
        definition="2·{a}",
    )
    fields.update(changes)
    return Op(**fields)


def plus_twice(**changes) -> Op:
    fields = dict(
        name="plus_twice",
        symbol="⊞",
        arity=2,
        forward=lambda a, b: a + 2 * b,
        partials=lambda a, b, out: (1.0, 2.0),
        formulas=("1", "2"),
        definition="{a} + 2·{b}",
    )
    fields.update(changes)
    return Op(**fields)


@pytest.mark.parametrize(
    ("record", "refusal"),
    [
        # Written before its input, "1" would read `1 − t²` as twice(−t²).
        (lambda: twice(symbol="1", written="1{a}"), "symbol '1' reads as a number"),
        (lambda: twice(symbol="½", written="twice({a})"), "symbol '½' reads as a number"),
        (lambda: twice(symbol="−2"), "symbol '−2' reads as a number"),
        (lambda: plus_twice(symbol="1e3"), "symbol '1e3' reads as a number"),
        (lambda: plus_twice(aliases=("1",)), r"aliases\[0\] '1' reads as a number"),
        (lambda: plus_twice(operator="0"), "operator '0' reads as a number"),
        (lambda: plus_twice(symbol="⊞2"), "symbol '⊞2' has a numeral"),
        (lambda: plus_twice(symbol="²"), "symbol '²' .*superscript.*power"),
        (lambda: plus_twice(symbol="."), "symbol '.' has '.'.*number"),
        (lambda: plus_twice(aliases=("⊞ ⊞",)), r"aliases\[0\] '⊞ ⊞' has a space"),
        (lambda: plus_twice(symbol="⊞a"), "symbol '⊞a' mixes letters with signs"),
        (lambda: plus_twice(written="{a} ⊞) {b}"), r"written '\{a\} ⊞\) \{b\}' .*bracket"),
    ],
)
def test_a_spelling_that_clashes_with_the_formula_language_is_refused(record, refusal):
    t = Value(0.5, "t")
    x = t.tanh().labelled("x")
    with pytest.raises(OpError, match="is not registered: " + refusal):
        register_op(record())
    assert OPS.keys().isdisjoint({"twice", "plus_twice"})
    assert check_partial(x, t, "1 − x²").ok and check_partial(x, t, "1 − 0.5·x·2·x").ok
    assert re.search(refusal, str(check_op(record(), raise_exception=False)))


def test_spellings_the_formula_language_reads_as_the_op_register():
    t = Value(0.5, "t")
    drawn_only = twice(symbol="2×", written="twice({a})")  # drawn, never read in a formula
    for record in [drawn_only, plus_twice(), plus_twice(aliases=("<+>",))]:
        with registered(record):
            assert check_partial(t.tanh().labelled("x"), t, "1 − x²").ok
    with registered(plus_twice(symbol="xor", written="{a} xor {b}")):  # a word between
        assert check_partial((t * 3).labelled("y"), t, "1 xor 1").ok  # 1 + 2·1


# A record that disagrees with itself is refused, naming the field and the point.


def cube(**changes) -> Op:
    fields = dict(
        name="cube",
        symbol="cube",
        arity=1,
        forward=lambda a: a**3,
        partials=lambda a, out: (3 * a**2,),
        formulas=("3·{a}²",),
        definition="{a}³",
    )
    fields.update(changes)
    return Op(**fields)


def test_a_right_record_registers_and_a_wrong_formula_is_refused_with_field_and_point():
    with registered(cube()) as op:
        assert OPS["cube"] is op
    assert "cube" not in OPS
    with pytest.raises(
        OpError, match=r"formulas\[0\] '2·\{a\}' gives .* at a=.*partials\[0\] gives"
    ):
        register_op(cube(formulas=("2·{a}",)))
    assert "cube" not in OPS  # nothing half-registered


def test_a_partial_that_is_not_the_forwards_slope_is_refused():
    with pytest.raises(OpError, match=r"partials\[0\] .* at a=.*forward changes at the rate"):
        register_op(cube(partials=lambda a, out: (2 * a,), formulas=("2·{a}",)))


def test_a_definition_that_is_not_the_forward_is_refused():
    with pytest.raises(OpError, match=r"definition '\{a\}²' gives .* at a=.* but forward gives"):
        register_op(cube(definition="{a}²"))


def test_a_definition_that_uses_the_op_itself_is_refused():
    with pytest.raises(OpError, match="definition 'cube\\(\\{a\\}\\)' uses the op itself"):
        register_op(cube(definition="cube({a})"))


def test_a_written_form_that_writes_another_op_is_refused():
    with pytest.raises(OpError, match="written '\\{a\\}³' does not write the op itself"):
        register_op(cube(written="{a}³"))


def test_a_domain_whose_reason_the_forward_does_not_give_is_refused():
    def inverse(a: float) -> float:
        return 1 / a  # ZeroDivisionError: 'float division by zero', not the domain's reason

    record = cube(
        forward=inverse,
        partials=lambda a, out: (-out * out,),
        formulas=("−{out}²",),
        definition="1/{a}",
        domain=(("[{a} = 0]", "1/x is not defined at 0"),),
    )
    with pytest.raises(OpError, match="domain '1/x is not defined at 0' holds at a=0"):
        register_op(record)


def shifted_log(**changes) -> Op:
    """log(a − 5): defined only for a > 5, outside [−3, 3] where points are first drawn."""
    fields = dict(
        name="shifted_log",
        symbol="shifted_log",
        arity=1,
        forward=lambda a: math.log(a - 5),
        partials=lambda a, out: (1 / (a - 5),),
        formulas=("1/({a} − 5)",),
        definition="log({a} − 5)",
    )
    fields.update(changes)
    return Op(**fields)


def test_an_op_defined_only_far_from_0_is_checked_where_it_is_defined():
    with registered(shifted_log()) as op:
        assert check_op(op).ok
    with pytest.raises(OpError, match=r"formulas\[0\] .* at a=([5-9]|[1-9]\d)"):
        register_op(shifted_log(formulas=("1/({a} − 4)",)))  # wrong, and seen where defined


def test_a_span_says_where_to_check_an_op_defined_only_past_the_widest_search():
    record = shifted_log(
        forward=lambda a: math.log(a - 1000),
        partials=lambda a, out: (1 / (a - 1000),),
        formulas=("1/({a} − 1000)",),
        definition="log({a} − 1000)",
    )
    with pytest.raises(OpError, match=r"no point in \[-300, 300\] .* give span=\(low, high\)"):
        register_op(record)
    with registered(record, span=(1001, 1100)) as op:
        assert check_op(op, span=(1001, 1100)).ok
    with pytest.raises(OpError, match=r"formulas\[0\] .* at a=10\d\d"):
        register_op(record.replace(formulas=("1/({a} − 999)",)), span=(1001, 1100))
    found = check_op(record, span=(0, 1), raise_exception=False).problems
    assert found == ["no point in [0, 1] is in the op's domain; nothing could be checked"]
    for wrong in [(1, 0), (0, math.inf), 5, ("a", "b"), (1, 2, 3)]:
        with pytest.raises(OpError, match=r"span is .*\(low, high\)"):
            check_op(record, span=wrong)


def test_check_op_reports_the_same_problems_as_a_list():
    result = check_op(cube(formulas=("2·{a}",)), raise_exception=False)
    assert not result.ok and any("formulas[0]" in p for p in result.problems)
    assert "cube" not in OPS  # checking an unregistered record leaves the table as it was


def test_check_op_holds_a_formula_against_sympys_derivative_of_the_definition():
    # Right at every point check_op tries, wrong in general: only the exact check sees it.
    tricky = cube(formulas=("3·{a}² + [{a} > 100]",))
    assert check_op(tricky, raise_exception=False).ok  # comparisons are left to the numbers
    # 1e-13·a⁵ is within the numbers' tolerance at every point tried, but not the derivative.
    off = cube(formulas=("3·{a}² + 1e-13·{a}^5",))
    with pytest.raises(OpError, match=r"formulas\[0\] .* is not the derivative of the op: SymPy"):
        check_op(off)
    assert check_op(off, raise_exception=False).problems == [
        "formulas[0] '3·{a}² + 1e-13·{a}^5' is not the derivative of the op: SymPy finds 3*a**2"
    ]


# Registered, undone, and everywhere a built-in op is.


def test_unregister_takes_it_out_and_a_built_in_op_stays():
    register_op(SOFTPLUS)
    assert unregister_op("softplus") is SOFTPLUS
    assert "softplus" not in OPS
    with pytest.raises(OpError, match="no op 'softplus'"):
        unregister_op(SOFTPLUS)
    with pytest.raises(OpError, match="built in"):
        unregister_op("tanh")


def test_registered_leaves_an_op_that_was_there_before():
    register_op(SOFTPLUS)
    try:
        with registered(SOFTPLUS):
            pass
        assert OPS["softplus"] is SOFTPLUS
    finally:
        unregister_op(SOFTPLUS)


def test_a_registered_activation_is_an_nn_activation_by_name(softplus):
    from autograd_scalar import nn

    neuron = nn.Neuron(2, "softplus", seed=1)
    x = [Value(0.3, "x1"), Value(-0.7, "x2")]
    out = neuron(x)
    z = sum((w.data * xi.data for w, xi in zip(neuron.w, x)), neuron.b.data)
    assert out.data == pytest.approx(math.log1p(math.exp(z)), rel=1e-12)
    assert out.op is softplus
    with pytest.raises(ValueError, match="unknown activation 'softplus2'"):
        nn.Neuron(2, "softplus2")


def _logaddexp_slopes(a, b, out):
    # exp(a − out), for floats and Values alike
    if isinstance(a, Value) or isinstance(b, Value):
        return (a - out).exp(), (b - out).exp()
    return math.exp(a - out), math.exp(b - out)


OPLUS = Op(
    "logaddexp",
    "⊕",
    2,
    forward=lambda a, b: max(a, b) + math.log1p(math.exp(-abs(a - b))),
    partials=_logaddexp_slopes,
    formulas=("exp({a} − {out})", "exp({b} − {out})"),
    definition="log(exp({a}) + exp({b}))",
)


def test_a_two_input_op_with_a_symbol_is_written_and_read_between_its_inputs():
    with registered(OPLUS):
        x, y = Value(0.3, "x"), Value(-1.2, "y")
        s = apply(OPLUS, x, y).labelled("s")
        L = (s * s).labelled("L")
        truth = 2 * s.data * math.exp(0.3 - s.data)
        assert check_partial(L, x, "2·(x ⊕ y)·exp(x − s)").ok
        assert check_partial(L, x, "2·s·exp(x − (x ⊕ y))").claimed == pytest.approx(truth)
        unlabelled = (apply(OPLUS, x, y) * 3).labelled("M")
        assert str(explain(unlabelled, x)).splitlines()[0] == "∂M/∂x = 3·exp(x − x ⊕ y)"
        assert "⊕" in draw(L).source
    assert "logaddexp" not in OPS
