"""Numbers as a document prints them: a claim is held to the decimals it shows.

`0.0025` claims four decimals, so it is right for 0.002468 and wrong for 0.00242. A
whole number written without a decimal point (`0`, `1`, `"3"`) means exactly that
number. A printed number keeps its text (`"0.0850"`), so its trailing zeros count; the
right number is said as the claim would have printed it (`right_number`).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..core.value import as_float

NUMBER = re.compile(r"\s*[-+−]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+−]?\d+)?\s*")
r"""A number as text, with a document's minus sign allowed: "−0.0850", " 1e-3 ". Each
digit can be read one way only, so a match that fails costs time linear in the text
(`\d+\.?\d*` split a run of digits every way: 20,000 of them took 17 s)."""


def as_stated(claim: Any) -> str | float:
    """A claimed number as it is held: its text, trimmed, or the number itself."""
    return claim.strip() if isinstance(claim, str) else as_float(claim, "a claimed value")


def decimals(stated: Any) -> int | None:
    """How many decimals a printed number shows ("0.0850" → 4); None for a non-number."""
    if isinstance(stated, (int, float)) and not isinstance(stated, bool):
        stated = repr(float(stated)) if isinstance(stated, float) else str(stated)
    if not isinstance(stated, str):
        return None
    try:
        exponent = Decimal(stated.replace("−", "-").strip()).as_tuple().exponent
    except (ArithmeticError, InvalidOperation, ValueError):
        return None
    return max(0, -exponent) if isinstance(exponent, int) else None


def as_number(stated: Any) -> float:
    """The printed number as a float (the document's minus sign allowed)."""
    return float(str(stated).replace("−", "-"))


def is_whole(stated: Any) -> bool:
    """A whole number written as one (`3`, `"0"`, `1.0` as a float): it means exactly that."""
    if isinstance(stated, str):
        text = stated.replace("−", "-").strip().lstrip("+-")
        return text.isdigit()
    return float(stated).is_integer()


def tolerance(stated: Any, atol: float = 1e-9, rtol: float = 1e-6) -> float:
    """How far from `stated` a computed value may be and still print as `stated`."""
    value = as_number(stated)
    if is_whole(stated):
        return atol + rtol * abs(value)
    places = decimals(stated)
    if places is None:
        raise ValueError(f"{stated!r} is not a printed number")
    # Half a unit in the last printed place, and a hair more for binary round-off.
    return 0.5 * 10.0**-places * (1 + 1e-9) + 4 * math.ulp(abs(value))


def rounds_to(truth: float, stated: Any) -> bool:
    """True when `truth`, written with the decimals `stated` shows, reads as `stated`."""
    return abs(truth - as_number(stated)) <= tolerance(stated)


def truncates_to(truth: float, stated: Any) -> bool:
    """True when `stated` is `truth` cut (not rounded) after the printed decimals."""
    places = decimals(stated)
    if places is None:
        return False
    cut = Decimal(repr(truth)).quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN")
    return cut == Decimal(str(stated).replace("−", "-"))


def shown_like(truth: float, stated: Any) -> str:
    """`truth` printed with the decimals `stated` shows (at least 4 significant digits)."""
    places = decimals(stated) or 0
    text = f"{truth:.{places}f}"
    if abs(truth) > 0 and len(text.replace("-", "").replace(".", "").lstrip("0")) < 4:
        text = f"{truth:.4g}"
    return text


def held_to(stated: Any) -> str:
    """How a printed number is held: "exactly", or "to the 4 decimals printed"."""
    return "exactly" if is_whole(stated) else f"to the {decimals(stated)} decimals printed"


def right_number(truth: float, printed: str) -> str:
    """`truth` as the claim would have printed it; says so when the print cut it short."""
    shown = shown_like(truth, printed)
    if truncates_to(truth, printed):
        places = decimals(printed) or 0
        return f"{truth:.7g} = {truth:.{places}f} to {places} decimals; {printed} cuts it short"
    return shown
