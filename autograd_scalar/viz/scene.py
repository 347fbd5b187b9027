"""What one picture holds besides its DOT text: which Value each box draws, its edges,
which nodes the equation view gives a box, and which moment of backward it shows.

Both views (`equations`, `dot`) return a `Scene`; the page (`page`) needs it to find a
node's box in the SVG, to step through backward, and to colour paths. A `Stage` is the
moment of backward a picture shows: every grad (after backward), or the grads filled
after k steps with the current node marked.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from ..core.chain_rule import adjoints
from ..core.value import Value
from ..explanation.folding import Folding
from ..explanation.steps import BackwardStep

MAX_BOXES = 30  # more boxes than this: one example at a time, and shorter edge labels


@dataclass(frozen=True)
class Boxes:
    """The nodes that get a box (inputs first), those drawn without their inputs (the
    other examples), a note for the title saying what was left out, and the band of
    each node that one example alone owns, and each example's target leaf with the
    branch it is compared with (see `examples`)."""

    drawn: list[Value]
    collapsed: frozenset[Value] = frozenset()
    note: str = ""
    bands: Mapping[Value, str] = field(default_factory=dict)
    targets: Mapping[Value, Value] = field(default_factory=dict)  # y_k → its example's ŷ_k

    @property
    def big(self) -> bool:
        """Whether the whole graph has more boxes than a column holds with full labels."""
        return len(self.drawn) > MAX_BOXES or bool(self.collapsed)


@dataclass(frozen=True)
class Stage:
    """The grads a picture shows (a node missing from `grads` is blank), the node being
    stepped (if any), and that step's chain rule as a line for the title."""

    grads: Mapping[Value, float]
    current: Value | None = None
    note: str = ""

    def largest(self, root: Value) -> float:
        """The largest |grad| but the root's, the scale of the grad colours: the root's is
        1 by definition, and scaling by it would wash out the rest."""
        return max((abs(g) for n, g in self.grads.items() if n is not root), default=0.0)


def every_grad(order: list[Value]) -> Stage:
    """The stage after backward(): ∂root/∂node for every node, the root last in `order`.

    This is one call's gradient, as `explain` and `check_partial` give it, not the `.grad`
    that a leaf adds up over several calls of backward()."""
    return Stage(adjoints(order, 1.0))


def after_steps(root: Value, steps: Sequence[BackwardStep], k: int, name: str = "ℓ") -> Stage:
    """The stage after the first `k` steps: the seed ∂root/∂root = 1, then each share
    (`name`: the root's, for the first line)."""
    if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= len(steps):
        raise ValueError(f"step={k!r}: give a whole number from 0 to {len(steps)} (the steps)")
    grads: dict[Value, float] = {root: 1.0}
    for step in steps[:k]:
        grads.update({share.wrt: share.after for share in step.shares})
    if k == 0:
        return Stage(grads, None, f"step 0 of {len(steps)}: the seed, ∂{name}/∂{name} = 1")
    step = steps[k - 1]
    return Stage(grads, step.node, "\n".join([f"step {k} of {len(steps)}:", *step.lines]))


@dataclass
class Scene:
    """A drawn picture: its DOT text, the box of each Value drawn (DOT id), its edges as
    (edge id, tail id, head id) in the direction of the forward pass, the reading of the
    graph it was drawn from, and the scale of its grad colours."""

    source: str
    boxes: dict[Value, str] = field(default_factory=dict)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    folding: Folding | None = None
    largest: float = 0.0
    steps: list[BackwardStep] | None = None  # computed when first needed
    chosen: Boxes | None = None  # the equation view's: which nodes have a box
    step: int | None = None  # the step of backward drawn (None: as backward left it)
    params: Collection[Value] = ()  # the leaves drawn as parameters
    param_names: Mapping[Value, str] = field(default_factory=dict)  # a module's, dotted
    page_source: str | None = None  # the DOT of the page's picture, when it differs
    heading: str | None = None  # how the title's first line starts, before the output's value
    colour: bool = True  # whether boxes are filled by the sign of their grad
    rankdir: str = "LR"
    highlight: list[str] = field(default_factory=list)  # the names of the highlighted nodes
    # The title's line on what the .grad fields hold, as drawn and once the knobs moved.
    grad_notes: tuple[str, str] | None = None
    # The number each edge shows: the step of the reading from a node to the node below
    # (the equation view), or a node's local partial by its input at a position (ops).
    edge_steps: dict[str, tuple[Value, Value]] = field(default_factory=dict)
    edge_partials: dict[str, tuple[Value, int]] = field(default_factory=dict)
