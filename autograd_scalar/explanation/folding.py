"""A graph as a person reads it: labelled nodes, their equations, and the steps between them.

A person's chain rule steps from named quantity to named quantity: ∂ℓ/∂σ3 · ∂σ3/∂Z3 ·
∂Z3/∂W5. The unlabelled nodes in between (the `1 − σ3` and the `log` inside a loss) fold
into the equation of the labelled node above them, `ℓ = −(1 − y)·log(1 − σ3) − y·log(σ3)`,
and into the step that crosses them, whose value sums over every way through and whose
formula is built from the op table's formulas. `explain` and the pictures' equation view
both read a graph through this one `Folding`.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.chain_rule import adjoints
from ..core.graph import topological_order
from ..core.value import Value
from ..formula.algebra import product, simplify, total
from ..formula.expr import Call, Expr, Name, Number, substitute
from ..formula.printing import text
from ..formula.templates import partial_formulas

LONGEST = 30  # an unlabelled node whose expression is longer is named by its op and place
MAX_WAYS = 4  # a step with more ways through the folded nodes is given as a number only
MAX_FACTORS = 12  # ... and so is one with a way through more folded nodes than this


@dataclass(frozen=True)
class Step:
    """One step of the chain rule between named nodes: ∂of/∂wrt as a formula and a number.

    `formula` is None when there are more than MAX_WAYS ways through the folded nodes, or
    a way of more than MAX_FACTORS factors: too long to read, and to write (a way through
    a chain of n nodes would take n²/2 factors to build)."""

    of: Value
    wrt: Value
    formula: Expr | None
    value: float


class Ways:
    """The ways from one named node down to another, each a list of local partial formulas.

    It multiplies and adds as the chain rule needs (`formula · ways`, `ways + ways`), so
    the chain rule of `core.chain_rule` composes formulas as it composes numbers.
    """

    def __init__(self, products: list[list[Expr]] | None) -> None:
        self.products = products  # None: more ways, or longer ones, than are worth writing out

    def __rmul__(self, factor: Expr) -> Ways:
        if self.products is None:
            return self
        if any(len(path) >= MAX_FACTORS for path in self.products):
            return Ways(None)
        return Ways([[*path, factor] for path in self.products])

    def __add__(self, other: Any) -> Ways:
        if not isinstance(other, Ways):  # the 0.0 a stand-in starts from
            return self
        if self.products is None or other.products is None:
            return Ways(None)
        both = self.products + other.products
        return Ways(both if len(both) <= MAX_WAYS else None)

    __radd__ = __add__

    def formula(self) -> Expr | None:
        if self.products is None:
            return None
        return simplify(total([product(path) for path in self.products]))


class Folding:
    """One graph read in its labels: the named nodes ("stops"), how every node is written,
    each stop's equation, and the steps of the chain rule from a stop to the stops below.

    Stops are the labelled nodes, the root and any `extra` nodes (explain's `wrt`).
    """

    def __init__(self, root: Value, extra: Iterable[Value] = ()) -> None:
        self.root = root
        self.order = topological_order(root)
        self.place = {node: i for i, node in enumerate(self.order)}
        self.stops = self._labelled() | set(extra)
        self._given: Mapping[Value, str] = {}
        self._names: dict[Value, Expr] = {}
        for node in self.order:
            self._names[node] = self._name(node)

    def _labelled(self) -> set[Value]:
        return {node for node in self.order if node.label} | {self.root}

    def stopping_at(self, extra: Iterable[Value]) -> Folding:
        """The same graph read with its stops at the labelled nodes, the root and `extra`
        only, as `Folding(root, extra)` reads it: the names (which do not depend on the
        stops) are shared, not written again. A page explains every box this way."""
        other = copy.copy(self)
        other.stops = self._labelled() | set(extra)
        return other

    def naming(self, names: Mapping[Value, str]) -> Folding:
        """The same reading, with the nodes of `names` (unlabelled ones) written by those
        names, as labels are, and every node computed from them written again. The page
        names its knobs' unlabelled leaves so: a leaf written as its number would keep that
        number in every formula after its knob moved."""
        other = copy.copy(self)
        other._given = {node: name for node, name in names.items() if not node.label}
        other._names = {}
        for node in other.order:
            other._names[node] = other._name(node)
        return other

    def __repr__(self) -> str:
        return f"Folding({self.name_text(self.root)}: {len(self.order)} nodes, {len(self.stops)} named)"

    def name(self, node: Value) -> Expr:
        """How a node is written inside a formula: its label, its number (an unlabelled
        leaf), its expression (an unlabelled op), or `op#place` when that is too long."""
        return self._names[node]

    def name_text(self, node: Value) -> str:
        """`name(node)` as text."""
        return text(self._names[node])

    def symbol(self, node: Value) -> str:
        """The node as it stands in ∂name: its label (bracketed if it has spaces), or its
        expression in brackets: ∂ℓ/∂σ3, ∂(1 − σ3)/∂σ3."""
        written = self.name_text(node)
        labelled = isinstance(self._names[node], Name) and " " not in written
        return written if labelled else f"({written})"

    def _name(self, node: Value) -> Expr:
        if node.label:
            return Name(node.label)
        if node in self._given:
            return Name(self._given[node])
        if node.op is None:
            return Number(node.data)
        written = self.equation(node)
        if len(text(written)) > LONGEST:  # type: ignore[arg-type]
            return Name(f"{node.op.name}#{self.place[node]}")
        return written  # type: ignore[return-value]

    def equation(self, node: Value) -> Expr | None:
        """The node's op over its operands' names: `W1·X1 + W2·X2 + b1` for Z1 (None for a leaf)."""
        if node.op is None:
            return None
        return Call(node.op, tuple(self._operand(x) for x in node.operands))

    def _operand(self, x: Value | float) -> Expr:
        return self._names[x] if isinstance(x, Value) else Number(x)

    def steps(self, top: Value, within: Collection[Value] | None = None) -> list[Step]:
        """The steps from the stop `top` to the stops just below it, through folded nodes.

        `within` limits the walk to those nodes (explain: the nodes that depend on wrt).
        """
        below = self.below(top, within)
        reached = [node for node in below if node in self.stops and node is not top]
        ends = set(reached)
        values = adjoints(below, 1.0, cut=ends)
        ways = adjoints(below, Ways([[]]), cut=ends, partials=self.partial_formulas)
        return [Step(top, node, ways[node].formula(), values[node]) for node in reached]

    def below(self, top: Value, within: Collection[Value] | None = None) -> list[Value]:
        """`top`, the unnamed nodes under it, and the stops that end the walk, in order."""
        found = {top}
        pending = [top]
        while pending:
            node = pending.pop()
            if node is not top and node in self.stops:
                continue
            for parent in node.parents:
                if parent not in found and (within is None or parent in within):
                    found.add(parent)
                    pending.append(parent)
        return sorted(found, key=self.place.__getitem__)

    def partial_formulas(self, node: Value) -> tuple[Expr | None, Expr | None]:
        """∂node/∂input as formulas in the graph's names, for each input of the node."""
        op = node.op
        assert op is not None
        fill: dict[str, Expr] = {"out": self._names[node]}
        for placeholder, given in zip(op.operands, node.operands):
            fill[placeholder] = self._operand(given)
        formulas = [simplify(substitute(template, fill)) for template in partial_formulas(op)]
        return formulas[0], formulas[1] if op.arity == 2 else None
