"""The build's last check before the swap: each written clean table, read back, equals the table that was
validated in memory (pure). The frames themselves were validated once, in the transform; a second pandera
run over the files took ~0.3 s of the build (issue 12) and caught less: a written value that reads back as
another valid value passed it.
"""

from __future__ import annotations

import pandas as pd

from indicators.problems import Problem

RULE = "read_back_differs"


def _normalised(column: pd.Series) -> pd.Series:
    """A column as written and read back compares: empty text is a missing cell, dates at one resolution."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.astype("datetime64[ns]")
    if pd.api.types.is_string_dtype(column) or column.dtype == object:
        return column.where(column.notna() & (column.astype("str") != ""), None).astype("object")
    return column


def read_back_problems(file_name: str, written: pd.DataFrame, read_back: pd.DataFrame) -> list[Problem]:
    """The first cell where ``read_back`` (the file, with the clean dtypes) differs from ``written`` (the
    validated frame), per column, as a Problem naming the file, line (header = 1), column and value."""
    written = written.reset_index(drop=True)
    if list(read_back.columns) != list(written.columns) or len(read_back) != len(written):
        shape = f"{len(read_back)} rows, columns {list(read_back.columns)}"
        return [Problem(file_name, 0, "", shape, RULE, f"read back as {shape}, written {len(written)} rows")]
    problems = []
    for column in written.columns:
        a, b = _normalised(written[column]), _normalised(read_back[column])
        same = (a == b).fillna(False).astype(bool) | (a.isna() & b.isna())
        if not same.all():
            row = int((~same).to_numpy().nonzero()[0][0])
            problems.append(
                Problem(
                    file_name,
                    row + 2,
                    str(column),
                    str(b.iloc[row]),
                    RULE,
                    f"the written file reads back {b.iloc[row]} where the validated table has {a.iloc[row]}",
                )
            )
    return problems
