"""Running the pandera models and turning their failures into :class:`Problem` lines.

A dataframe-level check is registered once, with :func:`row_check`: its name
(the method's), the column a failing row is reported under, and its message
(pandera's ``error=``). :func:`failures_to_problems` reads all three back from
that registration. pandera's built-in checks (``isin``, ``str_matches``, ...)
get their messages from :data:`BUILTIN_TEXT`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa

from indicators.problems import Problem


@dataclass(frozen=True)
class RowRule:
    """A registered dataframe-level check: its name, the column it is about and its message."""

    name: str
    column: str
    message: str


# rule name -> registration; filled by row_check as the models are defined
ROW_RULES: dict[str, RowRule] = {}

# messages of pandera's built-in checks, by check name ('isin([...])' -> 'isin')
BUILTIN_TEXT = {
    "multiple_fields_uniqueness": "duplicate row: the same key appears more than once",
    "field_uniqueness": "duplicate id",
    "isin": "value is not in the allowed vocabulary",
    "str_matches": "value does not match the required format",
    "str_length": "value is too short or too long",
    "not_nullable": "value is missing",
    "column_in_dataframe": "required column is missing",
    "dtype": "column has the wrong type",
}


def row_check(column: str, message: str) -> Callable[[Any], Any]:
    """Register a dataframe-level check of a pandera model: the one place its column and message are written.

    Use it in place of ``@pa.dataframe_check``, above ``@classmethod``. The check's
    name is the method's name; ``message`` becomes pandera's ``error=``. A problem
    of a failing row is reported under ``column`` with that message.
    """

    def register(method: Any) -> Any:
        fn = method.__func__ if isinstance(method, classmethod) else method
        rule = RowRule(fn.__name__, column, message)
        if ROW_RULES.setdefault(rule.name, rule) != rule:
            raise ValueError(f"check {rule.name!r} is registered twice with different columns or messages")
        return pa.dataframe_check(method, name=rule.name, error=message)

    return register


def _rule_by_message() -> dict[str, RowRule]:
    return {r.message: r for r in ROW_RULES.values()}


def rule_text(rule: str) -> str:
    """The message of a rule: its registration, else the built-in text of its base name."""
    if rule in ROW_RULES:
        return ROW_RULES[rule].message
    return BUILTIN_TEXT.get(rule.split("(", maxsplit=1)[0], f"fails check {rule}")


# at most this many problems are listed per file and rule; the rest are counted in one closing line
MAX_PROBLEMS_PER_FILE = 100


def id_pattern(model: type[pa.DataFrameModel]) -> tuple[str, str] | None:
    """The model's first column and its ``str_matches`` pattern (the row id's format), if it has one."""
    schema = model.to_schema()
    first = next(iter(schema.columns))
    for check in schema.columns[first].checks:
        if check.name == "str_matches":
            return first, str(check.statistics["pattern"])
    return None


def failures_to_problems(
    failure_cases: pd.DataFrame, frame: pd.DataFrame, default_file: str, key_columns: list[str] | None = None
) -> list[Problem]:
    """Turn pandera failure cases into one Problem per failing cell or row.

    ``frame`` must be the validated frame; its ``_file``/``_line`` columns
    (when present) locate each failing row in its raw file.
    """
    problems: list[Problem] = []
    seen: set[tuple[object, ...]] = set()
    by_message = _rule_by_message()
    for case in failure_cases.itertuples(index=False):
        registered = by_message.get(str(case.check))
        rule = registered.name if registered else str(case.check)
        idx = case.index
        # pandera lists a failing dataframe-level check once per column of the row;
        # it is about one column, so the row is reported once, under that column
        own_column = case.column if isinstance(case.column, str) else ""
        column = registered.column if registered else ("" if rule == "multiple_fields_uniqueness" else own_column)
        file_name, line = default_file, 0
        value = "" if case.failure_case is None else str(case.failure_case)
        if idx is not None and not (isinstance(idx, float) and pd.isna(idx)) and idx in frame.index:
            row = frame.loc[idx]
            file_name = str(row.get("_file", default_file) or default_file)
            line_val = row.get("_line", row.get("raw_line", 0))
            line = int(line_val) if pd.notna(line_val) else 0
            if rule == "multiple_fields_uniqueness":
                cols = key_columns or []
                value = " | ".join(str(row.get(c, "")) for c in cols)
                column = "+".join(cols)
            elif column and column in frame.columns:
                value = str(row[column])
        key = (file_name, line, column, rule)
        if key in seen:
            continue
        seen.add(key)
        if len(problems) >= MAX_PROBLEMS_PER_FILE:
            problems.append(
                Problem(default_file, 0, "", "", "too_many_problems", "further failures of this file not listed")
            )
            break
        problems.append(Problem(file_name, line, column, value, rule, rule_text(rule)))
    return problems


def validate_frame(
    model: type[pa.DataFrameModel],
    frame: pd.DataFrame,
    default_file: str,
    key_columns: list[str] | None = None,
) -> list[Problem]:
    """Validate lazily; return problems (empty when the frame passes)."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return failures_to_problems(exc.failure_cases, frame, default_file, key_columns)
    return []
