"""Domain sanity checks with numeric tolerances (pure functions).

Each check returns a :class:`CheckResult` whose message says what was compared
and where to look when it does not hold. They never fail the build: a
mismatch between sources is information, reported in the validation report.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import cast

import pandas as pd

from indicators.derive import ALL_SUPPLIERS, ALL_SUPPLIERS_SUM, TURNOVER_PARTS, annual_series, derive_not_computed
from indicators.units import OIL_TWH_PER_MT
from indicators.vocab import DATA_TO_RE


@dataclass
class CheckResult:
    """Outcome of one sanity check."""

    name: str
    status: str  # "pass", "warn" or "not_applicable"
    tolerance: str
    compared: int
    message: str
    details: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Plain dict for the JSON report."""
        return asdict(self)


def _counted_result(
    flagged: list[dict[str, object]],
    name: str,
    tolerance: str,
    compared: int,
    message: str,
    details: list[dict[str, object]],
) -> CheckResult:
    """A check's result: not applicable when nothing was compared, warn when any case is flagged, else pass."""
    status = "not_applicable" if compared == 0 else ("warn" if flagged else "pass")
    return CheckResult(name, status, tolerance, compared, message, details)


def _turnover_parts(pub: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """Per turnover indicator: its rows, then the rows of its two flows (exports, imports)."""
    for turnover, (a_ind, b_ind) in TURNOVER_PARTS.items():
        yield (
            turnover,
            pub[pub["indicator"] == turnover],
            pub[pub["indicator"] == a_ind],
            pub[pub["indicator"] == b_ind],
        )


def _sum_and_difference(row: pd.Series) -> tuple[float, float]:
    """Flows a + b of a merged row, and how far the turnover (``value``) is from it, in percent of the sum."""
    total = float(row["value_a"]) + float(row["value_b"])
    return total, 100.0 * (float(row["value"]) - total) / total


def check_turnover_is_exports_plus_imports(obs: pd.DataFrame, tolerance_pct: float = 1.0) -> CheckResult:
    """Published turnover ≈ exports + imports for the same reporter, source and year."""
    pub = obs[(obs["confidence"] != "computed") & obs["full_year"] & obs["value"].notna()]
    details: list[dict[str, object]] = []
    compared = 0
    for turnover, t, a, b in _turnover_parts(pub):
        m = t.merge(a, on=["reporter", "source_id", "year"], suffixes=("", "_a")).merge(
            b, on=["reporter", "source_id", "year"], suffixes=("", "_b")
        )
        for _, r in m.iterrows():
            compared += 1
            total, diff_pct = _sum_and_difference(r)
            if abs(diff_pct) > tolerance_pct:
                details.append(
                    {
                        "indicator": turnover,
                        "reporter": r["reporter"],
                        "source_id": r["source_id"],
                        "year": int(r["year"]),
                        "turnover": float(r["value"]),
                        "exports_plus_imports": round(total, 4),
                        "difference_pct": round(diff_pct, 3),
                    }
                )
    return _counted_result(
        details,
        "turnover_is_exports_plus_imports",
        f"±{tolerance_pct}% of exports + imports",
        compared,
        f"{compared} published turnover figures compared with the same source's exports + imports; "
        f"{len(details)} outside tolerance. Where it fails, look at rounding in the source text or a "
        "flow quoted for a different period.",
        details,
    )


def check_supplier_sum_vs_sipri_total(obs: pd.DataFrame, tolerance_tiv: float = 2.0) -> CheckResult:
    """Sum of suppliers ≈ SIPRI's importer total, within one release and year.

    SIPRI's tables print whole numbers (0 = under 0.5), so a few TIV of
    rounding are tolerated. Releases that carry only suppliers or only totals
    are listed as not comparable.
    """
    tiv = obs[(obs["indicator"] == "arms_tiv_to_az") & (obs["kind"] == "series") & obs["full_year"]]
    details: list[dict[str, object]] = []
    compared = 0
    not_comparable: list[str] = []
    for edition, rel in tiv.groupby("edition"):
        # SIPRI's suppliers (not the derived all-supplier sum), and its printed total inside their years
        # (a per-delivery export selected from 2000 says nothing of 1993, which a TIV table may show)
        sup = rel[~rel["subject"].isin([ALL_SUPPLIERS, ALL_SUPPLIERS_SUM])]
        tot = rel[rel["subject"] == ALL_SUPPLIERS]
        if sup.empty or tot.empty:
            not_comparable.append(f"{edition} ({'suppliers only' if tot.empty else 'totals only'})")
            continue
        sums = sup.groupby("year")["value"].sum(min_count=1)
        for _, r in tot[tot["year"].between(sup["year"].min(), sup["year"].max())].iterrows():
            s = float(sums.get(r["year"], 0.0) or 0.0)
            t = 0.0 if pd.isna(r["value"]) else float(r["value"])
            compared += 1
            if abs(s - t) > tolerance_tiv:
                details.append({"edition": edition, "year": int(r["year"]), "sum_of_suppliers": s, "sipri_total": t})
    return _counted_result(
        details,
        "supplier_sum_vs_sipri_total",
        f"±{tolerance_tiv} TIV million (rounding of whole-number tables)",
        compared,
        f"{compared} release-years compared; {len(details)} outside tolerance. Not comparable within one "
        f"release: {'; '.join(not_comparable) or 'none'}. Where it fails, look for a supplier missing from "
        "the transcription or an unknown-supplier row dropped by the public copy.",
        details,
    )


def cross_release_tiv_totals(obs: pd.DataFrame) -> CheckResult:
    """Informational: all-supplier totals per year across SIPRI releases (revisions)."""
    tiv = obs[(obs["indicator"] == "arms_tiv_to_az") & obs["full_year"] & obs["value"].notna()]
    totals = tiv[tiv["subject"].isin([ALL_SUPPLIERS, ALL_SUPPLIERS_SUM])]
    wide = totals.pivot_table(index="year", columns="edition", values="value", aggfunc="first")
    details: list[dict[str, object]] = []
    for year, row in wide.iterrows():
        vals = row.dropna()
        if len(vals) >= 2 and vals.max() - vals.min() > 2.0:
            details.append({"year": int(cast(int, year)), **{str(k): float(v) for k, v in vals.items()}})
    return CheckResult(
        "sipri_release_revisions",
        "warn" if details else "pass",
        "informational (>2 TIV million between releases)",
        len(wide),
        f"{len(details)} years where all-supplier totals differ by more than 2 TIV between SIPRI releases. "
        "SIPRI revises past years in every release; keep one release per chart.",
        details,
    )


# rows that are totals, not one supplier's deliveries
_TIV_TOTALS = (ALL_SUPPLIERS, ALL_SUPPLIERS_SUM)


def _supplier_tiv(obs: pd.DataFrame) -> pd.DataFrame:
    """Published (not computed) annual TIV per supplier, with each release's last data year as ``_data_to``."""
    tiv = obs[
        (obs["indicator"] == "arms_tiv_to_az")
        & (obs["kind"] == "series")
        & obs["full_year"]
        & (obs["confidence"] != "computed")
        & obs["edition"].notna()
        & ~obs["subject"].isin(_TIV_TOTALS)
    ]
    data_to = tiv["edition"].astype(str).str.extract(DATA_TO_RE, expand=False)
    tiv = tiv.assign(_data_to=pd.to_numeric(data_to, errors="coerce"))
    return tiv[tiv["_data_to"].notna()]


def check_tiv_doubled_between_releases(obs: pd.DataFrame) -> CheckResult:
    """A supplier-year whose TIV is exactly twice its value in the neighbouring release.

    Releases are ordered by the last year they cover; for each supplier and year the neighbour is the
    next release that carries that supplier-year. SIPRI revises past years, but an exact doubling
    looks like a deal counted twice by whoever reprocessed the release.
    """
    tiv = _supplier_tiv(obs[obs["value"].notna()])
    details: list[dict[str, object]] = []
    compared = 0
    for (supplier, year), grp in tiv.sort_values(["_data_to", "edition"]).groupby(["subject", "year"], sort=True):
        pairs = list(zip(grp["edition"].astype(str), grp["value"].astype(float), strict=True))
        for (old_edition, a), (new_edition, b) in itertools.pairwise(pairs):
            compared += 1
            if a > 0 and b > 0 and (b == 2 * a or a == 2 * b):
                details.append(
                    {
                        "supplier": str(supplier),
                        "year": int(cast(int, year)),
                        "release": new_edition,
                        "value": b,
                        "previous_release": old_edition,
                        "previous_value": a,
                        "ratio": round(b / a, 4),
                    }
                )
    return _counted_result(
        details,
        "tiv_doubled_between_releases",
        "exactly 2× (or ½×) the same supplier-year in the neighbouring release",
        compared,
        f"{compared} supplier-years compared between neighbouring SIPRI releases; {len(details)} exactly doubled "
        "or halved. Where it fires, look for a deal counted twice (or dropped) by the copy that was read; "
        "prefer SIPRI's own export.",
        details,
    )


def check_supplier_list_shrinks(obs: pd.DataFrame) -> CheckResult:
    """Suppliers present in one SIPRI release and missing from the next one.

    Only releases with a supplier breakdown are compared (a totals-only release is skipped); releases
    are ordered by the last year they cover. SIPRI's own releases revise values but keep suppliers, so a
    supplier that disappears (e.g. 'unknown') points at a copy that dropped rows.
    """
    tiv = _supplier_tiv(obs)
    releases = (
        tiv[["edition", "_data_to"]].drop_duplicates().sort_values(["_data_to", "edition"])["edition"].astype(str)
    )
    suppliers = {e: set(tiv.loc[tiv["edition"] == e, "subject"].astype(str)) for e in releases}
    details: list[dict[str, object]] = []
    ordered = list(releases)
    for older, newer in itertools.pairwise(ordered):
        dropped = sorted(suppliers[older] - suppliers[newer])
        if dropped:
            details.append({"release": newer, "previous_release": older, "suppliers_dropped": ", ".join(dropped)})
    compared = max(len(ordered) - 1, 0)
    return _counted_result(
        details,
        "supplier_list_shrinks_between_releases",
        "any supplier of a release missing from the next release with a supplier breakdown",
        compared,
        f"{compared} pairs of neighbouring SIPRI releases compared; {len(details)} drop suppliers. Where it "
        "fires, look at the copy that was read: a reprocessing may drop rows (e.g. unknown suppliers), which "
        "changes totals and shares.",
        details,
    )


def check_bp_mt_vs_ei_twh(obs: pd.DataFrame, tolerance_pct: float = 5.0) -> CheckResult:
    """BP 2021 oil Mt × 11.63 ≈ EI 2025 oil TWh for the same country and year."""
    ser = annual_series(obs[obs["confidence"] != "computed"])
    bp = ser[(ser["indicator"] == "energy_oil_production_mt") & (ser["reporter"] == "BP")]
    ei = ser[(ser["indicator"] == "energy_oil_production_twh") & (ser["reporter"] == "EI")]
    m = bp.merge(ei, on=["subject", "year"], suffixes=("_bp", "_ei"))
    details: list[dict[str, object]] = []
    worst = 0.0
    for _, r in m.iterrows():
        expected = float(r["value_bp"]) * OIL_TWH_PER_MT
        diff = 100.0 * (float(r["value_ei"]) - expected) / expected
        worst = max(worst, abs(diff))
        if abs(diff) > tolerance_pct:
            details.append(
                {
                    "country": r["subject"],
                    "year": int(r["year"]),
                    "bp_mt_x_factor": round(expected, 3),
                    "ei_twh": float(r["value_ei"]),
                    "difference_pct": round(diff, 2),
                }
            )
    status = "not_applicable" if m.empty else ("warn" if details else "pass")
    return CheckResult(
        "bp_mt_times_factor_vs_ei_twh",
        status,
        f"±{tolerance_pct}% (factor {OIL_TWH_PER_MT} TWh per Mt)",
        len(m),
        f"{len(m)} country-years compared; largest difference {worst:.2f}%; {len(details)} outside tolerance. "
        "Differences come from EI's revisions of back years, not from the factor; look at the EI edition.",
        details,
    )


def run_sanity_checks(obs: pd.DataFrame) -> list[CheckResult]:
    """Run every domain sanity check on published + derived observations."""
    return [
        check_turnover_is_exports_plus_imports(obs),
        check_supplier_sum_vs_sipri_total(obs),
        cross_release_tiv_totals(obs),
        check_tiv_doubled_between_releases(obs),
        check_supplier_list_shrinks(obs),
        check_bp_mt_vs_ei_twh(obs),
        check_published_turnover_vs_rederived(obs),
        check_derived_not_computed(obs),
    ]


def check_published_turnover_vs_rederived(obs: pd.DataFrame, tolerance_pct: float = 1.0) -> CheckResult:
    """Published turnover ≈ exports + imports given by another source for the same reporter and year.

    The published turnover is the series value; exports + imports of another
    source are never added to the series (one value per year), only compared here.
    """
    pub = annual_series(obs[obs["confidence"] != "computed"])
    details: list[dict[str, object]] = []
    compared = 0
    for turnover, t, a, b in _turnover_parts(pub):
        flows = a.merge(b, on=["reporter", "source_id", "year"], suffixes=("_a", "_b"))
        m = t.merge(flows, on=["reporter", "year"], suffixes=("", "_flows"))
        m = m[m["source_id"] != m["source_id_flows"]]
        for _, r in m.iterrows():
            compared += 1
            total, diff_pct = _sum_and_difference(r)
            details.append(
                {
                    "indicator": turnover,
                    "reporter": r["reporter"],
                    "year": int(r["year"]),
                    "published": float(r["value"]),
                    "published_source_id": r["source_id"],
                    "exports_plus_imports": round(total, 4),
                    "flows_source_id": r["source_id_flows"],
                    "difference_pct": round(diff_pct, 3),
                    "within_tolerance": abs(diff_pct) <= tolerance_pct,
                }
            )
    outside = [d for d in details if not d["within_tolerance"]]
    return _counted_result(
        outside,
        "published_turnover_vs_rederived",
        f"±{tolerance_pct}% of exports + imports from another source",
        compared,
        f"{compared} published turnover figures compared with exports + imports given by another source for "
        f"the same reporter and year; {len(outside)} outside tolerance. The published figure is the series "
        "value; the re-derived sum is only this check. Where it fails, look at the rounding or revision "
        "between the two publications.",
        details,
    )


def check_derived_not_computed(obs: pd.DataFrame) -> CheckResult:
    """Turnovers, balances and shares left out because their inputs come from different sources."""
    skipped = derive_not_computed(obs[obs["confidence"] != "computed"])
    details = [
        {str(k): (None if isinstance(v, float) and pd.isna(v) else v) for k, v in rec.items()}
        for rec in skipped.astype(object).to_dict(orient="records")
    ]
    for d in details:
        d["year"] = int(cast(int, d["year"]))
    return CheckResult(
        "derived_not_computed",
        "warn" if details else "pass",
        "informational (inputs of different sources or editions are never combined)",
        len(details),
        f"{len(details)} derived figures not computed: their inputs exist but come from different sources or "
        "editions. Each is listed with its inputs; charts say 'not computed: different sources' for them.",
        details,
    )
