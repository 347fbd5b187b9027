"""Groups of nodes drawn as boxes in a picture: per neuron, per layer, or as given.

A group is named by a path of titles, outermost first: `("layer 1", "neuron 2")` is
drawn as the box "neuron 2" inside the box "layer 1". A person lists a few nodes of
each group (a neuron's weights and bias, say); each group then grows to the nodes
computed from it, so the products, sums and activation of a neuron join its box:
- a node with a listed leaf among its inputs joins that leaf's group (`w·x`, `… + b`);
- an op whose two inputs are both in one group joins it (the neuron's weighted sum);
- so does an op of one input applied to such a node (the neuron's activation).
Anything else (a loss computed from the outputs) stays outside every box.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.value import Value

GroupPath = tuple[str, ...]


def group_paths(clusters: Mapping[Any, Iterable[Value]]) -> dict[Value, GroupPath]:
    """Each listed Value's group path; a key is a title or a tuple of nested titles."""
    where: dict[Value, GroupPath] = {}
    for key, members in clusters.items():
        path = (key,) if isinstance(key, str) else tuple(str(title) for title in key)
        if not path:
            raise ValueError("a group needs a title, got an empty tuple")
        for member in members:
            if not isinstance(member, Value):
                raise TypeError(f"group {key!r} lists {member!r}, which is not a Value")
            if member in where and where[member] != path:
                name = member.label or repr(member)
                raise ValueError(f"{name} is listed in two groups: {where[member]} and {path}")
            where[member] = path
    return where


def module_groups(names: Mapping[Value, str]) -> dict[GroupPath, list[Value]]:
    """Groups from a module's dotted parameter names (`module_names`):
    `layers.0.neurons.1.w.0` → layer 1 / neuron 2."""
    groups: dict[GroupPath, list[Value]] = {}
    for parameter, name in names.items():
        groups.setdefault(_path_from_name(name), []).append(parameter)
    return groups


def module_names(module: Any) -> dict[Value, str]:
    """Each parameter of a module by its dotted name (`layers.0.neurons.1.w.0`), in order."""
    if not hasattr(module, "named_parameters"):
        raise TypeError(f"module= takes an nn module with named_parameters(), got {module!r}")
    named = module.named_parameters()
    pairs = named.items() if isinstance(named, Mapping) else named
    found: dict[Value, str] = {}
    for name, parameter in pairs:
        found.setdefault(parameter, str(name))
    return found


def _path_from_name(name: str) -> GroupPath:
    # Each "container.index" pair before the parameter's own name is one level:
    # "layers.0" reads "layer 1" (people count from 1).
    parts = name.split(".")
    path = []
    for i in range(len(parts) - 2):
        container, index = parts[i], parts[i + 1]
        if index.isdigit() and not container.isdigit():
            path.append(f"{container.removesuffix('s')} {int(index) + 1}")
    return tuple(path) or ("parameters",)


def grow(order: list[Value], listed: Mapping[Value, GroupPath]) -> dict[Value, GroupPath]:
    """The group of every node of `order` (inputs first), grown from the `listed` ones."""
    where = dict(listed)
    for node in order:
        if node in where or node.op is None:
            continue
        from_leaf = [where[p] for p in node.parents if p.op is None and p in where]
        if from_leaf:
            where[node] = from_leaf[0]
            continue
        groups = {where.get(p) for p in node.parents}
        if len(groups) != 1 or None in groups:
            continue
        # An op joining two of the group's nodes (the sum of its terms), or one op of one
        # input applied to such a node (the activation); anything further (the loss's
        # log of an output, say) stays outside the box.
        first = node.parents[0]
        joins = len(node.parents) == 2
        activates = len(node.parents) == 1 and len(first.parents) == 2 and node.op.arity == 1
        if joins or activates:
            where[node] = groups.pop()  # type: ignore[assignment]
    return where
