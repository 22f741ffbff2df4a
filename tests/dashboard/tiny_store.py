"""A DataStore built from a few hand-written rows, for unit tests of the query modules."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.data import DataStore

# the columns the queries read; every other column of the shipped tables is left empty
ROW_DEFAULTS: dict[str, Any] = {
    "reporter": "AZ",
    "subject": None,
    "kind": "series",
    "full_year": True,
    "qualifier": "exact",
    "confidence": "published",
    "edition": None,
    "formula": None,
    "note": None,
    "unit": "USD million",
}


def observation(obs_id: str, indicator: str, year: int, value: float, **fields: Any) -> dict[str, Any]:
    """One observation row: a calendar year unless ``period_start`` says otherwise."""
    start = fields.pop("period_start", f"{year}-01-01")
    return {
        **ROW_DEFAULTS,
        "obs_id": obs_id,
        "indicator": indicator,
        "year": year,
        "value": value,
        "period": str(year),
        "period_start": pd.Timestamp(start),
        "source_id": fields.pop("source_id", "src-a"),
        **fields,
    }


def tiny_store(
    template: DataStore,
    rows: list[dict[str, Any]],
    sources: list[dict[str, Any]] | None = None,
    report: dict[str, Any] | None = None,
    indicators: list[str] | None = None,
) -> DataStore:
    """``rows`` (and ``sources``, catalogue ``indicators``) in tables of the shipped columns and dtypes."""

    def table(like: pd.DataFrame, records: list[dict[str, Any]]) -> pd.DataFrame:
        frame = pd.DataFrame(records, columns=like.columns)
        return frame.astype(like.dtypes.to_dict()) if records else like.iloc[0:0]

    obs = table(template.observations, [{**r, "source_ids": r.get("source_id")} for r in rows])
    srcs = sources or [{"source_id": "src-a", "publisher": "Publisher A", "outlet": "Outlet A"}]
    catalogue = template.catalogue[template.catalogue["indicator_id"].isin(indicators or [])]
    return DataStore(
        observations=obs,
        changes=template.changes.iloc[0:0],
        sources=table(template.sources, srcs),
        catalogue=catalogue,
        events=template.events.iloc[0:0],
        deals=template.deals.iloc[0:0],
        arms_statements=template.arms_statements.iloc[0:0],
        report=report or {},
    )
