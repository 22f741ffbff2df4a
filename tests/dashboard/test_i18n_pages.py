"""Pages in Russian and Azerbaijani: the language switch, ?lang= and Accept-Language, translated nav and headings.

Expected strings are the catalogues' translations (dashboard/locale/{ru,az}/LC_MESSAGES/messages.po) and the
chapter titles of dashboard/commentary/chapters.csv, written out by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dashboard.app import create_app, index_in_language
from dashboard.data import DataStore
from dashboard.i18n import LOCALE_DIR, page_lang, with_lang_query
from dashboard.protocol import nav_config
from dashboard.shell_text import shell_i18n
from tests.dashboard.layout_walk import find, walk

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "t": (2,), "tn": (2, 3)}  # README, "Translations": -k _ -k t:2 -k tn:2,3

NAV = {
    "en": ["Overview", "Trade", "Caspian energy", "Arms", "Compare years", "Chapters", "Data & sources"],
    "ru": ["Обзор", "Торговля", "Каспийская энергетика", "Вооружения", "Сравнение лет", "Главы", "Данные и источники"],
    "az": [
        "İcmal",
        "Ticarət",
        "Xəzər enerjisi",
        "Silahlar",
        "İllərin müqayisəsi",
        "Fəsillər",
        "Məlumatlar və mənbələr",
    ],
}
H1 = {  # path -> (en, ru, az)
    "/": ("Russia–Azerbaijan in numbers", "Россия и Азербайджан в цифрах", "Rusiya və Azərbaycan rəqəmlərdə"),
    "/trade": ("Bilateral trade", "Двусторонняя торговля", "İkitərəfli ticarət"),
    "/energy": ("The Caspian dimension", "Каспийское измерение", "Xəzər ölçüsü"),
    "/arms": (
        "Arms transfers and military spending",
        "Поставки вооружений и военные расходы",
        "Silah tədarükü və hərbi xərclər",
    ),
    "/compare": ("Compare two years", "Сравнение двух лет", "İki ilin müqayisəsi"),
    "/data": ("Data & sources", "Данные и источники", "Məlumatlar və mənbələr"),
    "/chapters": ("Report chapters", "Главы доклада", "Hesabatın fəsilləri"),
}
SUBTITLE = {
    "/trade": (
        "Report chapter 8 · Russia–Azerbaijan Economic Interaction",
        "Глава 8 доклада · Российско-азербайджанское экономическое взаимодействие",
        "Hesabatın 8-ci fəsli · Rusiya–Azərbaycan iqtisadi qarşılıqlı əlaqələri",
    ),
    "/arms": (
        "Report chapter 10 · Military-Technical Cooperation",
        "Глава 10 доклада · Военно-техническое сотрудничество",
        "Hesabatın 10-cu fəsli · Hərbi-texniki əməkdaşlıq",
    ),
}
LANG_INDEX = {"en": 0, "ru": 1, "az": 2}


@pytest.fixture(scope="module")
def app(data: DataStore) -> dash.Dash:
    return create_app(store=data)


def page_layout(path: str, **query: Any) -> Any:
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    return page["layout"](**query)


def heading(layout: Any) -> tuple[str, str]:
    """The page's H1 and the subtitle line under it."""
    header = next(c for c in walk(layout) if getattr(c, "className", None) == "page-header")
    return header.children[0].children, header.children[1].children


@pytest.mark.parametrize("lang", ["en", "ru", "az"])
def test_the_nav_labels_are_in_the_language(app: dash.Dash, data: DataStore, lang: str) -> None:
    names = [p["name"] for p in nav_config(data, dash.page_registry)["pages"]]
    assert names == NAV["en"]
    assert shell_i18n(names)[lang]["nav"] == NAV[lang]


@pytest.mark.parametrize("lang", ["en", "ru", "az"])
@pytest.mark.parametrize("path", list(H1))
def test_each_page_has_its_heading_in_the_language(app: dash.Dash, path: str, lang: str) -> None:
    title, subtitle = heading(page_layout(path, lang=lang))
    assert title == H1[path][LANG_INDEX[lang]]
    if path in SUBTITLE:
        assert subtitle == SUBTITLE[path][LANG_INDEX[lang]]


def test_the_not_found_page_is_translated(app: dash.Dash) -> None:
    layout = dash.page_registry["dashboard.pages.not_found_404"]["layout"]
    assert find(layout(lang="ru"), "not-found-title").children == "Страница не найдена"
    assert find(layout(lang="az"), "not-found-title").children == "Səhifə tapılmadı"


def test_an_unknown_lang_is_english_without_a_notice(app: dash.Dash) -> None:
    layout = page_layout("/trade", lang="xx", year="2014")
    assert heading(layout)[0] == "Bilateral trade"
    assert find(layout, "trade-notice") is None or not find(layout, "trade-notice").children
    assert page_lang({"lang": "xx"}) == "en"
    assert page_lang({"lang": ["ru"]}) == "ru"
    assert page_lang({}, "az-AZ,ru;q=0.8") == "az"


def test_the_server_index_has_the_language_of_lang_or_accept_language(app: dash.Dash) -> None:
    client = app.server.test_client()
    ru = client.get("/trade?lang=ru&year=2014")
    assert ru.status_code == 200 and '<html lang="ru">' in ru.get_data(as_text=True)
    az = client.get("/arms", headers={"Accept-Language": "az,en;q=0.5"})
    assert '<html lang="az">' in az.get_data(as_text=True)
    assert "Accept-Language" in az.headers["Vary"]
    xx = client.get("/trade?lang=xx")
    assert xx.status_code == 200 and '<html lang="en">' in xx.get_data(as_text=True)
    assert index_in_language('<html lang="en"><p lang="en">', "ru") == '<html lang="ru"><p lang="en">'


def test_a_layout_without_lang_follows_accept_language(app: dash.Dash) -> None:
    with app.server.test_request_context("/", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"}):
        assert heading(page_layout("/energy"))[0] == "Каспийское измерение"


def test_chapters_show_titles_and_commentary_in_the_language(app: dash.Dash) -> None:
    ru = page_layout("/chapters", lang="ru")
    title = find(ru, "chapters-chapter-8").children[0].children
    assert title.children == "8. Российско-азербайджанское экономическое взаимодействие: реальность и перспективы"
    assert title.href == "/chapters/8?lang=ru"
    az = page_layout("/chapters", chapter_id="9", lang="az")
    assert heading(az) == ("Xəzər ölçüsü", "Hesabatın 9-cu fəsli")
    pager = [link.children for link in find(az, "chapters-pager").children]
    assert pager == ["← Fəsil 8", "Bütün fəsillər", "Fəsil 10 →"]


def test_topic_pages_show_the_commentary_panel_in_the_language(app: dash.Dash) -> None:
    panels = [c for c in walk(page_layout("/trade", lang="ru")) if getattr(c, "className", None) == "commentary"]
    summary = panels[0].children[0].children
    assert (
        summary == "Глава 8 доклада: Российско-азербайджанское экономическое взаимодействие: реальность и перспективы"
    )
    more = panels[0].children[2].children
    assert more.href == "/chapters/8?lang=ru"


def test_internal_links_keep_the_language() -> None:
    assert with_lang_query("/chapters/3", "ru") == "/chapters/3?lang=ru"
    assert with_lang_query("/chapters?cats=energy", "az") == "/chapters?cats=energy&lang=az"
    assert with_lang_query("/chapters", "en") == "/chapters"


@pytest.mark.parametrize("lang", ["ru", "az"])
def test_every_message_of_the_dashboard_is_translated_and_none_fuzzy(lang: str) -> None:
    found = {
        msg if isinstance(msg, str) else msg[0]
        for _f, _l, msg, _c, _x in extract_from_dir(
            ROOT / "dashboard", method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalogue = read_po(fh, locale=lang)
    done = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple | list) else m.string)
    }
    assert sorted(found - done) == []
    assert "Двусторонняя торговля" in {m.string for m in catalogue} or lang == "az"
