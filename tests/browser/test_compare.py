"""Compare page in real headless Chromium: hand-computed deltas in the grid, URL state, slope chart."""

from __future__ import annotations

import importlib
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.data import store
from tests.browser.conftest import click_element

DOTS = "DOTS export of 2022-02 (annual data to 2020)"
EXPORTS_AZ = f"trade_az_to_ru|AZ||{DOTS}"
SHARE_AZ = f"trade_ru_share_of_az_trade|AZ||{DOTS}"
BALANCE_AZ = f"trade_az_ru_balance|AZ||{DOTS}"
NNBSP = "\u202f"


def cell_text(dash_duo, row_id: str, col: str) -> str:
    """Text of a rendered cell of the comparison grid (textContent: the cell may be scrolled out of view)."""
    el = dash_duo.find_element(f'#cmp-grid .ag-row[row-id="{row_id}"] [col-id="{col}"]')
    return str(el.get_attribute("textContent")).strip()


def assert_cell(dash_duo, row_id: str, col: str, expected: str, timeout: int = 10) -> None:
    """Wait until the cell reads ``expected`` (the grid re-renders rows while it filters)."""
    seen: list[str] = []

    def reads_expected(_driver) -> bool:
        seen.append(cell_text(dash_duo, row_id, col))
        return seen[-1] == expected

    try:
        WebDriverWait(
            dash_duo.driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
        ).until(reads_expected)
    except TimeoutException:
        raise AssertionError(f"{row_id} / {col}: expected {expected!r}, saw {seen[-1:]!r}") from None


def search(dash_duo, text: str) -> None:
    """Narrow the grid with the page's search box (rows render lazily, so only visible rows can be read)."""
    box = dash_duo.find_element("#cmp-search")
    box.clear()
    box.send_keys(text, Keys.ENTER)


def wait_for_row(dash_duo, row_id: str, timeout: int = 10) -> None:
    dash_duo.wait_for_element(f'#cmp-grid .ag-row[row-id="{row_id}"]', timeout=timeout)


def choose(dash_duo, dropdown: str, label: str) -> None:
    """Pick an option of a dcc.Dropdown like a user: open it, type to narrow the list, click the option."""
    click_element(dash_duo.driver, dash_duo.find_element(dropdown))
    dash_duo.find_element(".dash-dropdown-search").send_keys(label)
    option = dash_duo.wait_for_element(".dash-dropdown-options .dash-dropdown-option")
    assert option.text == label
    click_element(dash_duo.driver, option)


def slope_names(driver) -> list[str]:
    return driver.execute_script(
        "return document.getElementById('cmp-slope').querySelector('.js-plotly-plot').data.map(t => t.name);"
    )


def test_url_years_show_hand_computed_deltas_in_the_grid(start):
    dash_duo = start("/compare?a=2013&b=2014", wait_for="#cmp-grid .ag-row")
    assert dash_duo.find_element("#cmp-a-label").text == "2013"
    assert dash_duo.find_element("#cmp-b-label").text == "2014"

    search(dash_duo, "Azerbaijan → Russia")
    wait_for_row(dash_duo, EXPORTS_AZ)
    # AZ exports to Russia, AZ-reported: 2013 1077.8444 (TS0022), 2014 640.2714 (TS0023);
    # 100 × (640.2714 − 1077.8444) ÷ 1077.8444 = 100 × −437.5730 ÷ 1077.8444 = −40.597 %
    assert_cell(dash_duo, EXPORTS_AZ, "value_a", f"1{NNBSP}078")
    assert_cell(dash_duo, EXPORTS_AZ, "value_b", "640.3")
    assert_cell(dash_duo, EXPORTS_AZ, "abs_change", "-437.6")
    assert_cell(dash_duo, EXPORTS_AZ, "pct_change", "-40.6%")
    assert_cell(dash_duo, EXPORTS_AZ, "pp_change", "")

    search(dash_duo, "Russia's share of Azerbaijan's goods trade")
    wait_for_row(dash_duo, SHARE_AZ)
    # share = 100 × (exports + imports) ÷ (world exports + world imports), all AZ-reported:
    # 2013: 100 × (1077.8444 + 1505.1785) ÷ (23975.4168 + 10712.5025) = 258302.29 ÷ 34687.9193 = 7.4465 %
    # 2014: 100 × (640.2714 + 1314.4805) ÷ (21828.6089 + 9187.6976) = 195475.19 ÷ 31016.3065 = 6.3023 %
    # (TS0022, TS0051, TS0080, TS0109; TS0023, TS0052, TS0081, TS0110); change 6.3023 − 7.4465 = −1.14 pp
    assert_cell(dash_duo, SHARE_AZ, "pp_change", "-1.14 pp")
    assert_cell(dash_duo, SHARE_AZ, "pct_change", "")
    assert_cell(dash_duo, SHARE_AZ, "flags", "A computed; B computed")

    search(dash_duo, "Azerbaijan's goods balance with Russia")
    wait_for_row(dash_duo, BALANCE_AZ)
    # balance = exports − imports: 2013 1077.8444 − 1505.1785 = −427.3341; 2014 640.2714 − 1314.4805 = −674.2091;
    # change −674.2091 − (−427.3341) = −246.875; a balance has no relative change
    assert_cell(dash_duo, BALANCE_AZ, "abs_change", "-246.9")
    assert_cell(dash_duo, BALANCE_AZ, "pct_change", "absolute change only")

    assert "a=2013" in dash_duo.driver.current_url
    assert "b=2014" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_missing_side_reads_no_data_and_the_url_follows_the_dropdowns(start):
    dash_duo = start("/compare?a=2013&b=2014", wait_for="#cmp-grid .ag-row")
    choose(dash_duo, "#cmp-b", "2021")
    dash_duo.wait_for_text_to_equal("#cmp-b-label", "2021")
    WebDriverWait(dash_duo.driver, 10).until(lambda d: "b=2021" in d.current_url)
    # The DOTS export ends in 2020: the 2021 side of the DOTS series is missing, never 0.
    search(dash_duo, "Azerbaijan → Russia")
    wait_for_row(dash_duo, EXPORTS_AZ)
    assert_cell(dash_duo, EXPORTS_AZ, "value_b", "no data for 2021")
    assert_cell(dash_duo, EXPORTS_AZ, "value_a", f"1{NNBSP}078")
    assert_cell(dash_duo, EXPORTS_AZ, "pct_change", "no data for 2021")
    assert dash_duo.get_logs() == []


def test_ticking_a_row_adds_it_to_the_slope_chart(start):
    dash_duo = start("/compare?a=2013&b=2014", wait_for="#cmp-grid .ag-row")
    driver = dash_duo.driver
    WebDriverWait(driver, 10).until(lambda d: len(slope_names(d)) > 0)
    before = slope_names(driver)
    assert not any("Azerbaijan → Russia" in n for n in before)
    search(dash_duo, "Azerbaijan → Russia")
    wait_for_row(dash_duo, EXPORTS_AZ)
    checkbox = dash_duo.find_element(
        f'#cmp-grid .ag-row[row-id="{EXPORTS_AZ}"] .ag-selection-checkbox input[type="checkbox"]'
    )
    click_element(driver, checkbox)
    WebDriverWait(driver, 10).until(lambda d: len(slope_names(d)) == len(before) + 1)
    assert "Goods trade, Azerbaijan → Russia (AZ-reported)" in slope_names(driver)
    assert dash_duo.get_logs() == []


def test_tampered_years_show_a_notice_and_the_defaults(start):
    dash_duo = start("/compare?a=abc&b=99999", wait_for="#cmp-grid .ag-row")
    assert "not a year" in dash_duo.find_element("#cmp-notice").text
    assert dash_duo.find_element("#cmp-b-label").text == "2025"
    assert dash_duo.find_element("#cmp-a-label").text == "2024"
    assert dash_duo.get_logs() == []


def test_download_excel_has_the_comparison_sheet(start):
    dash_duo = start("/compare?a=2013&b=2014", wait_for="#cmp-grid .ag-row")
    folder = Path(dash_duo.download_path)
    click_element(dash_duo.driver, dash_duo.find_element("#cmp-download-btn"))

    def finished(_driver) -> Path | None:
        done = [p for p in folder.glob("*.xlsx") if p.stat().st_size > 0]
        return done[0] if done and not list(folder.glob("*.crdownload")) else None

    path = WebDriverWait(dash_duo.driver, 30, poll_frequency=0.2).until(finished)
    assert path.name == "ruaz-compare-2013-2014.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    ws = wb["Comparison 2013-2014"]
    header = [c.value for c in ws[1]]
    col = {name: i for i, name in enumerate(header)}
    exports = next(
        r
        for r in ws.iter_rows(min_row=2)
        if (r[col["indicator"]].value, r[col["reporter"]].value, r[col["edition / source"]].value)
        == ("trade_az_to_ru", "AZ", DOTS)
    )
    # (640.2714 − 1077.8444) ÷ 1077.8444 × 100 = −40.597 (TS0023, TS0022)
    assert exports[col["% change"]].value == pytest.approx(-40.597, abs=1e-3)
    assert exports[col["pp change"]].value is None
    assert dash_duo.get_logs() == []


# ----------------------------------------------------------------- SIPRI release picker, pinned edition, slope chart
CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"
GRID_EDITIONS_JS = """
const api = dash_ag_grid.getApi('cmp-grid');
const out = [];
api.forEachNode(n => out.push(n.data.edition));
return out;
"""
GRID_ROW_JS = """
const node = dash_ag_grid.getApi('cmp-grid').getRowNode(arguments[0]);
return node ? node.data : null;
"""


def annual_series(edition: str) -> set[tuple[str, str, str]]:
    """(indicator, reporter, subject) of every annual series of one edition, straight from data/clean."""
    obs = pd.read_csv(CLEAN / "observations.csv")
    rows = obs[(obs["kind"] == "series") & obs["full_year"] & obs["value"].notna() & (obs["edition"] == edition)]
    return {
        (str(i), str(r), "" if pd.isna(s) else str(s)) for i, r, s in rows[["indicator", "reporter", "subject"]].values
    }


def observation(edition: str, indicator: str, subject: str, year: int) -> pd.Series:
    obs = pd.read_csv(CLEAN / "observations.csv")
    hit = obs[
        (obs["edition"] == edition)
        & (obs["indicator"] == indicator)
        & (obs["subject"] == subject)
        & (obs["year"] == year)
        & (obs["kind"] == "series")
    ]
    assert len(hit) == 1, (edition, indicator, subject, year)
    return hit.iloc[0]


def release_of(releases: list[str], key: str) -> str:
    """The release whose data run to ``key`` (the release query value, as on /arms)."""
    return next(e for e in releases if f"data to {key})" in e)


def grid_editions(driver) -> list[str]:
    return driver.execute_script(GRID_EDITIONS_JS)


def pick(dash_duo, dropdown: str, label: str) -> None:
    """Open a dcc.Dropdown without a search box and click the option reading ``label``."""
    click_element(dash_duo.driver, dash_duo.find_element(dropdown))
    dash_duo.wait_for_element(".dash-dropdown-options .dash-dropdown-option")
    options = dash_duo.find_elements(".dash-dropdown-options .dash-dropdown-option")
    click_element(dash_duo.driver, next(o for o in options if o.text == label))


def test_default_shows_one_releases_tiv_rows_with_the_edition_column_pinned(start):
    dash_duo = start("/compare?a=2013&b=2014", wait_for="#cmp-grid .ag-row")
    driver = dash_duo.driver
    releases = store().tiv_releases
    default = releases[0]
    key = importlib.import_module("dashboard.releases").release_key(default)  # the same keys as /arms
    WebDriverWait(driver, 10).until(lambda d: f"release={key}" in d.current_url)
    editions = grid_editions(driver)
    tiv = [e for e in editions if e in releases]
    # every TIV row is the default release's, and there is one per annual series of that release in data/clean
    assert set(tiv) == {default}
    assert len(tiv) == len(annual_series(default))
    # before the picker the grid listed every release's TIV rows, most of the table
    assert len(tiv) < sum(len(annual_series(e)) for e in releases)

    # the edition column sits in the pinned-left block and stays there when the grid scrolls right
    header = dash_duo.find_element('#cmp-grid .ag-pinned-left-header [col-id="edition_source"]')
    assert header.is_displayed() and "Edition" in header.text
    driver.execute_script("dash_ag_grid.getApi('cmp-grid').ensureColumnVisible('status_text');")
    search(dash_duo, "Azerbaijan → Russia")
    wait_for_row(dash_duo, EXPORTS_AZ)
    cell = dash_duo.find_element(
        f'#cmp-grid .ag-pinned-left-cols-container .ag-row[row-id="{EXPORTS_AZ}"] [col-id="edition_source"]'
    )
    assert cell.is_displayed()
    assert cell.text == DOTS
    grid_box = driver.execute_script("return document.getElementById('cmp-grid').getBoundingClientRect().toJSON();")
    box = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON();", cell)
    assert grid_box["left"] <= box["left"] and box["right"] <= grid_box["right"]
    assert dash_duo.get_logs() == []


def test_switching_release_changes_the_tiv_rows_and_the_url(start):
    dash_duo = start("/compare?a=2013&b=2014", wait_for="#cmp-grid .ag-row")
    driver = dash_duo.driver
    releases = store().tiv_releases
    march_2024 = release_of(releases, "2023")
    assert march_2024 != releases[0]
    pick(dash_duo, "#cmp-release", march_2024.split(", ", 1)[1])
    WebDriverWait(driver, 10).until(lambda d: "release=2023" in d.current_url)
    WebDriverWait(driver, 10).until(lambda d: {e for e in grid_editions(d) if e in releases} == {march_2024})
    assert sum(e == march_2024 for e in grid_editions(driver)) == len(annual_series(march_2024))

    russia = f"arms_tiv_to_az|SIPRI|Russia|{march_2024}"
    y2013 = observation(march_2024, "arms_tiv_to_az", "Russia", 2013)
    y2014 = observation(march_2024, "arms_tiv_to_az", "Russia", 2014)
    # data/raw/arms_tiv.csv AT0164 and AT0171: 309.8 and 554.6 TIV million in the March 2024 update
    assert (y2013["obs_id"], y2013["value"], y2014["obs_id"], y2014["value"]) == ("AT0164", 309.8, "AT0171", 554.6)
    row = driver.execute_script(GRID_ROW_JS, russia)
    assert (row["value_a"], row["value_b"]) == (y2013["value"], y2014["value"])
    search(dash_duo, "Arms transfers to Azerbaijan (SIPRI TIV) Russia")
    wait_for_row(dash_duo, russia)
    assert_cell(dash_duo, russia, "value_a", "309.8")
    assert_cell(dash_duo, russia, "value_b", "554.6")
    # 100 × (554.6 − 309.8) ÷ 309.8 = 100 × 244.8 ÷ 309.8 = +79.0 %
    assert_cell(dash_duo, russia, "pct_change", "+79.0%")
    assert "March 2024 update (data to 2023)" in dash_duo.find_element("#cmp-release-note").text
    assert dash_duo.get_logs() == []


SLOPE_JS = """
const root = document.getElementById('cmp-slope');
const gd = root.querySelector('.js-plotly-plot');
const plot = root.querySelector('.nsewdrag').getBoundingClientRect().toJSON();
const labels = Array.from(root.querySelectorAll('.scatterlayer .textpoint text'))
  .filter(t => t.textContent.trim() !== '')
  .map(t => ({text: t.textContent, box: t.getBoundingClientRect().toJSON()}));
return {
  traces: gd.data.length,
  names: gd.data.map(t => t.name),
  legend: Array.from(root.querySelectorAll('.legend .traces .legendtext')).map(t => t.textContent),
  labels: labels,
  plot: plot,
  xticks: root.querySelectorAll('.xtick').length,
  messages: Array.from(root.querySelectorAll('.annotation-text')).map(t => t.textContent),
};
"""


def test_slope_chart_has_a_legend_labels_inside_the_plot_and_a_message_when_nothing_is_ticked(start):
    dash_duo = start("/compare?a=2013&b=2014", wait_for="#cmp-grid .ag-row")
    driver = dash_duo.driver
    WebDriverWait(driver, 10).until(lambda d: len(slope_names(d)) > 0)
    chart = driver.execute_script(SLOPE_JS)
    assert chart["traces"] >= 2
    assert chart["legend"] == chart["names"]  # every line named in the legend
    assert len(chart["labels"]) == chart["traces"]  # one index label per line, at year B
    plot = chart["plot"]
    for label in chart["labels"]:
        box = label["box"]
        assert plot["left"] <= box["left"] and box["right"] <= plot["right"], label
        assert plot["top"] <= box["top"] and box["bottom"] <= plot["bottom"], label

    driver.execute_script("dash_ag_grid.getApi('cmp-grid').deselectAll();")
    WebDriverWait(driver, 10).until(lambda d: len(slope_names(d)) == 0)
    empty = driver.execute_script(SLOPE_JS)
    assert "Tick rows in the table to draw them here" in empty["messages"]
    assert empty["xticks"] == 0  # no empty axes
    dash_duo.wait_for_contains_text("#cmp-slope-caption", "Tick rows")
    assert dash_duo.get_logs() == []
