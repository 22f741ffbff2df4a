"""Accessibility in real headless Chromium: axe-core (vendored, injected by the test) on every page and state,
the keyboard reaching every control with a visible focus ring, legend toggles by keyboard, text alternatives."""

from __future__ import annotations

import json

import dash
import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.browser.a11y import assert_charts_fit, assert_no_serious_violations, tab_through, unreached_controls
from tests.browser.conftest import click_element, dom, sel

WAIT = 30
NAV = ["overview", "trade", "energy", "arms", "compare", "chapters", "data"]
# each page's path with the element that says its content is drawn
# (the element, what inside it); a chart is named as conftest.sel names it (its DOM id exists once the app is made)
READY_AT = {
    "/": ("ov-main", ".main-svg"),
    "/trade": ("trade-main", ".main-svg"),
    "/energy": ("energy-oil-az", ".main-svg"),
    "/arms": ("arms-tiv", ".main-svg"),
    "/compare": ("cmp-grid", ".ag-row"),
    "/data": ("data-grid", ".ag-row"),
    "/chapters": ("chapters-chart-10", ".main-svg"),
    "/chapters/9": ("chapters-chart-9", ".main-svg"),
}
READY = list(READY_AT)


def ready(path: str) -> str:
    """The CSS selector of what says the page at ``path`` is drawn."""
    element, inside = READY_AT[path]
    return f"{sel(element)} {inside}"


PREFIX = {"/": "ov", "/trade": "trade", "/energy": "energy", "/arms": "arms"}


def test_every_registered_page_is_covered(app):
    # the not-found page (nav=False) answers with status 404: test_clarity covers it
    paths = {p["path"] for p in dash.page_registry.values() if p.get("nav") is not False}
    templates = {p["path_template"] for p in dash.page_registry.values() if p.get("path_template")}
    assert paths <= set(READY_AT)
    assert templates == {"/chapters/<chapter_id>"}


@pytest.mark.parametrize("path", list(READY))
def test_axe_finds_no_serious_violation_on_the_page(start, dash_duo, path):
    dash_duo.driver.set_window_size(1440, 1000)
    dash_duo = start(path, wait_for=ready(path), timeout=WAIT)
    assert dash_duo.driver.execute_script("return document.documentElement.lang;") == "en"
    assert_no_serious_violations(dash_duo.driver, path)
    # at 1440 px: every chart's title clear of the modebar (narrow cards two to a row), notes, legends whole
    assert dash_duo.driver.execute_script("return window.innerWidth;") == 1440
    assert_charts_fit(dash_duo.driver, f"{path} at 1440 px")
    # every dropdown shows its whole value or placeholder ("pick a year" was cut to "pick a y…")
    cut = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.dash-dropdown-placeholder, .dash-dropdown-value'))"
        ".filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);"
    )
    assert cut == []
    # the controls of the selection bar never overlap (a wider year picker once covered "Clear selection")
    overlaps = dash_duo.driver.execute_script(OVERLAPS)
    assert overlaps == []
    assert dash_duo.get_logs() == []


OVERLAPS = """
const out = [];
document.querySelectorAll('.selection-bar').forEach(bar => {
  const boxes = Array.from(bar.querySelectorAll('.year-pick, button, .btn, label, .sel-year'))
    .filter(e => e.getClientRects().length && !e.closest('.year-pick .dash-dropdown-content'))
    .map(e => [e, e.getBoundingClientRect()]);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    const name = (e) => (e.textContent || e.className).slice(0, 30);
    if (x > 1 && y > 1) out.push(name(a) + ' / ' + name(b));
  }
});
return out;
"""


@pytest.mark.parametrize("path", ["/", "/trade", "/energy", "/arms"])
def test_axe_with_a_year_selected_and_events_shown(start, path):
    prefix = PREFIX[path]
    dash_duo = start(f"{path}?year=2014", wait_for=ready(path), timeout=WAIT)
    dash_duo.wait_for_text_to_equal(sel(f"{prefix}-year-label"), "2014", timeout=WAIT)
    toggle = dash_duo.find_elements(sel(f"{prefix}-events") + " input")
    if toggle and not toggle[0].is_selected():
        click_element(dash_duo.driver, toggle[0])
        until(lambda: "events=1" in dash_duo.driver.current_url, timeout=WAIT)
    assert not toggle or dash_duo.find_element(sel(f"{prefix}-events") + " input").is_selected()
    assert_no_serious_violations(dash_duo.driver, f"{path} with 2014 selected and events shown")
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize(("path", "dropdown"), [("/trade?events=1", "trade-cats"), ("/compare", "cmp-a")])
def test_axe_with_a_dropdown_open(start, path, dropdown):
    dash_duo = start(path, wait_for=ready(path.split("?")[0]), timeout=WAIT)
    click_element(dash_duo.driver, dash_duo.find_element(sel(dropdown)))
    dash_duo.wait_for_element(".dash-dropdown-content .dash-dropdown-option", timeout=WAIT)
    assert_no_serious_violations(dash_duo.driver, f"{path} with {dropdown} open")
    dash_duo.find_element(".dash-dropdown-content .dash-dropdown-option").send_keys(Keys.ESCAPE)
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("path", ["/trade", "/arms", "/compare"])
def test_tab_reaches_every_control_with_a_visible_focus_ring(start, path):
    dash_duo = start(path, wait_for=ready(path), timeout=WAIT)
    seen = tab_through(dash_duo.driver)
    names = [s["name"] for s in seen]
    assert names[0] == "a Skip to content"
    assert [n.split()[0] for n in names if n.startswith("#nav-")] == [f"#nav-{p}" for p in NAV]
    assert [s["name"] for s in seen if not s["ring"]] == []
    assert unreached_controls(dash_duo.driver) == []
    # legend items (show / hide a series) are tab stops, named after their series (/compare draws no
    # line before a row is ticked)
    assert any(n.startswith("g Show ") for n in names) == (path != "/compare")
    assert dash_duo.get_logs() == []


def test_tab_reaches_the_data_grid_filter_inputs_and_leaves_the_grid_after_one_cell(start):
    dash_duo = start("/data", wait_for=ready("/data"), timeout=WAIT)
    seen = [s["name"] for s in tab_through(dash_duo.driver, limit=60)]
    columns = dash_duo.driver.execute_script(
        "return dash_ag_grid.getApi('data-grid').getColumnState().map(c => c.colId);"
    )
    assert columns[:3] == ["indicator_id", "label", "domain"]
    inputs = [n.split(" ", 1)[1] for n in seen if "Filter Input" in n]
    assert inputs == [f"{c} Filter Input" for c in columns]
    # one body cell, then the pager: Tab does not walk every cell of the grid
    first_cell = next(i for i, n in enumerate(seen) if n.startswith("div trade_az_ru_turnover"))
    assert seen[first_cell + 1] == "div First Page"
    assert dash_duo.get_logs() == []


def test_legend_items_toggle_their_series_by_keyboard(start):
    dash_duo = start("/arms", wait_for=ready("/arms"), timeout=WAIT)
    driver = dash_duo.driver
    tiv = "document.getElementById(" + json.dumps(dom("arms-tiv")) + ")"
    item_js = (
        f"return Array.from({tiv}.querySelectorAll('.legend .traces'))"
        ".find(g => g.getAttribute('aria-label') === 'Show Russia');"
    )
    visible_js = (
        f"return {tiv}.querySelector('.js-plotly-plot').data"
        ".filter(t => t.name === 'Russia').map(t => t.visible === undefined ? true : t.visible);"
    )
    item = driver.execute_script(item_js)
    assert item.get_attribute("role") == "checkbox"
    assert item.get_attribute("aria-checked") == "true"
    driver.execute_script("arguments[0].focus();", item)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    until(lambda: driver.execute_script(visible_js) == ["legendonly"], timeout=WAIT)
    until(lambda: driver.execute_script(item_js).get_attribute("aria-checked") == "false", timeout=WAIT)
    assert driver.execute_script("return document.activeElement.getAttribute('aria-label');") == "Show Russia"
    ActionChains(driver).send_keys(" ").perform()
    until(lambda: driver.execute_script(visible_js) == [True], timeout=WAIT)
    assert dash_duo.get_logs() == []


def test_each_chart_card_is_a_figure_named_by_a_summary_that_follows_the_chart(start):
    dash_duo = start("/trade", wait_for=ready("/trade"), timeout=WAIT)
    driver = dash_duo.driver
    cards = driver.execute_script(
        "return Array.from(document.querySelectorAll('.chart-card')).map(c => [c.getAttribute('role'),"
        " c.getAttribute('aria-labelledby'), document.getElementById(c.getAttribute('aria-labelledby')).textContent]);"
    )
    assert [c[1] for c in cards] == [
        f"trade-{g}-alt" for g in ("main", "mirror", "balance", "share", "share-ru", "detail")
    ]
    assert all(role == "figure" and text.startswith("Chart: ") for role, _, text in cards)
    alt = "#trade-main-alt"
    assert (
        dash_duo.find_element(alt)
        .get_attribute("textContent")
        .startswith(
            "Chart: Goods turnover (exports + imports). Unit: USD million. Series: AZ-reported, RU-reported. "
            "Years with data: 1992–2025. Sources: "
        )
    )
    click_element(driver, driver.find_element("css selector", sel("trade-flow") + " input[value='az_to_ru']"))
    until(
        lambda: (
            dash_duo.find_element(alt)
            .get_attribute("textContent")
            .startswith(
                "Chart: Goods Azerbaijan → Russia (AZ exports / RU imports). Unit: USD million. "
                "Series: AZ-reported, RU-reported. Years with data: 1992–2024. Sources: "
            )
        ),
        timeout=WAIT,
    )
    assert dash_duo.get_logs() == []


def test_print_shows_content_and_sources_without_navigation_or_buttons(start):
    dash_duo = start("/trade", wait_for=ready("/trade"), timeout=WAIT)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = driver.execute_script(
        """
        const display = s => Array.from(document.querySelectorAll(s)).map(e => getComputedStyle(e).display);
        return {nav: display('.site-header'), buttons: display('button.btn, .selection-bar'),
                cards: Array.from(document.querySelectorAll('.chart-card')).map(e => getComputedStyle(e).breakInside)};
        """
    )
    assert shown["nav"] == ["none"]
    assert set(shown["buttons"]) == {"none"}
    assert set(shown["cards"]) == {"avoid"} and len(shown["cards"]) == 6
    # the sources blocks open for the print and close again after it
    closed = "return document.querySelectorAll('.source-line:not([open])').length;"
    assert driver.execute_script(closed) == 6
    driver.execute_script("window.dispatchEvent(new Event('beforeprint'));")
    assert driver.execute_script(closed) == 0
    driver.execute_script("window.dispatchEvent(new Event('afterprint'));")
    assert driver.execute_script(closed) == 6
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert dash_duo.get_logs() == []
