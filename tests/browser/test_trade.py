"""Trade page in real headless Chromium: linking, URL state, Excel download."""

from __future__ import annotations

import io
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains

from tests.browser.conftest import click_element, dom, graph_layout, sel

GRAPHS = ["trade-main", "trade-mirror", "trade-balance", "trade-share", "trade-share-ru", "trade-detail"]
TS_GRAPHS = GRAPHS[:5]
NNBSP = "\u202f"


def point_for_year(driver, graph_id: str, trace_index: int, year: int):
    """The DOM element of the marker for ``year`` on a trace (the element a user clicks)."""
    return driver.execute_script(
        """
        const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
        const trace = gd.querySelectorAll('.scatterlayer .trace')[arguments[1]];
        return Array.from(trace.querySelectorAll('.points path'))
            .find(p => p.__data__ && p.__data__.x === arguments[2]);
        """,
        dom(graph_id),
        trace_index,
        year,
    )


def selection_x0(driver, graph_id: str) -> list[float]:
    shapes = graph_layout(driver, graph_id).get("shapes") or []
    return [s["x0"] for s in shapes if s.get("name") == "selection"]


def detail_values(driver) -> list[list[float | None]]:
    return driver.execute_script(
        "return document.getElementById('trade-detail').querySelector('.js-plotly-plot').data.map(t => t.y);"
    )


def test_trade_page_renders_all_graphs_without_console_errors(start):
    dash_duo = start("/trade")
    for graph in GRAPHS:
        dash_duo.wait_for_element(f"{sel(graph)} .main-svg")
    assert "Sources:" in dash_duo.find_element("#trade-main-src").text
    assert dash_duo.get_logs() == []


def test_click_on_main_chart_updates_detail_kpis_highlight_and_url(start):
    dash_duo = start("/trade")
    driver = dash_duo.driver
    dash_duo.wait_for_element("#trade-detail .main-svg")
    before = detail_values(driver)
    click_element(driver, point_for_year(driver, "trade-main", 0, 2014))
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "2014", timeout=30)
    # AZ-reported turnover 2014 = exports 640.2714 (TS0023) + imports 1314.4805 (TS0052) = 1954.7519
    dash_duo.wait_for_contains_text("#trade-kpis", f"1{NNBSP}955", timeout=30)
    after = detail_values(driver)
    assert after != before
    assert after[0] == pytest.approx([640.2714, 1314.4805])  # AZ-reported AZ→RU, RU→AZ
    assert after[1] == pytest.approx([635.9276, 3373.0932])  # RU-reported (TS0164, TS0137)
    for graph in TS_GRAPHS:
        assert selection_x0(driver, graph) == [2013.5], graph
    assert "year=2014" in driver.current_url
    click_element(driver, dash_duo.find_element(sel("trade-clear")))
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "none (click a point)", timeout=30)
    assert selection_x0(driver, "trade-mirror") == []
    assert "year=" not in driver.current_url
    assert dash_duo.get_logs() == []


def test_box_zoom_on_main_chart_zooms_sibling_charts(start):
    dash_duo = start("/trade")
    driver = dash_duo.driver
    dash_duo.wait_for_element(sel("trade-main") + " .nsewdrag")
    drag = dash_duo.find_element(sel("trade-main") + " .nsewdrag")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", drag)
    width, height = drag.size["width"], drag.size["height"]
    # selenium 4.2 measures the offset from the element's top-left corner
    ActionChains(driver).move_to_element_with_offset(
        drag, int(width * 0.3), height // 2
    ).click_and_hold().move_by_offset(int(width * 0.3), 5).release().perform()
    dash_duo.wait_for_contains_text(sel("trade-range-label"), "Range:", timeout=30)
    lo, hi = (int(x) for x in dash_duo.find_element(sel("trade-range-label")).text.split(":")[1].split("–"))
    for graph in ("trade-mirror", "trade-balance", "trade-share"):
        rng = graph_layout(driver, graph)["xaxis"]["range"]
        assert rng == [lo - 0.5, hi + 0.5], graph
    assert f"from={lo}" in driver.current_url and f"to={hi}" in driver.current_url
    assert dash_duo.get_logs() == []


def test_reloading_a_url_with_year_restores_the_selection(start):
    dash_duo = start("/trade?year=2014&flow=ru_to_az&ghost=1")
    driver = dash_duo.driver
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "2014", timeout=30)
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)
    for graph in TS_GRAPHS:
        assert selection_x0(driver, graph) == [2013.5]
    assert "Russia → Azerbaijan" in graph_layout(driver, "trade-main")["title"]["text"]
    # ghost=1 ("Show previous release"): one DOTS release in the data, so the chart says there is none
    notes = [a.get("text", "") for a in graph_layout(driver, "trade-main").get("annotations") or []]
    assert "<i>Previous release: no earlier release of this series in the data</i>" in notes
    driver.refresh()
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "2014", timeout=30)
    assert selection_x0(driver, "trade-main") == [2013.5]
    assert dash_duo.get_logs() == []


def test_tampered_url_gives_a_notice_and_defaults(start):
    dash_duo = start("/trade?year=abcd&flow=%3Cscript%3E&bogus=1")
    dash_duo.wait_for_contains_text("#trade-notice", "not a year", timeout=30)
    text = dash_duo.find_element("#trade-notice").text
    assert "Unknown flow" in text and "unknown parameter" in text
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "none (click a point)", timeout=30)
    assert dash_duo.get_logs() == []


def _wait_for_download(folder: Path, timeout: float = 20) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("*.xlsx") if p.stat().st_size > 0]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no workbook downloaded into {folder}")


def test_download_excel_matches_clean_data_for_the_view(start):
    dash_duo = start("/trade?year=2014&from=2010&to=2016")
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "2014", timeout=30)
    folder = Path(dash_duo.download_path)
    click_element(dash_duo.driver, dash_duo.find_element("#trade-download-btn"))
    path = _wait_for_download(folder)
    assert path.name == "ruaz-trade-turnover-2014.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert wb.sheetnames[0] == "About" and "Data" in wb.sheetnames and "Sources" in wb.sheetnames
    data = wb["Data"]
    header = [c.value for c in data[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in data.iter_rows(min_row=2)]
    assert rows and all(2010 <= r["year"] <= 2016 for r in rows)
    obs = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "clean" / "observations.csv")
    expected = obs[
        (obs["indicator"] == "trade_az_ru_turnover") & (obs["kind"] == "series") & obs["year"].between(2010, 2016)
    ]
    got = {(r["reporter"], r["year"]): r["value"] for r in rows if r["indicator"] == "trade_az_ru_turnover"}
    assert got == pytest.approx({(r.reporter, int(r.year)): r.value for r in expected.itertuples()})
    assert isinstance(got[("AZ", 2014)], float)
    assert dash_duo.get_logs() == []


def _visible_event_markers(driver, graph_id: str) -> int:
    """Event marker points drawn on a graph (hidden traces draw none)."""
    return driver.execute_script(
        """
        const el = document.getElementById(arguments[0]);
        const gd = el && el.querySelector('.js-plotly-plot');
        if (!gd || !gd.data) { return -1; }
        return gd.data.filter(t => String(t.name).startsWith('events:') && t.visible !== false)
                      .reduce((n, t) => n + t.x.length, 0);
        """,
        dom(graph_id),
    )


def test_events_toggle_and_category_filter_show_and_hide_markers(start):
    dash_duo = start("/trade")
    driver = dash_duo.driver
    dash_duo.wait_for_element(sel("trade-events") + " input")
    assert _visible_event_markers(driver, "trade-main") == 0
    assert driver.find_elements("css selector", sel("trade-main") + " .scatterlayer .trace .points path")
    click_element(driver, dash_duo.find_element(sel("trade-events") + " label"))
    until(lambda: _visible_event_markers(driver, "trade-main") > 0, timeout=10)
    total = _visible_event_markers(driver, "trade-main")
    assert total == _visible_event_markers(driver, "trade-balance") == 101  # every event in data/clean/events.csv
    assert "events=1" in driver.current_url
    # narrow to one category through the URL-restorable state
    start("/trade?events=1&cats=conflict")
    until(lambda: 0 < _visible_event_markers(driver, "trade-main") < total, timeout=15)
    conflict = _visible_event_markers(driver, "trade-main")
    assert conflict == 15  # events.csv rows with category 'conflict'
    click_element(driver, dash_duo.find_element(sel("trade-events") + " label"))
    until(lambda: _visible_event_markers(driver, "trade-main") == 0, timeout=10)
    assert "events=" not in driver.current_url
    assert dash_duo.get_logs() == []


def test_clicking_an_event_marker_shows_its_description_and_source(start):
    dash_duo = start("/trade?events=1&cats=treaty")
    driver = dash_duo.driver
    until(lambda: _visible_event_markers(driver, "trade-main") > 0, timeout=15)
    marker = driver.execute_script(
        """
        const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
        const group = Array.from(gd.querySelectorAll('.scatterlayer .trace'))
            .find(g => g.__data__ && g.__data__[0] && g.__data__[0].trace.name === 'events:treaty');
        return group.querySelector('.points path');
        """,
        dom("trade-main"),
    )
    click_element(driver, marker)
    dash_duo.wait_for_contains_text(sel("trade-event-detail"), "Source:", timeout=30)
    assert dash_duo.find_element(sel("trade-event-detail") + " a").get_attribute("href").startswith("http")
    assert dash_duo.find_element(sel("trade-year-label")).text == "none (click a point)"
    assert dash_duo.get_logs() == []


def test_the_selection_follows_the_user_to_another_page(start):
    dash_duo = start("/trade")
    driver = dash_duo.driver
    click_element(driver, point_for_year(driver, "trade-main", 0, 2014))
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "2014", timeout=30)
    until(lambda: "year=2014" in (dash_duo.find_element("#nav-energy").get_attribute("href") or ""), timeout=15)
    click_element(driver, dash_duo.find_element("#nav-energy"))
    dash_duo.wait_for_text_to_equal(sel("energy-year-label"), "2014", timeout=30)
    assert "/energy?year=2014" in driver.current_url
    assert dash_duo.get_logs() == []


CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean" / "observations.csv"
# (tile index, indicator, reporter, subject, unit) of the five key figures under "Year in detail"
TILES = [
    (0, "trade_az_ru_turnover", "AZ", None, "USD million"),
    (1, "trade_az_ru_turnover", "RU", None, "USD million"),
    (2, "trade_mirror_ratio", "OTHER", "turnover", "ratio"),
    (3, "trade_az_ru_balance", "AZ", None, "USD million"),
    (4, "trade_ru_share_of_az_trade", "AZ", None, "percent"),
]


def annual_rows() -> pd.DataFrame:
    obs = pd.read_csv(CLEAN)
    return obs[(obs["kind"] == "series") & obs["full_year"] & obs["value"].notna()]


def tile_value(obs: pd.DataFrame, indicator: str, reporter: str, subject: str | None, year: int) -> float:
    rows = obs[(obs["indicator"] == indicator) & (obs["reporter"] == reporter) & (obs["year"] == year)]
    if subject is not None:
        rows = rows[rows["subject"] == subject]
    assert len(rows) == 1, (indicator, reporter, year)
    return float(rows["value"].iloc[0])


def tile_text(value: float, unit: str) -> str:
    """How the page writes an exact value: narrow no-break space for thousands, '%' for percent."""
    if unit == "percent":
        return f"{value:,.1f}%"
    if unit == "ratio":
        return f"{value:,.2f}"
    digits = 0 if abs(value) >= 1000 else (1 if abs(value) >= 10 else 2)
    return f"{value:,.{digits}f}".replace(",", NNBSP) + f" {unit}"


def assert_tiles_show(dash_duo, year: int) -> None:
    obs = annual_rows()
    for i, indicator, reporter, subject, unit in TILES:
        expected = tile_text(tile_value(obs, indicator, reporter, subject, year), unit)
        dash_duo.wait_for_text_to_equal(f"#trade-kpi-{i}", expected, timeout=30)
        assert dash_duo.find_element(f"#trade-kpi-{i}-year").text == ""


def test_each_year_in_detail_tile_follows_two_clicks_in_turn(start):
    dash_duo = start("/trade")
    driver = dash_duo.driver
    dash_duo.wait_for_element("#trade-detail .main-svg")
    # 2014 (AZ turnover 640.2714 + 1314.4805 = 1 955; balance −674.2; mirror ratio 2.05; share 6.3%)
    click_element(driver, point_for_year(driver, "trade-main", 0, 2014))
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)
    assert_tiles_show(dash_duo, 2014)
    assert dash_duo.find_element("#trade-kpi-0").text == f"1{NNBSP}955 USD million"
    click_element(driver, point_for_year(driver, "trade-main", 0, 2010))
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2010", timeout=30)
    assert_tiles_show(dash_duo, 2010)
    assert graph_layout(driver, "trade-detail")["title"]["text"] == (
        "Flows in 2010, as each side reports them (USD million)"
    )
    for graph in TS_GRAPHS:
        assert selection_x0(driver, graph) == [2009.5], graph
    assert dash_duo.get_logs() == []


def test_year_in_detail_without_a_selection_shows_each_figures_latest_year(start):
    dash_duo = start("/trade")
    obs = annual_rows()
    dash_duo.wait_for_contains_text("#trade-detail-year", "latest figures", timeout=30)
    for i, indicator, reporter, subject, _unit in TILES:
        rows = obs[(obs["indicator"] == indicator) & (obs["reporter"] == reporter)]
        if subject is not None:
            rows = rows[rows["subject"] == subject]
        latest = int(rows["year"].max())
        text = dash_duo.find_element(f"#trade-kpi-{i}").text
        assert "no data" not in text
        assert dash_duo.find_element(f"#trade-kpi-{i}-year").text == f"latest: {latest}"
    # different tiles end in different years: turnover AZ 2024, RU 2025, the mirror ratio 2022, and the share
    # 2020 (2021-2023 not computed: AZ trade with Russia and world trade come from different outlets)
    years = [dash_duo.find_element(f"#trade-kpi-{i}-year").text for i in range(5)]
    assert years == ["latest: 2024", "latest: 2025", "latest: 2022", "latest: 2024", "latest: 2020"]
    assert dash_duo.get_logs() == []


def test_statements_show_qualifiers_and_periods_in_words(start):
    dash_duo = start("/trade?year=2023")
    dash_duo.wait_for_contains_text("#trade-statements", "USD million", timeout=30)
    text = dash_duo.find_element("#trade-statements").text
    # ST0093: the State Customs Committee's 'over $3.2bn' imports from Russia in 2023
    assert f"> 3{NNBSP}200 USD million" in text
    assert "\\" not in text and "2023-01.." not in text
    assert dash_duo.get_logs() == []
