"""Caspian energy page in real headless Chromium: graphs, year linking, unit and source switches, download."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from dash.testing.wait import until

from tests.browser.conftest import click_element, dom, graph_layout, sel
from tests.browser.page_helpers import (
    point_for_year,
    selection_x0,
    trace_names,
    trace_value,
    visible_event_markers,
    wait_for_download,
    wait_until_graphs_settle,
)

GRAPHS = ["energy-oil-az", "energy-oil-ru", "energy-gas-az", "energy-gas-ru", "energy-bn", "energy-flows"]


def option(dash_duo, control_id: str, value: str):
    """The clickable label of a radio/checklist option."""
    return dash_duo.find_element(f"{sel(control_id)} input[value='{value}']")


def test_energy_page_renders_every_graph_with_sources_and_no_console_errors(start):
    dash_duo = start("/energy")
    driver = dash_duo.driver
    for graph in GRAPHS:
        dash_duo.wait_for_element(f"{sel(graph)} .main-svg")
        assert "Sources:" in dash_duo.find_element(f"#{graph}-src").text, graph
    assert trace_names(driver, "energy-oil-az") == [
        "BP Statistical Review 2021",
        "EI Statistical Review 2025 — converted at 11.63 TWh/Mt",
        "AZ government",
        "SOCAR",
    ]
    heights = driver.execute_script(
        "return arguments[0].map(id => document.getElementById(id).querySelector('.js-plotly-plot')"
        "._fullLayout.height);",
        [dom(g) for g in GRAPHS],
    )
    # grid-cell charts keep their height; one whose legend would be cut off grows by what the legend lacks
    # (assets/chart_heads.js: the Azerbaijani gas chart's five entries, two of them on two lines)
    assert heights[:2] == [330, 330] and heights[3:] == [330, 360, 360] and 330 <= heights[2] < 400
    assert visible_event_markers(driver, "energy-oil-az") == 0  # events off by default (?events=1 shows them)
    assert "Part-year" in dash_duo.find_element(sel("energy-bn")).find_element("xpath", "..").text
    assert dash_duo.find_element("#energy-detail-year").text == "2024"
    assert dash_duo.get_logs() == []


def test_clicking_a_point_selects_the_year_and_relists_the_detail_table(start):
    dash_duo = start("/energy")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    before = dash_duo.find_element("#energy-statements-wrap").text
    assert "0.93 Mt" not in before
    click_element(driver, point_for_year(driver, "energy-oil-az", 0, 2014))
    dash_duo.wait_for_text_to_equal(sel("energy-year-label"), "2014")
    dash_duo.wait_for_text_to_equal("#energy-detail-year", "2014")
    # EN0398: SOCAR's 2014 Baku–Novorossiysk volume, 0.932155 Mt, is one of the figures dated 2014
    dash_duo.wait_for_contains_text("#energy-statements-wrap", "0.93 Mt")
    assert dash_duo.find_element("#energy-statements-wrap").text != before
    for graph in GRAPHS:
        assert selection_x0(driver, graph) == [2013.5], graph
    until(lambda: "year=2014" in driver.current_url, timeout=10)
    click_element(driver, dash_duo.find_element(sel("energy-clear")))
    dash_duo.wait_for_text_to_equal("#energy-detail-year", "2024")
    assert selection_x0(driver, "energy-bn") == []
    assert dash_duo.get_logs() == []


def test_oil_unit_switch_redraws_both_oil_charts_and_says_what_is_missing(start):
    dash_duo = start("/energy")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    assert trace_value(driver, "energy-oil-az", "BP Statistical Review 2021", 1990) == 12.5  # EN0001, Mt
    click_element(driver, option(dash_duo, "energy-oil", "kbd"))
    until(lambda: trace_names(driver, "energy-oil-az") == ["BP Statistical Review 2021"], timeout=10)
    assert trace_value(driver, "energy-oil-az", "BP Statistical Review 2021", 1990) == 254.3  # EN0002, kb/d
    assert trace_names(driver, "energy-oil-ru") == ["BP Statistical Review 2021"]
    texts = [a["text"] for a in graph_layout(driver, "energy-oil-az")["annotations"]]
    assert "kb/d" in texts
    assert "<i>EI publishes no kb/d series and no Mt↔kb/d factor is stated</i>" in texts
    until(lambda: "oil=kbd" in driver.current_url, timeout=10)
    click_element(driver, option(dash_duo, "energy-oil", "twh"))
    until(lambda: "EI Statistical Review 2025" in trace_names(driver, "energy-oil-az"), timeout=10)
    # EN0001 × 11.63 TWh/Mt
    assert (
        trace_value(driver, "energy-oil-az", "BP Statistical Review 2021 — converted at 11.63 TWh/Mt", 1990) == 145.375
    )
    assert dash_duo.get_logs() == []


def test_source_switch_removes_a_source_from_every_production_chart(start):
    dash_duo = start("/energy?gas=twh")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    assert "AZ government — marketed gas — converted at 10 TWh/bcm" in trace_names(driver, "energy-gas-az")
    click_element(driver, option(dash_duo, "energy-sources", "official"))
    until(lambda: "SOCAR" not in trace_names(driver, "energy-oil-az"), timeout=10)
    until(lambda: len(trace_names(driver, "energy-gas-az")) == 2, timeout=10)
    assert trace_names(driver, "energy-gas-ru") == [
        "BP Statistical Review 2021 — converted at 10 TWh/bcm",
        "EI Statistical Review 2025",
    ]
    until(lambda: "sources=bp,ei" in driver.current_url and "gas=twh" in driver.current_url, timeout=10)
    assert dash_duo.get_logs() == []


def test_events_toggle_hides_the_caspian_milestones(start):
    dash_duo = start("/energy?events=1")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, GRAPHS)
    assert visible_event_markers(driver, "energy-bn") == 40
    click_element(driver, dash_duo.find_element(sel("energy-events") + " input"))
    until(lambda: visible_event_markers(driver, "energy-bn") == 0, timeout=10)
    assert visible_event_markers(driver, "energy-gas-ru") == 0
    until(lambda: "events=" not in driver.current_url, timeout=10)
    assert dash_duo.get_logs() == []


def test_tampered_url_gives_a_notice_and_defaults(start):
    dash_duo = start("/energy?oil=%3Cscript%3E&sources=bp,zz&release=abc")
    dash_duo.wait_for_contains_text("#energy-notice", "Unknown oil unit")
    text = dash_duo.find_element("#energy-notice").text
    assert "<script>" in text and "'zz'" in text and "unknown parameter 'release'" in text
    dash_duo.wait_for_element(sel("energy-oil-az") + " .main-svg")
    assert trace_names(dash_duo.driver, "energy-oil-az") == ["BP Statistical Review 2021"]
    assert dash_duo.get_logs() == []


def test_download_excel_holds_the_units_and_sources_in_view(start):
    dash_duo = start("/energy?oil=kbd&sources=bp&year=2014")
    dash_duo.wait_for_text_to_equal(sel("energy-year-label"), "2014")
    wait_until_graphs_settle(dash_duo, GRAPHS)
    click_element(dash_duo.driver, dash_duo.find_element("#energy-download-btn"))
    path = wait_for_download(Path(dash_duo.download_path))
    assert path.name == "ruaz-energy-kbd-bcm-2014.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert {"About", "Data", "Sources", "Energy figures 2014", "Lukoil"} <= set(wb.sheetnames)
    sheet = wb["Data"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    production = [r for r in rows if "production" in str(r["indicator"])]
    assert {r["indicator"] for r in production} == {"energy_oil_production_kbd", "energy_gas_production_marketed_bcm"}
    assert {r["reporter"] for r in production} == {"BP"}
    bp_1990 = [r["value"] for r in production if r["indicator"].endswith("kbd") and r["year"] == 1990]
    assert bp_1990 == [254.3, 10342.4]  # EN0002 (AZ), EN0116 (RU)
    assert dash_duo.get_logs() == []
