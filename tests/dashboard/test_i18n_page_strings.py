"""Every page in Russian and Azerbaijani: no English UI message left untranslated, charts in the language,
numbers in the language's style, server callbacks in the page's language.

How "untranslated" is found: every message the code marks for the catalogue (Babel's extraction, the README's
keywords) whose Russian or Azerbaijani differs from its English is an English UI string; its literal text (the
longest run between ``{fields}``) must not appear in anything a reader sees on a rendered page: text nodes,
labelled props, options, grid headers and, inside each figure, title, axis and unit titles, notes, legend
names and hovers (tests/dashboard/visible_text.py). Citations (publisher names and source titles stay as
published) and text marked ``lang="en"`` (summaries recorded in English) are left out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import dash
import pytest
from babel.messages.extract import extract_from_dir

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.figure_base import SEPARATORS
from dashboard.figures import fmt_value
from dashboard.i18n import LOCALE_DIR, gettext, using_lang
from dashboard.ids import dom_name
from tests.dashboard.visible_text import figure_texts, plain, visible_texts

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "t": (2,), "tn": (2, 3)}  # README, "Translations"
PAGES = {  # path -> query of the page view checked (the two views among them)
    "/": {"year": "2014"},
    "/trade": {"year": "2014"},
    "/energy": {},
    "/arms": {},
    "/compare": {},
    "/data": {},
    "/chapters": {},  # every chapter's indicator list and the timeline
    "/chapters/8": {},  # a chapter with its chart (the query is the chapter id of the path)
    "/chapters/9": {},  # a chapter whose events are one layer
}
NBSP = "\u00a0"
FIELD = re.compile(r"\{[^}]*\}")
LINK_TARGET = re.compile(r"\]\(<[^>]*>(?: \"[^\"]*\")?\)")
ITALIC = re.compile(r"<i>.*?</i>", re.DOTALL)
MIN_RUN = 12  # shorter runs ("Status", " and ") are words a citation or a name may hold too


def extracted() -> set[str]:
    """The English msgids Babel extracts from the dashboard (singulars of plural messages)."""
    return {
        msg if isinstance(msg, str) else msg[0]
        for _f, _l, msg, _c, _x in extract_from_dir(
            ROOT / "dashboard", method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }


def english_runs(lang: str) -> dict[str, str]:
    """Literal run (>= MIN_RUN characters) -> msgid, for every message whose ``lang`` text is not its English."""
    runs: dict[str, str] = {}
    for msgid in extracted():
        if gettext(msgid, lang) == msgid:
            continue
        parts = [p.strip() for p in FIELD.split(msgid.replace("<br>", " "))]
        longest = max(parts, key=len)
        if len(longest) >= MIN_RUN:
            runs[longest] = msgid
    return runs


def reader_texts(node: Any, lang: str = "ru") -> list[tuple[str, str]]:
    """What a reader sees, citations and English-marked text left out: source blocks, link titles (a source
    link's tooltip is its citation), a hover's source line and its italic note (notes are recorded in English
    with the data)."""
    source = gettext("Source: {source}", lang).split("{")[0]
    out = []
    for where, text in visible_texts(_without_citations(node)):
        if where == "A.title":
            continue
        if where == "markdown":  # a table's source links: their targets and titles are the citation
            out.append((where, LINK_TARGET.sub("]", text)))
            continue
        if where == "trace text":
            parts = ITALIC.sub("", text).split("<br>")
            out.append((where, "<br>".join(p for p in parts if not p.startswith(source))))
            continue
        out.append((where, text))
    return out


def _without_citations(node: Any) -> Any:
    """A copy-free view of a tree: components of class ``source-line`` or with ``lang="en"`` replaced by None."""
    if isinstance(node, list | tuple):
        return [_without_citations(c) for c in node]
    if not isinstance(node, dash.development.base_component.Component):
        return node
    if "source-line" in str(getattr(node, "className", "") or "") or getattr(node, "lang", None) == "en":
        return None
    children = getattr(node, "children", None)
    if children is not None and not isinstance(children, str | int | float):
        node = type(node)(**{**node.to_plotly_json()["props"], "children": _without_citations(children)})
    return node


@pytest.fixture(scope="module")
def app(data: DataStore) -> dash.Dash:
    return create_app(store=data)


def render(path: str, lang: str) -> Any:
    """The layout of ``path`` (a chapter's deep link: the chapters page with its ``chapter_id``) in ``lang``."""
    if path.startswith("/chapters/"):
        page = next(p for p in dash.page_registry.values() if p["path"] == "/chapters")
        return page["layout"](lang=lang, chapter_id=path.rsplit("/", 1)[1])
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    return page["layout"](lang=lang, **PAGES[path])


@pytest.mark.parametrize("lang", ["ru", "az"])
@pytest.mark.parametrize("path", list(PAGES))
def test_no_english_ui_message_is_left_on_the_page(app: dash.Dash, path: str, lang: str) -> None:
    runs = english_runs(lang)
    assert len(runs) > 150  # the page messages are extracted (guards the check itself)
    found = sorted(
        {
            f"{where}: {runs[run]!r}"
            for where, text in reader_texts(render(path, lang), lang)
            for run in runs
            if run in plain(text)
        }
    )
    assert found == []


def test_the_check_catches_an_english_message_and_skips_citations(app: dash.Dash) -> None:
    runs = english_runs("ru")
    assert runs["Download Excel"] == "Download Excel"
    english = dash.html.Button("Download Excel")
    cited = dash.html.Details(dash.html.Span("Download Excel"), className="source-line")
    marked = dash.html.Span("Download Excel", lang="en")
    layout = dash.html.Div([render("/trade", "ru"), english, cited, marked])
    assert [where for where, text in reader_texts(layout) if "Download Excel" in text] == ["text"]


def figures_of(layout: Any) -> dict[str, Any]:
    """Graph id -> figure of every chart in a layout."""
    out = {}
    for node in _walk(layout):
        if isinstance(node, dash.dcc.Graph) and node.figure is not None:
            out[dom_name(node.id)] = node.figure
    return out


def _walk(node: Any) -> Any:
    if isinstance(node, list | tuple):
        for c in node:
            yield from _walk(c)
    elif isinstance(node, dash.development.base_component.Component):
        yield node
        yield from _walk(getattr(node, "children", None))


CYRILLIC = re.compile(r"[А-Яа-яЁё]")
AZ_LETTERS = re.compile(r"[əğıöüçşƏĞİÖÜÇŞ]")


@pytest.mark.parametrize(("path", "lang"), [("/trade", "ru"), ("/arms", "az"), ("/energy", "ru"), ("/arms", "ru")])
def test_chart_titles_units_and_legends_are_in_the_language(app: dash.Dash, path: str, lang: str) -> None:
    script = CYRILLIC if lang == "ru" else AZ_LETTERS
    figures = figures_of(render(path, lang))
    assert figures
    for graph, fig in figures.items():
        layout = fig.to_plotly_json()["layout"] if hasattr(fig, "to_plotly_json") else fig["layout"]
        assert layout.get("separators") == SEPARATORS[lang], graph
        for where, text in figure_texts(fig):
            if where in ("figure title", "axis title") and text:
                assert script.search(text), (graph, text)
        units = [a["text"] for a in layout.get("annotations") or [] if a.get("name") == "unit" and a.get("text")]
        assert all(script.search(u) for u in units), (graph, units)


def test_the_trade_view_of_2014_in_russian(app: dash.Dash) -> None:
    figures = figures_of(render("/trade", "ru"))
    main = figures["trade-main"]
    texts = dict(figure_texts(main))
    assert texts["figure title"] == "Товарооборот (экспорт + импорт)"
    names = [t["name"] for t in main.to_plotly_json()["data"] if not str(t.get("name", "")).startswith("events")]
    assert names[:2] == ["По данным Азербайджана", "По данным России"]
    hovers = [text for where, text in figure_texts(main) if where == "trace text"]
    # 1954.7519 USD million: AZ-reported 2014 turnover in data/clean/observations.csv (D-trade_az_ru_turnover-AZ-2014)
    assert any(f"2014: 1{NBSP}955 млн долл. США" in h and "Источник: рассчитано по данным: IMF" in h for h in hovers)


def test_numbers_on_pages_use_the_languages_style() -> None:
    for lang in ("ru", "az"):
        with using_lang(lang):
            assert (
                fmt_value(1954.7519, "USD million")
                == f"1{NBSP}955 {'млн долл. США' if lang == 'ru' else 'mln ABŞ dolları'}"
            )
            assert fmt_value(650.1, "") == "650,1"
            assert fmt_value(12.345, "percent") == "12,3%"
            assert fmt_value(2.0512, "ratio") == "2,05"
    assert fmt_value(1954.7519, "USD million") == "1\u202f955 USD million"  # English as before
    assert {"en": ".,", "ru": f",{NBSP}", "az": f",{NBSP}"} == SEPARATORS


def test_a_server_callback_answers_in_the_pages_language(app: dash.Dash, data: DataStore) -> None:
    from dashboard.pages import trade

    layout = render("/trade", "az")
    state = next(n for n in _walk(layout) if isinstance(n, dash.dcc.Store) and n.id == trade.SPEC.state_id).data
    assert state["lang"] == "az"
    fig = trade.render_flow("az_to_ru", [], state)[0]
    assert fig.layout.title.text == "Mallar Azərbaycan → Rusiya (Azərbaycanın ixracı / Rusiyanın idxalı)"
    assert trade.render_flow("az_to_ru", [], {**state, "lang": "en"})[0].layout.title.text == (
        "Goods Azerbaijan → Russia (AZ exports / RU imports)"
    )


def test_no_module_hides_the_translation_function_behind_a_local_underscore() -> None:
    """A function that assigns ``_`` (``a, _ = ...``) makes ``_`` local to the whole function, so its
    ``_("...")`` calls would call a string."""
    offenders = []
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            body = [n for stmt in fn.body for n in ast.walk(stmt)]
            # a comprehension's target is local to the comprehension: it does not hide the function's `_`
            scoped = {id(n) for c in body if isinstance(c, ast.comprehension) for n in ast.walk(c.target)}
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in body)
            stores = any(
                isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) and id(n) not in scoped
                for n in body
            )
            if calls and stores:
                offenders.append(f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name}")
    assert offenders == []


def test_the_catalogues_hold_the_page_messages() -> None:
    for lang in ("ru", "az"):
        assert (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8").count("msgid") > 350
    assert gettext("Download Excel", "ru") == "Скачать Excel"
    assert gettext("Download Excel", "az") == "Excel-i yüklə"
