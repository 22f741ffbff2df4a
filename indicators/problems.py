"""Problems found in raw input, and how they are reported to people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of a raw file.

    ``row`` is the physical line number in the file (the header is line 1), or
    0 when the problem concerns the whole file.
    """

    file: str
    row: int
    column: str
    value: str
    rule: str
    message: str

    def line(self) -> str:
        """Render the problem as one human-readable line."""
        where = f"{self.file}:{self.row}" if self.row else self.file
        col = f" column '{self.column}'" if self.column else ""
        val = f" value {self.value!r}" if self.value != "" else ""
        return f"{where}:{col}{val} breaks rule '{self.rule}': {self.message}"

    def as_dict(self) -> dict[str, object]:
        """Return the problem as a plain dict (for JSON reports)."""
        return asdict(self)


class BuildFailed(Exception):
    """Raised by the pipeline when raw input breaks at least one hard rule."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in raw data")


def summarise(problems: list[Problem]) -> str:
    """One summary line: count of problems by rule and by file."""
    by_rule: dict[str, int] = {}
    by_file: dict[str, int] = {}
    for p in problems:
        by_rule[p.rule] = by_rule.get(p.rule, 0) + 1
        by_file[p.file] = by_file.get(p.file, 0) + 1
    rules = ", ".join(f"{k}: {v}" for k, v in sorted(by_rule.items()))
    files = ", ".join(f"{k}: {v}" for k, v in sorted(by_file.items()))
    return f"{len(problems)} problem(s) - by rule [{rules}] - by file [{files}]"
