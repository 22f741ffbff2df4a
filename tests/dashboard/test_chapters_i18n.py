"""The chapter pages in Russian and Azerbaijani: indicator lists from the catalogue's translations, units in
words, links that keep the language, the timeline (categories, counts, dates with month names) and the
chapter charts; event titles and descriptions stay English, marked ``lang="en"``.

Expected values are counted by hand from data/clean: catalogue.csv has 50 indicators in chapter 8;
events.csv has 101 events, 29 of them in categories energy or treaty on the Caspian layer (chapter 9);
EC017 is dated 2003-11 (month), EP009 2009 (year), the first event 1992-04-04 (day).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import dash
import pytest
from dash import dcc, html

from dashboard.app import create_app
from dashboard.chapter_queries import event_date
from dashboard.data import DataStore
from dashboard.i18n import using_lang
from tests.dashboard.layout_walk import find, texts


@pytest.fixture(scope="module")
def chapters(data: DataStore) -> ModuleType:
    create_app(store=data)
    return importlib.import_module("dashboard.pages.chapters")


def render(lang: str, **kwargs: Any) -> Any:
    """The page as the app renders it (in the language of its ``lang=``)."""
    page = next(p for p in dash.page_registry.values() if p["path"] == "/chapters")
    return page["layout"](lang=lang, **kwargs)


def nodes(component: Any) -> list[Any]:
    if isinstance(component, list | tuple):
        return [n for c in component for n in nodes(c)]
    if component is None or isinstance(component, str | int | float):
        return []
    return [component, *nodes(getattr(component, "children", None))]


def test_event_dates_take_the_months_name() -> None:
    assert event_date("1992-04-04", "day", "ru") == "4 апреля 1992\u202fг."  # CLDR: narrow no-break space
    assert event_date("1992-04-04", "day", "az") == "4 aprel 1992"
    assert event_date("2003-11", "month", "ru") == "ноябрь 2003\u202fг."
    assert event_date("2003-11", "month", "az") == "noyabr 2003"
    assert event_date("2009", "year", "ru") == "2009"
    assert event_date("2003-11", "month", "en") == "2003-11"  # English as recorded
    with pytest.raises(ValueError, match="unknown date_precision 'week'"):
        event_date("2003-11", "week", "ru")


def test_the_indicator_list_of_chapter_8_in_russian(chapters: ModuleType, data: DataStore) -> None:
    with using_lang("ru"):
        block = chapters.indicator_list(data, 8, "ru")
    assert block.children[0].children == "50 показателей каталога к главе 8"
    turnover = next(
        li
        for li in nodes(block)
        if isinstance(li, html.Li) and "trade_az_ru_turnover" in [texts(c) for c in li.children]
    )
    label, _sp, _code, unit, _dot, link = turnover.children
    assert label.children == "Товарооборот Азербайджан–Россия"
    assert unit.children == " · млн долл. США"
    assert turnover.title.startswith("Двусторонняя торговля товарами: экспорт плюс импорт")
    assert (link.children, link.href) == ("Торговля", "/trade?lang=ru")


def test_the_indicator_list_in_azerbaijani_names_the_chapter_by_its_ordinal(
    chapters: ModuleType, data: DataStore
) -> None:
    with using_lang("az"):
        block = chapters.indicator_list(data, 10, "az")
    assert block.children[0].children == "Kataloqda 10-cu fəslə aid 8 göstərici"


def test_the_timeline_in_russian(chapters: ModuleType) -> None:
    layout = render("ru")
    assert find(layout, "chapters-timeline-count").children == "Показано записей: 101 из 101 (все категории)."
    assert find(layout, "chapters-cat-all").children == "Все категории"
    assert find(layout, "chapters-cat-treaty").href.endswith("lang=ru")
    table = find(layout, "chapters-timeline-table")
    header = [th.children for th in nodes(table) if isinstance(th, html.Th)]
    assert header == ["Дата", "Категория", "Событие", "Источник"]
    rows = {
        r.to_plotly_json()["props"]["data-event-id"]: r
        for r in nodes(table)
        if isinstance(r, html.Tr) and "data-event-id" in r.to_plotly_json()["props"]
    }
    date, category, event, _source = rows["EC017"].children
    assert (date.children, category.children.children) == ("ноябрь 2003\u202fг.", "договоры")
    assert event.lang == "en"  # the title and description as recorded
    assert rows["EP009"].children[0].children == "2009"


def test_chapter_9_names_its_layer_and_keeps_the_language_in_links(chapters: ModuleType) -> None:
    layout = render("az", chapter_id="9")
    events = find(layout, "chapters-events")
    intro = next(p for p in nodes(events) if isinstance(p, html.P))
    assert intro.children[0] == "Kateqoriyalar: energetika, müqavilələr (qat: Xəzər). "
    link = intro.children[1]
    assert isinstance(link, dcc.Link) and link.href.endswith("lang=az")
    rows = [r for r in nodes(find(layout, "chapters-events-9")) if isinstance(r, html.Tr)]
    assert len(rows) == 1 + 29  # header + the Caspian energy and treaty events


def test_the_chapter_charts_are_in_the_language(chapters: ModuleType) -> None:
    layout = render("ru", chapter_id="8")
    fig = find(layout, "chapters-chart-8").figure
    assert fig.layout.title.text == "Товарооборот Азербайджан–Россия по данным каждой из сторон"
    assert [t.name for t in fig.data][:2] == ["По данным Азербайджана", "По данным России"]
    arms = find(render("az", chapter_id="10"), "chapters-chart-10").figure
    assert arms.layout.title.text.startswith("Azərbaycana silah tədarükü: Rusiya və bütün tədarükçülər (")
    assert "Bütün tədarükçülər (cəm)" in [t.name for t in arms.data]


def test_a_bad_chapter_id_is_named_in_the_language(chapters: ModuleType) -> None:
    layout = render("ru", chapter_id="99")
    assert "Главы «99» нет. В докладе главы 1–11; выберите одну ниже." in texts(find(layout, "chapters-notice"))


def link_titles(layout: Any) -> list[str]:
    return [n.title for n in nodes(layout) if isinstance(n, dcc.Link) and getattr(n, "title", None)]


def test_the_commentarys_event_links_name_categories_and_layers_in_the_language(chapters: ModuleType) -> None:
    titles = link_titles(render("az", chapter_id="1"))
    assert "Hadisələr cədvəli («diplomatiya» kateqoriyası): hər qeyd öz mənbəyinə istinad edir" in titles
    ru = link_titles(render("ru", chapter_id="1"))
    assert any("(категория «договоры», слой «политические события»)" in t for t in ru), ru
