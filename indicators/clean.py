"""Cleaning: raw text frames -> typed clean frames (pure functions).

Each function takes frames and returns frames plus the problems it found; no
file access happens here. Conflicting figures are kept side by side: nothing
is averaged and no row is dropped without a problem being reported.
"""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd

from indicators.load import FILE_COLUMN, LINE_COLUMN
from indicators.modelinfo import coerce_to_model, columns
from indicators.parse import ParseError, parse_period, parse_value
from indicators.problems import Problem
from indicators.schemas_observations import ObservationSchema
from indicators.units import UnitError, to_canonical

# Files whose rows form consistent annual series from one source per reporter.
SERIES_FILES = frozenset({"trade_series.csv", "arms_milex.csv"})
# Compiled statistical databases whose rows are series in any file.
SERIES_REPORTERS = frozenset({"BP", "EI", "SIPRI"})

# the observation table's columns, in order, as its pandera model declares them
OBSERVATION_COLUMNS = columns(ObservationSchema)


def _problem(row: pd.Series, column: str, value: str, rule: str, message: str) -> Problem:
    return Problem(str(row[FILE_COLUMN]), int(row[LINE_COLUMN]), column, value, rule, message)


def classify_kind(raw_file: str, reporter: str, confidence: str) -> str:
    """``series`` for rows of a consistent annual series, ``point`` for statements."""
    if raw_file in SERIES_FILES:
        return "series"
    if reporter in SERIES_REPORTERS and confidence == "statistical_review":
        return "series"
    return "point"


def clean_records(
    raw: pd.DataFrame, catalogue: pd.DataFrame, sources: pd.DataFrame
) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse values, periods and units of raw record rows into observations.

    Rows with a bad value, period or unit are reported and left out of the
    returned frame (the build then fails, so nothing is lost silently).
    """
    cat_unit = dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
    edition = dict(zip(sources["source_id"], sources["edition"], strict=True))
    problems: list[Problem] = []
    out: list[dict[str, object]] = []
    for _, row in raw.iterrows():
        row_problems: list[Problem] = []
        indicator = str(row["indicator"])
        unit_raw = str(row["unit"])
        target = cat_unit.get(indicator)
        factor = 1.0
        if target is None:
            row_problems.append(
                _problem(row, "indicator", indicator, "indicator_in_catalogue", "indicator is not in catalogue.csv")
            )
        else:
            try:
                factor = to_canonical(unit_raw, target)
            except UnitError as exc:
                row_problems.append(_problem(row, "unit", unit_raw, exc.rule, str(exc)))
        try:
            parsed = parse_value(str(row["value"]), "text" if target == "text" else unit_raw)
        except ParseError as exc:
            row_problems.append(_problem(row, "value", str(row["value"]), exc.rule, str(exc)))
            parsed = None
        try:
            period = parse_period(str(row["period"]))
        except ParseError as exc:
            row_problems.append(_problem(row, "period", str(row["period"]), exc.rule, str(exc)))
            period = None
        if row_problems or parsed is None or period is None:
            problems.extend(row_problems)
            continue
        value = None if parsed.value is None else parsed.value * factor
        high = None if parsed.value_high is None else parsed.value_high * factor
        out.append(
            {
                "obs_id": row["record_id"],
                "indicator": indicator,
                "reporter": row["reporter"],
                "subject": row["subject"],
                "period": row["period"],
                "period_start": pd.Timestamp(period.start),
                "period_end": pd.Timestamp(period.end) if period.end else pd.NaT,
                "year": period.year,
                "full_year": period.full_year,
                "point_in_time": period.point_in_time,
                "period_certain": period.certain,
                "value": value,
                "value_high": high,
                "qualifier": parsed.qualifier,
                "value_text": parsed.text,
                "unit": target,
                "value_published": row["value"],
                "unit_published": unit_raw,
                "factor": factor,
                "source_id": row["source_id"],
                "source_ids": row["source_id"],
                "edition": edition.get(str(row["source_id"])) or None,
                "locator": row["locator"],
                "confidence": row["confidence"],
                "kind": classify_kind(str(row[FILE_COLUMN]), str(row["reporter"]), str(row["confidence"])),
                "formula": None,
                "note": row["note"] or None,
                "raw_file": row[FILE_COLUMN],
                "raw_line": row[LINE_COLUMN],
            }
        )
    return observations_frame(out), problems


def observations_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Build an observations frame with the clean dtypes from row dicts."""
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    return coerce_observations(frame)


def coerce_observations(frame: pd.DataFrame) -> pd.DataFrame:
    """Give every observation column its clean dtype (read off :class:`ObservationSchema`)."""
    return coerce_to_model(frame, ObservationSchema)


def clean_catalogue(raw: pd.DataFrame) -> pd.DataFrame:
    """Type the catalogue (chapter as int, bounds as floats)."""
    out = raw.drop(columns=[FILE_COLUMN, LINE_COLUMN]).copy()
    out["chapter"] = out["chapter"].astype(int)
    for col in ("plausible_min", "plausible_max"):
        out[col] = pd.to_numeric(out[col].replace("", None)).astype("float64")
    return out


def clean_sources(raw: pd.DataFrame) -> pd.DataFrame:
    """Sources as published; empty cells become missing."""
    out = raw.drop(columns=[FILE_COLUMN, LINE_COLUMN]).copy()
    return out.replace("", None)


def _date_bounds(text: str, precision: str) -> tuple[date, date]:
    parts = [int(p) for p in text.split("-")]
    if precision == "day":
        d = date(parts[0], parts[1], parts[2])
        return d, d
    if precision == "month":
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def clean_events(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Add explicit date bounds to events; report impossible dates."""
    problems: list[Problem] = []
    starts: list[pd.Timestamp] = []
    ends: list[pd.Timestamp] = []
    keep: list[bool] = []
    for _, row in raw.iterrows():
        try:
            start, end = _date_bounds(str(row["date"]), str(row["date_precision"]))
        except (ValueError, IndexError) as exc:
            problems.append(_problem(row, "date", str(row["date"]), "date_valid", f"not a calendar date ({exc})"))
            keep.append(False)
            continue
        starts.append(pd.Timestamp(start))
        ends.append(pd.Timestamp(end))
        keep.append(True)
    out = raw[keep].drop(columns=[FILE_COLUMN, LINE_COLUMN]).copy()
    out.insert(3, "date_start", pd.to_datetime(pd.Series(starts, index=out.index, dtype="datetime64[ns]")))
    out.insert(4, "date_end", pd.to_datetime(pd.Series(ends, index=out.index, dtype="datetime64[ns]")))
    return out.replace("", None).sort_values(["date_start", "event_id"]).reset_index(drop=True), problems


def _int_or_na(text: str) -> object:
    return int(text) if text else pd.NA


def clean_deals(raw: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Type the register: counts and years as nullable ints, TIV as floats."""
    edition = dict(zip(sources["source_id"], sources["edition"], strict=True))
    out = raw.drop(columns=[FILE_COLUMN, LINE_COLUMN]).copy()
    out.insert(2, "edition", out["source_id"].map(edition).fillna(""))
    for col in ("order_year", "number_ordered", "number_delivered"):
        out[col] = pd.Series([_int_or_na(v) for v in out[col]], index=out.index, dtype="Int64")
    years = [delivery_year_list(str(v)) for v in out["delivery_years"]]
    position = list(out.columns).index("delivery_years") + 1
    first = pd.Series([min(y) if y else pd.NA for y in years], index=out.index, dtype="Int64")
    last = pd.Series([max(y) if y else pd.NA for y in years], index=out.index, dtype="Int64")
    out.insert(position, "first_delivery", first)
    out.insert(position + 1, "last_delivery", last)
    for col in ("tiv_per_unit", "tiv_delivered"):
        out[col] = pd.to_numeric(out[col].replace("", None)).astype("float64")
    text_cols = [c for c in out.columns if pd.api.types.is_string_dtype(out[c])]
    out[text_cols] = out[text_cols].replace("", None)
    return out


def delivery_year_list(text: str) -> list[int]:
    """'2007;2008' -> [2007, 2008]; '2013-2015' -> [2013, 2014, 2015]; '' -> []."""
    years: list[int] = []
    for part in filter(None, (text or "").split(";")):
        if "-" in part:
            a, b = (int(x) for x in part.split("-"))
            years.extend(range(a, b + 1))
        else:
            years.append(int(part))
    return sorted(set(years))


def clean_arms_statements(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse the figure of each arms statement (exact or range)."""
    problems: list[Problem] = []
    values: list[float | None] = []
    highs: list[float | None] = []
    quals: list[str] = []
    for _, row in raw.iterrows():
        figure = str(row["figure"])
        if figure == "":
            values.append(None)
            highs.append(None)
            quals.append("qualitative")
            continue
        try:
            parsed = parse_value(figure, str(row["unit"]))
        except ParseError as exc:
            problems.append(_problem(row, "figure", figure, exc.rule, str(exc)))
            values.append(None)
            highs.append(None)
            quals.append("qualitative")
            continue
        values.append(parsed.value)
        highs.append(parsed.value_high)
        quals.append(parsed.qualifier)
    out = raw.drop(columns=[FILE_COLUMN, LINE_COLUMN, "figure"]).copy()
    out.insert(4, "value", pd.Series(values, index=out.index, dtype="float64"))
    out.insert(5, "value_high", pd.Series(highs, index=out.index, dtype="float64"))
    out.insert(6, "qualifier", quals)
    return out.replace("", None), problems
