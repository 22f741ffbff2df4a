"""Queries behind "what changed": latest releases, largest revisions, two releases side by side, watch rules.

Pure functions of the DataStore. The revisions come from the clean ``revisions`` table, the watch rules
from the clean ``watch_rules`` table (evaluated here against the ``today`` the caller passes: the page
passes the real date, tests a fixed one); nothing is read from outside data/clean.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dashboard.data import DataStore, release_label, short_publisher
from dashboard.ghost import ordered_releases
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
    """The largest revisions as texts: what, both values, both releases, the citation of release B."""
    items = []
    for _, r in top_revisions(data, n).iterrows():
        label = data.catalogue_index.get(str(r["indicator"]), {}).get("label", r["indicator"])
        who = f"{label}, {r['subject']}" if pd.notna(r["subject"]) else f"{label} ({r['reporter']})"
        items.append(
            {
                "what": f"{who}, {int(r['year'])}",
                "values": f"{r['value_a']:g} → {r['value_b']:g} {r['unit']} ({r['change_pct']:+.1f}%)",
                "releases": f"{release_label(str(r['release_a']))} → {release_label(str(r['release_b']))}",
                "reprocessed": bool(r["reprocessed"]),
                **_cite(data, r["source_b"]),
            }
        )
    return items


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
