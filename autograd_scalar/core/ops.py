"""The table of operations: one record per op, and the only place that knows an op.

An op's math is written once, as formulas of the formula language (`autograd_scalar.formula`):
its `definition` (the forward, `1/(1 + exp(−{a}))`) and its `formulas` (each local partial,
`{out}·(1 − {out})`). Text, LaTeX, SymPy, the page's JavaScript and PyTorch are printed from
them. An op that the formula language has as a word of its own (the arithmetic operators,
`exp`, `log`, …) has no definition: its `native` spellings say how each target language
writes it (`Math.exp` in JavaScript), and the arithmetic is known to every target.

The float functions `forward` and `partials` are the fast path the engine runs; the
formulas are checked against them when an op is registered (`formula.registry`), so a
record that disagrees with itself never enters the table. The partials are written once,
in arithmetic that works on floats (fast first-order backward) and on Values alike
(`grad(..., create_graph=True)`); they receive the op's inputs and its own output, so that
`exp`, `sigmoid` and `tanh` reuse the answer they already computed. The engine applies the
chain rule; no op here ever writes `grad +=`.

Placeholders: `{a}`, `{b}` for the inputs, `{k}` (or the constant's name) for a constant
such as pow's exponent, `{out}` for the op's own result. Formulas use the formula
language: `·`, `−`, `²`, `[x > 0]` for 1 when x > 0, else 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ..errors import OpError

ATOMIC = 9  # the precedence of an op written as a function call: it never needs brackets
PRODUCT = 2  # the precedence of ·, and the default of an infix op of one's own
TARGETS = ("javascript", "torch", "sympy")  # the languages an op may be spelled natively in
_DOTTED = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*", re.ASCII)  # Math.exp, never code


class Op:
    """One operation: what it computes, how it differentiates, how it is written.

    - `name`: an identifier; also the op's function name in formulas (`sigmoid(Z1)`).
    - `symbol`: how the op is drawn (`σ`, `×`, `ReLU`, `⊕`). A word symbol is a function
      name in formulas too; a two-input op with any other symbol is written between its
      inputs (`a ⊕ b`), in pictures and in formulas alike.
    - `arity`: how many inputs (1 or 2); a binary op takes a plain number for either.
    - `forward`: the result on floats: `forward(a)` for one input, `forward(a, k)` with a
      constant, `forward(a, b)` for two. Outside the domain it raises ValueError or
      ArithmeticError (or returns a number that is not finite).
    - `partials`: ∂out/∂a (and ∂out/∂b) as a tuple, on floats and on Values:
      `partials(a, out)`, `partials(a, k, out)` or `partials(a, b, out)`.
    - `formulas`: each partial as a formula over the placeholders.
    - `definition`: the forward as a formula over other ops (sigmoid: `1/(1 + exp(−{a}))`),
      for an op the formula language does not have as a word of its own. Without it (and
      without `native` spellings) the op cannot be printed to JavaScript or PyTorch.
    - `native`: for an op that is a word of the formula language, its name in each target
      language that has it (`{"javascript": "Math.exp", "torch": "exp", "sympy": "exp"}`).
    - `domain`: where the op is not defined, as `(condition, reason)` pairs; a condition is a
      formula that is not 0 there (`[{a} ≤ 0]`). An input outside it is refused with that
      reason, here and in every target.
    - `constant`: the name of a number the op takes besides its input (pow: `"k"`).
    - `written`, `latex`: the op in an equation; by default `symbol({a})`, `symbol({a}, {b})`
      for a word symbol, and `{a} symbol {b}` for any other symbol.
    - `precedence`, `associates`: how tightly the written form binds (1 for + and −, 2 for ·
      and /, 4 for powers, ATOMIC for a function call) and which way a chain of it groups:
      "left" (a − b − c), "right" (a^b^c) or "both" (a + b + c).
    - `aliases`: other ways a formula may write it (`ln` for log, `*` and `⋅` for ·).
    - `operator`: the arithmetic it is, for a target that writes arithmetic with operators
      (`+`, `-`, `*`, `/`, `**`; `-` with one input is negation), if any.

    A record is read only, and equal only to itself; `op.replace(field=...)` makes
    another. (A plain class, not a dataclass: loading the dataclasses module would add
    two thirds to the time that `import autograd_scalar` takes.)
    """

    name: str
    symbol: str
    arity: int
    forward: Callable[..., float]
    partials: Callable[..., tuple[Any, ...]]
    formulas: tuple[str, ...]
    definition: str | None
    native: Mapping[str, str]
    domain: tuple[tuple[str, str], ...]
    constant: str | None
    written: str
    latex: str
    precedence: int  # 0: the default, PRODUCT for an infix op, else ATOMIC
    associates: str
    aliases: tuple[str, ...]
    operator: str

    def __init__(
        self,
        name: str,
        symbol: str,
        arity: int,
        forward: Callable[..., float],
        partials: Callable[..., tuple[Any, ...]],
        formulas: tuple[str, ...],
        definition: str | None = None,
        native: Mapping[str, str] | None = None,
        domain: tuple[tuple[str, str], ...] = (),
        constant: str | None = None,
        written: str = "",
        latex: str = "",
        precedence: int = 0,
        associates: str = "left",
        aliases: tuple[str, ...] = (),
        operator: str = "",
    ) -> None:
        vars(self).update(
            name=name,
            symbol=symbol,
            arity=arity,
            forward=forward,
            partials=partials,
            formulas=formulas,
            definition=definition,
            native={} if native is None else native,
            domain=domain,
            constant=constant,
            written=written,
            latex=latex,
            precedence=precedence,
            associates=associates,
            aliases=aliases,
            operator=operator,
        )
        _check_fields(self)
        _fill_in_the_written_forms(self)

    def replace(self, **changes: Any) -> Op:
        """Another record: this one with `changes` (`field=value`), checked as any new one."""
        return Op(**(vars(self) | changes))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"op {self.name!r} is read only: op.replace({name}=...) makes another")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"op {self.name!r} is read only")

    @property
    def operands(self) -> tuple[str, ...]:
        """The placeholders of its operands, in order: ("a",), ("a", "b") or ("a", "k")."""
        return ("a", "b")[: self.arity] + ((self.constant,) if self.constant else ())

    @property
    def infix(self) -> bool:
        """Whether it is written between its two operands (`a ⊕ b`, `a^k`)."""
        return self.written.startswith("{" + self.operands[0] + "}") and len(self.operands) == 2

    def __repr__(self) -> str:
        return f"Op({self.name})"


def _check_fields(op: Op) -> None:
    """Refuse a record whose fields have the wrong kind, saying which field; tidy the rest."""
    if not isinstance(op.name, str) or not op.name.isidentifier():
        raise OpError(f"an op's name is an identifier such as 'softplus', got {op.name!r}")
    where = f"op {op.name!r}"
    _check_shape(op, where)
    _check_math(op, where)
    _check_notation(op, where)


def _check_shape(op: Op, where: str) -> None:
    """Its symbol, arity and constant."""
    if not isinstance(op.symbol, str) or not op.symbol.strip() or op.symbol != op.symbol.strip():
        raise OpError(
            f"{where}: symbol is the text drawn for the op, such as 'σ', got {op.symbol!r}"
        )
    if op.arity not in (1, 2):
        raise OpError(f"{where}: arity is 1 or 2, got {op.arity!r}")
    if op.constant is not None and (op.arity != 1 or not str(op.constant).isidentifier()):
        raise OpError(
            f"{where}: only an op with one input takes a constant, named by an identifier"
        )


def _check_math(op: Op, where: str) -> None:
    """Its functions, formulas, definition, native names and domain."""
    for what in ("forward", "partials"):
        if not callable(getattr(op, what)):
            raise OpError(f"{where}: {what} must be a function")
    formulas = _strings(op.formulas)
    if formulas is None or len(formulas) != op.arity:
        raise OpError(
            f"{where}: give one formula string per input ({op.arity}), got {op.formulas!r}"
        )
    object.__setattr__(op, "formulas", formulas)
    if op.definition is not None and not isinstance(op.definition, str):
        raise OpError(f"{where}: definition is a formula string, got {op.definition!r}")
    native = dict(op.native)
    if set(native) - set(TARGETS) or not all(_DOTTED.fullmatch(str(v)) for v in native.values()):
        raise OpError(
            f"{where}: native maps {', '.join(TARGETS)} to a function's name such as "
            f"'Math.exp', got {native!r}"
        )
    object.__setattr__(op, "native", MappingProxyType(native))
    domain = tuple(_strings(pair) for pair in op.domain)
    if not all(pair is not None and len(pair) == 2 for pair in domain):
        raise OpError(
            f"{where}: domain is a tuple of (condition, reason) strings, got {op.domain!r}"
        )
    object.__setattr__(op, "domain", domain)


def _check_notation(op: Op, where: str) -> None:
    """Its other spellings, how it groups and how tightly it binds."""
    aliases = _strings((op.aliases,) if isinstance(op.aliases, str) else op.aliases)
    if aliases is None or not all(a.strip() for a in aliases):
        raise OpError(
            f"{where}: aliases are the other ways a formula writes it, got {op.aliases!r}"
        )
    object.__setattr__(op, "aliases", aliases)
    if op.associates not in ("left", "right", "both"):
        raise OpError(f"{where}: associates is 'left', 'right' or 'both'")
    precedence = op.precedence
    if (
        isinstance(precedence, bool)
        or not isinstance(precedence, int)
        or not 0 <= precedence <= ATOMIC
    ):
        raise OpError(
            f"{where}: precedence is a whole number from 1 to {ATOMIC} (0 for the default), "
            f"got {precedence!r}"
        )


def _strings(given: object) -> tuple[str, ...] | None:
    """`given` as a tuple of strings, or None when it is not a tuple or list of them."""
    if not isinstance(given, (tuple, list)) or not all(isinstance(x, str) for x in given):
        return None
    return tuple(given)


def _fill_in_the_written_forms(op: Op) -> None:
    """The default written and LaTeX forms, and how tightly they bind."""
    placeholders = ", ".join("{" + name + "}" for name in op.operands)
    word = op.symbol.isidentifier()
    if not op.written:
        infix = op.arity == 2 and not word
        written = "{a} " + op.symbol + " {b}" if infix else f"{op.symbol}({placeholders})"
        object.__setattr__(op, "written", written)
    if not op.latex:
        infix = op.arity == 2 and not word
        latex = (
            "{a} " + op.symbol + " {b}"
            if infix
            else (f"\\operatorname{{{op.name}}}\\left({placeholders}\\right)")
        )
        object.__setattr__(op, "latex", latex)
    if not op.precedence:
        object.__setattr__(op, "precedence", PRODUCT if op.infix else ATOMIC)


def call_forward(op: Op, x: float, y: Any) -> float:
    """`op`'s forward at `x` (and `y`: its second input or constant; None for neither)."""
    return op.forward(x) if y is None and len(op.operands) == 1 else op.forward(x, y)


def call_partials(op: Op, x: Any, y: Any, out: Any) -> tuple[Any, ...]:
    """`op`'s partials at `x`, `y` (as `call_forward`) given its output `out`."""
    return op.partials(x, out) if y is None and len(op.operands) == 1 else op.partials(x, y, out)


def data_of(x: Any) -> float:
    """The float inside a Value, or the float itself (partials see both)."""
    return x.data if hasattr(x, "data") else x


# Why a built-in op refuses an input: raised by its forward, and the reason of its domain,
# which prints the same refusal into the other targets (the registry checks they agree).
NOT_DIVISIBLE = "division by zero"
ZERO_TO_A_NEGATIVE_POWER = "0 cannot be raised to a negative power"
NEGATIVE_TO_A_FRACTION = "a negative base has no real non-integer power"
LOG_DOMAIN = "log is defined only for inputs > 0"
SQRT_DOMAIN = "sqrt is defined only for inputs ≥ 0"


def _divide(a: float, b: float) -> float:
    if b == 0.0:
        raise ZeroDivisionError(NOT_DIVISIBLE)
    return a / b


def _pow(a: float, k: float) -> float:
    if a == 0.0 and k < 0:
        raise ZeroDivisionError(ZERO_TO_A_NEGATIVE_POWER)
    if a < 0.0 and k != int(k):
        raise ValueError(NEGATIVE_TO_A_FRACTION)
    # math.pow, unlike `**`, never answers with a complex number.
    return math.pow(a, k)


def _log(a: float) -> float:
    if a <= 0.0:
        raise ValueError(LOG_DOMAIN)
    return math.log(a)


def _sqrt(a: float) -> float:
    if a < 0.0:
        raise ValueError(SQRT_DOMAIN)
    return math.sqrt(a)


def stable_sigmoid(a: float) -> float:
    """1 / (1 + e^−a), in two branches so that exp never overflows: exp(−|a|) <= 1."""
    if a >= 0.0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _pow_slope(a: Any, k: float) -> Any:
    """k·a^(k−1), and exactly 0 for k = 0 (a constant), even at a = 0 where 0^(−1) is not."""
    return 0.0 if k == 0 else k * a ** (k - 1)


def _step(x: Any) -> float:
    """1.0 when x > 0, else 0.0: the slope of relu, 0 at the kink as in PyTorch."""
    return 1.0 if data_of(x) > 0.0 else 0.0


def _sign(x: Any) -> float:
    """The slope of abs: 1, −1, and 0 at the kink as in PyTorch."""
    x = data_of(x)
    return 1.0 if x > 0.0 else -1.0 if x < 0.0 else 0.0


def _native(javascript: str, torch: str, sympy: str = "") -> dict[str, str]:
    return {"javascript": javascript, "torch": torch, "sympy": sympy or torch}


# The arithmetic operators: every target language writes these with operators of its own.
ADD = Op("add", "+", 2, forward=lambda a, b: a + b, partials=lambda a, b, out: (1.0, 1.0),
         formulas=("1", "1"), written="{a} + {b}", latex="{a} + {b}", precedence=1,
         associates="both", operator="+")  # fmt: skip
SUB = Op("sub", "−", 2, forward=lambda a, b: a - b, partials=lambda a, b, out: (1.0, -1.0),
         formulas=("1", "−1"), written="{a} − {b}", latex="{a} - {b}", precedence=1,
         operator="-", aliases=("-", "–"))  # fmt: skip
MUL = Op("mul", "×", 2, forward=lambda a, b: a * b, partials=lambda a, b, out: (b, a),
         formulas=("{b}", "{a}"), written="{a}·{b}", latex="{a} \\cdot {b}", precedence=2,
         associates="both", operator="*", aliases=("*", "⋅", "∙"))  # fmt: skip
DIV = Op("div", "÷", 2, forward=_divide, partials=lambda a, b, out: (1.0 / b, -out / b),
         formulas=("1/{b}", "−{a}/{b}²"), domain=(("[{b} = 0]", NOT_DIVISIBLE),),
         written="{a}/{b}", latex="\\frac{{a}}{{b}}", precedence=2, operator="/")  # fmt: skip
NEG = Op("neg", "−", 1, forward=lambda a: -a, partials=lambda a, out: (-1.0,), formulas=("−1",),
         written="−{a}", latex="-{a}", precedence=2, operator="-", aliases=("-", "–"))  # fmt: skip
POW = Op("pow", "^", 1, forward=_pow, partials=lambda a, k, out: (_pow_slope(a, k),),
         formulas=("{k}·{a}^({k} − 1)",), constant="k",
         domain=(("[{a} = 0]·[{k} < 0]", ZERO_TO_A_NEGATIVE_POWER),),
         written="{a}^{k}", latex="{a}^{{k}}", precedence=4, associates="right", operator="**",
         aliases=("**",))  # fmt: skip
# The elementary functions: words of the formula language, native in the targets.
EXP = Op("exp", "exp", 1, forward=math.exp, partials=lambda a, out: (out,),  # overflows past a ≈ 709.78
         formulas=("{out}",), native=_native("Math.exp", "exp"), latex="e^{{a}}")  # fmt: skip
LOG = Op("log", "log", 1, forward=_log, partials=lambda a, out: (1.0 / a,), formulas=("1/{a}",),
         domain=(("[{a} ≤ 0]", LOG_DOMAIN),),
         native=_native("Math.log", "log"), latex="\\log\\left({a}\\right)", aliases=("ln",))  # fmt: skip
TANH = Op("tanh", "tanh", 1, forward=math.tanh, partials=lambda a, out: (1.0 - out * out,),  # never overflows
          formulas=("1 − {out}²",), native=_native("Math.tanh", "tanh"),
          latex="\\tanh\\left({a}\\right)")  # fmt: skip
SQRT = Op("sqrt", "sqrt", 1, forward=_sqrt, partials=lambda a, out: (0.5 / out,),
          formulas=("1/(2·{out})",), domain=(("[{a} < 0]", SQRT_DOMAIN),),
          native=_native("Math.sqrt", "sqrt"), latex="\\sqrt{{a}}")  # fmt: skip
ABS = Op("abs", "abs", 1, forward=abs, partials=lambda a, out: (_sign(a),),
         formulas=("[{a} > 0] − [{a} < 0]",), native=_native("Math.abs", "abs", "Abs"),
         latex="\\left|{a}\\right|")  # fmt: skip
# Defined by a formula over the ops above; the float forward is the stable fast path.
SIGMOID = Op("sigmoid", "σ", 1, forward=stable_sigmoid, partials=lambda a, out: (out * (1.0 - out),),
             formulas=("{out}·(1 − {out})",), definition="1/(1 + exp(−{a}))",
             native={"torch": "sigmoid"}, latex="\\sigma\\left({a}\\right)")  # fmt: skip
RELU = Op("relu", "ReLU", 1, forward=lambda a: a if a > 0.0 else 0.0, partials=lambda a, out: (_step(a),),
          formulas=("[{a} > 0]",), definition="{a}·[{a} > 0]", native={"torch": "relu"},
          latex="\\operatorname{ReLU}\\left({a}\\right)")  # fmt: skip

OPS: dict[str, Op] = {
    op.name: op for op in (ADD, SUB, MUL, DIV, NEG, POW, EXP, LOG, SIGMOID, RELU, TANH, SQRT, ABS)
}
"""The table itself: every op by name. Add to it with `register_op` (which checks a record
against itself first); take an op out with `unregister_op`."""

_changes = [0]  # how many times the table changed: caches of what it implies compare it


def table_version() -> int:
    """A number that changes whenever an op enters or leaves the table."""
    return _changes[0]


def insert(op: Op) -> Op:
    """Put `op` in the table as it is (no check of its math; see `register_op`).

    Every name and operator a formula may write it with must be free; the same record
    twice is harmless.
    """
    if not isinstance(op, Op):
        raise TypeError(f"register_op takes an Op record, got {type(op).__name__}")
    if OPS.get(op.name) is op:
        return op
    taken = {key: other for other in OPS.values() for key in _spellings(other)}
    for key in _spellings(op):
        if key in taken:
            what = "names" if key[1] == "call" else "is an operator of"
            raise OpError(
                f"cannot register op {op.name!r}: {key[0]!r} already {what} the op "
                f"{taken[key].name!r}; choose another"
            )
    put(op.name, op)
    return op


def remove(op: Op | str) -> Op:
    """Take the op (or the op of that name) out of the table and return it."""
    name = op.name if isinstance(op, Op) else op
    found = OPS.get(name) if isinstance(name, str) else None
    if found is None or (isinstance(op, Op) and found is not op):
        raise OpError(f"there is no op {name!r} in the table to take out")
    if found in BUILT_IN:
        raise OpError(f"the op {name!r} is built in; only a registered op can be taken out")
    put(name, None)
    return found


def put(name: str, op: Op | None) -> None:
    """Set the table's entry for `name` as it is (None takes it out), with no check: the
    bookkeeping under `insert`, `remove` and a check's temporary place for a record."""
    if op is None:
        OPS.pop(name, None)
    else:
        OPS[name] = op
    _changes[0] += 1


def formula_names(op: Op) -> tuple[str, ...]:
    """Every name a formula may call `op` by: its name, a word symbol, word aliases."""
    names = [op.name, *(a for a in op.aliases if a.isidentifier())]
    if op.symbol.isidentifier() and op.symbol not in names:
        names.append(op.symbol)
    return tuple(names)


def operator_spellings(op: Op) -> tuple[str, ...]:
    """Every way a formula may write `op` as an operator (`·`, `×`, `*`, `⋅` for mul), or
    none when it is written as a function call."""
    if op.written.startswith(tuple("{" + name + "}" for name in op.operands)) and op.infix:
        between = op.written.split("}", 1)[1].rsplit("{", 1)[0].strip()
    elif op.arity == 1 and op.constant is None and op.written.endswith("{a}"):
        between = op.written[: -len("{a}")].strip()  # a sign written before: −{a}
    else:
        return ()
    found = [between, op.operator, *(a for a in op.aliases if not a.isidentifier())]
    if not op.symbol.isidentifier():
        found.append(op.symbol)
    return tuple(dict.fromkeys(s for s in found if s))


def _spellings(op: Op) -> list[tuple[str, str]]:
    """What `op` occupies in formulas: its names as calls, its operators by their place."""
    place = "infix" if op.infix else "prefix"
    return [(w, "call") for w in formula_names(op)] + [(s, place) for s in operator_spellings(op)]


def op_called(word: str) -> Op | None:
    """The op that a formula calls by `word` (`log`, `ln`, `σ`, `ReLU`), if any."""
    for op in OPS.values():
        if word in formula_names(op):
            return op
    return None


BUILT_IN = frozenset(OPS.values())
