"""Revisions in real headless Chromium: the ghost line on /arms and the overview's "What changed" panel."""

from __future__ import annotations

import pandas as pd
from dash.testing.wait import until

from indicators.pipeline import DEFAULT_CLEAN
from tests.browser.conftest import click_element, dom, sel
from tests.browser.page_helpers import wait_until_graphs_settle

MARCH_2024 = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
GHOST = "Previous release: March 2024 update (data to 2023)"


def previous_release_totals() -> dict[int, float]:
    """The March 2024 update's all-supplier TIV sums, read from data/clean (the release before March 2025)."""
    obs = pd.read_csv(DEFAULT_CLEAN / "observations.csv", dtype={"subject": str, "edition": str})
    rows = obs[
        (obs["indicator"] == "arms_tiv_to_az")
        & (obs["subject"] == "all suppliers (sum)")
        & (obs["edition"] == MARCH_2024)
    ]
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def ghost_trace(driver) -> dict | None:
    return driver.execute_script(
        """
        const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
        const t = gd.data.find(t => t.meta === 'ghost');
        return t ? {name: t.name, x: Array.from(t.x), y: Array.from(t.y), dash: t.line.dash,
                    hover: Array.from(t.hovertext)} : null;
        """,
        dom("arms-tiv"),
    )


def test_ghost_line_on_arms_shows_the_previous_release_and_is_kept_in_the_url(start):
    dash_duo = start("/arms")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ["arms-tiv", "arms-share", "arms-milex", "arms-gdp"])
    assert ghost_trace(driver) is None  # off by default
    click_element(driver, dash_duo.find_element(f"{sel('arms-ghost')} input"))
    until(lambda: ghost_trace(driver) is not None, timeout=15)
    ghost = ghost_trace(driver)
    assert ghost["name"] == GHOST
    assert ghost["dash"] == "dash"
    assert dict(zip(ghost["x"], ghost["y"], strict=True)) == previous_release_totals()
    assert "SIPRI Arms Transfers Database, March 2024 update" in ghost["hover"][0]
    until(lambda: "ghost=1" in driver.current_url, timeout=10)
    # the URL alone restores the ghost
    dash_duo.driver.get(dash_duo.server_url + "/arms?ghost=1")
    dash_duo.wait_for_element(f"{sel('arms-tiv')} .main-svg", timeout=20)
    until(lambda: ghost_trace(driver) is not None and ghost_trace(driver)["name"] == GHOST, timeout=15)
    assert dash_duo.get_logs() == []


def test_overview_lists_the_largest_revision(start):
    dash_duo = start("/")
    first = dash_duo.wait_for_element("#ov-revisions li", timeout=20)
    assert first.text.startswith(
        "Arms transfers to Azerbaijan (SIPRI TIV), Turkiye, 2020: 6 → 28.8 TIV million (+380.0%)"
    )
    assert "March 2022 update (data to 2021) → March 2024 update (data to 2023)" in first.text
    link = first.find_element("css selector", "a")
    assert link.text == "SIPRI Arms Transfers Database, March 2024 update"
    assert link.get_attribute("href") == "https://www.sipri.org/databases/armstransfers"
    assert "SIPRI Arms Transfers Database" in dash_duo.find_element("#ov-releases").text
    fresh = dash_duo.wait_for_element("#ov-freshness", timeout=15)  # drawn on load with today's date
    assert "SIPRI Arms Transfers Database" in fresh.text
    assert "of 5 rules triggered on" in dash_duo.find_element("#ov-watch-summary").text
    assert dash_duo.get_logs() == []


def test_release_pickers_redraw_the_comparison_and_write_the_url(start):
    """The pickers are controls of the state keys ra/rb (SPEC.control_id): the grid follows, the URL keeps them."""
    dash_duo = start("/arms")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ["arms-tiv", "arms-share", "arms-milex", "arms-gdp"])
    caption = dash_duo.find_element("#arms-cmp-caption")
    assert caption.text.startswith("A: SIPRI March 2024 update (data to 2023) · B: SIPRI March 2025 update")
    click_element(driver, dash_duo.find_element(sel("arms-ra")))
    radio = dash_duo.wait_for_element(".dash-dropdown-option input[value='2021']")  # the open menu
    click_element(driver, radio.find_element("xpath", "./ancestor::label"))
    dash_duo.wait_for_contains_text("#arms-cmp-caption", "A: SIPRI March 2022 update (data to 2021)", timeout=15)
    until(lambda: "ra=2021" in driver.current_url, timeout=10)
    assert dash_duo.get_logs() == []
