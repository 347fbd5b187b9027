# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Grading a class: what did my students get wrong, and how many of them?
#
# A teacher asked a class to work out eight derivatives of the tap-and-knob network (a
# 2-2-1 sigmoid network with binary cross-entropy, `key.toml` in this folder) and
# collected one answer sheet per student (`sheets/`). Grading them by hand means
# checking every formula, and then guessing what each wrong one did. The engine does
# both: each answer is checked at the recorded values and at 50 other points, and each
# wrong one is diagnosed (a flipped sign, a factor off, a path left out, the wrong
# derivative), so the class's common mistakes can be counted.
#
# The sheets were written the way students go wrong: Bruno flips the sign of the loss's
# slope, Chen differentiates the output instead of the loss, Dara carries the factor 2
# of the squared error, Emil follows one of the two paths from X1, Farah takes the
# other neuron's weight, Gus leaves most of it blank, Hana mistypes, Ivan rounds too
# early, Jade writes `d` for `∂`, and Kofi's sheet is not TOML at all.

# %%
from pathlib import Path
from tempfile import mkdtemp

from IPython.display import Markdown

from autograd_scalar import grade

print(Path("key.toml").read_text(encoding="utf-8"))

# %% [markdown]
# ## The class
#
# `grade(key, sheets)` checks the key's own answers first (a slip in the key is refused
# before anyone is graded against it), then marks every sheet. In a notebook the result
# shows the scores, a row per student and, per question, how many were right, wrong,
# unanswered or unreadable, with the mistakes that explain the wrong ones.

# %%
result = grade("key.toml", "sheets")
result

# %% [markdown]
# The same as text, as `autograd-scalar grade key.toml sheets/` prints it:

# %%
print(result)

# %% [markdown]
# ## One question: ∂ℓ/∂X1
#
# X1 reaches the loss by two paths, through σ1 and through σ2. The wrong answers are
# counted by the kind of mistake, each with what sets it apart (which path, which
# factor). Each diagnosis held at every point the answer was checked at, so none is a
# coincidence.

# %%
x1 = next(q for q in result.questions if q.question == "∂ℓ/∂X1")
for text, count in x1.diagnoses:
    print(f"{count} × {text}", x1.details(text))
print("right:", x1.correct_formula.text)

# %% [markdown]
# ## One student: Dara
#
# The key gives half the points for an answer that is right up to a constant factor, so
# Dara's factor 2 costs half of each question. Every answer, as `check` prints it:

# %%
dara = next(s for s in result.students if s.name == "Dara")
for answer in dara.questions:
    print(answer.line)
    for line in answer.diagnosis:
        print("   ", line)

# %% [markdown]
# ## Feedback for each student, and the teacher's page
#
# `result.feedback()` gives each student a page (HTML) and a Markdown file with their
# own answers only; `result.save_feedback(folder)` writes them. Here is Dara's, as
# Markdown with its math typeset:

# %%
pages = result.feedback()
Markdown(pages["dara.md"])

# %%
folder = Path(mkdtemp())
page = result.save_html(folder / "class.html")
written = result.save_feedback(folder / "feedback")
print(page.name, f"{page.stat().st_size:,} bytes;", len(written), "feedback files")

# %% [markdown]
# ## What this notebook asserts

# %%
by_name = {s.name: s for s in result.students}
assert by_name["Ada"].score == 10 == result.max_score
# Bruno's slopes all point the other way.
assert all("sign" in a.kinds for a in by_name["Bruno"].questions[1:])
# Emil summed one of the two paths from X1.
assert "paths" in by_name["Emil"].questions[6].kinds
# Dara's factor 2 earns half the points; Ivan's numbers are right to fewer figures than asked.
assert by_name["Dara"].questions[3].points == 0.5 and "factor" in by_name["Dara"].questions[3].kinds
assert by_name["Ivan"].questions[0].kinds == ("precision",)
# Gus left six questions unanswered; Kofi's sheet could not be read, and the class went on.
assert [a.status for a in by_name["Gus"].questions].count("unanswered") == 6
assert by_name["kofi"].unread and all(a.status == "unreadable" for a in by_name["kofi"].questions)
# Every feedback page holds its own student's name and no other's.
for student in result.students:
    own = pages[Path(student.file).stem + ".html"]
    assert all(other.name not in own for other in result.students if other.name not in student.name)
