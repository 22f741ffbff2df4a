"""assets/chart_heads.js fits a chart's title, notes and legend names BEFORE its draw, so a chart is drawn once
(issue 12: the fitting used to relayout each chart up to 8 times after its draw, and page ready waited for it).
"""

from __future__ import annotations

import time

import pytest
from dash.testing.wait import until

from tests.browser.a11y import assert_charts_fit
from tests.browser.conftest import dom, sel
from tests.browser.page_helpers import wait_until_graphs_settle

WAIT = 30
# page -> its linked charts (every one drawn on the page at 1440 px)
PAGES = {
    "/": ["ov-main"],
    "/trade": ["trade-main", "trade-mirror", "trade-balance", "trade-share", "trade-share-ru"],
    "/arms": ["arms-tiv", "arms-share", "arms-milex", "arms-gdp"],
}


@pytest.mark.parametrize("path", list(PAGES))
def test_charts_fitted_before_their_draw_are_not_redrawn(start, dash_duo, path):
    dash_duo.driver.set_window_size(1440, 1000)
    dash_duo = start(path, wait_for=f"{sel(PAGES[path][0])} .main-svg", timeout=WAIT)
    wait_until_graphs_settle(dash_duo, PAGES[path])
    time.sleep(0.5)  # the after-draw check runs 80 ms after the last change of the page
    assert_charts_fit(dash_duo.driver, f"{path} at 1440 px")
    # every title, note and legend name fits as drawn: chart_heads.js changed no chart after its draw
    assert dash_duo.driver.execute_script("return window.ruazHeads.redraws;") == 0
    assert dash_duo.get_logs() == []


def test_the_energy_gas_chart_grows_once_for_its_legend(start, dash_duo):
    # the Azerbaijani gas chart's legend (five entries, two on two lines) is cut at 330 px: one relayout, not
    # one per pixel (plotly caps a legend under the plot at half the chart's height)
    dash_duo.driver.set_window_size(1440, 1000)
    dash_duo = start("/energy", wait_for=f"{sel('energy-oil-az')} .main-svg", timeout=WAIT)
    wait_until_graphs_settle(dash_duo, ["energy-oil-az", "energy-gas-az"])
    time.sleep(0.5)
    assert_charts_fit(dash_duo.driver, "/energy at 1440 px")
    assert dash_duo.driver.execute_script("return window.ruazHeads.redraws;") == 1
    height = dash_duo.driver.execute_script(
        "return document.getElementById(arguments[0]).querySelector('.js-plotly-plot')._fullLayout.height;",
        dom("energy-gas-az"),
    )
    assert 330 < height < 400
    assert dash_duo.get_logs() == []


PREFIT = """
const [width, title, name, notes] = arguments;
const div = document.createElement('div');
div.style.width = width + 'px';
document.body.appendChild(div);
const layout = {title: {text: title, font: {size: 14}, x: 0.01, xanchor: 'left'},
  margin: {l: 60, r: 20, t: 56, b: 40}, font: {family: 'system-ui, sans-serif', size: 12},
  legend: {orientation: 'h', x: 0, y: -0.18},
  annotations: notes.map((text, i) => ({name: 'unit-note', text: text, x: 0, xref: 'paper', y: 1, yref: 'paper',
    yshift: 18 + 16 * (notes.length - 1 - i), font: {size: 11}}))};
const data = [{name: name, x: [2000], y: [1]}];
const before = JSON.stringify([data, layout]);
const fitted = window.ruazHeads.prefit(div, data, layout);
const ctx = document.createElement('canvas').getContext('2d');
const widest = (text, font) => { ctx.font = font;
  return Math.max(...text.split(/<br ?>/).map(l => ctx.measureText(l.replace(/<[^>]+>/g, '')).width)); };
const result = {unchanged: JSON.stringify([data, layout]) === before,
  title: fitted.layout.title, margin: fitted.layout.margin, name: fitted.data[0].name,
  notes: fitted.layout.annotations.map(a => [a.text, a.yshift]),
  titleWidth: widest(fitted.layout.title.text, '14px system-ui, sans-serif'),
  nameWidth: widest(fitted.data[0].name, '12px system-ui, sans-serif'),
  again: JSON.stringify(window.ruazHeads.prefit(div, fitted.data, fitted.layout)) === JSON.stringify(fitted)};
div.remove();
return result;
"""


def test_prefit_breaks_title_notes_and_legend_names_to_the_width(start, dash_duo):
    dash_duo = start("/trade", wait_for=f"{sel('trade-main')} .main-svg", timeout=WAIT)
    title = "Azerbaijan's share of Russia's goods trade, as the Russian customs report it (RU statistics)"
    name = "press, origin not named — TOTAL gas incl. reinjected (different definition) as reported"
    notes = ["<i>not drawn: a part-year figure of the first half of 2019, which never joins an annual line</i>"]
    found = dash_duo.driver.execute_script(PREFIT, 300, title, name, notes)
    assert found["unchanged"]  # the server's figure is copied, never edited
    assert found["again"]  # a fitted figure comes out the same (dcc.Graph redraws with it)
    # the words are the title's, broken at spaces ("<br >") into lines that end before the modebar:
    # 300 px - 2 - the modebar (150 px before any is drawn on this div... or the page's) - 6, from x = 3 px
    text = found["title"]["text"]
    assert text.replace("<br >", " ") == title and text.count("<br >") >= 2
    assert found["titleWidth"] <= 300 - 2 - 6 - 3
    # a title of several lines starts at the top, and the margin leaves room for it and the note below it
    assert found["title"]["yanchor"] == "top" and found["title"]["pad"] == {"t": 17}
    lines = text.count("<br >") + 1
    note_lines = found["notes"][0][0].count("<br >") + 1
    assert note_lines >= 2 and found["notes"][0][1] == 18
    title_bottom = 17 - 13 + 16 + 1.3 * 14 * (lines - 1)
    assert found["margin"]["t"] == int(-(-(title_bottom + 6 + 18 + 16 + 14 * (note_lines - 1)) // 1))
    # the legend name fits from the legend's left (60 px) + its symbol (40 px) to 6 px before the edge
    assert found["name"].replace("<br >", " ") == name
    assert found["nameWidth"] <= 300 - 6 - 60 - 40 - 2
    assert dash_duo.get_logs() == []


SIZES = """
return [window.ruazHeads.resizesSkipped, Array.from(document.querySelectorAll('.js-plotly-plot'))
  .map(gd => [gd.clientWidth, gd._fullLayout.width])];
"""


def test_a_chart_is_not_redrawn_at_its_own_size_but_follows_a_new_width(start, dash_duo):
    # dcc.Graph asks for a resize twice after each first draw (mount, ResizeObserver); at the same size it is
    # skipped (each used to redraw every chart 100 ms later); a window of another width still resizes them
    dash_duo.driver.set_window_size(1440, 1000)
    dash_duo = start("/trade", wait_for=f"{sel('trade-main')} .main-svg", timeout=WAIT)
    wait_until_graphs_settle(dash_duo, PAGES["/trade"])
    skipped, sizes = dash_duo.driver.execute_script(SIZES)
    assert len(sizes) == 6 and skipped >= 6  # the five linked charts and the year-detail chart
    assert all(abs(inner - drawn) < 1 for inner, drawn in sizes)
    dash_duo.driver.set_window_size(900, 1000)
    until(
        lambda: all(abs(inner - drawn) < 1 for inner, drawn in dash_duo.driver.execute_script(SIZES)[1]),
        timeout=10,
    )
    widths = {drawn for _inner, drawn in dash_duo.driver.execute_script(SIZES)[1]}
    assert max(widths) < 900 and {w for _i, w in sizes} != widths
    assert dash_duo.get_logs() == []
