"""Data & sources page in real headless Chromium: grids, table selector and URL, source links, download."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import click_element
from tests.browser.test_compare import choose

CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"
NNBSP = "\u202f"

LINKS_JS = """
return Array.from(document.querySelectorAll(arguments[0])).map(
    a => ({href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') || ''}));
"""


def rows_text(n: int) -> str:
    return f"{n:,}".replace(",", NNBSP) + " rows"


def test_data_page_renders_its_grid_and_every_source_as_a_real_link(start):
    dash_duo = start("/data", wait_for="#data-grid .ag-row")
    catalogue = pd.read_csv(CLEAN / "catalogue.csv")
    dash_duo.wait_for_contains_text("#data-caption", rows_text(len(catalogue)))
    first = dash_duo.find_element('#data-grid .ag-row[row-index="0"] [col-id="indicator_id"]')
    assert first.text == catalogue["indicator_id"].iloc[0]

    sources = pd.read_csv(CLEAN / "sources.csv")
    http = sources[sources["url"].str.match(r"^https?://", na=False)]
    links = dash_duo.driver.execute_script(LINKS_JS, "#data-sources a")
    assert len(links) == len(http)
    assert {a["href"] for a in links} == set(http["url"])
    assert all(a["target"] == "_blank" and "noopener" in a["rel"].split() for a in links)
    assert dash_duo.find_element("#data-report-built-at").text
    # one status vocabulary: the warning count is the number of warn items listed and of warn rows in the table
    report = json.loads((CLEAN / "validation_report.json").read_text())
    warn = sum(c["status"] == "warn" for c in report["sanity_checks"]) + len(report["warnings"])
    assert warn >= 2
    assert dash_duo.find_element("#data-report-warnings").text == str(warn)
    assert len(dash_duo.find_elements("#data-warnings li")) == warn
    statuses = [b.get_attribute("textContent") for b in dash_duo.find_elements("#data-sanity .check-status")]
    assert statuses.count("warn") == warn - len(report["warnings"])
    assert "No warnings" not in dash_duo.find_element("#data-report").get_attribute("textContent")
    dash_duo.wait_for_element("#data-coverage .ag-row")
    assert dash_duo.get_logs() == []


def test_sources_table_from_the_url_shows_clickable_urls(start):
    dash_duo = start("/data?table=sources", wait_for='#data-grid .ag-row [col-id="url"] a')
    sources = pd.read_csv(CLEAN / "sources.csv")
    links = dash_duo.driver.execute_script(LINKS_JS, '#data-grid .ag-row[row-index="0"] [col-id="url"] a')
    assert links == [{"href": sources["url"].iloc[0], "target": "_blank", "rel": "noopener noreferrer nofollow"}]
    assert "table=sources" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_table_selector_switches_the_grid_and_the_url_and_filters_narrow_it(start):
    dash_duo = start("/data", wait_for="#data-grid .ag-row")
    observations = pd.read_csv(CLEAN / "observations.csv")
    choose(dash_duo, "#data-table", "Observations")
    dash_duo.wait_for_contains_text("#data-caption", rows_text(len(observations)))
    WebDriverWait(dash_duo.driver, 10).until(lambda d: "table=observations" in d.current_url)
    box = dash_duo.find_element('#data-grid .ag-floating-filter[col-id="obs_id"] input')
    box.send_keys("TS0022")
    # TS0022: AZ exports to Russia, 2013 = 1077.8444 USD million (data/raw/trade_series.csv)
    dash_duo.wait_for_text_to_equal('#data-grid .ag-row[row-index="0"] [col-id="obs_id"]', "TS0022")
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: len(d.find_elements("css selector", "#data-grid .ag-center-cols-container .ag-row")) == 1
    )
    shown = dash_duo.driver.execute_script(
        "const api = dash_ag_grid.getApi('data-grid');"
        "return [api.getDisplayedRowCount(), api.getDisplayedRowAtIndex(0).data];"
    )
    assert shown[0] == 1
    assert (shown[1]["indicator"], shown[1]["reporter"], shown[1]["year"]) == ("trade_az_to_ru", "AZ", 2013)
    assert shown[1]["value"] == 1077.8444
    assert dash_duo.get_logs() == []


def test_unknown_table_in_the_url_gives_a_notice_and_the_default_table(start):
    dash_duo = start("/data?table=%3Cscript%3Ealert(1)%3C%2Fscript%3E", wait_for="#data-grid .ag-row")
    assert "Unknown table" in dash_duo.find_element("#data-notice").text
    assert dash_duo.find_element("#data-table").text.startswith("Catalogue")
    assert dash_duo.get_logs() == []


def test_download_everything_gives_every_observation(start):
    dash_duo = start("/data", wait_for="#data-grid .ag-row")
    folder = Path(dash_duo.download_path)
    click_element(dash_duo.driver, dash_duo.find_element("#data-download-btn"))

    def finished(_driver) -> Path | None:
        done = [p for p in folder.glob("*.xlsx") if p.stat().st_size > 0]
        return done[0] if done and not list(folder.glob("*.crdownload")) else None

    path = WebDriverWait(dash_duo.driver, 30, poll_frequency=0.2).until(finished)
    assert path.name.startswith("ruaz-all-data")
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    assert wb.sheetnames[:2] == ["About", "Data"]
    assert wb.sheetnames[-1] == "Sources"
    observations = pd.read_csv(CLEAN / "observations.csv")
    assert sum(1 for _ in wb["Data"].iter_rows(min_row=2)) == len(observations)
    assert dash_duo.get_logs() == []
