"""Trade derivations: turnover, goods balance, shares of world trade, mirror ratios (pure functions).

Inputs are always from one reporter, except the mirror ratio, whose whole point
is to set AZ- and RU-reported figures side by side. Turnovers, balances and
shares combine only figures of one source and edition; where the inputs of a
year come from different sources, nothing is computed and the year is listed
by :func:`derive_not_computed`.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from indicators.clean import observations_frame
from indicators.derive_base import (
    SAME_SOURCE_NOTE,
    Row,
    annual_series,
    combine_qualifier,
    derived_row,
    full_year_figures,
    not_computed_frame,
    not_computed_record,
    one_per_year,
    records,
    same_provenance,
    same_source_pair,
)

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


def _first_by_key(frame: pd.DataFrame, keys: list[str]) -> dict[tuple[object, ...], Row]:
    """The first row of ``frame`` for each value of ``keys``."""
    out: dict[tuple[object, ...], Row] = {}
    for rec in records(frame):
        out.setdefault(tuple(rec[k] for k in keys), rec)
    return out


def _ratio_row(
    obs_id: str,
    indicator: str,
    reporter: str,
    subject: str,
    year: int,
    ratio: tuple[Row, Row, float],
    unit: str,
    formula: str,
    note: str | None = None,
) -> dict[str, object] | None:
    """``scale × numerator ÷ denominator`` as a computed row, from ``ratio = (numerator, denominator, scale)``;
    None when the qualifiers do not combine or the denominator is not positive."""
    num, den, scale = ratio
    qual = combine_qualifier([num["qualifier"], den["qualifier"]])
    if qual is None or float(den["value"]) <= 0:
        return None
    value = scale * float(num["value"]) / float(den["value"])
    return derived_row(obs_id, indicator, reporter, subject, year, value, qual, unit, [num, den], formula, note=note)


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
        first_a, first_b = _first_by_key(a, keys), _first_by_key(b, keys)
        for m in records(merged[[*keys, "qualifier_a", "qualifier_b", "value_a", "value_b"]]):
            key = (m["reporter"], m["_subj"], int(m["year"]))
            if key in published:
                continue
            qual = combine_qualifier([m["qualifier_a"], m["qualifier_b"]])
            if qual is None:
                continue
            ra = first_a[tuple(m[k] for k in keys)]
            rb = first_b[tuple(m[k] for k in keys)]
            subject = str(m["_subj"])
            rows.append(
                derived_row(
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
            pair = same_source_pair(ra, rb, (out_ind, in_ind), full_year_figures(obs))
            qual = None if pair is None else combine_qualifier([pair[0]["qualifier"], pair[1]["qualifier"]])
            if pair is None or qual is None:
                skipped.append(not_computed_record(target, rep, subj, year, [ra, rb]))
                continue
            rows.append(
                derived_row(
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


def _one_per_year_subject(frame: pd.DataFrame) -> dict[tuple[str, str, int], Row]:
    """(reporter, subject, year) -> the single row of that year, for years with exactly one row."""
    groups: dict[tuple[str, str, int], list[Row]] = {}
    for rec in records(frame):
        groups.setdefault((str(rec["reporter"]), str(rec["_subj"]), int(rec["year"])), []).append(rec)
    return {key: rows[0] for key, rows in groups.items() if len(rows) == 1}


def derive_turnover(obs: pd.DataFrame) -> pd.DataFrame:
    """Turnover = exports + imports where no published turnover exists for the reporter and year.

    Only flows from the same reporter and the same source document are added. A
    published turnover (of any source) wins: one annual series has one value per year.
    """
    return observations_frame(_turnover(obs)[0])


def _balance(
    series: pd.DataFrame, pool: pd.DataFrame | None = None
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    out_flow = one_per_year(series[series["indicator"] == "trade_az_to_ru"])
    in_flow = one_per_year(series[series["indicator"] == "trade_ru_to_az"])
    rows: list[dict[str, object]] = []
    skipped: list[dict[str, object]] = []
    for key in sorted(set(out_flow) & set(in_flow)):
        a, b = out_flow[key], in_flow[key]
        note = None
        if not same_provenance([a, b]):
            pair = same_source_pair(a, b, ("trade_az_to_ru", "trade_ru_to_az"), pool)
            if pair is None:
                skipped.append(not_computed_record("trade_az_ru_balance", key[0], "", key[1], [a, b]))
                continue
            (a, b), note = pair, SAME_SOURCE_NOTE
        qual = combine_qualifier([a["qualifier"], b["qualifier"]])
        if qual is None:
            continue
        rows.append(
            derived_row(
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
    annual series' two flows of a year come from different sources (:func:`same_source_pair`).
    """
    return observations_frame(_balance(series, pool)[0])


SHARE_SPECS = [
    ("AZ", "trade_az_world_turnover", "trade_ru_share_of_az_trade"),
    ("RU", "trade_ru_world_turnover", "trade_az_share_of_ru_trade"),
]


def _shares(
    series: pd.DataFrame, pool: pd.DataFrame | None = None
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    bilateral = one_per_year(series[series["indicator"] == "trade_az_ru_turnover"])
    rows: list[dict[str, object]] = []
    skipped: list[dict[str, object]] = []
    for reporter, world_ind, target in SHARE_SPECS:
        world = one_per_year(series[(series["indicator"] == world_ind) & (series["reporter"] == reporter)])
        for key in sorted(k for k in set(bilateral) & set(world) if k[0] == reporter):
            a, w = bilateral[key], world[key]
            note = None
            if not same_provenance([a, w]):
                pair = same_source_pair(a, w, ("trade_az_ru_turnover", world_ind), pool)
                if pair is None:
                    skipped.append(not_computed_record(target, reporter, "", key[1], [a, w]))
                    continue
                (a, w), note = pair, SAME_SOURCE_NOTE
            row = _ratio_row(
                f"D-{target}-{reporter}-{key[1]}",
                target,
                reporter,
                "",
                key[1],
                (a, w, 100.0),
                "percent",
                f"100 × trade_az_ru_turnover ÷ {world_ind} (both {reporter}-reported, same source)",
                note=note,
            )
            if row is not None:
                rows.append(row)
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
        one = one_per_year(series[series["indicator"] == indicator])
        years = sorted({y for (r, y) in one if r == "RU"} & {y for (r, y) in one if r == "AZ"})
        for year in years:
            ru, az = one[("RU", year)], one[("AZ", year)]
            row = _ratio_row(
                f"D-trade_mirror_ratio-{flow}-{year}",
                "trade_mirror_ratio",
                "OTHER",
                flow,
                year,
                (ru, az, 1.0),
                "ratio",
                f"{indicator} RU-reported ÷ {indicator} AZ-reported",
                note="Reporter OTHER: the ratio combines both reporters by design.",
            )
            if row is not None:
                rows.append(row)
    return observations_frame(rows)
