"""Charts that travel: the SVG/PNG carry the source, the CSV is data/clean for the view, the data table, and
"Copy link" gives the current address."""

from __future__ import annotations

import base64
import html
import io
import re
import struct
import time
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from dash.testing.wait import until

from indicators.pipeline import DEFAULT_CLEAN
from tests.browser.conftest import click_element, dom
from tests.browser.page_helpers import wait_until_graphs_settle

pytestmark = pytest.mark.browser

OBS = pd.read_csv(DEFAULT_CLEAN / "observations.csv", dtype=str, keep_default_na=False)
SOURCES = pd.read_csv(DEFAULT_CLEAN / "sources.csv", dtype=str, keep_default_na=False).set_index("source_id")
CSV_COLUMNS = [
    "indicator",
    "reporter",
    "subject",
    "period",
    "value",
    "unit",
    "qualifier",
    "source_id",
    "publisher",
    "edition",
    "url",
]
EXPORT = "ruazExport.image(arguments[0], arguments[1]).then(o => arguments[2](o.url), e => arguments[2]('ERR ' + e));"


def svg_text(data_url: str) -> str:
    """The text of an SVG data URL, tags removed, entities decoded, spaces collapsed."""
    assert data_url.startswith("data:image/svg+xml,"), data_url[:80]
    svg = unquote(data_url.split(",", 1)[1])
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg)).split())


def test_the_svg_export_carries_title_unit_source_edition_and_dates(start):
    dash_duo = start("/energy?sources=bp")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ["energy-oil-az"])
    driver.set_script_timeout(30)
    text = svg_text(driver.execute_async_script(EXPORT, "energy-oil-az", "svg"))
    # the only source of the BP line: bp-sr-2021 in data/clean/sources.csv
    bp = SOURCES.loc["bp-sr-2021"]
    assert f"Source: {bp['publisher']}, {bp['edition']} ({bp['date']})" in text
    assert (
        "Source: BP p.l.c., Statistical Review of World Energy 2021, BP Statistical Review 2021 (data to 2020)" in text
    )
    assert "Unit: Mt" in text and "Oil production — Azerbaijan (million tonnes)" in text
    assert "/energy?sources=bp · data built " in text and f"exported {time.strftime('%Y-%m-%d')}" in text
    assert "Energy Institute" not in text  # the EI series is not in this view
    assert dash_duo.get_logs() == []


def test_the_png_export_is_taller_than_the_chart_by_the_source_lines(start):
    dash_duo = start("/arms")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ["arms-milex"])
    driver.set_script_timeout(30)
    url = driver.execute_async_script(EXPORT, "arms-milex", "png")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    width, height = struct.unpack(">II", png[16:24])  # IHDR, at scale 2
    live = driver.execute_script(
        "const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot'); "
        "return [gd._fullLayout.width, gd._fullLayout.height];",
        dom("arms-milex"),
    )
    # at least 800 px wide; lines of 14 px plus 12 px: the unit, one SIPRI source (about 150 characters: two
    # lines of at most (800 - 20) / 5.6 = 139), the site and dates
    assert width == 2 * max(live[0], 800) and height == 2 * (live[1] + 4 * 14 + 12)
    assert dash_duo.get_logs() == []


def test_the_csv_link_downloads_exactly_the_clean_rows_of_the_view(start):
    dash_duo = start("/arms?release=2023")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ["arms-tiv"])
    click_element(driver, dash_duo.find_element("#arms-tiv-csv"))
    folder = Path(dash_duo.download_path)
    deadline = time.monotonic() + 20
    while not [p for p in folder.glob("*.csv") if p.stat().st_size] or list(folder.glob("*.crdownload")):
        assert time.monotonic() < deadline, "no CSV downloaded"
        time.sleep(0.2)
    (path,) = folder.glob("*.csv")
    assert path.name == "ruaz-arms-tiv.csv"
    got = pd.read_csv(io.StringIO(path.read_text()), dtype=str, keep_default_na=False)
    march_2024 = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
    rows = OBS[
        (OBS["indicator"] == "arms_tiv_to_az")
        & (OBS["edition"] == march_2024)
        & (OBS["subject"] != "all suppliers (sum)")
    ]
    want = rows.assign(
        publisher=[SOURCES.loc[s, "publisher"] for s in rows["source_id"]],
        url=[SOURCES.loc[s, "url"] for s in rows["source_id"]],
    )[CSV_COLUMNS]
    key = ["indicator", "reporter", "subject", "period"]
    assert len(got) == len(want) == 85
    pd.testing.assert_frame_equal(
        got.sort_values(key).reset_index(drop=True), want.sort_values(key).reset_index(drop=True)
    )
    assert dash_duo.get_logs() == []


def test_view_data_opens_a_captioned_table_of_the_chart(start):
    dash_duo = start("/energy?sources=bp")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ["energy-oil-az"])
    click_element(driver, dash_duo.find_element("#energy-oil-az-data-view-summary"))
    dash_duo.wait_for_contains_text("#energy-oil-az-data-table caption", "31 rows", timeout=20)
    table = dash_duo.find_element("#energy-oil-az-data-table table")
    assert table.find_element("css selector", "caption").text == (
        "Data behind the chart “Oil production — Azerbaijan (million tonnes)”: 31 rows"
    )
    heads = table.find_elements("css selector", "thead th")
    assert [h.get_attribute("scope") for h in heads] == ["col"] * 9
    first = [td.text for td in table.find_elements("css selector", "tbody tr:first-child td")]
    assert first[:7] == ["energy_oil_production_mt", "BP", "AZ", "1990", "12.5", "Mt", "exact"]
    assert dash_duo.get_logs() == []


def test_copy_link_shows_the_current_address_with_its_year(start):
    dash_duo = start("/trade?year=2014&flow=az_to_ru")
    driver = dash_duo.driver
    wait_until_graphs_settle(dash_duo, ["trade-main"])
    click_element(driver, dash_duo.find_element("#copy-link-btn"))
    box = dash_duo.find_element("#copy-link-url")
    until(box.is_displayed, timeout=10)
    assert box.get_attribute("value") == driver.current_url
    assert "year=2014" in box.get_attribute("value") and "flow=az_to_ru" in box.get_attribute("value")
    assert box.get_attribute("readonly") == "true"
    assert dash_duo.find_element("#copy-link-btn").text in ("Link copied", "Copy the link below")
    assert dash_duo.get_logs() == []


def test_the_compare_slope_chart_travels_like_every_chart_with_the_rows_it_draws(start):
    # /compare 2013 → 2014, then only the two turnover rows ticked: its CSV, table and image follow the ticks
    dash_duo = start("/compare?a=2013&b=2014")
    driver = dash_duo.driver
    tools = driver.execute_script(
        "return Array.from(document.querySelectorAll(\"[data-graph='cmp-slope']\")).map(e => e.textContent.trim());"
    )
    assert tools[:3] == ["PNG", "SVG", "CSV"] and dash_duo.find_element("#cmp-slope-data-view-summary")
    edition = "DOTS export of 2022-02 (annual data to 2020)"
    rows = [f"trade_az_ru_turnover|{rep}||{edition}" for rep in ("AZ", "RU")]
    driver.execute_script(
        "const api = dash_ag_grid.getApi('cmp-grid'); api.deselectAll();"
        "arguments[0].forEach(id => api.getRowNode(id).setSelected(true));",
        rows,
    )
    names = (
        "return document.querySelector('#cmp-slope .js-plotly-plot').data.map(t => t.name.split('<br >').join(' '));"
    )
    want_names = ["Goods turnover, Azerbaijan–Russia (AZ-reported)", "Goods turnover, Azerbaijan–Russia (RU-reported)"]
    until(lambda: driver.execute_script(names) == want_names, timeout=20)
    driver.set_script_timeout(30)
    text = driver.execute_async_script(
        "fetch(ruazExport.dataUrl('cmp-slope', 'csv')).then(r => r.text()).then(arguments[0]);"
    )
    got = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    # data/clean: the AZ- and RU-reported turnover of 2013 and 2014 (IMF DOTS), nothing else
    picked = OBS[
        (OBS["indicator"] == "trade_az_ru_turnover") & OBS["period"].isin(["2013", "2014"]) & (OBS["kind"] == "series")
    ]
    want = picked.assign(
        publisher=[SOURCES.loc[s, "publisher"] for s in picked["source_id"]],
        url=[SOURCES.loc[s, "url"] for s in picked["source_id"]],
    )[CSV_COLUMNS]
    assert got["value"].tolist() == ["2583.0229", "1954.7519", "3578.4011", "4009.0208"]
    key = ["indicator", "reporter", "subject", "period"]
    pd.testing.assert_frame_equal(
        got.sort_values(key).reset_index(drop=True), want.sort_values(key).reset_index(drop=True)
    )
    svg = svg_text(driver.execute_async_script(EXPORT, "cmp-slope", "svg"))
    assert "Source: International Monetary Fund (IMF), Direction of Trade Statistics (DOTS), " + edition in svg
    assert "/compare?a=2013&b=2014&release=2024 · data built " in svg and "_rows" not in svg
    assert dash_duo.get_logs() == []
