"""Numbers as a document prints them: a claim is held to the decimals it shows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def printed_decimals(stated: Any) -> int | None:
    """How many decimals a printed number shows ("0.0850" → 4); None for a non-number."""
    if isinstance(stated, (int, float)) and not isinstance(stated, bool):
        stated = repr(stated)
    if not isinstance(stated, str):
        return None
    try:
        exponent = Decimal(stated.replace("−", "-").strip()).as_tuple().exponent
    except ArithmeticError:
        return None
    return max(0, -exponent) if isinstance(exponent, int) else None


def as_number(stated: Any) -> float:
    """The printed number as a float (the document's minus sign allowed)."""
    return float(str(stated).replace("−", "-"))


def rounds_to(truth: float, stated: Any) -> bool:
    """True when `truth`, rounded to the decimals `stated` shows, is `stated`."""
    decimals = printed_decimals(stated)
    if decimals is None:
        raise ValueError(f"{stated!r} is not a printed number")
    # Half a unit in the last printed place, and a hair more for binary round-off.
    return abs(truth - as_number(stated)) <= 0.5 * 10.0**-decimals * (1 + 1e-9) + 1e-15


def truncates_to(truth: float, stated: Any) -> bool:
    """True when `stated` is `truth` cut (not rounded) after the printed decimals."""
    decimals = printed_decimals(stated)
    if decimals is None:
        return False
    cut = Decimal(repr(truth)).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_DOWN")
    return cut == Decimal(str(stated).replace("−", "-"))


def shown_like(truth: float, stated: Any) -> str:
    """`truth` printed with the decimals `stated` shows (at least 4 significant digits)."""
    decimals = printed_decimals(stated) or 0
    text = f"{truth:.{decimals}f}"
    if abs(truth) > 0 and len(text.replace("-", "").replace(".", "").lstrip("0")) < 4:
        text = f"{truth:.4g}"
    return text
