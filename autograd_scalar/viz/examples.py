"""A loss over several examples, drawn so that each example can be followed.

A cost over a batch (`C = 1/m Σ (y_k − ŷ_k)²`, `J` from `L(1)`, …, `L(m)`) is an output
computed from several computed nodes, one per example: its *branches*. Each example owns
the nodes under its branch that no other example uses (its inputs, its sums, its
activations) and the leaves the output takes for it alone (its target `y_k`); the shared
parameters belong to none. The picture draws each example in a band of its own, in order,
its target beside its prediction, and the shared parameters once, outside every band.

A graph of more than MAX_BOXES boxes shows one example whole and the others as boxes
without their inputs; backward's steps are then those of the drawn example, and a sum that
also holds what the other examples handed on says where those terms came from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from ..core.value import Value
from ..explanation.folding import Folding
from ..explanation.paths import number
from ..explanation.steps import BackwardStep, steps_of
from .scene import MAX_BOXES, Boxes


def choose_boxes(folding: Folding, example: int | None) -> Boxes:
    """Every stop of the reading; or, for a graph of more than MAX_BOXES boxes whose output
    is computed from several examples, the output, the leaves it takes directly, and one
    example, `example` (1 by default), with everything under it; the others get a box
    without their inputs. Each example's own nodes are put in its band."""
    stops = [node for node in folding.order if node in folding.stops]
    branches = _branches(folding)
    _check_example(folding, branches, example)
    if example is None and (len(stops) <= MAX_BOXES or len(branches) < 2):
        if len(branches) < 2:
            return Boxes(stops)
        targets = _targets(folding, set(branches))
        return Boxes(stops, bands=_bands(folding, branches, targets), targets=targets)
    chosen = branches[(example or 1) - 1]
    keep = {folding.root, *_direct(folding), *_under(folding, [chosen])}
    others = [node for node in branches if node is not chosen]
    note = (
        f"example {branches.index(chosen) + 1} of {len(branches)}: "
        f"{', '.join(folding.name_text(node) for node in others)} drawn without their inputs"
    )
    drawn = [node for node in stops if node in keep]
    return Boxes(drawn, frozenset(others), note)  # one example drawn: it needs no band


def _direct(folding: Folding) -> list[Value]:
    """The stops the output is computed from directly."""
    return [step.wrt for step in folding.steps(folding.root)]


def _branches(folding: Folding) -> list[Value]:
    """The computed nodes the output is computed from directly: one per example."""
    return [node for node in _direct(folding) if node.op is not None]


def _check_example(folding: Folding, branches: list[Value], example: int | None) -> None:
    if example is None:
        return
    whole = not isinstance(example, bool) and isinstance(example, int)
    if whole and len(branches) > 1 and 1 <= example <= len(branches):
        return
    root = folding.name_text(folding.root)
    if len(branches) > 1:
        names = ", ".join(folding.name_text(node) for node in branches)
        said = f"{root} is computed from {len(branches)} examples ({names}); "
        said += f"give a whole number from 1 to {len(branches)}"
    else:
        said = f"{root} is not computed from several examples; leave example= out"
    raise ValueError(f"example={example!r}: {said}")


def _under(folding: Folding, tops: Sequence[Value]) -> set[Value]:
    """`tops` and every stop under them."""
    found = set(tops)
    pending = list(tops)
    while pending:
        node = pending.pop()
        for step in folding.steps(node) if node.op is not None else []:
            if step.wrt not in found:
                found.add(step.wrt)
                pending.append(step.wrt)
    return found


def _bands(
    folding: Folding, branches: list[Value], targets: Mapping[Value, Value]
) -> dict[Value, str]:
    """The band of each node that one example alone owns: "example k (name)"."""
    titles = {
        branch: f"example {k} ({folding.name_text(branch)})" for k, branch in enumerate(branches, 1)
    }
    owners: dict[Value, set[Value]] = {}
    for branch in branches:
        for node in _under(folding, [branch]):
            owners.setdefault(node, set()).add(branch)
    bands = {node: titles[next(iter(who))] for node, who in owners.items() if len(who) == 1}
    for leaf, branch in targets.items():
        bands[leaf] = titles[branch]
    return bands


def _targets(folding: Folding, branches: set[Value]) -> dict[Value, Value]:
    """Each leaf the output takes directly that is used with one example alone (its
    target: `y_k` in `(y_k − ŷ_k)²`), and that example's branch."""
    root = folding.root
    walked = folding.below(root)
    inside = set(walked)
    under: dict[Value, set[Value]] = {}
    for node in walked:  # inputs first: a folded node's branches are its inputs'
        if node in branches:
            under[node] = {node}
        elif node in folding.stops:
            under[node] = set()
        else:
            under[node] = set().union(*(under[p] for p in node.parents if p in inside))
    found: dict[Value, Value] = {}
    for node in walked:
        if node in folding.stops or node.op is None:
            continue
        if len(under[node]) != 1:
            continue
        for parent in node.parents:
            if parent.op is None and parent in folding.stops and parent not in found:
                found[parent] = next(iter(under[node]))
    return found


def stepped(folding: Folding, chosen: Boxes | None) -> list[Value]:
    """The nodes whose steps of backward are shown, in backward's order (from the output
    down): every computed stop, but for one example, those drawn with their inputs."""
    inside = set(chosen.drawn) - chosen.collapsed if chosen is not None else folding.stops
    return [n for n in reversed(folding.order) if n.op is not None and n in inside]


def drawn_steps(folding: Folding, chosen: Boxes | None) -> list[BackwardStep]:
    """The steps of backward whose node is drawn (all of them, but for one example). A
    share whose sum already holds what an example not drawn handed on says so:
    `∂J/∂b2[1] = 0.1646 (from L(2), L(3), L(4)) + ∂J/∂Z2[1](1) · …`."""
    steps = steps_of(folding)
    if chosen is None or not chosen.collapsed:
        return steps
    hidden = hidden_examples(folding, chosen)
    order = list(dict.fromkeys(hidden.values()))
    inside = set(chosen.drawn) - chosen.collapsed
    drawn: list[BackwardStep] = []
    given: dict[Value, list[str]] = {}  # who handed each node its gradient so far
    for step in steps:
        lines = list(step.lines)
        for i, share in enumerate(step.shares):
            sources = given.setdefault(share.wrt, [])
            if share.before is not None and any(s in hidden.values() for s in sources):
                wrt = folding.symbol(share.wrt)
                lines[i] = sourced(lines[i], wrt, share.before, sources, order)
            source = hidden.get(step.node) or folding.name_text(step.node)
            if source not in sources:
                sources.append(source)
        if step.node in inside:
            drawn.append(dataclasses.replace(step, lines=tuple(lines)))
    return drawn


def sourced(line: str, wrt: str, before: float, sources: list[str], order: list[str]) -> str:
    """A step's line with where the sum so far came from, after its first term: the
    examples not drawn in their `order`, then the drawn nodes as they handed it on."""
    head = f"/∂{wrt} = {number(before)}"
    at = line.index(head) + len(head)
    first = [name for name in order if name in sources]
    named = first + [name for name in sources if name not in order]
    return f"{line[:at]} (from {', '.join(named)}){line[at:]}"


def hidden_examples(folding: Folding, chosen: Boxes) -> Mapping[Value, str]:
    """Each node of an example drawn without its inputs, and that example's name, the
    examples in their order."""
    inside = set(chosen.drawn) - chosen.collapsed
    hidden: dict[Value, str] = {}
    for top in sorted(chosen.collapsed, key=folding.place.__getitem__):
        name = folding.name_text(top)
        for node in _under(folding, [top]):
            if node not in inside:
                hidden.setdefault(node, name)
    return hidden


__all__ = ["choose_boxes", "drawn_steps", "hidden_examples", "sourced", "stepped"]
