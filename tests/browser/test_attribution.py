"""What a user reads in tables rendered from Markdown: qualifiers without escapes, periods in words."""

from __future__ import annotations

NNBSP = "\u202f"


def test_energy_contract_table_shows_upper_bounds_and_periods_without_escapes(start):
    dash_duo = start("/energy")
    dash_duo.wait_for_contains_text("#energy-contracts", "bcm", timeout=30)
    text = dash_duo.find_element("#energy-contracts").text
    # EN0427: Gazprom's contract of 'up to 2' bcm a year, period '@2015' (as of 2015)
    assert "< 2 bcm/year" in text
    assert "\\" not in text
    assert "@20" not in text and "as of 2015" in text
    assert dash_duo.get_logs() == []
