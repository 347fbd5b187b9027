"""A recorded graph as a torch module: its leaves are parameters, its ops torch's.

`RecordedGraph(root)` walks the graph once, in the engine's topological order, and keeps
it as a list of instructions, one per op node, each run by the op's printed torch form
(`printing.TorchOp`). Every leaf becomes a float64 parameter named by its label, so
`torch.autograd` on the output gives what `backward()` gives; a plain number operand (the
2 of `x * 2`, pow's exponent) becomes an entry of the buffer `constants`, so `.float()` or
`.to(device)` moves it with the parameters. Every op is elementwise, so a leaf given a
tensor of many values runs the whole graph once per value: a batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import torch

from ..core.graph import topological_order
from ..core.value import Value, labels_of
from ..errors import GraphLookupError
from .names import can_name, free_name
from .printing import TorchOp, torch_op

# An instruction: the op, where its result goes, where its operands are (in the list of
# leaves, then constants, then results), and the labels of its input nodes, for errors.
Instruction = tuple[TorchOp, int, int, int, str]


class RecordedGraph(torch.nn.Module):
    """The graph that computed `root`, as a torch function of its leaves.

    Its parameters are the graph's leaves, in the order of `topological_order(root)`,
    each named by its label when torch can take it as a name (not empty, no `.`, not used
    twice) and `leaf{i}` otherwise; `labels` keeps every leaf's label in the same order.
    `forward()` returns the output as a tensor (0-d); `forward({"x": tensor})` computes it
    with those leaves replaced, named as the parameters are, a tensor of several values
    giving a batch of outputs.
    """

    constants: torch.Tensor

    def __init__(self, root: Value) -> None:
        super().__init__()
        nodes = topological_order(root)
        leaves = [node for node in nodes if node.op is None]
        op_nodes = [node for node in nodes if node.op is not None]
        slot = {leaf: i for i, leaf in enumerate(leaves)}
        constants = [x for node in op_nodes for x in node.operands if not isinstance(x, Value)]
        next_constant = len(leaves)  # slots: the leaves, then the constants, then the results
        first_result = len(leaves) + len(constants)
        program: list[Instruction] = []
        for j, node in enumerate(op_nodes):
            where = []
            for given in node.operands:
                if isinstance(given, Value):
                    where.append(slot[given])
                else:
                    where.append(next_constant)
                    next_constant += 1
            slot[node] = first_result + j
            b = where[1] if len(where) > 1 else -1
            program.append((torch_op(node.op), slot[node], where[0], b, labels_of(*node.parents)))
        # Every attribute is set before the parameters are named, so none is named over it.
        self.labels = [leaf.label for leaf in leaves]
        self.output = root.label
        self.check_domain = True  # see `without_domain_checks`
        self.program = program
        self._root = slot[root]
        self.names: list[str] = []
        self.register_buffer("constants", torch.tensor(constants, dtype=torch.float64))
        for i, leaf in enumerate(leaves):
            name = leaf.label if can_name(self, leaf.label) else free_name(self, f"leaf{i}")
            self.register_parameter(name, _parameter(leaf.data))
            self.names.append(name)

    def forward(self, values: Mapping[str, Any] | None = None) -> torch.Tensor:
        """The output; leaves named in `values` take those numbers or tensors instead."""
        leaves: list[Any] = list(self.parameters())
        for name, given in (values or {}).items():
            leaves[self._index(name)] = _tensor(given, leaves[0])
        slots: list[Any] = leaves + list(self.constants.unbind(0)) + [None] * len(self.program)
        for op, out, a, b, labels in self.program:
            slots[out] = op(slots[a], None if b < 0 else slots[b], labels, self.check_domain)
        return slots[self._root]

    def _index(self, name: str) -> int:
        if name in self.names:
            return self.names.index(name)
        if name in self.labels and self.labels.count(name) == 1:
            return self.labels.index(name)
        shown = ", ".join(self.names[:20]) + (", …" if len(self.names) > 20 else "")
        raise GraphLookupError(f"the graph has no leaf named {name!r}; its leaves are {shown}")

    def extra_repr(self) -> str:
        output = self.output or "the output"
        shown = ", ".join(self.names[:12]) + (", …" if len(self.names) > 12 else "")
        counts = Counter(op for op, *_ in self.program)
        ops = ", ".join(f"{op.op.name} ×{n} → {op.text}" for op, n in counts.items())
        leaves = f"{len(self.names)} {'leaf' if len(self.names) == 1 else 'leaves'}"
        return f"{output} from {leaves}: {shown}\n{len(self.program)} ops: {ops or 'none'}"


def _parameter(number: float) -> torch.nn.Parameter:
    return torch.nn.Parameter(torch.tensor(number, dtype=torch.float64))


def _tensor(given: Any, like: torch.Tensor) -> torch.Tensor:
    """A leaf's new value as a tensor: a number or list gets the parameters' dtype."""
    if isinstance(given, torch.Tensor):
        return given
    return torch.as_tensor(given, dtype=like.dtype, device=like.device)


def graph_to_torch(root: Value) -> RecordedGraph:
    """`RecordedGraph(root)`, after checking that `root` is a node of a graph."""
    if not isinstance(root, Value):
        raise TypeError(
            f"to_torch takes the output Value of a graph, or an nn model; got {type(root).__name__}"
        )
    return RecordedGraph(root)


__all__ = ["RecordedGraph", "graph_to_torch"]
