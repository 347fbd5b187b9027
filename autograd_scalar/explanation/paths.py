"""explain(): the chain rule for one partial derivative, written out as a person writes it.

The graph is read through a `Folding`: steps go from labelled node to labelled node (and
the output and `wrt`), each a formula in the graph's labels and a number. Every path of
such steps from the output down to `wrt` is one product; their sum is ∂output/∂wrt,
the `wrt.grad` that `backward()` would give (it need not have run). An explanation
prints as text for the terminal and as LaTeX (`latex()`), typeset in a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.chain_rule import adjoints
from ..core.gradients import grad
from ..core.graph import depends_on, node_labelled, topological_order
from ..core.value import Value
from ..formula.expr import Expr
from ..formula.printing import latex, latex_label, latex_words, text
from .folding import Folding, Step


def number(x: float) -> str:
    """A number as explain prints it: 4 significant digits, with a true minus sign."""
    return f"{x:.4g}".replace("-", "−")


def symbol(name: str) -> str:
    """A name as it stands in ∂name: bracketed when it has spaces."""
    return f"({name})" if " " in name else name


@dataclass(frozen=True)
class Factor:
    """One step ∂of/∂wrt of a path: its formula in the graph's labels, and its value."""

    of: str
    wrt: str
    formula: str | None
    value: float
    expr: Expr | None = None  # the formula as a tree (for LaTeX), None when not written out

    def __str__(self) -> str:
        return f"∂{symbol(self.of)}/∂{symbol(self.wrt)}"

    def written(self) -> str:
        """The factor's formula as it stands in a product (bracketed when it is a sum)."""
        if self.formula is None:
            return str(self)  # too many ways through to write out; its number follows
        return f"({self.formula})" if _is_sum(self.formula) else self.formula

    def symbol_latex(self) -> str:
        """∂of/∂wrt as a LaTeX fraction."""
        return partial_latex(self.of, self.wrt)

    def latex(self) -> str:
        """The factor's formula in LaTeX as it stands in a product (bracketed when a sum)."""
        if self.expr is None or self.formula is None:
            return self.symbol_latex()
        written = latex(self.expr)
        return f"\\left({written}\\right)" if _is_sum(self.formula) else written


def name_latex(name: str) -> str:
    """A name in LaTeX: a label as `latex_label` writes it, an expression as words."""
    return latex_label(name) if " " not in name else f"\\left({latex_words(name)}\\right)"


def partial_latex(of: str, wrt: str) -> str:
    """∂of/∂wrt as a LaTeX fraction: `\\frac{\\partial \\ell}{\\partial W_{1}}`."""
    return f"\\frac{{\\partial {name_latex(of)}}}{{\\partial {name_latex(wrt)}}}"


def number_latex(x: float) -> str:
    """A number as explain prints it (4 significant digits), in LaTeX."""
    mantissa, _, exponent = f"{x:.4g}".partition("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}" if exponent else mantissa


def _is_sum(formula: str) -> bool:
    """True when `formula` has a + or − outside brackets, after its first character."""
    depth = 0
    for i, ch in enumerate(formula):
        depth += (ch in "([") - (ch in ")]")
        if depth == 0 and i > 0 and ch in "+−" and formula[i - 1] == " ":
            return True
    return False


@dataclass(frozen=True)
class Explanation:
    """Paths from `output` to `wrt` (all of them, or the largest when there are more than
    `max_paths`), each path's product, the number of paths, and ∂output/∂wrt itself.

    A graph too large to write out has no paths, `path_count` None, and a `summary`
    saying why; `total` is still ∂output/∂wrt."""

    output: str
    wrt: str
    paths: list[list[Factor]]
    path_products: list[float]
    total: float
    path_count: int | None
    summary: str = ""

    def __str__(self) -> str:
        head = f"∂{symbol(self.output)}/∂{symbol(self.wrt)}"
        pad = " " * len(head) + " "
        if self.path_count is None:
            return f"{head} = {number(self.total)}: {self.summary}"
        if self.path_count == 0:
            return f"{head} = 0: {self.output} does not depend on {self.wrt}"
        if self.path_count == 1:
            lines = _path_lines(self.paths[0], self.path_products[0], pad)
            return head + lines[0][len(pad) - 1 :] + "\n" + "\n".join(lines[1:])
        lines = []
        every = len(self.paths) == self.path_count
        if every:
            lines.append(f"{head} = the sum over {self.path_count} paths")
        else:
            shown = len(self.paths)
            lines.append(f"{head} = the sum over {self.path_count:,} paths; the {shown} largest:")
        for i, (path, value) in enumerate(zip(self.paths, self.path_products, strict=True), 1):
            lines.append(f"path {i}:")
            lines += _path_lines(path, value, "  ")
        if every:
            terms = " + ".join(number(v) for v in self.path_products).replace("+ −", "− ")
            lines.append(f"{head} = {terms} = {number(self.total)}")
        else:
            lines.append(f"{head} = {number(self.total)} (all paths)")
        return "\n".join(lines)

    def __repr__(self) -> str:  # the REPL shows the readable form
        return str(self)

    def latex(self) -> str:
        """The same explanation in LaTeX: an `aligned` block, one line per step of it."""
        head = partial_latex(self.output, self.wrt)
        if self.path_count is None:
            return f"{head} = {number_latex(self.total)} {latex_words(': ' + self.summary)}"
        if self.path_count == 0:
            words = latex_words(f": {self.output} does not depend on {self.wrt}")
            return f"{head} = 0 {words}"
        if self.path_count == 1:
            rows = _path_rows(self.paths[0], self.path_products[0])
            return _aligned([f"{head} {rows[0]}", *rows[1:]])
        every = len(self.paths) == self.path_count
        count = f"{self.path_count:,}"
        said = (
            "the sum over "
            + count
            + " paths"
            + ("" if every else f"; the {len(self.paths)} largest")
        )
        rows = [f"{head} &= {latex_words(said)}"]
        for i, (path, value) in enumerate(zip(self.paths, self.path_products, strict=True), 1):
            rows.append(latex_words(f"path {i}:"))
            rows += _path_rows(path, value)
        if every:
            terms = " + ".join(number_latex(v) for v in self.path_products).replace("+ -", "- ")
            rows.append(f"{head} &= {terms} = {number_latex(self.total)}")
        else:
            rows.append(f"{head} &= {number_latex(self.total)} {latex_words(' (all paths)')}")
        return _aligned(rows)

    def _repr_latex_(self) -> str:  # a notebook shows it typeset
        return f"$${self.latex()}$$"


def _path_rows(path: list[Factor], value: float) -> list[str]:
    """A path's lines for an `aligned` block: symbols, formulas, numbers, product."""
    if not path:
        return ["&= 1"]
    if len(path) == 1:
        return [f"&= {path[0].latex()}", f"&= {number_latex(value)}"]
    return [
        "&= " + " \\cdot ".join(f.symbol_latex() for f in path),
        "&= " + " \\cdot ".join(f.latex() for f in path),
        "&= " + " \\cdot ".join(_factor_number(f.value, i) for i, f in enumerate(path)),
        f"&= {number_latex(value)}",
    ]


def _factor_number(x: float, place: int) -> str:
    shown = number_latex(x)
    return f"\\left({shown}\\right)" if place and shown.startswith("-") else shown


def _aligned(rows: list[str]) -> str:
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"


def _path_lines(path: list[Factor], value: float, indent: str) -> list[str]:
    if not path:
        return [f"{indent}= 1"]
    if len(path) == 1:
        return [f"{indent}= {path[0].written()}", f"{indent}= {number(value)}"]
    return [
        f"{indent}= " + " · ".join(str(f) for f in path),
        f"{indent}= " + " · ".join(f.written() for f in path),
        f"{indent}= " + " · ".join(number(f.value) for f in path),
        f"{indent}= {number(value)}",
    ]


MAX_NODES = 2000  # explain's default: a larger graph is summarised, its paths not written


def explain(
    output: Value,
    wrt: Value | str,
    max_paths: int = 20,
    largest: int = 5,
    max_nodes: int | None = MAX_NODES,
) -> Explanation:
    """Every path of the chain rule from `output` to `wrt`, each factor as formula and number.

    `wrt` is a node or the label of one. When there are more than `max_paths` paths, only
    the `largest` (by |product|) are kept. A graph of more than `max_nodes` nodes is
    summarised, as `draw` summarises one: ∂output/∂wrt and the graph's size, no paths
    (reading a graph in its labels takes about a millisecond a node; None: no limit).
    """
    if not isinstance(output, Value):
        raise TypeError(f"explain takes a Value as output, got {type(output).__name__}")
    if max_nodes is not None and (not isinstance(max_nodes, int) or max_nodes < 1):
        raise ValueError(f"max_nodes={max_nodes!r}: give a whole number >= 1, or None")
    order = topological_order(output)
    if isinstance(wrt, str):
        wrt = node_labelled(order, wrt)
    if not isinstance(wrt, Value):
        raise TypeError(f"explain takes a Value or a label as wrt, got {type(wrt).__name__}")
    if max_nodes is not None and len(order) > max_nodes:
        return _summary(order, wrt, max_nodes)
    folding = Folding(output, extra=[wrt])
    if wrt not in folding.place:
        return Explanation(folding.name_text(output), wrt.label or "wrt", [], [], 0.0, 0)
    return explain_in(folding, wrt, grad(output, wrt), max_paths, largest)


def _summary(order: list[Value], wrt: Value, max_nodes: int) -> Explanation:
    """A graph too large to read in its labels: ∂output/∂wrt, and why no path is shown."""
    output = order[-1]
    said = (
        f"a graph of {len(order):,} nodes, more than max_nodes={max_nodes:,}: its paths are "
        "not written out (max_nodes=None writes them, slowly)"
    )
    total = adjoints(order, 1.0, check=[wrt] if wrt in order else ()).get(wrt, 0.0)
    return Explanation(output.label or "output", wrt.label or "wrt", [], [], total, None, said)


def explain_in(
    folding: Folding, wrt: Value, total: float, max_paths: int = 20, largest: int = 5
) -> Explanation:
    """`explain` on a graph already read: `folding` has a stop at `wrt` (a node of its
    graph), and `total` is ∂root/∂wrt. A page that explains every box reads it once."""
    output = folding.root
    reaching = depends_on(folding.order, [wrt])
    stops = [n for n in folding.order if n in reaching and n in folding.stops]
    # Paths from each stop down to wrt, found stop by stop from wrt up; past `max_paths`
    # only the largest are kept, which is enough to find the largest from the output.
    count: dict[Value, int] = {wrt: 1}
    best: dict[Value, list[tuple[float, list[Factor]]]] = {wrt: [(1.0, [])]}
    for top in stops:
        if top is wrt:
            continue
        steps = [(step.wrt, _factor(step, folding)) for step in folding.steps(top, reaching)]
        count[top] = sum(count[below] for below, _ in steps)
        found = [(f.value * p, [f, *path]) for below, f in steps for p, path in best[below]]
        if count[top] > max_paths:
            found = sorted(found, key=lambda item: -abs(item[0]))[:largest]
        best[top] = found
    chosen = best[output]
    return Explanation(
        output=folding.name_text(output),
        wrt=folding.name_text(wrt),
        paths=[path for _, path in chosen],
        path_products=[p for p, _ in chosen],
        total=total,
        path_count=count.get(output, 0),
    )


def _factor(step: Step, folding: Folding) -> Factor:
    formula = None if step.formula is None else text(step.formula)
    of, wrt = folding.name_text(step.of), folding.name_text(step.wrt)
    return Factor(of, wrt, formula, step.value, step.formula)
