"""The teacher's page: the class at a glance, and every sheet one click away.

One self-contained HTML file (`report_html`): the scores' histogram; a table with a row
per student and a cell per question (its points, coloured by status), each name a link
to that student's sheet further down; per question a bar of right, wrong, unanswered
and unreadable, its right formula and its most common mistakes with their counts; then
each sheet: every answer as written, its verdict, points and diagnosis. A notebook shows
`summary_html`, the same page without the sheets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .html import MARKS, escape, formula_html, page, sheet_problems, status_html, written
from .judge import STATUSES, Graded
from .scores import distribution, points

if TYPE_CHECKING:
    from .sheet import StudentResult
    from .summary import QuestionSummary


COMMON = 8  # mistakes listed per question


def report_html(
    key: str,
    max_score: float,
    students: tuple[StudentResult, ...],
    questions: tuple[QuestionSummary, ...],
) -> str:
    """The teacher's page for a graded class, as one HTML file."""
    body = _overview(key, max_score, students, questions, links=True)
    body.append('<section id="sheets">\n<h2>Sheets</h2>')
    body += [_sheet(i, s) for i, s in enumerate(students, 1)]
    body.append("</section>")
    return page(f"Grades: {key}", "\n".join(body))


def summary_html(
    key: str,
    max_score: float,
    students: tuple[StudentResult, ...],
    questions: tuple[QuestionSummary, ...],
) -> str:
    """The class in a notebook: the page without the sheets (and its links to them)."""
    parts = _overview(key, max_score, students, questions, links=False)
    return '<div class="autograd-grades">' + "\n".join(parts) + "</div>"


def _overview(
    key: str,
    max_score: float,
    students: tuple[StudentResult, ...],
    questions: tuple[QuestionSummary, ...],
    links: bool,
) -> list[str]:
    """The head, the histogram, the table and the questions."""
    return [
        _head(key, max_score, students, questions),
        _histogram(students, max_score),
        _table(students, questions, links),
        _questions(students, questions),
    ]


def _head(
    key: str,
    max_score: float,
    students: tuple[StudentResult, ...],
    questions: tuple[QuestionSummary, ...],
) -> str:
    read = sum(1 for s in students if not s.unread)
    count = len(students)
    scores = [s.score for s in students]
    mean = points(round(sum(scores) / len(scores), 2)) if scores else "–"
    return (
        f"<header>\n<h1>Grades: {escape(key)}</h1>\n"
        f"<p>{count} sheet{'s' * (count != 1)}, {read} read; {len(questions)} questions, "
        f"{points(max_score)} points; mean score {mean}.</p>\n</header>"
    )


def _histogram(students: tuple[StudentResult, ...], max_score: float) -> str:
    bins = distribution([s.score for s in students], max_score)
    most = max((n for _, n in bins), default=0) or 1
    width, height, gap = 34, 120, 6
    bars = []
    for i, (label, n) in enumerate(bins):
        x = 30 + i * (width + gap)
        tall = round(height * n / most)
        bars.append(
            f'<g class="bin"><title>{escape(label)}: {n} student{"s" * (n != 1)}</title>'
            f'<rect x="{x}" y="{10 + height - tall}" width="{width}" height="{tall}" '
            f'fill="#5c6bc0"></rect>'
            f'<text x="{x + width / 2}" y="{height + 26}" text-anchor="middle">{escape(label)}</text>'
            f'<text x="{x + width / 2}" y="{10 + height - tall - 3}" text-anchor="middle">'
            f"{n or ''}</text></g>"
        )
    total = 30 + len(bins) * (width + gap)
    summary = ", ".join(f"{n} scored {label}" for label, n in bins if n)
    return (
        '<section id="scores">\n<h2>Scores</h2>\n'
        f'<svg class="histogram" width="{total}" height="{height + 36}" role="img" '
        f'aria-label="{escape(summary)}">{"".join(bars)}</svg>\n</section>'
    )


def _table(
    students: tuple[StudentResult, ...], questions: tuple[QuestionSummary, ...], links: bool = True
) -> str:
    head = "".join(
        f'<th class="points"><a href="#question-{i}">{formula_html(q.question)}</a></th>'
        if links
        else f'<th class="points">{formula_html(q.question)}</th>'
        for i, q in enumerate(questions, 1)
    )
    rows = []
    for i, student in enumerate(students, 1):
        name = written(student.name)
        name = f'<a href="#student-{i}">{name}</a>' if links else name
        cells = "".join(_cell(g) for g in student.questions)
        rows.append(
            f'<tr><th scope="row">{name}</th>'
            f'<td class="points">{points(student.score)}/{points(student.max_score)}</td>{cells}</tr>'
        )
    return (
        '<section id="students">\n<h2>Students</h2>\n<table class="grades">\n'
        f'<thead><tr><th>student</th><th class="points">score</th>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>\n</section>"
    )


def _cell(graded: Graded) -> str:
    return (
        f'<td class="points status-{graded.status}" title="{graded.status}">'
        f'<span class="{graded.status}">{MARKS[graded.status]}</span> {points(graded.points)}</td>'
    )


def _questions(students: tuple[StudentResult, ...], questions: tuple[QuestionSummary, ...]) -> str:
    parts = ['<section id="questions">\n<h2>Questions</h2>']
    for i, q in enumerate(questions, 1):
        parts.append(_question(i, q, len(students)))
    parts.append("</section>")
    return "\n".join(parts)


def _question(i: int, q: QuestionSummary, students: int) -> str:
    spans = []
    for status in STATUSES:
        n = q.count(status)
        if n:
            share = 100 * n / max(students, 1)
            spans.append(
                f'<span class="{status}" style="width:{share:.2f}%" title="{n} {status}">{n}</span>'
            )
    counts = ", ".join(f"{q.count(s)} {s}" for s in STATUSES)
    lines = [
        f'<article class="question" id="question-{i}">',
        f"<h3>{formula_html(q.question)} <small>({points(q.max_points)} "
        f"point{'s' * (q.max_points != 1)}; a number to {escape(q.precision)})</small></h3>",
        f'<div class="bar" role="img" aria-label="{escape(counts)}">{"".join(spans)}</div>',
        f"<p>{escape(counts)}</p>",
    ]
    if q.correct_formula is not None:
        lines.append(
            f"<p>right: {formula_html(q.question)} = {formula_html(q.correct_formula.text)}</p>"
        )
    elif q.note:
        lines.append(f'<p class="muted">{escape(q.note)}</p>')
    if q.diagnoses:
        lines.append('<h4>Common mistakes</h4>\n<ol class="mistakes">')
        for text, n in q.diagnoses[:COMMON]:
            details = q.details(text)
            shown = f' <span class="muted">({escape(details)})</span>' if details else ""
            lines.append(f'<li><span class="count">{n}</span> × {escape(text)}{shown}</li>')
        if len(q.diagnoses) > COMMON:
            more = len(q.diagnoses) - COMMON
            lines.append(
                f'<li class="muted">and {more} more kind{"s" * (more != 1)} of mistake</li>'
            )
        lines.append("</ol>")
    lines.append("</article>")
    return "\n".join(lines)


def _sheet(i: int, student: StudentResult) -> str:
    lines = [
        f'<article class="student" id="student-{i}">',
        f"<h3>{written(student.name)} <small>{written(student.file)}</small> "
        f"{points(student.score)}/{points(student.max_score)}</h3>",
    ]
    lines += sheet_problems(student.unread, student.extra, student_reads=False)
    lines.append(
        "<table><thead><tr><th>question</th><th>answer</th><th>verdict</th>"
        '<th class="points">points</th><th>why</th></tr></thead><tbody>'
    )
    for graded in student.questions:
        lines.append(answer_row(graded))
    lines.append("</tbody></table>\n</article>")
    return "\n".join(lines)


def answer_row(graded: Graded, computed: bool = True) -> str:
    """One answer as a table row: the question, the answer as written, the verdict, the
    points and why (the diagnosis, or why it could not be read)."""
    answer = "" if graded.answer is None else f"<code>{written(graded.answer)}</code>"
    why = "".join(f"<li>{escape(line)}</li>" for line in graded.diagnosis)
    if computed and graded.status in ("wrong", "unreadable", "unanswered"):
        why = f"<li>the engine's value: {graded.computed:.6g}</li>" + why
    why = f'<ul class="why">{why}</ul>' if why else ""
    return (
        f"<tr><td>{formula_html(graded.question)}</td><td>{answer}</td>"
        f'<td class="status-{graded.status}">{status_html(graded.status)}</td>'
        f'<td class="points">{points(graded.points)}/{points(graded.max_points)}</td>'
        f"<td>{why}</td></tr>"
    )
