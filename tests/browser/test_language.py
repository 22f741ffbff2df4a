"""The language switch (EN · RU · AZ): ?lang= in the URL, kept with the year and carried by the nav, <html lang>.

Expected words are the catalogues' translations (dashboard/locale), written out by hand.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
from dash.testing.wait import until

from tests.browser.conftest import click_element, sel
from tests.browser.page_helpers import choose_year_with_keyboard, wait_for_download

CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"

NAV_IDS = ["nav-overview", "nav-trade", "nav-energy", "nav-arms", "nav-compare", "nav-chapters", "nav-data"]
NAV_RU = ["Обзор", "Торговля", "Каспийская энергетика", "Вооружения", "Сравнение лет", "Главы", "Данные и источники"]
NAV_AZ = ["İcmal", "Ticarət", "Xəzər enerjisi", "Silahlar", "İllərin müqayisəsi", "Fəsillər", "Məlumatlar və mənbələr"]


def nav_texts(dash_duo) -> list[str]:
    return [dash_duo.find_element(f"#{i}").text for i in NAV_IDS]


def html_lang(dash_duo) -> str:
    return dash_duo.driver.execute_script("return document.documentElement.lang;")


def test_switch_to_russian_keeps_the_year_and_the_nav_carries_the_language(start):
    dash_duo = start("/trade?year=2014")
    driver = dash_duo.driver
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)
    assert html_lang(dash_duo) == "en"
    assert nav_texts(dash_duo)[1] == "Trade"

    click_element(driver, dash_duo.find_element("#lang-ru"))
    dash_duo.wait_for_text_to_equal(".page-header h1", "Двусторонняя торговля", timeout=30)
    dash_duo.wait_for_text_to_equal("#nav-trade", "Торговля", timeout=30)
    assert "lang=ru" in driver.current_url and "year=2014" in driver.current_url
    assert html_lang(dash_duo) == "ru"
    assert nav_texts(dash_duo) == NAV_RU
    assert dash_duo.find_element(".page-header .chapter-tag").get_attribute("textContent") == (
        "Глава 8 доклада · Российско-азербайджанское экономическое взаимодействие"
    )
    assert dash_duo.find_element("#lang-ru").get_attribute("class") == "lang-link current"
    until(lambda: driver.title == "Торговля · RU–AZ Indicators", timeout=10)  # the browser tab's title too
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)
    # the page's own words: the detail panel the browser draws from the Russian payload, the selection bar
    detail_title = "return document.querySelector('#trade-detail .gtitle').textContent;"
    assert driver.execute_script(detail_title) == "Потоки в 2014 г. по данным каждой стороны (млн долл. США)"
    assert dash_duo.find_element(".selection-bar .btn-light").text == "Сбросить выбор"

    click_element(driver, dash_duo.find_element("#nav-energy"))
    dash_duo.wait_for_text_to_equal(".page-header h1", "Каспийское измерение", timeout=30)
    assert "/energy" in driver.current_url
    assert "lang=ru" in driver.current_url and "year=2014" in driver.current_url
    assert html_lang(dash_duo) == "ru"
    assert nav_texts(dash_duo) == NAV_RU
    # a navigation in the page: Dash's router writes the English title, which is put in Russian again
    until(lambda: driver.title == "Каспийская энергетика · RU–AZ Indicators", timeout=10)

    click_element(driver, dash_duo.find_element("#lang-az"))
    dash_duo.wait_for_text_to_equal(".page-header h1", "Xəzər ölçüsü", timeout=30)
    dash_duo.wait_for_text_to_equal("#nav-energy", "Xəzər enerjisi", timeout=30)
    assert "/energy" in driver.current_url
    assert "lang=az" in driver.current_url and "year=2014" in driver.current_url
    assert html_lang(dash_duo) == "az"
    assert nav_texts(dash_duo) == NAV_AZ
    until(lambda: driver.title == "Xəzər enerjisi · RU–AZ Indicators", timeout=10)
    assert dash_duo.get_logs() == []


def test_switch_follows_a_year_chosen_after_the_page_loaded(start):
    dash_duo = start("/trade?year=2013&lang=az")
    driver = dash_duo.driver
    dash_duo.wait_for_text_to_equal(".page-header h1", "İkitərəfli ticarət", timeout=30)
    assert html_lang(dash_duo) == "az"
    choose_year_with_keyboard(dash_duo, "trade", 1)
    dash_duo.wait_for_text_to_equal(sel("trade-year-label"), "2014", timeout=30)
    assert "year=2014" in driver.current_url and "lang=az" in driver.current_url  # the URL sync keeps lang
    click_element(driver, dash_duo.find_element("#lang-en"))
    dash_duo.wait_for_text_to_equal(".page-header h1", "Bilateral trade", timeout=30)
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)
    assert "year=2014" in driver.current_url and "lang=en" in driver.current_url
    assert html_lang(dash_duo) == "en"
    assert nav_texts(dash_duo)[2] == "Caspian energy"
    until(lambda: driver.title == "Trade · RU–AZ Indicators", timeout=10)
    assert dash_duo.get_logs() == []


def test_a_chapter_page_has_its_browser_title_in_the_language(start):
    # "Chapter 9: The Caspian dimension · RU–AZ Indicators" (pages.chapters.page_title) in Azerbaijani
    dash_duo = start("/chapters/9?lang=az")
    until(lambda: dash_duo.driver.title == "Fəsil 9: Xəzər ölçüsü · RU–AZ Indicators", timeout=10)
    assert html_lang(dash_duo) == "az"
    assert dash_duo.get_logs() == []


def test_an_unknown_language_is_english_without_an_error(start):
    dash_duo = start("/arms?lang=xx")
    dash_duo.wait_for_text_to_equal(".page-header h1", "Arms transfers and military spending", timeout=30)
    assert html_lang(dash_duo) == "en"
    assert nav_texts(dash_duo)[3] == "Arms"
    assert dash_duo.get_logs() == []


def test_a_russian_page_downloads_a_russian_workbook_of_the_clean_numbers(start):
    dash_duo = start("/trade?year=2014")
    driver = dash_duo.driver
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)
    click_element(driver, dash_duo.find_element("#lang-ru"))
    dash_duo.wait_for_text_to_equal(".page-header h1", "Двусторонняя торговля", timeout=30)
    dash_duo.wait_for_text_to_equal("#trade-detail-year", "2014", timeout=30)  # the year selection is kept
    assert "lang=ru" in driver.current_url and "year=2014" in driver.current_url
    click_element(driver, dash_duo.find_element("#trade-download-btn"))
    path = wait_for_download(Path(dash_duo.download_path))
    assert path.name == "ruaz-trade-turnover-2014.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert wb.sheetnames == ["Описание", "Данные", "Торговля по годам", "Диаграммы", "Заявления 2014", "Источники"]
    header = [c.value for c in wb["Данные"][1]]
    assert header[:6] == ["показатель", "название показателя", "отчитывающаяся сторона", "объект", "период", "год"]
    rows = [dict(zip(header, r, strict=True)) for r in wb["Данные"].iter_rows(min_row=2, values_only=True)]
    clean = pd.read_csv(CLEAN / "observations.csv", dtype={"period": str})
    published = set(clean[["indicator", "period", "source_id", "value"]].itertuples(index=False, name=None))
    keys = [(r["показатель"], r["период"], r["id источника"], r["значение"]) for r in rows if r["значение"] is not None]
    assert keys and all(k in published for k in keys)  # every number is data/clean's, exactly
    turnover_2014 = {
        r["отчитывающаяся сторона"]: r["значение"]
        for r in rows
        if r["показатель"] == "trade_az_ru_turnover" and r["год"] == 2014 and r["вид"] == "ряд"
    }
    assert turnover_2014 == {"Азербайджан": 1954.7519, "Россия": 4009.0208}  # D-…-AZ-2014, D-…-RU-2014
    assert dash_duo.get_logs() == []
