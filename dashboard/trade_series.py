"""Bilateral trade series shared by the trade page and the overview: the flows and their mirror lines.

Below the pages, so that the overview draws the trade page's main chart without importing a page.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import DataStore
from dashboard.figures import REPORTER_COLOR, Line, timeseries_figure

FLOWS = {
    "turnover": ("trade_az_ru_turnover", "Goods turnover (exports + imports)"),
    "az_to_ru": ("trade_az_to_ru", "Goods Azerbaijan → Russia (AZ exports / RU imports)"),
    "ru_to_az": ("trade_ru_to_az", "Goods Russia → Azerbaijan (AZ imports / RU exports)"),
}


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
    fig = timeseries_figure(
        lines,
        title=title,
        unit="USD million",
        xrange=rng,
        events=data.events,
        events_visible=events,
        event_categories=cats,
    )
    return fig, frame
