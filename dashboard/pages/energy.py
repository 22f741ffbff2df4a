"""Caspian energy page (/energy, report chapters 8–9): production, Baku–Novorossiysk, gas flows, Lukoil.

Statistical Review series (BP 2021, EI 2025) are annual lines; official and press
figures are full-year markers that never join a line. A unit with no published
figure for a source is said so on the chart, never filled with an unstated factor.
"""

from __future__ import annotations

import html as html_text
import re
import textwrap
from collections.abc import Sequence
from typing import Any

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard.caching import memoize
from dashboard.commentary import commentary_panel
from dashboard.components import chart_card, events_controls, notices, page_header, selection_bar, with_commentary
from dashboard.data import DataStore, store
from dashboard.figures import REPORTER_COLOR, Line, timeseries_figure
from dashboard.kpis import energy_headline
from dashboard.pages._helpers import add_notes
from dashboard.protocol import PageSpec, Selection, register_download
from dashboard.state import Param, selection_params
from dashboard.views import (
    export_bytes,
    in_range,
    sources_for,
    statements_for_year,
    statements_markdown,
    statements_table,
)

P = "energy"
COUNTRIES = {"AZ": "Azerbaijan", "RU": "Russia"}
SOURCES = {"bp": "BP 2021", "ei": "EI 2025", "official": "Official"}
OIL_UNITS = {
    "mt": ("energy_oil_production_mt", "Mt", "million tonnes"),
    "kbd": ("energy_oil_production_kbd", "kb/d", "thousand barrels a day"),
    "twh": ("energy_oil_production_twh", "TWh", "TWh, primary energy"),
}
GAS_UNITS = {
    "bcm": ("energy_gas_production_marketed_bcm", "bcm", "bcm, marketed"),
    "twh": ("energy_gas_production_twh", "TWh", "TWh, primary energy"),
}
FUELS = {"oil": ("Oil", OIL_UNITS, "mt"), "gas": ("Gas", GAS_UNITS, "bcm")}
REVIEWS = {
    "bp": ("BP", "BP Statistical Review 2021", REPORTER_COLOR["BP"], "solid"),
    "ei": ("EI", "EI Statistical Review 2025", REPORTER_COLOR["EI"], "dash"),
}
OFFICIAL_REPORTERS = ("AZ", "SOCAR", "RU", "OTHER")
OFFICIAL_NAMES = {"AZ": "AZ government", "SOCAR": "SOCAR", "RU": "RU government", "OTHER": "press, origin not named"}
OFFICIAL_COLORS = {"AZ": "#1f5aa6", "SOCAR": "#16a085", "RU": "#c0392b", "OTHER": "#7f8c8d"}
GAS_TOTAL = "energy_gas_production_official_bcm"
TOTAL_SYMBOL = {"circle": "square", "circle-open": "square-open"}
MISSING_NOTES = {
    ("ei", "oil", "kbd"): "EI publishes no kb/d series and no Mt↔kb/d factor is stated",
    ("official", "oil", "kbd"): "Official figures are published in Mt; no Mt↔kb/d factor is stated",
}
TOTAL_GAS_TWH_NOTE = "Official total gas (incl. reinjected) is published in bcm only; not converted to TWh"
BN = "Baku–Novorossiysk"
BN_REPORTERS = {
    "SOCAR": ("SOCAR (its own shipments)", "#1f5aa6"),
    "TRANSNEFT": ("Transneft (transit count)", "#c0392b"),
    "RU": ("Russia's CDU TEK dispatch office", "#8e44ad"),
    "OTHER": ("Press, origin not named", "#7f8c8d"),
}
BN_EXTRA_INDICATORS = [
    "energy_oil_pipeline_plan_mt",
    "energy_bn_agreed_minimum_transit_mt",
    "energy_bn_transit_tariff",
    "energy_bn_design_capacity_kbd",
]
FLOW_DIRECTIONS = {
    "AZ→RU": ("Azerbaijan → Russia", ["#1f5aa6", "#5b8fd6", "#16a085", "#9dbbe6"]),
    "RU→AZ": ("Russia → Azerbaijan", ["#c0392b", "#e07a6e", "#d68910", "#f0b0a8"]),
    "World→AZ": ("All imports into Azerbaijan", ["#7f8c8d"]),
}
FLOW_REPORTERS = {"AZ": "AZ government", "SOCAR": "SOCAR", "GAZPROM": "Gazprom", "OTHER": "press"}
CONTRACT_INDICATORS = ["energy_gas_contract_bcm", "energy_gas_contract_volume_bcm"]
GRAPHS = [f"{P}-oil-az", f"{P}-oil-ru", f"{P}-gas-az", f"{P}-gas-ru", f"{P}-bn", f"{P}-flows"]
CONTROLS = {
    f"{P}-oil": "oil",
    f"{P}-gas": "gas",
    f"{P}-sources": "sources",
    f"{P}-events": "events",
    f"{P}-cats": "cats",
}
_FACTOR = re.compile(r"([\d.]+) TWh per (\w+)")


def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page (Caspian milestones are shown unless events=0)."""
    years = data.years
    return {
        **selection_params(years[0], years[-1]),
        "events": Param("bool", True, label="events"),
        "oil": Param("choice", "mt", choices=list(OIL_UNITS), label="oil unit"),
        "gas": Param("choice", "bcm", choices=list(GAS_UNITS), label="gas unit"),
        "sources": Param("multi", list(SOURCES), choices=list(SOURCES), label="source"),
    }


SPEC = PageSpec(P, params, tuple(GRAPHS), CONTROLS)
dash.register_page(
    __name__, path="/energy", name="Caspian energy", title="Caspian energy · RU–AZ Indicators", order=2, spec=SPEC
)


# ------------------------------------------------------------------ helpers
def conversion_label(frame: pd.DataFrame) -> str | None:
    """'converted at 11.63 TWh/Mt' when every row is a computed unit conversion, else None."""
    if frame.empty or not frame["confidence"].eq("computed").all():
        return None
    for formula in frame["formula"].dropna():
        m = _FACTOR.search(str(formula))
        if m:
            return f"converted at {m.group(1)} TWh/{m.group(2)}"
    return None


def caspian_events(data: DataStore) -> pd.DataFrame:
    """Caspian milestones (events layer 'caspian') drawn on the energy charts."""
    return data.events[data.events["layer"] == "caspian"]


def event_layer(data: DataStore, visible: bool, cats: Sequence[str]) -> dict[str, Any]:
    """Keyword arguments drawing the Caspian milestones on a chart."""
    return {"events": caspian_events(data), "events_visible": visible, "event_categories": list(cats)}


def caspian_categories(data: DataStore) -> list[str]:
    """Event categories present among the Caspian milestones (for the category filter)."""
    return sorted(str(c) for c in caspian_events(data)["category"].dropna().unique())


def full_year_points(frame: pd.DataFrame) -> pd.DataFrame:
    """Point figures that cover a whole calendar year and carry a value."""
    return frame[(frame["kind"] == "point") & frame["full_year"] & frame["value"].notna() & frame["year"].notna()]


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(html_text.escape(text), width))


def point_notes(fig: go.Figure, frame: pd.DataFrame) -> go.Figure:
    """Add each marker-only point's note to its hover (the point's source is already there)."""
    if frame.empty:
        return fig
    rows = frame.drop_duplicates("obs_id").set_index("obs_id")
    for trace in fig.data:
        if trace.mode != "markers" or str(trace.name).startswith("events") or trace.customdata is None:
            continue
        texts = list(trace.text or [])
        for i, obs_id in enumerate(trace.customdata):
            if obs_id not in rows.index or i >= len(texts):
                continue
            note = rows.loc[obs_id].get("note")
            if isinstance(note, str) and note:
                texts[i] = f"{texts[i]}<br><i>{_wrap(note)}</i>"
        trace.text = texts
    return fig


def review_line(data: DataStore, source: str, indicator: str, country: str) -> Line:
    """A Statistical Review series as an annual line; converted series say so in the legend."""
    reporter, label, color, dash_style = REVIEWS[source]
    frame = data.select(indicator, reporter, country)
    converted = conversion_label(frame)
    name = f"{label} — {converted}" if converted else label
    publisher = "; ".join(data.publishers(frame))
    return Line(
        name,
        frame,
        color,
        "dot" if converted else dash_style,
        source_label=f"{publisher} · {converted}" if converted else publisher,
        legendgroup=source,
    )


def official_lines(data: DataStore, fuel: str, indicator: str, country: str) -> list[Line]:
    """Full-year official and press figures as markers, one trace per reporter and definition."""
    lines = []
    frame = full_year_points(data.select(indicator, subject=country, annual_only=False))
    frame = frame[frame["reporter"].isin(OFFICIAL_REPORTERS)]
    for rep in OFFICIAL_REPORTERS:
        part = frame[frame["reporter"] == rep]
        if part.empty:
            continue
        converted = conversion_label(part)
        name = OFFICIAL_NAMES[rep] + (" — marketed gas" if fuel == "gas" else "")
        name += f" — {converted}" if converted else ""
        lines.append(Line(name, part, OFFICIAL_COLORS[rep], mode="markers", legendgroup="official"))
    if fuel == "gas" and indicator == GAS_UNITS["bcm"][0]:
        total = full_year_points(data.select(GAS_TOTAL, subject=country, annual_only=False))
        total = total[total["reporter"].isin(OFFICIAL_REPORTERS)]
        for rep in OFFICIAL_REPORTERS:
            part = total[total["reporter"] == rep]
            if part.empty:
                continue
            name = f"{OFFICIAL_NAMES[rep]} — TOTAL gas incl. reinjected (different definition)"
            lines.append(Line(name, part, OFFICIAL_COLORS[rep], mode="markers", legendgroup="official-total"))
    return lines


def production_lines(
    data: DataStore, fuel: str, country: str, unit: str, sources: Sequence[str]
) -> tuple[list[Line], list[str]]:
    """The lines and marker series of one production chart, plus notes on what has no figures."""
    _, units, _ = FUELS[fuel]
    indicator, unit_label, _ = units[unit]
    lines: list[Line] = []
    notes: list[str] = []
    for source in SOURCES:
        if source not in sources:
            continue
        if source in REVIEWS:
            line = review_line(data, source, indicator, country)
            if line.frame.empty:
                default = f"{REVIEWS[source][1]} has no {unit_label} figures for {COUNTRIES[country]}"
                notes.append(MISSING_NOTES.get((source, fuel, unit), default))
            else:
                lines.append(line)
            continue
        official = official_lines(data, fuel, indicator, country)
        lines.extend(official)
        if fuel == "gas" and unit == "twh":
            notes.append(TOTAL_GAS_TWH_NOTE)
        if not official and not (fuel == "gas" and unit == "twh"):
            default = f"No full-year official figures in {unit_label} for {COUNTRIES[country]}"
            notes.append(MISSING_NOTES.get((source, fuel, unit), default))
    if not any(s in SOURCES for s in sources):
        notes.append("No source selected: tick BP 2021, EI 2025 or Official")
    return lines, notes


def production_figure(
    data: DataStore,
    fuel: str,
    country: str,
    unit: str,
    sources: Sequence[str],
    rng: tuple[int, int] | None,
    events: bool,
    cats: Sequence[str] = (),
) -> tuple[go.Figure, pd.DataFrame]:
    """Oil or gas production of one country in one unit, for the ticked sources."""
    fuel_label, units, _ = FUELS[fuel]
    _, unit_label, unit_long = units[unit]
    lines, notes = production_lines(data, fuel, country, unit, sources)
    fig = timeseries_figure(
        lines,
        title=f"{fuel_label} production — {COUNTRIES[country]} ({unit_long})",
        unit=unit_label,
        xrange=rng,
        **event_layer(data, events, cats),
    )
    frame = pd.concat([line.frame for line in lines]) if lines else data.observations.iloc[0:0]
    for trace in fig.data:
        if trace.legendgroup == "official-total":
            # squares keep the total-gas definition visibly apart from marketed gas
            trace.marker.symbol = [TOTAL_SYMBOL.get(str(s), "square") for s in trace.marker.symbol]
    add_notes(fig, notes)
    return point_notes(fig, frame), frame


# ------------------------------------------------------------------ Baku–Novorossiysk and gas flows
def pipeline_frames(data: DataStore) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Baku–Novorossiysk volumes: (full-year figures, part-year figures plus plans and route terms)."""
    frame = data.select("energy_oil_pipeline_mt", subject=BN, annual_only=False)
    full = full_year_points(frame)
    obs = data.observations
    extras = obs[obs["indicator"].isin(BN_EXTRA_INDICATORS) & (obs["subject"] == BN)]
    rest = pd.concat([frame[~frame["obs_id"].isin(full["obs_id"])], extras]).sort_values("period_start")
    return full, rest


def pipeline_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """SOCAR's and Transneft's (and Russia's dispatch office's) full-year counts side by side."""
    full, _ = pipeline_frames(data)
    lines = [
        Line(name, full[full["reporter"] == rep], color, mode="markers", legendgroup=rep)
        for rep, (name, color) in BN_REPORTERS.items()
        if (full["reporter"] == rep).any()
    ]
    fig = timeseries_figure(
        lines,
        title="Baku–Novorossiysk: oil shipped per full year, as each side counts it",
        unit="Mt",
        xrange=rng,
        **event_layer(data, events, cats),
        height=360,
    )
    return point_notes(fig, full), full


def flow_frames(data: DataStore) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gas flows: (full-year figures, part-year, multi-year and cumulative figures)."""
    frame = data.select("energy_gas_flow_bcm", annual_only=False)
    frame = frame[frame["subject"].isin(list(FLOW_DIRECTIONS))]
    full = full_year_points(frame)
    return full, frame[~frame["obs_id"].isin(full["obs_id"])]


def flow_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Pipeline gas in both directions, one marker series per direction and reporter."""
    full, _ = flow_frames(data)
    lines = []
    for subject, (label, colors) in FLOW_DIRECTIONS.items():
        part = full[full["subject"] == subject]
        for i, rep in enumerate(r for r in FLOW_REPORTERS if (part["reporter"] == r).any()):
            lines.append(
                Line(
                    f"{label} ({FLOW_REPORTERS[rep]})",
                    part[part["reporter"] == rep],
                    colors[i % len(colors)],
                    mode="markers",
                    legendgroup=subject,
                )
            )
    fig = timeseries_figure(
        lines,
        title="Pipeline gas between Azerbaijan and Russia, full years (bcm)",
        unit="bcm",
        xrange=rng,
        **event_layer(data, events, cats),
        height=360,
    )
    return point_notes(fig, full), full


def contracts_frame(data: DataStore) -> pd.DataFrame:
    """Contracted gas volumes (ceilings and starting levels, not deliveries)."""
    obs = data.observations
    return obs[obs["indicator"].isin(CONTRACT_INDICATORS)].sort_values("period_start")


def lukoil_frame(data: DataStore) -> pd.DataFrame:
    """Lukoil's stakes, deal values and revenue in Azerbaijani projects."""
    obs = data.observations
    return obs[obs["indicator"].str.startswith("energy_lukoil_")].sort_values("period_start")


def detail_indicators(data: DataStore) -> list[str]:
    """Every energy and transport indicator in the catalogue."""
    ids = data.catalogue["indicator_id"].astype(str)
    return sorted(ids[ids.str.startswith(("energy_", "transport_"))])


def default_year(data: DataStore) -> int:
    """Year shown in the detail table when nothing is selected: the latest Statistical Review year."""
    return int(data.select("energy_oil_production_twh", "EI", "AZ")["year"].max())


# ------------------------------------------------------------------ layout
def _unit_radio(control_id: str, units: dict[str, tuple[str, str, str]], value: str) -> dcc.RadioItems:
    return dcc.RadioItems(
        id=control_id,
        options=[{"label": u[1], "value": k} for k, u in units.items()],
        value=value,
        inline=True,
        className="radio",
    )


def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    data = store()
    sel = SPEC.parse(data, kwargs)
    v = sel.values
    year, rng, events, cats, sources = sel.year, sel.xrange, sel.events, sel.cats, sel["sources"]
    charts = {}
    for fuel in FUELS:
        for country in COUNTRIES:
            charts[(fuel, country)] = production_figure(data, fuel, country, v[fuel], sources, rng, events, cats)
    bn, bn_f = pipeline_figure(data, rng, events, cats)
    _, bn_rest = pipeline_frames(data)
    flows, flows_f = flow_figure(data, rng, events, cats)
    _, flows_rest = flow_frames(data)
    controls = html.Span(
        [
            dcc.Checklist(
                id=f"{P}-sources",
                options=[{"label": label, "value": k} for k, label in SOURCES.items()],
                value=sources,
                inline=True,
                className="radio",
            ),
            events_controls(P, events, cats, caspian_categories(data)),
        ]
    )

    def card(fuel: str, country: str) -> html.Div:
        fig, frame = charts[(fuel, country)]
        gid = f"{P}-{fuel}-{country.lower()}"
        return chart_card(gid, fig, sources_for(data, frame, f"{gid}-src"))

    return html.Div(
        [
            page_header(
                "The Caspian dimension",
                "Report chapters 8–9 · The Caspian Dimension",
                "Oil and gas output of both countries from two editions of the Statistical Review and from official "
                "statements, the Baku–Novorossiysk pipeline as SOCAR and Transneft count it, and gas flowing both "
                "ways. Lines are Statistical Review series; markers are full-year official or press figures. Click a "
                "point to list every energy figure dated that year; dotted lines are Caspian milestones.",
            ),
            notices(sel.notices, f"{P}-notice"),
            SPEC.stores(data, sel),
            selection_bar(P, year, controls),
            with_commentary(
                [
                    html.Div(
                        [
                            html.H2("Oil production"),
                            html.Span("Unit: ", className="muted"),
                            _unit_radio(f"{P}-oil", OIL_UNITS, v["oil"]),
                        ],
                        className="section-head",
                    ),
                    html.P(energy_headline(data)["energy"], className="muted", id=f"{P}-headline"),
                    html.Div([card("oil", "AZ"), card("oil", "RU")], className="grid-2"),
                    html.Div(
                        [
                            html.H2("Gas production"),
                            html.Span("Unit: ", className="muted"),
                            _unit_radio(f"{P}-gas", GAS_UNITS, v["gas"]),
                        ],
                        className="section-head",
                    ),
                    html.P(
                        "Statistical Review gas is marketed production (flared and reinjected gas excluded). "
                        "Official 'total' gas for Azerbaijan includes gas reinjected into oil fields and exceeds "
                        "marketed output: it is a different definition, drawn as squares and never joined to a line.",
                        className="muted",
                    ),
                    html.Div([card("gas", "AZ"), card("gas", "RU")], className="grid-2"),
                ],
                commentary_panel(9, data),
            ),
            html.H2("Baku–Novorossiysk pipeline"),
            chart_card(
                f"{P}-bn",
                bn,
                sources_for(data, bn_f, f"{P}-bn-src"),
                extra=html.Div(
                    [
                        html.P(
                            "SOCAR counts its own shipments; Transneft counts all transit through the route (AIOC "
                            "also shipped this way until 2007), so the two series differ and both are shown. A "
                            "triangle marks a lower bound ('more than').",
                            className="muted",
                            id=f"{P}-bn-note",
                        ),
                        html.H3("Part-year figures, plans and route terms (not on the annual axis)"),
                        statements_table(data, bn_rest, "No part-year figures.", f"{P}-bn-partial"),
                    ]
                ),
            ),
            html.H2("Gas flows between Azerbaijan and Russia"),
            chart_card(
                f"{P}-flows",
                flows,
                sources_for(data, flows_f, f"{P}-flows-src"),
                extra=html.Div(
                    [
                        html.P(
                            "Azerbaijan sold gas to Russia in 2010–2015 and bought Russian gas before 2007, in "
                            "2015–2018 and again from late 2022. A diamond with a bar is a stated range.",
                            className="muted",
                        ),
                        html.Div(
                            [
                                html.Div(
                                    [
                                        html.H3("Part-year, multi-year and cumulative flows"),
                                        statements_table(data, flows_rest, "None.", f"{P}-flows-partial"),
                                    ]
                                ),
                                html.Div(
                                    [
                                        html.H3("Contracted volumes (not deliveries)"),
                                        statements_table(
                                            data, contracts_frame(data), "No contracts.", f"{P}-contracts"
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
            html.H2(["Year in detail: ", html.Span(id=f"{P}-detail-year")]),
            html.Div(
                [
                    html.Div(
                        [
                            html.H3("Energy and transport figures dated this year"),
                            html.P(
                                "Statements, press figures and part-year values, each period-labelled and cited.",
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
                            dcc.Store(id=f"{P}-tables", data=year_tables(data)),
                        ],
                        className="card",
                    ),
                    html.Div(
                        [
                            html.H3("Lukoil in Azerbaijan: stakes and deals"),
                            statements_table(data, lukoil_frame(data), "No Lukoil figures.", f"{P}-lukoil"),
                        ],
                        className="card",
                    ),
                ],
                className="grid-2",
            ),
        ],
        className="page",
    )


def _render_fuel(fuel: str, unit: Any, sources: Any, state: Any) -> tuple[Any, ...]:
    data = store()
    sel = SPEC.selection(data, {**(state if isinstance(state, dict) else {}), fuel: unit, "sources": sources or []})
    unit, rng, events, cats = sel[fuel], sel.xrange, sel.events, sel.cats
    out: list[Any] = []
    for country in COUNTRIES:
        fig, frame = production_figure(data, fuel, country, unit, sel["sources"], rng, events, cats)
        out += [fig, sources_for(data, frame, f"{P}-{fuel}-{country.lower()}-src").children]
    return tuple(out)


@callback(
    Output(f"{P}-oil-az", "figure", allow_duplicate=True),
    Output(f"{P}-oil-az-src", "children"),
    Output(f"{P}-oil-ru", "figure", allow_duplicate=True),
    Output(f"{P}-oil-ru-src", "children"),
    Input(f"{P}-oil", "value"),
    Input(f"{P}-sources", "value"),
    State(f"{P}-state", "data"),
    prevent_initial_call=True,
)
@memoize()
def render_oil(unit: Any, sources: Any, state: Any) -> tuple[Any, ...]:
    """Oil unit or source switch: redraw both oil charts."""
    return _render_fuel("oil", unit, sources, state)


@callback(
    Output(f"{P}-gas-az", "figure", allow_duplicate=True),
    Output(f"{P}-gas-az-src", "children"),
    Output(f"{P}-gas-ru", "figure", allow_duplicate=True),
    Output(f"{P}-gas-ru-src", "children"),
    Input(f"{P}-gas", "value"),
    Input(f"{P}-sources", "value"),
    State(f"{P}-state", "data"),
    prevent_initial_call=True,
)
@memoize()
def render_gas(unit: Any, sources: Any, state: Any) -> tuple[Any, ...]:
    """Gas unit or source switch: redraw both gas charts."""
    return _render_fuel("gas", unit, sources, state)


@memoize(maxsize=4)
def year_tables(data: DataStore) -> dict[str, Any]:
    """Every year's table as Markdown, shipped with the page: the browser places it at load and on a click
    (``ruaz_pages.yearTable``); the server never renders the panel itself."""
    years = range(data.years[0], data.years[-1] + 1)
    return {
        "default": default_year(data),
        "years": {
            str(y): statements_markdown(
                data,
                statements_for_year(data, detail_indicators(data), y),
                f"No energy or transport figures dated {y}.",
            )
            for y in years
        },
    }


clientside_callback(
    ClientsideFunction(namespace="ruaz_pages", function_name="yearTable"),
    Output(f"{P}-detail-year", "children"),
    Output(f"{P}-statements-md", "children"),
    Input(f"{P}-state", "data"),
    State(f"{P}-tables", "data"),
    State(f"{P}-cfg", "data"),
)


def view_frame(data: DataStore, sel: Selection) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The observations behind the current view (units, sources, range) plus the tables shown."""
    rng, sources, year = sel.xrange, sel["sources"], sel.year
    frames = []
    for fuel in FUELS:
        unit = sel[fuel]
        for country in COUNTRIES:
            lines, _ = production_lines(data, fuel, country, unit, sources)
            frames += [line.frame for line in lines]
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
