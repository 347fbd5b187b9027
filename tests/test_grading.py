"""Grading a class: the worked example's sheets, marked as each was written to be marked.

`notebooks/grading/` holds a key for the tap-and-knob network and a dozen sheets, each
written with one kind of mistake students make. The expected statuses, diagnoses and
scores below come from how each sheet was written (and the key's partial credit: half
the points for a constant factor or for too few figures), not from the code's output.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd_scalar import FormulaError, check_partial, grade, labelled_nodes
from autograd_scalar.check.derivation import Target
from autograd_scalar.check.grading import Marker, Precision, Question, grade_sheet, read_key
from autograd_scalar.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "notebooks" / "grading"
KEY, SHEETS = EXAMPLE / "key.toml", EXAMPLE / "sheets"
QUESTIONS = ["σ3", "∂ℓ/∂σ3", "∂ℓ/∂Z3", "∂ℓ/∂W5", "∂ℓ/∂b3", "∂ℓ/∂W1", "∂ℓ/∂X1", "∂ℓ/∂b1"]
POINTS = [1, 1, 1, 1, 1, 2, 2, 1]
R, U, X = "right", "unanswered", "unreadable"  # and a kind of diagnosis for a wrong answer

# Each sheet: its score, then each question's status, or for a wrong answer the kind of
# mistake its diagnosis must name ("none" when no usual mistake explains it).
EXPECTED = {
    "Ada": (10, [R, R, R, R, R, R, R, R]),
    "Bruno": (1, [R, "sign", "sign", "sign", "sign", "sign", "sign", "sign"]),
    "Chen": (
        2,
        [
            R,
            R,
            "missing factor",
            "missing factor",
            "derivative",
            "missing factor",
            "missing factor",
            "missing factor",
        ],
    ),
    "Dara": (7, [R, R, "factor", "factor", "factor", "factor", R, "factor"]),
    "Emil": (8, [R, R, R, R, R, R, "paths", R]),
    "Farah": (7, [R, R, R, "derivative", R, "derivative", R, R]),
    "Gus": (2, [R, U, R, U, U, U, U, U]),
    "Hana": (7, [R, R, R, X, R, X, R, R]),
    "Ivan": (7.5, ["precision", R, "none", R, "precision", R, R, "precision"]),
    "Jade": (8, [R, X, R, X, R, R, R, R]),
    "kofi": (0, [X] * 8),
    "Lena": (8, [R, "none", R, R, R, R, R, "sign"]),
}


@pytest.fixture(scope="session")
def key():
    """The worked example's key, read once: its right formulas are made once (read only)."""
    return read_key(KEY)


@pytest.fixture(scope="session")
def graded(key):
    """The worked example's class, graded once (read only)."""
    return grade(key, SHEETS)


def test_every_sheet_is_marked_as_it_was_written(graded):
    assert [s.name for s in graded.students] == sorted(EXPECTED, key=str.casefold)
    for student in graded.students:
        score, wanted = EXPECTED[student.name]
        assert [g.question for g in student.questions] == QUESTIONS
        found = [
            g.status if g.status != "wrong" else g.kinds or ("none",) for g in student.questions
        ]
        for question, got, want in zip(QUESTIONS, found, wanted, strict=True):
            if want in (R, U, X):
                assert got == want, (student.name, question, got)
            else:
                assert want in got, (student.name, question, got)
        assert student.score == score, student.name
        assert student.max_score == sum(POINTS)


def test_each_question_counts_its_statuses_and_its_common_mistakes(graded):
    for i, question in enumerate(graded.questions):
        statuses = [EXPECTED[s.name][1][i] for s in graded.students]
        assert question.right == statuses.count(R)
        assert question.unanswered == statuses.count(U)
        assert question.unreadable == statuses.count(X)
        assert (
            question.wrong
            == len(statuses) - question.right - question.unanswered - question.unreadable
        )
        assert question.max_points == POINTS[i]
    b1 = graded.questions[QUESTIONS.index("∂ℓ/∂b1")]
    assert b1.diagnoses[0] == ("the sign is flipped", 2)  # Bruno and Lena
    x1 = graded.questions[QUESTIONS.index("∂ℓ/∂X1")]
    assert ("only some paths are summed", 1) in x1.diagnoses
    assert x1.examples["only some paths are summed"] == (("path 1 of 2", 1),)


def test_an_unreadable_answer_says_why(graded):
    hana = next(s for s in graded.students if s.name == "Hana")
    w5, w1 = hana.questions[3], hana.questions[5]
    assert w5.answer == "(σ3 − y))·σ1" and w5.diagnosis == (
        "cannot be read: this formula does not parse here (at character 9)",
    )
    assert "'X' is no node label" in w1.diagnosis[0]
    jade = next(s for s in graded.students if s.name == "Jade")
    assert jade.questions[1].diagnosis == (
        "cannot be read: the question is written ∂ℓ/∂σ3, not dℓ/dσ3",
    )
    kofi = next(s for s in graded.students if s.name == "kofi")
    assert kofi.unread.startswith("not valid TOML")
    assert all(
        g.diagnosis[0].startswith("cannot be read: the whole sheet: not valid TOML")
        for g in kofi.questions
    )


def test_a_number_is_shown_as_written_and_held_to_the_keys_figures(graded):
    ivan = next(s for s in graded.students if s.name == "Ivan")
    σ3 = ivan.questions[0]
    assert (σ3.answer, σ3.points) == ("0.5", 0.5)
    assert σ3.diagnosis == (
        "right to the 1 significant figure it shows, but the key asks for at least 3",
    )


@pytest.mark.parametrize(
    ("precision", "written", "truth", "ok"),
    [
        (Precision(significant=3), "0.0727", 0.07271, True),
        (Precision(significant=3), "7.27e-2", 0.07271, True),
        (Precision(significant=3), "0.1", 0.0727, False),  # issue 19: 0.1 was right
        (Precision(significant=3), "0.07", 0.0727, False),
        (Precision(significant=3), "0.0728", 0.07271, False),  # 4 figures, off in the third
        (Precision(significant=3), "-0.20", -0.2004, False),  # two figures, though close
        (Precision(significant=3), "100", 100.4, True),
        (Precision(significant=3), "0", 0.0, True),
        (Precision(significant=3), "1", 1.0000000000002, True),  # a whole number: exactly
        (Precision(significant=3), "1", 1.0004, False),
        (Precision(decimals=2), "0.07", 0.0727, True),
        (Precision(decimals=2), "0.1", 0.0727, False),
        (Precision(decimals=2), "0.080", 0.0727, False),
        (Precision(rtol=1e-2), "0.073", 0.0727, True),
        (Precision(rtol=1e-2), "0.075", 0.0727, False),
        (Precision(atol=0.01), "0.08", 0.0727, True),
        (Precision(), "0.0025", 0.002468, True),  # as shown: check's rule
        (Precision(), "0.0025", 0.00242, False),
    ],
)
def test_a_number_is_held_to_the_precision_the_key_asks(precision, written, truth, ok):
    assert precision.hold(written, truth).ok is ok


def test_precision_settings_are_checked_with_one_line(tmp_path):
    text = KEY.read_text(encoding="utf-8")
    network = text[text.index("[values]") : text.index("[claims]")]
    bad = {
        "significant = 0": "significant is between 1 and 15, got 0",
        "significant = 3\ndecimals = 2": "give significant or decimals, not both",
        "rtol = 0": "rtol and atol cannot both be 0",
        "partial_credit = { sing = 0.5 }": "partial_credit for 'sing': the kinds are sign, factor",
        "partial_credit = { sign = 2 }": "partial_credit sign is a fraction from 0 to 1, got 2",
        "bonus = 1": "unknown setting 'bonus'",
    }
    for setting, message in bad.items():
        path = tmp_path / "key.toml"
        path.write_text(
            f'[grading]\n{setting}\n{network}[claims]\n"∂ℓ/∂W5" = {{}}\n', encoding="utf-8"
        )
        with pytest.raises(ValueError, match="key.toml: \\[grading\\]: ") as caught:
            read_key(path)
        assert message in str(caught.value), setting


def test_a_key_whose_own_answer_is_wrong_is_refused_in_one_line(capsys, tmp_path):
    text = KEY.read_text(encoding="utf-8").replace(
        '"∂ℓ/∂W5" = "(σ3 − y)·σ1"', '"∂ℓ/∂W5" = "(σ3 − y)·σ2"'
    )
    key = tmp_path / "key.toml"
    key.write_text(text, encoding="utf-8")
    status = main(["grade", str(key), str(SHEETS / "ada.toml")])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.strip() == (
        f"autograd-scalar: error: {key}: [claims] '∂ℓ/∂W5': the key's own answer '(σ3 − y)·σ2' is "
        "wrong (computed -0.281302; a different derivative was taken: ∂ℓ/∂W6 instead of ∂ℓ/∂W5); "
        "correct the key, or leave its answer out"
    )


def test_json_has_exactly_the_names_scripts_read(graded):
    data = json.loads(json.dumps(graded.as_dict()))
    assert list(data) == ["key", "max_score", "students", "questions"]
    assert data["max_score"] == 10
    student = data["students"][0]
    assert list(student) == ["name", "file", "score", "max_score", "questions"]
    assert list(student["questions"][0]) == [
        "question",
        "points",
        "max_points",
        "status",
        "answer",
        "computed",
        "diagnosis",
        "correct_formula",
    ]
    assert list(data["questions"][0]) == [
        "question",
        "max_points",
        "right",
        "wrong",
        "unanswered",
        "unreadable",
        "diagnoses",
    ]
    statuses = {q["status"] for s in data["students"] for q in s["questions"]}
    assert statuses == {"right", "wrong", "unanswered", "unreadable"}
    bruno = next(s for s in data["students"] if s["name"] == "Bruno")
    w5 = bruno["questions"][3]
    assert (w5["answer"], w5["correct_formula"]) == ("(y − σ3)·σ1", "(σ3 − y)·σ1")
    assert all(
        list(d) == ["diagnosis", "count", "examples"]
        for q in data["questions"]
        for d in q["diagnoses"]
    )


def test_csv_has_a_row_per_student_and_a_column_per_question(graded):
    rows = list(csv.reader(io.StringIO(graded.csv_text())))
    assert rows[0] == ["name", "file", *QUESTIONS, "score", "max_score"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name.keys() == EXPECTED.keys()
    assert by_name["Dara"][2:] == ["1", "1", "0.5", "0.5", "0.5", "1", "2", "0.5", "7", "10"]


def test_a_sheet_that_answers_one_question_of_ten_does_not_pass(capsys, tmp_path):
    sheet = tmp_path / "one.toml"
    sheet.write_text('[claims]\n"∂ℓ/∂W5" = "(σ3 − y)·σ1"\n', encoding="utf-8")
    status = main(["check", str(KEY), "--answers", str(sheet)])
    out = capsys.readouterr().out
    assert status == 1
    assert (
        out.splitlines()[-1]
        == "8 questions: 1 right, 0 wrong, 7 unanswered, 0 unreadable; score 1/10"
    )
    assert "· ∂ℓ/∂W1: no answer" in out.splitlines()


@pytest.mark.parametrize("answer", ["0.1", "0.07", "0.5"])
def test_a_number_with_too_few_figures_is_not_right_in_check(answer, capsys, tmp_path):
    sheet = tmp_path / "few.toml"
    sheet.write_text(f'[claims]\n"σ3" = {answer}\n', encoding="utf-8")
    assert main(["check", str(KEY), "--answers", str(sheet), "--json"]) == 1
    record = json.loads(capsys.readouterr().out)["claims"][0]
    assert record["verdict"] == "wrong" and record["claim"] == f"σ3 = {answer}"


def test_the_class_goes_on_past_sheets_that_cannot_be_read(capsys, tmp_path):
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "ada.toml").write_bytes((SHEETS / "ada.toml").read_bytes())
    (sheets / "deep.toml").write_text("[claims]\nw" + ".a" * 1_500 + " = 1\n", encoding="utf-8")
    (sheets / "huge.toml").write_bytes(b"# " + b"x" * 1_000_000 + b"\n")
    many = "\n".join(f'"∂ℓ/∂W{i}" = "1"' for i in range(40))
    (sheets / "many.toml").write_text(f"[claims]\n{many}\n", encoding="utf-8")
    (sheets / "values.toml").write_text("[values]\nW5 = 1\n[claims]\n", encoding="utf-8")
    (sheets / "odd.toml").write_text('name = 3\n[claims]\n"σ3" = { a = 1 }\n', encoding="utf-8")
    (sheets / "table.toml").write_text('[claims]\n"σ3" = { a = 1 }\n', encoding="utf-8")
    status = main(["grade", str(KEY), str(sheets), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    by_file = {Path(s["file"]).name: s for s in data["students"]}
    assert by_file["ada.toml"]["score"] == 10
    why = {
        name: s["questions"][0]["diagnosis"][0] for name, s in by_file.items() if name != "ada.toml"
    }
    assert "nested too deeply" in why["deep.toml"]
    assert (
        "holds more than 1,000,000 bytes; a sheet for 8 questions is at most that"
        in why["huge.toml"]
    )
    assert (
        "holds more than 26 entries (key = value); a sheet for 8 questions holds"
        in why["many.toml"]
    )
    assert "unknown key 'values'" in why["values.toml"]
    assert 'name is text in quotes: name = "Ada Lovelace"' in why["odd.toml"]
    table = by_file["table.toml"]["questions"]
    assert table[0]["status"] == "unreadable" and table[1]["status"] == "unanswered"
    assert "a number or a formula in quotes, not a table" in table[0]["diagnosis"][0]


def test_same_key_and_sheets_give_the_same_bytes_whatever_the_order_and_processes(graded, key):
    files = sorted(SHEETS.glob("*.toml"), reverse=True)
    again = grade(key, [str(f) for f in files], processes=2)
    assert json.dumps(again.as_dict()) == json.dumps(graded.as_dict())
    assert again.csv_text() == graded.csv_text()
    assert again.html() == graded.html()
    assert again.feedback() == graded.feedback()
    assert str(again) == str(graded)


def test_a_folder_and_its_files_are_graded_once_and_the_key_is_not_a_sheet(tmp_path):
    (tmp_path / "key.toml").write_bytes(KEY.read_bytes())
    (tmp_path / "ada.toml").write_bytes((SHEETS / "ada.toml").read_bytes())
    (tmp_path / ".ada.toml").write_bytes(b"not toml")  # an editor's hidden copy
    result = grade(
        tmp_path / "key.toml", [tmp_path, tmp_path / "ada.toml", str(tmp_path) + "/./ada.toml"]
    )
    assert [s.file for s in result.students] == [str(tmp_path / "ada.toml")]


def test_the_progress_bar_is_shown_only_when_asked(capsys):
    grade(KEY, SHEETS / "ada.toml", progress=True)
    assert "sheet" in capsys.readouterr().err
    grade(KEY, SHEETS / "ada.toml")
    assert capsys.readouterr().err == ""


def test_a_notebook_shows_the_class_as_html(graded):
    shown = graded._repr_html_()
    assert shown.startswith('<div class="autograd-grades">') and "the sign is flipped" in shown
    assert "Bruno" in shown and "<script" not in shown


LABELS = ["σ3", "y", "σ1", "σ2", "W5", "W6", "X1", "W1", "Z3", "1", "2", "0.5"]
formulas = st.recursive(
    st.sampled_from(LABELS),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from([" + ", " − ", "·", "/", "*"]), inner).map(
            lambda t: f"({t[0]}{t[1]}{t[2]})"
        ),
        st.tuples(st.sampled_from(["ln", "sigmoid", "exp", "sqrt", "−"]), inner).map(
            lambda t: f"{t[0]}({t[1]})"
        ),
    ),
    max_leaves=8,
)


DATA = ("X1", "X2", "y")  # the exercise's data, held fixed by a key that says so
RIGHT = {
    "∂ℓ/∂W5": "(σ3 − y)·σ1",
    "∂ℓ/∂W1": "(σ3 − y)·W5·σ1·(1 − σ1)·X1",
    "∂σ3/∂Z3": "σ3·(1 − σ3)",
    "∂ℓ/∂X1": "(σ3 − y)·(W5·σ1·(1 − σ1)·W1 + W6·σ2·(1 − σ2)·W3)",
}
near = st.tuples(
    st.sampled_from(["{} + {}", "({})·(1 + {})", "{} + {}·σ1", "{} − {}·W5·W5"]),
    st.sampled_from(["1e-12", "1e-9", "3e-7", "1e-6", "1e-5", "1e-3"]),
)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), question=st.sampled_from(sorted(RIGHT)), fixed=st.sampled_from([(), DATA]))
def test_an_answer_is_judged_as_check_partial_judges_it(data, question, fixed, key):
    # Grading replays each graph once for the class; check_partial replays it per claim.
    # Answers near the right one find any difference in the points or the tolerance.
    marker = Marker(key.derivation.nodes, {}, fixed)
    shape, eps = data.draw(near)
    formula = data.draw(st.one_of(formulas, st.just(shape.format(RIGHT[question], eps))))
    assume(re.search("[σyWXZ]", formula))  # arithmetic on numbers alone is held as a number
    graded = marker.mark(_question(key, question), formula)
    of, wrt = (key.derivation.nodes[x] for x in question[1:].split("/∂"))
    moved = [n for n in labelled_nodes(of).values() if n.op is None and n.label not in fixed]
    try:
        verdict = check_partial(of, wrt, formula, diagnose=False, vary=moved)
    except FormulaError:
        assert graded.status == "unreadable"
        return
    assert graded.status == verdict.verdict, (formula, graded.line, verdict)
    assert graded.computed == verdict.computed and graded.points_checked == verdict.points_checked
    if math.isfinite(verdict.claimed):
        assert graded.claimed == verdict.claimed


def _question(key, name):
    found = key.question(name)
    if found is not None:
        return found
    of, wrt = (key.derivation.nodes[x] for x in name[1:].split("/∂"))
    return Question(name, Target(of, wrt))


def test_the_readme_shows_the_key_whole():
    readme = (EXAMPLE.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Grade a class", 1)[1]
    shown = section.split("```toml\n", 1)[1].split("```", 1)[0]
    assert shown == KEY.read_text(encoding="utf-8")


def test_a_sheet_too_long_to_read_is_unreadable_and_the_class_goes_on(tmp_path):
    leaves = "".join(f"x{i} = {i / 1000}\n" for i in range(600))
    (tmp_path / "key.toml").write_text(
        f'[values]\n{leaves}[equations]\ny = "x0·x1"\n[claims]\n"∂y/∂x0" = {{}}\n', encoding="utf-8"
    )
    long = "".join(f'"∂y/∂x{i}" = "x1' + " + 0" * 2_200 + '"\n' for i in range(12))
    (tmp_path / "long.toml").write_text(f"[claims]\n{long}", encoding="utf-8")
    (tmp_path / "short.toml").write_text('[claims]\n"∂y/∂x0" = "x1"\n', encoding="utf-8")
    result = grade(tmp_path / "key.toml", [tmp_path / "long.toml", tmp_path / "short.toml"])
    long_sheet, short_sheet = result.students
    assert (
        "holds too many characters of formulas to read over the key's 601 labels"
        in long_sheet.unread
    )
    assert short_sheet.score == 1


def test_a_key_may_hold_its_data_fixed_so_an_answer_may_use_their_numbers(tmp_path):
    text = KEY.read_text(encoding="utf-8").replace(
        "[grading]\n", '[grading]\nfixed = ["X1", "X2", "y"]\n', 1
    )
    (tmp_path / "key.toml").write_text(text, encoding="utf-8")
    key = read_key(tmp_path / "key.toml")
    marker = Marker.of(key)
    # With y = 1 held, σ3 − 1 is ∂ℓ/∂Z3 everywhere; with y moved (the example's key) it is not.
    assert marker.mark(key.question("∂ℓ/∂Z3"), "σ3 − 1").status == "right"
    assert Marker.of(read_key(KEY)).mark(key.question("∂ℓ/∂Z3"), "σ3 − 1").status == "wrong"
    w1 = marker.mark(key.question("∂ℓ/∂W1"), "(σ3 − 1)·W5·σ1·(1 − σ1)·0.6")
    assert w1.status == "right"
    sign = marker.mark(key.question("∂ℓ/∂W1"), "(1 − σ3)·W5·σ1·(1 − σ1)·0.6")
    assert sign.kinds == ("sign",)
    for setting, message in (('"y"', "a list of leaves' labels"), ('["Z1"]', "'Z1' is no leaf")):
        (tmp_path / "bad.toml").write_text(
            text.replace('["X1", "X2", "y"]', setting), encoding="utf-8"
        )
        with pytest.raises(ValueError, match=f"\\[grading\\] fixed.*{message}"):
            read_key(tmp_path / "bad.toml")


def test_a_question_written_with_d_is_unreadable_unless_also_written_with_the_partial_sign(
    key, tmp_path
):
    sheet = tmp_path / "d.toml"
    sheet.write_text(
        '[claims]\n"dℓ/dW5" = "(σ3 − y)·σ1"\n"dℓ/dZ3" = "σ3 − y"\n"∂ℓ/∂Z3" = "σ3 − y"\n',
        encoding="utf-8",
    )
    student = grade_sheet(sheet, key, Marker.of(key))
    by_question = {g.question: g for g in student.questions}
    assert by_question["∂ℓ/∂W5"].status == "unreadable"
    assert by_question["∂ℓ/∂Z3"].status == "right" and student.extra == ("dℓ/dZ3",)


def test_a_key_that_says_nothing_demands_three_significant_figures(tmp_path):
    text = KEY.read_text(encoding="utf-8")
    plain = text[: text.index("[grading]")] + text[text.index("[values]") :]
    (tmp_path / "key.toml").write_text(plain, encoding="utf-8")
    key = read_key(tmp_path / "key.toml")
    marker = Marker.of(key)
    σ3 = key.question("σ3")  # 0.5082…
    assert [marker.mark(σ3, x).status for x in ("0.508", "0.5082", "0.51", "0.5")] == [
        "right",
        "right",
        "wrong",
        "wrong",
    ]


def test_every_kind_a_diagnosis_names_can_earn_credit_and_mistakes_together_earn_the_least():
    from autograd_scalar.check.findings import KINDS
    from autograd_scalar.check.grading.judge import _credit
    from autograd_scalar.check.grading.key import CREDIT_KINDS

    assert set(KINDS) - {"combined"} <= set(CREDIT_KINDS)

    class Asked:
        credit = {"kept power": 0.5, "inner derivative": 0.25}

    assert _credit(Asked, "kept power") == 0.5
    assert _credit(Asked, "kept power+inner derivative") == 0.25
    assert _credit(Asked, "kept power+sign") == 0.0


X1 = "(W5·σ1·(1 − σ1)·W1 + W6·σ2·(1 − σ2)·W3)"  # ∂Z3/∂X1, the two paths through the layer
X1_MISTAKES = {
    "sign": f"(y − σ3)·{X1}",
    "twice": f"2·(σ3 − y)·{X1}",
    "thrice": f"3·(σ3 − y)·{X1}",
    "half": f"0.5·(σ3 − y)·{X1}",
    "four": f"4·(σ3 − y)·{X1}",
    "one_path": "(σ3 − y)·W5·σ1·(1 − σ1)·W1",
    "sigma": f"σ3·(1 − σ3)·{X1}",  # ∂σ3/∂X1: a derivative taken, and a factor missing
    "here": f"(σ3 − 1)·{X1}",  # right at y = 1 only
    "lost": "W1·W3 + σ2",
}


def write_sheets(folder: Path, answers: dict[str, dict[str, str | float]]) -> Path:
    folder.mkdir()
    for name, claims in answers.items():
        lines = [
            f"{json.dumps(q, ensure_ascii=False)} = {json.dumps(a, ensure_ascii=False)}"
            for q, a in claims.items()
        ]
        (folder / f"{name}.toml").write_text("[claims]\n" + "\n".join(lines) + "\n", "utf-8")
    return folder


def test_the_summary_counts_a_kind_of_mistake_once_with_its_details(key, tmp_path):
    answers: dict[str, dict[str, str | float]] = {
        name: {"∂ℓ/∂X1": formula} for name, formula in X1_MISTAKES.items()
    }
    answers["sign"]["∂ℓ/∂b3"] = "y − σ3"
    answers["twice"]["∂ℓ/∂b3"] = 0.492  # a flipped sign too, seen at the one point
    result = grade(key, write_sheets(tmp_path / "class", answers))
    b3, x1 = result.questions[4], result.questions[6]
    assert b3.diagnoses == (("the sign is flipped", 2),)
    assert x1.diagnoses[0] == ("off by a constant factor", 4)
    assert x1.examples["off by a constant factor"] == (
        ("1/2 ×", 1),
        ("2 ×", 1),
        ("3 ×", 1),
        ("4 ×", 1),
    )
    kinds = dict(x1.diagnoses)
    assert kinds["a factor of the chain is missing"] == 1
    assert x1.examples["a factor of the chain is missing"] == (("∂ℓ/∂σ3", 1),)
    assert kinds["right at the recorded values only"] == 1
    assert kinds["none of the usual mistakes explains it"] == 1
    assert len(x1.diagnoses) == 7  # sign, factor, paths, derivative, missing, here, none
    lines = result.lines()
    at = lines.index("∂ℓ/∂X1 (2 points): 0 right, 9 wrong, 0 unanswered, 0 unreadable")
    assert lines[at + 1] == "    off by a constant factor: 4 (1/2 ×: 1, 2 ×: 1, 3 ×: 1, and 1 more)"
    assert lines[at + 6] == "    and 2 more kinds of mistake"
    page = result.html()
    assert "(1/2 ×: 1, 2 ×: 1, 3 ×: 1, and 1 more)" in page
    assert "none of the usual mistakes explains it" in page  # the page lists 8 kinds
    written = result.as_dict()["questions"][6]["diagnoses"][0]
    assert written == {
        "diagnosis": "off by a constant factor",
        "count": 4,
        "examples": [{"example": f"{f} ×", "count": 1} for f in ("1/2", "2", "3", "4")],
    }


def test_an_answer_right_at_the_sheets_values_only_says_where_it_is_wrong(key, tmp_path):
    result = grade(key, write_sheets(tmp_path / "class", {"here": {"∂ℓ/∂Z3": "σ3 − 1"}}))
    z3 = result.students[0].questions[2]
    assert z3.status == "wrong"
    said = z3.diagnosis[0]
    assert said.startswith("right at the recorded values only: wrong at ") and "y=" in said
    assert said.endswith("a formula must hold wherever the values move")
    assert result.questions[2].diagnoses == (("right at the recorded values only", 1),)
    markdown = result.feedback()["here.md"]
    assert "right at the recorded values only: wrong at " in markdown
    assert html.escape(said) in result.feedback()["here.html"]
    assert said in result.as_dict()["students"][0]["questions"][2]["diagnosis"]
    output = result.gradescope()["tests"][2]["output"].splitlines()
    assert output[:2] == ["wrong: your answer σ3 − 1", said]


@pytest.mark.parametrize(
    ("answer", "status", "said"),
    [
        ("0.5082 - 1", "right", ()),  # shows 4 figures, as -0.4918 does
        ("1 − 0.508·1", "wrong", ("the sign is flipped: the claim is −∂ℓ/∂b3",)),
        ("0.51 − 1", "wrong", ("right to the 2 significant figures it shows",)),
    ],
)
def test_a_number_written_as_arithmetic_is_held_as_a_number(key, answer, status, said):
    graded = Marker.of(key).mark(key.questions[4], answer)
    assert (graded.status, graded.answer) == (status, answer)
    assert [line[: len(s)] for line, s in zip(graded.diagnosis, said)] == list(said)


def test_every_answer_not_right_carries_the_right_formula_the_json_gives(graded):
    data = graded.as_dict()
    for student, written in zip(graded.students, data["students"]):
        for g, entry in zip(student.questions, written["questions"]):
            assert g.correct_formula == entry["correct_formula"]
            assert (g.correct_formula is None) == (g.status == "right")
    bruno = next(s for s in graded.students if s.name == "Bruno")
    assert bruno.questions[3].correct_formula == "(σ3 − y)·σ1"


@pytest.mark.parametrize(
    ("question", "answer"), [(0, 0.6), (0, "σ3 + 1"), (4, "0.1"), (2, "W1·W3 + σ2")]
)
def test_a_wrong_answer_always_has_a_diagnosis(key, question, answer):
    graded = Marker.of(key).mark(key.questions[question], answer)
    assert graded.status == "wrong" and graded.diagnosis and graded.counted_as
    assert graded.diagnosis[-1].startswith(("not diagnosed", "none of the usual", "off by"))


def test_a_sheet_of_thousands_of_digits_is_unreadable_in_one_line_and_the_class_goes_on(
    key, tmp_path
):
    # Line-ending backslashes join lines of a string past the bound on a line's length:
    # `\d+\.?\d*` took an hour over 300,000 digits; the budget refuses the sheet unread.
    joined = "\\\n".join(["1" * 5_000] * 6) + "x"
    (tmp_path / "joined.toml").write_text(f'[claims]\n"σ3" = """{joined}"""\n', encoding="utf-8")
    line = "1" * 9_000 + "x"  # within the budget: that answer alone is unreadable
    (tmp_path / "line.toml").write_text(f'[claims]\n"σ3" = "{line}"\n', encoding="utf-8")
    (tmp_path / "ada.toml").write_bytes((SHEETS / "ada.toml").read_bytes())
    result = grade(key, [tmp_path / name for name in ("joined.toml", "line.toml", "ada.toml")])
    by_file = {Path(s.file).name: s for s in result.students}
    assert by_file["ada.toml"].score == 10
    joined_sheet = by_file["joined.toml"]
    assert joined_sheet.unread.startswith(
        "30,001 characters of formulas in [claims] are too much to evaluate at the 102 points"
    )
    assert "\n" not in joined_sheet.unread and len(joined_sheet.unread) < 300
    assert {q.status for q in joined_sheet.questions} == {X}
    line_sheet = by_file["line.toml"]
    assert line_sheet.unread == "" and line_sheet.questions[0].status == X
    assert line_sheet.questions[0].diagnosis == (
        "cannot be read: an answer of 9,001 characters; the limit is 2,000",
    )
