"""Chapters page (/chapters and /chapters/<chapter_id>): the report's chapters with commentary bound to the data.

``/chapters`` lists the eleven chapters (commentary, related pages, indicators, one chart for the
data-rich chapters 8–10) and a timeline of every dated event, filtered by ``?cats=a,b``.
``/chapters/<n>`` shows one chapter with the events of its categories. A bad chapter id shows a
notice and the chapter list, never an error. The page has no server callbacks: the category filter
is a set of links, so every view is a shareable URL rendered by ``layout``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash
from dash import dcc, html

from dashboard.chapter_queries import (
    CHAPTER_EVENTS,
    CHAPTER_LAYER,
    chapter_chart,
    events_frame,
    evidence_kind,
)
from dashboard.commentary import Chapter, chapter_body, chapters, commentary_panel
from dashboard.commentary.words import az_ordinal, t
from dashboard.components import chart_card, notices, page_header
from dashboard.data import DataStore, store
from dashboard.i18n import DEFAULT_LANG, _, format_number, gettext, page_lang, with_lang_query
from dashboard.pages._chapter_parts import (
    category_names,
    events_table,
    indicator_list,
    page_link,
    page_names,
)
from dashboard.protocol import PageSpec, PageText
from dashboard.state import EVENT_CATEGORIES, Param, to_query
from dashboard.views import sources_for
from indicators.vocab_i18n import display

__all__ = ["commentary_panel", "layout"]

P = "chapters"
BASE = "/chapters"
MAX_ID_SHOWN = 24


def evidence_text(kind: str, lang: str) -> str:
    """The badge of a chapter's kind of evidence, in ``lang``."""
    return {
        "series": t(lang, "Data-rich: annual series and statements"),
        "travel": t(lang, "Dated events, plus travel statements"),
        "events": t(lang, "Leans on dated events: no indicator measures this chapter"),
    }[kind]


def params(_data: DataStore | None = None) -> dict[str, Param]:
    """Query parameters of this page."""
    return {"cats": Param("multi", [], choices=EVENT_CATEGORIES, label="event categories")}


TEXT = PageText(
    _("Report chapters"),
    _("All chapters · commentary bound to the data"),
    _(
        "The RIAC / AIR Center report has eleven chapters. For each, a short commentary in this project's own words "
        "says what the data can and cannot show; every number in it is read from the data at render time and links "
        "to its source. Chapters 8–10 rest on series; the others lean on the dated events in the timeline."
    ),
)
SPEC = PageSpec(P, params, text=TEXT)


def _printable(text: str) -> str:
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    return shown if len(shown) <= MAX_ID_SHOWN else shown[: MAX_ID_SHOWN - 1] + "…"


def parse_chapter_id(raw: object, count: int = len(CHAPTER_EVENTS)) -> tuple[int | None, str | None]:
    """(chapter number, None) for a valid id, (None, notice) for a bad one, (None, None) when absent."""
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else None
    if raw is None:
        return None, None
    text = str(raw).strip().strip("/")
    if text == "":
        return None, None
    if text.isascii() and text.isdigit() and len(text) <= 2 and 1 <= int(text) <= count:
        return int(text), None
    return None, _("There is no chapter '{chapter}'. The report has chapters 1–{count}; choose one below.").format(
        chapter=_printable(text), count=count
    )


def page_title(chapter_id: Any = None, **_: Any) -> str:
    """Browser title: the chapter's short title on a valid deep link, else the list's title."""
    number, _notice = parse_chapter_id(chapter_id)
    if number is None:
        return "Chapters · RU–AZ Indicators"
    short = next((c.short_title for c in chapters() if c.number == number), "")
    return f"Chapter {number}: {short} · RU–AZ Indicators"


dash.register_page(
    __name__,
    path="/chapters",
    path_template="/chapters/<chapter_id>",
    name="Chapters",
    title=page_title,
    order=5,
    spec=SPEC,
)


# ------------------------------------------------------------------ pieces
def related_links(ch: Chapter, lang: str = DEFAULT_LANG) -> html.Div:
    """Links to the topic pages and to the timeline filtered on the chapter's event categories."""
    links: list[Any] = []
    for page in ch.pages:
        links += [page_link(page, lang, "chip"), " "]
    cats = CHAPTER_EVENTS.get(ch.number, ())
    if cats:
        links.append(
            dcc.Link(
                _("Timeline: {categories}").format(categories=category_names(cats, lang)),
                href=with_lang_query(BASE + to_query({"cats": list(cats)}, params()), lang),
                className="chip",
            )
        )
    return html.Div([html.Span(_("Related: "), className="muted"), *links], className="related")


def chart_block(data: DataStore, number: int, lang: str = DEFAULT_LANG) -> html.Div | None:
    """Chart card with its source line and a link to the topic page (chapters 8–10)."""
    built = chapter_chart(data, number)
    if built is None:
        return None
    fig, frame, page = built
    graph_id = f"{P}-chart-{number}"
    name = page_names().get(page, page)
    link = html.Div(
        dcc.Link(_("Open the {page} page →").format(page=name), href=with_lang_query(page, lang)),
        className="chart-link",
    )
    card = chart_card(graph_id, fig, sources_for(data, frame, f"{graph_id}-src"), extra=link)
    # responsive graphs drop layout.height; give the container the figure's height
    card.children[0].style = {"height": f"{int(fig.layout.height or 330)}px"}
    return card


def category_filter(data: DataStore, cats: Sequence[str], base: str, lang: str = DEFAULT_LANG) -> html.Div:
    """One link per category that toggles it in the URL, plus 'all'."""
    counts = data.events["category"].value_counts()
    specs = params()
    chips: list[Any] = [
        dcc.Link(
            _("All categories"),
            href=with_lang_query(base, lang),
            className="chip" + ("" if cats else " active"),
            id=f"{P}-cat-all",
        )
    ]
    for cat in EVENT_CATEGORIES:
        active = cat in cats
        new = [c for c in cats if c != cat] if active else [*cats, cat]
        chips.append(
            dcc.Link(
                f"{display('event_category', cat, lang)} ({format_number(int(counts.get(cat, 0)), lang)})",
                href=with_lang_query(base + to_query({"cats": new}, specs), lang),
                className="chip" + (" active" if active else ""),
                id=f"{P}-cat-{cat}",
            )
        )
    return html.Div(chips, className="chip-row", id=f"{P}-cats")


def timeline(data: DataStore, cats: Sequence[str], lang: str = DEFAULT_LANG) -> html.Div:
    """Every dated event (or those of ``cats``) with its source; the filter is in the URL."""
    frame = events_frame(data, cats)
    shown = category_names(cats, lang) if cats else _("all categories")
    return html.Div(
        [
            html.H2(_("Timeline of dated events")),
            html.P(
                _(
                    "Political and Caspian events, each with its source. Where sources date one event differently, "
                    "both entries are kept. Choose categories to narrow the list; the choice is kept in the URL."
                ),
                className="muted",
            ),
            category_filter(data, cats, BASE, lang),
            html.Div(
                _("Showing {shown} of {total} entries ({categories}).").format(
                    shown=format_number(len(frame), lang), total=format_number(len(data.events), lang), categories=shown
                ),
                className="muted",
                id=f"{P}-timeline-count",
            ),
            events_table(data, frame, f"{P}-timeline-table", lang),
        ],
        className="card timeline",
        id=f"{P}-timeline",
    )


def chapter_section(data: DataStore, ch: Chapter, detail: bool = False, lang: str = DEFAULT_LANG) -> html.Section:
    """One chapter: title, evidence badge, commentary (in ``lang``), related links, indicators and chart."""
    kind = evidence_kind(ch.number)
    title = f"{ch.number}. {ch.title_in(lang)}"
    heading: Any = title if detail else dcc.Link(title, href=with_lang_query(f"{BASE}/{ch.number}", lang))
    children: list[Any] = [
        html.H2(heading, className="chapter-title"),
        html.Span(evidence_text(kind, lang), className=f"badge badge-{kind}"),
        html.Div(chapter_body(ch, data, lang), className="commentary", id=f"{P}-commentary-{ch.number}"),
        related_links(ch, lang),
        indicator_list(data, ch.number, lang),
    ]
    chart = chart_block(data, ch.number, lang)
    if chart is not None:
        children.append(chart)
    return html.Section(children, className="card chapter-section", id=f"{P}-chapter-{ch.number}")


def contents(current: int | None = None, lang: str = DEFAULT_LANG) -> html.Nav:
    """Numbered list of every chapter (short titles in ``lang``), linking to its page."""
    items = [
        html.Li(
            dcc.Link(
                ch.short_title_in(lang),
                href=with_lang_query(f"{BASE}/{ch.number}", lang),
                className="active" if ch.number == current else "",
            )
        )
        for ch in chapters()
    ]
    return html.Nav(html.Ol(items, className="toc-list"), className="toc", id=f"{P}-toc")


def pager(number: int, lang: str = DEFAULT_LANG) -> html.Div:
    """Previous / all / next chapter links."""
    total = len(chapters())
    links: list[Any] = []
    if number > 1:
        prev = t(lang, "← Chapter {number}", number=number - 1)
        links.append(dcc.Link(prev, href=with_lang_query(f"{BASE}/{number - 1}", lang)))
    links.append(dcc.Link(t(lang, "All chapters"), href=with_lang_query(BASE, lang)))
    if number < total:
        nxt = t(lang, "Chapter {number} →", number=number + 1)
        links.append(dcc.Link(nxt, href=with_lang_query(f"{BASE}/{number + 1}", lang)))
    return html.Div(links, className="pager", id=f"{P}-pager")


# ------------------------------------------------------------------ layouts


def list_layout(data: DataStore, cats: Sequence[str], messages: Sequence[str], lang: str = DEFAULT_LANG) -> html.Div:
    """All chapters, then the timeline."""
    return html.Div(
        [
            SPEC.header(lang),
            notices(messages, f"{P}-notice"),
            contents(None, lang),
            html.Div([chapter_section(data, ch, lang=lang) for ch in chapters()], id=f"{P}-list"),
            timeline(data, cats, lang),
        ],
        className="page chapters-page",
    )


def detail_layout(
    data: DataStore, number: int, cats: Sequence[str], messages: Sequence[str], lang: str = DEFAULT_LANG
) -> html.Div:
    """One chapter, with the events of its categories (or of ``cats``)."""
    ch = next(c for c in chapters() if c.number == number)
    chosen = list(cats) or list(CHAPTER_EVENTS.get(number, ()))
    layer = None if cats else CHAPTER_LAYER.get(number)
    frame = events_frame(data, chosen, layer)
    return html.Div(
        [
            page_header(
                ch.short_title_in(lang),
                t(lang, "Report chapter {number}", number=number, number_ord=az_ordinal(number)),
                gettext(TEXT.intro, lang),
            ),
            notices(messages, f"{P}-notice"),
            pager(number, lang),
            chapter_section(data, ch, detail=True, lang=lang),
            html.Div(
                [
                    html.H2(_("Dated events for this chapter")),
                    html.P(
                        [
                            _("Categories: {categories}").format(categories=category_names(chosen, lang))
                            + (
                                _(" (layer: {layer}). ").format(layer=display("event_layer", layer, lang))
                                if layer
                                else ". "
                            ),
                            dcc.Link(
                                _("Open them in the full timeline"),
                                href=with_lang_query(BASE + to_query({"cats": chosen}, params()), lang),
                            ),
                            ".",
                        ],
                        className="muted",
                    ),
                    events_table(data, frame, f"{P}-events-{number}", lang),
                ],
                className="card timeline",
                id=f"{P}-events",
            ),
            contents(number, lang),
        ],
        className="page chapters-page",
    )


def layout(chapter_id: Any = None, **kwargs: Any) -> html.Div:
    """Page layout: the chapter list, or one chapter when the path carries a valid id."""
    lang = page_lang(kwargs)
    data = store()
    sel = SPEC.parse(data, kwargs)
    cats = sel.cats
    number, notice = parse_chapter_id(chapter_id)
    messages = ([notice] if notice else []) + list(sel.notices)
    if number is None:
        return list_layout(data, cats, messages, lang)
    return detail_layout(data, number, cats, messages, lang)
