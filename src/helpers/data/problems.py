"""What goes wrong in the data: one :class:`Problem` per place, raised together as a :class:`DataError`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one file, printed as ``FILE:ROW: FIELD: problem (expected ...)``."""

    file: str
    row: int | None
    field: str | None
    problem: str
    expected: str = ""

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        what = f"{self.field}: {self.problem}" if self.field else self.problem
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{where}: {what}{tail}"


class DataError(ValueError):
    """Raised when data do not validate; ``problems`` lists every one found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def _render_traceback_(self) -> list[str]:
        # In Jupyter, show the located problems rather than the toolkit's internals.
        return [
            f"DataError: the book's data do not validate ({len(self.problems)} problem(s)):",
            *map(str, self.problems),
        ]
