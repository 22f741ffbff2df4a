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

The derivations live in :mod:`indicators.derive_trade` (turnover, balance,
shares, mirror), :mod:`indicators.derive_arms` (SIPRI TIV sums and windows) and
:mod:`indicators.changes` (year-on-year changes); their shared pieces in
:mod:`indicators.derive_base`. This module converts energy units, runs them all
(:func:`derive_all`) and re-exports their public names.
"""

from __future__ import annotations

import pandas as pd

from indicators.changes import CHANGE_COLUMNS, CHANGE_FORMULAS, change_between, compute_changes
from indicators.clean import observations_frame
from indicators.current_release import current_rows
from indicators.derive_arms import (
    ALL_SUPPLIERS,
    ALL_SUPPLIERS_SUM,
    WINDOWS,
    derive_tiv,
    tiv_coverage,
    tiv_windows,
    window_label,
)
from indicators.derive_base import (
    DECIMALS,
    DIFFERENT_SOURCES,
    SAME_SOURCE_NOTE,
    annual_series,
    derived_row,
    full_year_figures,
    not_computed_frame,
    provenance,
    same_provenance,
)
from indicators.derive_trade import (
    MIRROR_FLOWS,
    SHARE_SPECS,
    TURNOVER_PARTS,
    derive_balance,
    derive_mirror,
    derive_not_computed,
    derive_shares,
    derive_turnover,
)
from indicators.units import GAS_TWH_PER_BCM, OIL_TWH_PER_MT

__all__ = [
    "ALL_SUPPLIERS",
    "ALL_SUPPLIERS_SUM",
    "CHANGE_COLUMNS",
    "CHANGE_FORMULAS",
    "DECIMALS",
    "DIFFERENT_SOURCES",
    "ENERGY_CONVERSIONS",
    "MIRROR_FLOWS",
    "SAME_SOURCE_NOTE",
    "SHARE_SPECS",
    "TURNOVER_PARTS",
    "WINDOWS",
    "annual_series",
    "change_between",
    "compute_changes",
    "derive_all",
    "derive_balance",
    "derive_energy_units",
    "derive_mirror",
    "derive_not_computed",
    "derive_shares",
    "derive_tiv",
    "derive_turnover",
    "full_year_figures",
    "not_computed_frame",
    "provenance",
    "same_provenance",
    "tiv_coverage",
    "tiv_windows",
    "window_label",
]

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
            row = derived_row(
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


def derive_all(obs: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """All derived observations, in a stable order.

    With ``sources``, the trade derivations read only the current release of each trade series
    (:func:`indicators.current_release.current_rows`): a superseded DOTS vintage is never added to, or
    divided by, a figure of another vintage, and no year is computed twice.
    """
    trade = obs if sources is None else current_rows(obs, sources)
    turnover = derive_turnover(trade)
    with_turnover = pd.concat([trade, turnover], ignore_index=True)
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
