"""An op's PyTorch form: printed from its record, compiled once, run with its domain.

An op's record is printed as Python that calls torch, as `formula.javascript` prints it
for the page: its forward (the operator or torch function it natively is, or else its
definition over other ops) and each condition of its domain. Nothing here knows an op:
the arithmetic operators are the formula language's, and every other op is written by
its `native["torch"]` name or, failing that, by its definition; so an op registered by a
user crosses too, or is refused with an OpError naming it when its record has neither.
The printed text (`torch.log(1.0 + torch.exp(a))`) is what a module's repr shows and,
compiled once, what it runs: what is shown is what runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import torch

from ..core.ops import OPS, Op
from ..errors import DomainError, OpError
from ..formula.expr import Call, Expr, Indicator, Name, Number, evaluate, fold
from ..formula.templates import definition, domain, expand

_RELATIONS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "=": "==", "!=": "!="}
NOT_FINITE = "the result is not a finite number (it overflows, or is undefined here)"


def written_natively(op: Op) -> bool:
    """Whether PyTorch writes `op` itself: an arithmetic operator or a torch function."""
    return bool(op.operator) or "torch" in op.native


@dataclass(frozen=True)
class _Printed:
    text: str
    value: float | None = None  # the number, when no label is in this part


def pytorch(expr: Expr, variables: Mapping[str, str], like: str = "a") -> str:
    """`expr` as a Python expression over torch tensors, each label written `variables[label]`.

    A part with no label in it is computed here, once, and printed as its number (torch's
    functions take tensors, not numbers). `[x > 0]` is a tensor of 1s and 0s of the dtype
    of the tensor named `like`. Raises OpError for an op that neither torch nor the op's
    definition can write.
    """
    written = expand(expr, written_natively, "PyTorch")

    def combine(node: Expr, args: list[_Printed]) -> _Printed:
        if isinstance(node, Number):
            return _number(node.value)
        if isinstance(node, Name):
            return _Printed(variables[node.label])
        if all(arg.value is not None for arg in args):
            return _number(evaluate(_with_numbers(node, args), {}))
        texts = [arg.text for arg in args]
        if isinstance(node, Indicator):
            relation = _RELATIONS[node.relation]
            return _Printed(f"({texts[0]} {relation} {texts[1]}).to({like}.dtype)")
        assert isinstance(node, Call)
        operator = node.op.operator
        if operator and len(texts) == 1:
            return _Printed(f"(-{texts[0]})")
        if operator:
            return _Printed(f"({texts[0]} {operator} {texts[1]})")
        return _Printed(f"torch.{_torch_name(node.op)}({', '.join(texts)})")

    return fold(written, combine).text


def _with_numbers(node: Expr, args: list[_Printed]) -> Expr:
    numbers = [Number(arg.value) for arg in args if arg.value is not None]
    if isinstance(node, Indicator):
        return Indicator(numbers[0], node.relation, numbers[1])
    assert isinstance(node, Call)
    return Call(node.op, tuple(numbers))


def _number(value: float) -> _Printed:
    text = repr(float(value))  # the shortest text that reads back to the same float
    return _Printed(f"({text})" if text.startswith("-") else text, float(value))


def _torch_name(op: Op) -> str:
    """The op's torch function name, once it is known that this torch has it."""
    name = op.native["torch"]
    found: Any = torch
    for part in name.split("."):
        found = getattr(found, part, None)
    if not callable(found):
        raise OpError(
            f"the op {op.name!r} names torch.{name} as its PyTorch form, but torch "
            f"{torch.__version__} has no such function"
        )
    return name


Compiled = Callable[[Any, Any], Any]


def _compiled(text: str, op: Op) -> Compiled:
    # Safe to compile: every piece of `text` was made above, from numbers printed by repr,
    # the operators + - * / **, the names a and b, and torch functions named by identifiers.
    code = compile(f"lambda a, b: {text}", f"<{op.name} printed as PyTorch>", "eval")
    function: Compiled = eval(code, {"torch": torch})
    return function


class TorchOp:
    """An op of the table as torch runs it: its forward and its domain, printed and compiled.

    `text` is the forward as printed, over `a` and `b` (the second input, or the constant
    such as pow's exponent); `domain` the printed conditions with their reasons. Calling it
    refuses an input outside the domain, and a result that is not finite, with the engine's
    `DomainError`, naming the op, the first input at fault and the nodes' labels; called
    with `checked=False` it runs the forward alone, as torch's own ops do (the checks read
    the data, which `torch.func.vmap` and `torch.compile` cannot branch on).
    """

    def __init__(self, op: Op) -> None:
        self.op = op
        names = {"a": "a", "b": "b", op.constant or "k": "b"}
        itself = Call(op, tuple(Name(name) for name in op.operands))
        forward = itself if written_natively(op) else definition(op) or itself
        self.text = pytorch(forward, names)
        self.domain = [(pytorch(condition, names), reason) for condition, reason in domain(op)]
        self._forward = _compiled(self.text, op)
        self._conditions = [_compiled(text, op) for text, _ in self.domain]

    def __call__(
        self, a: torch.Tensor, b: torch.Tensor | None = None, labels: str = "", checked: bool = True
    ) -> Any:
        if not checked:
            out = self._forward(a, b)
            return out if isinstance(out, torch.Tensor) else torch.full_like(a, out)
        with torch.no_grad():  # the checks are no part of what is differentiated
            for condition, (_, reason) in zip(self._conditions, self.domain):
                outside = torch.as_tensor(condition(a, b)) != 0
                if bool(outside.any()):
                    raise DomainError(self.op.name, _first(outside, a, b), labels, reason)
        out = self._forward(a, b)
        if not isinstance(out, torch.Tensor):  # a forward that is a number
            out = torch.full_like(a, out)
        finite = torch.isfinite(out)
        if not bool(finite.all()):
            raise DomainError(self.op.name, _first(~finite, a, b), labels, NOT_FINITE)
        return out

    def __repr__(self) -> str:
        return f"TorchOp({self.op.name}: {self.text})"

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # A module holding this can be copied and pickled: the op is found by its name.
        return (torch_op_named, (self.op.name,))


def _first(
    mask: torch.Tensor, a: torch.Tensor, b: torch.Tensor | None
) -> tuple[float, float | None]:
    """The inputs where `mask` first holds, as numbers (each broadcast to the mask's shape)."""
    where = tuple(int(i) for i in mask.nonzero()[0]) if mask.dim() else ()
    pick = [x for x in (a, b) if x is not None]
    shown = [float(torch.broadcast_to(x.detach(), mask.shape)[where]) for x in pick]
    return (shown[0], shown[1] if len(shown) > 1 else None)


_MADE: WeakKeyDictionary[Op, TorchOp] = WeakKeyDictionary()


def torch_op(op: Op) -> TorchOp:
    """The op's torch form, printed and compiled once per record."""
    if op not in _MADE:
        _MADE[op] = TorchOp(op)
    return _MADE[op]


def torch_op_named(name: str) -> TorchOp:
    """The torch form of the op of that name in the table (how a pickled module finds it)."""
    if name not in OPS:
        raise OpError(f"the op {name!r} is not in the table; register it before loading")
    return torch_op(OPS[name])


__all__ = ["TorchOp", "pytorch", "torch_op", "torch_op_named", "written_natively"]
