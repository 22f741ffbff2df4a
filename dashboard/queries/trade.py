"""Trade queries (/trade and the overview): the flows, the not-computed years, the year-detail payload,
the rows behind a view. Pure functions of the DataStore."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.caching import memoize
from dashboard.chart_text import chart_summary
from dashboard.commentary.words import az_ordinal
from dashboard.data import DataStore
from dashboard.figures import fmt_value, reporter_legend, unit_words
from dashboard.i18n import DEFAULT_LANG, _, tr, using_lang
from dashboard.protocol import Selection
from dashboard.queries.series import Series, series
from dashboard.views import in_range, statements_for_year, value_text

FLOWS = {
    "turnover": ("trade_az_ru_turnover", _("Goods turnover (exports + imports)")),
    "az_to_ru": ("trade_az_to_ru", _("Goods Azerbaijan → Russia (AZ exports / RU imports)")),
    "ru_to_az": ("trade_ru_to_az", _("Goods Russia → Azerbaijan (AZ imports / RU exports)")),
}
MIRROR_SUBJECT = {"turnover": "turnover", "az_to_ru": "AZ→RU goods", "ru_to_az": "RU→AZ goods"}
STATEMENT_INDICATORS = [
    "trade_az_ru_turnover",
    "trade_az_ru_turnover_rub",
    "trade_az_to_ru",
    "trade_ru_to_az",
    "trade_az_ru_turnover_growth",
    "trade_az_to_ru_growth",
    "trade_ru_to_az_growth",
    "trade_az_ru_turnover_trend",
    "trade_az_ru_turnover_forecast",
    "trade_az_ru_turnover_target",
    "trade_ru_share_of_az_trade",
    "trade_ru_share_of_az_exports",
    "trade_ru_share_of_az_imports",
    "trade_ru_share_of_az_cis_trade",
    "trade_ru_rank_in_az_trade",
    "trade_az_rank_in_ru_cis_trade",
]
FACT_INDICATORS = [
    "trade_commodity_value",
    "trade_commodity_volume",
    "trade_commodity_volume_m3",
    "trade_commodity_share_of_turnover",
    "trade_commodity_ru_share_of_az_exports",
    "trade_commodity_ru_share_of_az_imports",
    "trade_commodity_az_share_of_ru_imports",
    "trade_commodity_structure",
    "invest_stock_ru_in_az",
    "invest_stock_az_in_ru",
    "invest_flow_ru_to_az",
    "invest_flow_az_to_ru",
    "invest_companies_ru_capital_in_az",
    "invest_companies_az_capital_in_ru",
    "finance_national_currency_share",
    "finance_remittances_ru_to_az",
]
INPUT_WORD = {
    "trade_az_to_ru": _("exports"),
    "trade_ru_to_az": _("imports"),
    "trade_az_ru_turnover": _("trade with Russia"),
    "trade_az_world_turnover": _("world trade"),
    "trade_ru_world_turnover": _("world trade"),
}
DETAIL_FLOWS = (("trade_az_to_ru", _("AZ → RU")), ("trade_ru_to_az", _("RU → AZ")))
DETAIL_REPORTERS = (("AZ", "AZ-reported"), ("RU", "RU-reported"))
# The trade page's key-figure tiles (label, indicator, reporter, subject, unit); not the overview's kpis.KPI_SPECS.
DETAIL_TILES = [
    (_("Turnover, AZ-reported"), "trade_az_ru_turnover", "AZ", None, "USD million"),
    (_("Turnover, RU-reported"), "trade_az_ru_turnover", "RU", None, "USD million"),
    (_("Mirror ratio (turnover)"), "trade_mirror_ratio", "OTHER", "turnover", "ratio"),
    (_("Balance, AZ-reported"), "trade_az_ru_balance", "AZ", None, "USD million"),
    (_("Russia's share of AZ trade (AZ statistics)"), "trade_ru_share_of_az_trade", "AZ", None, "percent"),
]


# ------------------------------------------------------------------ years the build did not compute
def skipped(data: DataStore, indicator: str) -> list[dict[str, Any]]:
    """The build's ``derived_not_computed`` entries for ``indicator``."""
    checks = data.report.get("sanity_checks") if isinstance(data.report, dict) else None
    details = next(
        (
            c.get("details") or []
            for c in checks or []
            if isinstance(c, dict) and c.get("name") == "derived_not_computed"
        ),
        [],
    )
    return [d for d in details if isinstance(d, dict) and d.get("indicator") == indicator]


def _outlet(data: DataStore, source_id: str) -> str:
    """The outlet (else the publisher) of a source, '' when neither is known."""
    src = data.source_index.get(source_id, {})
    return str(src.get("outlet") or src.get("publisher") or "")


def not_computed_lines(data: DataStore, indicator: str) -> list[str]:
    """Two short lines per year the build did not compute ``indicator`` because its inputs come from
    different sources (the ``derived_not_computed`` check lists them with their inputs)."""
    obs = data.observations.set_index("obs_id")
    note_lines: list[str] = []
    for item in skipped(data, indicator):
        parts = []
        for obs_id in str(item.get("inputs") or "").split(";"):
            if obs_id not in obs.index:
                continue
            row = obs.loc[obs_id]
            name = _outlet(data, str(row["source_id"])) or str(row["source_id"])
            what = tr(INPUT_WORD.get(str(row["indicator"]), str(row["indicator"])))
            parts.append(_("{what} from {source}").format(what=what, source=name))
        # two short lines per year: the charts are half the page wide
        note_lines += [
            _("{reporter} {years}: not computed, different sources").format(
                reporter=reporter_legend(str(item.get("reporter"))), years=item.get("year")
            ),
            f"({'; '.join(parts)})",
        ]
    return note_lines


def not_computed_summary(data: DataStore, indicator: str) -> list[str]:
    """Two short lines per reporter: the years not computed (different sources) and the outlets involved."""
    per_reporter: dict[str, tuple[list[int], list[str]]] = {}
    obs = data.observations.set_index("obs_id")
    for item in skipped(data, indicator):
        years, outlets = per_reporter.setdefault(str(item.get("reporter")), ([], []))
        years.append(int(item.get("year") or 0))
        for obs_id in str(item.get("inputs") or "").split(";"):
            if obs_id in obs.index:
                name = _outlet(data, str(obs.loc[obs_id, "source_id"]))
                if name and name not in outlets:
                    outlets.append(name)
    lines: list[str] = []
    for reporter, (years, outlets) in per_reporter.items():
        lines += [
            _("{reporter} {years}: not computed, different sources").format(
                reporter=reporter_legend(reporter), years=", ".join(str(y) for y in sorted(years))
            ),
            _("(the two terms come from different outlets: {outlets})").format(outlets=", ".join(outlets)),
        ]
    return lines


# ------------------------------------------------------------------ year in detail
def detail_frame(data: DataStore, year: int) -> pd.DataFrame:
    """The rows behind the year-detail chart: both flows as each side reports them."""
    frames = [
        data.select(ind, rep).pipe(lambda f: f[f["year"] == year])
        for ind in ("trade_az_to_ru", "trade_ru_to_az")
        for rep in ("AZ", "RU")
    ]
    return pd.concat(frames)


def default_year(data: DataStore) -> int:
    """Year of the detail chart and statements when nothing is selected: the latest with flows."""
    f = data.select("trade_az_to_ru")
    return int(f["year"].max())


def kpi_texts(data: DataStore, year: int) -> list[str]:
    """The year's key figures as text (value with qualifier and unit, or 'no data for <year>')."""
    texts = []
    for _label, ind, rep, subj, unit in DETAIL_TILES:
        f = data.select(ind, rep, subj)
        f = f[f["year"] == year]
        texts.append(
            value_text(f.iloc[0], unit)
            if len(f)
            else _("no data for {year}").format(year=year, year_ord=az_ordinal(year))
        )
    return texts


def latest_kpis(data: DataStore) -> list[dict[str, Any]]:
    """Each key figure in its own latest year with data: {'text', 'year'} (year None when it has none)."""
    out: list[dict[str, Any]] = []
    for _label, ind, rep, subj, unit in DETAIL_TILES:
        f = data.select(ind, rep, subj)
        if f.empty:
            out.append({"text": _("no data"), "year": None})
            continue
        last = f[f["year"] == f["year"].max()].iloc[0]
        out.append({"text": value_text(last, unit), "year": int(last["year"])})
    return out


def flow_values(data: DataStore, year: int) -> dict[str, list[float | None]]:
    """AZ→RU and RU→AZ goods for ``year`` as each reporter gives them (None = no figure)."""
    out: dict[str, list[float | None]] = {}
    for rep, _rep_label in DETAIL_REPORTERS:
        values: list[float | None] = []
        for ind, _flow_label in DETAIL_FLOWS:
            f = data.select(ind, rep)
            f = f[f["year"] == year]
            values.append(float(f["value"].iloc[0]) if len(f) else None)
        out[rep] = values
    return out


def detail_entry(data: DataStore, year: int) -> dict[str, Any]:
    """One year of the detail panel, every text ready to place: chart values, bar labels, title, tiles."""
    flows = flow_values(data, year)
    missing = all(v is None for vals in flows.values() for v in vals)
    labels = {rep: [fmt_value(v, "") if v is not None else _("no data") for v in vals] for rep, vals in flows.items()}
    title = (
        _("No annual flow figures for {year}").format(year=year, year_ord=az_ordinal(year))
        if missing
        else _("Flows in {year}, as each side reports them ({unit})").format(
            year=year, year_ord=az_ordinal(year), unit=unit_words("USD million")
        )
    )
    # the chart's text alternative for this year, written from what the browser draws (bars, labels, title)
    drawn = {
        "layout": {"title": {"text": title}},
        "data": [
            {
                "name": reporter_legend(rep),
                "x": [tr(label) for _ind, label in DETAIL_FLOWS],
                "y": flows[rep],
                "text": labels[rep],
            }
            for rep, _name in DETAIL_REPORTERS
        ],
    }
    return {
        "flows": flows,
        "labels": labels,
        "title": title,
        "kpis": kpi_texts(data, year),
        "summary": chart_summary(drawn, data.publishers(detail_frame(data, year))),
    }


@memoize(maxsize=8)
def detail_payload(data: DataStore, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Everything the year-detail panel shows, per year and for 'no selection' (each figure's latest year), its
    texts in ``lang``.

    ``ruaz_trade.detail`` only places these texts: the panel has this one renderer, at load and on a click.
    """
    years = range(data.years[0], data.years[-1] + 1)
    with using_lang(lang):
        return _detail_payload(data, years)


def _detail_payload(data: DataStore, years: range) -> dict[str, Any]:
    return {
        "default": default_year(data),
        "latest": latest_kpis(data),
        "years": {str(y): detail_entry(data, y) for y in years},
        # the panel's own words with no year selected ({year} is placed in the browser)
        "words": {
            "latest": _("latest: {year}"),
            "heading": _("latest figures (chart and statements: {year})"),
        },
    }


# ------------------------------------------------------------------ the download
def view_frame(data: DataStore, sel: Selection) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The observations behind the current view (flow, range) plus the year's statements."""
    flow, rng, year = sel["flow"], sel.xrange, sel.year
    ind = FLOWS[flow][0]
    obs = data.observations[~data.superseded]  # one release per series, as drawn
    series_inds = [ind, "trade_az_ru_balance", "trade_ru_share_of_az_trade", "trade_az_share_of_ru_trade"]
    mask = obs["indicator"].isin(series_inds) & (obs["kind"] == "series")
    mask |= (obs["indicator"] == "trade_mirror_ratio") & (obs["subject"] == MIRROR_SUBJECT[flow])
    frame = in_range(obs[mask], rng)
    extra = {}
    if year is not None:
        extra[f"Statements {year}"] = statements_for_year(data, STATEMENT_INDICATORS + FACT_INDICATORS, year)
    return frame, extra


# ------------------------------------------------------------------ the series of the charts
def reporter_series(data: DataStore, indicator: str) -> list[Series]:
    """AZ-reported and RU-reported annual rows of one indicator (keyed by reporter), for the mirror lines."""
    return [series(data, rep, data.select(indicator, rep)) for rep in ("AZ", "RU")]


def mirror_series(data: DataStore, flow: str) -> Series:
    """RU-reported ÷ AZ-reported for a flow (the build's mirror ratio)."""
    return series(data, "OTHER", data.select("trade_mirror_ratio", "OTHER", MIRROR_SUBJECT[flow]))


def share_series(data: DataStore, reporter: str, indicator: str) -> Series:
    """One reporter's share line (keyed by reporter)."""
    return Series(reporter, data.select(indicator, reporter))
