"""Domain sanity checks: tolerances, statuses and what they point at."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from indicators.checks import (
    check_bp_mt_vs_ei_twh,
    check_supplier_sum_vs_sipri_total,
    check_turnover_is_exports_plus_imports,
    cross_release_tiv_totals,
    run_sanity_checks,
)

MakeObs = Callable[..., pd.DataFrame]
TIV = {
    "indicator": "arms_tiv_to_az",
    "reporter": "SIPRI",
    "unit": "TIV million",
    "source_id": "src-sipri-a",
    "confidence": "statistical_review",
}


def _flows(turnover: float, **extra: object) -> list[dict[str, object]]:
    return [
        {"obs_id": "T", "indicator": "trade_az_ru_turnover", "value": turnover, **extra},
        {"obs_id": "A", "indicator": "trade_az_to_ru", "value": 100.0},
        {"obs_id": "B", "indicator": "trade_ru_to_az", "value": 300.0},
    ]


def test_turnover_within_one_percent_of_its_parts_passes(make_obs: MakeObs) -> None:
    res = check_turnover_is_exports_plus_imports(make_obs(*_flows(403.9)))
    assert (res.status, res.compared, res.details) == ("pass", 1, [])


def test_turnover_off_by_more_than_one_percent_warns_with_the_numbers(make_obs: MakeObs) -> None:
    res = check_turnover_is_exports_plus_imports(make_obs(*_flows(410.0)))
    assert res.status == "warn"
    assert res.details == [
        {
            "indicator": "trade_az_ru_turnover",
            "reporter": "AZ",
            "source_id": "src-az",
            "year": 2019,
            "turnover": 410.0,
            "exports_plus_imports": 400.0,
            "difference_pct": 2.5,
        }
    ]
    assert "look at rounding" in res.message


def test_turnover_from_another_source_is_not_compared(make_obs: MakeObs) -> None:
    res = check_turnover_is_exports_plus_imports(make_obs(*_flows(999.0, source_id="src-news")))
    assert (res.status, res.compared) == ("not_applicable", 0)


def test_computed_turnover_is_not_checked_against_itself(make_obs: MakeObs) -> None:
    res = check_turnover_is_exports_plus_imports(make_obs(*_flows(999.0, confidence="computed", formula="a + b")))
    assert res.status == "not_applicable"


def test_supplier_sum_close_to_sipri_total_passes_and_far_warns(make_obs: MakeObs) -> None:
    ed = {"edition": "release A"}
    rows = [
        {**TIV, **ed, "obs_id": "R", "subject": "Russia", "value": 30.0},
        {**TIV, **ed, "obs_id": "I", "subject": "Israel", "value": 20.0},
        {**TIV, **ed, "obs_id": "T", "subject": "all suppliers", "value": 51.0},
        {**TIV, **ed, "obs_id": "R2", "subject": "Russia", "value": 30.0, "year": 2020},
        {**TIV, **ed, "obs_id": "T2", "subject": "all suppliers", "value": 40.0, "year": 2020},
    ]
    res = check_supplier_sum_vs_sipri_total(make_obs(*rows))
    assert (res.status, res.compared) == ("warn", 2)
    # 2019: 30 + 20 = 50 vs 51 is rounding; 2020: 30 vs 40 is not
    assert res.details == [{"edition": "release A", "year": 2020, "sum_of_suppliers": 30.0, "sipri_total": 40.0}]


def test_supplier_sum_is_not_applicable_for_a_release_with_suppliers_only(make_obs: MakeObs) -> None:
    res = check_supplier_sum_vs_sipri_total(make_obs({**TIV, "subject": "Russia", "edition": "release A"}))
    assert res.status == "not_applicable"
    assert "release A (suppliers only)" in res.message


def test_release_revisions_above_two_tiv_are_listed(make_obs: MakeObs) -> None:
    rows = [
        {**TIV, "obs_id": "A", "subject": "all suppliers", "edition": "A", "value": 50.0},
        {**TIV, "obs_id": "B", "subject": "all suppliers (sum)", "edition": "B", "value": 53.0},
        {**TIV, "obs_id": "C", "subject": "all suppliers", "edition": "A", "value": 60.0, "year": 2020},
        {**TIV, "obs_id": "D", "subject": "all suppliers (sum)", "edition": "B", "value": 61.0, "year": 2020},
    ]
    res = cross_release_tiv_totals(make_obs(*rows))
    assert res.status == "warn"
    assert res.details == [{"year": 2019, "A": 50.0, "B": 53.0}]


@pytest.mark.parametrize(("ei_twh", "status"), [(116.3, "pass"), (121.0, "pass"), (130.0, "warn")])
def test_bp_million_tonnes_times_factor_matches_ei_terawatt_hours(
    make_obs: MakeObs, ei_twh: float, status: str
) -> None:
    common = {"subject": "AZ", "confidence": "statistical_review"}
    obs = make_obs(
        {
            **common,
            "obs_id": "BP",
            "indicator": "energy_oil_production_mt",
            "reporter": "BP",
            "unit": "Mt",
            "value": 10.0,
        },
        {
            **common,
            "obs_id": "EI",
            "indicator": "energy_oil_production_twh",
            "reporter": "EI",
            "unit": "TWh",
            "value": ei_twh,
        },
    )
    res = check_bp_mt_vs_ei_twh(obs)
    assert (res.status, res.compared) == (status, 1)
    if status == "warn":
        # 10 Mt × 11.63 = 116.3 TWh; EI 130 is 11.78% above
        assert res.details[0]["bp_mt_x_factor"] == 116.3
        assert res.details[0]["difference_pct"] == pytest.approx(100 * (130 - 116.3) / 116.3, abs=0.01)


def test_sanity_checks_on_the_shipped_data(real_obs: pd.DataFrame) -> None:
    results = {r.name: r for r in run_sanity_checks(real_obs)}
    assert {
        "turnover_is_exports_plus_imports",
        "supplier_sum_vs_sipri_total",
        "sipri_release_revisions",
        "bp_mt_times_factor_vs_ei_twh",
        "published_turnover_vs_rederived",
        "derived_not_computed",
    } <= set(results)
    turnover = results["turnover_is_exports_plus_imports"]
    # flnka 2014 (AZ): turnover ST0010 1960 vs ST0070 640.3 + ST0083 1300 = 1940.3, i.e. +1.015%
    flnka = next(d for d in turnover.details if d["source_id"] == "flnka")
    assert flnka["exports_plus_imports"] == pytest.approx(640.3 + 1300)
    assert flnka["difference_pct"] == pytest.approx(100 * (1960 - 1940.3) / 1940.3, abs=1e-3)
    # no release carries both supplier rows and SIPRI's importer totals
    assert results["supplier_sum_vs_sipri_total"].status == "not_applicable"
    assert results["bp_mt_times_factor_vs_ei_twh"].status == "pass"
    assert all(r.as_dict()["name"] == name for name, r in results.items())
