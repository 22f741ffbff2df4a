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


def test_arms_share_uses_latest_release(data):
    k = kpi_value(data, SPECS["arms-ru-share"])
    assert k["year"] == 2025 and "2026 update" in k["freshness"]


def test_arms_share_card_names_its_window_and_release(data):
    k = kpi_value(data, SPECS["arms-ru-share"], 2020)
    # March 2022..2026 releases all give a 2016-20 window; the card shows the latest release's
    # 2026 update, Russia 2016-20: D-arms_tiv_5y_share-2025-Russia-2020
    row = data.observations.set_index("obs_id").loc["D-arms_tiv_5y_share-2025-Russia-2020"]
    assert k["value"] == pytest.approx(float(row["value"]))
    assert "share over the five-year window ending in that year, in the release named below" in k["context"]
    assert k["freshness"].endswith("2026 update (data to 2025)")
