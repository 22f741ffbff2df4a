"""Clarity: events off by default with a key when on, Russia first on /arms, the y axis fitted on zoom, the 404
page with the nav, the friendly page for an over-long address."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from dashboard.figure_events import EVENT_COLOR
from tests.browser.conftest import click_element, dom, graph_layout, sel
from tests.browser.page_helpers import visible_event_markers, wait_until_graphs_settle

pytestmark = pytest.mark.browser

ENERGY = ["energy-oil-az", "energy-oil-ru", "energy-gas-az", "energy-gas-ru", "energy-bn", "energy-flows"]


def close(a, b) -> bool:
    return a is not None and len(a) == 2 and all(abs(x - y) < 1e-6 for x, y in zip(a, b, strict=True))


def test_energy_draws_no_events_until_asked_and_then_shows_their_key(start):
    dash_duo = start("/energy")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ENERGY)
    assert [visible_event_markers(driver, g) for g in ENERGY] == [0] * 6
    assert not dash_duo.find_element("#energy-events-key").is_displayed()
    click_element(driver, dash_duo.find_element(sel("energy-events") + " input"))
    until(lambda: visible_event_markers(driver, "energy-bn") == 40, timeout=10)
    key = dash_duo.find_element("#energy-events-key")
    until(key.is_displayed, timeout=5)
    until(lambda: "events=1" in driver.current_url, timeout=10)
    items = key.find_elements("css selector", ".events-key-item")
    names = [i.text.replace("◆", "").strip() for i in items]
    colours = [i.find_element("css selector", ".events-key-mark").value_of_css_property("color") for i in items]
    assert names and all(n in EVENT_COLOR for n in names)
    for name, colour in zip(names, colours, strict=True):
        hex_colour = EVENT_COLOR[name]
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        assert colour == f"rgba({rgb[0]}, {rgb[1]}, {rgb[2]}, 1)", name
    assert dash_duo.get_logs() == []


def test_events_1_in_the_url_still_shows_them(start):
    dash_duo = start("/energy?events=1")
    wait_until_graphs_settle(dash_duo, ["energy-bn"])
    assert visible_event_markers(dash_duo.driver, "energy-bn") == 40
    assert dash_duo.find_element("#energy-events-key").is_displayed()
    assert dash_duo.get_logs() == []


def test_russia_heads_the_arms_legend(start):
    dash_duo = start("/arms")
    wait_until_graphs_settle(dash_duo, ["arms-tiv"])
    names = dash_duo.driver.execute_script(
        "return Array.from(document.getElementById(arguments[0]).querySelectorAll('.legend .traces .legendtext'))"
        ".map(t => t.textContent);",
        dom("arms-tiv"),
    )
    assert names[0] == "Russia" and len(names) == 15
    assert dash_duo.get_logs() == []


def test_zooming_fits_the_y_axis_to_the_visible_years(start):
    dash_duo = start("/energy?sources=bp")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ENERGY)
    driver.execute_script(
        "Plotly.relayout(document.getElementById(arguments[0]).querySelector('.js-plotly-plot'), "
        "{'xaxis.range': [2009.6, 2015.4]});",
        dom("energy-oil-az"),
    )
    until(lambda: "from=2010" in driver.current_url and "to=2015" in driver.current_url, timeout=10)
    # BP (data/clean/observations.csv) 2010–2015: Azerbaijan 42.0199 (2015) to 51.3173 (2010) Mt, Russia
    # 512.3156 (2010) to 544.5524 (2015) Mt; 5 % of the span added on each side
    az = [42.0199 - 0.05 * (51.3173 - 42.0199), 51.3173 + 0.05 * (51.3173 - 42.0199)]
    ru = [512.3156 - 0.05 * (544.5524 - 512.3156), 544.5524 + 0.05 * (544.5524 - 512.3156)]
    until(lambda: close(graph_layout(driver, "energy-oil-az")["yaxis"].get("range"), az), timeout=10)
    until(lambda: close(graph_layout(driver, "energy-oil-ru")["yaxis"].get("range"), ru), timeout=10)
    assert graph_layout(driver, "energy-oil-ru")["xaxis"]["range"] == [2009.5, 2015.5]
    click_element(driver, dash_duo.find_element(sel("energy-clear")))
    until(lambda: graph_layout(driver, "energy-oil-az")["yaxis"].get("autorange") is True, timeout=10)
    assert dash_duo.get_logs() == []


def test_a_zoomed_address_opens_with_the_y_axis_fitted(start):
    dash_duo = start("/energy?sources=bp&from=2010&to=2015")
    wait_until_graphs_settle(dash_duo, ["energy-oil-az"])
    span = 51.3173 - 42.0199
    az = [42.0199 - 0.05 * span, 51.3173 + 0.05 * span]
    assert close(graph_layout(dash_duo.driver, "energy-oil-az")["yaxis"]["range"], az)
    assert dash_duo.get_logs() == []


def _only_the_page_status_logged(logs, status: int) -> bool:
    """The one console line a browser writes for a page served with an error status, and nothing else."""
    return all(f"status of {status}" in entry["message"] for entry in logs) and len(logs) <= 1


def test_an_unknown_path_shows_the_not_found_page_with_the_nav(start):
    dash_duo = start("/no/such/page", wait_for="#not-found-title")
    assert dash_duo.find_element("#not-found-title").text == "Page not found"
    assert "There is no page at this address." in dash_duo.find_element("#not-found-text").text
    nav = [a.text for a in dash_duo.driver.find_elements("css selector", ".nav .nav-link")]
    assert nav == ["Overview", "Trade", "Caspian energy", "Arms", "Compare years", "Chapters", "Data & sources"]
    click_element(dash_duo.driver, dash_duo.find_element("#nav-trade"))
    dash_duo.wait_for_element(sel("trade-main") + " .main-svg", timeout=20)
    assert _only_the_page_status_logged(dash_duo.get_logs(), 404)


def test_an_over_long_address_gets_a_friendly_page_with_the_nav(start):
    query = "year=2014&x=" + "a" * (5500 - len("year=2014&x="))
    dash_duo = start(f"/trade?{query}", wait_for="#too-long-title")
    assert dash_duo.find_element("#too-long-title").text == "This address is too long"
    assert "Its query part has 5,500 characters" in dash_duo.find_element(".main").text
    links = [a.text for a in dash_duo.driver.find_elements("css selector", ".nav .nav-link")]
    assert links == ["Overview", "Trade", "Caspian energy", "Arms", "Compare years", "Chapters", "Data & sources"]
    assert _only_the_page_status_logged(dash_duo.get_logs(), 414)
