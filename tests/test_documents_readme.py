"""The README's tables of the documents are what the code computes: the errors table, and
each document's citation and tally."""

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


def test_readme_documents_table_gives_each_citation_and_tally(results):
    lines = README.read_text(encoding="utf-8").splitlines()
    rows = [r for r in lines if r.startswith("| `") and " claims: " in r]
    for name in names():
        (row,) = [r for r in rows if r.startswith(f"| `{name}` |")]
        result = results[name]
        assert row.split(" | ")[1] == result.citation.markdown(), name
        assert row.endswith(f"| {result.tally()} |"), name
