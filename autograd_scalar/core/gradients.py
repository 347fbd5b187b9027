"""`grad()`: derivatives as return values, leaving every `.grad` as it is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .chain_rule import adjoints
from .graph import topological_order
from .value import Value


def grad(output: Value, inputs: Value | Sequence[Value], create_graph: bool = False) -> Any:
    """∂output/∂input for each input (one number for a single input), touching no `.grad`.

    With `create_graph=True` the gradients are Values recorded in the graph, so they
    can be differentiated again (second derivatives, Hessian entries); they are
    recorded even inside `no_grad()`, as PyTorch does. An input that `output` does not
    depend on gets 0. The chain rule is the one `backward` runs (`core.chain_rule`).
    """
    if not isinstance(output, Value):
        raise TypeError(f"grad() differentiates a Value, got {type(output).__name__} {output!r}")
    single = isinstance(inputs, Value)
    if isinstance(inputs, (str, bytes)):
        raise TypeError(f"grad() takes Values as inputs, got the string {inputs!r}")
    wanted: list[Value] = [inputs] if isinstance(inputs, Value) else list(inputs)
    for x in wanted:
        if not isinstance(x, Value):
            raise TypeError(f"grad() takes Values as inputs, got {x!r}; pass the node itself")
    order = topological_order(output)
    seed = Value(1.0) if create_graph else 1.0
    in_graph = set(order)
    check = [] if create_graph else [x for x in wanted if x in in_graph]
    found = adjoints(order, seed, create_graph=create_graph, check=check)
    answers = [found.get(x, 0.0) for x in wanted]
    if create_graph:  # a constant 0 where nothing flowed, as a Value like the others
        answers = [a if isinstance(a, Value) else Value(a) for a in answers]
    return answers[0] if single else answers
