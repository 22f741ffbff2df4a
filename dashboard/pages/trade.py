"""Trade page (/trade, report chapter 8): mirror statistics, balance, share, statements.

The rows come from ``dashboard.queries.trade``, the charts from ``dashboard.charts.trade``; this module is
the page's spec, layout and callbacks.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard.caching import memoize
from dashboard.charts.trade import (
    balance_figure,
    detail_skeleton,
    main_figure,
    mirror_figure,
    share_figure,
    share_ru_figure,
)
from dashboard.commentary import commentary_panel
from dashboard.commentary.words import az_ordinal
from dashboard.components import events_controls, with_commentary
from dashboard.data import DataStore, store
from dashboard.ghost import ghost_control, ghost_param, ghosted, series_keys
from dashboard.i18n import _, in_state_lang, page_lang, tr
from dashboard.pages._helpers import (
    chart_outputs,
    chart_view,
    page_top,
    selection_with,
    sourced_card,
    sourced_figure,
)
from dashboard.protocol import PageSpec, PageText, Selection, register_download
from dashboard.queries.series import rows_of
from dashboard.queries.trade import (
    DETAIL_TILES,
    FACT_INDICATORS,
    FLOWS,
    STATEMENT_INDICATORS,
    default_year,
    detail_frame,
    detail_payload,
    mirror_series,
    not_computed_lines,
    not_computed_summary,
    reporter_series,
    share_series,
    view_frame,
)
from dashboard.state import EVENT_CATEGORIES, Param, selection_params
from dashboard.views import export_bytes, sources_for, statements_for_year, statements_table

P = "trade"
TEXT = PageText(
    _("Bilateral trade"),
    _("Report chapter 8 · Russia–Azerbaijan Economic Interaction"),
    _(
        "Azerbaijan's and Russia's customs record the same trade differently. Both series are shown, "
        "each named by its reporter (IMF Direction of Trade Statistics to 2020; official figures relayed "
        "in the press after). Click a point to select a year; drag on any chart to zoom all of them."
    ),
)


GRAPHS = ("main", "mirror", "balance", "share", "share-ru")  # linked charts (SPEC.graph_id)
CONTROLS = ("flow", "ghost", "events", "cats")  # state keys written by a control (SPEC.control_id)


def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page."""
    years = data.years
    return {
        **selection_params(years[0], years[-1]),
        "flow": Param("choice", "turnover", choices=list(FLOWS), label="flow"),
        "ghost": ghost_param(),
    }


SPEC = PageSpec(P, params, GRAPHS, CONTROLS, text=TEXT)
dash.register_page(__name__, path="/trade", name="Trade", title="Trade · RU–AZ Indicators", order=1, spec=SPEC)


def flow_charts(data: DataStore, sel: Selection) -> dict[str, tuple[go.Figure, pd.DataFrame]]:
    """The charts of the selected flow (mirror lines with, when ``sel["ghost"]``, each line's previous release;
    mirror ratio) and the rows each draws."""
    view, empty = chart_view(sel, data.events), data.observations.iloc[0:0]
    flow = sel["flow"]
    main = reporter_series(data, FLOWS[flow][0])
    mirror = mirror_series(data, flow)
    fig, rows = main_figure(main, flow, view), rows_of(main, empty)
    return {
        "main": (fig, ghosted(fig, data, rows, series_keys(rows), sel["ghost"], "USD million")),
        "mirror": (mirror_figure(mirror, view), mirror.frame),
    }


def fixed_charts(data: DataStore, sel: Selection) -> dict[str, tuple[go.Figure, pd.DataFrame]]:
    """The charts that do not depend on the flow (balance, both shares) and the rows each draws."""
    view, empty = chart_view(sel, data.events), data.observations.iloc[0:0]
    balance = reporter_series(data, "trade_az_ru_balance")
    share = share_series(data, "AZ", "trade_ru_share_of_az_trade")
    share_ru = share_series(data, "RU", "trade_az_share_of_ru_trade")
    not_computed = not_computed_lines(data, "trade_az_ru_balance")
    share_not_computed = not_computed_summary(data, "trade_ru_share_of_az_trade")
    return {
        "balance": (balance_figure(balance, not_computed, view), rows_of(balance, empty)),
        "share": (share_figure(share, share_not_computed, view), share.frame),
        "share-ru": (share_ru_figure(share_ru, view), share_ru.frame),
    }


def kpi_strip() -> html.Div:
    """Labels of the key figures; their values and years are placed by ``ruaz_trade.detail`` in the browser."""
    items = [
        html.Div(
            [
                html.Div(tr(label), className="kpi-label"),
                html.Div(className="kpi-small", id=f"{P}-kpi-{i}"),
                html.Div(className="kpi-when muted", id=f"{P}-kpi-{i}-year"),
            ],
            className="kpi-mini",
        )
        for i, (label, *_) in enumerate(DETAIL_TILES)
    ]
    return html.Div(items, className="kpi-strip", id=f"{P}-kpis")


def year_tables(data: DataStore, year: int) -> tuple[Any, Any]:
    """The year's statements and its commodity, investment and settlement figures, as tables."""
    return (
        statements_table(
            data,
            statements_for_year(data, STATEMENT_INDICATORS, year),
            _("No statements dated {year}.").format(year=year, year_ord=az_ordinal(year)),
            f"{P}-statements",
        ),
        statements_table(
            data,
            statements_for_year(data, FACT_INDICATORS, year),
            _("No commodity, investment or settlement figures dated {year}.").format(
                year=year, year_ord=az_ordinal(year)
            ),
            f"{P}-facts",
        ),
    )


def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    lang = page_lang(kwargs)
    data = store()
    sel = SPEC.parse(data, kwargs)
    year, events, flow, cats = sel.year, sel.events, sel["flow"], sel.cats
    charts = {**flow_charts(data, sel), **fixed_charts(data, sel)}
    detail_year = year or default_year(data)
    detail_f = detail_frame(data, detail_year)
    statements, facts = year_tables(data, detail_year)
    controls = html.Span(
        [
            dcc.RadioItems(
                id=SPEC.control_id("flow"),
                options=[{"label": tr(lbl).split(" (")[0], "value": k} for k, (_ind, lbl) in FLOWS.items()],
                value=flow,
                inline=True,
                className="radio",
            ),
            ghost_control(SPEC.control_id("ghost"), sel["ghost"]),
            events_controls(P, events, cats, EVENT_CATEGORIES),
        ]
    )
    return html.Div(
        [
            *page_top(SPEC, data, sel, controls),
            with_commentary(
                [
                    sourced_card(data, SPEC.graph_id("main"), *charts["main"]),
                    html.Div(
                        [sourced_card(data, SPEC.graph_id(chart), *charts[chart]) for chart in GRAPHS[1:]],
                        className="grid-2",
                    ),
                ],
                commentary_panel(8, data, lang),
            ),
            html.H2([_("Year in detail: "), html.Span(id=f"{P}-detail-year")]),
            kpi_strip(),
            dcc.Store(id=f"{P}-detail-data", data=detail_payload(data, sel.lang)),
            html.Div(
                [
                    sourced_card(data, f"{P}-detail", detail_skeleton(), detail_f),
                    html.Div(
                        [
                            html.H3(_("Statements and part-year figures")),
                            html.P(
                                _(
                                    "Quoted by officials and agencies; period-labelled and never joined to the annual "
                                    "lines."
                                ),
                                className="muted",
                            ),
                            html.Div(
                                statements,
                                id=f"{P}-statements-wrap",
                            ),
                        ],
                        className="card",
                    ),
                ],
                className="grid-2",
            ),
            html.Div(
                [
                    html.H3(_("Commodities, investment and settlements")),
                    html.Div(
                        facts,
                        id=f"{P}-facts-wrap",
                    ),
                ],
                className="card",
            ),
        ],
        className="page",
    )


@callback(
    *chart_outputs(SPEC.graph_id("main"), SPEC.graph_id("mirror")),
    Input(SPEC.control_id("flow"), "value"),
    Input(SPEC.control_id("ghost"), "value"),
    State(SPEC.state_id, "data"),
    prevent_initial_call=True,
)
@memoize()
@in_state_lang
def render_flow(flow: Any, ghost: Any, state: Any) -> tuple[Any, ...]:
    """Flow or ghost switch: redraw the mirror lines (and their previous release) and the mirror ratio."""
    data = store()
    on = isinstance(ghost, list) and len(ghost) > 0
    charts = flow_charts(data, selection_with(SPEC, data, state, flow=flow, ghost=on))
    return tuple(out for name, chart in charts.items() for out in sourced_figure(data, SPEC.graph_id(name), *chart))


clientside_callback(
    ClientsideFunction(namespace="ruaz_trade", function_name="detail"),
    Output(f"{P}-detail", "figure"),
    Output(f"{P}-detail-year", "children"),
    *[Output(f"{P}-kpi-{i}", "children") for i in range(len(DETAIL_TILES))],
    *[Output(f"{P}-kpi-{i}-year", "children") for i in range(len(DETAIL_TILES))],
    Output(f"{P}-detail-alt", "children"),  # the chart's text alternative follows the year (ids.alt_id)
    Input(SPEC.state_id, "data"),
    State(f"{P}-detail-data", "data"),
    State(f"{P}-detail", "figure"),
    State(SPEC.cfg_id, "data"),
)


DETAIL_PANELS = (f"{P}-detail-src", f"{P}-statements-wrap", f"{P}-facts-wrap")


@callback(
    *[Output(panel, "children") for panel in DETAIL_PANELS], Input(SPEC.state_id, "data"), prevent_initial_call=True
)
@memoize()
@in_state_lang
def render_detail(state: Any) -> tuple[Any, ...]:
    """Selected year: the detail chart's citations, statements and facts (the chart itself redraws in the browser)."""
    data = store()
    year = SPEC.selection(data, state).year or default_year(data)
    detail_f = detail_frame(data, year)
    return (sources_for(data, detail_f, f"{P}-detail-src").children, *year_tables(data, year))


def workbook(data: DataStore, sel: Selection) -> tuple[bytes, tuple[object, ...]]:
    """Excel workbook of the data behind the current view."""
    frame, extra = view_frame(data, sel)
    filters = sel.filters({"flow": FLOWS[sel["flow"]][1], "page": "Trade"})
    extra = {k: v.drop(columns=["raw_file", "raw_line"], errors="ignore") for k, v in extra.items()}
    content = export_bytes(data, "RU–AZ Indicators: bilateral trade", filters, frame, extra)
    return content, ("trade", sel["flow"], sel.year)


download = register_download(SPEC, workbook)
