"""Figure builders: frames in, ``go.Figure`` out (pure; no data access, no I/O).

Conventions shared by every chart:

* Lines never bridge a missing year: series are reindexed over their year span
  and missing years are ``None`` (``connectgaps=False``).
* Qualified values are marked: approximate = open circle, lower bound =
  triangle up, upper bound = triangle down, range = diamond with an error bar;
  the hover text says so in words.
* The selected year is a shaded band (shape named ``selection``) drawn only in the
  browser (``applySelection`` in assets/linking.js) from the template
  :data:`SELECTION_BAND`, which the page config ships; the builders here draw
  the range (zoom) and the events layer. Events are, per category, a dotted-line
  trace ``events-lines:<category>`` and a hover trace ``events:<category>`` on a
  hidden 0–1 axis.
* ``customdata`` of every point holds its observation id.
* A point's hover names that point's own source (the row's ``credit`` column, see ``dashboard.text``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from dashboard.text import period_text

PALETTE = ["#1f5aa6", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#16a085", "#7f8c8d", "#b03a2e", "#2c3e50"]
REPORTER_COLOR = {
    "AZ": "#1f5aa6",
    "RU": "#c0392b",
    "BP": "#2e8b57",
    "EI": "#d68910",
    "SOCAR": "#1f5aa6",
    "AZ-official": "#1f5aa6",
    "TRANSNEFT": "#c0392b",
    "GAZPROM": "#c0392b",
    "RU-official": "#c0392b",
    "SIPRI": "#2c3e50",
    "EIA": "#8e44ad",
    "IEA": "#8e44ad",
    "OTHER": "#7f8c8d",
}
SUPPLIER_COLOR = {
    "Russia": "#c0392b",
    "Israel": "#1f5aa6",
    "Turkiye": "#d68910",
    "Belarus": "#2e8b57",
    "Ukraine": "#f1c40f",
    "South Africa": "#16a085",
    "United States": "#8e44ad",
}
QUALIFIER_SYMBOL = {
    "exact": "circle",
    "approximate": "circle-open",
    "lower_bound": "triangle-up",
    "upper_bound": "triangle-down",
    "range": "diamond",
}
QUALIFIER_TEXT = {
    "exact": "",
    "approximate": " (approximate)",
    "lower_bound": " (lower bound: 'more than')",
    "upper_bound": " (upper bound: 'up to')",
    "range": " (range)",
}
SELECTION_COLOR = "rgba(255, 193, 7, 0.28)"
# The selected-year band without its position: assets/linking.js places it at year ± 0.5 (x0, x1).
SELECTION_BAND: dict[str, Any] = {
    "type": "rect",
    "name": "selection",
    "xref": "x",
    "yref": "paper",
    "y0": 0,
    "y1": 1,
    "fillcolor": SELECTION_COLOR,
    "line": {"width": 0},
    "layer": "below",
}
EVENT_COLOR = {
    "diplomatic": "#1f5aa6",
    "treaty": "#2e8b57",
    "security": "#8e44ad",
    "conflict": "#c0392b",
    "economic": "#d68910",
    "transport": "#16a085",
    "energy": "#7f4f24",
    "humanitarian": "#e67e22",
    "crisis": "#b03a2e",
    "multilateral": "#2c3e50",
}
EVENT_AXIS = "y9"
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12}


@dataclass(frozen=True)
class Line:
    """One drawable series: a frame with year/value/qualifier/obs_id columns."""

    name: str
    frame: pd.DataFrame
    color: str = PALETTE[0]
    dash: str = "solid"
    mode: str = "lines+markers"  # "markers" for statements that never form a line
    source_label: str = ""
    legendgroup: str | None = None


def fmt_value(value: float | None, unit: str = "") -> str:
    """Human number with a unit: 1 234.5 USD million; '–' for missing."""
    if value is None or pd.isna(value):
        return "–"
    v = float(value)
    if unit in ("percent", "%"):
        return f"{v:,.1f}%"
    if unit == "pp":
        return f"{v:+,.1f} pp"
    if unit == "ratio":
        return f"{v:,.2f}"
    if unit == "rank":
        return f"#{v:.0f}"
    digits = 0 if abs(v) >= 1000 or v.is_integer() else (1 if abs(v) >= 10 else 2)
    text = f"{v:,.{digits}f}".replace(",", "\u202f")
    return f"{text} {unit}".strip()


def _base_layout(title: str, y_title: str, height: int) -> dict[str, Any]:
    # The unit goes in an annotation above the y axis, not in yaxis.title: plotly.js places a rotated
    # axis title from tick-label boxes, which are empty (Infinity) for graphs laid out off-screen.
    return {
        "annotations": [
            {
                "text": y_title,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11, "color": "#5f6b7a"},
                "name": "unit",
            }
        ]
        if y_title
        else [],
        "title": {"text": title, "font": {"size": 14}, "x": 0.01, "xanchor": "left"},
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 56, "b": 40},
        "font": FONT,
        "hovermode": "closest",
        "dragmode": "zoom",
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "xaxis": {"title": None, "gridcolor": "#eee", "tickformat": "d", "fixedrange": False},
        "yaxis": {"gridcolor": "#eee", "zerolinecolor": "#bbb", "fixedrange": True},
        "uirevision": "keep",
    }


def _hover(line: Line, row: pd.Series, unit: str) -> str:
    qual = str(row.get("qualifier", "exact"))
    val = fmt_value(row["value"], unit)
    if qual == "range" and pd.notna(row.get("value_high")):
        val = f"{fmt_value(row['value'], '')}–{fmt_value(row['value_high'], unit)}"
    period = period_text(str(row["period"])) if isinstance(row.get("period"), str) else str(int(row["year"]))
    parts = [f"<b>{line.name}</b>", f"{period}: {val}{QUALIFIER_TEXT.get(qual, '')}"]
    # the point's own source, never the series': a line may join figures of several publishers
    credit = row.get("credit")
    if isinstance(credit, str) and credit:
        parts.append(f"Source: {html.escape(credit, quote=False)}")
    elif line.source_label:
        parts.append(f"Source: {line.source_label}")
    return "<br>".join(parts)


def line_trace(line: Line, unit: str) -> go.Scatter:
    """A scatter trace that breaks at missing years and marks qualified values."""
    frame = line.frame.dropna(subset=["year"]).sort_values("year")
    frame = frame.drop_duplicates(subset=["year"], keep="first") if "lines" in line.mode else frame
    if frame.empty:
        return go.Scatter(x=[], y=[], name=line.name, mode=line.mode, legendgroup=line.legendgroup)
    years = [int(y) for y in frame["year"]]
    if "lines" in line.mode:
        full = list(range(min(years), max(years) + 1))
        by_year = {int(r["year"]): r for _, r in frame.iterrows()}
        rows: list[pd.Series | None] = [by_year.get(y) for y in full]
        xs: list[int] = full
    else:
        rows = [r for _, r in frame.iterrows()]
        xs = years
    ys = [None if r is None else float(r["value"]) for r in rows]
    symbols = [QUALIFIER_SYMBOL.get(str(r["qualifier"]), "circle") if r is not None else "circle" for r in rows]
    text = [_hover(line, r, unit) if r is not None else "" for r in rows]
    custom = [str(r["obs_id"]) if r is not None else "" for r in rows]
    err_plus = [
        (float(r["value_high"]) - float(r["value"])) if r is not None and pd.notna(r.get("value_high")) else 0.0
        for r in rows
    ]
    trace = go.Scatter(
        x=xs,
        y=ys,
        name=line.name,
        mode=line.mode,
        connectgaps=False,
        line={"color": line.color, "dash": line.dash, "width": 2},
        marker={
            "symbol": symbols,
            "size": 7 if "lines" in line.mode else 9,
            "color": line.color,
            "line": {"color": line.color, "width": 1.5},
        },
        text=text,
        customdata=custom,
        hovertemplate="%{text}<extra></extra>",
        legendgroup=line.legendgroup,
    )
    if any(err_plus):
        trace.error_y = {
            "type": "data",
            "symmetric": False,
            "array": err_plus,
            "arrayminus": [0.0] * len(err_plus),
            "color": line.color,
            "thickness": 1,
        }
    return trace


def apply_range(fig: go.Figure, xrange: Sequence[int] | None) -> go.Figure:
    """Zoom a time-series figure to ``xrange`` (inclusive years); the year band is the browser's."""
    if xrange:
        fig.update_xaxes(range=[xrange[0] - 0.5, xrange[1] + 0.5], autorange=False)
    return fig


def event_x(date: pd.Timestamp) -> float:
    """Fractional year of a date, so that events sit inside their year on a year axis."""
    start = pd.Timestamp(year=date.year, month=1, day=1)
    days = 366 if date.is_leap_year else 365
    return round(date.year + (date - start).days / days - 0.5, 4)


def add_events(
    fig: go.Figure, events: pd.DataFrame, visible: bool = False, categories: Sequence[str] | None = None
) -> go.Figure:
    """Dotted vertical lines at event dates plus a hover/click marker trace, one pair per category.

    The lines are one scatter trace per category on a hidden 0–1 axis (``None`` between segments), not
    one layout shape per event: a hundred validated shapes per figure made every page render slow.
    ``visible`` switches the layer; ``categories`` (empty = all) narrows it.
    """
    if events.empty:
        return fig
    for category, group in events.groupby("category", sort=True):
        shown = visible and (not categories or str(category) in categories)
        xs = [event_x(pd.Timestamp(d)) for d in group["date_start"]]
        line_x: list[float | None] = []
        line_y: list[float | None] = []
        for x in xs:
            line_x += [x, x, None]
            line_y += [0.0, 1.0, None]
        color = EVENT_COLOR.get(str(category), "#555")
        fig.add_trace(
            go.Scatter(
                x=line_x,
                y=line_y,
                yaxis=EVENT_AXIS,
                mode="lines",
                name=f"events-lines:{category}",
                line={"color": "rgba(90,90,90,0.45)", "width": 1, "dash": "dot"},
                hoverinfo="skip",
                showlegend=False,
                visible=shown,
            )
        )
        hover = [
            f"<b>{t}</b><br>{d} · {c}<br><i>click for details</i>"
            for t, d, c in zip(group["title"], group["date"], group["category"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[0.97] * len(xs),
                yaxis=EVENT_AXIS,
                mode="markers",
                name=f"events:{category}",
                marker={"symbol": "diamond", "size": 9, "color": color},
                text=hover,
                customdata=[f"event:{e}" for e in group["event_id"]],
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
                visible=shown,
            )
        )
    fig.update_layout(yaxis9={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True})
    return fig


def _message(fig: go.Figure, text: str) -> None:
    """A grey message in the middle of a chart that has nothing to draw."""
    fig.add_annotation(
        text=text, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 14, "color": "#777"}
    )


def timeseries_figure(
    lines: Sequence[Line],
    *,
    title: str,
    unit: str,
    y_title: str | None = None,
    xrange: Sequence[int] | None = None,
    events: pd.DataFrame | None = None,
    events_visible: bool = False,
    height: int = 330,
    event_categories: Sequence[str] | None = None,
) -> go.Figure:
    """A year-axis line chart of several series (gaps stay gaps)."""
    fig = go.Figure(layout=_base_layout(title, y_title or unit, height))
    for line in lines:
        fig.add_trace(line_trace(line, unit))
    if not any(len(line.frame) for line in lines):
        _message(fig, "No data for this selection")
    if events is not None:
        add_events(fig, events, events_visible, event_categories)
    return apply_range(fig, xrange)


def stacked_bar_figure(
    frame: pd.DataFrame,
    *,
    category: str,
    title: str,
    unit: str,
    colors: dict[str, str] | None = None,
    order: Sequence[str] | None = None,
    xrange: Sequence[int] | None = None,
    events: pd.DataFrame | None = None,
    events_visible: bool = False,
    height: int = 360,
    source_label: str = "",
    event_categories: Sequence[str] | None = None,
) -> go.Figure:
    """Bars per year stacked by ``category`` (e.g. supplier); missing years have no bar."""
    fig = go.Figure(layout=_base_layout(title, unit, height))
    fig.update_layout(barmode="stack")
    cats = list(order) if order else sorted(frame[category].dropna().unique())
    for i, cat in enumerate(cats):
        part = frame[(frame[category] == cat) & frame["value"].notna()].sort_values("year")
        if part.empty:
            continue
        color = (colors or {}).get(str(cat), PALETTE[i % len(PALETTE)])
        line = Line(str(cat), part, color, source_label=source_label)
        fig.add_trace(
            go.Bar(
                x=[int(y) for y in part["year"]],
                y=part["value"].tolist(),
                name=str(cat),
                marker={"color": color},
                text=[_hover(line, r, unit) for _, r in part.iterrows()],
                textposition="none",
                customdata=part["obs_id"].tolist(),
                hovertemplate="%{text}<extra></extra>",
            )
        )
    if frame.empty:
        _message(fig, "No data for this selection")
    if events is not None:
        add_events(fig, events, events_visible, event_categories)
    return apply_range(fig, xrange)


def sparkline(frame: pd.DataFrame, color: str = PALETTE[0], year: int | None = None) -> str:
    """A tiny line for KPI cards as an SVG data URI: gaps kept, selected year shaded.

    An <img> instead of a Plotly graph: the overview shows nine of them, and each Plotly graph costs the
    browser tens of milliseconds to draw. A missing year breaks the line into separate polylines.
    """
    width, height, pad = 220.0, 44.0, 3.0
    frame = frame.dropna(subset=["year", "value"])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}">'
    ]
    if not frame.empty:
        by_year = dict(zip(frame["year"].astype(int), frame["value"].astype(float), strict=False))
        first, last = min(by_year), max(by_year)
        low, high = min(by_year.values()), max(by_year.values())
        span_x = max(last - first, 1)
        span_y = (high - low) or 1.0

        def px(x: float) -> float:
            return pad + (x - first) / span_x * (width - 2 * pad)

        def py(y: float) -> float:
            return height - pad - (y - low) / span_y * (height - 2 * pad)

        if year is not None and first <= year <= last:
            band = (width - 2 * pad) / span_x
            parts.append(
                f'<rect x="{px(year) - band / 2:.1f}" y="0" width="{band:.1f}" height="{height:.0f}" '
                f'fill="{SELECTION_COLOR}"/>'
            )
        run: list[str] = []
        runs: list[list[str]] = []
        for x in range(first, last + 1):
            if x in by_year:
                run.append(f"{px(x):.1f},{py(by_year[x]):.1f}")
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        for points in runs:
            if len(points) == 1:
                cx, cy = points[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="1.8" fill="{color}"/>')
            else:
                parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{color}" stroke-width="1.6"/>')
    parts.append("</svg>")
    return "data:image/svg+xml;utf8," + quote("".join(parts))


SLOPE_EMPTY = "Tick rows with values in both years to draw them here"


def slope_figure(
    rows: pd.DataFrame, year_a: int, year_b: int, title: str = "", empty_message: str = SLOPE_EMPTY
) -> go.Figure:
    """Slope chart: one line per row from year A to year B, indexed so A = 100.

    Rows carry ``label``, ``value_a``, ``value_b`` and ``unit``; indexing lets
    series in different units share one axis, and the hover gives the real
    values. Each line is named in a legend below the plot and labelled at year B
    with its index value; the axes leave room for those labels, so nothing is
    clipped or spills into the margin. With no line to draw (nothing selected,
    or no row with a positive year-A value), the chart is
    :func:`empty_figure` with ``empty_message`` instead of empty axes.
    """
    title = title or f"Change {year_a} → {year_b} (index, {year_a} = 100)"
    values_a = pd.to_numeric(rows["value_a"], errors="coerce")
    values_b = pd.to_numeric(rows["value_b"], errors="coerce")
    lines: list[tuple[Any, float, float]] = [
        (r, float(a), float(b))
        for r, a, b in zip(rows.itertuples(), values_a, values_b, strict=True)
        if not (pd.isna(a) or pd.isna(b)) and float(a) > 0  # an index needs a positive base in year A
    ]
    if not lines:
        fig = empty_figure(empty_message, 420)
        fig.update_layout(title={"text": title, "font": {"size": 14}, "x": 0.01, "xanchor": "left"})
        return fig
    # The legend takes one row per line below the plot: the figure grows with it, the plot area does not.
    fig = go.Figure(layout=_base_layout(title, f"index, {year_a} = 100", 330 + 22 * len(lines)))
    span = max(year_b - year_a, 1)
    # room right of year B for the index labels (a quarter of the span), a little left of year A
    fig.update_xaxes(tickvals=sorted({year_a, year_b}), range=[year_a - 0.08 * span, year_b + 0.3 * span])
    indexed = [100.0 * b / a for _, a, b in lines]
    lo, hi = min([100.0, *indexed]), max([100.0, *indexed])
    pad = max(0.08 * (hi - lo), 5.0)
    fig.update_yaxes(range=[lo - pad, hi + pad])
    for i, ((r, a, b), idx_b) in enumerate(zip(lines, indexed, strict=True)):
        fig.add_trace(
            go.Scatter(
                x=[year_a, year_b],
                y=[100.0, idx_b],
                mode="lines+markers+text",
                cliponaxis=True,
                name=str(r.label),
                text=["", f"{idx_b:,.1f}".replace(",", "\u202f")],
                textposition="middle right",
                textfont={"color": PALETTE[i % len(PALETTE)]},
                line={"color": PALETTE[i % len(PALETTE)], "width": 2},
                hovertemplate=f"<b>{r.label}</b><br>{year_a}: {fmt_value(a, str(r.unit))}<br>"
                f"{year_b}: {fmt_value(b, str(r.unit))}<br>index {idx_b:,.1f} ({year_a} = 100)<extra></extra>",
            )
        )
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "v", "x": 0, "xanchor": "left", "y": -0.08, "yanchor": "top"},
        margin={"l": 60, "r": 20, "t": 56, "b": 30},
    )
    return fig


def empty_figure(message: str, height: int = 300) -> go.Figure:
    """A blank chart carrying a message instead of data."""
    fig = go.Figure(layout=_base_layout("", "", height))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    _message(fig, message)
    return fig
