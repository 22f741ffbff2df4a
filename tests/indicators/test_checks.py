"""Domain sanity checks: tolerances, statuses and what they point at."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from indicators.checks import (
    check_bp_mt_vs_ei_twh,
    check_derived_not_computed,
    check_published_turnover_vs_rederived,
    check_supplier_list_shrinks,
    check_supplier_sum_vs_sipri_total,
    check_tiv_doubled_between_releases,
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


def test_supplier_sum_leaves_out_the_derived_sum_and_years_before_the_suppliers_records(make_obs: MakeObs) -> None:
    ed = {"edition": "release A"}
    rows = [
        {**TIV, **ed, "obs_id": "T0", "subject": "all suppliers", "value": 50.0, "year": 2013},
        {**TIV, **ed, "obs_id": "R", "subject": "Russia", "value": 3.4},
        {**TIV, **ed, "obs_id": "S", "subject": "all suppliers (sum)", "value": 3.4, "confidence": "computed"},
        {**TIV, **ed, "obs_id": "T", "subject": "all suppliers", "value": 3.0},
    ]
    res = check_supplier_sum_vs_sipri_total(make_obs(*rows))
    # 2019 only: Russia 3.4 vs SIPRI's printed 3 (rounding); 2013 precedes the suppliers' records
    assert (res.status, res.compared, res.details) == ("pass", 1, [])


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


REL_A = "SIPRI Arms Transfers Database, March 2021 update (data to 2020)"
REL_B = "SIPRI Arms Transfers Database, March 2022 update (data to 2021)"
REL_C = "SIPRI Arms Transfers Database, 2023 update (data to 2022), third-party reprocessing, not a SIPRI export"


def _tiv(obs_id: str, edition: str, subject: str, value: float, year: int = 2019) -> dict[str, object]:
    return {**TIV, "obs_id": obs_id, "edition": edition, "subject": subject, "value": value, "year": year}


def test_a_value_exactly_doubled_in_the_next_release_warns(make_obs: MakeObs) -> None:
    rows = [
        _tiv("A1", REL_A, "Israel", 6.6),
        _tiv("B1", REL_B, "Israel", 6.6),
        _tiv("C1", REL_C, "Israel", 13.2),  # 2 × 6.6
        _tiv("A2", REL_A, "Russia", 10.0, 2018),
        _tiv("C2", REL_C, "Russia", 16.0, 2018),  # a revision, not a doubling
    ]
    res = check_tiv_doubled_between_releases(make_obs(*rows))
    # Israel 2019: A->B, B->C; Russia 2018: A->C (B has no Russia 2018, so C's neighbour is A)
    assert (res.status, res.compared) == ("warn", 3)
    assert res.details == [
        {
            "supplier": "Israel",
            "year": 2019,
            "release": REL_C,
            "value": 13.2,
            "previous_release": REL_B,
            "previous_value": 6.6,
            "ratio": 2.0,
        }
    ]


def test_revisions_zeros_totals_and_computed_rows_are_not_doublings(make_obs: MakeObs) -> None:
    rows = [
        _tiv("A1", REL_A, "Israel", 6.0),
        _tiv("B1", REL_B, "Israel", 6.6),  # SIPRI revision
        _tiv("A2", REL_A, "Turkiye", 0.0),
        _tiv("B2", REL_B, "Turkiye", 0.0),  # 0 = 2 × 0, but nothing was delivered
        _tiv("A3", REL_A, "all suppliers", 10.0),
        _tiv("B3", REL_B, "all suppliers", 20.0),  # a total, not a supplier
        {**_tiv("A4", REL_A, "Russia", 5.0), "confidence": "computed", "formula": "x"},
        {**_tiv("B4", REL_B, "Russia", 10.0), "confidence": "computed", "formula": "x"},
    ]
    res = check_tiv_doubled_between_releases(make_obs(*rows))
    assert (res.status, res.compared, res.details) == ("pass", 2, [])


def test_a_supplier_missing_from_the_next_release_warns(make_obs: MakeObs) -> None:
    rows = [
        _tiv("A1", REL_A, "Israel", 5.0),
        _tiv("A2", REL_A, "unknown", 1.0),
        _tiv("T", "SIPRI Arms Transfers Database, March 2022 update (data to 2021) totals", "all suppliers", 9.0),
        _tiv("B1", REL_B, "Israel", 5.0),
        _tiv("B2", REL_B, "unknown", 1.0),
        _tiv("B3", REL_B, "Italy", 2.0),
        _tiv("C1", REL_C, "Israel", 5.0),
        _tiv("C3", REL_C, "Italy", 2.0),
    ]
    res = check_supplier_list_shrinks(make_obs(*rows))
    # the totals-only release has no supplier breakdown and is skipped; B adds Italy (fine), C drops unknown
    assert (res.status, res.compared) == ("warn", 2)
    assert res.details == [{"release": REL_C, "previous_release": REL_B, "suppliers_dropped": "unknown"}]


def test_a_supplier_list_that_only_grows_passes(make_obs: MakeObs) -> None:
    rows = [_tiv("A1", REL_A, "Israel", 5.0), _tiv("B1", REL_B, "Israel", 5.0), _tiv("B2", REL_B, "Italy", 1.0)]
    res = check_supplier_list_shrinks(make_obs(*rows))
    assert (res.status, res.compared, res.details) == ("pass", 1, [])
    single = check_supplier_list_shrinks(make_obs(_tiv("A1", REL_A, "Israel", 5.0)))
    assert single.status == "not_applicable"


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
        "tiv_doubled_between_releases",
        "supplier_list_shrinks_between_releases",
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


def test_sanity_checks_flag_the_reprocessed_2026_copy(real_obs: pd.DataFrame) -> None:
    march_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
    copy_2026 = (
        "SIPRI Arms Transfers Database, 2026 update (data to 2025), third-party reprocessing, not a SIPRI export"
    )
    results = {r.name: r for r in run_sanity_checks(real_obs)}
    doubled = results["tiv_doubled_between_releases"]
    assert doubled.status == "warn"
    # Israel 2006: AT0212 6.6 (March 2025) -> AT0304 13.2 (2026 copy); Turkiye 2015: AT0263 11 -> AT0350 22
    assert [(d["supplier"], d["year"], d["previous_value"], d["value"]) for d in doubled.details] == [
        ("Israel", 2006, 6.6, 13.2),
        ("Turkiye", 2015, 11.0, 22.0),
    ]
    assert {(d["previous_release"], d["release"]) for d in doubled.details} == {(march_2025, copy_2026)}
    shrinks = results["supplier_list_shrinks_between_releases"]
    assert shrinks.status == "warn"
    # the 2026 copy dropped the 'unknown supplier' rows; the 2022 -> 2024 -> 2025 exports only add suppliers
    assert shrinks.details == [{"release": copy_2026, "previous_release": march_2025, "suppliers_dropped": "unknown"}]
    assert shrinks.compared == 3


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
