"""How an `Explanation` prints: the chain rule as a person writes it by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .explain_text import is_sum, number, symbol

if TYPE_CHECKING:
    from .explain import Explanation, Factor


def _formula(factor: Factor) -> str:
    if factor.formula is None:
        return str(factor)  # too many ways through to write out; its number follows
    return f"({factor.formula})" if is_sum(factor.formula) else factor.formula


def _path_lines(path: list[Factor], value: float, indent: str) -> list[str]:
    if not path:
        return [f"{indent}= 1"]
    if len(path) == 1:
        return [f"{indent}= {_formula(path[0])}", f"{indent}= {number(value)}"]
    return [
        f"{indent}= " + " · ".join(str(f) for f in path),
        f"{indent}= " + " · ".join(_formula(f) for f in path),
        f"{indent}= " + " · ".join(number(f.value) for f in path),
        f"{indent}= {number(value)}",
    ]


def render(explanation: Explanation) -> str:
    e = explanation
    head = f"∂{symbol(e.output)}/∂{symbol(e.wrt)}"
    pad = " " * len(head) + " "
    if e.path_count == 0:
        return f"{head} = 0: {e.output} does not depend on {e.wrt}"
    if e.path_count == 1:
        lines = _path_lines(e.paths[0], e.path_products[0], pad)
        return head + lines[0][len(pad) - 1 :] + "\n" + "\n".join(lines[1:])
    lines = []
    if len(e.paths) == e.path_count:
        lines.append(f"{head} = the sum over {e.path_count} paths")
    else:
        shown = len(e.paths)
        lines.append(f"{head} = the sum over {e.path_count:,} paths; the {shown} largest:")
    for i, (path, value) in enumerate(zip(e.paths, e.path_products, strict=True), 1):
        lines.append(f"path {i}:")
        lines += _path_lines(path, value, "  ")
    if len(e.paths) == e.path_count:
        terms = " + ".join(number(v) for v in e.path_products).replace("+ −", "− ")
        lines.append(f"{head} = {terms} = {number(e.total)}")
    else:
        lines.append(f"{head} = {number(e.total)} (all paths)")
    return "\n".join(lines)
