"""Regressions found by review: each test fails on the code before its fix."""

from __future__ import annotations

import json

import pytest

from autograd_scalar import Tape, Value, apply, check_partial, grad
from autograd_scalar.cli import main
from autograd_scalar.core.ops import RELU


def test_replay_runs_a_record_by_its_own_math_even_with_a_builtin_name():
    # A leaky relu that kept relu's name: the tape must not use relu's written-out code.
    leaky = RELU.replace(
        forward=lambda a: a if a > 0 else 0.1 * a,
        partials=lambda a, out: (1.0 if float(a) > 0 else 0.1,),
    )
    x = Value(-2.0, "x")
    y = apply(leaky, x).labelled("y")
    tape = Tape.record(y)
    assert tape.forward({"x": -3.0}) == pytest.approx(-0.3)
    tape.backward()
    assert tape.grad("x") == grad(y, x) == 0.1
    assert check_partial(y, x, 0.1).ok


def test_the_slope_of_x_to_the_power_0_is_0_even_at_0():
    x = Value(0.0, "x")
    assert grad(x**0, x) == 0.0
    first = grad(x**1, x, create_graph=True)
    assert grad(first, x) == 0.0


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_node_in_an_exponent_of_a_check_file_is_refused_with_a_way_out(tmp_path, capsys):
    network = write(
        tmp_path / "n.toml",
        'output = "w"\n[values]\nx = 2.0\n[equations]\nw = "2 ** x"\n'
        '[claims]\n"∂w/∂x" = "2**x * ln(2)"\n',
    )
    assert main(["check", network]) == 2
    err = capsys.readouterr().err
    assert "'w'" in err and "exp(b·log(a))" in err and err.count("\n") == 1


def test_a_class_s_answers_are_graded_one_by_one(tmp_path, capsys):
    network = write(
        tmp_path / "n.toml",
        'output = "L"\n[values]\nx = 2.0\nw = 0.5\n[equations]\nz = "w·x"\nL = "z²"\n'
        '[claims]\n"∂L/∂w" = {}\n"∂L/∂x" = {}\n"∂L/∂z" = {}\n',
    )
    answers = write(
        tmp_path / "a.toml",
        '[claims]\n"∂L/∂w" = "2·z·x"\n"∂L/∂x" = "2·z·w +"\n"∂L/∂q" = "1"\n"∂L/∂z" = "2·z"\n',
    )
    assert main(["check", network, "--answers", answers, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    claims = data["claims"]
    assert [c["verdict"] for c in claims] == ["right", "unreadable", "right"]
    assert "cannot be read" in claims[1]["diagnosis"][0] and data["not_questions"] == ["∂L/∂q"]


def test_render_leaves_the_edge_partials_to_the_picture_unless_asked(
    tmp_path, capsys, no_system_graphviz, documents_judged_once
):
    assert main(["render", "--document", "tap-and-knob", "-o", str(tmp_path / "t.svg")]) == 0
    assert main(["example", "tap-and-knob", "--svg", str(tmp_path / "e.svg")]) == 0
    capsys.readouterr()
    rendered, example = (tmp_path / "t.svg").read_text(), (tmp_path / "e.svg").read_text()
    assert rendered.count("∂") > 10 and rendered.count("∂") == example.count("∂")


def test_a_node_the_output_does_not_depend_on_has_partial_zero():
    a, b = Value(1.5, "a"), Value(2.0, "b")
    z = (a * 2).labelled("z")
    assert check_partial(z, b, 0).ok and check_partial(z, b, "0·a").ok
    verdict = check_partial(z, b, "a")
    assert not verdict.ok and verdict.computed == 0.0


def test_gradcheck_near_a_pole_blames_no_op_and_names_the_edge():
    from autograd_scalar import gradcheck

    result = gradcheck(lambda x: 2.0 / x, [Value(3e-7, "x")], raise_exception=False)
    assert not result.ok and result.culprit is None
    assert "div domain edge" in result.rows[0].hint
    kink = gradcheck(lambda x: (x * 3.0).relu(), [Value(0.0, "x")], raise_exception=False)
    assert "relu kink" in kink.rows[0].hint


def test_an_integer_just_below_2_to_the_1024_is_refused_as_too_large():
    with pytest.raises(ValueError, match="finite number"):
        Value(2**1024 - 1)


def test_writing_into_a_folder_that_does_not_exist_names_the_target(tmp_path):
    from autograd_scalar.files import write_atomically

    with pytest.raises(FileNotFoundError, match=r"cannot write .*x\.svg: the folder .*nowhere"):
        write_atomically(tmp_path / "nowhere" / "x.svg", "<svg/>")


def test_clear_words_for_a_few_mistakes():
    from autograd_scalar import FormulaError, GraphLookupError, draw, nn
    from autograd_scalar.formula import parse_formula

    with pytest.raises(FormulaError, match="nested too deeply"):
        parse_formula("(" * 150 + "x" + ")" * 150, ["x"])
    x = Value(0.5, "x")
    y = (x * x).labelled("y")
    with pytest.raises(GraphLookupError, match="asked for 'nope'"):
        check_partial(y, x, lambda v: v["nope"])
    y.backward()
    with pytest.raises(ValueError, match="not computed from several examples"):
        draw(y, view="equations", example=2)
    with pytest.raises(ValueError, match=r"got nan$"):
        nn.SGD([x], lr=float("nan"))


def test_a_check_file_names_a_label_that_the_output_does_not_depend_on(tmp_path, capsys):
    network = write(
        tmp_path / "n.toml",
        'output = "s1"\n[values]\nx = 0.5\nw = 1.5\n[equations]\n'
        's1 = "sigmoid(w·x)"\ns2 = "tanh(x)"\n[claims]\n"∂s1/∂w" = "s1·(1 − s1)·x + 0·s2"\n',
    )
    assert main(["check", network]) == 2
    assert "'s2' is in this file, but s1 does not depend on it" in capsys.readouterr().err
