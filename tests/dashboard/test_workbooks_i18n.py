"""The workbooks in Russian and Azerbaijani: words translated, numbers and structure those of English.

Every workbook kind (page views, everything, compare) is built in ru and az as a download from a page in
that language builds it, and compared with the English one: the sheet names, headers, About sheet, chart
titles and footers are in the language (no English message of the workbook catalogue is left), the table
names stay ASCII, and every numeric cell holds the English workbook's number in the same cell.
"""

from __future__ import annotations

import base64
import importlib
import io
import math
import re
import zipfile
from typing import Any

import openpyxl
import pandas as pd
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dashboard.app import create_app
from dashboard.downloads import PATH, warm_workbooks
from dashboard.exports import ExportView, build_workbook, export_lang
from dashboard.i18n import LOCALE_DIR, catalogue
from dashboard.queries.data_tables import everything_in
from dashboard.workbook.build import TERMS
from dashboard.workbook.words import DOMAIN, PATTERNS, SHEETS, word
from tests.dashboard.test_exports import HOSTILE
from tests.dashboard.workbook_kinds import KINDS, build_all, load

LANGS = ("ru", "az")
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
TRADE_SHEETS = {
    "ru": ["Описание", "Данные", "Торговля по годам", "Диаграммы", "Источники"],
    "az": ["Haqqında", "Məlumatlar", "Ticarət (illər üzrə)", "Diaqramlar", "Mənbələr"],
}
TIV_NOT_MONEY = {"ru": "TIV — не деньги", "az": "TIV pul deyil"}


@pytest.fixture(scope="module")
def english(data) -> dict[str, openpyxl.Workbook]:
    return {kind: load(content) for kind, content in build_all(data).items()}


@pytest.fixture(scope="module", params=LANGS)
def translated(request, data) -> tuple[str, dict[str, openpyxl.Workbook]]:
    return request.param, {kind: load(content) for kind, content in build_all(data, request.param).items()}


def english_messages(lang: str) -> set[str]:
    """The workbook catalogue's English messages that read differently in ``lang`` (none may be left)."""
    return {str(m.id) for m in catalogue(lang, DOMAIN) if m.id and m.string != m.id}


def numbers(ws) -> dict[str, Any]:
    """Cell -> value of every number and boolean of a sheet."""
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if isinstance(c.value, int | float)}


def title_text(title) -> str:
    return "".join(run.t for p in title.tx.rich.p for run in (p.r or []))


@pytest.mark.parametrize("kind", KINDS)
def test_sheet_names_are_translated_and_valid_and_tables_keep_their_ascii_names(english, translated, kind):
    lang, books = translated
    en, xx = english[kind], books[kind]
    left = english_messages(lang)
    assert len(xx.sheetnames) == len(en.sheetnames) == len(set(xx.sheetnames))
    for name_en, ws in zip(en.sheetnames, xx.worksheets, strict=True):
        assert ws.title == word(name_en, lang)[:31].strip(), (name_en, ws.title)
        assert ws.title not in left and not any(p.match(ws.title) for p, _ in PATTERNS), ws.title
        assert len(ws.title) <= 31 and not BAD_SHEET_CHARS.search(ws.title), ws.title
        assert sorted(ws.tables) == sorted(en[name_en].tables)  # tbl_* names: the same ASCII in every language
        assert all(re.fullmatch(r"tbl_[a-z0-9_]+", t) for t in ws.tables)
    if kind == "trade":
        assert xx.sheetnames == TRADE_SHEETS[lang]


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_header_is_translated(english, translated, kind):
    lang, books = translated
    left = english_messages(lang)
    for ws_en, ws in zip(english[kind].worksheets, books[kind].worksheets, strict=True):
        for table in ws.tables.values():
            name = table.displayName
            headers = [c.name for c in table.tableColumns]
            english_headers = [c.name for c in ws_en.tables[name].tableColumns]
            assert headers == [word(h, lang) for h in english_headers], name
            assert not set(headers) & left, (name, sorted(set(headers) & left))
            assert len({h.lower() for h in headers}) == len(headers)  # Excel needs unique column names
            row = int(re.match(r"[A-Z]+(\d+)", table.ref).group(1))  # type: ignore[union-attr]
            assert [c.value for c in ws[row]][: len(headers)] == headers


def test_data_headers_and_vocabulary_read_naturally(translated):
    lang, books = translated
    ws = books["trade"].worksheets[1]
    header = [c.value for c in ws[1]]
    expected = {
        "ru": ["показатель", "название показателя", "отчитывающаяся сторона", "объект", "период", "год"],
        "az": ["göstərici", "göstəricinin adı", "hesabat verən tərəf", "obyekt", "dövr", "il"],
    }[lang]
    assert header[:6] == expected
    first = dict(zip(header, [c.value for c in ws[2]], strict=True))
    reporter, unit = ("Азербайджан", "млн долл. США") if lang == "ru" else ("Azərbaycan", "mln ABŞ dolları")
    assert (first[header[2]], first[word("unit", lang)]) == (reporter, unit)
    assert first[word("indicator", lang)] == "trade_az_ru_balance"  # codes and ids stay codes
    assert (
        first[word("label", lang)]
        == {
            "ru": "Сальдо торговли товарами Азербайджана с Россией",
            "az": "Azərbaycanın Rusiya ilə mal ticarəti saldosu",
        }[lang]
    )


@pytest.mark.parametrize("kind", KINDS)
def test_no_english_message_is_left_in_any_cell_but_what_stays_as_published(translated, kind):
    lang, books = translated
    left = english_messages(lang)
    published = {word(c, lang) for c in ("publisher", "unit_published", "parties", "outlet", "title", "cite_as")}
    for ws in books[kind].worksheets:
        as_published: set[str] = set()  # the cells of columns that stay as published (citations, names)
        for table in ws.tables.values():
            first = openpyxl.utils.cell.range_boundaries(table.ref)
            for j, column in enumerate(table.tableColumns, start=first[0]):
                if column.name in published:
                    letter = openpyxl.utils.get_column_letter(j)
                    as_published |= {f"{letter}{r}" for r in range(first[1], first[3] + 1)}
        english = [
            (c.coordinate, c.value)
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and c.value in left and c.coordinate not in as_published
        ]
        assert english == [], (ws.title, english[:5])


def test_the_deal_register_names_suppliers_status_and_category_in_the_language(translated):
    lang, books = translated
    ws = books["everything"].worksheets[-4]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    suppliers = {r[word("supplier", lang)] for r in rows}
    status = {r[word("status", lang)] for r in rows} - {None}
    assert {"ru": "Россия", "az": "Rusiya"}[lang] in suppliers and "Russia" not in suppliers
    assert (
        status
        == {
            "ru": {"бывшие в употреблении", "новые", "бывшие в употреблении, модернизированные"},
            "az": {"işlənmiş", "yeni", "işlənmiş, lakin modernləşdirilmiş"},
        }[lang]
    )
    assert {"ru": "системы ПВО", "az": "hava hücumundan müdafiə sistemləri"}[lang] in {
        r[word("category", lang)] for r in rows
    }


def test_the_comparison_sheet_names_a_missing_side_in_the_language(translated):
    lang, books = translated
    ws = books["compare"].worksheets[-2]
    assert ws.title == {"ru": "Сравнение 2013-2014", "az": "Müqayisə 2013-2014"}[lang]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    coverage = {r[word("coverage", lang)] for r in rows}
    assert (
        coverage
        == {
            "ru": {"оба года", "только 2013 г.", "ни один из двух лет"},
            "az": {"hər iki il", "yalnız 2013", "heç bir il"},
        }[lang]
    )
    missing = {"ru": "нет данных за 2014 г.", "az": "2014 üçün məlumat yoxdur"}[lang]
    assert missing in {r["2014"] for r in rows}
    assert f"{missing.replace('2014', '2013')}; {missing}" in {r[word("absolute change", lang)] for r in rows}


@pytest.mark.parametrize("kind", KINDS)
def test_the_about_sheet_is_in_the_language_with_tiv_not_money(english, translated, kind):
    lang, books = translated
    about, about_en = books[kind].worksheets[0], english[kind].worksheets[0]
    left = english_messages(lang)
    keys = [r[0] for r in about.iter_rows(min_row=3, values_only=True) if r[0]]
    values = [r[1] for r in about.iter_rows(min_row=3, values_only=True) if r[0]]
    assert len(keys) == len([r for r in about_en.iter_rows(min_row=3, values_only=True) if r[0]])
    assert not set(keys) & left and not any(str(k).startswith("Filter") for k in keys)
    assert not {str(v) for v in values} & left
    assert about["A1"].value == word(str(about_en["A1"].value), lang) != about_en["A1"].value
    terms = [str(v) for k, v in zip(keys, values, strict=True) if k == keys[-1]]
    assert len(terms) == len(TERMS)
    assert sum(TIV_NOT_MONEY[lang] in t for t in terms) == 1
    assert "'IMF, Direction of Trade Statistics'" in terms[0]  # the citation stays as published
    assert ", ".join(books[kind].sheetnames) in values


@pytest.mark.parametrize("kind", KINDS)
def test_every_numeric_cell_equals_the_english_workbooks(english, translated, kind):
    _lang, books = translated
    for ws_en, ws in zip(english[kind].worksheets, books[kind].worksheets, strict=True):
        assert numbers(ws) == numbers(ws_en), (kind, ws_en.title)


def test_the_data_sheet_holds_the_clean_values_exactly(translated, data):
    lang, books = translated
    ws = books["everything"].worksheets[1]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    clean = pd.read_csv(LOCALE_DIR.parents[1] / "data" / "clean" / "observations.csv")
    assert len(rows) == len(clean)
    column = header.index(word("value", lang))
    ids = header.index(word("indicator", lang))
    for row, (indicator, value) in zip(rows, zip(clean["indicator"], clean["value"], strict=True), strict=True):
        assert row[ids] == indicator
        assert (row[column] is None) if math.isnan(value) else row[column] == value


def test_charts_have_titles_axes_and_series_in_the_language(english, translated):
    lang, books = translated
    charts = books["everything"]["Диаграммы" if lang == "ru" else "Diaqramlar"]
    titles = [title_text(c.title) for c in charts._charts]
    turnover = {
        "ru": "Товарооборот Азербайджан–Россия по данным каждой из сторон (млн долл. США)",
        "az": "Azərbaycan–Rusiya əmtəə dövriyyəsi, hər tərəfin məlumatına görə (mln ABŞ dolları)",
    }[lang]
    assert turnover in titles
    assert len(titles) == len(english["everything"]["Charts"]._charts)
    for chart in charts._charts:
        assert title_text(chart.x_axis.title) == {"ru": "год", "az": "il"}[lang]
        assert title_text(chart.y_axis.title) in title_text(chart.title)
        for series in chart.series:  # the series point at the translated sheet
            assert series.val.numRef.f.startswith(f"'{charts.title}'!")
    assert charts.oddFooter.center.text == {"ru": "Стр. &P из &N", "az": "Səhifə &P / &N"}[lang]


def test_formula_looking_text_stays_text_and_links_stay_live_in_russian(data):
    obs = data.observations
    trade = obs[obs["indicator"].eq("trade_az_ru_turnover") & obs["kind"].eq("series")]
    hostile = trade.head(len(HOSTILE)).assign(note=HOSTILE)
    view = ExportView("T", {"evil": "=1+1"}, pd.concat([trade, hostile]), data.sources, data.catalogue, lang="ru")
    raw = build_workbook(view)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml
    book = openpyxl.load_workbook(io.BytesIO(raw))
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value in [*HOSTILE, "=1+1"]]
    assert {c.value for c in cells} == {*HOSTILE, "=1+1"} and all(c.quotePrefix for c in cells)
    sources = book["Источники"]
    url = [c.value for c in sources[1]].index("URL") + 1
    links = [sources.cell(row=r, column=url) for r in range(2, sources.max_row + 1)]
    assert links and all(c.hyperlink is not None and c.hyperlink.target == c.value for c in links)
    imf = "International Monetary Fund (IMF), Direction of Trade Statistics (DOTS)"
    assert imf in [c.value for c in sources["B"]]  # citations stay as published


def test_everything_is_served_per_language_with_its_own_etag(data):
    client = create_app(store=data).server.test_client()
    warm_workbooks()
    assert everything_in(data, "az") is everything_in(data, "az")  # prebuilt, served from memory
    tags = {}
    for lang in ("en", "ru", "az"):
        got = client.get(PATH, query_string={"lang": lang})
        assert got.status_code == 200 and got.data == everything_in(data, lang)
        assert got.headers["Content-Language"] == lang and "Accept-Language" in got.headers["Vary"]
        tags[lang] = got.headers["ETag"]
        again = client.get(PATH, query_string={"lang": lang}, headers={"If-None-Match": tags[lang]})
        assert again.status_code == 304
    assert len(set(tags.values())) == 3
    assert openpyxl.load_workbook(io.BytesIO(client.get(f"{PATH}?lang=ru").data)).sheetnames[0] == "Описание"
    by_header = client.get(PATH, headers={"Accept-Language": "az-AZ,az;q=0.9,en;q=0.5"})
    assert by_header.headers["ETag"] == tags["az"]
    assert client.get(f"{PATH}?lang=xx").headers["ETag"] == tags["en"]


def test_the_page_download_follows_the_pages_lang(data):
    app = create_app(store=data)
    trade = importlib.import_module("dashboard.pages.trade")
    page = {"Referer": "http://localhost/trade?year=2014&lang=az", "Accept-Language": "ru"}
    with app.server.test_request_context("/_dash-update-component", method="POST", headers=page):
        payload = trade.download(1, {"year": 2014})
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(payload["content"])))
    assert book.sheetnames == [*TRADE_SHEETS["az"][:4], "Bəyanatlar 2014", "Mənbələr"]  # the year's statements
    about = {r[0]: r[1] for r in book.worksheets[0].iter_rows(min_row=3, values_only=True) if r[0]}
    assert about["Filtr: seçilmiş il"] == "2014" and about["Filtr: səhifə"] == "Ticarət"
    with app.server.test_request_context(headers={**page, "Referer": "http://localhost/trade?year=2014"}):
        assert export_lang() == "ru"  # no lang= on the page: the browser's language
    with app.server.test_request_context(headers={**page, "Referer": "http://localhost/data?lang=en"}):
        assert export_lang() == "en"
    assert export_lang("?year=2014&lang=ru") == "ru" and export_lang() == "en" and export_lang("?lang=xx") == "en"


# ------------------------------------------------------------------ the catalogue (run in CI with the others)
def test_extraction_finds_no_workbook_message_missing_from_the_template():
    found = {
        msg if isinstance(msg, str) else msg[0]
        for _f, _l, msg, _c, _x in extract_from_dir(
            LOCALE_DIR.parent / "workbook", method_map=[("**.py", "python")], keywords={"w": (2,), "wn": None}
        )
    }
    with (LOCALE_DIR / "workbook.pot").open("rb") as fh:
        template = {str(m.id) for m in read_po(fh) if m.id}
    assert "Sources: {list}" in found and "Trade wide" in found
    assert found == template


@pytest.mark.parametrize("lang", LANGS)
def test_every_workbook_message_is_translated_none_fuzzy_with_the_same_fields(lang):
    with (LOCALE_DIR / "workbook.pot").open("rb") as fh:
        template = {str(m.id) for m in read_po(fh) if m.id}
    entries = {str(m.id): m for m in catalogue(lang, DOMAIN) if m.id}
    assert set(entries) == template
    for msgid, m in entries.items():
        assert isinstance(m.string, str) and m.string.strip() and not m.fuzzy, msgid
        assert set(re.findall(r"\{(\w+)\}", m.string)) == set(re.findall(r"\{(\w+)\}", msgid)), msgid
    for sheet in (*SHEETS, *(message for _, message in PATTERNS if "year" in message or "{a}-{b}" in message)):
        name = entries[sheet].string.format(year=2014, a=2013, b=2014)
        assert len(name) <= 31 and not BAD_SHEET_CHARS.search(name), name
    assert entries["Trade wide"].string == {"ru": "Торговля по годам", "az": "Ticarət (illər üzrə)"}[lang]
