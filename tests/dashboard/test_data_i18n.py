"""/data in Russian and Azerbaijani: table names and descriptions, grid headers and number cells, the sources'
count, the report's statuses, counts and summaries; the build's own records stay English (``lang="en"``).

Expected values are counted by hand from data/clean: catalogue.csv has 95 rows, events.csv 101, sources.csv 340
rows from 215 publishers; validation_report.json ran 24 schema checks (all pass) and 8 sanity checks (2 pass,
5 warn, 1 not applicable) and recorded no schema plausibility warnings.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import pytest
from dash import html

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.i18n import using_lang
from dashboard.queries import data_tables
from dashboard.queries.data_words import TABLE_WORDS
from indicators.schemas import table_description, table_title
from tests.dashboard.layout_walk import find, texts

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def page(data: DataStore) -> ModuleType:
    create_app(store=data)
    return importlib.import_module("dashboard.pages.data_sources")


def nodes(component: Any) -> list[Any]:
    out = [component]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            out += nodes(child)
    return out


def test_the_marked_table_words_are_the_models_words() -> None:
    """The titles and descriptions the page translates are exactly the pandera models' (no drift)."""
    models = [text for name in data_tables.TABLES for text in (table_title(name), table_description(name))]
    assert list(TABLE_WORDS) == models


def test_the_table_picker_and_caption_in_russian(page: ModuleType) -> None:
    with using_lang("ru"):  # as the app renders a page (i18n.in_page_lang)
        layout = page.layout(lang="ru")
    options = find(layout, "data-table").options
    assert [o["label"] for o in options][:3] == ["Наблюдения", "Изменения", "Каталог"]
    assert [o["value"] for o in options][:3] == ["observations", "changes", "catalogue"]
    assert find(layout, "data-caption").children == (
        "95 строк · Одна строка на показатель: название, область, глава доклада, единица измерения, тип "
        "изменения, определение; название и определение также на русском и азербайджанском."
    )


def test_switching_table_answers_in_the_pages_language(page: ModuleType) -> None:
    _rows, cols, caption, _query, _notice = page.show_table("events", {"lang": "az"})
    assert caption.startswith("101 sətir · Qrafiklərdə göstərilən tarixli siyasi")
    assert [c["headerName"] for c in cols][:3] == ["hadisənin ID-si", "tarix", "tarixin dəqiqliyi"]
    assert page.show_table("events", {"lang": "en"})[2].startswith("101 rows · Dated political")


def test_grid_headers_and_number_cells_in_the_language(data: DataStore) -> None:
    cols = {c["field"]: c for c in data_tables.grid_columns(data.catalogue, "ru")}
    assert cols["indicator_id"]["headerName"] == "код показателя"
    assert cols["label"]["headerName"] == "название показателя"  # the workbook catalogue's header
    assert cols["plausible_max"]["headerName"] == "правдоподобный максимум"
    formatter = cols["plausible_max"]["valueFormatter"]["function"]
    assert formatter == "ruazNumber(params.value, 'ru-RU')"  # assets/compare.js
    assert cols["plausible_max"]["useValueFormatterForExport"] is False  # CSV keeps numbers
    assert cols["plausible_max"]["cellDataType"] == "number"  # sorts as numbers
    assert "valueFormatter" not in cols["label"]
    years = {c["field"]: c for c in data_tables.grid_columns(data.observations, "az")}
    assert "valueFormatter" not in years["year"]  # a year takes no thousands space
    assert "valueFormatter" in years["value"]
    english = {c["field"]: c for c in data_tables.grid_columns(data.catalogue)}
    assert english["plausible_max"] == {
        "field": "plausible_max",
        "headerName": "plausible_max",
        "cellDataType": "number",
        "filter": "agNumberColumnFilter",
    }


def test_sources_count_in_russian_and_azerbaijani(page: ModuleType, data: DataStore) -> None:
    with using_lang("ru"):
        assert texts(page.sources_list(data)).startswith("340 источников от 215 издателей.")
    with using_lang("az"):
        block = page.sources_list(data)
    assert texts(block).startswith("215 nəşriyyatçı tərəfindən dərc olunmuş 340 mənbə.")
    # publisher names and titles stay as published, marked English
    headings = [n for n in nodes(block) if isinstance(n, html.H3)]
    assert headings and all(getattr(h, "lang", None) == "en" for h in headings)
    titles = [n for n in nodes(block) if isinstance(n, html.Span) and getattr(n, "className", None) == "src-title"]
    assert len(titles) == 340 and all(t.lang == "en" for t in titles)


def test_report_in_russian(page: ModuleType, data: DataStore) -> None:
    with using_lang("ru"):
        section = page.report_section(data)
    assert find(section, "data-report-schema-checks").children == "проверок: 24 (пройдено: 24)"
    assert find(section, "data-report-sanity-checks").children == (
        "проверок: 8 (пройдено: 2, предупреждение: 5, неприменимо: 1)"
    )
    assert find(section, "data-warnings-summary").children == (
        "5 предупреждений: 5 проверок на правдоподобие с предупреждением, 0 предупреждений о правдоподобии по схеме"
    )
    seconds = str(data.report["duration_seconds"]).replace(".", ",")
    assert find(section, "data-report-build-took").children == f"{seconds} с"
    statuses = [n for n in nodes(find(section, "data-sanity")) if getattr(n, "className", None) == "check-status"]
    assert [(s.children, s.to_plotly_json()["props"]["data-status"]) for s in statuses][:3] == [
        ("предупреждение", "warn"),
        ("неприменимо", "not applicable"),
        ("предупреждение", "warn"),
    ]
    counts = texts(find(section, "data-row-counts"))
    assert "Наблюдения3" + NBSP + "0673" + NBSP + "067" in counts  # observations: 3 067 built and loaded


def test_report_in_azerbaijani(page: ModuleType, data: DataStore) -> None:
    with using_lang("az"):
        section = page.report_section(data)
    assert find(section, "data-report-sanity-checks").children == (
        "8 yoxlama (keçdi: 2, xəbərdarlıq: 5, tətbiq olunmur: 1)"
    )
    # the build's own messages are English, marked so
    sanity = find(section, "data-sanity")
    messages = [n for n in nodes(sanity) if isinstance(n, html.Span) and getattr(n, "lang", None) == "en"]
    assert len(messages) == 8
