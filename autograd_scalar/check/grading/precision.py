"""How a number answer is held: the key's precision, for all questions or for one.

- `significant = N` (the default, 3): the answer shows at least N significant figures
  and agrees with the engine's value to N of them, |answer − value| ≤ ½ unit of the
  value's N-th figure: for a value of 0.0727…, `0.0727` and `7.27e-2` are right, `0.073`
  (two figures) and `0.1` are wrong.
- `decimals = N`: at least N decimals, and |answer − value| ≤ ½·10⁻ᴺ.
- `rtol = r`, `atol = a` (either or both): |answer − value| ≤ a + r·|value|, however many
  figures the answer shows.
- as shown (the `check` command's rule for a file's own claims): the value, written to
  the decimals the answer shows, reads as the answer.

An answer written as arithmetic on numbers alone (`0.5082 − 1`, `1/2`) is a number,
held as one: its value, shown to the fewest figures (or, held to decimals, the fewest
decimals) of the numbers it writes, a whole number being exact (`arithmetic_number`).
`0.5082 − 1` shows 4 significant figures, as `-0.4918` does; `0.51 − 1` shows 2.

Whatever the setting, a whole number written without a point or an exponent (`0`,
`1`, `-3`) that is the value exactly is right. A number is read as written (`-0.20`
shows two significant figures). An answer that shows fewer figures than asked, but is
right to those it shows, is wrong with a note that says so (the key may give it
partial credit, `precision = 0.5`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import FormulaError
from ...formula.expr import evaluate, names
from ...formula.parser import parse_formula
from ...formula.tokens import NUMBER as _NUMBERS  # unsigned, no spaces: as a formula reads it
from ..printed import as_number, decimals, is_whole, tolerance

SETTINGS = ("significant", "decimals", "rtol", "atol")
MAX_FIGURES = 15  # a float holds about 16


@dataclass(frozen=True)
class Held:
    """The answer's verdict under the precision: `ok`, and `note` when it shows fewer
    figures than asked; `right_as_shown` when it is right to the figures it shows."""

    ok: bool
    note: str = ""
    right_as_shown: bool = False


@dataclass(frozen=True)
class Precision:
    """One of: `significant` figures, `decimals`, a tolerance (`rtol`, `atol`), or
    none of them: as shown."""

    significant: int | None = None
    decimals: int | None = None
    rtol: float | None = None
    atol: float | None = None

    @classmethod
    def read(cls, table: Mapping[str, Any], default: Precision) -> Precision:
        """The precision a key's table sets, or `default` when it sets none; a
        ValueError says what is wrong with a setting."""
        given = {name: table[name] for name in SETTINGS if name in table}
        if not given:
            return default
        if "significant" in given and "decimals" in given:
            raise ValueError("give significant or decimals, not both")
        if given.keys() & {"significant", "decimals"} and given.keys() & {"rtol", "atol"}:
            raise ValueError("give figures (significant or decimals) or a tolerance (rtol, atol)")
        for name, least in (("significant", 1), ("decimals", 0)):
            if name in given:
                count = given[name]
                if isinstance(count, bool) or not isinstance(count, int):
                    raise ValueError(f"{name} is a whole number, got {count!r}")
                if not least <= count <= MAX_FIGURES:
                    raise ValueError(f"{name} is between {least} and {MAX_FIGURES}, got {count}")
                return cls(**{name: count})
        tolerances = {}
        for name in ("rtol", "atol"):
            if name in given:
                number = given[name]
                if isinstance(number, bool) or not isinstance(number, (int, float)):
                    raise ValueError(f"{name} is a number, got {number!r}")
                if not 0 <= float(number) < math.inf:
                    raise ValueError(f"{name} is a finite number >= 0, got {number!r}")
                tolerances[name] = float(number)
        if not any(tolerances.values()):
            raise ValueError("rtol and atol cannot both be 0: no float would be right")
        return cls(rtol=tolerances.get("rtol", 0.0), atol=tolerances.get("atol", 0.0))

    def __str__(self) -> str:
        if self.significant is not None:
            return f"at least {self.significant} significant figure{_s(self.significant)}"
        if self.decimals is not None:
            return f"at least {self.decimals} decimal{_s(self.decimals)}"
        if self.rtol or self.atol:
            parts = [f"{self.atol:g}"] * bool(self.atol) + [f"{self.rtol:g} × |value|"] * bool(
                self.rtol
            )
            return "within " + " + ".join(parts) + " of the value"
        return "to the decimals it shows"

    def hold(self, written: str, value: float) -> Held:
        """Whether the number answer `written` (its text) is right for `value`."""
        answer = as_number(written)
        error = abs(answer - value)
        as_shown = error <= tolerance(written)
        if (is_whole(written) and as_shown) or (answer == value):
            return Held(True, right_as_shown=True)
        if self.rtol is not None or self.atol is not None:
            allowed = (self.atol or 0.0) + (self.rtol or 0.0) * abs(value)
            return Held(error <= allowed, right_as_shown=as_shown)
        if self.significant is not None:
            wanted, shown, what = (
                self.significant,
                significant_figures(written),
                "significant figure",
            )
            allowed = _half_unit(value, self.significant)
        elif self.decimals is not None:
            wanted, shown, what = self.decimals, decimals(written) or 0, "decimal"
            allowed = 0.5 * 10.0**-self.decimals
        else:
            return Held(as_shown, right_as_shown=as_shown)
        allowed = allowed * (1 + 1e-9) + 4 * math.ulp(abs(value))
        if shown >= wanted:
            return Held(error <= allowed, right_as_shown=as_shown)
        note = f"written to {shown} {what}{_s(shown)}; the key asks for at least {wanted}"
        if as_shown:
            note = f"right to the {shown} {what}{_s(shown)} it shows, but the key asks for at least {wanted}"
        return Held(False, note, as_shown)


def arithmetic_number(written: str, precision: Precision) -> str | None:
    """The number a formula of numbers alone shows (`0.5082 − 1` shows `-0.4918`), as
    `precision` reads figures: its value to the fewest significant figures (decimals,
    when the key asks for decimals) of the numbers it writes, whole numbers being
    exact; every figure of its value under a tolerance, or when all its numbers are
    whole. None when `written` is not such a formula (it uses a label, or not a number)."""
    try:
        expr = parse_formula(written, ()).expr
    except FormulaError:
        return None
    if names(expr):
        return None
    value = evaluate(expr, {})  # ValueError, ArithmeticError: the answer is unreadable
    numbers = [n.group().strip() for n in _NUMBERS.finditer(written)]
    figures = [n for n in numbers if not is_whole(n)]
    if not figures or precision.rtol is not None or precision.atol is not None:
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if precision.decimals is not None or precision.significant is None:  # as shown: decimals
        fewest = min(decimals(n) or 0 for n in figures)
        return f"{value:.{fewest}f}"
    fewest = min(significant_figures(n) for n in figures)
    return f"{value:#.{fewest}g}"  # "#": its zeros kept, 0.50 shows two figures


def significant_figures(written: str) -> int:
    """How many significant figures a number shows: `0.0727` 3, `-0.20` 2, `100` 3."""
    text = written.replace("−", "-").strip().lstrip("+-")
    mantissa = text.lower().partition("e")[0]
    return len(mantissa.replace(".", "").lstrip("0"))


def _half_unit(value: float, figures: int) -> float:
    """Half a unit of `value`'s last place when it is written to `figures` figures."""
    if value == 0:
        return 0.0
    leading = math.floor(math.log10(abs(value)))
    return 0.5 * 10.0 ** (leading - figures + 1)


def _s(count: int) -> str:
    return "" if count == 1 else "s"


DEFAULT = Precision(significant=3)
AS_SHOWN = Precision()
