"""A derivation file read as a network: its leaves, its equations, its output, and what
each of its claims is about.

The file (`check` reads one, a grading key is one) holds `output`, `[values]` (the
leaves), `[equations]` (every other node, as a formula over labels) and `[claims]`, each
a node's value (`σ1`) or a partial derivative written `∂ℓ/∂W5`. The work of reading it
is bounded before it is done, and refused in one line naming the file and what is too
large: at most `MAX_LABELS` leaves and equations, and at most `MAX_READING` for the
labels times the characters of the formulas, equations and claims (each formula is
read against every label), and at most `MAX_EVALUATING` for the characters of the
claims' formulas times the points each is evaluated at. Every message names the file, the table and the key, and says what to write
instead (`dE/dx` is written `∂E/∂x`; a label that names nothing gets the labels there
are, or the nearest one).
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..core.graph import topological_order
from ..core.value import Value
from ..errors import CheckFileError, EquationError, quoted
from .derivation_file import read_file
from .equations import build

MAX_LABELS = 1_000  # leaves and equations together
MAX_READING = 10_000_000  # labels × characters of formulas: each token is tried against each label
# A claim's formula is evaluated at the recorded point and 50 more, and a wrong one again
# at each of them by its diagnosis: its characters × those points bound that work (about
# a second at the most: 119 wrong claims of 2,000 characters took 32 s).
EVALUATIONS = 2 * 51
MAX_EVALUATING = 1_500_000
NETWORK_KEYS = ("output", "values", "equations", "claims", "grading")


@dataclass(frozen=True)
class Target:
    """What a claim is about: the value of `of`, or the partial ∂of/∂wrt."""

    of: Value
    wrt: Value | None = None

    @property
    def name(self) -> str:
        """`∂ℓ/∂W5`, or `σ1` for a node's value."""
        if self.wrt is None:
            return self.of.label
        return f"∂{self.of.label}/∂{self.wrt.label}"


@dataclass
class Derivation:
    """A derivation file's network, by label, its output, and its tables as written."""

    path: str
    nodes: dict[str, Value]
    output: Value
    claims: dict[str, Any]
    grading: dict[str, Any]
    graph_size: int

    def target(self, key: str, table: str = "claims") -> Target:
        """What the claim `key` is about; a CheckFileError says what to write instead."""
        where = f"[{table}] {quoted(key)}"
        partial = split_partial(key)
        if partial is None:
            return Target(self._node(key.strip(), where, key))
        of, wrt = (self._node(label, where, key) for label in partial)
        return Target(of, wrt)

    def _node(self, label: str, where: str, key: str) -> Value:
        label = unicodedata.normalize("NFC", label)
        if label in self.nodes:
            return self.nodes[label]
        spelled = written_with_d(key)
        if spelled is not None and all(
            unicodedata.normalize("NFC", x) in self.nodes for x in spelled
        ):
            hint = f"a partial derivative is written with ∂: ∂{spelled[0]}/∂{spelled[1]}"
        else:
            close = difflib.get_close_matches(label, list(self.nodes), n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            hint += labels_hint(self.nodes)
        raise CheckFileError(self.path, f"{where}: {quoted(label)} names no node; {hint}")


def read_derivation(
    path: str | os.PathLike[str], allowed: tuple[str, ...] = NETWORK_KEYS
) -> Derivation:
    """The derivation in the file at `path`; a CheckFileError in one line otherwise."""
    return derivation_of(os.fsdecode(path), read_file(path), allowed)


def derivation_of(
    path: str, data: dict[str, Any], allowed: tuple[str, ...] = NETWORK_KEYS
) -> Derivation:
    """The derivation that the parsed file `data` holds (`path` names it in messages)."""
    only(path, data, allowed)
    values, equations = data.get("values", {}), data.get("equations", {})
    count = len(values) + len(equations)
    if count > MAX_LABELS:
        raise CheckFileError(
            path, f"{count:,} leaves and equations; a derivation file holds at most {MAX_LABELS:,}"
        )
    claimed = formula_characters(data.get("claims", {}))
    written = formula_characters(equations) + claimed
    reading = count * written
    if reading > MAX_READING:
        raise CheckFileError(
            path,
            f"{written:,} characters of formulas over {count:,} labels are too much to read "
            f"(labels × characters = {reading:,}; at most {MAX_READING:,}): write fewer or "
            "shorter formulas",
        )
    too_much = too_much_to_evaluate(claimed)
    if too_much:
        raise CheckFileError(path, too_much)
    try:
        nodes = build(values, equations)
    except EquationError as error:
        raise CheckFileError(path, error.line()) from None
    output = _output(path, data, nodes)
    claims = data.get("claims", {})
    return Derivation(
        path, nodes, output, claims, data.get("grading", {}), len(topological_order(output))
    )


def formula_characters(table: Any) -> int:
    """How many characters of formulas a table holds (a question's `answer` included):
    each is read against every label, so the work of reading grows with both."""
    if not isinstance(table, dict):
        return 0
    found = 0
    for value in table.values():
        if isinstance(value, dict):
            value = value.get("answer")
        found += len(value) if isinstance(value, str) else 0
    return found


def too_much_to_evaluate(characters: int) -> str:
    """Why `characters` of claims' formulas are too much to evaluate at every point
    they are checked and diagnosed at; "" when they are not."""
    work = characters * EVALUATIONS
    if work <= MAX_EVALUATING:
        return ""
    return (
        f"{characters:,} characters of formulas in [claims] are too much to evaluate at the "
        f"{EVALUATIONS} points each is checked and diagnosed at (characters × points = "
        f"{work:,}; at most {MAX_EVALUATING:,}): write fewer or shorter formulas"
    )


def only(path: str, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    """Refuses a top-level key not in `allowed`, and a table written as a plain key."""
    for key, value in data.items():
        if key not in allowed:
            known = ", ".join(allowed)
            raise CheckFileError(path, f"unknown key {quoted(key)}; a file here holds {known}")
        if key not in ("output", "name") and not isinstance(value, dict):
            raise CheckFileError(path, f"{key} is a table: write [{key}] on a line of its own")


def _output(path: str, data: dict[str, Any], nodes: dict[str, Value]) -> Value:
    """The node named by `output`, or the last equation's when there is none."""
    label = data.get("output")
    if label is None:
        equations = list(data.get("equations", {}))
        if not equations:
            raise CheckFileError(path, "no [equations]: there is nothing to differentiate")
        label = equations[-1]
    if not isinstance(label, str) or unicodedata.normalize("NFC", label) not in nodes:
        raise CheckFileError(path, f"output = {quoted(label)} names no node; {labels_hint(nodes)}")
    return nodes[unicodedata.normalize("NFC", label)]


def split_partial(key: str) -> tuple[str, str] | None:
    """("ℓ", "W5") for "∂ℓ/∂W5" (spaces allowed around each part); None for a label.

    Read by splitting at the first "/", in time linear in the key: a claim key of
    100,000 spaces costs no more than its length.
    """
    text = key.strip()
    if not text.startswith("∂"):
        return None
    of, slash, rest = text[1:].partition("/")
    rest = rest.lstrip()
    if not slash or not rest.startswith("∂"):
        return None
    of, wrt = of.strip(), rest[1:].strip()
    return (of, wrt) if of and wrt else None


def written_with_d(key: str) -> tuple[str, str] | None:
    """("E", "x") for a partial written with d ("dE/dx", "d E / d x"), else None."""
    text = key.strip()
    if not text.startswith("d"):
        return None
    return split_partial("∂" + text[1:].replace("/d", "/∂", 1).replace("/ d", "/ ∂", 1))


def labels_hint(nodes: dict[str, Value]) -> str:
    shown = sorted(nodes)
    return "the labels are " + ", ".join(shown[:20]) + (", …" if len(shown) > 20 else "")
