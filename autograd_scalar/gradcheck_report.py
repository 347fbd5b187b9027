"""What gradcheck answers: a row per input, the table they make, and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GradcheckRow:
    """One input: the engine's derivative, the central difference, and how far apart."""

    name: str
    analytic: float
    numeric: float
    abs_error: float
    rel_error: float
    passed: bool
    hint: str = ""


@dataclass(frozen=True)
class GradcheckResult:
    """The rows of a gradcheck, and the first op to blame when some fail."""

    rows: list[GradcheckRow]
    culprit: str | None = None  # the first op whose own local partial is wrong

    @property
    def ok(self) -> bool:
        return all(row.passed for row in self.rows)

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:  # the REPL and notebooks show the readable form
        return str(self)

    def __str__(self) -> str:
        head = ["input", "analytic", "numeric", "abs error", "rel error", "ok"]
        body = [
            [r.name, f"{r.analytic:.6g}", f"{r.numeric:.6g}", f"{r.abs_error:.2e}",
             f"{r.rel_error:.2e}", "✓" if r.passed else "✗"]
            for r in self.rows
        ]  # fmt: skip
        rows = [head, *body]
        widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        lines += [f"hint ({r.name}): {r.hint}" for r in self.rows if r.hint]
        if self.culprit:
            lines.append(f"first op with a wrong local partial: {self.culprit}")
        elif not self.ok:
            lines.append(
                "every op's own partial agrees with a difference of its forward: "
                "look at the hints (a kink or a domain edge), or try another eps"
            )
        return "\n".join(line.rstrip() for line in lines)


class GradcheckError(AssertionError):
    """gradcheck found inputs whose derivative disagrees with a central difference."""

    def __init__(self, result: GradcheckResult) -> None:
        self.result = result
        failing = [row.name for row in result.rows if not row.passed]
        super().__init__(f"gradcheck failed for {', '.join(failing)}:\n{result}")
