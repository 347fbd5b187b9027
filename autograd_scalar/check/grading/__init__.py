"""Grading a class: one key, many answer sheets, feedback for each student and a picture
of the class for the teacher.

`key` reads the key (a derivation file whose claims are the questions, with points and
the precision numbers are held to: `precision`); `sheet` reads and marks one student's
sheet, each answer marked by `judge`; `whole_class` grades a class (`grade()`), in
parallel processes; `result` holds the class (text, JSON, CSV); `report_page` is the
teacher's page, `feedback` each student's, `gradescope` Gradescope's results.json.
"""

from .judge import Graded, Marker
from .key import Key, Question, read_key
from .precision import Precision
from .result import ClassResult
from .sheet import StudentResult, grade_sheet
from .summary import QuestionSummary
from .whole_class import check_own_answers, grade, sheet_files

__all__ = [
    "ClassResult",
    "Graded",
    "Key",
    "Marker",
    "Precision",
    "Question",
    "QuestionSummary",
    "StudentResult",
    "check_own_answers",
    "grade",
    "grade_sheet",
    "read_key",
    "sheet_files",
]
