"""Shared pieces of the derivations: provenance, the derived-row template, "not computed" records.

A derived row (:func:`derived_row`) has ``confidence = computed``, a formula and
the sources of its inputs; :func:`same_provenance` says whether inputs come
from one source and edition, the condition for combining them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import pandas as pd

# computed values are rounded to drop binary floating-point noise (e.g. 58.96000000000001)
DECIMALS = 6
DIFFERENT_SOURCES = "not computed: different sources"
NOT_COMPUTED_COLUMNS = ["indicator", "reporter", "subject", "year", "reason", "inputs", "source_ids"]
SAME_SOURCE_NOTE = (
    "The annual series' figures for this year come from different sources; this value uses two figures "
    "of one source instead."
)
# a row read by the provenance helpers: a pandas row or a plain record (``DataFrame.to_dict("records")``)
Row = pd.Series | Mapping[str, Any]


def annual_series(obs: pd.DataFrame) -> pd.DataFrame:
    """Rows that may join an annual line: series rows, whole calendar years, with a value."""
    mask = (obs["kind"] == "series") & obs["full_year"] & obs["value"].notna()
    return obs[mask]


def combine_qualifier(quals: Iterable[str]) -> str | None:
    """Qualifier of a sum/ratio of inputs; None when the inputs are bounds or ranges."""
    qs = set(quals)
    if qs <= {"exact"}:
        return "exact"
    if qs <= {"exact", "approximate"}:
        return "approximate"
    return None


def join_ids(values: Iterable[object]) -> str:
    """Distinct ';'-separated ids of several values, in first-seen order."""
    seen: list[str] = []
    for v in values:
        for part in str(v).split(";"):
            if part and part not in seen:
                seen.append(part)
    return ";".join(seen)


def input_sources(row: Row) -> object:
    """Every source behind an input row (its source_ids, or its source_id for frames without that column)."""
    ids = row.get("source_ids")
    return ids if isinstance(ids, str) and ids else row["source_id"]


def common_value(values: Iterable[object]) -> object:
    """The one non-empty text the values share, else None (e.g. the inputs' common edition)."""
    vals = {v for v in values if isinstance(v, str) and v}
    return vals.pop() if len(vals) == 1 else None


def provenance(row: Row) -> tuple[str, ...]:
    """What "same source and edition" compares for a row.

    A row of a dated release (a SIPRI release, an IMF DOTS export, a Statistical
    Review) is identified by that edition, whichever of the release's files it was
    read from; any other row by the set of sources behind it (one news item, one
    statement).
    """
    edition = row.get("edition")
    if isinstance(edition, str) and edition:
        return ("edition", edition)
    return ("sources", *sorted({s for s in str(input_sources(row)).split(";") if s}))


def same_provenance(rows: Iterable[Row]) -> bool:
    """True when every row comes from the same source and edition (see :func:`provenance`)."""
    return len({provenance(r) for r in rows}) <= 1


def not_computed_record(
    indicator: str, reporter: str, subject: str, year: int, inputs: Sequence[Row], reason: str = DIFFERENT_SOURCES
) -> dict[str, object]:
    """A figure left out, with why and from which inputs (a row of :func:`not_computed_frame`)."""
    return {
        "indicator": indicator,
        "reporter": reporter,
        "subject": subject or None,
        "year": year,
        "reason": reason,
        "inputs": ";".join(str(r["obs_id"]) for r in inputs),
        "source_ids": join_ids(input_sources(r) for r in inputs),
    }


def not_computed_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """Records of figures left out (indicator, reporter, subject, year, reason, inputs, source_ids)."""
    out = pd.DataFrame(records, columns=NOT_COMPUTED_COLUMNS)
    out["year"] = out["year"].astype("int64")
    return out.sort_values(["indicator", "reporter", "year"], kind="stable").reset_index(drop=True)


def derived_row(
    obs_id: str,
    indicator: str,
    reporter: str,
    subject: str,
    year: int,
    value: float,
    qualifier: str,
    unit: str,
    inputs: Sequence[Row],
    formula: str,
    kind: str = "series",
    note: str | None = None,
) -> dict[str, object]:
    """One computed whole-year observation (``confidence = computed``) citing the sources of its inputs."""
    return {
        "obs_id": obs_id,
        "indicator": indicator,
        "reporter": reporter,
        "subject": subject,
        "period": str(year),
        "period_start": pd.Timestamp(year=year, month=1, day=1),
        "period_end": pd.Timestamp(year=year, month=12, day=31),
        "year": year,
        "full_year": True,
        "point_in_time": False,
        "period_certain": all(bool(r["period_certain"]) for r in inputs) if inputs else True,
        "value": round(value, DECIMALS),
        "value_high": None,
        "qualifier": qualifier,
        "value_text": None,
        "unit": unit,
        "value_published": None,
        "unit_published": None,
        "factor": 1.0,
        # one citable source per row (the first input's); every input's source in source_ids
        "source_id": join_ids(input_sources(r) for r in inputs).split(";")[0],
        "source_ids": join_ids(input_sources(r) for r in inputs),
        "edition": common_value(r["edition"] for r in inputs),
        "locator": "computed from " + ", ".join(str(r["obs_id"]) for r in inputs),
        "confidence": "computed",
        "kind": kind,
        "formula": formula,
        "note": note,
        "raw_file": None,
        "raw_line": None,
    }


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as plain dicts: reading a pandas row (``iloc``, ``iterrows``) of an
    Arrow-backed frame costs ~0.2 ms, which made per-row derivations most of the build."""
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def one_per_year(frame: pd.DataFrame) -> dict[tuple[str, int], Row]:
    """Map (reporter, year) -> the single series row to use.

    A published figure is preferred to one computed here; when two published
    figures remain for the same year, the year is left out rather than choosing.
    """
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for rec in records(frame):
        groups.setdefault((str(rec["reporter"]), int(rec["year"])), []).append(rec)
    out: dict[tuple[str, int], Row] = {}
    for key in sorted(groups):
        grp = groups[key]
        published = [r for r in grp if r["confidence"] != "computed"]
        pick = published or grp
        if len(pick) == 1:
            out[key] = pick[0]
    return out


def full_year_figures(obs: pd.DataFrame) -> pd.DataFrame:
    """Whole-calendar-year figures with a value, series and statements alike (where a same-source pair
    is looked for when the annual series mixes sources)."""
    return obs[obs["full_year"] & obs["value"].notna() & obs["qualifier"].isin(["exact", "approximate"])]


def same_source_pair(a: Row, b: Row, indicators: tuple[str, str], pool: pd.DataFrame | None) -> tuple[Row, Row] | None:
    """For a year whose two series inputs come from different sources: the one pair in which another
    figure of the same year and reporter, from the source of one input, takes the other input's place.

    E.g. AZ 2023: exports TS0231 (Nordot) and imports TS0235 (News.az) differ in source, but News.az
    also gives 2023 exports (ST0078), so the balance comes from News.az alone. None when no such pair
    or more than one exists (then nothing is computed).
    """
    if pool is None:
        return None
    same = pool[
        (pool["reporter"] == a["reporter"])
        & (pool["year"] == a["year"])
        & (pool["subject"].fillna("") == ("" if pd.isna(a["subject"]) else str(a["subject"])))
    ]
    pairs: list[tuple[Row, Row]] = []
    for alt in records(same[same["indicator"] == indicators[0]]):
        if alt["obs_id"] != a["obs_id"] and same_provenance([alt, b]):
            pairs.append((alt, b))
    for alt in records(same[same["indicator"] == indicators[1]]):
        if alt["obs_id"] != b["obs_id"] and same_provenance([a, alt]):
            pairs.append((a, alt))
    return pairs[0] if len(pairs) == 1 else None
