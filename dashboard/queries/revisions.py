"""Queries behind "what changed": latest releases, largest revisions, two releases side by side, watch rules.

Pure functions of the DataStore. The revisions come from the clean ``revisions`` table, the watch rules
from the clean ``watch_rules`` table (evaluated here against the ``today`` the caller passes: the page
passes the real date, tests a fixed one); nothing is read from outside data/clean.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dashboard.commentary.periods import release_words
from dashboard.data import DataStore, short_publisher
from dashboard.figure_base import unit_words
from dashboard.ghost import ordered_releases
from dashboard.i18n import current_lang, format_number, tr
from dashboard.queries.i18n_labels import indicator_label
from indicators.revisions import COMPARABLE
from indicators.watch import evaluate, freshness
from indicators.watch_rules import rules_from_frame

TOP_N = 5
COMPARE_COLUMNS = ["year", "subject", "value_a", "value_b", "change", "change_pct", "status"]


def _cite(data: DataStore, source_id: object) -> dict[str, Any]:
    src = data.source_index.get(str(source_id), {})
    return {"cite": src.get("cite_as") or src.get("publisher") or str(source_id), "url": src.get("url")}


def latest_releases(data: DataStore) -> list[dict[str, Any]]:
    """Per product with figures in the data: its latest release in the publisher's own format (date, citation)."""
    used = set(data.observations["source_id"].astype(str))
    src = data.sources.set_index("source_id")
    out = []
    for product_name, grp in ordered_releases(data).groupby("product", sort=True):
        product = str(product_name)
        own = grp[~grp["reprocessed"]]
        for _, rel in own.iloc[::-1].iterrows():
            ids = [s for s in src.index[src["edition"] == rel["edition"]] if s in used and str(s).startswith(product)]
            if ids:
                out.append(
                    {
                        "product": product,
                        "publisher": short_publisher(str(src.loc[ids[0], "publisher"])),
                        "edition": str(rel["edition"]),
                        "date": str(rel["release_date"]),
                        **_cite(data, ids[0]),
                    }
                )
                break
    seen: set[tuple[str, str]] = set()
    unique = []
    for r in out:
        if (r["publisher"], r["edition"]) not in seen:
            seen.add((r["publisher"], r["edition"]))
            unique.append(r)
    return sorted(unique, key=lambda r: (r["date"], r["product"]), reverse=True)


def top_revisions(data: DataStore, n: int = TOP_N) -> pd.DataFrame:
    """The ``n`` revised figures with the largest absolute % change (ties: later release, indicator, year)."""
    rev = data.revisions
    if rev.empty:
        return rev
    revised = rev[(rev["status"] == "revised") & rev["change_pct"].notna()]
    revised = revised.assign(_abs=revised["change_pct"].abs())
    revised = revised.sort_values(
        ["_abs", "release_b_date", "indicator", "subject", "year"], ascending=[False, False, True, True, True]
    )
    return revised.head(n).drop(columns="_abs").reset_index(drop=True)


def revision_items(data: DataStore, n: int = TOP_N) -> list[dict[str, Any]]:
    """The largest revisions as texts in the language being rendered now: what, both values, both releases,
    the citation of release B (publisher and title as published)."""
    lang = current_lang()
    items = []
    for _row, r in top_revisions(data, n).iterrows():
        label = indicator_label(data, str(r["indicator"]), lang)
        who = f"{label}, {tr(str(r['subject']))}" if pd.notna(r["subject"]) else f"{label} ({r['reporter']})"
        pct = format_number(abs(float(r["change_pct"])), lang, 1)
        sign = "+" if r["change_pct"] > 0 else ("-" if r["change_pct"] < 0 else "")
        values = f"{_short(r['value_a'], lang)} → {_short(r['value_b'], lang)} {unit_words(str(r['unit']))}"
        items.append(
            {
                "what": f"{who}, {int(r['year'])}",
                "values": f"{values} ({sign}{pct}%)",
                "releases": f"{release_words(str(r['release_a']), lang)} → {release_words(str(r['release_b']), lang)}",
                "reprocessed": bool(r["reprocessed"]),
                **_cite(data, r["source_b"]),
            }
        )
    return items


def _short(value: float, lang: str) -> str:
    """A value with the digits it has (``:g``), with the language's decimal mark."""
    text = f"{float(value):g}"
    return text if lang == "en" else text.replace(".", ",")


def release_comparison(data: DataStore, frame_a: pd.DataFrame, frame_b: pd.DataFrame) -> pd.DataFrame:
    """Year × subject rows of two releases side by side: both values, change and % (same unit, both present)."""
    cols = ["subject", "year", "value", "qualifier", "unit"]
    a = frame_a[cols].assign(subject=frame_a["subject"].fillna(""))
    b = frame_b[cols].assign(subject=frame_b["subject"].fillna(""))
    both = a.merge(b, on=["subject", "year"], how="outer", suffixes=("_a", "_b"), validate="1:1")
    ok = (
        both["value_a"].notna()
        & both["value_b"].notna()
        & both["qualifier_a"].isin(COMPARABLE)
        & both["qualifier_b"].isin(COMPARABLE)
        & (both["unit_a"] == both["unit_b"])
    )
    change = (both["value_b"] - both["value_a"]).where(ok).round(6)
    pct = (100.0 * change / both["value_a"].abs()).where(ok & (both["value_a"] != 0)).round(6)
    status = pd.Series("not computed", index=both.index)
    status[both["qualifier_a"].isna()] = "only in B"
    status[both["qualifier_b"].isna()] = "only in A"
    status[ok & (change == 0)] = "unchanged"
    status[ok & (change != 0)] = "revised"
    out = both.assign(change=change, change_pct=pct, status=status)[COMPARE_COLUMNS]
    out["year"] = out["year"].astype(int)
    return out.sort_values(["year", "subject"]).reset_index(drop=True)


def watch_results(data: DataStore, today: dt.date) -> pd.DataFrame:
    """Every rule of the clean watch_rules table evaluated against the clean tables on ``today``."""
    rules = rules_from_frame(data.watch_rules) if not data.watch_rules.empty else []
    return evaluate(rules, data.observations, data.changes, data.sources, today)


def freshness_rows(data: DataStore, today: dt.date) -> pd.DataFrame:
    """Each publisher's latest release against its release rhythm on ``today``."""
    return freshness(data.observations, data.sources, today)
