"""How `explain` writes nodes and local partials: in the graph's labels, as a person would.

A labelled node is its label. An unlabelled one is the expression it computes, written
with the sugar undone (`1 − σ3`, not `1 + σ3·-1`), or, when that grows long, its op and
its place in topological order (`mul#12`). A local partial is the op table's formula
with these names filled in, split into a numeric coefficient and the factors that
remain, so that `explain` can multiply them along a path and keep the text short.
"""

from __future__ import annotations

from .engine import Value

LONGEST = 30  # an expression longer than this is named by its op and place instead
_FUNCTION = {"exp": "exp", "log": "ln", "sigmoid": "σ", "relu": "ReLU", "tanh": "tanh"}


def number(x: float) -> str:
    return f"{x:.4g}".replace("-", "−")


def is_sum(text: str) -> bool:
    """True when `text` has a + or − outside parentheses, after its first character."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch in "([") - (ch in ")]")
        if depth == 0 and i > 0 and ch in "+−" and text[i - 1] == " ":
            return True
    return False


def wrap(text: str) -> str:
    """`text` made safe to multiply: parenthesised if it is a sum or starts with a sign."""
    return f"({text})" if is_sum(text) or text.startswith("−") else text


def _negated(node: Value) -> Value | None:
    """x when `node` is the engine's −x, that is x · −1 with a literal −1."""
    if node.op is None or node.op.name != "mul" or node.label:
        return None
    a, b = node.parents
    for x, k in ((a, b), (b, a)):
        if k.op is None and not k.label and k.data == -1.0:
            return x
    return None


def _reciprocal(node: Value) -> Value | None:
    """x when `node` is the engine's 1/x, that is x ** −1."""
    if node.op is not None and node.op.name == "pow" and not node.label and node.const == -1.0:
        return node.parents[0]
    return None


def _power(base: str, k: float) -> str:
    return base + {2.0: "²", 3.0: "³"}.get(k, f"^{number(k)}" if k >= 0 else f"^({number(k)})")


class Names:
    """The name of every node of one graph, as `explain` prints it."""

    def __init__(self, order: list[Value]) -> None:
        self.place = {node: i for i, node in enumerate(order)}
        self.text: dict[Value, str] = {}
        for node in order:
            written = node.label or self._expression(node)
            if len(written) > LONGEST:
                written = f"{node.op.name}#{self.place[node]}" if node.op else "leaf"
            self.text[node] = written

    def __getitem__(self, node: Value) -> str:
        return self.text[node]

    def _expression(self, node: Value) -> str:
        if node.op is None:
            return number(node.data)
        name = self.text
        a = node.parents[0]
        x = _negated(node)
        if x is not None:
            return "−" + wrap(name[x])
        if node.op.name == "add":
            b = node.parents[1]
            minus = _negated(b)
            if minus is not None:
                return f"{name[a]} − {wrap(name[minus])}"
            return f"{name[a]} + {name[b]}"
        if node.op.name == "mul":
            b = node.parents[1]
            over = _reciprocal(b)
            if over is not None:
                return f"{wrap(name[a])}/{wrap(name[over]) if ' ' in name[over] else name[over]}"
            return f"{wrap(name[a])}·{wrap(name[b])}"
        if node.op.name == "pow":
            k = node.const if node.const is not None else 1.0
            return f"1/{wrap(name[a])}" if k == -1.0 else _power(wrap(name[a]), k)
        return f"{_FUNCTION.get(node.op.name, node.op.name)}({name[a]})"

    def local_partial(self, node: Value, position: int) -> tuple[float, list[str]]:
        """∂node/∂(its input at `position`) as (coefficient, factors): the formula is
        the coefficient times the factors' product."""
        assert node.op is not None
        if node.op.name == "pow":
            k = node.const if node.const is not None else 1.0
            a = wrap(self.text[node.parents[0]])
            if k - 1 == 0:
                return k, []
            return k, [a if k - 1 == 1 else _power(a, k - 1)]
        template = node.op.formulas[position]
        parents = node.parents
        bare = template in ("{a}", "{b}", "{out}")
        fill = {"a": parents[0], "b": parents[-1], "out": node}
        text = template
        for key, value in fill.items():
            shown = self.text[value] if bare else wrap(self.text[value])
            text = text.replace("{" + key + "}", shown)
        try:
            return float(text.replace("−", "-")), []
        except ValueError:
            pass
        if text.startswith("−") and not is_sum(text):  # pull the sign into the coefficient
            return -1.0, [text[1:]]
        return 1.0, [text]


def product(coefficient: float, factors: list[str]) -> str:
    """coefficient · factors as one term, with `·1/x` written `/x`."""
    text = ""
    for factor in factors:
        if text and factor.startswith("1/"):
            text += factor[1:]
        else:
            text += ("·" if text else "") + wrap(factor)
    if not text:
        return number(coefficient)
    if coefficient == 1.0:
        return text
    return ("−" + text) if coefficient == -1.0 else f"{number(coefficient)}·{text}"


def total(terms: list[str]) -> str:
    """A sum of terms, the positive ones first, with `+ −x` written `− x`."""
    text = " + ".join(sorted(terms, key=lambda term: term.startswith("−")))
    return text.replace("+ −", "− ")


def symbol(name: str) -> str:
    """A name as it stands in ∂name: bracketed when it has spaces."""
    return f"({name})" if " " in name else name
