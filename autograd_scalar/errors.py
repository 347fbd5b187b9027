"""The package's own errors, each written for the person at the REPL."""

from __future__ import annotations

from typing import Any


class AutogradError(Exception):
    """Base class of every error this package raises on purpose."""


class DomainError(AutogradError, ValueError, ArithmeticError):
    """An op got an input outside its domain, or its result would not be finite.

    Carries `op` (its name), `inputs` (the floats it got), `labels` and `reason`.
    """

    def __init__(self, op: str, inputs: tuple[Any, ...], labels: str, reason: str) -> None:
        self.op, self.inputs, self.labels, self.reason = op, inputs, labels, reason
        shown = ", ".join(f"{x!r}" for x in inputs if x is not None)
        where = f" (input node {labels})" if labels else ""
        super().__init__(f"{op}({shown}){where}: {reason}")


class NonFiniteGradientError(AutogradError, ArithmeticError):
    """backward() met a gradient that is inf or NaN."""

    def __init__(self, node: Any, value: float) -> None:
        self.node, self.value = node, value
        kind = node.op.name if node.op is not None else "leaf"
        name = f"node {node.label!r}" if node.label else f"an unlabelled {kind} node"
        super().__init__(
            f"the gradient reaching {name} (data={node.data!r}) is {value!r}; "
            "the loss is too steep here: scale the inputs or lower the learning rate"
        )
