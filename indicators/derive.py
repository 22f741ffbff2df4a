"""Derived indicators, computed from clean observations (pure functions).

Every derived row has ``confidence = computed``, a ``formula`` naming its
inputs, and the source ids of those inputs. Inputs are always from one
reporter: nothing here mixes AZ-reported and RU-reported figures except the
mirror ratio, whose whole point is to set them side by side. Nothing is
interpolated: a missing input means a missing output.

Balances, turnovers, shares and year-on-year changes combine only figures of
the same source and edition (see :func:`provenance`). Where the inputs exist
but come from different sources, nothing is computed and the reason is kept
(:func:`derive_not_computed`, and "not computed" rows in the changes table).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

import pandas as pd

from indicators.clean import observations_frame
from indicators.units import GAS_TWH_PER_BCM, OIL_TWH_PER_MT

# turnover indicator -> (flow out of Azerbaijan, flow into Azerbaijan) or (exports, imports)
TURNOVER_PARTS = {
    "trade_az_ru_turnover": ("trade_az_to_ru", "trade_ru_to_az"),
    "trade_az_world_turnover": ("trade_az_world_exports", "trade_az_world_imports"),
    "trade_ru_world_turnover": ("trade_ru_world_exports", "trade_ru_world_imports"),
}
MIRROR_FLOWS = {
    "trade_az_to_ru": "AZ→RU goods",
    "trade_ru_to_az": "RU→AZ goods",
    "trade_az_ru_turnover": "turnover",
}
ALL_SUPPLIERS = "all suppliers"
# computed values are rounded to drop binary floating-point noise (e.g. 58.96000000000001)
DECIMALS = 6
# SIPRI fact sheets compare fixed, non-overlapping windows: five-year ones ending in a year
# ending 0 or 5 (2011-15, 2016-20) and ten-year ones ending in a year ending 0 (2011-20).
# window length -> (sum indicator, share indicator)
WINDOWS = {5: ("arms_tiv_5y_sum", "arms_tiv_5y_share"), 10: ("arms_tiv_10y_sum", "arms_tiv_10y_share")}
DIFFERENT_SOURCES = "not computed: different sources"
NOT_COMPUTED_COLUMNS = ["indicator", "reporter", "subject", "year", "reason", "inputs", "source_ids"]

# (input indicator, output indicator, factor, factor text)
ENERGY_CONVERSIONS = [
    ("energy_oil_production_mt", "energy_oil_production_twh", OIL_TWH_PER_MT, "× 11.63 TWh per Mt"),
    ("energy_oil_production_twh", "energy_oil_production_mt", 1 / OIL_TWH_PER_MT, "÷ 11.63 TWh per Mt"),
    ("energy_gas_production_marketed_bcm", "energy_gas_production_twh", GAS_TWH_PER_BCM, "× 10 TWh per bcm"),
    (
        "energy_gas_production_twh",
        "energy_gas_production_marketed_bcm",
        1 / GAS_TWH_PER_BCM,
        "÷ 10 TWh per bcm",
    ),
]


def annual_series(obs: pd.DataFrame) -> pd.DataFrame:
    """Rows that may join an annual line: series rows, whole calendar years, with a value."""
    mask = (obs["kind"] == "series") & obs["full_year"] & obs["value"].notna()
    return obs[mask]


def _combine_qualifier(quals: Iterable[str]) -> str | None:
    """Qualifier of a sum/ratio of inputs; None when the inputs are bounds or ranges."""
    qs = set(quals)
    if qs <= {"exact"}:
        return "exact"
    if qs <= {"exact", "approximate"}:
        return "approximate"
    return None


def _join_ids(values: Iterable[object]) -> str:
    seen: list[str] = []
    for v in values:
        for part in str(v).split(";"):
            if part and part not in seen:
                seen.append(part)
    return ";".join(seen)


def _sources(row: pd.Series) -> object:
    """Every source behind an input row (its source_ids, or its source_id for frames without that column)."""
    ids = row.get("source_ids")
    return ids if isinstance(ids, str) and ids else row["source_id"]


def _common(values: Iterable[object]) -> object:
    vals = {v for v in values if isinstance(v, str) and v}
    return vals.pop() if len(vals) == 1 else None


def provenance(row: pd.Series) -> tuple[str, ...]:
    """What "same source and edition" compares for a row.

    A row of a dated release (a SIPRI release, an IMF DOTS export, a Statistical
    Review) is identified by that edition, whichever of the release's files it was
    read from; any other row by the set of sources behind it (one news item, one
    statement).
    """
    edition = row.get("edition")
    if isinstance(edition, str) and edition:
        return ("edition", edition)
    return ("sources", *sorted({s for s in str(_sources(row)).split(";") if s}))


def same_provenance(rows: Iterable[pd.Series]) -> bool:
    """True when every row comes from the same source and edition (see :func:`provenance`)."""
    return len({provenance(r) for r in rows}) <= 1


def _not_computed(
    indicator: str, reporter: str, subject: str, year: int, inputs: list[pd.Series], reason: str = DIFFERENT_SOURCES
) -> dict[str, object]:
    return {
        "indicator": indicator,
        "reporter": reporter,
        "subject": subject or None,
        "year": year,
        "reason": reason,
        "inputs": ";".join(str(r["obs_id"]) for r in inputs),
        "source_ids": _join_ids(_sources(r) for r in inputs),
    }


def not_computed_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """Records of figures left out (indicator, reporter, subject, year, reason, inputs, source_ids)."""
    out = pd.DataFrame(records, columns=NOT_COMPUTED_COLUMNS)
    out["year"] = out["year"].astype("int64")
    return out.sort_values(["indicator", "reporter", "year"], kind="stable").reset_index(drop=True)


def _row(
    obs_id: str,
    indicator: str,
    reporter: str,
    subject: str,
    year: int,
    value: float,
    qualifier: str,
    unit: str,
    inputs: list[pd.Series],
    formula: str,
    kind: str = "series",
    note: str | None = None,
) -> dict[str, object]:
    return {
        "obs_id": obs_id,
        "indicator": indicator,
        "reporter": reporter,
        "subject": subject,
        "period": str(year),
        "period_start": pd.Timestamp(year=year, month=1, day=1),
        "period_end": pd.Timestamp(year=year, month=12, day=31),
        "year": year,
        "full_year": True,
        "point_in_time": False,
        "period_certain": all(bool(r["period_certain"]) for r in inputs) if inputs else True,
        "value": round(value, DECIMALS),
        "value_high": None,
        "qualifier": qualifier,
        "value_text": None,
        "unit": unit,
        "value_published": None,
        "unit_published": None,
        "factor": 1.0,
        # one citable source per row (the first input's); every input's source in source_ids
        "source_id": _join_ids(_sources(r) for r in inputs).split(";")[0],
        "source_ids": _join_ids(_sources(r) for r in inputs),
        "edition": _common(r["edition"] for r in inputs),
        "locator": "computed from " + ", ".join(str(r["obs_id"]) for r in inputs),
        "confidence": "computed",
        "kind": kind,
        "formula": formula,
        "note": note,
        "raw_file": None,
        "raw_line": None,
    }


def _one_per_year(frame: pd.DataFrame) -> dict[tuple[str, int], pd.Series]:
    """Map (reporter, year) -> the single series row to use.

    A published figure is preferred to one computed here; when two published
    figures remain for the same year, the year is left out rather than choosing.
    """
    out: dict[tuple[str, int], pd.Series] = {}
    for (reporter, year), grp in frame.groupby(["reporter", "year"]):
        published = grp[grp["confidence"] != "computed"]
        pick = published if len(published) else grp
        if len(pick) == 1:
            out[(str(reporter), int(cast(int, year)))] = pick.iloc[0]
    return out


def _turnover(obs: pd.DataFrame) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Turnover rows, and the years whose two flows come from different sources."""
    series = annual_series(obs).assign(_subj=lambda f: f["subject"].fillna(""))
    # a flow given twice by one source for one subject and year is ambiguous: left out, not chosen
    keys = ["reporter", "source_id", "_subj", "year"]
    rows: list[dict[str, object]] = []
    skipped: list[dict[str, object]] = []
    for target, (out_ind, in_ind) in TURNOVER_PARTS.items():
        pub = series[(series["indicator"] == target) & (series["confidence"] != "computed")]
        # a published turnover for the reporter, subject and year wins, whichever source gives it;
        # exports + imports of another source are only a check (checks.check_published_turnover_vs_rederived)
        published = {
            (rep, subj, int(cast(int, year)))
            for rep, subj, year in zip(pub["reporter"], pub["_subj"], pub["year"], strict=True)
        }
        a = series[series["indicator"] == out_ind]
        b = series[series["indicator"] == in_ind]
        a = a[~a.duplicated(keys, keep=False)]
        b = b[~b.duplicated(keys, keep=False)]
        merged = a.merge(b, on=keys, suffixes=("_a", "_b"), validate="1:1")
        for _, m in merged.iterrows():
            key = (m["reporter"], m["_subj"], int(m["year"]))
            if key in published:
                continue
            qual = _combine_qualifier([m["qualifier_a"], m["qualifier_b"]])
            if qual is None:
                continue
            ra = a[
                (a["reporter"] == m["reporter"])
                & (a["source_id"] == m["source_id"])
                & (a["_subj"] == m["_subj"])
                & (a["year"] == m["year"])
            ].iloc[0]
            rb = b[
                (b["reporter"] == m["reporter"])
                & (b["source_id"] == m["source_id"])
                & (b["_subj"] == m["_subj"])
                & (b["year"] == m["year"])
            ].iloc[0]
            subject = str(m["_subj"])
            rows.append(
                _row(
                    f"D-{target}-{m['reporter']}-{int(m['year'])}" + (f"-{subject}" if subject else ""),
                    target,
                    str(m["reporter"]),
                    subject,
                    int(m["year"]),
                    float(m["value_a"]) + float(m["value_b"]),
                    qual,
                    "USD million",
                    [ra, rb],
                    f"{out_ind} + {in_ind} (same reporter, same source)",
                )
            )
        paired = {(r["reporter"], r["subject"], r["year"]) for r in rows if r["indicator"] == target}
        # both flows exist for a year but only from different sources: say so instead of adding them
        out_one = _one_per_year_subject(a)
        in_one = _one_per_year_subject(b)
        for key in sorted(set(out_one) & set(in_one)):
            rep, subj, year = key
            if (rep, subj, year) in published or (rep, subj, year) in paired:
                continue
            ra, rb = out_one[key], in_one[key]
            if same_provenance([ra, rb]):
                continue
            pair = _same_source_pair(ra, rb, (out_ind, in_ind), full_year_figures(obs))
            qual = None if pair is None else _combine_qualifier([pair[0]["qualifier"], pair[1]["qualifier"]])
            if pair is None or qual is None:
                skipped.append(_not_computed(target, rep, subj, year, [ra, rb]))
                continue
            rows.append(
                _row(
                    f"D-{target}-{rep}-{year}" + (f"-{subj}" if subj else ""),
                    target,
                    rep,
                    subj,
                    year,
                    float(pair[0]["value"]) + float(pair[1]["value"]),
                    qual,
                    "USD million",
                    list(pair),
                    f"{out_ind} + {in_ind} (same reporter, same source)",
                    note=SAME_SOURCE_NOTE,
                )
            )
    return rows, skipped


def _one_per_year_subject(frame: pd.DataFrame) -> dict[tuple[str, str, int], pd.Series]:
    """(reporter, subject, year) -> the single row of that year, for years with exactly one row."""
    out: dict[tuple[str, str, int], pd.Series] = {}
    for (reporter, subject, year), grp in frame.groupby(["reporter", "_subj", "year"]):
        if len(grp) == 1:
            out[(str(reporter), str(subject), int(cast(int, year)))] = grp.iloc[0]
    return out


def derive_turnover(obs: pd.DataFrame) -> pd.DataFrame:
    """Turnover = exports + imports where no published turnover exists for the reporter and year.

    Only flows from the same reporter and the same source document are added. A
    published turnover (of any source) wins: one annual series has one value per year.
    """
    return observations_frame(_turnover(obs)[0])


def full_year_figures(obs: pd.DataFrame) -> pd.DataFrame:
    """Whole-calendar-year figures with a value, series and statements alike (where a same-source pair
    is looked for when the annual series mixes sources)."""
    return obs[obs["full_year"] & obs["value"].notna() & obs["qualifier"].isin(["exact", "approximate"])]


def _same_source_pair(
    a: pd.Series, b: pd.Series, indicators: tuple[str, str], pool: pd.DataFrame | None
) -> tuple[pd.Series, pd.Series] | None:
    """For a year whose two series inputs come from different sources: the one pair in which another
    figure of the same year and reporter, from the source of one input, takes the other input's place.

    E.g. AZ 2023: exports TS0231 (Nordot) and imports TS0235 (News.az) differ in source, but News.az
    also gives 2023 exports (ST0078), so the balance comes from News.az alone. None when no such pair
    or more than one exists (then nothing is computed).
    """
    if pool is None:
        return None
    same = pool[
        (pool["reporter"] == a["reporter"])
        & (pool["year"] == a["year"])
        & (pool["subject"].fillna("") == ("" if pd.isna(a["subject"]) else str(a["subject"])))
    ]
    pairs: list[tuple[pd.Series, pd.Series]] = []
    for _, alt in same[same["indicator"] == indicators[0]].iterrows():
        if alt["obs_id"] != a["obs_id"] and same_provenance([alt, b]):
            pairs.append((alt, b))
    for _, alt in same[same["indicator"] == indicators[1]].iterrows():
        if alt["obs_id"] != b["obs_id"] and same_provenance([a, alt]):
            pairs.append((a, alt))
    return pairs[0] if len(pairs) == 1 else None


SAME_SOURCE_NOTE = (
    "The annual series' figures for this year come from different sources; this value uses two figures "
    "of one source instead."
)


def _balance(
    series: pd.DataFrame, pool: pd.DataFrame | None = None
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    out_flow = _one_per_year(series[series["indicator"] == "trade_az_to_ru"])
    in_flow = _one_per_year(series[series["indicator"] == "trade_ru_to_az"])
    rows: list[dict[str, object]] = []
    skipped: list[dict[str, object]] = []
    for key in sorted(set(out_flow) & set(in_flow)):
        a, b = out_flow[key], in_flow[key]
        note = None
        if not same_provenance([a, b]):
            pair = _same_source_pair(a, b, ("trade_az_to_ru", "trade_ru_to_az"), pool)
            if pair is None:
                skipped.append(_not_computed("trade_az_ru_balance", key[0], "", key[1], [a, b]))
                continue
            (a, b), note = pair, SAME_SOURCE_NOTE
        qual = _combine_qualifier([a["qualifier"], b["qualifier"]])
        if qual is None:
            continue
        rows.append(
            _row(
                f"D-trade_az_ru_balance-{key[0]}-{key[1]}",
                "trade_az_ru_balance",
                key[0],
                "",
                key[1],
                float(a["value"]) - float(b["value"]),
                qual,
                "USD million",
                [a, b],
                "trade_az_to_ru − trade_ru_to_az (same reporter, same source)",
                note=note,
            )
        )
    return rows, skipped


def derive_balance(series: pd.DataFrame, pool: pd.DataFrame | None = None) -> pd.DataFrame:
    """Azerbaijan's goods balance with Russia, per reporter: AZ→RU minus RU→AZ, from one source.

    ``pool`` (whole-year figures, statements included) is searched for a same-source pair when the
    annual series' two flows of a year come from different sources (:func:`_same_source_pair`).
    """
    return observations_frame(_balance(series, pool)[0])


SHARE_SPECS = [
    ("AZ", "trade_az_world_turnover", "trade_ru_share_of_az_trade"),
    ("RU", "trade_ru_world_turnover", "trade_az_share_of_ru_trade"),
]


def _shares(
    series: pd.DataFrame, pool: pd.DataFrame | None = None
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    bilateral = _one_per_year(series[series["indicator"] == "trade_az_ru_turnover"])
    rows: list[dict[str, object]] = []
    skipped: list[dict[str, object]] = []
    for reporter, world_ind, target in SHARE_SPECS:
        world = _one_per_year(series[(series["indicator"] == world_ind) & (series["reporter"] == reporter)])
        for key in sorted(k for k in set(bilateral) & set(world) if k[0] == reporter):
            a, w = bilateral[key], world[key]
            note = None
            if not same_provenance([a, w]):
                pair = _same_source_pair(a, w, ("trade_az_ru_turnover", world_ind), pool)
                if pair is None:
                    skipped.append(_not_computed(target, reporter, "", key[1], [a, w]))
                    continue
                (a, w), note = pair, SAME_SOURCE_NOTE
            qual = _combine_qualifier([a["qualifier"], w["qualifier"]])
            if qual is None or float(w["value"]) <= 0:
                continue
            rows.append(
                _row(
                    f"D-{target}-{reporter}-{key[1]}",
                    target,
                    reporter,
                    "",
                    key[1],
                    100.0 * float(a["value"]) / float(w["value"]),
                    qual,
                    "percent",
                    [a, w],
                    f"100 × trade_az_ru_turnover ÷ {world_ind} (both {reporter}-reported, same source)",
                    note=note,
                )
            )
    return rows, skipped


def derive_shares(series: pd.DataFrame, pool: pd.DataFrame | None = None) -> pd.DataFrame:
    """Bilateral turnover as a share of the same reporter's world turnover, from one source."""
    return observations_frame(_shares(series, pool)[0])


def derive_not_computed(obs: pd.DataFrame) -> pd.DataFrame:
    """Turnovers, balances and shares whose inputs exist but come from different sources.

    Nothing is emitted for those years; this table says which years and why, so
    that a chart can state "not computed: different sources".
    """
    turnover, skipped = _turnover(obs)
    with_turnover = pd.concat([obs, observations_frame(turnover)], ignore_index=True)
    series = annual_series(with_turnover)
    pool = full_year_figures(with_turnover)
    skipped = skipped + _balance(series, pool)[1] + _shares(series, pool)[1]
    return not_computed_frame(skipped)


def derive_mirror(series: pd.DataFrame) -> pd.DataFrame:
    """RU-reported ÷ AZ-reported, per flow and year (mirror statistics)."""
    rows = []
    for indicator, flow in MIRROR_FLOWS.items():
        one = _one_per_year(series[series["indicator"] == indicator])
        years = sorted({y for (r, y) in one if r == "RU"} & {y for (r, y) in one if r == "AZ"})
        for year in years:
            ru, az = one[("RU", year)], one[("AZ", year)]
            qual = _combine_qualifier([ru["qualifier"], az["qualifier"]])
            if qual is None or float(az["value"]) <= 0:
                continue
            rows.append(
                _row(
                    f"D-trade_mirror_ratio-{flow}-{year}",
                    "trade_mirror_ratio",
                    "OTHER",
                    flow,
                    year,
                    float(ru["value"]) / float(az["value"]),
                    qual,
                    "ratio",
                    [ru, az],
                    f"{indicator} RU-reported ÷ {indicator} AZ-reported",
                    note="Reporter OTHER: the ratio combines both reporters by design.",
                )
            )
    return observations_frame(rows)


_DATA_TO = re.compile(r"data to (\d{4})")


def tiv_coverage(tiv: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """Per SIPRI release: (first year with any record, last year of data) for annual rows.

    The first year is the release's first record for Azerbaijan (the copies read
    start at different years), so no zero is ever claimed for a year before a
    copy's records start; the last is the release's "data to" year.
    """
    cover: dict[str, tuple[int, int]] = {}
    for edition, grp in tiv.groupby("edition"):
        m = _DATA_TO.search(str(edition))
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
    for edition, (first, last) in tiv_coverage(tiv).items():
        rel = tiv[tiv["edition"] == edition]
        release_sources = _join_ids(_sources(r) for _, r in rel.iterrows())
        suppliers = rel[rel["subject"] != ALL_SUPPLIERS]
        published_total = rel[rel["subject"] == ALL_SUPPLIERS]
        yearly: dict[str, dict[int, float]] = {}
        records: dict[str, dict[int, pd.Series]] = {}
        for _, r in suppliers.iterrows():
            yearly.setdefault(str(r["subject"]), {})[int(r["year"])] = (
                float(r["value"]) if pd.notna(r["value"]) else 0.0
            )
            records.setdefault(str(r["subject"]), {})[int(r["year"])] = r
        tag = _DATA_TO.search(edition)
        rel_tag = tag.group(1) if tag else "x"
        total_by_year: dict[int, float] = {}
        if yearly:
            for year in range(first, last + 1):
                inputs = [records[s][year] for s in records if year in records[s]]
                total = sum(yearly[s].get(year, 0.0) for s in yearly)
                total_by_year[year] = total
                row = _row(
                    f"D-arms_tiv_sum-{rel_tag}-{year}",
                    "arms_tiv_to_az",
                    "SIPRI",
                    "all suppliers (sum)",
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

    total_row = _row(
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
        sum_row = _row(
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
            share_row = _row(
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


def derive_energy_units(obs: pd.DataFrame) -> pd.DataFrame:
    """Oil Mt <-> TWh and marketed gas bcm <-> TWh, with the factor in the formula."""
    rows = []
    for src, dst, factor, text in ENERGY_CONVERSIONS:
        sel = obs[(obs["indicator"] == src) & obs["value"].notna() & (obs["confidence"] != "computed")]
        for _, r in sel.iterrows():
            if r["qualifier"] not in ("exact", "approximate"):
                continue
            unit = {"energy_oil_production_twh": "TWh", "energy_gas_production_twh": "TWh"}.get(dst)
            unit = unit or ("Mt" if dst.endswith("_mt") else "bcm")
            # open-ended inputs ("2000-11..") have no year; the row takes the input's period below
            year = int(r["year"]) if pd.notna(r["year"]) else pd.Timestamp(r["period_start"]).year
            row = _row(
                f"D-{dst}-{r['obs_id']}",
                dst,
                str(r["reporter"]),
                str(r["subject"]) if pd.notna(r["subject"]) else "",
                year,
                float(r["value"]) * factor,
                str(r["qualifier"]),
                unit,
                [r],
                f"{src} {text}",
                kind=str(r["kind"]),
            )
            # keep the input's own period (part-year figures stay part-year)
            for col in ("period", "period_start", "period_end", "full_year", "point_in_time", "year"):
                row[col] = r[col]
            rows.append(row)
    return observations_frame(rows)


def derive_all(obs: pd.DataFrame) -> pd.DataFrame:
    """All derived observations, in a stable order."""
    turnover = derive_turnover(obs)
    with_turnover = pd.concat([obs, turnover], ignore_index=True)
    series = annual_series(with_turnover)
    pool = full_year_figures(with_turnover)
    parts = [
        turnover,
        derive_balance(series, pool),
        derive_shares(series, pool),
        derive_mirror(series),
        derive_tiv(obs),
        derive_energy_units(obs),
    ]
    out = pd.concat([p for p in parts if len(p)], ignore_index=True)
    return out.sort_values("obs_id", kind="stable").reset_index(drop=True)


def change_between(value: float, previous: float, change_type: str) -> float | None:
    """Change from ``previous`` to ``value`` per a catalogue change type.

    ``percent``: 100 × (value − previous) ÷ |previous| (None when previous is 0); ``absolute`` and
    ``percentage_points``: value − previous; ``none``: None (the indicator has no meaningful change).
    """
    if change_type == "percent":
        return None if previous == 0 else 100.0 * (value - previous) / abs(previous)
    if change_type in ("absolute", "percentage_points"):
        return value - previous
    return None


CHANGE_FORMULAS = {
    "percent": "100 × (value − previous) ÷ |previous|",
    "percentage_points": "value − previous (percentage points)",
    "absolute": "value − previous",
}
CHANGE_COLUMNS = [
    "indicator",
    "reporter",
    "subject",
    "edition",
    "year",
    "value",
    "previous",
    "change",
    "change_type",
    "change_unit",
    "qualifier",
    "formula",
]


def _provenance_text(row: pd.Series) -> str:
    kind, *names = provenance(row)
    return names[0] if kind == "edition" else ", ".join(names)


def _change_row(cur: pd.Series, prev: pd.Series, kind: str, unit: str, edition: object) -> dict[str, object] | None:
    """One change, or a "not computed" row saying why; None when a value is only a bound or range."""
    base = {
        "indicator": cur["indicator"],
        "reporter": cur["reporter"],
        "subject": cur["_subj"] or None,
        "edition": edition or None,
        "year": int(cur["year"]),
        "value": float(cur["value"]),
        "previous": float(prev["value"]),
        "change_type": kind,
        "change_unit": unit,
    }
    if not same_provenance([cur, prev]):
        return {
            **base,
            "change": None,
            "qualifier": "not_computed",
            "formula": f"{DIFFERENT_SOURCES} ({_provenance_text(prev)} → {_provenance_text(cur)})",
        }
    # a change of an approximate input is approximate; a bound or range gives no change
    qual = _combine_qualifier([str(cur["qualifier"]), str(prev["qualifier"])])
    if qual is None:
        return None
    change = change_between(float(cur["value"]), float(prev["value"]), kind)
    return {
        **base,
        "change": None if change is None else round(change, DECIMALS),
        "qualifier": qual,
        "formula": CHANGE_FORMULAS[kind],
    }


def compute_changes(series: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change for every annual series, by the indicator's change type.

    A change is computed only between consecutive years of the same indicator,
    reporter, subject and edition: never across a gap, never across releases,
    and only between two figures of the same source and edition. Where two
    consecutive single values come from different sources, the row says
    "not computed: different sources" (``qualifier = not_computed``, no change).
    A change of an approximate value is approximate.
    """
    ctype = dict(zip(catalogue["indicator_id"], catalogue["change_type"], strict=True))
    units = dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
    rows: list[dict[str, object]] = []
    frame = series.assign(_ed=series["edition"].fillna(""), _subj=series["subject"].fillna(""))
    for (indicator, _reporter, _subject), grp in frame.groupby(["indicator", "reporter", "_subj"]):
        kind = ctype.get(str(indicator), "none")
        if kind == "none":
            continue
        unit = {"percent": "%", "percentage_points": "pp"}.get(kind, str(units.get(str(indicator), "")))
        for edition, part in grp.groupby("_ed"):
            values = {int(cast(int, y)): g.iloc[0] for y, g in part.groupby("year") if len(g) == 1}
            for year in sorted(values):
                if year - 1 in values:
                    row = _change_row(values[year], values[year - 1], kind, unit, edition)
                    if row is not None:
                        rows.append(row)
        # consecutive years with one value each where a release's series is followed by a figure of no
        # release (e.g. an IMF DOTS year, then a year relayed in the press): different sources, so no
        # change. Two releases (SIPRI) are parallel series, not one chain: nothing to say between them.
        single = {int(cast(int, y)): g.iloc[0] for y, g in grp.groupby("year") if len(g) == 1}
        for year in sorted(single):
            cur = single[year]
            prev_ed = single[year - 1]["_ed"] if year - 1 in single else None
            if prev_ed is not None and prev_ed != cur["_ed"] and "" in (prev_ed, cur["_ed"]):
                row = _change_row(cur, single[year - 1], kind, unit, cur["_ed"])
                if row is not None:
                    rows.append(row)
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    out["year"] = out["year"].astype("int64")
    for c in ("value", "previous", "change"):
        out[c] = out[c].astype("float64")
    return out.sort_values(["indicator", "reporter", "subject", "edition", "year"], na_position="first").reset_index(
        drop=True
    )
