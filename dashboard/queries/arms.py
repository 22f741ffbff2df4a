"""Queries of the arms page (/arms): SIPRI TIV per release, shares, milex, the deal register, statements.

Pure functions of the DataStore (no Dash): the page draws what they return. TIV measures volume,
not money; each SIPRI release revises past years, so every TIV query takes one release.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard.caching import memoize
from dashboard.commentary.periods import release_words
from dashboard.commentary.words import az_ordinal, tn
from dashboard.data import DataStore
from dashboard.figures import unit_words
from dashboard.i18n import DEFAULT_LANG, _, current_lang, tr, using_lang
from dashboard.queries.series import Series, series
from dashboard.releases import release_keys
from indicators.clean import delivery_year_list

TIV = "arms_tiv_to_az"
SIPRI_TOTAL = "all suppliers"
STACK_EXCLUDED = ("all suppliers (sum)", SIPRI_TOTAL)
SHARE_SUPPLIERS = ("Russia", "Israel", "Turkiye")
SHARE_WINDOWS = (("arms_tiv_5y_share", 5), ("arms_tiv_10y_share", 10))
MILEX_INDICATORS = ("arms_milex_current_usd", "arms_milex_constant_2022_usd")
MONEY_UNIT = re.compile(r"^(USD|EUR|RUB|AZN)\b")
DEAL_COLUMNS = [
    ("supplier", _("Supplier"), "agTextColumnFilter"),
    ("weapon_designation", _("Designation"), "agTextColumnFilter"),
    ("weapon_description", _("Description"), "agTextColumnFilter"),
    ("category", _("Category"), "agTextColumnFilter"),
    ("order_year", _("Ordered"), "agNumberColumnFilter"),
    ("number_ordered", _("No. ordered"), "agNumberColumnFilter"),
    ("number_delivered", _("No. delivered"), "agNumberColumnFilter"),
    ("delivery_years", _("Delivery years"), "agTextColumnFilter"),
    ("status", _("Status"), "agTextColumnFilter"),
    ("tiv_delivered", _("TIV delivered (not money)"), "agNumberColumnFilter"),
    ("flags", _("SIPRI uncertainty flags"), "agTextColumnFilter"),
    ("comment", _("Comment"), "agTextColumnFilter"),
]
NOT_IN_RELEASE = _("not in this release")
# register columns a release's export may lack altogether (SIPRI's export types differ)
RELEASE_COLUMNS = ("order_year", "number_ordered", "status", "number_delivered", "delivery_years", "tiv_delivered")
NUMERIC_DEAL_COLUMNS = ("order_year", "number_ordered", "number_delivered", "tiv_delivered")
SUPPLIER_ADJECTIVE = {
    "Russia": "Russian",
    "Israel": "Israeli",
    "Turkiye": "Turkish",
    "Belarus": "Belarusian",
    "Ukraine": "Ukrainian",
}


def edition_for(data: DataStore, key: Any) -> str:
    """The SIPRI release behind a query value (the latest for anything unknown)."""
    keys = release_keys(data)
    return keys.get(str(key), data.tiv_releases[0])


# ------------------------------------------------------------------ TIV
def tiv_frame(data: DataStore, edition: str) -> pd.DataFrame:
    """Annual TIV per supplier in one release; SIPRI's own total only when the release has no suppliers."""
    frame = data.select(TIV, "SIPRI", edition=edition)
    suppliers = frame[~frame["subject"].isin(STACK_EXCLUDED)]
    return suppliers if not suppliers.empty else frame[frame["subject"] == SIPRI_TOTAL]


def totals_only(frame: pd.DataFrame) -> bool:
    """True when a release gives SIPRI totals and no supplier breakdown."""
    return not frame.empty and set(frame["subject"]) == {SIPRI_TOTAL}


def totals_only_note(edition: str) -> str:
    """What is missing from a release without suppliers."""
    return _("{release} has SIPRI totals only: no supplier breakdown, so no stack and no shares").format(
        release=release_words(edition, current_lang())
    )


def supplier_order(frame: pd.DataFrame) -> list[str]:
    """Russia first (the subject of the page), then suppliers by total TIV in the release, largest first;
    'unknown' last."""
    totals = frame.groupby("subject")["value"].sum().sort_values(ascending=False, kind="stable")
    order = [str(s) for s in totals.index if s not in ("unknown", "Russia")]
    first = ["Russia"] if "Russia" in totals.index else []
    return first + order + (["unknown"] if "unknown" in totals.index else [])


def share_frames(data: DataStore, edition: str) -> list[tuple[str, int, pd.DataFrame]]:
    """(supplier, window length, rows by year) of each share series the release has, 5-year windows first."""
    out = []
    for indicator, length in SHARE_WINDOWS:
        for supplier in SHARE_SUPPLIERS:
            frame = data.select(indicator, "SIPRI", supplier, edition=edition).sort_values("year")
            if not frame.empty:
                out.append((supplier, length, frame))
    return out


def milex_frames(data: DataStore) -> dict[str, pd.DataFrame]:
    """Military expenditure (money) per indicator: current and constant USD."""
    return {indicator: data.select(indicator, "SIPRI", "AZ") for indicator in MILEX_INDICATORS}


def milex_series(data: DataStore) -> list[Series]:
    """Military expenditure (money) per indicator, each with its publishers (keyed by indicator)."""
    return [series(data, indicator, frame) for indicator, frame in milex_frames(data).items()]


def shares_rows(shares: Sequence[tuple[str, int, pd.DataFrame]], empty: pd.DataFrame) -> pd.DataFrame:
    """Every row of a release's window shares (``empty`` when it has none)."""
    return pd.concat([frame for _, _, frame in shares]) if shares else empty


def gdp_frame(data: DataStore) -> pd.DataFrame:
    """Military expenditure as a share of GDP, every edition of the series."""
    return data.select("arms_milex_share_gdp", "SIPRI", "AZ")


# ------------------------------------------------------------------ deals and statements
def deal_years(deal: pd.Series) -> list[int]:
    """Years with deliveries: the listed years ('2007;2008', '2013-2015'), else first to last delivery."""
    if isinstance(deal.get("delivery_years"), str) and deal["delivery_years"]:
        return delivery_year_list(deal["delivery_years"])
    first, last = deal.get("first_delivery"), deal.get("last_delivery")
    if pd.notna(first) and pd.notna(last):
        return list(range(int(first), int(last) + 1))
    return []


def edition_deals(data: DataStore, edition: str) -> pd.DataFrame:
    """The deal rows /arms shows for a release: one deal source per edition.

    A SIPRI release can be in data/raw twice, as its per-delivery export (rows with SIPRI's deal id) and
    as its trade register (no deal id); showing both would list every deal twice. The per-delivery
    export's rows are shown when the edition has any, else the register's (indicators/importers/plan.py).
    """
    deals = data.deals[data.deals["edition"] == edition]
    if "sipri_deal_id" not in deals.columns:
        return deals
    with_id = deals["sipri_deal_id"].notna() & deals["sipri_deal_id"].astype(str).ne("")
    return deals[with_id] if with_id.any() else deals


def deals_for(data: DataStore, edition: str, year: int | None) -> pd.DataFrame:
    """Register rows of one release (:func:`edition_deals`); with a year, only deals with deliveries in that year."""
    deals = edition_deals(data, edition)
    if year is None or deals.empty:
        return deals
    return deals[[year in deal_years(deal) for _, deal in deals.iterrows()]]


def missing_columns(data: DataStore, edition: str) -> list[str]:
    """Register columns the release's rows leave empty throughout (its export does not carry them)."""
    deals = edition_deals(data, edition)
    if deals.empty:
        return []
    return [c for c in RELEASE_COLUMNS if c in deals.columns and deals[c].isna().all()]


def deal_scope(data: DataStore, edition: str) -> tuple[str, str]:
    """How the caption names the release's rows: ("Russian deals", "Russian deals") when the release lists
    one supplier only, else ("register rows", "deals")."""
    suppliers = sorted(str(s) for s in edition_deals(data, edition)["supplier"].dropna().unique())
    if len(suppliers) == 1:
        name = SUPPLIER_ADJECTIVE.get(suppliers[0], suppliers[0]) + " deals"
        return name, name
    return "register rows", "deals"


def lacks_text(missing: Sequence[str]) -> str:
    """Caption sentence naming the register columns a release lacks ('' when it has them all)."""
    if not missing:
        return ""
    headers = {field: header for field, header, _flt in DEAL_COLUMNS}
    names = [f"'{tr(headers.get(c, c))}'" for c in missing]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" and ") + names[-1]
    return _(" This release's register has no {columns}: those cells read '{missing}'.").format(
        columns=listed, missing=tr(NOT_IN_RELEASE)
    )


def deal_rows(frame: pd.DataFrame, missing: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Grid rows: JSON-safe values, whole numbers as ints, missing as None; columns the release lacks
    read 'not in this release'."""
    rows = []
    for rec in frame.reindex(columns=[c for c, _h, _f in DEAL_COLUMNS]).to_dict(orient="records"):
        row: dict[str, Any] = {}
        for key, value in rec.items():
            if key in missing:
                row[str(key)] = tr(NOT_IN_RELEASE)
            elif value is None or (isinstance(value, float) and pd.isna(value)):
                row[str(key)] = None
            elif isinstance(value, float) and value.is_integer() and key != "tiv_delivered":
                row[str(key)] = int(value)
            elif hasattr(value, "item"):
                row[str(key)] = value.item()
            else:
                row[str(key)] = value
        rows.append(row)
    return rows


def deals_caption(data: DataStore, edition: str, year: int | None, n: int) -> str:
    """What the deal table shows, or why it is empty."""
    label, lang = release_words(edition, current_lang()), current_lang()
    if edition_deals(data, edition).empty:
        return _("No register rows were transcribed for the {release}.").format(release=label)
    every, _some = deal_scope(data, edition)
    lacks = lacks_text(missing_columns(data, edition))
    if every == "register rows":
        counted = tn(lang, "{num} register row", "{num} register rows", n, num=n)
        some_counted = tn(lang, "{num} deal", "{num} deals", n, num=n)
    else:
        adjective = every.removesuffix(" deals")
        supplier = next((s for s, a in SUPPLIER_ADJECTIVE.items() if a == adjective), adjective)
        counted = some_counted = tn(
            lang,
            "{num} {adjective} deal",
            "{num} {adjective} deals",
            n,
            num=n,
            # Russian and Azerbaijani name the supplier country (their adjective would agree with the count)
            adjective=adjective if lang == DEFAULT_LANG else tr(supplier),
        )
    if year is None:
        text = _("All {count} in the register of the {release} (click a year to see that year's deliveries).")
        return text.format(count=counted, release=label) + lacks
    if n == 0:
        return _("No deliveries recorded in {year} in the {release}.").format(
            year=year, year_ord=az_ordinal(year), release=label
        )
    text = _("{count} with deliveries in {year} ({release}).")
    return text.format(count=some_counted, year=year, year_ord=az_ordinal(year), release=label) + lacks


def plain_number(value: float) -> str:
    """Number as stated: 4, 1.257, 1 200 (no padding zeros)."""
    text = f"{float(value):,.3f}".rstrip("0").rstrip(".")
    if current_lang() != DEFAULT_LANG:  # decimal comma, no-break space between thousands
        return text.replace(",", "\u00a0").replace(".", ",")
    return text.replace(",", "\u202f")


def statement_value(row: Mapping[Any, Any]) -> str:
    """'USD 4 bn (money, as stated)', '72 tanks delivered 2007-2013', or '' for qualitative statements."""
    qual = str(row.get("qualifier") or "")
    value = row.get("value")
    if qual == "qualitative" or value is None or pd.isna(value):
        return ""
    unit = str(row.get("unit") or "")
    high = row.get("value_high")
    number = plain_number(value)
    if qual == "range" and high is not None and not pd.isna(high):
        number = f"{number}–{plain_number(high)}"
    bound = {"approximate": "~{value}", "lower_bound": _("more than {value}"), "upper_bound": _("up to {value}")}
    m = MONEY_UNIT.match(unit)
    if m:
        scale = unit[m.end() :].strip()
        scale = {"billion": _("bn"), "million": _("m")}.get(scale, scale)
        text = f"{m.group(1)} {number} {scale}".strip()
        return tr(bound.get(qual, "{value}")).format(value=text) + _(" (money, as stated)")
    return tr(bound.get(qual, "{value}")).format(value=f"{number} {unit_words(unit)}".strip())


@memoize(maxsize=8)
def deals_payload(data: DataStore, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """:func:`deals_rows_and_captions` with every text in ``lang``."""
    with using_lang(lang):
        return deals_rows_and_captions(data)


def deals_rows_and_captions(data: DataStore) -> dict[str, Any]:
    """Each release's register rows with their delivery years and every caption (all years and each year).

    The deal panel has one renderer, ``ruaz_pages.deals`` (assets/pages.js): it filters these rows by the
    selected year and places the caption written here by :func:`deals_caption`, at load and on a click.
    """
    out: dict[str, Any] = {}
    years = range(data.years[0], data.years[-1] + 1)
    for key, edition in release_keys(data).items():
        deals = deals_for(data, edition, None)
        rows = deal_rows(deals, missing_columns(data, edition))
        for row, (_i, deal) in zip(rows, deals.iterrows(), strict=True):
            row["_years"] = deal_years(deal)
        captions = {"all": deals_caption(data, edition, None, len(rows))}
        for y in years:
            captions[str(y)] = deals_caption(data, edition, y, sum(y in row["_years"] for row in rows))
        out[key] = {"rows": rows, "captions": captions}
    return {"default": next(iter(out), None), "releases": out}


def release_note(data: DataStore, edition: str) -> str:
    """Caveat for the selected release."""
    if totals_only(tiv_frame(data, edition)):
        return totals_only_note(edition) + "."
    return _(
        "Showing the {release}. SIPRI revises past years in every release, so figures differ "
        "between releases; TIV measures volume, not money."
    ).format(release=release_words(edition, current_lang()))
