"""Caspian energy page (/energy, report chapters 8–9): production, Baku–Novorossiysk, gas flows, Lukoil.

The rows come from ``dashboard.queries.energy``, the charts from ``dashboard.charts.energy``; this module is
the page's spec, layout and callbacks.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard.caching import memoize
from dashboard.charts.energy import flow_figure, pipeline_figure, production_figure
from dashboard.commentary import commentary_panel
from dashboard.components import events_controls, with_commentary
from dashboard.data import DataStore, store
from dashboard.figures import unit_words
from dashboard.ghost import ghost_control, ghost_param, ghosted, series_keys
from dashboard.i18n import _, in_state_lang, page_lang, tr
from dashboard.kpis import energy_headline
from dashboard.pages._helpers import (
    chart_outputs,
    chart_view,
    page_top,
    selection_with,
    sourced_card,
    sourced_figure,
)
from dashboard.protocol import PageSpec, PageText, Selection, register_download
from dashboard.queries.energy import (
    COUNTRIES,
    FUELS,
    GAS_UNITS,
    OIL_UNITS,
    SOURCES,
    caspian_categories,
    caspian_events,
    contracts_frame,
    detail_indicators,
    flow_frames,
    lukoil_frame,
    pipeline_frames,
    production_rows,
    production_series,
    year_tables,
)
from dashboard.state import Param, selection_params
from dashboard.views import export_bytes, in_range, statements_for_year, statements_table

P = "energy"
TEXT = PageText(
    _("The Caspian dimension"),
    _("Report chapters 8–9 · The Caspian Dimension"),
    _(
        "Oil and gas output of both countries from two editions of the Statistical Review and from official "
        "statements, the Baku–Novorossiysk pipeline as SOCAR and Transneft count it, and gas flowing both "
        "ways. Lines are Statistical Review series; markers are full-year official or press figures. Click a "
        "point to list every energy figure dated that year; 'Show events' adds the Caspian milestones."
    ),
)


GRAPHS = ("oil-az", "oil-ru", "gas-az", "gas-ru", "bn", "flows")  # linked charts (SPEC.graph_id)
CONTROLS = ("oil", "gas", "sources", "ghost", "events", "cats")  # state keys written by a control (SPEC.control_id)


def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page (Caspian milestones are off unless events=1, as on every page)."""
    years = data.years
    return {
        **selection_params(years[0], years[-1]),
        "oil": Param("choice", "mt", choices=list(OIL_UNITS), label="oil unit"),
        "gas": Param("choice", "bcm", choices=list(GAS_UNITS), label="gas unit"),
        "sources": Param("multi", list(SOURCES), choices=list(SOURCES), label="source"),
        "ghost": ghost_param(),
    }


SPEC = PageSpec(P, params, GRAPHS, CONTROLS, text=TEXT)
dash.register_page(
    __name__, path="/energy", name="Caspian energy", title="Caspian energy · RU–AZ Indicators", order=2, spec=SPEC
)


# ------------------------------------------------------------------ layout
def production_chart(data: DataStore, sel: Selection, fuel: str, country: str) -> tuple[go.Figure, pd.DataFrame]:
    """One production chart for the Selection (unit, sources, range, events, ghost) and the rows it draws."""
    unit, sources = sel[fuel], sel["sources"]
    rows = production_series(data, fuel, country, unit)
    fig = production_figure(rows, fuel, country, unit, sources, chart_view(sel, caspian_events(data)))
    frame = production_rows(rows, sources, data.observations.iloc[0:0])
    # the ghost step: each Statistical Review line's previous release, grey and dashed, cited with the chart
    unit_label = str(frame["unit"].iloc[0]) if len(frame) else ""
    return fig, ghosted(fig, data, frame, series_keys(frame), sel["ghost"], unit_label)


def _unit_radio(control_id: dict[str, str], units: dict[str, tuple[str, str, str]], value: str) -> dcc.RadioItems:
    return dcc.RadioItems(
        id=control_id,
        options=[{"label": unit_words(u[1]), "value": k} for k, u in units.items()],
        value=value,
        inline=True,
        className="radio",
    )


def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    lang = page_lang(kwargs)
    data = store()
    sel = SPEC.parse(data, kwargs)
    v = sel.values
    events, cats, sources = sel.events, sel.cats, sel["sources"]
    view = chart_view(sel, caspian_events(data))
    charts = {(fuel, country): production_chart(data, sel, fuel, country) for fuel in FUELS for country in COUNTRIES}
    bn_f, bn_rest = pipeline_frames(data)
    bn = pipeline_figure(bn_f, view)
    flows_f, flows_rest = flow_frames(data)
    flows = flow_figure(flows_f, view)
    controls = html.Span(
        [
            dcc.Checklist(
                id=SPEC.control_id("sources"),
                options=[{"label": tr(label), "value": k} for k, label in SOURCES.items()],
                value=sources,
                inline=True,
                className="radio",
            ),
            ghost_control(SPEC.control_id("ghost"), sel["ghost"]),
            events_controls(P, events, cats, caspian_categories(data)),
        ]
    )

    def card(fuel: str, country: str) -> html.Div:
        fig, frame = charts[(fuel, country)]
        return sourced_card(data, SPEC.graph_id(f"{fuel}-{country.lower()}"), fig, frame)

    return html.Div(
        [
            *page_top(SPEC, data, sel, controls),
            with_commentary(
                [
                    html.Div(
                        [
                            html.H2(_("Oil production")),
                            html.Span(_("Unit: "), className="muted"),
                            _unit_radio(SPEC.control_id("oil"), OIL_UNITS, v["oil"]),
                        ],
                        className="section-head",
                    ),
                    html.P(energy_headline(data)["energy"], className="muted", id=f"{P}-headline"),
                    html.Div([card("oil", "AZ"), card("oil", "RU")], className="grid-2"),
                    html.Div(
                        [
                            html.H2(_("Gas production")),
                            html.Span(_("Unit: "), className="muted"),
                            _unit_radio(SPEC.control_id("gas"), GAS_UNITS, v["gas"]),
                        ],
                        className="section-head",
                    ),
                    html.P(
                        _(
                            "Statistical Review gas is marketed production (flared and reinjected gas excluded). "
                            "Official 'total' gas for Azerbaijan includes gas reinjected into oil fields and exceeds "
                            "marketed output: it is a different definition, drawn as squares and never joined to a "
                            "line."
                        ),
                        className="muted",
                    ),
                    html.Div([card("gas", "AZ"), card("gas", "RU")], className="grid-2"),
                ],
                commentary_panel(9, data, lang),
            ),
            html.H2(_("Baku–Novorossiysk pipeline")),
            sourced_card(
                data,
                SPEC.graph_id("bn"),
                bn,
                bn_f,
                extra=html.Div(
                    [
                        html.P(
                            _(
                                "SOCAR counts its own shipments; Transneft counts all transit through the route "
                                "(AIOC also shipped this way until 2007), so the two series differ and both are "
                                "shown. A triangle marks a lower bound ('more than')."
                            ),
                            className="muted",
                            id=f"{P}-bn-note",
                        ),
                        html.H3(_("Part-year figures, plans and route terms (not on the annual axis)")),
                        statements_table(data, bn_rest, _("No part-year figures."), f"{P}-bn-partial"),
                    ]
                ),
            ),
            html.H2(_("Gas flows between Azerbaijan and Russia")),
            sourced_card(
                data,
                SPEC.graph_id("flows"),
                flows,
                flows_f,
                extra=html.Div(
                    [
                        html.P(
                            _(
                                "Azerbaijan sold gas to Russia in 2010–2015 and bought Russian gas before 2007, in "
                                "2015–2018 and again from late 2022. A diamond with a bar is a stated range."
                            ),
                            className="muted",
                        ),
                        html.Div(
                            [
                                html.Div(
                                    [
                                        html.H3(_("Part-year, multi-year and cumulative flows")),
                                        statements_table(data, flows_rest, _("None."), f"{P}-flows-partial"),
                                    ]
                                ),
                                html.Div(
                                    [
                                        html.H3(_("Contracted volumes (not deliveries)")),
                                        statements_table(
                                            data, contracts_frame(data), _("No contracts."), f"{P}-contracts"
                                        ),
                                    ]
                                ),
                            ],
                            className="grid-2",
                        ),
                    ]
                ),
            ),
            # drawn only in the browser (ruaz_pages.yearTable, at load and on every click) from `energy-tables`
            html.H2([_("Year in detail: "), html.Span(id=f"{P}-detail-year")]),
            html.Div(
                [
                    html.Div(
                        [
                            html.H3(_("Energy and transport figures dated this year")),
                            html.P(
                                _("Statements, press figures and part-year values, each period-labelled and cited."),
                                className="muted",
                            ),
                            html.Div(
                                html.Div(
                                    dcc.Markdown(
                                        id=f"{P}-statements-md", link_target="_blank", className="table md-table"
                                    ),
                                    id=f"{P}-statements",
                                ),
                                id=f"{P}-statements-wrap",
                            ),
                            dcc.Store(id=f"{P}-tables", data=year_tables(data, sel.lang)),
                        ],
                        className="card",
                    ),
                    html.Div(
                        [
                            html.H3(_("Lukoil in Azerbaijan: stakes and deals")),
                            statements_table(data, lukoil_frame(data), _("No Lukoil figures."), f"{P}-lukoil"),
                        ],
                        className="card",
                    ),
                ],
                className="grid-2",
            ),
        ],
        className="page",
    )


def _fuel_wiring(fuel: str) -> list[Any]:
    """Outputs (both countries' chart and sources), inputs (unit, sources, ghost) and state of a fuel's redraw."""
    graphs = [SPEC.graph_id(f"{fuel}-{country.lower()}") for country in COUNTRIES]
    inputs = [Input(SPEC.control_id(k), "value") for k in (fuel, "sources", "ghost")]
    return [*chart_outputs(*graphs), *inputs, State(SPEC.state_id, "data")]


def _render_fuel(fuel: str, unit: Any, sources: Any, ghost: Any, state: Any) -> tuple[Any, ...]:
    data = store()
    on = isinstance(ghost, list) and len(ghost) > 0
    sel = selection_with(SPEC, data, state, **{fuel: unit, "sources": sources or [], "ghost": on})
    out: list[Any] = []
    for country in COUNTRIES:
        out += sourced_figure(
            data, SPEC.graph_id(f"{fuel}-{country.lower()}"), *production_chart(data, sel, fuel, country)
        )
    return tuple(out)


@callback(*_fuel_wiring("oil"), prevent_initial_call=True)
@memoize()
@in_state_lang
def render_oil(unit: Any, sources: Any, ghost: Any, state: Any) -> tuple[Any, ...]:
    """Oil unit, source or ghost switch: redraw both oil charts."""
    return _render_fuel("oil", unit, sources, ghost, state)


@callback(*_fuel_wiring("gas"), prevent_initial_call=True)
@memoize()
@in_state_lang
def render_gas(unit: Any, sources: Any, ghost: Any, state: Any) -> tuple[Any, ...]:
    """Gas unit, source or ghost switch: redraw both gas charts."""
    return _render_fuel("gas", unit, sources, ghost, state)


clientside_callback(
    ClientsideFunction(namespace="ruaz_pages", function_name="yearTable"),
    Output(f"{P}-detail-year", "children"),
    Output(f"{P}-statements-md", "children"),
    Input(SPEC.state_id, "data"),
    State(f"{P}-tables", "data"),
    State(SPEC.cfg_id, "data"),
)


def view_frame(data: DataStore, sel: Selection) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The observations behind the current view (units, sources, range) plus the tables shown."""
    rng, sources, year = sel.xrange, sel["sources"], sel.year
    frames = []
    for fuel in FUELS:
        for country in COUNTRIES:
            rows = production_series(data, fuel, country, sel[fuel])
            frames.append(production_rows(rows, sources, data.observations.iloc[0:0]))
    bn_full, bn_rest = pipeline_frames(data)
    flows_full, flows_rest = flow_frames(data)
    frame = in_range(pd.concat([*frames, bn_full, flows_full]), rng)
    extra = {
        "Baku-Novorossiysk other": bn_rest,
        "Gas flows other": flows_rest,
        "Gas contracts": contracts_frame(data),
        "Lukoil": lukoil_frame(data),
    }
    if year is not None:
        extra[f"Energy figures {year}"] = statements_for_year(data, detail_indicators(data), year)
    return frame, {k: v.drop(columns=["raw_file", "raw_line"], errors="ignore") for k, v in extra.items()}


def workbook(data: DataStore, sel: Selection) -> tuple[bytes, tuple[object, ...]]:
    """Excel workbook of the data behind the current view."""
    frame, extra = view_frame(data, sel)
    oil, gas, sources = sel["oil"], sel["gas"], sel["sources"]
    filters = sel.filters(
        {
            "page": "Caspian energy",
            "oil unit": OIL_UNITS[oil][1],
            "gas unit": GAS_UNITS[gas][1],
            "sources": ", ".join(SOURCES[s] for s in sources) or "none",
        },
    )
    content = export_bytes(data, "RU–AZ Indicators: Caspian energy", filters, frame, extra)
    return content, ("energy", oil, gas, sel.year)


download = register_download(SPEC, workbook)
