"""Caspian energy charts (/energy): production per country and unit, Baku–Novorossiysk, gas flows.

A unit with no published figure for a source is said so on the chart, never filled with an unstated factor.
"""

from __future__ import annotations

import html as html_text
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.chart_notes import add_notes
from dashboard.data import DataStore
from dashboard.figures import REPORTER_COLOR, Line, timeseries_figure
from dashboard.queries.energy import (
    COUNTRIES,
    FLOW_DIRECTIONS,
    FLOW_REPORTERS,
    FUELS,
    GAS_TOTAL,
    GAS_UNITS,
    OFFICIAL_NAMES,
    SOURCES,
    caspian_events,
    conversion_label,
    flow_frames,
    official_points,
    pipeline_frames,
)

REVIEWS = {
    "bp": ("BP", "BP Statistical Review 2021", REPORTER_COLOR["BP"], "solid"),
    "ei": ("EI", "EI Statistical Review 2025", REPORTER_COLOR["EI"], "dash"),
}
OFFICIAL_COLORS = {"AZ": "#1f5aa6", "SOCAR": "#16a085", "RU": "#c0392b", "OTHER": "#7f8c8d"}
TOTAL_SYMBOL = {"circle": "square", "circle-open": "square-open"}
MISSING_NOTES = {
    ("ei", "oil", "kbd"): "EI publishes no kb/d series and no Mt↔kb/d factor is stated",
    ("official", "oil", "kbd"): "Official figures are published in Mt; no Mt↔kb/d factor is stated",
}
TOTAL_GAS_TWH_NOTE = "Official total gas (incl. reinjected) is published in bcm only; not converted to TWh"
BN_REPORTERS = {
    "SOCAR": ("SOCAR (its own shipments)", "#1f5aa6"),
    "TRANSNEFT": ("Transneft (transit count)", "#c0392b"),
    "RU": ("Russia's CDU TEK dispatch office", "#8e44ad"),
    "OTHER": ("Press, origin not named", "#7f8c8d"),
}


def event_layer(data: DataStore, visible: bool, cats: Sequence[str]) -> dict[str, Any]:
    """Keyword arguments drawing the Caspian milestones on a chart."""
    return {"events": caspian_events(data), "events_visible": visible, "event_categories": list(cats)}


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
    for rep, part in official_points(data, indicator, country):
        converted = conversion_label(part)
        name = OFFICIAL_NAMES[rep] + (" — marketed gas" if fuel == "gas" else "")
        name += f" — {converted}" if converted else ""
        lines.append(Line(name, part, OFFICIAL_COLORS[rep], mode="markers", legendgroup="official"))
    if fuel == "gas" and indicator == GAS_UNITS["bcm"][0]:
        for rep, part in official_points(data, GAS_TOTAL, country):
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


def marker_chart(
    data: DataStore,
    lines: list[Line],
    full: pd.DataFrame,
    labels: tuple[str, str],
    view: tuple[tuple[int, int] | None, bool, Sequence[str]],
) -> tuple[go.Figure, pd.DataFrame]:
    """A chart of full-year point figures (markers, each point's note in its hover); labels = (title, unit)."""
    (title, unit), (rng, events, cats) = labels, view
    fig = timeseries_figure(lines, title=title, unit=unit, xrange=rng, **event_layer(data, events, cats), height=360)
    return point_notes(fig, full), full


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
    title = "Baku–Novorossiysk: oil shipped per full year, as each side counts it"
    return marker_chart(data, lines, full, (title, "Mt"), (rng, events, cats))


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
    title = "Pipeline gas between Azerbaijan and Russia, full years (bcm)"
    return marker_chart(data, lines, full, (title, "bcm"), (rng, events, cats))
