"""Phone (390 × 844 CSS px, mobile emulation through the DevTools protocol) in real headless Chromium: no
page scrolls sideways, the control bar stays in the flow, tables scroll in their card, legends go under the
plot, titles wrap, chart titles clear the modebar, long legend names wrap whole, table columns are not
crushed, /compare keeps its key columns."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from tests.browser.a11y import PHONE, assert_charts_fit, emulate_phone, sideways_overflow, squeezed_cells
from tests.browser.conftest import dom
from tests.browser.test_accessibility import READY, ready

WAIT = 30


@pytest.fixture
def phone(start, dash_duo):
    """Open a path at the phone viewport."""
    emulate_phone(dash_duo.driver)

    def open_path(path: str, wait_for: str):
        return start(path, wait_for=wait_for, timeout=WAIT)

    return open_path


@pytest.mark.parametrize("path", list(READY))
def test_no_page_scrolls_sideways_at_390_px(phone, path):
    dash_duo = phone(path, ready(path))
    width = dash_duo.driver.execute_script("return window.innerWidth;")
    assert width == PHONE["width"] == 390
    found = sideways_overflow(dash_duo.driver)
    assert found["scroll"] <= 390, f"{path} is {found['scroll']} px wide: {found['wide']}"
    # the control bar scrolls away with the page instead of covering it
    bars = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.selection-bar')).map(b => getComputedStyle(b).position);"
    )
    assert all(p == "static" for p in bars)
    # every chart's title clear of the modebar, notes and legend names inside the chart and whole
    assert_charts_fit(dash_duo.driver, f"{path} at 390 px")
    # tables scroll in their card instead of crushing a column (a source cell used to be 30 px wide)
    assert squeezed_cells(dash_duo.driver) == []
    assert dash_duo.get_logs() == []


def test_arms_legend_goes_under_the_plot_and_titles_wrap_on_a_phone(phone):
    dash_duo = phone("/arms", ready("/arms"))
    driver = dash_duo.driver
    js = "return document.getElementById(arguments[0]).querySelector('.js-plotly-plot').layout;"
    until(lambda: driver.execute_script(js, dom("arms-tiv"))["legend"]["orientation"] == "h", timeout=WAIT)
    legend = driver.execute_script(js, dom("arms-tiv"))["legend"]
    assert legend["y"] < 0
    until(lambda: "<br >" in driver.execute_script(js, dom("arms-tiv"))["title"]["text"], timeout=WAIT)
    title = driver.execute_script(js, dom("arms-tiv"))["title"]["text"]
    # the words are the desktop title's, broken into lines (assets/chart_heads.js marks its breaks "<br >")
    assert (
        title.replace("<br >", " ")
        == "Arms deliveries to Azerbaijan by supplier — SIPRI March 2025 update (data to 2024)"
    )
    assert dash_duo.get_logs() == []


def test_compare_shows_its_key_columns_unpinned_on_a_phone(phone):
    dash_duo = phone("/compare", ready("/compare"))
    shown_js = """
        const done = arguments[0];
        dash_ag_grid.getApiAsync('cmp-grid').then(api => done(api.getColumnState()
            .filter(c => !c.hide).map(c => [c.colId, c.pinned])));
    """
    until(
        lambda: (
            [c[0] for c in dash_duo.driver.execute_async_script(shown_js)][:4]
            == ["ag-Grid-SelectionColumn", "label", "reporter", "value_a"]
        ),
        timeout=WAIT,
    )
    shown = dash_duo.driver.execute_async_script(shown_js)
    assert shown == [
        ["ag-Grid-SelectionColumn", None],
        ["label", None],
        ["reporter", None],  # two rows of one indicator (AZ- and RU-reported) read apart
        ["value_a", None],
        ["value_b", None],
        ["abs_change", None],
        ["pct_change", None],
        ["pp_change", None],
        ["unit", None],
        ["edition_source", None],
    ]
    # the grid scrolls inside its card: the page itself stays 390 px wide
    assert sideways_overflow(dash_duo.driver)["scroll"] <= 390
    assert dash_duo.get_logs() == []


CLIPPED_LABELS = """
    return Array.from(document.querySelectorAll('#cmp-grid .ag-center-cols-container .ag-cell[col-id="label"]'))
      .map(c => {
        const text = document.createRange();
        text.selectNodeContents(c);
        const cell = c.getBoundingClientRect();
        return [c.textContent, Math.round(text.getBoundingClientRect().height), Math.round(cell.height)];
      });
"""


@pytest.mark.parametrize("lang", ["ru", "az", "en"])
def test_compare_names_fit_their_rows_on_a_phone(phone, lang):
    """An indicator's name wraps onto as many lines as it needs and its row grows (a Russian name takes up to
    four lines in the 150 px column); none is cut at the top or bottom."""
    dash_duo = phone(f"/compare?lang={lang}", ready("/compare"))
    until(lambda: len(dash_duo.driver.execute_script(CLIPPED_LABELS)) > 5, timeout=WAIT)
    cells = dash_duo.driver.execute_script(CLIPPED_LABELS)
    assert [c for c in cells if c[1] > c[2]] == []
    if lang == "ru":  # the check sees names of more than two lines (12 px font, 1.2 line height)
        assert max(text for _name, text, _cell in cells) > 2 * 12 * 1.2 + 4
    assert sideways_overflow(dash_duo.driver)["scroll"] <= 390
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("lang", ["ru", "az", "en"])
def test_the_year_pickers_placeholder_is_whole_on_a_phone(phone, lang):
    """The overview opens with no year chosen: the picker's placeholder ("выберите год") is not cut."""
    dash_duo = phone(f"/?lang={lang}", ready("/"))
    js = """
        const ph = document.querySelector('.year-pick .dash-dropdown-placeholder');
        return ph ? [ph.textContent, ph.scrollWidth, ph.clientWidth] : null;
    """
    until(lambda: dash_duo.driver.execute_script(js) is not None, timeout=WAIT)
    text, needed, shown = dash_duo.driver.execute_script(js)
    assert text == {"ru": "выберите год", "az": "il seçin", "en": "pick a year"}[lang]
    assert needed <= shown, f"{text!r} needs {needed} px, shows {shown}"
    assert sideways_overflow(dash_duo.driver)["scroll"] <= 390
    assert dash_duo.get_logs() == []
