"""A sheet's grade as Gradescope's autograder reads it: `results.json`.

Gradescope runs a course's `run_autograder` script on each submission and reads
`/autograder/results/results.json`: the total `score` and one entry of `tests` per
question, with its `name`, `score`, `max_score` and `output` (the text the student is
shown: the verdict, the diagnosis and, where the key shows answers, the right formula).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .scores import points

if TYPE_CHECKING:
    from .sheet import StudentResult
    from .summary import QuestionSummary


def gradescope_results(
    student: StudentResult, questions: tuple[QuestionSummary, ...]
) -> dict[str, Any]:
    """The `results.json` of one student's sheet."""
    tests = []
    for graded, question in zip(student.questions, questions):
        said = [
            graded.status + (f": your answer {graded.answer}" if graded.answer is not None else "")
        ]
        said += list(graded.diagnosis)
        if question.show_answers and graded.status != "right":
            said.append(f"the value here: {graded.computed:.6g}")
            if question.correct_formula is not None:
                said.append(f"right: {graded.question} = {question.correct_formula.text}")
        tests.append(
            {
                "name": graded.question,
                "score": graded.points,
                "max_score": graded.max_points,
                "output": "\n".join(said),
            }
        )
    summary = f"{student.name}: {points(student.score)}/{points(student.max_score)}"
    if student.unread:
        summary += f"; the sheet could not be read: {student.unread}"
    return {"score": student.score, "output": summary, "tests": tests}
