"""Trade charts (/trade and the overview): the mirror lines, mirror ratio, balance, shares, the detail skeleton."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.chart_notes import add_notes
from dashboard.data import DataStore
from dashboard.figures import REPORTER_COLOR, Line, timeseries_figure
from dashboard.queries.trade import (
    DETAIL_FLOWS,
    DETAIL_REPORTERS,
    FLOWS,
    MIRROR_SUBJECT,
    not_computed_lines,
    not_computed_summary,
)

# Short lines: the share charts sit two to a row, and plotly does not wrap annotations.
SHARE_AZ_NOTES = [
    "Both terms as Azerbaijan records them (÷ AZ world trade).",
    "Not drawn: this share per Russian statistics. It would divide",
    "Russia's figure by Azerbaijan's world total: two reporters in",
    "one ratio, so it is not computed.",
]
SHARE_RU_NOTES = [
    "A different measure: Azerbaijan's weight in Russia's trade,",
    "not Russia's in Azerbaijan's (÷ RU world trade, RU figures).",
]


def event_layer(data: DataStore, visible: bool, cats: Sequence[str]) -> dict[str, Any]:
    """Keyword arguments drawing every event on a chart."""
    return {"events": data.events, "events_visible": visible, "event_categories": cats}


def reporter_lines(data: DataStore, indicator: str) -> tuple[list[Line], pd.DataFrame]:
    """AZ-reported (solid) and RU-reported (dashed) annual lines of one indicator."""
    lines = []
    frames = []
    for rep, dash_style, label in (("AZ", "solid", "AZ-reported"), ("RU", "dash", "RU-reported")):
        frame = data.select(indicator, rep)
        frames.append(frame)
        lines.append(
            Line(label, frame, REPORTER_COLOR[rep], dash_style, source_label="; ".join(data.publishers(frame)))
        )
    return lines, pd.concat(frames)


def main_figure(
    data: DataStore, flow: str, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Both reporters' figures for one flow: the mirror lines."""
    indicator, title = FLOWS[flow]
    lines, frame = reporter_lines(data, indicator)
    fig = timeseries_figure(lines, title=title, unit="USD million", xrange=rng, **event_layer(data, events, cats))
    return fig, frame


def mirror_figure(
    data: DataStore, flow: str, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """RU-reported ÷ AZ-reported for the flow; 1 = the two customs agree."""
    frame = data.select("trade_mirror_ratio", "OTHER", MIRROR_SUBJECT[flow])
    line = Line("RU-reported ÷ AZ-reported", frame, "#8e44ad", source_label="; ".join(data.publishers(frame)))
    fig = timeseries_figure(
        [line],
        title="Mirror ratio (1 = the two customs agree)",
        unit="ratio",
        y_title="ratio",
        xrange=rng,
        **event_layer(data, events, cats),
        height=280,
    )
    fig.add_hline(y=1, line={"color": "#999", "dash": "dot", "width": 1})
    return fig, frame


def balance_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Azerbaijan's goods balance with Russia, per reporter.

    A balance is computed only from exports and imports of one source and edition; the years where the
    two flows come from different sources are left out and named on the chart (the build's
    ``derived_not_computed`` check lists them with their inputs).
    """
    lines, frame = reporter_lines(data, "trade_az_ru_balance")
    fig = timeseries_figure(
        lines,
        title="Azerbaijan's goods balance with Russia (negative = deficit)",
        unit="USD million",
        xrange=rng,
        **event_layer(data, events, cats),
        height=280,
    )
    fig.add_hline(y=0, line={"color": "#999", "width": 1})
    add_notes(fig, not_computed_lines(data, "trade_az_ru_balance"), "not-computed", one_block=True)
    return fig, frame


def _share_chart(
    data: DataStore,
    reporter: str,
    indicator: str,
    names: tuple[str, str, str],
    notes: Sequence[str],
    view: tuple[tuple[int, int] | None, bool, Sequence[str]],
) -> tuple[go.Figure, pd.DataFrame]:
    """One reporter's share line; ``names`` = (legend, title, y title); the notes sit above the plot."""
    frame = data.select(indicator, reporter)
    legend, title, y_title = names
    line = Line(legend, frame, REPORTER_COLOR[reporter], "solid" if reporter == "AZ" else "dash")
    rng, events, cats = view
    fig = timeseries_figure(
        [line],
        title=title,
        unit="percent",
        y_title=y_title,
        xrange=rng,
        **event_layer(data, events, cats),
        height=340,
    )
    return add_notes(fig, notes), frame


def share_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Russia's share of Azerbaijan's goods trade, both terms as Azerbaijan reports them."""
    notes = [*SHARE_AZ_NOTES, *not_computed_summary(data, "trade_ru_share_of_az_trade")]
    names = (
        "Russia's share of Azerbaijan's trade (AZ statistics)",
        "Russia's share of Azerbaijan's goods trade (AZ statistics)",
        "% of Azerbaijan's trade",
    )
    fig, frame = _share_chart(data, "AZ", "trade_ru_share_of_az_trade", names, notes, (rng, events, cats))
    # the notes sit above the plot: grow the chart by their height so that the plot keeps its size
    fig.update_layout(height=340 + 16 * len(notes))
    return fig, frame


def share_ru_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Azerbaijan's share of Russia's goods trade, both terms as Russia reports them."""
    names = (
        "Azerbaijan's share of Russia's trade (RU statistics)",
        "Azerbaijan's share of Russia's goods trade (RU statistics)",
        "% of Russia's trade",
    )
    return _share_chart(data, "RU", "trade_az_share_of_ru_trade", names, SHARE_RU_NOTES, (rng, events, cats))


def detail_skeleton() -> go.Figure:
    """The year-detail chart without values: ``ruaz_trade.detail`` (assets/pages.js) fills in every year,
    the first one included, from ``detail_payload``; the server never draws the values itself."""
    fig = go.Figure()
    for rep, name in DETAIL_REPORTERS:
        fig.add_trace(
            go.Bar(
                x=[label for _, label in DETAIL_FLOWS],
                y=[None, None],
                name=name,
                marker={"color": REPORTER_COLOR[rep]},
                text=["", ""],
                textposition="outside",
                hovertemplate="%{x}, " + name + ": %{y:,.1f} USD million<extra></extra>",
            )
        )
    fig.update_layout(
        title={"text": "", "font": {"size": 14}, "x": 0.01},
        barmode="group",
        height=300,
        margin={"l": 60, "r": 20, "t": 40, "b": 40},
        plot_bgcolor="white",
        yaxis={"gridcolor": "#eee"},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig
