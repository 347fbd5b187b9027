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

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.value import Value
from ..explanation.explain import Factor
from ..explanation.folding import Folding
from ..formula.printing import text


def page_readings(folding: Folding, boxes: Iterable[Value]) -> dict[str, Any]:
    """The names and formulas the script needs for `folding` (the picture's reading) and for
    explaining each of `boxes`."""
    place = folding.place
    stops = [node for node in folding.order if node in folding.stops]
    labelled = folding.stopping_at([])
    extra: dict[str, dict[str, str | None]] = {}
    tops_through = _tops_through(labelled)
    for box in boxes:
        if box in labelled.stops:
            continue
        own = folding.stopping_at([box])
        tops = [box, *tops_through.get(box, [])]
        extra[str(place[box])] = _formulas(own, [top for top in tops if top.op is not None])
    return {
        "stops": [place[node] for node in stops],
        "names": {place[node]: folding.name_text(node) for node in stops},
        "symbols": {place[node]: folding.symbol(node) for node in stops},
        "formulas": _formulas(labelled, [n for n in labelled.order if n in labelled.stops]),
        "extra": extra,
    }


def _formulas(folding: Folding, tops: Iterable[Value]) -> dict[str, str | None]:
    """Each step from each of `tops` as a factor of explain writes it, by "top,end" places."""
    place = folding.place
    found: dict[str, str | None] = {}
    for top in tops:
        if top.op is None:
            continue
        for step in folding.steps(top):
            of, wrt = folding.name_text(step.of), folding.name_text(step.wrt)
            formula = None if step.formula is None else text(step.formula)
            factor = Factor(of, wrt, formula, step.value, step.formula)
            found[f"{place[top]},{place[step.wrt]}"] = factor.written()
    return found


def _tops_through(folding: Folding) -> Mapping[Value, list[Value]]:
    """For each folded node, the stops whose steps pass through it."""
    through: dict[Value, list[Value]] = {}
    for top in folding.order:
        if top.op is None or top not in folding.stops:
            continue
        for node in folding.below(top):
            if node is not top and node not in folding.stops:
                through.setdefault(node, []).append(top)
    return through


__all__ = ["page_readings"]
