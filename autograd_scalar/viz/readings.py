"""How the page's script reads the graph in its labels: names, and the formulas of the steps.

The script recomputes every number of the chain rule (each step's value, each path's
product, backward's steps) from the tape, but its words are the graph's, and those come
from here: each named node's name (`Z1`, `1 − σ3`) and how it stands in ∂name, and each
step's formula, as `explain` writes it. Formulas do not change when a knob moves; only
the numbers do.

Two readings are given (see `explanation.folding`): the picture's, whose stops are its
boxes (the steps of backward and the numbers on the edges), and explain's, whose stops
are the labelled nodes and the output, with the chosen node added when it has no label.
Explain's formulas are given once for the labelled stops, and for each unlabelled box only
those its own stop changes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from ..core.value import Value
from ..explanation.folding import Folding
from ..explanation.paths import Factor
from ..formula.printing import text


def page_readings(folding: Folding, boxes: Iterable[Value]) -> dict[str, Any]:
    """The names and formulas the script needs for `folding` (the picture's reading) and for
    explaining each of `boxes`."""
    place = folding.place
    stops = [node for node in folding.order if node in folding.stops]
    names = {node: folding.name_text(node) for node in stops}
    labelled = folding.stopping_at([])
    walks = {top: labelled.below(top) for top in labelled.order if _is_top(labelled, top)}
    extra: dict[str, dict[str, str | None]] = {}
    for box in boxes:
        if box in labelled.stops:
            continue
        # Explaining a node that has no label, its own reading stops at it too: the steps
        # that crossed it now end there. Only those into the nodes computed from it count.
        own = folding.stopping_at([box])
        found: dict[str, str | None] = {}
        for top, walk in walks.items():
            if box in walk:
                found.update(_formulas(own, [top], names, _computed_from(walk, box)))
        extra[str(place[box])] = found
    return {
        "stops": [place[node] for node in stops],
        "names": {place[node]: name for node, name in names.items()},
        "symbols": {place[node]: folding.symbol(node) for node in stops},
        "formulas": _formulas(labelled, walks, names),
        "extra": extra,
    }


def _is_top(folding: Folding, node: Value) -> bool:
    return node.op is not None and node in folding.stops


def _formulas(
    folding: Folding,
    tops: Iterable[Value],
    names: Mapping[Value, str],
    within: Collection[Value] | None = None,
) -> dict[str, str | None]:
    """Each step from each of `tops` (through `within`) as a factor of explain writes it,
    by "top,end" places."""
    place = folding.place
    found: dict[str, str | None] = {}
    for top in tops:
        for step in folding.steps(top, within):
            formula = None if step.formula is None else text(step.formula)
            factor = Factor(names[step.of], names[step.wrt], formula, step.value, step.formula)
            found[f"{place[top]},{place[step.wrt]}"] = factor.written()
    return found


def _computed_from(walk: list[Value], node: Value) -> set[Value]:
    """The nodes of `walk` (in order, inputs first) that are `node` or computed from it."""
    found = {node}
    for other in walk:
        if any(parent in found for parent in other.parents):
            found.add(other)
    return found


__all__ = ["page_readings"]
