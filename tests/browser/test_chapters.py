"""Chapters page in real headless Chromium: deep link with commentary and chart, the list, bad ids, timeline filter."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from dashboard.data import DataStore, load_store
from tests.browser.conftest import click_element

WAIT = 30


@pytest.fixture(scope="module")
def shipped() -> DataStore:
    return load_store()


def test_chapter_9_deep_link_renders_its_commentary_and_linked_chart(start):
    dash_duo = start("/chapters/9", wait_for="#chapters-chart-9 .main-svg", timeout=WAIT)
    dash_duo.wait_for_contains_text("#chapters-commentary-9", "Baku–Novorossiysk", timeout=WAIT)
    dash_duo.wait_for_contains_text("#chapters-commentary-9", "reported by EI", timeout=WAIT)
    driver = dash_duo.driver
    numbers = driver.find_elements("css selector", "#chapters-commentary-9 .num")
    assert len(numbers) >= 8
    cited = driver.find_elements("css selector", "#chapters-commentary-9 .num > a[href^='https://']")
    assert cited and all(a.get_attribute("title") for a in cited)
    assert all("nan" not in n.text.lower().split() for n in numbers)
    traces = driver.execute_script(
        "return document.getElementById('chapters-chart-9').querySelector('.js-plotly-plot').data.map(t => t.name);"
    )
    assert traces == ["BP Statistical Review 2021", "EI Statistical Review 2025"]
    assert "Sources:" in dash_duo.find_element("#chapters-chart-9-src").text
    assert dash_duo.find_element("#chapters-chapter-9 a[href='/energy']")
    assert dash_duo.get_logs() == []


def test_chapters_lists_all_eleven_chapters_and_the_timeline(start, shipped):
    dash_duo = start("/chapters", wait_for="#chapters-chart-10 .main-svg", timeout=WAIT)
    until(lambda: len(dash_duo.find_elements(".chapter-section")) == 11, timeout=WAIT)
    dash_duo.wait_for_contains_text(
        "#chapters-timeline-count", f"Showing {len(shipped.events)} of {len(shipped.events)}", timeout=WAIT
    )
    rows = dash_duo.find_elements("#chapters-timeline-table tbody tr")
    assert len(rows) == len(shipped.events)
    assert dash_duo.get_logs() == []


def test_a_category_chip_filters_the_timeline_and_keeps_the_choice_in_the_url(start, shipped):
    dash_duo = start("/chapters", wait_for="#chapters-timeline-table", timeout=WAIT)
    n = int((shipped.events["category"] == "conflict").sum())
    click_element(dash_duo.driver, dash_duo.find_element("#chapters-cat-conflict"))
    dash_duo.wait_for_contains_text("#chapters-timeline-count", f"Showing {n} of", timeout=WAIT)
    until(lambda: "cats=conflict" in dash_duo.driver.current_url, timeout=WAIT)
    cats = {r.get_attribute("data-category") for r in dash_duo.find_elements("#chapters-timeline-table tbody tr")}
    assert cats == {"conflict"}
    assert dash_duo.get_logs() == []


def test_a_bad_chapter_id_shows_a_friendly_notice(start):
    dash_duo = start("/chapters/abc", wait_for="#chapters-notice", timeout=WAIT)
    dash_duo.wait_for_contains_text("#chapters-notice", "There is no chapter 'abc'", timeout=WAIT)
    until(lambda: len(dash_duo.find_elements(".chapter-section")) == 11, timeout=WAIT)
    assert dash_duo.get_logs() == []
