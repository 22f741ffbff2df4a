"""Headline indicators for the overview: latest value, change, freshness (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.caching import memoize
from dashboard.commentary.words import az_ordinal
from dashboard.data import DataStore
from dashboard.figures import fmt_value, reporter_legend, unit_words
from dashboard.i18n import DEFAULT_LANG, _, current_lang, format_number, tr
from dashboard.text import credit_in_lang, source_label

UNIT_TEXT = {"percent": "%", "ratio": "", "TIV million": _("TIV million (not money)")}


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
    KpiSpec("turnover-az", _("Turnover, AZ-reported"), "trade_az_ru_turnover", "AZ", None, "/trade"),
    KpiSpec("turnover-ru", _("Turnover, RU-reported"), "trade_az_ru_turnover", "RU", None, "/trade"),
    KpiSpec("exports-az", _("AZ exports to Russia (AZ-reported)"), "trade_az_to_ru", "AZ", None, "/trade"),
    KpiSpec("imports-az", _("AZ imports from Russia (AZ-reported)"), "trade_ru_to_az", "AZ", None, "/trade"),
    KpiSpec(
        "share-az",
        _("Russia's share of AZ goods trade"),
        "trade_ru_share_of_az_trade",
        "AZ",
        None,
        "/trade",
        note=_("share of its total goods trade"),
    ),
    KpiSpec(
        "oil-az",
        _("Azerbaijan oil production"),
        "energy_oil_production_twh",
        "EI",
        "AZ",
        "/energy",
        note=_("primary energy"),
    ),
    KpiSpec(
        "gas-az",
        _("Azerbaijan gas production"),
        "energy_gas_production_twh",
        "EI",
        "AZ",
        "/energy",
        note=_("marketed gas, primary energy"),
    ),
    KpiSpec(
        "bn-socar",
        _("Baku–Novorossiysk oil shipments"),
        "energy_oil_pipeline_mt",
        "SOCAR",
        "Baku–Novorossiysk",
        "/energy",
        note=_("full years only"),
        annual_only=False,
    ),
    KpiSpec(
        "arms-ru-share",
        _("Russia's 5-year share of AZ arms imports"),
        "arms_tiv_5y_share",
        "SIPRI",
        "Russia",
        "/arms",
        # the window and the release are named: the year shown ends SIPRI's five-year window (2016-20 for 2020)
        # and the freshness line names the release the share comes from
        note=_("SIPRI TIV, share over the five-year window ending in that year, in the release named below"),
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
        "label": tr(spec.label),
        "href": spec.href if current_lang() == DEFAULT_LANG else f"{spec.href}?lang={current_lang()}",
        "unit_text": unit_text(unit),
        "series": series,
        "year": None,
        "value": None,
        "change": None,
        "source": "",
    }
    if series.empty:
        return {**base, "value_text": "–", "context": _("no data"), "change_text": "", "freshness": ""}
    latest_year = int(series["year"].max())
    target = year if year is not None else latest_year
    at = np.flatnonzero(series["year"].to_numpy() == target)  # a position, not a filtered copy (per card and year)
    fresh = freshness(series)
    if not len(at):
        return {
            **base,
            "value_text": "–",
            "context": _("no data for {year} · latest {latest}").format(year=target, latest=latest_year),
            "change_text": "",
            "freshness": fresh,
        }
    r = series.iloc[int(at[0])]
    qual = str(r["qualifier"])
    prefix = {"approximate": "~", "lower_bound": ">", "upper_bound": "<"}.get(qual, "")
    value_text = prefix + fmt_value(float(r["value"]), "")
    if unit == "percent":
        value_text = prefix + format_number(float(r["value"]), current_lang(), 1)
    change, change_text = change_of(store, r)
    window = _WINDOW.search(spec.indicator)
    if window:
        change_text = previous_window_text(series, target, int(window.group(1)))
    context = f"{target} · {reporter_legend(spec.reporter) if spec.reporter in ('AZ', 'RU') else spec.reporter}"
    if spec.note:
        context += f" · {tr(spec.note)}"
    return {
        **base,
        "year": target,
        "value": float(r["value"]),
        "change": change,
        "value_text": value_text,
        "context": context,
        "change_text": change_text,
        "freshness": fresh,
        "source": _("Source: {source}").format(source=credit_in_lang(str(r["credit"]), current_lang())),
        "row": r,
    }


_WINDOW = re.compile(r"_(\d+)y_share$")


def unit_text(unit: str) -> str:
    """A card's unit in the language being rendered now (percent '%', a ratio nothing, TIV 'not money')."""
    if unit not in UNIT_TEXT:
        return unit_words(unit)
    return tr(UNIT_TEXT[unit]) if UNIT_TEXT[unit] else ""  # gettext("") is the catalogue's header


def previous_window_text(series: pd.DataFrame, year: int, length: int) -> str:
    """A window share is set beside the previous window's published share (no change is worked out)."""
    start, end = year - 2 * length + 1, year - length
    label = f"{start}–{str(end)[-2:]}"
    prev = series[series["year"] == end]
    if prev.empty:
        return _("no share for {window}").format(window=label)
    value = format_number(float(prev.iloc[0]["value"]), current_lang(), 1)
    return _("{window} window: {value}%").format(window=label, value=value)


def change_of(store: DataStore, row: pd.Series) -> tuple[float | None, str]:
    """The build's change for ``row`` on the year before (clean ``changes`` table), as card text.

    The build computes a change only between figures of one source and edition; otherwise its row says
    "not computed: different sources", and the card says so rather than working one out itself.
    """
    year = int(row["year"])
    ch = changes_of_series(
        store, str(row["indicator"]), str(row["reporter"]), _text(row.get("subject")), _text(row.get("edition"))
    )
    at = np.flatnonzero(ch["year"].to_numpy() == year)
    if not len(at):
        return None, _("no figure for {year} to compare").format(year=year - 1)
    c = ch.iloc[int(at[0])]
    if str(c["qualifier"]) == "not_computed" or pd.isna(c["change"]):
        return None, _("change vs {year} not computed: different sources").format(year=year - 1)
    change = float(c["change"])
    ctype = str(c["change_type"])
    unit = {"percent": "%", "percentage_points": f" {unit_words('pp')}"}.get(
        ctype, f" {unit_text(str(c['change_unit']))}"
    )
    sign = "+" if change > 0 else ""
    approx = "~" if str(c["qualifier"]) == "approximate" else ""
    amount = f"{approx}{sign}{format_number(change, current_lang(), 1)}{unit}"
    return change, _("{change} vs {year}").format(change=amount, year=year - 1)


@memoize(maxsize=64)
def changes_of_series(store: DataStore, indicator: str, reporter: str, subject: str, edition: str) -> pd.DataFrame:
    """The build's changes of one series (subject and edition "" for none): a card's change is looked up
    here for each year instead of filtering the whole ``changes`` table per card and year."""
    ch = store.changes
    return ch[
        (ch["indicator"] == indicator)
        & (ch["reporter"] == reporter)
        & (ch["subject"].fillna("") == subject)
        & (ch["edition"].fillna("") == edition)
    ]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def freshness(series: pd.DataFrame) -> str:
    """'Latest year with data: 2024' (the source line names the shown figure's own source)."""
    return _("Latest year with data: {year}").format(year=int(series["year"].max()))


def _series_label(store: DataStore, indicator: str, reporter: str) -> tuple[str, int | None]:
    """(source label, last year) of an Azerbaijani production series."""
    frame = store.select(indicator, reporter, "AZ")
    if frame.empty:
        return "", None
    last = frame.sort_values("year").iloc[-1]
    return source_label(store.source_index.get(str(last["source_id"]), {})), int(last["year"])


def energy_headline(store: DataStore) -> dict[str, str]:
    """Which oil and gas series is the headline and why, for the overview and the energy page.

    The headline is the Energy Institute edition the overview cards show (the latest edition, every year to
    its last); BP's 2021 edition and official figures are comparisons. Names and years come from the data.
    """
    headline, last = _series_label(store, "energy_oil_production_twh", "EI")
    bp, _bp_last = _series_label(store, "energy_oil_production_mt", "BP")
    if not headline:
        return {"overview": "", "energy": ""}
    overview = _(
        "Oil and gas cards: {headline}, in TWh — the headline series, as the latest edition with every year to "
        "{last}. The Caspian energy page draws it in Mt next to {bp} and official figures, for comparison."
    ).format(headline=headline, last=last, bp=bp, year_ord=az_ordinal(last or 0))
    energy = _(
        "Headline series: {headline} — the latest edition, with every year to {last}, and the one the "
        "overview's cards show. It publishes TWh; its Mt line is converted at 11.63 TWh/Mt. {bp}, published "
        "in Mt, and official figures are drawn for comparison: editions revise past years and official counts "
        "differ, so one year can show several values, each named by its source in the hover."
    ).format(headline=headline, last=last, bp=bp, year_ord=az_ordinal(last or 0))
    return {"overview": overview, "energy": energy}
