"""Rules that span the files of one release or one product (pure functions used by :mod:`.plan`).

* Deals come in two export formats per SIPRI release (register, per-delivery export), told apart by
  ``KIND_COLUMN``; deals are compared only within one format (:func:`same_kind`), and /arms shows one
  deal source per edition (:func:`shown_deals` says so when register rows join such an edition).
* ``ONE_RELEASE_TABLES`` hold one release per product (:func:`other_release`).
"""

from __future__ import annotations

import pandas as pd

from indicators.importers.model import ParsedFile

# non-record tables whose rows come in several export formats of one release, told apart by
# whether this column is filled (arms_deals: SIPRI's deal id, given by the per-delivery export only)
KIND_COLUMN = {"arms_deals": "sipri_deal_id"}
# tables that hold one release per product: trade_series is one annual line per reporter (turnover,
# balance, shares and mirror ratios are derived from it, and the trade pages draw it without a release
# choice), so a second DOTS release of a reporter is refused until those become per-release
ONE_RELEASE_TABLES = ("trade_series",)


def same_kind(new: pd.DataFrame, existing: pd.DataFrame, table: str) -> pd.DataFrame:
    """The existing rows of the file's export format (see ``KIND_COLUMN``); all rows for other tables."""
    column = KIND_COLUMN.get(table)
    if column is None or existing.empty or column not in new.columns:
        return existing
    filled = new[column].astype(str).ne("").any()
    return existing[existing[column].astype(str).ne("").eq(bool(filled))]


def other_release(parsed: ParsedFile, frames: dict[str, pd.DataFrame], sources: pd.DataFrame) -> list[str]:
    """For a table of ``ONE_RELEASE_TABLES``: the other release of the product already in it, as a reason."""
    out: list[str] = []
    editions = sources.set_index("source_id")["edition"].to_dict()
    for stem in parsed.tables:
        existing = frames.get(f"{stem}.csv", pd.DataFrame())
        if stem not in ONE_RELEASE_TABLES or existing.empty:
            continue
        held = sorted(
            set(existing.loc[existing["source_id"].str.startswith(f"{parsed.release.product}-"), "source_id"])
        )
        if held:
            out.append(
                f"{stem}: holds {parsed.release.product} as release '{editions.get(held[0], '')}' ({', '.join(held)}); "
                f"{stem} keeps one release per product (one annual line per reporter, from which turnover, "
                "balance and shares are derived), so a second one is not imported: compare it by hand, or "
                "replace the old release's rows in a reviewed commit (README, 'When it is refused')"
            )
    return out


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
