"""Figure builders: frames in, ``go.Figure`` out (pure; no data access, no I/O).

The public face of the figure modules: the primitives live in :mod:`dashboard.figure_base`, the events
layer in :mod:`dashboard.figure_events`; every name is importable from here. This module draws the charts
(time series, stacked bars, sparklines, slope charts).

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

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figure_base import (
    FONT,
    PALETTE,
    QUALIFIER_SYMBOL,
    QUALIFIER_TEXT,
    REPORTER_COLOR,
    SELECTION_BAND,
    SELECTION_COLOR,
    SEPARATORS,
    SUPPLIER_COLOR,
    Y_PAD,
    Line,
    add_message,
    apply_range,
    base_layout,
    empty_figure,
    fit_y,
    fmt_value,
    line_trace,
    period_in_lang,
    point_hover,
    reporter_legend,
    supplier_color,
    unit_words,
)
from dashboard.figure_events import EVENT_AXIS, EVENT_COLOR, add_events, event_x
from dashboard.i18n import DEFAULT_LANG, _, current_lang, format_number, tr

__all__ = [
    "EVENT_AXIS",
    "EVENT_COLOR",
    "FONT",
    "PALETTE",
    "QUALIFIER_SYMBOL",
    "QUALIFIER_TEXT",
    "REPORTER_COLOR",
    "SELECTION_BAND",
    "SELECTION_COLOR",
    "SEPARATORS",
    "SLOPE_EMPTY",
    "SUPPLIER_COLOR",
    "Y_PAD",
    "Line",
    "add_events",
    "add_message",
    "apply_range",
    "base_layout",
    "empty_figure",
    "event_x",
    "fit_y",
    "fmt_value",
    "line_trace",
    "period_in_lang",
    "point_hover",
    "reporter_legend",
    "slope_figure",
    "sparkline",
    "stacked_bar_figure",
    "supplier_color",
    "timeseries_figure",
    "unit_words",
]
# the names these had when they lived here
_base_layout = base_layout
_hover = point_hover
_message = add_message


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
    fig = go.Figure(layout=base_layout(title, y_title or unit_words(unit), height))
    for line in lines:
        fig.add_trace(line_trace(line, unit))
    if not any(len(line.frame) for line in lines):
        add_message(fig, _("No data for this selection"))
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
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Bars per year stacked by ``category`` (e.g. supplier); missing years have no bar; ``labels``: a
    category's name in the legend and hovers (default: the category itself)."""
    fig = go.Figure(layout=base_layout(title, unit_words(unit), height))
    fig.update_layout(barmode="stack")
    cats = list(order) if order else sorted(frame[category].dropna().unique())
    for i, cat in enumerate(cats):
        part = frame[(frame[category] == cat) & frame["value"].notna()].sort_values("year")
        if part.empty:
            continue
        color = (colors or {}).get(str(cat), PALETTE[i % len(PALETTE)])
        line = Line((labels or {}).get(str(cat), str(cat)), part, color, source_label=source_label)
        fig.add_trace(
            go.Bar(
                x=[int(y) for y in part["year"]],
                y=part["value"].tolist(),
                name=line.name,
                marker={"color": color},
                text=[point_hover(line, r, unit) for _, r in part.iterrows()],
                textposition="none",
                customdata=part["obs_id"].tolist(),
                hovertemplate="%{text}<extra></extra>",
            )
        )
    if frame.empty:
        add_message(fig, _("No data for this selection"))
    if events is not None:
        add_events(fig, events, events_visible, event_categories)
    return apply_range(fig, xrange)


def sparkline(frame: pd.DataFrame, color: str = PALETTE[0], year: int | None = None) -> str:
    """A tiny line for KPI cards as an SVG data URI: gaps kept, selected year shaded.

    An <img> instead of a Plotly graph: the overview shows nine of them, and each Plotly graph costs the
    browser tens of milliseconds to draw. A missing year breaks the line into separate polylines.
    """
    width, height, pad = 220.0, 44.0, 3.0
    years = frame["year"].to_numpy(dtype=float, na_value=np.nan)
    values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
    keep = ~(np.isnan(years) | np.isnan(values))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}">'
    ]
    if keep.any():
        by_year = dict(zip(years[keep].astype(int).tolist(), values[keep].tolist(), strict=False))
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


SLOPE_EMPTY = _("Tick rows with values in both years to draw them here")


def index_text(value: float, group: str) -> str:
    """An index value with one decimal (English thousands: ``group``; ru/az: decimal comma, no-break space)."""
    lang = current_lang()
    if lang != DEFAULT_LANG:
        return format_number(value, lang, 1)
    return f"{value:,.1f}".replace(",", group)


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
    title = title or _("Change {a} → {b} (index, {a} = 100)").format(a=year_a, b=year_b)
    values_a = pd.to_numeric(rows["value_a"], errors="coerce")
    values_b = pd.to_numeric(rows["value_b"], errors="coerce")
    lines: list[tuple[Any, float, float]] = [
        (r, float(a), float(b))
        for r, a, b in zip(rows.itertuples(), values_a, values_b, strict=True)
        if not (pd.isna(a) or pd.isna(b)) and float(a) > 0  # an index needs a positive base in year A
    ]
    if not lines:
        fig = empty_figure(tr(empty_message), 420)
        fig.update_layout(title={"text": title, "font": {"size": 14}, "x": 0.01, "xanchor": "left"})
        return fig
    # The legend takes one row per line below the plot: the figure grows with it, the plot area does not.
    fig = go.Figure(layout=base_layout(title, _("index, {a} = 100").format(a=year_a), 330 + 22 * len(lines)))
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
                text=["", index_text(idx_b, "\u202f")],
                textposition="middle right",
                textfont={"color": PALETTE[i % len(PALETTE)]},
                line={"color": PALETTE[i % len(PALETTE)], "width": 2},
                hovertemplate=f"<b>{r.label}</b><br>{year_a}: {fmt_value(a, str(r.unit))}<br>"
                f"{year_b}: {fmt_value(b, str(r.unit))}<br>"
                + _("index {value} ({a} = 100)").format(value=index_text(idx_b, ","), a=year_a)
                + "<extra></extra>",
            )
        )
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "v", "x": 0, "xanchor": "left", "y": -0.08, "yanchor": "top"},
        margin={"l": 60, "r": 20, "t": 56, "b": 30},
    )
    return fig
