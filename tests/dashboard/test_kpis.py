"""Overview KPI values, changes and freshness, checked against hand-computed numbers."""

from __future__ import annotations

import pytest

from dashboard.kpis import KPI_SPECS, kpi_value

SPECS = {s.key: s for s in KPI_SPECS}


def test_az_turnover_latest_is_2024_with_change_on_2023(data):
    k = kpi_value(data, SPECS["turnover-az"])
    # TS0240 (2024: 4799) vs TS0239 (2023: 4400), both relayed AZ official figures
    assert k["year"] == 2024 and k["value"] == pytest.approx(4799)
    assert k["change"] == pytest.approx(100 * (4799 - 4400) / 4400)
    assert "vs 2023" in k["change_text"]
    assert "Latest 2024" in k["freshness"]


def test_selected_year_shows_that_year(data):
    k = kpi_value(data, SPECS["turnover-ru"], 2014)
    # RU-reported 2014 = TS0164 635.9276 + TS0137 3373.0932 (computed turnover)
    assert k["value"] == pytest.approx(635.9276 + 3373.0932)
    assert "computed" in k["context"]


def test_missing_year_says_no_data_instead_of_zero(data):
    k = kpi_value(data, SPECS["turnover-ru"], 2023)
    assert k["value"] is None and "no data for 2023" in k["context"]


def test_share_change_is_in_percentage_points(data):
    k = kpi_value(data, SPECS["share-az"], 2014)
    assert k["change_text"].endswith("pp vs 2013")


def test_arms_share_uses_the_latest_sipri_export_not_the_reprocessed_copy(data):
    spec = SPECS["arms-ru-share"]
    k = kpi_value(data, spec)
    # March 2025 update (data to 2024): no Russian deliveries recorded in 2020-2024, so the share is 0
    assert k["year"] == 2024 and k["value"] == pytest.approx(0.0)
    assert k["row"]["edition"] == "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
    assert "March 2025 update (data to 2024)" in k["freshness"] and "2026" not in k["freshness"]
    # 2018-2022 in the same release: Russia 52.6 (AT0277) of 483.1 TIV from all suppliers (AT0273..AT0287)
    k2022 = kpi_value(data, spec, 2022)
    assert k2022["value"] == pytest.approx(100 * 52.6 / 483.1)
