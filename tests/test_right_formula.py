"""The right formula: the chain rule's product simplified with SymPy, then checked.

Every parameter of the four documents' networks gets a formula that `check_partial`
accepts and that agrees with central differences of the network rebuilt at moved
values; the tap-and-knob formulas read as a person writes them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from autograd_scalar import Value, check_partial, documents
from autograd_scalar.check.partial import correct_formula
from autograd_scalar.documents.l_layer import DEEP_VALUES, build_deep
from autograd_scalar.formula import parse_formula, text
from autograd_scalar.formula.symbolic import EXTRA, simplify_paths, sympy_module

NETWORKS = [
    (name, documents.module(name).build, documents.module(name).VALUES)
    for name in documents.names()
] + [("two-layer (L layers)", build_deep, DEEP_VALUES)]


def central(build, values, wrt: str, eps: float = 1e-6) -> float:
    up, down = dict(values), dict(values)
    up[wrt] += eps
    down[wrt] -= eps
    return (build(up).root.data - build(down).root.data) / (2 * eps)


@pytest.mark.parametrize(("name", "build", "values"), NETWORKS, ids=[n[0] for n in NETWORKS])
def test_every_parameter_of_the_documents_gets_a_right_simplified_formula(name, build, values):
    net = build(values)
    moved = {k: x * 1.1 + 0.03 for k, x in values.items()}  # away from the recorded point
    again = build(moved)
    for parameter in net.parameters:
        formula = correct_formula(net.root, parameter)
        assert formula is not None, parameter
        said = parse_formula(str(formula), again.nodes)({k: n.data for k, n in again.nodes.items()})
        assert said == pytest.approx(central(build, moved, parameter), rel=1e-5, abs=1e-8)


@pytest.mark.parametrize(
    ("wrt", "written"),
    [
        ("W1", "(σ3 − y)·W5·σ1·(1 − σ1)·X1"),
        ("W4", "(σ3 − y)·W6·σ2·(1 − σ2)·X2"),
        ("W5", "(σ3 − y)·σ1"),
        ("b3", "σ3 − y"),
        ("X1", "(σ3 − y)·(W5·σ1·(1 − σ1)·W1 + W6·σ2·(1 − σ2)·W3)"),
    ],
)
def test_the_tap_and_knob_formulas_read_as_a_person_writes_them(wrt, written):
    net = documents.module("tap-and-knob").build()
    assert str(correct_formula(net.root, wrt)) == written


def test_sums_over_examples_keep_the_one_over_m_and_the_common_factors_outside():
    net = documents.module("two-layer").build()
    formula = str(correct_formula(net.root, "W1[1,1]"))
    assert formula.startswith("W2[1,1]·((A2[1](1) − Y(1))·(1 − A1[1](1)²)·X[1](1) + ")
    assert formula.endswith(")/4")
    relu = documents.module("relu-network").build()
    assert str(correct_formula(relu.root, "w1")) == (
        "(out_n9 − y)·out_n9·(1 − out_n9)·(w16·[net_n6 > 0]·w7 + w17·[net_n7 > 0]·w8"
        " + w18·[net_n8 > 0]·w9)·[net_n3 > 0]·x1"
    )


def test_a_minus_sign_goes_into_a_difference_that_reads_well():
    x, y = Value(0.3, "x"), Value(0.8, "y")
    e = (0.5 * (y - x.sigmoid().labelled("s")) ** 2).labelled("E")
    assert str(correct_formula(e, x)) == "(s − y)·s·(1 − s)"


def test_an_output_that_does_not_depend_on_the_input_has_the_formula_0():
    a, b = Value(1.0, "a"), Value(2.0, "b")
    out = (a * 3).labelled("out")
    assert str(correct_formula(out, a)) == "3"
    assert str(correct_formula(out, b)) == "0"  # b is not in out's graph at all
    assert str(correct_formula((out + 0 * b).labelled("o"), b)) == "0"


def test_long_decimal_constants_survive_simplification_exactly():
    x = Value(0.7, "x")
    out = (x * 0.123456789 * x).labelled("out")
    formula = correct_formula(out, x)
    assert str(formula) == "0.246913578·x"  # 2 × 0.123456789, to the last digit
    assert check_partial(out, x, str(formula), diagnose=False).ok


def test_a_float_that_is_a_simple_fraction_is_written_as_one():
    x = Value(0.7, "x")
    assert str(correct_formula((x * x * (1 / 3)).labelled("out"), x)) == "2·x/3"


def test_like_terms_of_several_ways_through_are_added():
    x = Value(0.7, "x")
    assert str(correct_formula((x * x).labelled("out"), x)) == "2·x"
    y = (x * x).labelled("y")
    written = str(correct_formula((y * x + y).labelled("o"), x))
    assert "x + x" not in written
    # o = x³ + x², so ∂o/∂x = 3x² + 2x, with y = x²
    assert parse_formula(written, ["x", "y"])({"x": 0.7, "y": 0.49}) == pytest.approx(2.87)


def test_a_registered_op_stays_an_opaque_function_in_the_formula():
    import math

    from autograd_scalar import Op, apply, registered, sigmoid

    record = Op(
        "softplus_rf",
        "softplus_rf",
        arity=1,
        forward=lambda a: math.log1p(math.exp(a)),
        partials=lambda a, out: (sigmoid(a),),
        formulas=("σ({a})",),
    )
    with registered(record) as softplus:
        z = Value(0.5, "z")
        h = (apply(softplus, z) * z).labelled("h")
        formula = correct_formula(h, z)
        assert formula is not None and "softplus_rf(z)" in str(formula)
        assert check_partial(h, z, str(formula), diagnose=False).ok


def test_the_simplifier_does_not_split_a_factor_that_cancels_nothing():
    one = parse_formula("1 − A²", ["A"]).expr
    two = parse_formula("X", ["X"]).expr
    assert text(simplify_paths([[one, two]])) == "(1 − A²)·X"


def test_without_sympy_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "sympy", None)  # `import sympy` now fails
    with pytest.raises(ImportError, match=r'pip install "autograd-scalar\[symbolic\]"'):
        sympy_module()
    x = Value(0.3, "x")
    out = (x * x).labelled("out")
    verdict = check_partial(out, x, "x")
    assert not verdict.ok and verdict.correct_formula is None
    assert EXTRA in str(verdict.diagnosis)
    assert verdict.diagnosis.kinds  # diagnoses need no SymPy


def test_importing_the_package_and_checking_a_right_claim_do_not_import_sympy():
    code = (
        "import sys\nimport autograd_scalar as a\n"
        "x = a.Value(0.3, 'x')\nout = (x * x).labelled('out')\n"
        "assert a.check_partial(out, x, '2·x').ok\n"
        "print('sympy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
