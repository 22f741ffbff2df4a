"""Overview (/): KPI cards for the headline indicators, linked to a selectable year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, callback, html

from dashboard.caching import memoize, never_cache
from dashboard.charts.trade import main_figure
from dashboard.components import events_controls, kpi_card
from dashboard.data import DataStore, store
from dashboard.figures import REPORTER_COLOR, sparkline
from dashboard.i18n import _
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


def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    data = store()
    sel = SPEC.parse(data, kwargs)
    year, events, cats = sel.year, sel.events, sel.cats
    turnover = reporter_series(data, FLOWS["turnover"][0])
    main = main_figure(turnover, "turnover", chart_view(sel, data.events))
    main_f = rows_of(turnover, data.observations.iloc[0:0])
    main.update_layout(title={"text": "Bilateral goods turnover, both reporters — click a year to update the cards"})
    controls = events_controls(P, events, cats, EVENT_CATEGORIES)
    return html.Div(
        [
            *page_top(SPEC, data, sel, controls),
            html.Div(kpi_cards(data, year), className="kpi-grid", id=f"{P}-kpis"),
            html.P(energy_headline(data)["overview"], className="muted", id=f"{P}-headline"),
            sourced_card(data, SPEC.graph_id("main"), main, main_f, class_name="wide"),
            what_changed_panel(data),
        ],
        className="page",
    )


@callback(Output(f"{P}-kpis", "children"), Input(SPEC.state_id, "data"), prevent_initial_call=True)
@memoize()
def update_cards(state: Any) -> list[Any]:
    """Selected year -> every KPI card shows that year."""
    data = store()
    return kpi_cards(data, SPEC.selection(data, state).year)


@callback(Output(f"{P}-watch-box", "children"), Input(SPEC.cfg_id, "data"))
@never_cache
def render_watch(_cfg: Any) -> html.Div:
    """The watch rules and freshness, evaluated on today's date at each page load (never cached)."""
    return watch_panel(store(), dt.date.today())


def workbook(data: DataStore, sel: Selection) -> tuple[bytes, tuple[object, ...]]:
    """Workbook of the series behind the KPI cards (within the selected range)."""
    frames = [kpi_series(data, spec) for spec in KPI_SPECS]
    frame = in_range(pd.concat(frames, ignore_index=True), sel.xrange)
    content = export_bytes(data, "RU–AZ Indicators: headline indicators", sel.filters({"page": "Overview"}), frame)
    return content, ("overview", sel.year)


download = register_download(SPEC, workbook)
