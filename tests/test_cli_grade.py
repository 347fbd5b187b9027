"""`autograd-scalar grade`: as a teacher runs it, and as a hostile class would try it.

Exit status 0 when every sheet was graded (whatever the scores), 2 when the key or the
command line cannot be used. Every text a student wrote (a name, a file name, an
answer) reaches a terminal, a spreadsheet, a page or a Markdown file as text only.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_grading import KEY, SHEETS

from autograd_scalar.cli import main

EXAMPLE = KEY.parent

HOSTILE_NAME = '=HYPERLINK("x")\x1b[2J<script>window.pwned=1</script>\u202eevil'
HOSTILE_ANSWERS = {
    "σ3": '<img src=x onerror="window.pwned=1">',
    "∂ℓ/∂Z3": "`](javascript:alert(1)) <b>*bold*</b> $\\\\input{/etc/passwd}$",
    "∂ℓ/∂W5": "__import__('os').system('touch pwned')",
    "∂ℓ/∂W1": "open('/etc/passwd').read()",
}


def run(capsys, *argv):
    status = main(["grade", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="session")
def class_run(tmp_path_factory):
    """The worked example graded once by the command, as text with every file written,
    and once as JSON: {"status", "out", "err", "json", "folder"} (read only)."""
    folder = tmp_path_factory.mktemp("class_run")
    outputs = {}
    for name, extra in (
        (
            "text",
            [
                "--csv",
                folder / "g.csv",
                "--html",
                folder / "class.html",
                "--feedback",
                folder / "fb",
            ],
        ),
        ("json", ["--json"]),
    ):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["grade", str(KEY), str(SHEETS), *map(str, extra)])
        outputs[name] = (status, out.getvalue(), err.getvalue())
    status, out, err = outputs["text"]
    return {
        "status": status,
        "out": out,
        "err": err,
        "folder": folder,
        "json": json.loads(outputs["json"][1]),
        "json_status": outputs["json"][0],
    }


def write_hostile_class(tmp_path: Path) -> Path:
    """A folder with Ada's sheet and a hostile one, whose file name is hostile too."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ada.toml").write_bytes((SHEETS / "ada.toml").read_bytes())
    claims = "\n".join(
        f"{json.dumps(q, ensure_ascii=False)} = {json.dumps(a, ensure_ascii=False)}"
        for q, a in HOSTILE_ANSWERS.items()
    )
    sheet = folder / "<b>x<i>&.toml"
    sheet.write_text(f"name = {json.dumps(HOSTILE_NAME)}\n[claims]\n{claims}\n", encoding="utf-8")
    return folder


@pytest.fixture
def hostile_class(tmp_path):
    return write_hostile_class(tmp_path)


def test_a_line_per_student_then_the_class(class_run):
    assert class_run["status"] == 0
    lines = class_run["out"].splitlines()
    assert re.fullmatch(r"Ada +10/10", lines[0]) and re.fullmatch(r"Dara +7/10", lines[3])
    kofi = next(line for line in lines if line.startswith("kofi"))
    assert "not read: not valid TOML" in kofi
    assert (
        "12 sheets, 11 read; scores out of 10: mean 5.62, median 7, lowest 0, highest 10" in lines
    )
    assert "∂ℓ/∂b1 (1 point): 5 right, 5 wrong, 1 unanswered, 1 unreadable" in lines
    at = lines.index("∂ℓ/∂b1 (1 point): 5 right, 5 wrong, 1 unanswered, 1 unreadable")
    assert lines[at + 1] == "    the sign is flipped: 2"


def test_files_are_written_and_named_on_stderr(class_run):
    tmp_path = class_run["folder"]
    assert class_run["json_status"] == 0 and class_run["json"]["max_score"] == 10
    assert class_run["err"].splitlines() == [
        f"grades written to {tmp_path / 'g.csv'}",
        f"the class's page written to {tmp_path / 'class.html'}",
        f"feedback for 12 students written to {tmp_path / 'fb'} (24 files, HTML and Markdown)",
    ]
    with open(tmp_path / "g.csv", newline="", encoding="utf-8") as file:
        assert len(list(csv.DictReader(file))) == 12
    names = sorted(p.name for p in (tmp_path / "fb").iterdir())
    stems = sorted(p.stem for p in SHEETS.glob("*.toml"))
    assert names == sorted([f"{s}.html" for s in stems] + [f"{s}.md" for s in stems])


def test_each_feedback_page_holds_its_own_sheet_and_nothing_of_others(class_run):
    from test_grading import EXPECTED

    tmp_path, result = class_run["folder"] / "fb", class_run["json"]
    written = {
        Path(s["file"]).stem: [q["answer"] for q in s["questions"] if q["answer"]]
        for s in result["students"]
    }
    wrong = {
        Path(s["file"]).stem: {
            q["answer"] for q in s["questions"] if q["answer"] and q["status"] != "right"
        }
        for s in result["students"]
    }
    for stem, own in written.items():
        for suffix in (".html", ".md"):
            page = (tmp_path / f"{stem}{suffix}").read_text(encoding="utf-8")
            shown = html.unescape(page) if suffix == ".html" else page.replace("\\", "")
            assert all(answer in shown for answer in own), (stem, suffix)
            # Another student's wrong answer never shows (a right one may: it is the key's).
            others = set().union(*(w for s, w in wrong.items() if s != stem)) - set(own)
            assert [a for a in others if f"`{a}`" in shown or f">{a}<" in shown] == []
            names = [n for n in EXPECTED if n.casefold() != stem]
            assert [n for n in names if n in shown] == [], (stem, suffix)


def test_gradescope_results_for_one_sheet(capsys, tmp_path):
    results = tmp_path / "results.json"
    status, _, _ = run(capsys, KEY, SHEETS / "dara.toml", "--gradescope", results)
    data = json.loads(results.read_text(encoding="utf-8"))
    assert status == 0 and data["score"] == 7
    assert [t["name"] for t in data["tests"]][:3] == ["σ3", "∂ℓ/∂σ3", "∂ℓ/∂Z3"]
    z3 = data["tests"][2]
    assert (z3["score"], z3["max_score"]) == (0.5, 1)
    assert z3["output"].splitlines() == [
        "wrong: your answer 2·(σ3 − y)",
        "off by a constant factor: the claim is 2 × ∂ℓ/∂Z3",
        "the value here: -0.49179",
        "right: ∂ℓ/∂Z3 = σ3 − y",
    ]
    status, _, err = run(capsys, KEY, SHEETS, "--gradescope", results)
    assert status == 2 and "--gradescope grades one sheet; 12 were given" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.toml", "x.toml"], "missing.toml: cannot be read"),
        ([SHEETS / "ada.toml", SHEETS / "bruno.toml"], "ada.toml: unknown key 'name'"),
        ([KEY, SHEETS / "ada.toml", "typo.toml"], "typo.toml: no such file or folder"),
        ([KEY, SHEETS, "-j", "0"], "--processes takes a whole number >= 1, got 0"),
        (
            [KEY, SHEETS, "--html", "/no/such/folder/x.html"],
            "the folder /no/such/folder does not exist",
        ),
        (
            [KEY, EXAMPLE.parent / "figures"],
            "no sheets: give .toml files, or folders that hold them",
        ),
    ],
)
def test_what_cannot_be_used_is_one_line_and_exit_2(argv, message, capsys):
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "") and len(err.strip().splitlines()) == 1 and message in err


def test_no_progress_bar_in_a_pipe_and_json_stays_json(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "autograd_scalar",
            "grade",
            str(KEY),
            str(SHEETS / "ada.toml"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["students"][0]["score"] == 10


def test_a_progress_bar_on_a_terminal_and_none_with_json_there(tmp_path):
    """On a terminal the class run shows tqdm's bar (on stderr); with --json, none."""
    import fcntl
    import pty
    import struct
    import termios

    def on_a_terminal(*more):
        leader, follower = pty.openpty()
        # A terminal 100 columns wide: a new one has none, and tqdm would fit its bar in 0.
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        with subprocess.Popen(
            [sys.executable, "-m", "autograd_scalar", "grade", str(KEY), str(SHEETS), *more],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
        ) as child:
            os.close(follower)
            seen = b""
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the terminal closes as the child ends
                    break
                if not chunk:
                    break
                seen += chunk
            child.wait(timeout=120)
        os.close(leader)
        return child.returncode, seen.decode("utf-8", "replace")

    status, shown = on_a_terminal()
    assert status == 0 and re.search(r"\d+/\d+ \[[^\]]*sheet/s\]", shown), shown[-400:]
    status, shown = on_a_terminal("--json")
    assert status == 0 and "sheet/s" not in shown and json.loads(shown)["students"]


def test_hostile_text_stays_text_in_every_output(hostile_class, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(
        capsys, KEY, hostile_class, "--csv", "g.csv", "--html", "class.html", "--feedback", "fb"
    )
    assert status == 0 and not (tmp_path / "pwned").exists()
    assert "\x1b" not in out and "\\x1b[2J" in out  # the terminal gets the escape, not the code
    rows = list(csv.reader(open("g.csv", encoding="utf-8", newline="")))
    hostile_row = next(r for r in rows if "script" in r[0])
    assert hostile_row[0].startswith("'=HYPERLINK")  # a spreadsheet shows it as text
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row[:2])
    pages = [Path("class.html").read_text(encoding="utf-8")]
    pages += [p.read_text(encoding="utf-8") for p in Path("fb").glob("*.html")]
    for page in pages:
        assert "<script" not in page and "<img" not in page and "<b>x" not in page
        assert 'onerror="window' not in page
    report = pages[0]
    assert html.escape(HOSTILE_ANSWERS["σ3"]) in report
    assert f"<bdi>{html.escape(HOSTILE_NAME)}</bdi>" in report  # its U+202E reorders nothing else
    assert html.escape("<b>x<i>&.toml") in report
    markdown = Path("fb/b_x_i.md").read_text(encoding="utf-8")
    assert "<script" not in markdown.replace("\\<script", "")
    assert "](javascript" not in markdown.replace("`](javascript", "")


def test_a_pipe_given_as_a_sheet_is_unreadable_not_waited_for(capsys, tmp_path):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    status, out, _ = run(capsys, KEY, fifo, SHEETS / "ada.toml", "--json")
    students = {Path(s["file"]).name: s for s in json.loads(out)["students"]}
    assert status == 0 and students["ada.toml"]["score"] == 10
    assert students["fifo.toml"]["questions"][0]["diagnosis"] == [
        "cannot be read: the whole sheet: is not a regular file (a pipe)"
    ]


def test_a_file_name_that_is_not_utf8_is_shown_with_escapes(capsys, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.toml")
    with open(odd, "wb") as file:
        file.write((SHEETS / "ada.toml").read_bytes())
    status, out, _ = run(capsys, KEY, folder, "--json")
    assert status == 0
    data = json.loads(out)  # as check --json writes it: \udce9, read back to that name
    assert os.fsencode(data["students"][0]["file"]) == odd and "caf\\udce9.toml" in out
    out.encode("utf-8")  # no lone surrogate in what was printed


@pytest.mark.parametrize("handed_in", ["missing.toml", "empty_folder"])
def test_gradescope_gets_results_when_no_answers_were_handed_in(handed_in, capsys, tmp_path):
    (tmp_path / "empty_folder").mkdir()
    results = tmp_path / "results.json"
    status, _, err = run(capsys, KEY, tmp_path / handed_in, "--gradescope", results)
    data = json.loads(results.read_text(encoding="utf-8"))
    assert status == 0 and data["score"] == 0 and len(data["tests"]) == 8
    assert f"no answers file: {tmp_path / handed_in}" in data["output"]
    assert all(t["score"] == 0 for t in data["tests"])
    assert "no answers file" in err


def test_gradescope_leaves_the_key_out_of_a_folder_that_holds_it(capsys, tmp_path):
    """On Gradescope the key may sit beside the submission: it is not a sheet."""
    folder = tmp_path / "submission"
    folder.mkdir()
    key = folder / "key.toml"
    key.write_bytes(KEY.read_bytes())
    results = tmp_path / "results.json"
    status, _, err = run(capsys, key, folder, "--gradescope", results)  # the key alone
    data = json.loads(results.read_text(encoding="utf-8"))
    assert status == 0 and data["score"] == 0 and "holds no .toml file" in data["output"]
    (folder / "ada.toml").write_bytes((SHEETS / "ada.toml").read_bytes())
    status, _, err = run(capsys, key, folder, "--gradescope", results)  # the key and a sheet
    assert status == 0 and json.loads(results.read_text(encoding="utf-8"))["score"] == 10, err


def test_without_sympy_a_question_shows_the_keys_own_formula(monkeypatch):
    from dataclasses import replace

    from autograd_scalar.check.grading import Marker, judge, read_key

    def no_sympy(*_):
        raise ImportError("no SymPy")

    monkeypatch.setattr(judge, "correct_formula", no_sympy)
    key = read_key(KEY)
    marker = Marker(key.derivation.nodes, {}, key.fixed)  # right formulas of its own
    w5, b3 = key.questions[3], key.questions[4]
    assert marker.right_formula(w5) is not None
    assert marker.right_formula(w5).text == "(σ3 − y)·σ1"  # the key wrote it
    assert marker.right_formula(b3) is None  # the key gave a number: no formula
    assert "needs SymPy" in marker.notes[b3.name]
    as_arithmetic = replace(b3, answer="0.5082 - 1")  # a number still, written as arithmetic
    fresh = Marker(key.derivation.nodes, {}, key.fixed)  # right formulas are kept by name
    assert fresh.mark(as_arithmetic, as_arithmetic.answer).status == "right"
    assert fresh.right_formula(as_arithmetic) is None


def test_check_answers_counts_unanswered_apart_from_wrong_in_text_and_json(capsys, tmp_path):
    sheet = tmp_path / "one.toml"
    sheet.write_text('[claims]\n"∂ℓ/∂Z3" = "σ3 − y"\n', encoding="utf-8")
    status = main(["check", str(KEY), "--answers", str(sheet)])
    out, _ = capsys.readouterr()
    assert status == 1
    assert out.splitlines()[-1] == (
        "8 questions: 1 right, 0 wrong, 7 unanswered, 0 unreadable; score 1/10"
    )
    main(["check", str(KEY), "--answers", str(sheet), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert (data["wrong"], data["unanswered"], data["unreadable"]) == (0, 7, 0)
    key = tmp_path / "key.toml"
    key.write_text(
        'output = "E"\n[values]\nx = 2.0\n[equations]\nE = "x^2"\n[claims]\n"∂E/∂x" = "2*x"\n'
    )
    main(["check", str(key), "--answers", str(sheet)])
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 question: 0 right")


def test_messages_count_in_the_singular(capsys, tmp_path):
    status, _, err = run(capsys, KEY, SHEETS / "ada.toml", "--feedback", tmp_path / "fb")
    assert status == 0 and f"feedback for 1 student written to {tmp_path / 'fb'}" in err
    key = tmp_path / "key.toml"
    text = KEY.read_text(encoding="utf-8")
    key.write_text(text.replace('"∂ℓ/∂Z3" = "σ3 − y"', '"∂ℓ/∂Z3" = ""'), encoding="utf-8")
    status, _, err = run(capsys, key, SHEETS / "ada.toml")
    assert status == 2 and "[claims] '∂ℓ/∂Z3': the key's own answer is empty (\"\");" in err
    assert "None" not in err


def test_a_question_written_with_an_ascii_look_alike_gets_a_hint(capsys, tmp_path):
    sheet = tmp_path / "ascii.toml"
    sheet.write_text('[claims]\n"∂l/∂W5" = "(σ3 − y)·σ1"\n"dl/dsigma3" = "x"\n', "utf-8")
    status, out, _ = run(capsys, KEY, sheet, "--json")
    questions = json.loads(out)["students"][0]["questions"]
    w5, σ3 = questions[3], questions[1]
    assert status == 0 and (w5["status"], σ3["status"]) == ("unreadable", "unreadable")
    assert "did you mean ∂ℓ/∂W5?" in w5["diagnosis"][0]
    assert "did you mean ∂ℓ/∂σ3?" in σ3["diagnosis"][0]


@pytest.mark.parametrize("command", ["check", "grade"])
def test_every_file_name_in_a_message_is_quoted_on_one_line(command, capsys, tmp_path):
    for name, said in [("no\nsuch.toml", "no\\nsuch.toml'"), ("\x1b[2Jx.toml", "\\x1b[2Jx.toml'")]:
        path = str(tmp_path / name)
        argv = [command, path] if command == "check" else [command, str(KEY), path]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and "\x1b" not in err, err
        assert f"'{tmp_path}" in err and said in err, err


def test_a_sheet_that_cannot_be_used_by_check_is_named_quoted(capsys, tmp_path):
    sheet = tmp_path / "a\nb.toml"
    sheet.write_text("[claims\n", encoding="utf-8")
    assert main(["check", str(KEY), "--answers", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "a\\nb.toml" in err


@pytest.mark.parametrize(
    "option, target, what",
    [
        ("--gradescope", "key.toml", "the key"),
        ("--csv", "ada.toml", "a sheet"),
        ("--html", "link.toml", "the key"),
        ("--csv", "./sheets/../ada.toml", "a sheet"),
    ],
)
def test_an_output_that_is_an_input_is_refused_before_anything_is_graded(
    option, target, what, capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    Path("key.toml").write_bytes(KEY.read_bytes())
    Path("ada.toml").write_bytes((EXAMPLE / "sheets" / "ada.toml").read_bytes())
    Path("sheets").mkdir()
    Path("link.toml").symlink_to("key.toml")
    before = {p: p.read_bytes() for p in (Path("key.toml"), Path("ada.toml"))}
    status, out, err = run(capsys, "key.toml", "ada.toml", option, target)
    assert (status, out) == (2, "") and len(err.splitlines()) == 1
    assert f"{option} {target} is {what} (" in err and "would overwrite it" in err
    assert {p: p.read_bytes() for p in before} == before
