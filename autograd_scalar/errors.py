"""Every error the package raises on purpose, each written for the person at the REPL.

All derive from `AutogradError`, so `except AutogradError` catches any of them; each also
keeps the built-in base that code written without this package would expect
(`ValueError`, `ArithmeticError`, `AssertionError`, `RuntimeError`, `LookupError`,
`OSError`).
"""

from __future__ import annotations

import os
from typing import Any


def shown(path: str | os.PathLike[str]) -> str:
    """A path as a message shows it: as given, or as Python writes a string (quoted, with
    escapes) when it holds a line break, another control character or bytes that are not
    text, so that the message stays on one line and names exactly that file."""
    text = os.fsdecode(path)
    return text if text.isprintable() else repr(text)


def quoted(text: Any, limit: int = 80) -> str:
    """What a file holds, as a message quotes it: as Python writes it (one line, control
    characters as escapes), cut to `limit` characters with "…" and its length after."""
    if not isinstance(text, str):
        return "a table" if isinstance(text, dict) else repr(text)[:limit]
    if len(text) <= limit:
        return repr(text)
    return repr(text[: limit - 1] + "…") + f" ({len(text):,} characters)"


class AutogradError(Exception):
    """Base class of every error this package raises on purpose."""


class DomainError(AutogradError, ValueError, ArithmeticError):
    """An op got an input outside its domain, or its result would not be finite.

    Carries `op` (its name), `inputs` (the numbers it got), `labels` and `reason`.
    """

    def __init__(self, op: str, inputs: tuple[Any, ...], labels: str, reason: str) -> None:
        self.op, self.inputs, self.labels, self.reason = op, inputs, labels, reason
        shown = ", ".join(f"{x!r}" for x in inputs if x is not None)
        where = f" (input node {labels})" if labels else ""
        super().__init__(f"{op}({shown}){where}: {reason}")


class NonFiniteGradientError(AutogradError, ArithmeticError):
    """backward() met a gradient that is inf or NaN; `node` is where it arose.

    `data` is the node's value where it happened (a replay may differ from `node.data`).
    """

    def __init__(self, node: Any, value: float, reason: str = "", data: Any = None) -> None:
        self.node, self.value = node, value
        kind = node.op.name if node.op is not None else "leaf"
        name = f"node {node.label!r}" if node.label else f"an unlabelled {kind} node"
        why = reason or "the loss is too steep here: scale the inputs or lower the learning rate"
        shown = node.data if data is None else data
        super().__init__(f"the gradient reaching {name} (data={shown!r}) is {value!r}; {why}")


class GraphLookupError(AutogradError, KeyError):
    """A label (or node, or parameter name) that the graph does not have, or has more
    than once."""

    def __str__(self) -> str:  # LookupError would print the message in quotes
        return str(self.args[0]) if self.args else ""


class OpError(AutogradError, ValueError):
    """An op record that cannot be registered or used: says which field is wrong."""


class FormulaError(AutogradError, ValueError):
    """A formula that cannot be read: says what, and points at where."""

    def __init__(self, message: str, text: str = "", start: int = 0, end: int = 0) -> None:
        self.message, self.text, self.start, self.end = message, text, start, end
        if text:
            # Show at most 60 characters around the culprit, so a huge input stays readable.
            left = max(0, start - 30)
            shown = text[left : left + 60]
            caret = " " * (start - left) + "^" * max(1, min(end, left + 60) - start)
            message = f"{message}\n    {shown}\n    {caret}"
        super().__init__(message)


class EquationError(FormulaError):
    """A leaf or an equation of a derivation file that cannot be built; `table` and `key`
    say which one."""

    def __init__(
        self, table: str, key: str, message: str, text: str = "", start: int = 0, end: int = 0
    ) -> None:
        self.table, self.key = table, key
        super().__init__(message, text, start, end)

    def line(self) -> str:
        """The error in one line: where, what, and the place in the text."""
        where = f"[{self.table}] {self.key!r}"
        if not self.text:
            return f"{where}: {self.message}"
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"{where} = {shown!r}: {self.message} (at character {self.start + 1})"


class CheckFileError(AutogradError, ValueError):
    """A derivation file (a `check` file, a grading key, a student's sheet) that cannot be
    used: too large, not TOML, or not what such a file holds. `path` names the file; the
    message says what is wrong and where, in one line."""

    def __init__(self, path: str, message: str) -> None:
        self.path, self.problem = path, message
        super().__init__(f"{shown(path)}: {message}")


class GradcheckError(AutogradError, AssertionError):
    """gradcheck found inputs whose derivative disagrees with a central difference."""

    def __init__(self, result: Any) -> None:
        self.result = result
        failing = [row.name for row in result.rows if not row.passed]
        super().__init__(f"gradcheck failed for {', '.join(failing)}:\n{result}")


class ModelFileError(AutogradError, ValueError):
    """A model file (or dict) that cannot be loaded; the message says where it is wrong."""


class NotAFileError(AutogradError, OSError):
    """A path where a regular file must be, holding something else: a device, a pipe,
    a socket, or a symbolic link that leads back to itself. Nothing was written there."""


class RenderError(AutogradError, RuntimeError):
    """A renderer could not turn the DOT text into a picture."""


class UsageError(AutogradError):
    """A mistake on the command line: reported in one line, exit status 2."""
