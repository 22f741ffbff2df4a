"""Figure primitives shared by every chart: colours, the qualifier marks, ``Line``, number formatting, the base
layout, one series as a trace, the x range, a message on an empty chart.

Pure (no data access, no I/O). The conventions are in :mod:`dashboard.figures`, which re-exports every name here.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.i18n import _, current_lang, format_number, tr
from dashboard.text import credit_in_lang
from indicators import vocab_i18n
from indicators.vocab_i18n import display

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
# One colour per arms supplier, by name, so that a supplier keeps its colour in every SIPRI release. Russia,
# the subject of the page, has the only red; no other supplier is drawn in a red or pink hue.
SUPPLIER_COLOR = {
    "Russia": "#c0392b",
    "Israel": "#1f5aa6",
    "Turkiye": "#d68910",
    "Belarus": "#2e8b57",
    "Ukraine": "#f1c40f",
    "South Africa": "#16a085",
    "United States": "#8e44ad",
    "Pakistan": "#5dade2",
    "Czechia": "#a569bd",
    "Slovakia": "#48c9b0",
    "Bulgaria": "#f5b041",
    "Spain": "#58d68d",
    "Georgia": "#85929e",
    "Italy": "#2874a6",
    "China": "#7d3c98",
    "Serbia": "#0e6655",
    "Bosnia and Herzegovina": "#935116",
    "unknown": "#bdc3c7",
}
# a supplier missing above gets one of these by a hash of its name: stable across releases, never red
_SUPPLIER_FALLBACK = ["#1abc9c", "#6c3483", "#b7950b", "#1b4f72", "#7e5109", "#117a65", "#5b2c6f", "#4d5656"]


def supplier_color(supplier: str) -> str:
    """The colour of an arms supplier: fixed by name (:data:`SUPPLIER_COLOR`), else stable by its name's hash."""
    if supplier in SUPPLIER_COLOR:
        return SUPPLIER_COLOR[supplier]
    digest = int(hashlib.sha256(supplier.encode("utf-8")).hexdigest(), 16)
    return _SUPPLIER_FALLBACK[digest % len(_SUPPLIER_FALLBACK)]


QUALIFIER_SYMBOL = {
    "exact": "circle",
    "approximate": "circle-open",
    "lower_bound": "triangle-up",
    "upper_bound": "triangle-down",
    "range": "diamond",
}
QUALIFIER_TEXT = {
    "exact": "",
    "approximate": _(" (approximate)"),
    "lower_bound": _(" (lower bound: 'more than')"),
    "upper_bound": _(" (upper bound: 'up to')"),
    "range": _(" (range)"),
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


def unit_words(unit: str) -> str:
    """A unit code in the language being rendered now (``indicators.vocab_i18n``; English: the code itself)."""
    lang = current_lang()
    if lang == i18n.DEFAULT_LANG or unit not in vocab_i18n.DISPLAY["unit"]:
        return unit
    return display("unit", unit, lang)


def reporter_legend(code: str) -> str:
    """A reporter as a legend names a line: "AZ-reported" in English, "По данным Азербайджана" /
    "Azərbaycanın məlumatına görə" (``indicators.vocab_i18n``, kind ``reported_by``) in Russian and Azerbaijani."""
    lang = current_lang()
    if lang == i18n.DEFAULT_LANG:
        return f"{code}-reported"
    words = display("reported_by", code, lang)
    return words[:1].upper() + words[1:]


def fmt_value(value: float | None, unit: str = "") -> str:
    """Human number with a unit: 1 234.5 USD million; '–' for missing. In Russian and Azerbaijani (the
    language being rendered now): decimal comma, no-break space between thousands, the unit in words
    (1 234,5 млн долл. США)."""
    if value is None or pd.isna(value):
        return "–"
    v = float(value)
    lang = current_lang()
    if lang != i18n.DEFAULT_LANG:
        return _fmt_local(v, unit, lang)
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


def _fmt_local(v: float, unit: str, lang: str) -> str:
    """:func:`fmt_value` in Russian or Azerbaijani (same digits as English)."""
    if unit in ("percent", "%"):
        return f"{format_number(v, lang, 1)}%"
    if unit == "pp":
        sign = "+" if v > 0 else ("\u2212" if v < 0 else "")
        return f"{sign}{format_number(abs(v), lang, 1)} {unit_words('pp')}"
    if unit == "ratio":
        return format_number(v, lang, 2)
    if unit == "rank":
        return _("#{num}").format(num=f"{v:.0f}")
    digits = 0 if abs(v) >= 1000 or v.is_integer() else (1 if abs(v) >= 10 else 2)
    return f"{format_number(v, lang, digits)} {unit_words(unit)}".strip()


# Plotly's number format in each language: decimal mark, then the thousands separator (ticks and %{y:,} hovers).
SEPARATORS = {"en": ".,", "ru": ",\u00a0", "az": ",\u00a0"}


def base_layout(title: str, y_title: str, height: int) -> dict[str, Any]:
    """The layout every chart starts from: title, unit above the y axis, fonts, grid, legend below."""
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
        "separators": SEPARATORS.get(current_lang(), SEPARATORS["en"]),
    }


def period_in_lang(code: str) -> str:
    """A period code in words in the language being rendered now ("5 марта 2014 г.", "I полугодие 2019 г.")."""
    # imported here: the commentary package renders numbers with this module's fmt_value
    from dashboard.commentary.periods import period_words

    return period_words(code, current_lang())


def point_hover(line: Line, row: pd.Series, unit: str) -> str:
    """Hover text of one point: series, period, value with its qualifier in words, the point's own source."""
    qual = str(row.get("qualifier", "exact"))
    val = fmt_value(row["value"], unit)
    if qual == "range" and pd.notna(row.get("value_high")):
        val = f"{fmt_value(row['value'], '')}–{fmt_value(row['value_high'], unit)}"
    period = period_in_lang(str(row["period"])) if isinstance(row.get("period"), str) else str(int(row["year"]))
    parts = [f"<b>{line.name}</b>", f"{period}: {val}{tr(QUALIFIER_TEXT.get(qual, ''))}"]
    # the point's own source, never the series': a line may join figures of several publishers
    credit = row.get("credit")
    if isinstance(credit, str) and credit:
        credit = credit_in_lang(credit, current_lang())
        parts.append(_("Source: {source}").format(source=html.escape(credit, quote=False)))
    elif line.source_label:
        parts.append(_("Source: {source}").format(source=line.source_label))
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
    text = [point_hover(line, r, unit) if r is not None else "" for r in rows]
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
    """Zoom a time-series figure to ``xrange`` (inclusive years), the y axis fitted to the points in it; the
    year band is the browser's."""
    if xrange:
        fig.update_xaxes(range=[xrange[0] - 0.5, xrange[1] + 0.5], autorange=False)
        fitted = fit_y(fig, xrange[0] - 0.5, xrange[1] + 0.5)
        if fitted is not None:
            fig.update_yaxes(range=fitted, autorange=False)
    return fig


Y_PAD = 0.05  # share of the visible span added above and below the fitted y range


def fit_y(fig: go.Figure, x0: float, x1: float) -> list[float] | None:
    """The y range that fits the data points with x in [x0, x1] (None when there are none).

    Data traces only (events sit on their own axis), hidden ones skipped; a point counts at its error bar's top;
    stacked bars count at their stack's top and bottom. The span gets :data:`Y_PAD` on each side, but a range of
    positive values does not go below 0 (nor one of negative values above 0). assets/zoom_fit.js does the same
    in the browser when a chart is zoomed.
    """
    values: list[float] = []
    stacks: dict[float, list[float]] = {}
    stacked = fig.layout.barmode == "stack"
    for trace in fig.data:
        if trace.visible in (False, "legendonly") or trace.yaxis not in (None, "y"):
            continue
        errors = list(trace.error_y.array or []) if trace.error_y and trace.error_y.visible is not False else []
        for i, (x, y) in enumerate(zip(trace.x or [], trace.y or [], strict=False)):
            if x is None or y is None or not x0 <= float(x) <= x1:
                continue
            if trace.type == "bar" and stacked:
                up_down = stacks.setdefault(float(x), [0.0, 0.0])
                up_down[0 if float(y) >= 0 else 1] += float(y)
                continue
            values.append(float(y))
            if i < len(errors) and errors[i]:
                values.append(float(y) + float(errors[i]))
            if trace.type == "bar":
                values.append(0.0)
    values += [v for pair in stacks.values() for v in pair]
    if not values:
        return None
    low, high = min(values), max(values)
    pad = (high - low) * Y_PAD or (abs(high) * Y_PAD or 1.0)
    bottom = max(low - pad, 0.0) if low >= 0 else low - pad
    top = min(high + pad, 0.0) if high <= 0 else high + pad
    return [bottom, top]


def add_message(fig: go.Figure, text: str) -> None:
    """A grey message in the middle of a chart that has nothing to draw."""
    fig.add_annotation(
        text=text, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 14, "color": "#777"}
    )


def empty_figure(message: str, height: int = 300) -> go.Figure:
    """A blank chart carrying a message instead of data."""
    fig = go.Figure(layout=base_layout("", "", height))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    add_message(fig, message)
    return fig
