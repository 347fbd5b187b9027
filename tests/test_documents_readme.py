"""The README's table of the documents' errors is what the code computes."""

from pathlib import Path

from autograd_scalar.documents import errors_table, names

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- errors-table:start -->", "<!-- errors-table:end -->"


def test_readme_errors_table_is_the_computed_one(results):
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text, (
        f"README.md needs the markers {START} and {END} around the errors table; "
        "regenerate the table with: python -m autograd_scalar.documents --table"
    )
    shown = text.split(START, 1)[1].split(END, 1)[0]
    assert shown.strip() == errors_table([results[name] for name in names()]).strip(), (
        "README.md's errors table differs from the computed one; "
        "regenerate it with: python -m autograd_scalar.documents --table"
    )
