"""Derived indicators, computed from clean observations (pure functions).

Every derived row has ``confidence = computed``, a ``formula`` naming its
inputs, and the source ids of those inputs. Inputs are always from one
reporter: nothing here mixes AZ-reported and RU-reported figures except the
mirror ratio, whose whole point is to set them side by side. Nothing is
interpolated: a missing input means a missing output.
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
WINDOW_YEARS = 5

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


def derive_turnover(obs: pd.DataFrame) -> pd.DataFrame:
    """Turnover = exports + imports where a source gives both flows but no turnover.

    Only flows from the same reporter and the same source document are added.
    """
    series = annual_series(obs).assign(_subj=lambda f: f["subject"].fillna(""))
    # a flow given twice by one source for one subject and year is ambiguous: left out, not chosen
    keys = ["reporter", "source_id", "_subj", "year"]
    rows: list[dict[str, object]] = []
    for target, (out_ind, in_ind) in TURNOVER_PARTS.items():
        pub = series[series["indicator"] == target]
        published = {
            (rep, src, subj, int(cast(int, year)))
            for rep, src, subj, year in zip(pub["reporter"], pub["source_id"], pub["_subj"], pub["year"], strict=True)
        }
        a = series[series["indicator"] == out_ind]
        b = series[series["indicator"] == in_ind]
        a = a[~a.duplicated(keys, keep=False)]
        b = b[~b.duplicated(keys, keep=False)]
        merged = a.merge(b, on=keys, suffixes=("_a", "_b"), validate="1:1")
        for _, m in merged.iterrows():
            key = (m["reporter"], m["source_id"], m["_subj"], int(m["year"]))
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
    return observations_frame(rows)


def derive_balance(series: pd.DataFrame) -> pd.DataFrame:
    """Azerbaijan's goods balance with Russia, per reporter: AZ→RU minus RU→AZ."""
    out_flow = _one_per_year(series[series["indicator"] == "trade_az_to_ru"])
    in_flow = _one_per_year(series[series["indicator"] == "trade_ru_to_az"])
    rows = []
    for key in sorted(set(out_flow) & set(in_flow)):
        a, b = out_flow[key], in_flow[key]
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
                "trade_az_to_ru − trade_ru_to_az (same reporter)",
            )
        )
    return observations_frame(rows)


def derive_shares(series: pd.DataFrame) -> pd.DataFrame:
    """Bilateral turnover as a share of the same reporter's world turnover."""
    bilateral = _one_per_year(series[series["indicator"] == "trade_az_ru_turnover"])
    specs = [
        ("AZ", "trade_az_world_turnover", "trade_ru_share_of_az_trade"),
        ("RU", "trade_ru_world_turnover", "trade_az_share_of_ru_trade"),
    ]
    rows = []
    for reporter, world_ind, target in specs:
        world = _one_per_year(series[(series["indicator"] == world_ind) & (series["reporter"] == reporter)])
        for key in sorted(k for k in set(bilateral) & set(world) if k[0] == reporter):
            a, w = bilateral[key], world[key]
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
                    f"100 × trade_az_ru_turnover ÷ {world_ind} (both {reporter}-reported)",
                )
            )
    return observations_frame(rows)


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
    """Per SIPRI release: (first year with any record, last year of data) for annual rows."""
    cover: dict[str, tuple[int, int]] = {}
    for edition, grp in tiv.groupby("edition"):
        m = _DATA_TO.search(str(edition))
        if m is None:
            continue
        cover[str(edition)] = (int(grp["year"].min()), int(m.group(1)))
    return cover


def derive_tiv(obs: pd.DataFrame) -> pd.DataFrame:
    """Per SIPRI release: annual all-supplier sums, five-year sums and five-year shares.

    Inside a release's coverage a supplier-year without a record counts as no
    deliveries, as in SIPRI's own tables; windows reaching outside the coverage
    are not computed. The share is the supplier's five-year TIV over all
    suppliers' five-year TIV, as in SIPRI fact sheets.
    """
    tiv = obs[
        (obs["indicator"] == "arms_tiv_to_az") & (obs["kind"] == "series") & obs["full_year"] & obs["edition"].notna()
    ]
    rows: list[dict[str, object]] = []
    for edition, (first, last) in tiv_coverage(tiv).items():
        rel = tiv[tiv["edition"] == edition]
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
        if yearly:
            total_by_year: dict[int, float] = {}
            for year in range(first, last + 1):
                inputs = [records[s][year] for s in records if year in records[s]]
                if not inputs:
                    continue
                total = sum(yearly[s].get(year, 0.0) for s in yearly)
                total_by_year[year] = total
                rows.append(
                    _row(
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
                    )
                )
        else:
            total_by_year = {
                int(r["year"]): float(r["value"]) if pd.notna(r["value"]) else 0.0
                for _, r in published_total.iterrows()
            }
            records = {ALL_SUPPLIERS: {int(r["year"]): r for _, r in published_total.iterrows()}}
            yearly = {}
        for end in range(first + WINDOW_YEARS - 1, last + 1):
            window = range(end - WINDOW_YEARS + 1, end + 1)
            total5 = sum(total_by_year.get(y, 0.0) for y in window)
            all_inputs = [records[s][y] for s in records for y in window if y in records[s]]
            if not all_inputs:
                continue
            formula_sum = f"sum of arms_tiv_to_az over {window.start}-{window.stop - 1} in this release"
            rows.append(
                _row(
                    f"D-arms_tiv_5y_sum-{rel_tag}-all-{end}",
                    "arms_tiv_5y_sum",
                    "SIPRI",
                    ALL_SUPPLIERS,
                    end,
                    total5,
                    "exact",
                    "TIV million",
                    all_inputs,
                    formula_sum + " (all suppliers)",
                )
            )
            for supplier, by_year in yearly.items():
                s5 = sum(by_year.get(y, 0.0) for y in window)
                inputs = [records[supplier][y] for y in window if y in records[supplier]]
                note = (
                    None
                    if inputs
                    else "No deliveries recorded for this supplier in the window (SIPRI convention: zero)."
                )
                cite = inputs or all_inputs[:1]
                rows.append(
                    _row(
                        f"D-arms_tiv_5y_sum-{rel_tag}-{supplier}-{end}",
                        "arms_tiv_5y_sum",
                        "SIPRI",
                        supplier,
                        end,
                        s5,
                        "exact",
                        "TIV million",
                        cite,
                        formula_sum,
                        note=note,
                    )
                )
                if total5 > 0:
                    rows.append(
                        _row(
                            f"D-arms_tiv_5y_share-{rel_tag}-{supplier}-{end}",
                            "arms_tiv_5y_share",
                            "SIPRI",
                            supplier,
                            end,
                            100.0 * s5 / total5,
                            "exact",
                            "percent",
                            cite,
                            f"100 × {supplier} TIV ÷ all suppliers' TIV, "
                            f"{window.start}-{window.stop - 1}, same release",
                            note=note,
                        )
                    )
    frame = observations_frame(rows)
    # _row() takes the edition shared by the inputs; windows always lie in one release
    return frame


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
    parts = [
        turnover,
        derive_balance(series),
        derive_shares(series),
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


def compute_changes(series: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change for every annual series, by the indicator's change type.

    A change is computed only between consecutive years of the same indicator,
    reporter, subject and edition: never across a gap, never across releases.
    """
    ctype = dict(zip(catalogue["indicator_id"], catalogue["change_type"], strict=True))
    units = dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
    rows: list[dict[str, object]] = []
    frame = series.assign(_ed=series["edition"].fillna(""), _subj=series["subject"].fillna(""))
    for (indicator, reporter, subject, edition), grp in frame.groupby(["indicator", "reporter", "_subj", "_ed"]):
        kind = ctype.get(str(indicator), "none")
        if kind == "none":
            continue
        by_year = grp.groupby("year")
        values = {int(cast(int, y)): g for y, g in by_year if len(g) == 1}
        for year in sorted(values):
            if year - 1 not in values:
                continue
            cur, prev = values[year].iloc[0], values[year - 1].iloc[0]
            change = change_between(float(cur["value"]), float(prev["value"]), kind)
            change = None if change is None else round(change, DECIMALS)
            exact = cur["qualifier"] == "exact" and prev["qualifier"] == "exact"
            unit = {"percent": "%", "percentage_points": "pp"}.get(kind, units.get(str(indicator), ""))
            rows.append(
                {
                    "indicator": indicator,
                    "reporter": reporter,
                    "subject": subject or None,
                    "edition": edition or None,
                    "year": year,
                    "value": float(cur["value"]),
                    "previous": float(prev["value"]),
                    "change": change,
                    "change_type": kind,
                    "change_unit": unit,
                    "qualifier": "exact" if exact else "approximate",
                    "formula": {
                        "percent": "100 × (value − previous) ÷ |previous|",
                        "percentage_points": "value − previous (percentage points)",
                        "absolute": "value − previous",
                    }[kind],
                }
            )
    cols = [
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
    out = pd.DataFrame(rows, columns=cols)
    out["year"] = out["year"].astype("int64")
    for c in ("value", "previous", "change"):
        out[c] = out[c].astype("float64")
    return out.sort_values(["indicator", "reporter", "subject", "edition", "year"], na_position="first").reset_index(
        drop=True
    )
