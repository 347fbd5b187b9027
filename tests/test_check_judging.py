"""check's judging of several partials, an equation and an update rule, on a graph built
here by hand, with no document: each against an oracle computed in plain floats."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Mapping

from autograd_scalar import Value
from autograd_scalar.check.elements import Element, check_elements
from autograd_scalar.check.identity import check_definition, check_identity
from autograd_scalar.check.network import Network
from autograd_scalar.check.rule import check_rule

VALUES = {"x": 0.7, "y": -1.3}


def build(values: Mapping[str, float]) -> Network:
    """z = x·y + x·x, and the loss ℓ = (z − 1)²."""
    x, y = Value(values["x"], "x"), Value(values["y"], "y")
    z = (x * y + x * x).labelled("z")
    loss = ((z - 1.0) * (z - 1.0)).labelled("ℓ")
    return Network.of(loss, ("x", "y"))


def loss_in_floats(x: float, y: float) -> float:
    return (x * y + x * x - 1.0) ** 2


def central(name: str, eps: float = 1e-6) -> float:
    """∂ℓ/∂name at VALUES, by central differences of the plain-float loss."""
    up, down = dict(VALUES), dict(VALUES)
    up[name] += eps
    down[name] -= eps
    return (loss_in_floats(**up) - loss_in_floats(**down)) / (2 * eps)


def test_three_right_partials_are_right_as_one_claim():
    elements = (
        Element("ℓ", "x", "2·(z − 1)·(y + 2·x)"),
        Element("ℓ", "y", "2·(z − 1)·x"),
        Element("ℓ", "x", "2·(x·y + x·x − 1)·(y + 2·x)"),
    )
    verdict = check_elements(build(VALUES).nodes, elements, points=10)
    assert verdict.ok
    assert math.isclose(verdict.computed, central("x"), rel_tol=1e-6)
    assert verdict.detail.startswith("3 elements agree")


def test_one_wrong_partial_of_three_makes_the_claim_wrong_and_gives_the_right_value():
    elements = (
        Element("ℓ", "x", "2·(z − 1)·(y + 2·x)"),
        Element("ℓ", "y", "2·(z − 1)·y", correct="2·(z − 1)·x"),  # y where x belongs
        Element("ℓ", "x", "2·(z − 1)·(y + 2·x)"),
    )
    verdict = check_elements(build(VALUES).nodes, elements, points=10)
    assert not verdict.ok
    assert verdict.claim == "2·(z − 1)·y"
    assert math.isclose(verdict.correct_value, central("y"), rel_tol=1e-6)
    assert "(1 of 3 elements wrong)" in verdict.detail
    assert "wrong at the values given" in verdict.detail
    assert verdict.correct.startswith("2·(z − 1)·x = ")


def test_a_definition_is_held_at_many_points():
    right = check_definition(build, VALUES, "z", "x·y + x·x", points=10)
    assert right.ok and right.points_checked == 11
    assert math.isclose(right.computed, 0.7 * -1.3 + 0.7 * 0.7)
    wrong = check_definition(build, VALUES, "z", "x·y + x", points=10, correct="x·(x + y)")
    assert not wrong.ok
    assert wrong.correct == f"x·(x + y) = {0.7 * -1.3 + 0.7 * 0.7:.6g}"


def test_an_identity_between_two_formulas():
    assert check_identity(build, VALUES, "x·(x + y)", "x·y + x·x", points=10).ok
    assert not check_identity(build, VALUES, "x·(x + y)", "x·y + y·y", points=10).ok


def test_descent_lowers_the_loss_and_ascent_does_not():
    down = check_rule(build, VALUES, -1.0, rate=0.05, steps=3, points=5)
    assert down.ok and down.points_checked == 6
    up = check_rule(build, VALUES, 1.0, rate=0.05, steps=3, points=5, correct=-1.0)
    assert not up.ok
    # The corrected rule, run by hand: three steps of p ← p − 0.05·∂ℓ/∂p.
    x, y = VALUES["x"], VALUES["y"]
    for _ in range(3):
        r = x * y + x * x - 1.0
        x, y = x - 0.05 * 2 * r * (y + 2 * x), y - 0.05 * 2 * r * x
    assert math.isclose(up.correct_value, loss_in_floats(x, y), rel_tol=1e-9)
    assert up.correct == "the same rule on the engine's gradient"


def test_the_judging_functions_load_no_document():
    code = (
        "import sys\n"
        "import autograd_scalar.check.elements, autograd_scalar.check.identity\n"
        "import autograd_scalar.check.rule, autograd_scalar.check.descent\n"
        "print(any(m.startswith('autograd_scalar.documents') for m in sys.modules))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "False"
