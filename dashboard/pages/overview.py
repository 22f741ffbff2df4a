"""Overview (/): KPI cards for the headline indicators, linked to a selectable year.

The cards of a selected year are placed in the browser (``ruaz_overview.cards``, assets/overview.js) from
texts the page ships once (store ``ov-kpi-data``, :func:`kpi_payload`): every text is the one
:func:`kpi_cards` renders for that year, read back from its components, so a click needs no server.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard.caching import memoize, never_cache
from dashboard.charts.trade import main_figure
from dashboard.components import events_controls, kpi_card
from dashboard.data import DataStore, store
from dashboard.figures import REPORTER_COLOR, sparkline
from dashboard.i18n import DEFAULT_LANG, _, current_lang, in_state_lang, using_lang
from dashboard.kpis import KPI_SPECS, energy_headline, kpi_series, kpi_value
from dashboard.pages._changes_panel import watch_panel, what_changed_panel
from dashboard.pages._helpers import chart_view, page_top, sourced_card
from dashboard.protocol import PageSpec, PageText, Selection, register_download
from dashboard.queries.series import rows_of
from dashboard.queries.trade import FLOWS, reporter_series
from dashboard.state import EVENT_CATEGORIES, Param, selection_params
from dashboard.views import export_bytes, in_range

P = "ov"
TEXT = PageText(
    _("Russia–Azerbaijan in numbers"),
    _("Report chapters 8–10 · economy, Caspian energy, arms"),
    _(
        "Headline indicators with their latest year, reporter and unit. Each card names the source of the "
        "figure it shows and links to its page, where it is cited in full. "
        "Select a year on the chart to see every card for that year."
    ),
)


GRAPHS = ("main",)  # linked charts (SPEC.graph_id)
CONTROLS = ("events", "cats")  # state keys written by a control (SPEC.control_id)


def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page: the selection shared by every time-series page."""
    return selection_params(data.years[0], data.years[-1])


SPEC = PageSpec(P, params, GRAPHS, CONTROLS, text=TEXT)
dash.register_page(__name__, path="/", name="Overview", title="RU–AZ Indicators", order=0, spec=SPEC)


def kpi_cards(data: DataStore, year: int | None) -> list[Any]:
    """One card per headline indicator, for ``year`` or the latest year."""
    cards = []
    for spec in KPI_SPECS:
        k = kpi_value(data, spec, year)
        color = REPORTER_COLOR.get(spec.reporter, "#1f5aa6")
        cards.append(kpi_card(k, sparkline(k["series"], color, k["year"]), f"kpi-{spec.key}"))
    return cards


# what the browser sets on each card for a year: (element id suffix, property); dashboard.components.kpi_card
CARD_FIELDS = (
    ("value", "children"),
    ("context", "children"),
    ("change", "children"),
    ("change", "className"),
    ("source", "children"),
    ("spark", "src"),
)


def _props_by_id(node: Any, out: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The props of every component under ``node`` that has a string id, by id."""
    if isinstance(node, list | tuple):
        for child in node:
            _props_by_id(child, out)
    elif hasattr(node, "to_plotly_json"):
        props = node.to_plotly_json()["props"]
        if isinstance(props.get("id"), str):
            out[props["id"]] = props
        _props_by_id(props.get("children"), out)
    return out


def _split_common(texts: list[str]) -> tuple[str, str]:
    """The longest prefix and suffix every text shares (not overlapping in the shortest text)."""
    prefix = texts[0]
    suffix = texts[0]
    for text in texts[1:]:
        while not text.startswith(prefix):
            prefix = prefix[:-1]
        while not text.endswith(suffix):
            suffix = suffix[1:]
    shortest = min(len(text) for text in texts)
    return prefix, suffix[max(0, len(prefix) + len(suffix) - shortest) :]


def kpi_payload(data: DataStore, lang: str) -> dict[str, Any]:
    """The page's card payload in ``lang`` (:func:`card_texts`)."""
    return {**card_texts(data, lang), "lang": lang}


@memoize(maxsize=8)
def card_texts(data: DataStore, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The card texts of every selectable year (and of no selection) in ``lang``, as :func:`kpi_cards` renders
    them.

    ``years[str(year)]`` (and ``default``) lists, per card of :data:`KPI_SPECS`, one index into ``strings``
    per :data:`CARD_FIELDS` entry. A sparkline (an SVG data URI) differs between years only by its band: each
    card's shares ``spark[card] = [prefix, suffix]`` and its field holds the middle.
    """
    lo, hi = data.years[0], data.years[-1]
    with using_lang(lang):
        rendered = {str(year): kpi_cards(data, year) for year in range(lo, hi + 1)}
        rendered["default"] = kpi_cards(data, None)
    ids = [f"kpi-{spec.key}" for spec in KPI_SPECS]
    texts = {key: _props_by_id(cards, {}) for key, cards in rendered.items()}
    sparks = [_split_common([t[f"{i}-spark"]["src"] for t in texts.values()]) for i in ids]
    strings: dict[str, int] = {}

    def index(text: Any) -> int:
        return strings.setdefault(str(text), len(strings))

    def fields(props: dict[str, dict[str, Any]]) -> list[list[int]]:
        rows = []
        for card, (prefix, suffix) in zip(ids, sparks, strict=True):
            values = [props[f"{card}-{suffix_id}"][prop] for suffix_id, prop in CARD_FIELDS]
            values[-1] = values[-1][len(prefix) : len(values[-1]) - len(suffix)]
            rows.append([index(value) for value in values])
        return rows

    years = {key: fields(props) for key, props in texts.items()}
    return {
        "cards": ids,
        "spark": [list(pair) for pair in sparks],
        "strings": list(strings),
        "default": years.pop("default"),
        "years": years,
    }


def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    data = store()
    sel = SPEC.parse(data, kwargs)
    year, events, cats = sel.year, sel.events, sel.cats
    turnover = reporter_series(data, FLOWS["turnover"][0])
    main = main_figure(turnover, "turnover", chart_view(sel, data.events))
    main_f = rows_of(turnover, data.observations.iloc[0:0])
    main.update_layout(title={"text": _("Bilateral goods turnover, both reporters — click a year to update the cards")})
    controls = events_controls(P, events, cats, EVENT_CATEGORIES)
    return html.Div(
        [
            *page_top(SPEC, data, sel, controls),
            html.Div(kpi_cards(data, year), className="kpi-grid", id=f"{P}-kpis"),
            dcc.Store(id=f"{P}-kpi-data", data=kpi_payload(data, current_lang())),
            html.P(energy_headline(data)["overview"], className="muted", id=f"{P}-headline"),
            sourced_card(data, SPEC.graph_id("main"), main, main_f, class_name="wide"),
            what_changed_panel(data),
        ],
        className="page",
    )


# selected year -> every KPI card shows that year, placed in the browser from ov-kpi-data (no server)
clientside_callback(
    ClientsideFunction(namespace="ruaz_overview", function_name="cards"),
    *[Output(f"kpi-{spec.key}-{key}", prop) for spec in KPI_SPECS for key, prop in CARD_FIELDS],
    Input(SPEC.state_id, "data"),
    State(f"{P}-kpi-data", "data"),
    State(SPEC.cfg_id, "data"),
    prevent_initial_call=True,
)


@callback(Output(f"{P}-watch-box", "children"), Input(SPEC.cfg_id, "data"))
@never_cache
@in_state_lang
def render_watch(_cfg: Any) -> html.Div:
    """The watch rules and freshness, evaluated on today's date at each page load (the response is never
    replayed: tomorrow's differs)."""
    return watch_panel_on(store(), dt.date.today(), current_lang())


@memoize(maxsize=8)
def watch_panel_on(data: DataStore, today: dt.date, lang: str) -> html.Div:
    """:func:`watch_panel` built once per day and language per process (it took ~65 ms, on every load of
    the overview, beside the browser drawing the page). ``lang`` keys the memo: the panel is in the current
    language, which the callback's state set."""
    return watch_panel(data, today)


def workbook(data: DataStore, sel: Selection) -> tuple[bytes, tuple[object, ...]]:
    """Workbook of the series behind the KPI cards (within the selected range)."""
    frames = [kpi_series(data, spec) for spec in KPI_SPECS]
    frame = in_range(pd.concat(frames, ignore_index=True), sel.xrange)
    content = export_bytes(data, "RU–AZ Indicators: headline indicators", sel.filters({"page": "Overview"}), frame)
    return content, ("overview", sel.year)


download = register_download(SPEC, workbook)
