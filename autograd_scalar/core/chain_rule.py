"""The chain rule, written once, and the two ways to run it: `backward` and `adjoints`.

`chain_rule(order)` walks nodes from the last to the first and hands each node's
gradient to its inputs: ∂root/∂input += ∂root/∂node · ∂node/∂input. That line is the
whole of backpropagation; everything else here decides where the gradients live:
- `backward(root)` runs it on the graph itself, so the answers land in `.grad`;
- `adjoints(...)` runs it on stand-ins, one per node, so no `.grad` changes: `grad()`,
  `explain`, and the step-by-step view of backward are built on it.
"""

from __future__ import annotations

import gc
import math
import threading
from collections.abc import Callable, Collection, Mapping
from contextlib import nullcontext
from typing import Any

from ..errors import NonFiniteGradientError
from ..interrupts import Interrupts
from .grad_mode import enable_grad
from .graph import topological_order
from .ops import call_partials

LARGEST = 1.7976931348623157e308  # `-LARGEST <= x <= LARGEST` is false for inf and NaN


def chain_rule(order: list[Any]) -> None:
    """Pass each node's `.grad` to its inputs, the nodes of `order` taken last to first.

    `order` is topological (inputs first) and its last node holds the seed. A node whose
    gradient is exactly 0 passes nothing on: that is exact (it would add ±0 to sums
    that start at +0), and it keeps 0·∞ from turning a slope that is never used into NaN.
    """
    for node in reversed(order):
        g = node.grad
        if g == 0.0:
            continue
        a = node._a
        if a is not None:
            a.grad += node._da * g
        b = node._b
        if b is not None:
            b.grad += node._db * g


def backward(root: Any) -> None:
    """Fill `.grad` of every node of `root`'s graph with ∂root/∂node.

    The root is seeded with 1. Interior grads are recomputed on every call; leaf grads
    accumulate across calls until zeroed, as in PyTorch. The old leaf grads are added
    last, so that two calls give exactly twice the leaf gradients. If a gradient is not
    finite, or the call is interrupted (Ctrl-C) wherever it is, every leaf keeps the
    grad it had, every interior grad is 0, and NonFiniteGradientError names the node
    where the gradient stopped being finite; a further Ctrl-C waits until that is done.
    Calls from several threads are taken one at a time, so that each gets the answer
    it would get alone (the grads that nodes hold are shared between the threads).
    """
    with _ONE_AT_A_TIME, Interrupts() as interrupts:
        leaves: list[tuple[Any, float]] = []  # each leaf met, with its grad before this call
        order: list[Any] = []
        try:
            order = topological_order(root, leaves)  # zeroes grads on the way
            root.grad = 1.0
            chain_rule(order)
            if not _add_earlier_grads(leaves):
                raise non_finite_error(order, _grad_of, _recorded_partials, dict(leaves))
        except BaseException:  # an error, or Ctrl-C: never leave half-updated grads behind
            interrupts.holding = True  # before anything else: a second Ctrl-C waits
            # Interrupted during the walk, `order` is empty and only some nodes were zeroed.
            for node in order or topological_order(root):
                if node._op is not None:
                    node.grad = 0.0
            for leaf, old in leaves:
                leaf.grad = old
            raise


def _add_earlier_grads(leaves: list[tuple[Any, float]]) -> bool:
    """Add to each leaf's grad the grad it had before the call; whether all are finite.

    A function of its own, so that no loop of the work runs in backward's own frame: on
    Python 3.13 a Ctrl-C that lands on a loop's jump back can leave the frame without
    running its `except` or its `with` exits (CPython issue 130279). Raised in here, it
    reaches backward at this call, where both run. (The putting right holds Ctrl-C, so
    nothing is raised in its loops.)"""
    finite = True
    for leaf, old in leaves:
        total = leaf.grad + old
        leaf.grad = total
        if not -LARGEST <= total <= LARGEST:
            finite = False
    return finite


# One backward at a time: the chain rule keeps its running sums in the nodes' `.grad`,
# which two calls on graphs that share a node would otherwise add into at once.
# Re-entrant, so that an op's own code may call backward without waiting for itself.
_ONE_AT_A_TIME = threading.RLock()


class _StandIn:
    """Where `adjoints` keeps one node's gradient, so that the node's `.grad` stays as it is."""

    __slots__ = ("grad", "_a", "_b", "_da", "_db")
    grad: Any
    _a: _StandIn | None
    _b: _StandIn | None
    _da: Any
    _db: Any


def adjoints(
    order: list[Any],
    seed: Any,
    *,
    create_graph: bool = False,
    partials: Callable[[Any], tuple[Any, Any]] | None = None,
    cut: Collection[Any] = (),
    check: Collection[Any] = (),
) -> dict[Any, Any]:
    """∂(last node of `order`)/∂node for every node of `order`, leaving every `.grad` alone.

    `order` is topological and its last node is the one differentiated, seeded with
    `seed`. Gradients flow only through the nodes of `order`, and not through the nodes
    in `cut`, which receive their share and pass nothing on. The local partials are the
    recorded floats; with `create_graph=True` they are recomputed from the op table as
    Values, so the answers are nodes that can be differentiated again (seed Value(1.0));
    or they are whatever `partials(node)` gives, for anything that multiplies and adds
    as the chain rule needs (`explain` runs it on formulas). The adjoints of the nodes
    in `check` must be finite floats, else NonFiniteGradientError.
    """
    local = _value_partials if create_graph else partials or _recorded_partials
    stand: dict[Any, _StandIn] = {}
    collecting = gc.isenabled()
    try:
        # Stand-ins point only at stand-ins made before them: they make no cycle, and the
        # garbage collector, run again and again while a million are made, only slows
        # this down (2.3 times over on a chain of a million nodes).
        gc.disable()
        with enable_grad() if create_graph else nullcontext():
            for node in order:
                s = _StandIn()
                s.grad = 0.0
                s._a = s._b = s._da = s._db = None
                if node._op is not None and node not in cut:
                    s._a = stand.get(node._a) if node._a is not None else None
                    s._b = stand.get(node._b) if node._b is not None else None
                    s._da, s._db = local(node)
                stand[node] = s
            stand[order[-1]].grad = seed
            chain_rule(list(stand.values()))
        found = {node: s.grad for node, s in stand.items()}
    finally:
        if collecting:
            gc.enable()
    if check and not all(-LARGEST <= found[node] <= LARGEST for node in check):
        raise non_finite_error(order, found.__getitem__, _recorded_partials, {}, cut)
    return found


def _value_partials(node: Any) -> tuple[Any, Any]:
    """The node's local partials recomputed from the table with Values, as graph nodes."""
    partials = node._op.partials(*node.operands, node)  # (a, b), (a, k) or (a,), then out
    return partials[0], partials[1] if node._op.arity == 2 else None


def _grad_of(node: Any) -> Any:
    return node.grad


def _recorded_partials(node: Any) -> tuple[Any, Any]:
    return node._da, node._db


def non_finite_error(
    order: list[Any],
    adjoint: Callable[[Any], Any],
    local: Callable[[Any], tuple[Any, Any]],
    before: Mapping[Any, float],
    cut: Collection[Any] = (),
    data: Callable[[Any], float] | None = None,
) -> NonFiniteGradientError:
    """The error for a backward pass whose gradients became inf or NaN, naming where.

    It looks, from the root down, for the first node whose finite gradient became a
    non-finite share for one of its inputs: an op with no finite slope there (√x at 0),
    or a product past the largest float. Failing that, a sum overflowed at some node
    (several large shares, or a leaf's earlier grad in `before`).
    """
    value = data or (lambda node: node.data)
    for node in reversed(order):
        g = adjoint(node)
        if node._op is None or node in cut or g == 0.0 or not -LARGEST <= g <= LARGEST:
            continue
        for parent, partial in zip((node._a, node._b), local(node)):
            if parent is None or -LARGEST <= partial * g <= LARGEST:
                continue
            name = f"node {node.label!r}" if node.label else f"an unlabelled {node._op.name} node"
            if -LARGEST <= partial <= LARGEST:
                why = f"{g!r} × {partial!r} (the slope of {name}) overflows a float"
            else:
                inputs = ", ".join(f"{x!r}" for x in _operands(node, value) if x is not None)
                why = f"{node._op.name} has no finite slope at ({inputs}), in {name}"
                if _slope_overflows(node, value):
                    why = f"the slope of {node._op.name} at ({inputs}) overflows a float, in {name}"
            return NonFiniteGradientError(parent, partial * g, why, value(parent))
    for node in order:
        g = adjoint(node)
        if not -LARGEST <= g <= LARGEST:
            why = "the gradients reaching it add up past the largest float"
            if node in before:
                why = "adding the grad it already had overflows: call zero_grad() between steps"
            return NonFiniteGradientError(node, g, why, value(node))
    raise AssertionError("non_finite_error found nothing that is not finite; please report")


def _operands(node: Any, value: Callable[[Any], float]) -> tuple[Any, ...]:
    a = value(node._a) if node._a is not None else node._const
    if node._op.arity == 2:
        return (a, value(node._b) if node._b is not None else node._const)
    return (a, node._const)


def _slope_overflows(node: Any, value: Callable[[Any], float]) -> bool:
    """Whether the node's slope is a real number past the largest float (x^−0.5 at 1e-250),
    rather than one that does not exist (√x at 0)."""
    x, y = _operands(node, value)
    try:
        slopes = call_partials(node._op, x, y, value(node))
    except OverflowError:
        return True
    except (ValueError, ArithmeticError):
        return False
    return not any(math.isnan(slope) for slope in slopes)  # ±inf: the arithmetic overflowed
