"""Column lists and dtypes read off the pandera models, so that no other module repeats them.

The raw headers (:mod:`indicators.load`), the observation columns and dtypes
(:mod:`indicators.clean`), the dtypes a clean table is read back with
(:func:`indicators.pipeline.read_clean_table`) and the dashboard's export
columns all come from here. Helper columns (``_``-prefixed, merged in only for
validation) are not table columns.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

TEXT, DATE, NULLABLE_INT, INT, FLOAT, BOOL = "text", "date", "Int64", "int64", "float64", "bool"


def columns(model: type[pa.DataFrameModel]) -> list[str]:
    """The model's table columns in declaration order (helper columns excluded)."""
    return [name for name in model.to_schema().columns if not str(name).startswith("_")]


def dtype_kind(dtype: object) -> str:
    """One of TEXT, DATE, NULLABLE_INT, INT, FLOAT, BOOL for a pandera column dtype."""
    text = str(dtype)
    # pandera's text dtype prints as str, string, string[pyarrow] or string[python] depending on pandas' backend
    if text.startswith(("str", "string")):
        return TEXT
    if text.startswith("datetime64"):
        return DATE
    if text in (NULLABLE_INT, INT, FLOAT, BOOL):
        return text
    raise ValueError(f"no clean dtype for pandera dtype {text!r}")


def column_kinds(model: type[pa.DataFrameModel]) -> dict[str, str]:
    """Table column -> dtype kind (see :func:`dtype_kind`), in declaration order."""
    schema = model.to_schema().columns
    return {name: dtype_kind(schema[name].dtype) for name in columns(model)}


def coerce_to_model(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """Give every column of ``frame`` that the model declares its clean dtype (others are left as they are).

    Text stays text with missing cells as missing (never the string 'None'), dates become datetimes,
    counts and years nullable integers where the model says so.
    """
    out = frame.copy()
    for col, kind in column_kinds(model).items():
        if col not in out.columns:
            continue
        if kind == DATE:
            out[col] = pd.to_datetime(out[col])
        elif kind == FLOAT:
            out[col] = pd.to_numeric(out[col]).astype("float64")
        elif kind == NULLABLE_INT:
            out[col] = out[col].astype("Int64")
        elif kind == INT:
            out[col] = out[col].astype("int64")
        elif kind == BOOL:
            out[col] = out[col].astype(bool)
        else:
            out[col] = out[col].astype("str").where(out[col].notna(), None)
    return out
