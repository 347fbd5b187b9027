"""backward, one step at a time: the nodes in the order the engine takes them, and what
each one hands to its inputs.

`backward()` walks the graph from the output down, and at each node passes the node's
gradient on: ∂ℓ/∂input += ∂ℓ/∂node · ∂node/∂input. `backward_steps(root)` lists those
passes, each with its chain-rule line in numbers and the grads it changed, read in one
of two ways (the same two as the pictures):
- "equations": one step per labelled node, the unlabelled nodes under it folded into
  its step (as `explain` folds them), so the steps speak the document's names;
- "ops": one step per op node, exactly as `backward()` takes them.
Nothing here touches `.grad`: the numbers come from the chain rule run on stand-ins
(`core.chain_rule.adjoints`), so the steps can be read before or after `backward()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.chain_rule import adjoints
from ..core.graph import topological_order
from ..core.value import Value
from ..formula.expr import Expr
from .folding import Folding
from .paths import number

VIEWS = ("equations", "ops")


def default_view(root: Value) -> str:
    """How a graph reads best: "equations" when some node computed by an op, other than
    `root`, has a label (a document's network: Z1, σ1, …), else "ops" (micrograd's
    small graphs, whose inner nodes have no names to write an equation in)."""
    named = (n for n in topological_order(root) if n.op is not None and n is not root)
    return "equations" if any(n.label for n in named) else "ops"


def check_view(view: str | None, root: Value) -> str:
    """`view`, or the default for `root`; anything else is refused with the choices."""
    if view is None:
        return default_view(root)
    if view not in VIEWS:
        raise ValueError(f"view={view!r}: choose 'equations' (one box per labelled node) or 'ops'")
    return view


def reading(root: Value, view: str, extra: Iterable[Value] = ()) -> Folding:
    """The graph read for `view`: stops at the labelled nodes (and `extra`), or at every node."""
    folding = Folding(root, extra=extra)
    return folding.stopping_at(folding.order) if view == "ops" else folding


@dataclass(frozen=True)
class Share:
    """What one step hands to one input: ∂root/∂node · ∂node/∂input, and that input's
    gradient before (None: nothing reached it yet) and after."""

    wrt: Value
    local: float  # ∂node/∂input, through any folded nodes between them
    formula: Expr | None  # the same as a formula in the graph's labels (None: too many ways)
    amount: float
    before: float | None
    after: float


@dataclass(frozen=True)
class BackwardStep:
    """Step `number` of backward: `node` passes its gradient `grad` (= ∂root/∂node) on."""

    number: int
    node: Value
    grad: float
    shares: tuple[Share, ...]
    lines: tuple[str, ...]  # one chain-rule line per share, with numbers

    @property
    def changed(self) -> tuple[Value, ...]:
        """The nodes whose gradient this step changed, in the order it changed them."""
        return tuple(share.wrt for share in self.shares)

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def __repr__(self) -> str:
        return f"BackwardStep({self.number}: {'; '.join(self.lines)})"


def backward_steps(
    root: Value, view: str | None = None, *, extra: Iterable[Value] = ()
) -> list[BackwardStep]:
    """The steps of `root.backward()`, in the order the engine takes them.

    Each step is one node (from the output down) passing its gradient to the nodes just
    below it; its lines read `∂ℓ/∂σ3 = ∂ℓ/∂ℓ · ∂ℓ/∂σ3 = 1 · (−1.968) = −1.968`, and a
    gradient that several steps add to reads `… = before + share = after`. `view`:
    "equations" (steps between labelled nodes, and `extra` nodes) or "ops" (one per op
    node); by default the one `draw` would choose. No `.grad` changes.
    """
    if not isinstance(root, Value):
        raise TypeError(f"backward_steps takes the Value to differentiate, got {root!r}")
    return steps_of(reading(root, check_view(view, root), extra))


def steps_of(folding: Folding) -> list[BackwardStep]:
    """The backward steps between the stops of `folding` (see `backward_steps`)."""
    grads = adjoints(folding.order, 1.0)  # ∂root/∂node for every node, each final
    top_name = folding.symbol(folding.root)
    known: dict[Value, float] = {folding.root: 1.0}
    steps: list[BackwardStep] = []
    for node in reversed(folding.order):
        if node.op is None or node not in folding.stops:
            continue
        g = grads[node]
        of = folding.symbol(node)
        shares, lines = [], []
        for step in folding.steps(node):
            amount = g * step.value
            before = known.get(step.wrt)
            after = amount if before is None else before + amount
            known[step.wrt] = after
            shares.append(Share(step.wrt, step.value, step.formula, amount, before, after))
            wrt = folding.symbol(step.wrt)
            chain = f"∂{top_name}/∂{of} · ∂{of}/∂{wrt}"
            product = f"{number(g)} · {_factor(step.value)}"
            if before is None:
                lines.append(f"∂{top_name}/∂{wrt} = {chain} = {product} = {number(after)}")
            else:
                lines.append(
                    f"∂{top_name}/∂{wrt} = {number(before)} + {chain}"
                    f" = {number(before)} + {_factor(g)} · {_factor(step.value)} = {number(after)}"
                )
        steps.append(BackwardStep(len(steps) + 1, node, g, tuple(shares), tuple(lines)))
    return steps


def _factor(x: float) -> str:
    """A number as a factor in the middle of a product: bracketed when negative."""
    shown = number(x)
    return f"({shown})" if shown.startswith("−") else shown
