"""Headline indicators for the overview: latest value, change, freshness (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.data import DataStore, release_label, short_publisher
from dashboard.figures import fmt_value
from dashboard.memo import memoize
from indicators.derive import change_between

UNIT_TEXT = {"percent": "%", "ratio": "", "TIV million": "TIV million (not money)"}


@dataclass(frozen=True)
class KpiSpec:
    """Which series a KPI card shows."""

    key: str
    label: str
    indicator: str
    reporter: str
    subject: str | None
    href: str
    note: str = ""
    edition: str | None = None  # None = latest SIPRI release for TIV indicators, else any
    annual_only: bool = True


KPI_SPECS: tuple[KpiSpec, ...] = (
    KpiSpec("turnover-az", "Turnover, AZ-reported", "trade_az_ru_turnover", "AZ", None, "/trade"),
    KpiSpec("turnover-ru", "Turnover, RU-reported", "trade_az_ru_turnover", "RU", None, "/trade"),
    KpiSpec("exports-az", "AZ exports to Russia (AZ-reported)", "trade_az_to_ru", "AZ", None, "/trade"),
    KpiSpec("imports-az", "AZ imports from Russia (AZ-reported)", "trade_ru_to_az", "AZ", None, "/trade"),
    KpiSpec(
        "share-az",
        "Russia's share of AZ goods trade",
        "trade_ru_share_of_az_trade",
        "AZ",
        None,
        "/trade",
        note="computed from AZ-reported figures",
    ),
    KpiSpec(
        "oil-az",
        "Azerbaijan oil production",
        "energy_oil_production_twh",
        "EI",
        "AZ",
        "/energy",
        note="Energy Institute, primary energy",
    ),
    KpiSpec(
        "gas-az",
        "Azerbaijan gas production",
        "energy_gas_production_twh",
        "EI",
        "AZ",
        "/energy",
        note="Energy Institute, marketed gas",
    ),
    KpiSpec(
        "bn-socar",
        "Baku–Novorossiysk oil, SOCAR",
        "energy_oil_pipeline_mt",
        "SOCAR",
        "Baku–Novorossiysk",
        "/energy",
        note="SOCAR's own shipments; full years only",
        annual_only=False,
    ),
    KpiSpec(
        "arms-ru-share",
        "Russia's 5-year share of AZ arms imports",
        "arms_tiv_5y_share",
        "SIPRI",
        "Russia",
        "/arms",
        # the window and the release are named: the year shown ends SIPRI's five-year window (2016-20 for 2020)
        # and the freshness line names the release the share comes from
        note="SIPRI TIV, share over the five-year window ending in that year, in the release named below",
    ),
)


@memoize(maxsize=32)
def kpi_series(store: DataStore, spec: KpiSpec) -> pd.DataFrame:
    """One value per full year for the KPI (published preferred over computed)."""
    frame = store.select(spec.indicator, spec.reporter, spec.subject, annual_only=spec.annual_only)
    frame = frame[frame["full_year"] & frame["value"].notna()]
    if spec.indicator.startswith("arms_tiv"):
        edition = spec.edition or (store.tiv_releases[0] if store.tiv_releases else None)
        frame = frame[frame["edition"] == edition]
    frame = frame.assign(_computed=frame["confidence"].eq("computed"))
    frame = frame.sort_values(["year", "_computed", "period_start"]).drop_duplicates("year", keep="first")
    return frame.drop(columns="_computed")


def kpi_value(store: DataStore, spec: KpiSpec, year: int | None = None) -> dict[str, Any]:
    """Everything a KPI card shows, for ``year`` (default: the latest year available)."""
    series = kpi_series(store, spec)
    cat = store.indicator(spec.indicator)
    unit = str(cat["unit"])
    base: dict[str, Any] = {
        "key": spec.key,
        "label": spec.label,
        "href": spec.href,
        "unit_text": UNIT_TEXT.get(unit, unit),
        "series": series,
        "year": None,
        "value": None,
        "change": None,
    }
    if series.empty:
        return {**base, "value_text": "–", "context": "no data", "change_text": "", "freshness": ""}
    latest_year = int(series["year"].max())
    target = year if year is not None else latest_year
    row = series[series["year"] == target]
    fresh = freshness(store, series)
    if row.empty:
        return {
            **base,
            "value_text": "–",
            "context": f"no data for {target} · latest {latest_year}",
            "change_text": "",
            "freshness": fresh,
        }
    r = row.iloc[0]
    qual = str(r["qualifier"])
    prefix = {"approximate": "~", "lower_bound": ">", "upper_bound": "<"}.get(qual, "")
    value_text = prefix + fmt_value(float(r["value"]), "")
    if unit == "percent":
        value_text = prefix + f"{float(r['value']):.1f}"
    prev = series[series["year"] == target - 1]
    change = None
    change_text = f"no figure for {target - 1} to compare"
    ctype = str(cat["change_type"])
    if not prev.empty:
        p = prev.iloc[0]
        change = change_between(float(r["value"]), float(p["value"]), ctype)
        same_source = str(p["source_id"]) == str(r["source_id"]) or str(p.get("edition")) == str(r.get("edition"))
        if change is not None:
            sign = "+" if change > 0 else ""
            unit_c = {"percent": "%", "percentage_points": " pp"}.get(ctype, f" {UNIT_TEXT.get(unit, unit)}")
            change_text = f"{sign}{change:,.1f}{unit_c} vs {target - 1}" + (
                "" if same_source else " (different sources)"
            )
    context = f"{target} · {spec.reporter}-reported" if spec.reporter in ("AZ", "RU") else f"{target} · {spec.reporter}"
    if r["confidence"] == "computed":
        context += " · computed"
    if spec.note:
        context += f" · {spec.note}"
    return {
        **base,
        "year": target,
        "value": float(r["value"]),
        "change": change,
        "value_text": value_text,
        "context": context,
        "change_text": change_text,
        "freshness": fresh,
        "row": r,
    }


def freshness(store: DataStore, series: pd.DataFrame) -> str:
    """'Latest 2024 · IMF DOTS export of 2022-02 …' style freshness line."""
    latest = series.sort_values("year").iloc[-1]
    cites = store.citations(series[series["year"] == latest["year"]])
    src = cites[0] if cites else {}
    publisher = short_publisher(str(src.get("publisher", "")))
    release = src.get("edition") or (f"published {src['date']}" if src.get("date") else "")
    if release and str(release).startswith("SIPRI Arms"):
        release = release_label(str(release))
    return f"Latest {int(latest['year'])} · {publisher}" + (f" · {release}" if release else "")
