"""Revisions as data: the same figure in two consecutive releases of one product (pure functions).

A **release** is a source row of ``sources.csv`` that has an ``edition`` and whose ``source_id`` holds a
four-digit year token; its **product** is the ``source_id`` up to (not including) that first year token:
``sipri-atdb-2022-rus`` → ``sipri-atdb``, ``sipri-milex-2024`` → ``sipri-milex``, ``imf-dots-aze-2022`` →
``imf-dots-aze``, ``ei-sr-2025`` → ``ei-sr``. Sources of one product with the same edition text are one
release (SIPRI's March 2022 update was read from one file per supplier). A source without a year token
or without an edition (news items, the undated OWID copy of Milex) is not a release.

A release's **date** is the source's ``date``; when that is a bare year and the edition names a month
("March 2025 update", "April 2024 release") the month is added (``2025-03``). Releases are ordered by
date, then a third-party reprocessing (the edition carries :data:`~indicators.vocab.REPROCESSED_MARK`)
after the publisher's own exports; such a release keeps the mark in its edition and the row's
``reprocessed`` flag is set, so it is never read as the publisher's word.

Only published annual figures are compared (``kind = series``, full calendar year, not computed). For
each indicator, reporter and subject, the releases of a product that carry that series are taken in
order and each neighbouring pair (A, B) gives one row per year found in either: ``revised`` or
``unchanged`` when both have a value, ``appeared`` (only in B), ``disappeared`` (only in A),
``not_computed`` when both rows exist but the change cannot be computed (a value missing, a bound or a
range, or different units). Changes are computed only between two values of the same unit; nothing is
ever filled.
"""

from __future__ import annotations

import re

import pandas as pd

from indicators.modelinfo import coerce_to_model, columns
from indicators.schemas_tables import RevisionSchema
from indicators.vocab import MONTHS, REPROCESSED_MARK

_YEAR_TOKEN = re.compile(r"^(19|20)\d{2}$")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
COMPARABLE = ("exact", "approximate")
REVISION_COLUMNS = columns(RevisionSchema)
RELEASE_COLUMNS = ["source_id", "product", "edition", "release_date", "reprocessed"]


def product_key(source_id: str) -> str | None:
    """The product of a source id: its dash-separated tokens before the first four-digit year token."""
    tokens = source_id.split("-")
    for i, token in enumerate(tokens):
        if _YEAR_TOKEN.match(token):
            return "-".join(tokens[:i]) or None
    return None


def release_date(date: object, edition: object) -> str | None:
    """'2025' + '… March 2025 update …' -> '2025-03'; a more precise ``date`` is kept as it is."""
    if not isinstance(date, str) or not date:
        return None
    if len(date) == 4 and isinstance(edition, str):
        m = _MONTH_YEAR.search(edition)
        if m and m.group(2) == date:
            return f"{date}-{MONTHS.index(m.group(1).lower()) + 1:02d}"
    return date


def is_reprocessed(edition: object) -> bool:
    """True when the edition says the copy is a third party's reprocessing, not the publisher's export."""
    return isinstance(edition, str) and REPROCESSED_MARK in edition


def releases(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources that are releases: source_id, product, edition, release_date, reprocessed."""
    rows = []
    for source_id, published, edition in zip(sources["source_id"], sources["date"], sources["edition"], strict=True):
        product = product_key(str(source_id))
        if product is None or not isinstance(edition, str):
            continue
        date = release_date(published, edition)
        if date is None:
            continue
        rows.append([source_id, product, edition, date, is_reprocessed(edition)])
    frame = pd.DataFrame(rows, columns=RELEASE_COLUMNS)
    return frame.sort_values(["product", "release_date", "reprocessed", "edition", "source_id"]).reset_index(drop=True)


def release_order(rel: pd.DataFrame) -> pd.DataFrame:
    """One row per (product, edition) in release order: release_date (latest of its sources), reprocessed."""
    grouped = rel.groupby(["product", "edition"], as_index=False).agg(
        release_date=("release_date", "max"), reprocessed=("reprocessed", "max")
    )
    return grouped.sort_values(["product", "release_date", "reprocessed", "edition"]).reset_index(drop=True)


def _published_in_releases(obs: pd.DataFrame, rel: pd.DataFrame) -> pd.DataFrame:
    pub = obs[(obs["kind"] == "series") & obs["full_year"] & (obs["confidence"] != "computed")]
    pub = pub.merge(rel[["source_id", "product", "release_date", "reprocessed"]], on="source_id", how="inner")
    return pub.assign(_subj=pub["subject"].fillna(""))


def _change(a: pd.Series | None, b: pd.Series | None) -> tuple[str, float | None, float | None]:
    if a is None:
        return "appeared", None, None
    if b is None:
        return "disappeared", None, None
    ok = (
        pd.notna(a["value"])
        and pd.notna(b["value"])
        and a["qualifier"] in COMPARABLE
        and b["qualifier"] in COMPARABLE
        and a["unit"] == b["unit"]
    )
    if not ok:
        return "not_computed", None, None
    va, vb = float(a["value"]), float(b["value"])
    pct = None if va == 0 else round(100.0 * (vb - va) / abs(va), 6)
    return ("unchanged" if va == vb else "revised"), round(vb - va, 6), pct


def _side(row: pd.Series | None, edition: str, date: str, suffix: str) -> dict[str, object]:
    return {
        f"release_{suffix}": edition,
        f"release_{suffix}_date": date,
        f"source_{suffix}": None if row is None else row["source_id"],
        f"value_{suffix}": None if row is None or pd.isna(row["value"]) else float(row["value"]),
    }


def _pair_rows(key: tuple[str, ...], a_ed: pd.Series, b_ed: pd.Series, a: pd.DataFrame, b: pd.DataFrame) -> list[dict]:
    product, indicator, reporter, subj = key
    by_year_a = {int(r["year"]): r for _, r in a.iterrows()}
    by_year_b = {int(r["year"]): r for _, r in b.iterrows()}
    rows = []
    for year in sorted(set(by_year_a) | set(by_year_b)):
        ra, rb = by_year_a.get(year), by_year_b.get(year)
        status, change, pct = _change(ra, rb)
        unit = (rb if rb is not None else ra)["unit"]  # type: ignore[index]
        rows.append(
            {
                "product": product,
                "indicator": indicator,
                "reporter": reporter,
                "subject": subj or None,
                "year": year,
                "unit": unit,
                **_side(ra, str(a_ed["edition"]), str(a_ed["release_date"]), "a"),
                **_side(rb, str(b_ed["edition"]), str(b_ed["release_date"]), "b"),
                "change": change,
                "change_pct": pct,
                "status": status,
                "reprocessed": bool(a_ed["reprocessed"] or b_ed["reprocessed"]),
            }
        )
    return rows


def compute_revisions(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The revisions table: each published annual figure in each pair of consecutive releases carrying it."""
    rel = releases(sources)
    order = release_order(rel)
    pub = _published_in_releases(obs, rel)
    rows: list[dict] = []
    for key, series in pub.groupby(["product", "indicator", "reporter", "_subj"], sort=True):
        eds = order[(order["product"] == key[0]) & order["edition"].isin(series["edition"])].reset_index(drop=True)
        for i in range(len(eds) - 1):
            a_ed, b_ed = eds.iloc[i], eds.iloc[i + 1]
            a = series[series["edition"] == a_ed["edition"]]
            b = series[series["edition"] == b_ed["edition"]]
            rows += _pair_rows(tuple(str(k) for k in key), a_ed, b_ed, a, b)
    frame = pd.DataFrame(rows, columns=REVISION_COLUMNS)
    return coerce_to_model(frame, RevisionSchema).reset_index(drop=True)
