"""SIPRI TIV derivations: all-supplier sums and fixed-window sums and shares, per release (pure functions).

TIV is SIPRI's trend-indicator value, a volume of arms transfers, never money.
Every derived row names its release in ``edition``; nothing combines releases.
"""

from __future__ import annotations

import pandas as pd

from indicators.clean import observations_frame
from indicators.derive_base import derived_row, input_sources, join_ids
from indicators.vocab import DATA_TO_RE

ALL_SUPPLIERS = "all suppliers"
# subject of the all-supplier sum computed here (ALL_SUPPLIERS is SIPRI's own total)
ALL_SUPPLIERS_SUM = "all suppliers (sum)"
# SIPRI fact sheets compare fixed, non-overlapping windows: five-year ones ending in a year
# ending 0 or 5 (2011-15, 2016-20) and ten-year ones ending in a year ending 0 (2011-20).
# window length -> (sum indicator, share indicator)
WINDOWS = {5: ("arms_tiv_5y_sum", "arms_tiv_5y_share"), 10: ("arms_tiv_10y_sum", "arms_tiv_10y_share")}


def tiv_coverage(tiv: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """Per SIPRI release: (first year with any record, last year of data) for annual rows.

    The first year is the release's first record for Azerbaijan (the copies read
    start at different years), so no zero is ever claimed for a year before a
    copy's records start; the last is the release's "data to" year.
    """
    cover: dict[str, tuple[int, int]] = {}
    for edition, grp in tiv.groupby("edition"):
        m = DATA_TO_RE.search(str(edition))
        if m is None:
            continue
        cover[str(edition)] = (int(grp["year"].min()), int(m.group(1)))
    return cover


def tiv_windows(first: int, last: int, length: int) -> list[range]:
    """The fixed SIPRI windows of ``length`` years that lie wholly inside ``first``..``last``.

    Five-year windows end in a year ending 0 or 5 (2011-15, 2016-20), ten-year windows in a
    year ending 0 (2011-20): non-overlapping, as in SIPRI's fact sheets. A window the
    release does not cover in full is not computed.
    """
    return [range(end - length + 1, end + 1) for end in range(first + length - 1, last + 1) if end % length == 0]


def window_label(window: range) -> str:
    """range(2011, 2016) -> '2011–15' (SIPRI's way of writing a window)."""
    start, end = window.start, window.stop - 1
    return f"{start}–{str(end)[2:]}" if start // 100 == end // 100 else f"{start}–{end}"


def _release_row(row: dict[str, object], edition: str, release_sources: str, locator: str) -> dict[str, object]:
    """A derived TIV row that cites the whole release (no single record behind it)."""
    ids = release_sources.split(";")
    return {**row, "edition": edition, "source_id": ids[0], "source_ids": release_sources, "locator": locator}


def derive_tiv(obs: pd.DataFrame) -> pd.DataFrame:
    """Per SIPRI release: annual all-supplier sums, and window sums and shares.

    Inside a release's coverage a supplier-year without a record counts as no
    deliveries, as in SIPRI's own tables, so a year with no deliveries at all has
    an all-supplier sum of 0 (not a gap); years outside the coverage stay gaps.
    Windows are SIPRI's fixed five- and ten-year ones (:func:`tiv_windows`), only
    where the release covers every year. A share is the supplier's window TIV
    over all suppliers' window TIV, as in SIPRI fact sheets. Every row names its
    release in ``edition``.
    """
    tiv = obs[
        (obs["indicator"] == "arms_tiv_to_az") & (obs["kind"] == "series") & obs["full_year"] & obs["edition"].notna()
    ]
    rows: list[dict[str, object]] = []
    for edition, (covered_from, last) in tiv_coverage(tiv).items():
        rel = tiv[tiv["edition"] == edition]
        release_sources = join_ids(input_sources(r) for _, r in rel.iterrows())
        suppliers = rel[rel["subject"] != ALL_SUPPLIERS]
        published_total = rel[rel["subject"] == ALL_SUPPLIERS]
        # sums start at the suppliers' first record, not at a printed total's (same release, another file)
        first = int(suppliers["year"].min()) if not suppliers.empty else covered_from
        yearly: dict[str, dict[int, float]] = {}
        records: dict[str, dict[int, pd.Series]] = {}
        for _, r in suppliers.iterrows():
            yearly.setdefault(str(r["subject"]), {})[int(r["year"])] = (
                float(r["value"]) if pd.notna(r["value"]) else 0.0
            )
            records.setdefault(str(r["subject"]), {})[int(r["year"])] = r
        tag = DATA_TO_RE.search(edition)
        rel_tag = tag.group(1) if tag else "x"
        total_by_year: dict[int, float] = {}
        if yearly:
            for year in range(first, last + 1):
                inputs = [records[s][year] for s in records if year in records[s]]
                total = sum(yearly[s].get(year, 0.0) for s in yearly)
                total_by_year[year] = total
                row = derived_row(
                    f"D-arms_tiv_sum-{rel_tag}-{year}",
                    "arms_tiv_to_az",
                    "SIPRI",
                    ALL_SUPPLIERS_SUM,
                    year,
                    total,
                    "exact",
                    "TIV million",
                    inputs,
                    "sum over suppliers of arms_tiv_to_az in this release",
                    note=None if inputs else "No deliveries recorded in this release for this year: the sum is 0.",
                )
                if not inputs:
                    row = _release_row(
                        row, edition, release_sources, f"computed from the release: no delivery recorded in {year}"
                    )
                rows.append(row)
        else:
            for _, r in published_total.iterrows():
                total_by_year[int(r["year"])] = float(r["value"]) if pd.notna(r["value"]) else 0.0
            records = {ALL_SUPPLIERS: {int(r["year"]): r for _, r in published_total.iterrows()}}
        for length, (sum_ind, share_ind) in WINDOWS.items():
            for window in tiv_windows(first, last, length):
                rows += _window_rows(
                    window, sum_ind, share_ind, edition, rel_tag, release_sources, total_by_year, yearly, records
                )
    return observations_frame(rows)


def _window_rows(
    window: range,
    sum_ind: str,
    share_ind: str,
    edition: str,
    rel_tag: str,
    release_sources: str,
    total_by_year: dict[int, float],
    yearly: dict[str, dict[int, float]],
    records: dict[str, dict[int, pd.Series]],
) -> list[dict[str, object]]:
    """All-supplier sum, and per supplier sum and share, for one window of one release."""
    end = window.stop - 1
    label = window_label(window)
    span = f"{window.start}-{end}"
    where = f"Window {label} ({len(window)} years); the row's year is the window's last year."
    total = sum(total_by_year.get(y, 0.0) for y in window)
    all_inputs = [records[s][y] for s in records for y in window if y in records[s]]
    formula_sum = f"sum of arms_tiv_to_az over {span} in this release"
    out: list[dict[str, object]] = []

    def cited(row: dict[str, object], inputs: list[pd.Series]) -> dict[str, object]:
        return (
            row
            if inputs
            else _release_row(
                row, edition, release_sources, f"computed from the release: no delivery recorded in {span}"
            )
        )

    total_row = derived_row(
        f"D-{sum_ind}-{rel_tag}-all-{end}",
        sum_ind,
        "SIPRI",
        ALL_SUPPLIERS,
        end,
        total,
        "exact",
        "TIV million",
        all_inputs,
        formula_sum + " (all suppliers)",
        note=where,
    )
    out.append(cited(total_row, all_inputs))
    for supplier, by_year in yearly.items():
        s_sum = sum(by_year.get(y, 0.0) for y in window)
        inputs = [records[supplier][y] for y in window if y in records[supplier]]
        note = where + ("" if inputs else " No deliveries recorded for this supplier in the window: 0.")
        sum_row = derived_row(
            f"D-{sum_ind}-{rel_tag}-{supplier}-{end}",
            sum_ind,
            "SIPRI",
            supplier,
            end,
            s_sum,
            "exact",
            "TIV million",
            inputs,
            formula_sum,
            note=note,
        )
        out.append(cited(sum_row, inputs))
        if total > 0:
            share_row = derived_row(
                f"D-{share_ind}-{rel_tag}-{supplier}-{end}",
                share_ind,
                "SIPRI",
                supplier,
                end,
                100.0 * s_sum / total,
                "exact",
                "percent",
                inputs,
                f"100 × {supplier} TIV ÷ all suppliers' TIV, {span}, same release",
                note=note,
            )
            out.append(cited(share_row, inputs))
    return out
