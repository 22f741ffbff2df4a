"""Caspian energy queries (/energy): the rows behind each chart and table, the year tables, the view.

Pure functions of the DataStore. Statistical Review series are annual lines; official and press figures are
full-year points that never join a line.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from dashboard.caching import memoize
from dashboard.commentary.words import az_ordinal
from dashboard.data import DataStore
from dashboard.i18n import DEFAULT_LANG, _, using_lang
from dashboard.queries.series import Series, series
from dashboard.views import statements_for_year, statements_markdown

COUNTRIES = {"AZ": "Azerbaijan", "RU": "Russia"}
SOURCES = {"bp": "BP 2021", "ei": "EI 2025", "official": _("Official")}
OIL_UNITS = {
    "mt": ("energy_oil_production_mt", "Mt", _("million tonnes")),
    "kbd": ("energy_oil_production_kbd", "kb/d", _("thousand barrels a day")),
    "twh": ("energy_oil_production_twh", "TWh", _("TWh, primary energy")),
}
GAS_UNITS = {
    "bcm": ("energy_gas_production_marketed_bcm", "bcm", _("bcm, marketed")),
    "twh": ("energy_gas_production_twh", "TWh", _("TWh, primary energy")),
}
FUELS = {"oil": (_("Oil"), OIL_UNITS, "mt"), "gas": (_("Gas"), GAS_UNITS, "bcm")}
OFFICIAL_REPORTERS = ("AZ", "SOCAR", "RU", "OTHER")
OFFICIAL_NAMES = {
    "AZ": _("AZ government"),
    "SOCAR": "SOCAR",
    "RU": _("RU government"),
    "OTHER": _("press, origin not named"),
}
GAS_TOTAL = "energy_gas_production_official_bcm"
REVIEW_REPORTERS = {"bp": "BP", "ei": "EI"}  # the Statistical Review editions, by source key
BN = "Baku–Novorossiysk"
BN_EXTRA_INDICATORS = [
    "energy_oil_pipeline_plan_mt",
    "energy_bn_agreed_minimum_transit_mt",
    "energy_bn_transit_tariff",
    "energy_bn_design_capacity_kbd",
]
FLOW_DIRECTIONS = {
    "AZ→RU": (_("Azerbaijan → Russia"), ["#1f5aa6", "#5b8fd6", "#16a085", "#9dbbe6"]),
    "RU→AZ": (_("Russia → Azerbaijan"), ["#c0392b", "#e07a6e", "#d68910", "#f0b0a8"]),
    "World→AZ": (_("All imports into Azerbaijan"), ["#7f8c8d"]),
}
FLOW_REPORTERS = {"AZ": _("AZ government"), "SOCAR": "SOCAR", "GAZPROM": "Gazprom", "OTHER": _("press")}
CONTRACT_INDICATORS = ["energy_gas_contract_bcm", "energy_gas_contract_volume_bcm"]
_FACTOR = re.compile(r"([\d.]+) TWh per (\w+)")


def conversion_label(frame: pd.DataFrame) -> str | None:
    """'converted at 11.63 TWh/Mt' when every row is a computed unit conversion, else None."""
    if frame.empty or not frame["confidence"].eq("computed").all():
        return None
    for formula in frame["formula"].dropna():
        m = _FACTOR.search(str(formula))
        if m:
            return _("converted at {factor}").format(factor=f"{m.group(1)} TWh/{m.group(2)}")
    return None


def caspian_events(data: DataStore) -> pd.DataFrame:
    """Caspian milestones (events layer 'caspian') drawn on the energy charts."""
    return data.events[data.events["layer"] == "caspian"]


def caspian_categories(data: DataStore) -> list[str]:
    """Event categories present among the Caspian milestones (for the category filter)."""
    return sorted(str(c) for c in caspian_events(data)["category"].dropna().unique())


def full_year_points(frame: pd.DataFrame) -> pd.DataFrame:
    """Point figures that cover a whole calendar year and carry a value."""
    return frame[(frame["kind"] == "point") & frame["full_year"] & frame["value"].notna() & frame["year"].notna()]


def official_points(data: DataStore, indicator: str, country: str) -> list[tuple[str, pd.DataFrame]]:
    """Full-year official and press figures of ``indicator`` for ``country``: (reporter, rows) per reporter
    with any, in ``OFFICIAL_REPORTERS`` order."""
    frame = full_year_points(data.select(indicator, subject=country, annual_only=False))
    parts = [(rep, frame[frame["reporter"] == rep]) for rep in OFFICIAL_REPORTERS]
    return [(rep, part) for rep, part in parts if not part.empty]


def pipeline_frames(data: DataStore) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Baku–Novorossiysk volumes: (full-year figures, part-year figures plus plans and route terms)."""
    frame = data.select("energy_oil_pipeline_mt", subject=BN, annual_only=False)
    full = full_year_points(frame)
    obs = data.observations
    extras = obs[obs["indicator"].isin(BN_EXTRA_INDICATORS) & (obs["subject"] == BN)]
    rest = pd.concat([frame[~frame["obs_id"].isin(full["obs_id"])], extras]).sort_values("period_start")
    return full, rest


def flow_frames(data: DataStore) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gas flows: (full-year figures, part-year, multi-year and cumulative figures)."""
    frame = data.select("energy_gas_flow_bcm", annual_only=False)
    frame = frame[frame["subject"].isin(list(FLOW_DIRECTIONS))]
    full = full_year_points(frame)
    return full, frame[~frame["obs_id"].isin(full["obs_id"])]


def contracts_frame(data: DataStore) -> pd.DataFrame:
    """Contracted gas volumes (ceilings and starting levels, not deliveries)."""
    obs = data.observations
    return obs[obs["indicator"].isin(CONTRACT_INDICATORS)].sort_values("period_start")


def lukoil_frame(data: DataStore) -> pd.DataFrame:
    """Lukoil's stakes, deal values and revenue in Azerbaijani projects."""
    obs = data.observations
    return obs[obs["indicator"].str.startswith("energy_lukoil_")].sort_values("period_start")


def detail_indicators(data: DataStore) -> list[str]:
    """Every energy and transport indicator in the catalogue."""
    ids = data.catalogue["indicator_id"].astype(str)
    return sorted(ids[ids.str.startswith(("energy_", "transport_"))])


def default_year(data: DataStore) -> int:
    """Year shown in the detail table when nothing is selected: the latest Statistical Review year."""
    return int(data.select("energy_oil_production_twh", "EI", "AZ")["year"].max())


@memoize(maxsize=8)
def year_tables(data: DataStore, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Every year's table as Markdown in ``lang``, shipped with the page: the browser places it at load and on a
    click (``ruaz_pages.yearTable``); the server never renders the panel itself."""
    with using_lang(lang):
        return _year_tables(data)


def _year_tables(data: DataStore) -> dict[str, Any]:
    years = range(data.years[0], data.years[-1] + 1)
    return {
        "default": default_year(data),
        "years": {
            str(y): statements_markdown(
                data,
                statements_for_year(data, detail_indicators(data), y),
                _("No energy or transport figures dated {year}.").format(year=y, year_ord=az_ordinal(y)),
            )
            for y in years
        },
    }


# ------------------------------------------------------------------ the series of the production charts
ProductionRows = dict[str, list[Series]]


def production_series(data: DataStore, fuel: str, country: str, unit: str) -> ProductionRows:
    """The rows of one production chart by source key: each Statistical Review edition's annual series
    ("bp", "ei"; keyed by source), the full-year official and press points ("official"; keyed by reporter)
    and, for gas in bcm, the official TOTAL gas points ("official-total", a different definition)."""
    _label, units, _default = FUELS[fuel]
    indicator = units[unit][0]
    rows = {src: [series(data, src, data.select(indicator, rep, country))] for src, rep in REVIEW_REPORTERS.items()}
    rows["official"] = [Series(rep, part) for rep, part in official_points(data, indicator, country)]
    total = fuel == "gas" and indicator == GAS_UNITS["bcm"][0]
    rows["official-total"] = (
        [Series(rep, part) for rep, part in official_points(data, GAS_TOTAL, country)] if total else []
    )
    return rows


def production_rows(rows: ProductionRows, sources: list[str], empty: pd.DataFrame) -> pd.DataFrame:
    """Every row a production chart draws for the ticked sources (``empty`` when none)."""
    keys = [k for k in REVIEW_REPORTERS if k in sources] + (
        ["official", "official-total"] if "official" in sources else []
    )
    frames = [s.frame for k in keys for s in rows[k] if not s.frame.empty]
    return pd.concat(frames) if frames else empty
