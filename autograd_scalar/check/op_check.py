"""check_op: a report on an op record, its forms of the same math held against each other.

`register_op` refuses a record that disagrees with itself; `check_op` says what it found,
for any record (registered or not, the table's own or a changed copy), adding SymPy's exact
derivative when SymPy is installed. The checks themselves are `formula.record_check`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.ops import Op
from ..errors import OpError
from ..formula.record_check import problems
from ..formula.registry import in_the_table


@dataclass(frozen=True)
class OpCheckResult:
    """What `check_op` found: `problems` is empty when the record is right."""

    op: Op
    points: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        if self.ok:
            return f"✓ op {self.op.name!r}: partials, formulas and written form agree at {self.points} points"
        return f"✗ op {self.op.name!r}:\n" + "\n".join(f"  - {p}" for p in self.problems)

    def __repr__(self) -> str:
        return str(self)


def check_op(
    op: Op,
    points: int = 40,
    seed: int = 0,
    raise_exception: bool = True,
    span: tuple[float, float] | None = None,
) -> OpCheckResult:
    """Test an op record against itself at `points` random points (and a few chosen ones):
    partials, formulas, definition, domain and written form; with SymPy, the formulas
    against the exact derivative too. The points are drawn as `register_op` draws them:
    from `span` (low, high) when given. Raises OpError listing what disagrees unless
    `raise_exception=False`."""
    if not isinstance(op, Op):
        raise TypeError(f"check_op takes an Op record, got {type(op).__name__}")
    with in_the_table(op):
        found = problems(op, points, seed, exact=True, span=span)
    result = OpCheckResult(op, points, found)
    if raise_exception and not result.ok:
        raise OpError(str(result))
    return result
