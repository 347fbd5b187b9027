"""Feedback for each student: one page (HTML, self-contained) and one Markdown file.

Each holds the student's own sheet and nothing of anyone else's: per question, the
answer as written, the verdict, the points and the diagnosis; where the key shows
answers (`show_answers`, the default), the engine's value and the right formula, typeset
(LaTeX in the Markdown file, which GitHub and Jupyter show as math). File names come
from the sheets' file names, made safe for any file system, and made unique.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..diagnose import markdown_words
from .html import escape, formula_html, page, sheet_problems, status_html, written
from .judge import Graded
from .scores import points

if TYPE_CHECKING:
    from .sheet import StudentResult
    from .summary import QuestionSummary

_UNSAFE = re.compile(r"[^\w.-]+")
_MARKS = {
    "right": "✓ right",
    "wrong": "✗ wrong",
    "unanswered": "· unanswered",
    "unreadable": "? unreadable",
}


def feedback_pages(
    students: tuple[StudentResult, ...], questions: tuple[QuestionSummary, ...]
) -> dict[str, str]:
    """{file name: text}: `NAME.html` and `NAME.md` for each student."""
    pages: dict[str, str] = {}
    for student, stem in zip(students, file_stems(students)):
        pages[f"{stem}.html"] = feedback_html(student, questions)
        pages[f"{stem}.md"] = feedback_markdown(student, questions)
    return pages


def file_stems(students: tuple[StudentResult, ...]) -> list[str]:
    """A safe, unique file name (without extension) for each student, in their order."""
    taken: set[str] = set()
    stems = []
    for student in students:
        base = _file_name(student.file).removesuffix(".toml")
        base = _UNSAFE.sub("_", base).strip("._")[:60] or "sheet"
        stem, n = base, 1
        while stem.casefold() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.casefold())
        stems.append(stem)
    return stems


def feedback_html(student: StudentResult, questions: tuple[QuestionSummary, ...]) -> str:
    """One student's page."""
    body = [
        f"<h1>Feedback: {written(student.name)}</h1>",
        f'<p class="muted">{escape(_file_name(student.file))}</p>',
        f"<p>Score: <strong>{points(student.score)}/{points(student.max_score)}</strong></p>",
    ]
    body += sheet_problems(student.unread, student.extra, student_reads=True)
    held = _held(questions)
    if held:
        body.append(f'<p class="muted">A number answer is held to {escape(held)}.</p>')
    for graded, question in zip(student.questions, questions):
        body.append(_answer_html(graded, question, not held))
    return page(f"Feedback: {student.name}", "\n".join(body))


def _answer_html(graded: Graded, question: QuestionSummary, say_held: bool) -> str:
    lines = [
        '<section class="answer">',
        f"<h2>{formula_html(graded.question)} <small>{points(graded.points)}/"
        f"{points(graded.max_points)} point{'s' * (graded.max_points != 1)}</small></h2>",
        f"<p>{status_html(graded.status)}"
        + (
            f" · your answer: <code>{written(graded.answer)}</code>"
            if graded.answer is not None
            else ""
        )
        + "</p>",
    ]
    if graded.diagnosis:
        lines.append(
            '<ul class="why">'
            + "".join(f"<li>{escape(x)}</li>" for x in graded.diagnosis)
            + "</ul>"
        )
    if question.show_answers and graded.status != "right":
        lines.append(f"<p>The value here: {graded.computed:.6g}</p>")
        if question.correct_formula is not None:
            lines.append(
                f"<p>Right: {formula_html(graded.question)} = "
                f"{formula_html(question.correct_formula.text)}</p>"
            )
        elif question.note:
            lines.append(f'<p class="muted">{escape(question.note)}</p>')
    if say_held:
        lines.append(
            f'<p class="muted">A number answer is held to {escape(question.precision)}.</p>'
        )
    lines.append("</section>")
    return "\n".join(lines)


def feedback_markdown(student: StudentResult, questions: tuple[QuestionSummary, ...]) -> str:
    """One student's feedback in Markdown, math between $ signs."""
    lines = [
        f"# Feedback: {markdown_words(student.name)}",
        "",
        f"{_code(_file_name(student.file))} · score "
        f"**{points(student.score)}/{points(student.max_score)}**",
    ]
    if student.unread:
        lines += ["", f"Your sheet could not be read: {markdown_words(student.unread)}"]
    if student.extra:
        lines += [
            "",
            "These keys of your sheet are not questions: "
            + ", ".join(_code(k) for k in student.extra),
        ]
    held = _held(questions)
    if held:
        lines += ["", f"A number answer is held to {markdown_words(held)}."]
    for graded, question in zip(student.questions, questions):
        lines += ["", *_answer_markdown(graded, question, not held)]
    return "\n".join(lines) + "\n"


def _answer_markdown(graded: Graded, question: QuestionSummary, say_held: bool) -> list[str]:
    head = (
        f"## {markdown_words(graded.question)}: {points(graded.points)}/"
        f"{points(graded.max_points)}, {_MARKS[graded.status]}"
    )
    lines = [head, ""]
    if graded.answer is not None:
        lines += [f"Your answer: {_code(graded.answer)}", ""]
    if graded.markdown:
        lines += [graded.markdown, ""]
    elif graded.diagnosis:
        lines += [f"- {markdown_words(x)}" for x in graded.diagnosis] + [""]
    if question.show_answers and graded.status != "right":
        lines += [f"The value here: {graded.computed:.6g}", ""]
        if question.correct_formula is not None:
            lines += [f"Right: ${question.correct_formula.latex}$", ""]
        elif question.note:
            lines += [markdown_words(question.note), ""]
    if say_held:
        lines.append(f"A number answer is held to {markdown_words(question.precision)}.")
    return lines[:-1] if lines[-1] == "" else lines


def _held(questions: tuple[QuestionSummary, ...]) -> str:
    """How every question holds a number, when they all hold it alike ("" otherwise)."""
    kinds = {q.precision for q in questions}
    return kinds.pop() if len(kinds) == 1 else ""


def _file_name(path: str) -> str:
    """The sheet's file name, without the teacher's folders."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _code(text: str) -> str:
    """`text` as a Markdown code span, whatever backticks it holds (never markup)."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
