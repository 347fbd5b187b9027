"""The bridge to SymPy: formula trees into SymPy and back, and the chain rule's sum of
products simplified into what a person writes.

The chain rule written out is honest but long: `((1 − y)/(1 − σ3) − y/σ3) · σ3·(1 − σ3)
· W5 · σ1·(1 − σ1) · X1`. A person cancels what cancels and writes `(σ3 − y)·W5·σ1·(1 −
σ1)·X1`. `simplify_paths` does that and no more: the factors of a path that cancel
against each other are put over one denominator and factored by SymPy; every other
factor stays as the chain rule wrote it (so `1 − A1²` is not split into `(1 − A1)·(1 +
A1)`); a minus sign in front goes into a difference (`−(y − ŷ)` becomes `ŷ − y`); and
factors that begin or end every path are written once, outside the sum.

Labels are atoms: `σ3` stays `σ3`, never its sigmoid. An op written with an operator
(+ − · / and powers, read from its record) is arithmetic to SymPy; any other op (`log`,
`σ`, a registered op) is an opaque function of its operands, and `[x > 0]` an opaque
symbol, so no op needs a SymPy `expression` here. SymPy is optional: it is imported only
inside these functions, and `sympy_module()` names the extra to install.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from ..core.ops import DIV, MUL, NEG, POW, Op
from ..errors import OpError
from .algebra import chained, factors_of, total
from .expr import Call, Expr, Indicator, Name, Number, fold, size
from .templates import expand

EXTRA = 'pip install "autograd-scalar[symbolic]"'
LARGEST_DENOMINATOR = 1000  # 0.333… is read as 1/3 when it is exactly that float
SMALL_DENOMINATOR = 12  # ¼ of a sum is written (…)/4, as one writes 1/m


def sympy_module() -> ModuleType:
    """SymPy, or an ImportError that names the extra to install."""
    try:
        import sympy
    except ImportError:
        raise ImportError(f"simplifying formulas needs SymPy, an optional extra: {EXTRA}") from None
    return sympy


@dataclass
class Atoms:
    """What SymPy sees in place of labels, opaque ops and [x > 0], and the way back."""

    sympy: Any
    symbols: dict[Expr, Any] = field(default_factory=dict)  # a Name or an Indicator
    back: dict[Any, Expr] = field(default_factory=dict)  # a SymPy symbol → the formula
    functions: dict[str, Op] = field(default_factory=dict)  # a function's name → its op

    def symbol(self, expr: Expr) -> Any:
        if expr not in self.symbols:
            # Numbered names: a label such as "W1[1,1]" means nothing to SymPy's printer.
            made = self.sympy.Symbol(f"s{len(self.symbols)}")
            self.symbols[expr] = made
            self.back[made] = expr
        return self.symbols[expr]

    def function(self, op: Op) -> Any:
        name = f"f_{op.name}"
        self.functions[name] = op
        return self.sympy.Function(name)


def to_sympy(expr: Expr, atoms: Atoms) -> Any:
    """The formula as a SymPy expression over `atoms` (see the module's docstring)."""
    sp = atoms.sympy

    def combine(node: Expr, args: list[Any]) -> Any:
        if isinstance(node, Number):
            return _rational(sp, node.value)
        if isinstance(node, (Name, Indicator)):
            return atoms.symbol(node)
        op = node.op
        if op.operator and len(args) == len(op.operands):
            return _arithmetic(op.operator, args)
        return atoms.function(op)(*args)

    return fold(expr, combine)


def exact_form(
    expr: Expr, symbols: dict[str, Any] | None = None, names: dict[str, Any] | None = None
) -> tuple[dict[str, Any], Any]:
    """The formula as SymPy's exact mathematics: each op as SymPy's own function (its record's
    native SymPy name) or, failing that, as its definition; each label a real symbol.

    `symbols` gives the symbols to use by label (made and returned otherwise); `names` gives
    expressions that stand for labels instead (`out` for the op's own result). An op with
    neither raises OpError; a comparison ([x > 0]) raises OpError too.
    """
    sp = sympy_module()
    symbols = {} if symbols is None else symbols
    names = names or {}
    for label in ("a", "b", "k"):
        symbols.setdefault(label, sp.Symbol(label, real=True))
    written = expand(expr, lambda op: bool(op.operator or op.native.get("sympy")), "SymPy")

    def combine(node: Expr, args: list[Any]) -> Any:
        if isinstance(node, Number):
            return _rational(sp, node.value)
        if isinstance(node, Name):
            if node.label in names:
                return names[node.label]
            return symbols.setdefault(node.label, sp.Symbol(node.label, real=True))
        if isinstance(node, Indicator):
            raise OpError("a comparison [x > 0] has no exact SymPy form here")
        if node.op.operator and len(args) == len(node.op.operands):
            return _arithmetic(node.op.operator, args)
        return getattr(sp, node.op.native["sympy"])(*args)

    return symbols, fold(written, combine)


def _arithmetic(operator: str, args: list[Any]) -> Any:
    if len(args) == 1:
        return -args[0]  # the only operator of one operand is the minus sign
    a, b = args
    if operator == "+":
        return a + b
    if operator == "-":
        return a - b
    if operator == "*":
        return a * b
    if operator == "/":
        return a / b
    return a**b


def _rational(sp: Any, value: float) -> Any:
    """A float as the number a person meant: 0.25 is 1/4, 0.1 is 1/10."""
    close = sp.Rational(value).limit_denominator(LARGEST_DENOMINATOR)
    return close if float(close) == value else sp.Rational(repr(value))


def from_sympy(expression: Any, atoms: Atoms) -> Expr:
    """A SymPy expression made by `to_sympy` (and simplified) as a formula tree."""
    sp = atoms.sympy
    if expression.is_Rational:
        return _number(expression)
    if expression.is_Number:
        return Number(float(expression))
    if expression in atoms.back:
        return atoms.back[expression]
    if expression.is_Add:
        return total([from_sympy(term, atoms) for term in expression.as_ordered_terms()])
    if expression.is_Mul or expression.is_Pow:
        coefficient, factors = expression.as_coeff_mul()
        top, bottom = [], []
        for factor in factors:
            base, exponent = factor.as_base_exp()
            if exponent.is_Integer and exponent < 0:
                bottom.append(_power(from_sympy(base, atoms), -int(exponent)))
            elif exponent.is_Integer:
                top.append(_power(from_sympy(base, atoms), int(exponent)))
            else:
                top.append(Call(POW, (from_sympy(base, atoms), from_sympy(exponent, atoms))))
        return assemble(coefficient, top, bottom)
    name = type(expression).__name__
    if name in atoms.functions:
        op = atoms.functions[name]
        return Call(op, tuple(from_sympy(arg, atoms) for arg in expression.args))
    raise ValueError(f"SymPy wrote {sp.srepr(expression)}, which has no formula here")


def _number(rational: Any) -> Expr:
    """A rational alone, as `assemble` writes it: 0.25 as 1/4, 3 as 3."""
    return assemble(rational, [], [])


def _power(base: Expr, exponent: int) -> Expr:
    return base if exponent == 1 else Call(POW, (base, Number(exponent)))


def assemble(coefficient: Any, top: list[Expr], bottom: list[Expr]) -> Expr:
    """coefficient · (top factors) / (bottom factors), with a rational coefficient written
    as a person writes it: `(σ3 − y)·σ1`, `−x·y`, `x/2`, `2·x/3`, `0.05·x`."""
    p, q = abs(int(coefficient.p)), int(coefficient.q)
    # a fraction when it is small (x/4) or shorter than its decimal (x/17); else 0.05·x
    as_fraction = q != 1 and (q <= SMALL_DENOMINATOR or len(repr(p / q)) > len(f"{p}/{q}"))
    number = Number(p if as_fraction else p / q)
    body = chained(top)
    if number.value != 1:
        body = number if body is None else Call(MUL, (number, body))
    below = chained(bottom + ([Number(q)] if as_fraction else []))
    if body is None:
        body = Number(1.0)
    result = body if below is None else Call(DIV, (body, below))
    return Call(NEG, (result,)) if coefficient < 0 else result


# -- the chain rule's sum of products -------------------------------------------------


@dataclass
class Product:
    """One path's product: a rational coefficient, and factors above and below the line,
    each with its place in the chain (so they print in the chain's order)."""

    coefficient: Any
    top: list[tuple[float, Expr]]
    bottom: list[tuple[float, Expr]]

    def ordered(self) -> tuple[list[Expr], list[Expr]]:
        # sorted() is stable, so factors at the same place keep their order
        top = sorted(self.top, key=lambda pair: pair[0])
        bottom = sorted(self.bottom, key=lambda pair: pair[0])
        return [e for _, e in top], [e for _, e in bottom]


def simplify_paths(paths: list[list[Expr]]) -> Expr:
    """Σ over paths of Π of the path's factors, simplified as the module says."""
    sp = sympy_module()
    atoms = Atoms(sp)
    products = [_simplify_path(path, atoms) for path in paths]
    if not products:
        return Number(0.0)
    if len(products) == 1:
        return assemble(products[0].coefficient, *products[0].ordered())
    return _lighter(_sum_with_common_factors(products, sp), atoms)


def _lighter(expr: Expr, atoms: Atoms) -> Expr:
    """SymPy's own reading of `expr` (like terms added: `x + x` is `2·x`), when it is
    lighter, in size and then in labels written; else `expr` as it stands."""
    read = from_sympy(to_sympy(expr, atoms), atoms)
    return read if _weight(read) < _weight(expr) else expr


def _weight(expr: Expr) -> tuple[int, int]:
    labels = fold(expr, lambda node, counts: int(isinstance(node, Name)) + sum(counts))
    return size(expr), labels


def _simplify_path(path: list[Expr], atoms: Atoms) -> Product:
    sp = atoms.sympy
    written = [to_sympy(factor, atoms) for factor in path]
    parts = [sp.fraction(sp.together(w)) for w in written]
    broken = _cancelling(parts, sp)
    product = Product(sp.Integer(1), [], [])
    for place, factor in enumerate(path):
        if place not in broken:
            _add_as_written(product, factor, float(place), atoms)
    if broken:
        together = sp.cancel(sp.Mul(*(written[i] for i in sorted(broken))))
        numerator, denominator = sp.fraction(sp.factor(together))
        uses = {i: written[i].free_symbols for i in sorted(broken)}
        for side, part in ((product.top, numerator), (product.bottom, denominator)):
            coefficient, factors = sp.factor_list(part)
            if side is product.top:
                product.coefficient *= coefficient
            else:
                product.coefficient /= coefficient
            for base, multiplicity in factors:
                place = next(
                    (i for i, used in uses.items() if used & base.free_symbols), min(broken)
                )
                side.append((place + 0.5, _power(from_sympy(base, atoms), int(multiplicity))))
    _sign_into_a_difference(product)
    return product


def _cancelling(parts: list[tuple[Any, Any]], sp: Any) -> set[int]:
    """The places of the factors whose numerator shares a factor with another's denominator."""
    broken: set[int] = set()
    for i, (numerator, _) in enumerate(parts):
        for j, (_, denominator) in enumerate(parts):
            if i == j or denominator == 1:
                continue
            try:
                shared = sp.gcd(numerator, denominator)
            except (sp.PolynomialError, sp.polys.polyerrors.PolificationFailed, ValueError):
                continue  # not a polynomial in its atoms (a non-integer power): left as is
            if not shared.is_number:
                broken |= {i, j}
    return broken


def _add_as_written(product: Product, factor: Expr, place: float, atoms: Atoms) -> None:
    """The factor's number goes to the coefficient; its other factors stay as written,
    unless SymPy's own reading of it is lighter (`k·x + k·x` is `2·k·x`)."""
    sp = atoms.sympy
    factor = _lighter(factor, atoms)
    inner = 0
    for node, divides in factors_of(factor):
        if isinstance(node, Number):
            number = _rational(sp, node.value)
            product.coefficient = (
                product.coefficient / number if divides else product.coefficient * number
            )
        else:
            inner += 1
            (product.bottom if divides else product.top).append((place + inner * 1e-3, node))


def _sign_into_a_difference(product: Product) -> None:
    """A negative coefficient turns the first difference it reads well in: −(y − ŷ) is
    ŷ − y, but −(1 − ŷ) stays, since ŷ − 1 reads worse."""
    if product.coefficient >= 0:
        return
    for side in (product.top, product.bottom):
        for i, (place, factor) in enumerate(side):
            flipped = _negated_sum(factor)
            if flipped is not None:
                side[i] = (place, flipped)
                product.coefficient = -product.coefficient
                return


def _negated_sum(expr: Expr) -> Expr | None:
    """−expr as a sum, when expr is a sum with a term of each sign and no positive number."""
    terms = _terms(expr, 1)
    if len(terms) < 2 or {sign for sign, _ in terms} != {1, -1}:
        return None
    if any(sign > 0 and isinstance(term, Number) for sign, term in terms):
        return None
    return total([term if sign < 0 else Call(NEG, (term,)) for sign, term in terms])


def _terms(expr: Expr, sign: int) -> list[tuple[int, Expr]]:
    """The terms of a sum with their signs: a − (b − c) is [(+, a), (−, b), (+, c)]."""
    found: list[tuple[int, Expr]] = []
    pending = [(expr, sign)]
    while pending:  # a stack, so that a long sum never meets Python's recursion limit
        node, sign = pending.pop()
        if isinstance(node, Call) and node.op.operator in ("+", "-") and len(node.args) == 2:
            second = -sign if node.op.operator == "-" else sign
            pending += [(node.args[1], second), (node.args[0], sign)]
        elif isinstance(node, Call) and node.op is NEG:
            pending.append((node.args[0], -sign))
        elif isinstance(node, Number) and node.value < 0:
            found.append((-sign, Number(-node.value)))
        else:
            found.append((sign, node))
    return found


def _sum_with_common_factors(products: list[Product], sp: Any) -> Expr:
    """Σ of the products, with the factors common to all of them written once: those that
    end every product after the sum, the others before it."""
    written = [p.ordered() for p in products]
    tops = [top for top, _ in written]
    first = tops[0]
    end = 0
    while end < min(len(t) for t in tops) and all(t[-1 - end] == first[-1 - end] for t in tops):
        end += 1
    suffix = first[len(first) - end :]
    heads = [t[: len(t) - end] for t in tops]
    prefix = _shared(heads)
    bottoms = [bottom for _, bottom in written]
    below = _shared(bottoms)
    coefficients = {p.coefficient for p in products}
    common = products[0].coefficient if len(coefficients) == 1 else sp.Integer(1)
    terms = [
        assemble(product.coefficient / common, _without(head, prefix), _without(bottom, below))
        for product, head, bottom in zip(products, heads, bottoms, strict=True)
    ]
    middle = total(terms)
    inner = [] if isinstance(middle, Number) and middle.value == 1 else [middle]
    return assemble(common, prefix + inner + suffix, below)


def _shared(lists: list[list[Expr]]) -> list[Expr]:
    """The factors every list has (as many times as each has them), in the first's order."""
    shared = []
    rest = [list(factors) for factors in lists[1:]]
    for factor in lists[0]:
        if all(factor in other for other in rest):
            shared.append(factor)
            for other in rest:
                other.remove(factor)
    return shared


def _without(factors: list[Expr], removed: list[Expr]) -> list[Expr]:
    left = list(factors)
    for factor in removed:
        left.remove(factor)
    return left


__all__ = [
    "EXTRA",
    "Atoms",
    "assemble",
    "exact_form",
    "from_sympy",
    "simplify_paths",
    "sympy_module",
    "to_sympy",
]
