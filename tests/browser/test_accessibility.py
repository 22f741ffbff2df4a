"""Accessibility in real headless Chromium: axe-core (vendored, injected by the test) on every page and state,
the keyboard reaching every control with a visible focus ring, legend toggles by keyboard, text alternatives."""

from __future__ import annotations

import dash
import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from tests.browser.a11y import assert_no_serious_violations
from tests.browser.conftest import click_element

WAIT = 30
# each page's path with the element that says its content is drawn
READY = {
    "/": "#ov-main .main-svg",
    "/trade": "#trade-main .main-svg",
    "/energy": "#energy-oil-az .main-svg",
    "/arms": "#arms-tiv .main-svg",
    "/compare": "#cmp-grid .ag-row",
    "/data": "#data-grid .ag-row",
    "/chapters": "#chapters-chart-10 .main-svg",
    "/chapters/9": "#chapters-chart-9 .main-svg",
}


def test_every_registered_page_is_covered(app):
    paths = {p["path"] for p in dash.page_registry.values()}
    templates = {p["path_template"] for p in dash.page_registry.values() if p.get("path_template")}
    assert paths <= set(READY)
    assert templates == {"/chapters/<chapter_id>"}


@pytest.mark.parametrize("path", list(READY))
def test_axe_finds_no_serious_violation_on_the_page(start, path):
    dash_duo = start(path, wait_for=READY[path], timeout=WAIT)
    assert dash_duo.driver.execute_script("return document.documentElement.lang;") == "en"
    assert_no_serious_violations(dash_duo.driver, path)
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("path", ["/", "/trade", "/energy", "/arms"])
def test_axe_with_a_year_selected_and_events_shown(start, path):
    prefix = READY[path].split("-")[0].lstrip("#")
    dash_duo = start(f"{path}?year=2014", wait_for=READY[path], timeout=WAIT)
    dash_duo.wait_for_text_to_equal(f"#{prefix}-year-label", "2014", timeout=WAIT)
    toggle = dash_duo.find_elements(f"#{prefix}-events input")
    if toggle and not toggle[0].is_selected():
        click_element(dash_duo.driver, toggle[0])
        until(lambda: "events=1" in dash_duo.driver.current_url, timeout=WAIT)
    assert not toggle or dash_duo.find_element(f"#{prefix}-events input").is_selected()
    assert_no_serious_violations(dash_duo.driver, f"{path} with 2014 selected and events shown")
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize(("path", "dropdown"), [("/trade?events=1", "#trade-cats"), ("/compare", "#cmp-a")])
def test_axe_with_a_dropdown_open(start, path, dropdown):
    dash_duo = start(path, wait_for=READY[path.split("?")[0]], timeout=WAIT)
    click_element(dash_duo.driver, dash_duo.find_element(dropdown))
    dash_duo.wait_for_element(".dash-dropdown-content .dash-dropdown-option", timeout=WAIT)
    assert_no_serious_violations(dash_duo.driver, f"{path} with {dropdown} open")
    dash_duo.find_element(".dash-dropdown-content .dash-dropdown-option").send_keys(Keys.ESCAPE)
    assert dash_duo.get_logs() == []
