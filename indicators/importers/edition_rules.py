"""Rules that span the files of one release or one product (pure functions used by :mod:`.plan`).

* Deals come in two export formats per SIPRI release (register, per-delivery export), told apart by
  ``KIND_COLUMN``; deals are compared only within one format (:func:`same_kind`), and /arms shows one
  deal source per edition (:func:`shown_deals` says so when register rows join such an edition).

No table keeps one release per product: a second release (e.g. another IMF DOTS vintage) is added
beside the first, and the build picks one release per series where it draws one line
(:mod:`indicators.current_release`).
"""

from __future__ import annotations

import pandas as pd

# non-record tables whose rows come in several export formats of one release, told apart by
# whether this column is filled (arms_deals: SIPRI's deal id, given by the per-delivery export only)
KIND_COLUMN = {"arms_deals": "sipri_deal_id"}


def same_kind(new: pd.DataFrame, existing: pd.DataFrame, table: str) -> pd.DataFrame:
    """The existing rows of the file's export format (see ``KIND_COLUMN``); all rows for other tables."""
    column = KIND_COLUMN.get(table)
    if column is None or existing.empty or column not in new.columns:
        return existing
    filled = new[column].astype(str).ne("").any()
    return existing[existing[column].astype(str).ne("").eq(bool(filled))]


def shown_deals(
    tables: dict[str, pd.DataFrame], frames: dict[str, pd.DataFrame], sources: pd.DataFrame, edition: str
) -> str:
    """A remark when register deals join an edition whose per-delivery deals are the ones /arms shows."""
    new, existing = tables.get("arms_deals"), frames.get("arms_deals.csv")
    if new is None or existing is None or existing.empty or new["sipri_deal_id"].astype(str).ne("").any():
        return ""
    ids = set(sources.loc[sources["edition"] == edition, "source_id"])
    per_delivery = existing[existing["source_id"].isin(ids) & existing["sipri_deal_id"].astype(str).ne("")]
    if per_delivery.empty:
        return ""
    return (
        f"; /arms lists this edition's {len(per_delivery)} per-delivery deals "
        f"({', '.join(sorted(set(per_delivery['source_id'])))}), one deal source per edition: "
        "the register rows are kept in data/raw, not shown"
    )
