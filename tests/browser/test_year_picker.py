"""The keyboard year picker of every page that links years (PageSpec.year_picker, wired by linking.py).

Choosing a year with the keyboard only acts exactly like a click on a chart: the URL, the band on every
linked graph, the page's year panels. Expected values are read from data/clean by observation id.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from dash.testing.wait import until

from tests.browser.conftest import sel
from tests.browser.page_helpers import choose_year_with_keyboard, selection_x0

CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"
NNBSP = "\u202f"
LINKED = {
    "/": ("ov", ["ov-main"]),
    "/trade": ("trade", ["trade-main", "trade-mirror", "trade-balance", "trade-share", "trade-share-ru"]),
    "/energy": ("energy", ["energy-oil-az", "energy-oil-ru", "energy-gas-az", "energy-gas-ru", "energy-bn"]),
    "/arms": ("arms", ["arms-tiv", "arms-share", "arms-milex", "arms-gdp"]),
}
# the page's panel that names the selected year
YEAR_PANEL = {"/trade": "#trade-detail-year", "/energy": "#energy-detail-year", "/arms": "#arms-deals-year"}


def clean_values(*obs_ids: str) -> list[float]:
    """Values of observations in data/clean, in the order asked."""
    obs = pd.read_csv(CLEAN / "observations.csv", usecols=["obs_id", "value"]).set_index("obs_id")["value"]
    return [float(obs[i]) for i in obs_ids]


def test_year_picker_keyboard_choice_updates_trade_charts_panels_and_url(start):
    dash_duo = start("/trade?year=2013")
    driver = dash_duo.driver
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2013", timeout=30)
    choose_year_with_keyboard(dash_duo, "trade", 1)
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "2014", timeout=30)
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)
    assert "year=2014" in driver.current_url
    # 2014: AZ-reported AZ→RU TS0023 + RU→AZ TS0052 (the turnover key figure), RU-reported TS0164, TS0137
    az = clean_values("TS0023", "TS0052")
    ru = clean_values("TS0164", "TS0137")
    detail = driver.execute_script(
        "return document.getElementById('trade-detail').querySelector('.js-plotly-plot').data.map(t => t.y);"
    )
    assert detail[0] == pytest.approx(az) and detail[1] == pytest.approx(ru)
    turnover = f"{round(sum(az)):,}".replace(",", NNBSP)
    dash_duo.wait_for_contains_text("#trade-kpis", turnover, timeout=30)
    # the detail chart's text alternative follows the year: 640.2714, 1314.4805 (AZ), 635.9276, 3373.0932 (RU)
    assert [f"{v:,.1f}" if v < 1000 else f"{v:,.0f}" for v in az + ru] == ["640.3", "1,314", "635.9", "3,373"]
    assert dash_duo.find_element("#trade-detail-alt").get_attribute("textContent") == (
        "Chart: Flows in 2014, as each side reports them (USD million). Series: AZ-reported, RU-reported. "
        f"Values: AZ-reported: AZ → RU 640.3, RU → AZ 1{NNBSP}314; RU-reported: AZ → RU 635.9, RU → AZ 3{NNBSP}373. "
        "Sources: IMF Direction of Trade Statistics."
    )
    for graph in LINKED["/trade"][1]:
        assert selection_x0(driver, graph) == [2013.5], graph
    assert dash_duo.find_element(sel("trade-year-pick")).text == "2014"
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("path", ["/", "/energy", "/arms"])
def test_year_picker_on_every_linked_page_selects_like_a_click(start, path):
    prefix, graphs = LINKED[path]
    dash_duo = start(f"{path}?year=2015")
    driver = dash_duo.driver
    group = dash_duo.find_element(sel(f"{prefix}-year-pick")).find_element("xpath", "ancestor::div[@role='group']")
    assert group.get_attribute("aria-label")
    if path == "/":
        assert overview_card(dash_duo, "turnover-az") == turnover_card(2015)  # rendered by the server
    choose_year_with_keyboard(dash_duo, prefix, -1)
    dash_duo.wait_for_text_to_equal(sel(f"{prefix}-year-label"), "2014", timeout=30)
    if path in YEAR_PANEL:
        dash_duo.wait_for_text_to_equal(YEAR_PANEL[path], "2014", timeout=30)
    assert "year=2014" in driver.current_url
    for graph in graphs:
        assert selection_x0(driver, graph) == [2013.5], graph
    if path == "/":
        # the KPI cards of 2014 are placed in the browser (no server round trip) from the shipped texts
        expected = turnover_card(2014)
        until(lambda: overview_card(dash_duo, "turnover-az") == expected, timeout=10)
    assert dash_duo.get_logs() == []


def turnover_card(year: int) -> list[str]:
    """The AZ-reported turnover card of ``year`` by hand from data/clean: the build's IMF-computed figure and
    its change on the year before (changes.csv)."""
    changes = pd.read_csv(CLEAN / "changes.csv")
    row = changes[
        (changes["indicator"] == "trade_az_ru_turnover") & (changes["reporter"] == "AZ") & (changes["year"] == year)
    ].iloc[0]
    (value,) = clean_values(f"D-trade_az_ru_turnover-AZ-{year}")
    assert value == row["value"]
    return [
        f"{round(value):,}".replace(",", NNBSP),
        f"{year} · AZ-reported",
        f"{row['change']:+.1f}% vs {year - 1}",
        f"Source: computed from IMF Direction of Trade Statistics, {row['edition']}",
    ]


def overview_card(dash_duo, key: str) -> list[str]:
    """Value, context, change and source line of an overview KPI card, once its context names a year."""
    return [dash_duo.find_element(f"#kpi-{key}-{part}").text for part in ("value", "context", "change", "source")]


def test_a_click_moves_the_year_picker(start):
    from dash.testing.wait import until

    from tests.browser.conftest import click_element
    from tests.browser.page_helpers import point_for_year

    dash_duo = start("/trade")
    driver = dash_duo.driver
    click_element(driver, point_for_year(driver, "trade-main", 0, 2016, layer="scatterlayer"))
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "2016", timeout=30)
    dash_duo.wait_for_text_to_equal(sel("trade-year-pick"), "2016", timeout=30)
    # a click moves the detail chart's text alternative too: 2016 as AZ reports it, TS0025 AZ→RU 409.2583 and
    # TS0054 RU→AZ 1641.6948 (IMF DOTS), as the bars label them
    assert clean_values("TS0025", "TS0054") == [409.2583, 1641.6948]
    want = f"Values: AZ-reported: AZ → RU 409.3, RU → AZ 1{NNBSP}642; RU-reported: "
    alt = "return document.getElementById('trade-detail-alt').textContent;"
    until(lambda: want in driver.execute_script(alt), timeout=30)
    assert driver.execute_script(alt).startswith("Chart: Flows in 2016, as each side reports them (USD million).")
    click_element(driver, dash_duo.find_element(sel("trade-clear")))
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "none (click a point)", timeout=30)
    dash_duo.wait_for_text_to_equal(sel("trade-year-pick"), "pick a year", timeout=30)
    assert dash_duo.get_logs() == []
