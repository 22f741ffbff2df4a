"""Caspian energy charts (/energy): production per country and unit, Baku–Novorossiysk, gas flows.

A unit with no published figure for a source is said so on the chart, never filled with an unstated factor.
Frame -> Figure: each builder takes the rows of ``dashboard.queries.energy`` and a ChartView, never the store.
"""

from __future__ import annotations

import html as html_text
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.chart_notes import add_notes
from dashboard.figures import REPORTER_COLOR, Line, timeseries_figure, unit_words
from dashboard.i18n import _, tr
from dashboard.queries.energy import (
    COUNTRIES,
    FLOW_DIRECTIONS,
    FLOW_REPORTERS,
    FUELS,
    OFFICIAL_NAMES,
    SOURCES,
    ProductionRows,
    conversion_label,
)
from dashboard.queries.series import ChartView, Series

REVIEWS = {
    "bp": ("BP Statistical Review 2021", REPORTER_COLOR["BP"], "solid"),
    "ei": ("EI Statistical Review 2025", REPORTER_COLOR["EI"], "dash"),
}
OFFICIAL_COLORS = {"AZ": "#1f5aa6", "SOCAR": "#16a085", "RU": "#c0392b", "OTHER": "#7f8c8d"}
PRODUCTION = {"oil": _("Oil production"), "gas": _("Gas production")}  # a production chart's title
TOTAL_SYMBOL = {"circle": "square", "circle-open": "square-open"}
MISSING_NOTES = {
    ("ei", "oil", "kbd"): _("EI publishes no kb/d series and no Mt↔kb/d factor is stated"),
    ("official", "oil", "kbd"): _("Official figures are published in Mt; no Mt↔kb/d factor is stated"),
}
TOTAL_GAS_TWH_NOTE = _("Official total gas (incl. reinjected) is published in bcm only; not converted to TWh")
BN_REPORTERS = {
    "SOCAR": (_("SOCAR (its own shipments)"), "#1f5aa6"),
    "TRANSNEFT": (_("Transneft (transit count)"), "#c0392b"),
    "RU": (_("Russia's CDU TEK dispatch office"), "#8e44ad"),
    "OTHER": (_("Press, origin not named"), "#7f8c8d"),
}


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


def review_line(item: Series) -> Line:
    """A Statistical Review series (keyed "bp"/"ei") as an annual line; converted series say so in the legend."""
    label, color, dash_style = REVIEWS[item.key]
    converted = conversion_label(item.frame)
    name = f"{label} — {tr(converted)}" if converted else label
    return Line(
        name,
        item.frame,
        color,
        "dot" if converted else dash_style,
        source_label=f"{item.publishers} · {converted}" if converted else item.publishers,
        legendgroup=item.key,
    )


def official_lines(rows: ProductionRows, fuel: str) -> list[Line]:
    """Full-year official and press figures as markers, one trace per reporter and definition."""
    lines = []
    for item in rows["official"]:
        converted = conversion_label(item.frame)
        name = tr(OFFICIAL_NAMES[item.key]) + (_(" — marketed gas") if fuel == "gas" else "")
        name += f" — {tr(converted)}" if converted else ""
        lines.append(Line(name, item.frame, OFFICIAL_COLORS[item.key], mode="markers", legendgroup="official"))
    for item in rows["official-total"]:
        name = _("{reporter} — TOTAL gas incl. reinjected (different definition)").format(
            reporter=tr(OFFICIAL_NAMES[item.key])
        )
        lines.append(Line(name, item.frame, OFFICIAL_COLORS[item.key], mode="markers", legendgroup="official-total"))
    return lines


def production_lines(
    rows: ProductionRows, fuel: str, country: str, unit: str, sources: Sequence[str]
) -> tuple[list[Line], list[str]]:
    """The lines and marker series of one production chart, plus notes on what has no figures."""
    _label, units, _default = FUELS[fuel]
    _ind, unit_label, _long = units[unit]
    lines: list[Line] = []
    notes: list[str] = []
    for source in SOURCES:
        if source not in sources:
            continue
        if source in REVIEWS:
            line = review_line(rows[source][0])
            if line.frame.empty:
                default = _("{review} has no {unit} figures for {country}").format(
                    review=REVIEWS[source][0], unit=unit_words(unit_label), country=tr(COUNTRIES[country])
                )
                notes.append(tr(MISSING_NOTES.get((source, fuel, unit), default)))
            else:
                lines.append(line)
            continue
        official = official_lines(rows, fuel)
        lines.extend(official)
        if fuel == "gas" and unit == "twh":
            notes.append(tr(TOTAL_GAS_TWH_NOTE))
        if not official and not (fuel == "gas" and unit == "twh"):
            default = _("No full-year official figures in {unit} for {country}").format(
                unit=unit_words(unit_label), country=tr(COUNTRIES[country])
            )
            notes.append(tr(MISSING_NOTES.get((source, fuel, unit), default)))
    if not any(s in SOURCES for s in sources):
        notes.append(_("No source selected: tick BP 2021, EI 2025 or Official"))
    return lines, notes


def production_figure(
    rows: ProductionRows, fuel: str, country: str, unit: str, sources: Sequence[str], view: ChartView
) -> go.Figure:
    """Oil or gas production of one country in one unit, for the ticked sources
    (``rows``: ``queries.energy.production_series``)."""
    _label, units, _default = FUELS[fuel]
    _ind, unit_label, unit_long = units[unit]
    lines, notes = production_lines(rows, fuel, country, unit, sources)
    fig = timeseries_figure(
        lines,
        title=_("{production} — {country} ({unit})").format(
            production=tr(PRODUCTION[fuel]), country=tr(COUNTRIES[country]), unit=tr(unit_long)
        ),
        unit=unit_label,
        **view.layer(),
    )
    for trace in fig.data:
        if trace.legendgroup == "official-total":
            # squares keep the total-gas definition visibly apart from marketed gas
            trace.marker.symbol = [TOTAL_SYMBOL.get(str(s), "square") for s in trace.marker.symbol]
    add_notes(fig, notes)
    frames = [line.frame for line in lines]
    return point_notes(fig, pd.concat(frames)) if frames else fig


def marker_chart(lines: list[Line], full: pd.DataFrame, labels: tuple[str, str], view: ChartView) -> go.Figure:
    """A chart of full-year point figures (markers, each point's note in its hover); labels = (title, unit)."""
    title, unit = labels
    fig = timeseries_figure(lines, title=title, unit=unit, **view.layer(), height=360)
    return point_notes(fig, full)


def pipeline_figure(full: pd.DataFrame, view: ChartView) -> go.Figure:
    """SOCAR's and Transneft's (and Russia's dispatch office's) full-year counts side by side
    (``full``: ``queries.energy.pipeline_frames``)."""
    lines = [
        Line(tr(name), full[full["reporter"] == rep], color, mode="markers", legendgroup=rep)
        for rep, (name, color) in BN_REPORTERS.items()
        if (full["reporter"] == rep).any()
    ]
    title = _("Baku–Novorossiysk: oil shipped per full year, as each side counts it")
    return marker_chart(lines, full, (title, "Mt"), view)


def flow_figure(full: pd.DataFrame, view: ChartView) -> go.Figure:
    """Pipeline gas in both directions, one marker series per direction and reporter
    (``full``: ``queries.energy.flow_frames``)."""
    lines = []
    for subject, (label, colors) in FLOW_DIRECTIONS.items():
        part = full[full["subject"] == subject]
        for i, rep in enumerate(r for r in FLOW_REPORTERS if (part["reporter"] == r).any()):
            lines.append(
                Line(
                    f"{tr(label)} ({tr(FLOW_REPORTERS[rep])})",
                    part[part["reporter"] == rep],
                    colors[i % len(colors)],
                    mode="markers",
                    legendgroup=subject,
                )
            )
    title = _("Pipeline gas between Azerbaijan and Russia, full years ({unit})").format(unit=unit_words("bcm"))
    return marker_chart(lines, full, (title, "bcm"), view)
