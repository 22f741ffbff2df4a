"""Pieces of the chapters page (private to it): the indicator list of a chapter and the events table, in the
page's language.

Indicator labels, definitions and units come from the catalogue's translations (``label_ru``, ``label_az``,
:func:`dashboard.queries.i18n_labels.catalogue_column`) and the vocabulary (:mod:`indicators.vocab_i18n`); event
categories are named in the language and dates carry the month's name (:func:`dashboard.chapter_queries.
event_date`). Event titles and descriptions are recorded in English and marked ``lang="en"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash
import pandas as pd
from dash import dcc, html

from dashboard.chapter_queries import chapter_indicators, event_date
from dashboard.commentary.words import az_ordinal, tn
from dashboard.data import DataStore, short_publisher
from dashboard.figure_base import unit_words
from dashboard.i18n import DEFAULT_LANG, _, current_lang, format_number, with_lang_query
from dashboard.queries.i18n_labels import catalogue_column
from dashboard.shell_text import page_name
from indicators.vocab_i18n import display

P = "chapters"


DOMAIN_PAGE = {"trade": "/trade", "investment": "/trade", "finance": "/trade", "energy": "/energy", "arms": "/arms"}


def page_names() -> dict[str, str]:
    """Path -> name of every registered page (the names the nav shows, in the language being rendered)."""
    return {str(p["path"]): page_name(str(p["name"]), current_lang()) for p in dash.page_registry.values()}


def page_link(page: str, lang: str, class_name: str | None = None) -> dcc.Link:
    """A link to a topic page by its nav name, keeping the page's language."""
    return dcc.Link(page_names().get(page, page), href=with_lang_query(page, lang), className=class_name)


def category_names(cats: Sequence[str], lang: str) -> str:
    """Event categories by name in ``lang``, comma-separated."""
    return ", ".join(display("event_category", c, lang) for c in cats)


def indicator_list(data: DataStore, number: int, lang: str = DEFAULT_LANG) -> html.Div | html.Details:
    """The chapter's indicators with labels, units and definitions (from the catalogue, in ``lang``) and the
    page that charts them."""
    rows = chapter_indicators(data, number)
    if rows.empty:
        return html.Div(
            _("No indicator in the catalogue belongs to this chapter; its evidence is the dated events."),
            className="muted",
            id=f"{P}-indicators-{number}",
        )
    label, definition = catalogue_column("label", lang), catalogue_column("definition", lang)
    items = []
    for _i, r in rows.iterrows():
        page = DOMAIN_PAGE.get(str(r["domain"]))
        bits: list[Any] = [
            html.Span(str(r[label]), className="ind-label"),
            " ",
            html.Code(str(r["indicator_id"])),
            html.Span(f" · {unit_words(str(r['unit']))}", className="muted"),
        ]
        if page:
            bits += [" · ", page_link(page, lang)]
        items.append(html.Li(bits, title=str(r[definition])))
    summary = tn(
        lang,
        "{num} indicator in the catalogue for chapter {number}",
        "{num} indicators in the catalogue for chapter {number}",
        len(rows),
        num=format_number(len(rows), lang),
        number=number,
        number_ord=az_ordinal(number),
    )
    return html.Details(
        [
            html.Summary(summary),
            html.Ul(items, className="ind-list"),
        ],
        open=len(rows) <= 10,
        id=f"{P}-indicators-{number}",
    )


def events_table(data: DataStore, frame: pd.DataFrame, table_id: str, lang: str = DEFAULT_LANG) -> html.Div:
    """Date (month names in ``lang``), category, title, description and source link of each event; the title
    and description are recorded in English and marked so."""
    if frame.empty:
        return html.Div(_("No events in these categories."), className="muted", id=table_id)
    header = html.Tr([html.Th(h) for h in (_("Date"), _("Category"), _("Event"), _("Source"))])
    rows = []
    for _i, ev in frame.iterrows():
        src = data.source_index.get(str(ev["source_id"]), {})
        publisher = short_publisher(str(src.get("publisher") or ev["source_id"]))
        url = str(src.get("url") or "")
        source: Any = (
            html.A(publisher, href=url, target="_blank", rel="noopener noreferrer", title=str(src.get("title") or ""))
            if url
            else publisher
        )
        attrs: dict[str, Any] = {"data-event-id": str(ev["event_id"]), "data-category": str(ev["category"])}
        rows.append(
            html.Tr(
                [
                    html.Td(event_date(str(ev["date"]), str(ev["date_precision"]), lang), className="nowrap"),
                    html.Td(
                        html.Span(
                            display("event_category", str(ev["category"]), lang), className=f"cat cat-{ev['category']}"
                        )
                    ),
                    html.Td([html.B(str(ev["title"])), html.Br(), html.Span(str(ev["description"]))], lang="en"),
                    html.Td(source),
                ],
                **attrs,
            )
        )
    return html.Div(html.Table([html.Thead(header), html.Tbody(rows)], className="table events-table"), id=table_id)
