"""Every statement of the documents judged once, no firmer than its reading: the words
about mathematics, other readings beside the literal one, a right column that is right,
figures that say which chosen values they come from, and documents a reader can find."""

import math
import re
from pathlib import Path

import pytest

from autograd_scalar.documents import DOCUMENTS, errors_table, names, perceptron, tap_and_knob, text
from autograd_scalar.documents.claims import Element, Variant
from autograd_scalar.documents.judging import check_claim
from autograd_scalar.documents.result import claim_record

README = Path(__file__).resolve().parent.parent / "README.md"

# Statements judged here that a line-by-line reading finds, with the verdict a careful
# referee gives each (computed by the code; these are the expectations).
STATEMENTS = {
    "tap-and-knob": [
        (22, "the values of the parameters", "right"),
        (44, "When the difference between the desired output", "right"),
        (89, "The node for the neural network has two components", "right"),
        (89, "The sum component (Z1) is just a linear combination", "wrong"),
        (120, "This expression is also referred to as binary cross entropy", "right"),
        (120, "we are ready to solve it using the chain rule of differential equations", "wrong"),
        (124, "let’s derive the same thing using the chain rule of derivatives", "right"),
        (128, "The above equation for chain rule is fairly simple", "wrong"),
        (142, "This second component of the step function", "wrong"),
        (160, "The chain rule for the red knob", "right"),
    ],
    "perceptron": [
        (23, "Weights — represent the strength of the connection", "right"),
        (35, "Bias — also known as the offset", "right"),
        (49, "Backpropagation … refers to the algorithm", "right"),
        (53, "MSE_i = (y_i − ŷ_i)²", "right"),
    ],
    "relu-network": [
        (25, "the node n3 receives two inputs", "right"),
        (25, "It finds its total net input and applies an activation function", "right"),
        (41, "the output of the nodes in the hidden layer 1", "right"),
        (55, "the nodes in the output layer", "right"),
        (78, "since we have only one output", "right"),
        (139, "To update the weights and biases in the hidden layers", "right"),
    ],
    "two-layer": [
        (3, "it is built on the unit of logistic regression classifiers", "wrong"),
        (5, "there are three types of layers", "right"),
        (5, "Each layer is built based on the same structure", "wrong"),
    ],
}


def at(result, line, start):
    (found,) = [
        v
        for v in result.verdicts
        if v.statement.line == line and v.statement.says.startswith(start)
    ]
    return found


@pytest.mark.parametrize("name", list(STATEMENTS))
def test_the_statements_about_the_mathematics_are_judged(results, name):
    for line, start, verdict in STATEMENTS[name]:
        assert at(results[name], line, start).verdict == verdict, (line, start)


def test_the_chain_rule_by_simple_division_drops_paths(results):
    """Line 128: cancelling the ∂'s as fractions makes one chain the partial of any leaf;
    X1 has two paths to ℓ, and one chain gives one of them (plain floats)."""
    v = tap_and_knob.VALUES
    s1 = 1 / (1 + math.exp(-(v["W1"] * v["X1"] + v["W2"] * v["X2"] + v["b1"])))
    s2 = 1 / (1 + math.exp(-(v["W3"] * v["X1"] + v["W4"] * v["X2"] + v["b2"])))
    s3 = 1 / (1 + math.exp(-(v["W5"] * s1 + v["W6"] * s2 + v["b3"])))
    through_1 = (s3 - v["y"]) * v["W5"] * s1 * (1 - s1) * v["W1"]
    through_2 = (s3 - v["y"]) * v["W6"] * s2 * (1 - s2) * v["W3"]
    verdict = at(results["tap-and-knob"], 128, "The above equation")
    assert verdict.correct_value == pytest.approx((through_1, through_1 + through_2), rel=1e-9)
    (here,) = verdict.others  # of W5's own chain alone, the division gives the right answer
    assert here.ok and "one path to W5" in here.computed


def test_the_sigmoid_is_no_step_function(results):
    """A step function is flat between its jumps; the sigmoid's slope σ(1 − σ) is above 0
    everywhere (plain floats) and at most 1/4."""
    slopes = [(1 / (1 + math.exp(-z))) * (1 - 1 / (1 + math.exp(-z))) for z in (-3, -0.5, 0, 2)]
    assert all(0 < s <= 0.25 for s in slopes)
    verdict = at(results["tap-and-knob"], 142, "This second component")
    assert verdict.verdict == "wrong" and 0 < verdict.correct_value <= 0.25  # its least slope
    assert [o.verdict for o in verdict.others] == ["right"]  # 'step' as the chain's steps


# --- other readings beside the literal one ------------------------------------------------


def test_a_verdict_that_depends_on_the_reading_shows_the_other_in_the_table_and_json(results):
    chain = at(results["perceptron"], 63, "∂C/∂w_i")
    assert chain.verdict == "wrong" and [o.verdict for o in chain.others] == ["right"]
    assert "vectors of line 73" in chain.others[0].reading
    closer = at(results["relu-network"], 82, "backpropagation")
    assert closer.verdict == "wrong" and [o.verdict for o in closer.others] == ["right"]
    assert "line 72" in closer.others[0].reading
    for verdict in (chain, closer):
        record = claim_record(verdict)
        assert [o["verdict"] for o in record["other_readings"]] == ["right"]
    table = errors_table(results.values())
    row = next(r for r in table.splitlines() if r.startswith("| relu-network | 82 |"))
    assert row.endswith(
        "| right: the names line 72 gives (ŷ the ideal output, y the actual "
        "output), which lines 14 and 72 are judged wrong for |"
    )
    # A claim that is right literally but wrong on another reading is in the table too.
    assert any(
        r.startswith("| tap-and-knob | 93 |") and "| right |" in r for r in table.splitlines()
    )


# --- nothing wrong under "right" ------------------------------------------------------------


def test_line_73s_right_column_is_the_derivative_not_the_documents_expression(results):
    verdict = at(results["perceptron"], 73, "Hence")
    assert "the square stays" not in verdict.correct and "Σ (y_i − ŷ_i)²" not in verdict.correct
    v = perceptron.VALUES
    ŷ1 = 1 / (1 + math.exp(-(sum(v[f"x{j}_1"] * v[f"w{j}"] for j in (1, 2, 3)) + v["b"])))
    assert verdict.correct_value == pytest.approx(-2 / 4 * (v["y_1"] - ŷ1), rel=1e-12)


@pytest.mark.parametrize("name", list(STATEMENTS))
def test_no_right_column_gives_the_claim_itself(results, name):
    """What is printed as right is never the document's own wrong claim."""
    for verdict in results[name].verdicts:
        stated = verdict.statement.stated
        if verdict.ok or not isinstance(stated, str):
            continue
        right = verdict.correct.split(" = ")[0]
        assert right != stated and right != verdict.statement.says, verdict.statement.line


@pytest.mark.parametrize("line, parameter", [(118, "w17"), (120, "w18")])
def test_an_update_line_with_a_wrong_gradient_is_put_right_with_the_right_gradient(
    results, line, parameter
):
    """relu-network lines 118/120 print a wrong gradient inside right arithmetic: the
    right column puts the gradient right, never the sum of the wrong one alone."""
    from autograd_scalar.documents import relu_network

    # The oracle: a central difference of the network's E, and one step of 0.01 on it.
    def error(shift):
        values = dict(relu_network.VALUES, **{parameter: relu_network.VALUES[parameter] + shift})
        return relu_network.build(values).root.data

    slope = (error(1e-6) - error(-1e-6)) / 2e-6
    old = relu_network.VALUES[parameter]
    (verdict,) = [v for v in results["relu-network"].verdicts if v.statement.line == line]
    arithmetic = verdict.parts[-1]
    assert arithmetic.statement.kind == "arithmetic" and not arithmetic.ok
    right = arithmetic.correct.split(", its inputs computed")[0]
    expression, result = right.rsplit(" = ", 1)
    assert expression == f"{old:g} − 0.01·{slope:.4f}"
    assert float(result) == pytest.approx(old - 0.01 * slope, abs=1e-6)
    assert arithmetic.correct_value == pytest.approx(old - 0.01 * slope, abs=1e-6)
    assert right in verdict.correct  # and the statement's right column says the same


def test_a_layer_with_its_weight_and_bias_is_judged_whose_they_are(results):
    """Two-layer lines 32–33: "X …, with its weight W1 and bias b1" says whose W1 and b1
    are; by line 66 (Z[l] = W[l]A[l−1] + b[l]) W1 makes the hidden layer, W2 the output."""
    line32 = at(results["two-layer"], 32, "Input layer")
    shape, owner = line32.parts
    assert shape.ok and owner.verdict == "wrong" and line32.verdict == "wrong"
    assert "hidden layer" in owner.correct
    (loose,) = owner.others  # read as the weights on the input's connections, it holds
    assert loose.ok and "input layer" in loose.reading
    line33 = at(results["two-layer"], 33, "Output layer")
    assert line33.ok and len(line33.parts) == 2 and not line33.parts[1].others


def test_each_node_with_a_bias_is_read_both_ways_and_the_tally_says_so(results):
    """relu-network line 14: the computing nodes n3–n9 have a bias each; counted with the
    inputs (n1, n2, as the numbering implies) they do not, and the tally counts it."""
    line14 = at(results["relu-network"], 14, "each node is associated")
    assert line14.ok and [o.verdict for o in line14.others] == ["wrong"]
    relu = results["relu-network"]
    lines = sorted(v.statement.line for v in relu.turn_on_reading)
    assert 14 in lines and 82 in lines
    assert relu.tally().endswith(f"; {len(lines)} of them turn on the reading")
    for result in results.values():  # a claim whose readings all agree does not count
        for verdict in result.verdicts:
            if verdict.others and not verdict.parts:
                agree = all(o.verdict == verdict.verdict for o in verdict.others)
                assert (verdict in result.turn_on_reading) != agree


def test_every_run_says_which_slopes_it_took(results):
    """A training run or an update rule's run says whose slopes it followed: the engine's
    gradient or the document's own formulas (the procedure as written)."""
    whose = ("the engine's gradient", "the formulas of lines 97 and 101", "the post's")
    runs = 0
    for result in results.values():
        for verdict in _every_verdict(result.verdicts):
            if verdict.statement.kind in ("training", "rule"):
                assert any(w in verdict.detail for w in whose), verdict.statement
                runs += 1
    assert runs >= 20


# --- where a figure comes from --------------------------------------------------------------


def test_a_figure_from_a_chosen_value_says_so(results):
    table = errors_table(results.values())
    row = next(r for r in table.splitlines() if r.startswith("| tap-and-knob | 30 |"))
    assert (
        "(right value: 0.00999559, ℓ after 100 steps of 0.5, α and the number of steps chosen here)"
    ) in row
    shown = text(results["tap-and-knob"])
    assert (
        "right value: 0.00999559 (ℓ after 100 steps of 0.5, α and the number of steps chosen here)"
        in shown
    )
    record = claim_record(at(results["tap-and-knob"], 30, "W_i"), results["tap-and-knob"])
    assert record["correct_value_from"].startswith("ℓ after 100 steps of 0.5")
    # The relu-network's values are the post's own: its right values carry no such note.
    relu = next(r for r in table.splitlines() if r.startswith("| relu-network | 155 |"))
    assert "(right value: 0.0300821)" in relu


def _every_verdict(verdicts):
    for verdict in verdicts:
        yield verdict
        yield from _every_verdict(verdict.parts)
        yield from _every_verdict(verdict.others)


@pytest.mark.parametrize("name", names())
def test_a_right_value_said_to_come_from_the_values_moves_with_them(results, name):
    """A measured fact's right value says where it comes from, and says it truly: one said
    to be computed at the values changes when they move (a fraction: relu' taking 0 and 1
    need not); one that says nothing (a count of shapes) does not."""
    from autograd_scalar.documents.claims import AT_VALUES

    module = DOCUMENTS[name]
    said, silent = 0, 0
    for verdict in _every_verdict(results[name].verdicts):
        claim = verdict.statement
        if claim.kind not in ("structure", "role", "meaning") or claim.together:
            continue
        if verdict.correct_value is None or claim.measure is None:
            continue
        at = claim.network or Variant("own", module.build, module.VALUES)
        moved = {label: x + 0.03 * (1 + abs(x)) for label, x in at.values.items()}
        here, there = claim.measure(at.build, at.values), claim.measure(at.build, moved)
        assert here.value == verdict.correct_value, claim
        numbers = here.value if isinstance(here.value, tuple) else (here.value,)
        if verdict.value_from.endswith(AT_VALUES) and not all(x == int(x) for x in numbers):
            assert there.value != here.value, f"line {claim.line}: said to come from the values"
            said += 1
        elif not verdict.value_from:
            assert there.value == here.value, f"line {claim.line}: comes from the values, unsaid"
            silent += 1
    assert said + silent  # every document has measured facts with a right value


# --- a document a reader can find -----------------------------------------------------------


def test_each_document_is_cited_by_title_and_author_and_site_where_named(results):
    tap = results["tap-and-knob"]
    assert str(tap.citation) == (
        "“Math of Deep Learning Neural Networks – Simplified (Part 2)”, by "
        "Roopam Upadhyay, a blog post on ucanalytics.com"
    )
    assert "author and site not named in the text" in str(results["perceptron"].citation)
    readme = README.read_text(encoding="utf-8")
    for name, result in results.items():
        head = text(result).splitlines()
        assert head[0] == f"{name}: {result.citation}"
        assert result.citation.lines_in in head[1] and result.citation.lines_in not in head[0]
        row = next(r for r in readme.splitlines() if r.startswith(f"| `{name}` |"))
        assert f"| {result.citation.markdown()} |" in row
        assert not re.search(r"\d{3}_[0-9a-f]+\.txt", row)  # the file is where lines are read


# --- a diagnosis says for which elements it holds -------------------------------------------


def test_a_diagnosis_says_when_it_holds_for_one_element_only():
    """∂C/∂ŷ_1 with its sign flipped, ∂C/∂ŷ_2 off by an odd amount: the flipped sign holds
    for the first only, and the verdict says so."""
    claim = next(c for c in perceptron.CLAIMS if c.line == 75)
    mixed = (
        Element("C", "ŷ_1", "2/4·(y_1 − ŷ_1)"),
        Element("C", "ŷ_2", "−2/4·(y_2 − ŷ_2) + 0.37·w1"),
    )
    from dataclasses import replace

    from autograd_scalar.documents.claims import Variant

    own = Variant("the document's network", perceptron.build, perceptron.VALUES)
    verdict = check_claim(replace(claim, elements=mixed, others=()), own)
    assert "sign" in verdict.diagnosis.kinds
    assert verdict.diagnosis.note.endswith("it holds for ∂C/∂ŷ_1 only, not for ∂C/∂ŷ_2")
