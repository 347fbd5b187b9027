"""`python -m autograd_scalar.documents --table` prints the table of the documents' errors."""

import argparse

from . import errors_table, names, run

parser = argparse.ArgumentParser(prog="python -m autograd_scalar.documents")
parser.add_argument(
    "--table", action="store_true", help="print the Markdown table of the claims that are not right"
)
parser.parse_args()
print(errors_table([run(name) for name in names()]), end="")
