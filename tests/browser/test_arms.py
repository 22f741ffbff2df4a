"""Arms page in real headless Chromium: TIV bars per release, year linking to the deal register, download."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from dash.testing.wait import until

from tests.browser.conftest import click_element, graph_layout, sel
from tests.browser.page_helpers import (
    point_for_year,
    selection_x0,
    trace_names,
    trace_value,
    wait_for_download,
    wait_until_graphs_settle,
)

GRAPHS = ["arms-tiv", "arms-share", "arms-milex", "arms-gdp"]


def grid_rows(driver) -> int | None:
    """Rows the deal grid displays (after its filters), read from the AG Grid API."""
    return driver.execute_script(
        """
        const api = window.dash_ag_grid && window.dash_ag_grid.getApi && window.dash_ag_grid.getApi('arms-deals');
        return api ? api.getDisplayedRowCount() : null;
        """
    )


def grid_column(driver, field: str) -> list:
    """Values of one column over the rows the deal grid displays (read from the AG Grid API)."""
    return driver.execute_script(
        """
        const api = window.dash_ag_grid.getApi('arms-deals');
        const out = [];
        api.forEachNodeAfterFilterAndSort(n => out.push(n.data[arguments[0]]));
        return out;
        """,
        field,
    )


def choose_release(dash_duo, key: str) -> None:
    """Open the release dropdown and pick the release whose data end in ``key``."""
    driver = dash_duo.driver
    click_element(driver, dash_duo.find_element(sel("arms-release")))
    radio = dash_duo.wait_for_element(f".dash-dropdown-option input[value='{key}']")
    click_element(driver, radio.find_element("xpath", "./ancestor::label"))


def test_arms_page_renders_charts_grid_and_statements_without_console_errors(start):
    dash_duo = start("/arms")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    for graph in GRAPHS:
        assert "Sources:" in dash_duo.find_element(f"#{graph}-src").text, graph
    units = [a["text"] for a in graph_layout(driver, "arms-tiv")["annotations"] if a.get("name") == "unit"]
    assert units == ["TIV million (trend-indicator value — not money)"]
    assert trace_names(driver, "arms-share") == [
        f"{s}, {n}-year windows" for n in ("five", "ten") for s in ("Russia", "Israel", "Turkiye")
    ]
    assert graph_layout(driver, "arms-share")["title"]["text"].endswith("SIPRI March 2025 update (data to 2024)")
    assert trace_names(driver, "arms-milex") == ["Current USD million", "Constant 2022 USD million"]
    until(lambda: grid_rows(driver) == 20, timeout=10)  # every register row of the March 2025 update
    assert len(driver.find_elements("css selector", "#arms-statements li")) == 23
    assert "money, as stated" in dash_duo.find_element("#arms-statements").text
    assert dash_duo.find_element("#arms-deals-year").text == "all years"
    assert dash_duo.get_logs() == []


def test_clicking_a_bar_selects_the_year_and_filters_the_deal_register(start):
    dash_duo = start("/arms")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    until(lambda: grid_rows(driver) == 20, timeout=10)
    assert "T-72M1" in dash_duo.find_element("#arms-deals").text  # delivered 2007 only
    russia = trace_names(driver, "arms-tiv").index("Russia")
    click_element(driver, point_for_year(driver, "arms-tiv", russia, 2014, layer="barlayer"))
    dash_duo.wait_for_text_to_equal(sel("arms-year-label"), "2014")
    dash_duo.wait_for_text_to_equal("#arms-deals-year", "2014")
    dash_duo.wait_for_contains_text("#arms-deals-caption", "11 Russian deals with deliveries in 2014")
    until(lambda: grid_rows(driver) == 11, timeout=10)
    assert "T-72M1" not in dash_duo.find_element("#arms-deals").text
    for graph in GRAPHS:
        assert selection_x0(driver, graph) == [2013.5], graph
    until(lambda: "year=2014" in driver.current_url, timeout=10)
    assert dash_duo.get_logs() == []


def test_release_switch_changes_the_bars_shares_and_deals(start):
    dash_duo = start("/arms?year=2014")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    assert trace_value(driver, "arms-tiv", "Russia", 2014) == 558.5  # AT0256, March 2025 update
    # the 2011-15 window's bar sits at its middle year
    share_before = trace_value(driver, "arms-share", "Russia, five-year windows", 2013)
    choose_release(dash_duo, "2023")
    until(lambda: trace_value(driver, "arms-tiv", "Russia", 2014) == 554.6, timeout=10)  # AT0171, March 2024
    assert "March 2024 update" in graph_layout(driver, "arms-tiv")["title"]["text"]
    assert trace_value(driver, "arms-share", "Russia, five-year windows", 2013) != share_before
    assert "March 2024 update" in graph_layout(driver, "arms-share")["title"]["text"]
    dash_duo.wait_for_contains_text("#arms-deals-caption", "17 deals with deliveries in 2014")
    dash_duo.wait_for_contains_text("#arms-release-note", "March 2024 update (data to 2023)")
    until(lambda: "release=2023" in driver.current_url, timeout=10)
    assert dash_duo.find_element(sel("arms-year-label")).text == "2014"
    assert dash_duo.get_logs() == []


def test_default_is_the_latest_sipri_export_and_the_reprocessed_copy_says_what_it_is(start):
    dash_duo = start("/arms")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    dash_duo.wait_for_contains_text(sel("arms-release"), "March 2025 update (data to 2024)")
    assert "third-party" not in dash_duo.find_element(sel("arms-release")).text
    assert "March 2025 update (data to 2024)" in graph_layout(driver, "arms-tiv")["title"]["text"]
    assert trace_value(driver, "arms-tiv", "Israel", 2006) == 6.6  # AT0212
    # the citation links SIPRI's own page first, then the copy that was read
    cite = dash_duo.find_element("#arms-tiv-src-list #cite-sipri-atdb-2025")
    assert cite.find_element("css selector", "b.cite-as").get_attribute("textContent") == (
        "SIPRI Arms Transfers Database, March 2025 update"
    )
    links = [(a.get_attribute("textContent"), a.get_attribute("href")) for a in cite.find_elements("css selector", "a")]
    assert links == [
        ("https://www.sipri.org/databases/armstransfers", "https://www.sipri.org/databases/armstransfers"),
        (
            "copy read",
            "https://github.com/nagehanrdogan/Global-Arms-Trade-Network-Analysis-1995-2024-/blob/3bcd6c4/trade_register.csv",
        ),
    ]
    choose_release(dash_duo, "2025")
    until(lambda: trace_value(driver, "arms-tiv", "Israel", 2006) == 13.2, timeout=10)  # AT0304, doubled
    reprocessed = "2026 update (data to 2025), third-party reprocessing, not a SIPRI export"
    dash_duo.wait_for_contains_text(sel("arms-release"), reprocessed)
    assert reprocessed in graph_layout(driver, "arms-tiv")["title"]["text"]
    dash_duo.wait_for_contains_text("#arms-release-note", reprocessed)
    until(lambda: "release=2025" in driver.current_url, timeout=10)
    assert dash_duo.get_logs() == []


def test_release_with_totals_only_says_there_is_no_breakdown(start):
    dash_duo = start("/arms")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    choose_release(dash_duo, "2022")
    until(lambda: trace_names(driver, "arms-tiv") == ["All suppliers (SIPRI total; no breakdown)"], timeout=10)
    dash_duo.wait_for_contains_text("#arms-release-note", "SIPRI totals only")
    notes = [a["text"] for a in graph_layout(driver, "arms-share")["annotations"] if a.get("name") == "unit-note"]
    assert notes and "no supplier breakdown" in notes[0]
    dash_duo.wait_for_contains_text("#arms-deals-caption", "No register rows were transcribed")
    assert dash_duo.get_logs() == []


def test_tampered_url_gives_a_notice_and_the_latest_release(start):
    dash_duo = start("/arms?release=abc&oil=%3Cscript%3E&year=20x4")
    dash_duo.wait_for_contains_text("#arms-notice", "Unknown release 'abc'")
    text = dash_duo.find_element("#arms-notice").text
    assert "unknown parameter 'oil'" in text and "not a year" in text
    dash_duo.wait_for_element(sel("arms-tiv") + " .main-svg")
    assert trace_value(dash_duo.driver, "arms-tiv", "Russia", 2014) == 558.5  # AT0256, March 2025 update
    assert dash_duo.find_element(sel("arms-year-label")).text == "none (click a point)"
    assert dash_duo.get_logs() == []


def test_download_excel_holds_the_release_and_the_years_deals(start):
    dash_duo = start("/arms?release=2023&year=2014&from=2010&to=2016")
    dash_duo.wait_for_text_to_equal(sel("arms-year-label"), "2014")
    wait_until_graphs_settle(dash_duo, GRAPHS)
    click_element(dash_duo.driver, dash_duo.find_element("#arms-download-btn"))
    path = wait_for_download(Path(dash_duo.download_path))
    assert path.name == "ruaz-arms-2023-2014.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert {"About", "Data", "Deals 2014", "Arms statements", "Sources"} <= set(wb.sheetnames)
    assert wb["Deals 2014"].max_row == 1 + 17
    sheet = wb["Data"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    assert rows and all(2010 <= r["year"] <= 2016 for r in rows)
    tiv = [r for r in rows if str(r["indicator"]).startswith("arms_tiv")]
    assert {r["edition"] for r in tiv} == {"SIPRI Arms Transfers Database, March 2024 update (data to 2023)"}
    assert 554.6 in [r["value"] for r in tiv if r["subject"] == "Russia" and r["year"] == 2014]  # AT0171
    assert dash_duo.get_logs() == []


def test_deal_register_says_which_deals_and_which_columns_the_release_lacks(start):
    dash_duo = start("/arms")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    until(lambda: grid_rows(driver) == 20, timeout=10)
    # default, the March 2025 update (SIPRI's own export): 20 Russian rows with order year and status but no
    # number ordered
    caption = dash_duo.find_element("#arms-deals-caption").text
    assert caption.startswith("All 20 Russian deals in the register of the March 2025 update (data to 2024)")
    assert "has no 'No. ordered'" in caption
    until(lambda: "Second hand" in grid_column(driver, "status"), timeout=10)  # D136 status
    assert set(grid_column(driver, "number_ordered")) == {"not in this release"}
    # switching in the browser: the 2026 reprocessing (D156-D175) lacks order year, number ordered and status
    choose_release(dash_duo, "2025")
    dash_duo.wait_for_contains_text(
        "#arms-deals-caption",
        "All 20 Russian deals in the register of the 2026 update (data to 2025), third-party reprocessing",
    )
    dash_duo.wait_for_contains_text("#arms-deals-caption", "has no 'Ordered', 'No. ordered' and 'Status'")
    until(lambda: set(grid_column(driver, "status")) == {"not in this release"}, timeout=10)
    # the March 2024 update lists eight suppliers and every column
    choose_release(dash_duo, "2023")
    dash_duo.wait_for_contains_text("#arms-deals-caption", "All 114 register rows in the register of the March 2024")
    assert "has no" not in dash_duo.find_element("#arms-deals-caption").text
    assert dash_duo.get_logs() == []


def test_deal_register_numbers_read_in_the_pages_language(start):
    """In Russian a number cell has a decimal comma; the cell's value, its sort and the grid's CSV stay numbers."""
    dash_duo = start("/arms?lang=ru")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    until(lambda: grid_rows(driver) == 20, timeout=10)
    # D140 in data/clean/arms_deals.csv (March 2025 update): Russia, Mi-17, 66 delivered, 478.5 TIV million
    cell = """
        const api = window.dash_ag_grid.getApi('arms-deals');
        let index = null;
        api.forEachNode(n => { if (n.data.weapon_designation === 'Mi-17') index = n.rowIndex; });
        api.ensureColumnVisible('tiv_delivered');  // columns off screen are not drawn
        const row = document.querySelector(`#arms-deals .ag-center-cols-container [row-index="${index}"]`);
        const el = row && row.querySelector('[col-id="tiv_delivered"]');
        return el ? el.textContent : null;
    """
    until(lambda: driver.execute_script(cell) == "478,5", timeout=10)
    assert 478.5 in grid_column(driver, "tiv_delivered")  # the cell's value is the number
    csv = driver.execute_script(
        "return window.dash_ag_grid.getApi('arms-deals').getDataAsCsv({columnKeys: ['tiv_delivered']});"
    )
    assert '"478.5"' in csv and "478,5" not in csv
    assert dash_duo.get_logs() == []
