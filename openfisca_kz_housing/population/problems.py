"""Why a population is refused: every problem as file, row, column and reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One reason to refuse a population; ``row`` is the 1-based data row (the header is not a row)."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self):
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
            if self.file.endswith(".csv"):
                where += f" (line {self.row + 1})"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.reason}"


class PopulationError(ValueError):
    """The population files were refused; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:100])
        more = f"\n  ... and {len(self.problems) - 100} more" if len(self.problems) > 100 else ""
        super().__init__(f"The population was refused ({len(self.problems)} problem(s)):\n{shown}{more}")

