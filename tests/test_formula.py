"""The formula reader: a document's typography accepted, everything unsafe refused."""

from __future__ import annotations

import math
import unicodedata

import pytest

from autograd_scalar import FormulaError
from autograd_scalar.formula import parse_formula

LABELS = ["σ1", "σ3", "y", "W5", "X1", "ŷ", "n", "s1", "yhat", "layers.0.w.1"]
VALUES = {
    "σ1": 0.6,
    "σ3": 0.7,
    "y": 1.0,
    "W5": -2.0,
    "X1": 3.0,
    "ŷ": 0.25,
    "n": 4.0,
    "s1": 0.6,
    "yhat": 0.25,
    "layers.0.w.1": 1.5,
}


def value(text: str) -> float:
    return parse_formula(text, LABELS)(VALUES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(s3 - y) * s1".replace("s3", "σ3"), (0.7 - 1.0) * 0.6),
        ("s1*(1 - s1)", 0.6 * (1 - 0.6)),
        ("2/n * (y - yhat)", 2 / 4.0 * (1.0 - 0.25)),
        ("(σ3 − y)·W5·(σ1 − 1)·σ1·X1", (0.7 - 1.0) * -2.0 * (0.6 - 1) * 0.6 * 3.0),
        ("σ1 × (1 − σ1)", 0.6 * (1 - 0.6)),
        ("σ1² + X1³", 0.6**2 + 3.0**3),
        ("−σ1²", -(0.6**2)),
        ("X1^2 / 2", 3.0**2 / 2),
        ("2 ** -1 * ŷ", 0.5 * 0.25),
        ("exp(-X1) + log(n) + ln(n) + sqrt(n) + abs(W5)", math.exp(-3) + 2 * math.log(4) + 2 + 2),
        ("sigmoid(0) + σ(0) + relu(W5) + ReLU(X1) + tanh(0)", 0.5 + 0.5 + 0.0 + 3.0 + 0.0),
        ("layers.0.w.1 * 2", 3.0),
        ("1e-4 * +X1", 3e-4),
    ],
)
def test_formulas_as_documents_write_them(text, expected):
    assert value(text) == pytest.approx(expected, rel=1e-12)


def test_a_label_matches_whichever_way_its_accent_was_typed():
    combining = "y\u0302"  # y followed by a combining circumflex
    assert unicodedata.normalize("NFC", combining) == "ŷ"
    assert parse_formula(f"2*{combining}", ["ŷ"])({"ŷ": 0.25}) == 0.5
    assert parse_formula("2*ŷ", [combining])({combining: 0.25}) == 0.5


def test_the_formula_knows_the_labels_it_uses():
    assert parse_formula("(σ3 − y)·σ1", LABELS).names == {"σ3", "y", "σ1"}


def refusal(text: str) -> FormulaError:
    with pytest.raises(FormulaError) as caught:
        parse_formula(text, LABELS)
    return caught.value


def test_an_import_is_refused_at_the_function_name():
    error = refusal("__import__('os')")
    assert "unknown function '__import__'" in str(error)
    assert (error.start, error.end) == (0, len("__import__"))


def test_attribute_access_is_refused_at_the_dot():
    error = refusal("().__class__")
    assert "attribute" in str(error)
    assert error.start == 2
    assert "^" in str(error)


def test_calling_open_is_refused():
    assert "unknown function 'open'" in str(refusal("open('x')"))


def test_a_hundred_kilobyte_formula_is_refused_by_its_length():
    error = refusal("σ1+" * 33_333 + "σ1")
    assert "the limit is 2,000" in str(error)


def test_an_unknown_name_is_refused_with_a_suggestion():
    error = refusal("(σ3 − y)·σ2")
    assert "'σ2' is no node label" in str(error)
    assert "σ1" in str(error)  # the nearest labels are suggested
    assert (error.start, error.end) == (9, 11)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("lambda: 1", "no node label"),
        ("[x for x in y]", "no node label"),
        ("σ3[0]", "subscripts"),
        ("exp(σ1, σ3)", "1 argument"),
        ("abs(x=1)", "no node label"),
        ("σ1 == 1", "unexpected '='"),
        ("()", "empty parentheses"),
        ("2σ1", "operator is missing"),
        ("σ1(σ3)", "operator is missing"),
        ("exp", "is a function"),
        ("σ1 +", "ends with an operator"),
        ("", "empty"),
        ("σ1 if y else n", "no node label"),
        ("'σ1'", "strings"),
    ],
)
def test_anything_else_is_refused_with_its_reason(text, says):
    assert says in str(refusal(text))


def test_a_label_shared_by_several_nodes_is_refused_as_ambiguous():
    with pytest.raises(FormulaError, match="several nodes"):
        parse_formula("2*h", ["x"], ambiguous=["h"])


def test_evaluation_outside_the_domain_raises_instead_of_returning_nan():
    with pytest.raises(ValueError):
        parse_formula("log(W5)", LABELS)(VALUES)
    with pytest.raises(ZeroDivisionError):
        parse_formula("1/(y - 1)", LABELS)(VALUES)
    with pytest.raises(ValueError):
        parse_formula("W5 ** 0.5", LABELS)(VALUES)  # never a complex number


def test_a_long_sum_is_evaluated_without_recursion():
    text = "+".join(["n"] * 1000)  # 1,999 characters, a tree 1,000 deep
    assert parse_formula(text, LABELS)(VALUES) == 4000.0


def test_a_number_too_large_for_a_float_is_refused_with_a_formula_error():
    for text in ("9" * 400, "1e999"):
        with pytest.raises(FormulaError, match="too large"):
            parse_formula(text, [])
