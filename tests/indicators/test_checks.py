"""Domain sanity checks: tolerances, statuses and what they point at."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from indicators.checks import (
    check_bp_mt_vs_ei_twh,
    check_derived_not_computed,
    check_published_turnover_vs_rederived,
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


# ------------------------------------------- issue 8: one value per year, never mixed sources
def test_published_turnover_is_compared_with_another_sources_exports_plus_imports(make_obs: MakeObs) -> None:
    # published 410 (src-news) vs src-az's 100 + 300 = 400: +2.5%, outside ±1%
    res = check_published_turnover_vs_rederived(make_obs(*_flows(410.0, source_id="src-news")))
    assert (res.status, res.compared) == ("warn", 1)
    d = res.details[0]
    assert (d["published"], d["published_source_id"], d["exports_plus_imports"], d["flows_source_id"]) == (
        410.0,
        "src-news",
        400.0,
        "src-az",
    )
    assert d["difference_pct"] == 2.5 and d["within_tolerance"] is False
    # the same source's own parts are the other check's business
    same = check_published_turnover_vs_rederived(make_obs(*_flows(410.0)))
    assert (same.status, same.compared) == ("not_applicable", 0)


def test_az_world_turnover_2022_rederived_sum_is_a_check_not_a_value(real_obs: pd.DataFrame) -> None:
    res = {r.name: r for r in run_sanity_checks(real_obs)}["published_turnover_vs_rederived"]
    d = next(x for x in res.details if x["indicator"] == "trade_az_world_turnover" and x["year"] == 2022)
    # TS0248 52680 (trend-2024-01-19) vs TS0241 38100 + TS0245 14540 = 52640 (trend-2023-04-14): +0.076%
    assert (d["published"], d["exports_plus_imports"]) == (52680.0, 52640.0)
    assert d["difference_pct"] == pytest.approx(100 * (52680 - 52640) / 52640, abs=1e-3)
    assert d["within_tolerance"] is True


def test_derived_not_computed_lists_the_mixed_source_years(real_obs: pd.DataFrame) -> None:
    res = check_derived_not_computed(real_obs)
    assert res.status == "warn"
    listed = [(d["indicator"], d["reporter"], d["year"], d["inputs"]) for d in res.details]
    # the 2023 balance is computed from News.az alone (ST0078, TS0235): not listed
    assert not [x for x in listed if x[0] == "trade_az_ru_balance"]
    # Russia's share of AZ trade 2021-2023: bilateral (cssc, News.az) over world turnover (Trend): not computed
    assert [x[2] for x in listed if x[0] == "trade_ru_share_of_az_trade"] == [2021, 2022, 2023]
    assert all(d["reason"] == "not computed: different sources" for d in res.details)


def test_nothing_to_report_when_every_input_has_one_source(make_obs: MakeObs) -> None:
    res = check_derived_not_computed(make_obs(*_flows(400.0)))
    assert (res.status, res.compared, res.details) == ("pass", 0, [])
