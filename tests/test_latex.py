"""LaTeX and notebook displays: explanations, verdicts, diagnoses, formulas, tables.

LaTeX is held to what it must say and typeset, row by row, by matplotlib's mathtext (a
LaTeX math parser of its own); HTML tables are read back with the standard library's
HTML parser.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from test_diagnose import network

from autograd_scalar import Value, check_partial, check_partials, explain, gradcheck

mathtext = pytest.importorskip("matplotlib.mathtext")

W1_RIGHT = (
    r"\left(\sigma_{3} - y\right) \cdot W_{5} \cdot \sigma_{1} \cdot \left(1 - \sigma_{1}\right)"
    r" \cdot X_{1}"
)
DL_DW1 = r"\frac{\partial \ell}{\partial W_{1}}"


def typesets(row: str) -> None:
    """Raises if mathtext cannot read the row as math."""
    mathtext.math_to_image(f"${row}$", io.BytesIO(), format="png")


def rows(block: str) -> list[str]:
    """The rows of an aligned or array block, without the environment and the & marks."""
    inner = re.sub(r"\\(begin|end)\{(aligned|array)\}(\{l\})?", "", block)
    return [row.replace("&", "").strip() for row in inner.split("\\\\") if row.strip()]


def test_the_right_formula_in_latex_is_the_document_s_written_as_math():
    v = network()
    verdict = check_partial(v["ℓ"], v["W1"], "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1")
    assert verdict.correct_formula.latex() == W1_RIGHT
    assert verdict.correct_formula._repr_latex_() == f"${W1_RIGHT}$"
    typesets(W1_RIGHT)


def test_an_explanation_in_latex_has_every_line_of_the_chain_rule_and_typesets():
    v = network()
    block = explain(v["ℓ"], v["W1"]).latex()
    assert block.startswith("\\begin{aligned}") and block.endswith("\\end{aligned}")
    lines = rows(block)
    assert lines[0].startswith(f"{DL_DW1} = \\frac{{\\partial \\ell}}{{\\partial \\sigma_{{3}}}}")
    assert r"\left(\frac{1 - y}{1 - \sigma_{3}} - \frac{y}{\sigma_{3}}\right)" in lines[1]
    assert r"\cdot \left(-0.55\right) \cdot" in lines[2]  # W5 = −0.55, bracketed in a product
    assert len(lines) == 4 and lines[3] == f"= {explain(v['ℓ'], v['W1']).total:.4g}"
    for line in lines:
        typesets(line)
    assert explain(v["ℓ"], v["W1"])._repr_latex_() == f"$${block}$$"


def test_an_explanation_with_several_paths_shows_each_path_and_the_sum():
    v = network()
    found = explain(v["ℓ"], v["X1"])
    lines = rows(found.latex())
    assert r"\text{path 1:}" in lines and r"\text{path 2:}" in lines
    assert lines[-1].startswith(r"\frac{\partial \ell}{\partial X_{1}} = ")
    for line in lines:
        typesets(line)


def test_a_wrong_verdict_in_latex_and_markdown_carries_the_diagnosis_and_right_formula():
    v = network()
    verdict = check_partial(v["ℓ"], v["W1"], "(σ3 − y)·W5·(σ1 − 1)·σ1·X1")
    lines = rows(verdict.latex())
    assert lines[0].startswith(f"{DL_DW1} = \\left(\\sigma_{{3}} - y\\right)")
    assert r"\times" in lines[0] and lines[1].endswith(f"{DL_DW1} = {W1_RIGHT}")
    for line in lines:
        typesets(line)
    markdown = verdict._repr_markdown_()
    assert markdown.startswith(f"✗ ${DL_DW1} = ")
    assert f"- the sign is flipped: the claim is $-{DL_DW1}$" in markdown
    assert f"right: ${DL_DW1} = {W1_RIGHT}$" in markdown
    for line in rows(verdict.diagnosis.latex()):
        typesets(line)


def test_latex_escapes_what_latex_would_read_as_commands():
    x = Value(0.5, "x")
    verdict = check_partial((x * x).labelled("out"), x, lambda v: 100 * v["x"])  # a function
    assert verdict.latex().count("{") == verdict.latex().count("}")
    from autograd_scalar.formula.printing import latex_words

    assert latex_words("50% of a_b & {c}") == r"\text{50\% of a\_b \& \{c\}}"
    typesets(latex_words("50% of a_b & {c}"))


class Cells(HTMLParser):
    """The cells of an HTML table, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.paragraphs: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append("")
            self._in = "cell"
        elif tag == "p":
            self.paragraphs.append("")
            self._in = "p"

    def handle_endtag(self, tag):
        if tag in ("td", "th", "p"):
            self._in = None

    def handle_data(self, data):
        if self._in == "cell":
            self.rows[-1][-1] += data
        elif self._in == "p":
            self.paragraphs[-1] += data


def read(html: str) -> Cells:
    cells = Cells()
    cells.feed(html)
    return cells


def test_a_table_of_verdicts_is_an_html_table_with_the_diagnosis_and_right_formula():
    v = network()
    table = check_partials(v["ℓ"], {"W5": "(σ3 − y)·σ1", "W1": "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1"})
    found = read(table._repr_html_())
    assert found.rows[0] == [
        "",
        "partial",
        "claim",
        "claimed",
        "computed",
        "where it fails",
        "why",
        "right formula",
    ]
    right, wrong = found.rows[1], found.rows[2]
    assert right[0] == "✓" and right[6:] == ["", ""]
    assert wrong[0] == "✗" and "∂σ3/∂W1 instead of ∂ℓ/∂W1" in wrong[6]
    assert wrong[7] == "(σ3 − y)·W5·σ1·(1 − σ1)·X1"


def test_html_cells_are_escaped():
    x = Value(0.5, "x")
    out = (x.relu() * x).labelled("out")
    table = check_partials(out, {x: "[x > 0]·x + x"})
    assert "[x &gt; 0]·x + x" in table._repr_html_()
    assert read(table._repr_html_()).rows[1][2] == "[x > 0]·x + x"


def test_a_gradcheck_result_is_an_html_table_with_its_hints():
    a = Value(1e-7, "a")  # within eps of relu's kink
    result = gradcheck(lambda a: a.relu() * 3, [a], raise_exception=False)
    found = read(result._repr_html_())
    assert found.rows[0] == ["input", "analytic", "numeric", "abs error", "rel error", "ok"]
    assert found.rows[1][0] == "a" and found.rows[1][5] == "✗"
    assert any("relu kink" in p for p in found.paragraphs)
    assert [r[0] for r in found.rows[1:]] == [row.name for row in result.rows]
