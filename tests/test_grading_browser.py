"""The teacher's page and a student's feedback page in a real browser (headless Chromium).

The class is the worked example plus one hostile sheet (a name and answers that are
markup and script). The page's table, bars and links are read as a reader sees them,
a click on a name must show that student's sheet, and the hostile text must show as
text: no element it names is made, nothing it says runs, nothing is fetched.
"""

from __future__ import annotations

import pytest
from test_browser import browser, open_file  # noqa: F401  (Chromium, or the module is skipped)
from test_cli_grade import HOSTILE_ANSWERS, HOSTILE_NAME, write_hostile_class
from test_grading import KEY, SHEETS

from autograd_scalar import grade


@pytest.fixture(scope="module")
def hostile_result(tmp_path_factory):
    """The worked example's class and a hostile sheet, graded once (read only)."""
    folder = write_hostile_class(tmp_path_factory.mktemp("hostile"))
    return grade(KEY, [SHEETS, folder / "<b>x<i>&.toml"])


def test_the_teachers_page_shows_the_class_and_each_sheet_one_click_away(
    browser,  # noqa: F811
    hostile_result,
    tmp_path,
):
    result = hostile_result
    page, errors, requests = open_file(browser, result.save_html(tmp_path / "class.html"))
    rows = page.locator("table.grades tbody tr")
    assert rows.count() == len(result.students) == 13
    for i, student in enumerate(result.students):
        row = rows.nth(i)
        assert row.locator("th").text_content() == student.name
        assert row.locator("td").first.text_content() == f"{student.score:g}/10"
    # Each question's bar says its counts, and its widths add up to the whole bar.
    for i, question in enumerate(result.questions, 1):
        bar = page.locator(f"#question-{i} .bar")
        counts = ", ".join(
            f"{question.count(s)} {s}" for s in ("right", "wrong", "unanswered", "unreadable")
        )
        assert bar.get_attribute("aria-label") == counts
        widths = bar.locator("span").evaluate_all(
            "spans => spans.map(s => s.getBoundingClientRect().width)"
        )
        whole = bar.evaluate("b => b.getBoundingClientRect().width")
        assert sum(widths) == pytest.approx(
            whole
            * sum(question.count(s) for s in ("right", "wrong", "unanswered", "unreadable"))
            / 13,
            abs=2,
        )
    # One click on a name shows that student's sheet.
    dara = next(i for i, s in enumerate(result.students) if s.name == "Dara")
    rows.nth(dara).locator("th a").click()
    assert page.evaluate("location.hash") == f"#student-{dara + 1}"
    sheet = page.locator(f"#student-{dara + 1}")
    assert sheet.is_visible() and sheet.evaluate("e => e.matches(':target')")
    assert "2·(σ3 − y)·σ1" in sheet.text_content()
    assert "off by a constant factor: the claim is 2 × ∂ℓ/∂W5" in sheet.text_content()
    # The hostile sheet: its name and answers are text, nothing they say is made or run.
    assert page.get_by_text(HOSTILE_NAME.replace("\x1b", "\x1b"), exact=False).count() >= 1
    for answer in HOSTILE_ANSWERS.values():
        assert page.locator("code", has_text=answer).count() >= 1
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    page.screenshot(path=str(tmp_path / "class.png"), full_page=True)
    assert errors == [] and all(url.startswith("file://") for url in requests), requests
    page.close()


def test_a_feedback_page_shows_the_students_own_answers_as_text(
    browser,  # noqa: F811
    hostile_result,
    tmp_path,
):
    written = hostile_result.save_feedback(tmp_path)
    hostile = next(p for p in written if p.suffix == ".html" and p.stem == "b_x_i")
    page, errors, requests = open_file(browser, hostile)
    assert page.locator("h1").text_content() == f"Feedback: {HOSTILE_NAME}"
    assert page.locator("code", has_text=HOSTILE_ANSWERS["σ3"]).count() == 1
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert "Ada" not in page.locator("body").text_content()
    assert errors == [] and all(url.startswith("file://") for url in requests)
    page.close()
