"""Figures of the arms page (/arms): the TIV stack, the window shares, military expenditure.

Each figure is drawn from the frames of :mod:`dashboard.queries.arms` and returned with the rows behind
it (for the source list and the export). TIV is volume, not money, and never shares an axis with money.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import DataStore, release_label
from dashboard.figures import PALETTE, Line, stacked_bar_figure, supplier_color, timeseries_figure
from dashboard.pages._helpers import add_notes
from dashboard.queries.arms import (
    SIPRI_TOTAL,
    gdp_frame,
    milex_frames,
    share_frames,
    supplier_order,
    tiv_frame,
    totals_only,
    totals_only_note,
)
from indicators.derive import window_label

TIV_LABEL = "TIV million (trend-indicator value — not money)"
MILEX_LINES = {
    "arms_milex_current_usd": ("Current USD million", "#1f5aa6", "solid"),
    "arms_milex_constant_2022_usd": ("Constant 2022 USD million", "#2e8b57", "dash"),
}
NO_DATA = "No data for this selection"
SIPRI_TOTAL_COLOR = "#2c3e50"


def event_layer(data: DataStore, visible: bool, cats: Sequence[str]) -> dict[str, Any]:
    """Keyword arguments drawing the events layer on a chart."""
    return {"events": data.events, "events_visible": visible, "event_categories": list(cats)}


def supplier_colors(order: list[str]) -> dict[str, str]:
    """Each supplier's fixed colour (:func:`dashboard.figures.supplier_color`); SIPRI's total in slate."""
    return {s: SIPRI_TOTAL_COLOR if s == SIPRI_TOTAL else supplier_color(s) for s in order}


def tiv_figure(
    data: DataStore, edition: str, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Stacked bars of TIV delivered to Azerbaijan per year, by supplier, for one release."""
    frame = tiv_frame(data, edition)
    order = supplier_order(frame)
    fig = stacked_bar_figure(
        frame,
        category="subject",
        title=f"Arms deliveries to Azerbaijan by supplier — SIPRI {release_label(edition)}",
        unit="TIV million",
        colors=supplier_colors(order),
        order=order,
        xrange=rng,
        **event_layer(data, events, cats),
        source_label="SIPRI Arms Transfers Database",
        height=400,
    )
    fig.update_annotations(selector={"name": "unit"}, text=TIV_LABEL)
    # up to 17 suppliers: a legend beside the plot instead of rows over the axis
    # traceorder "normal": plotly reverses a stacked chart's legend, which put Russia (first) at its foot
    fig.update_layout(
        legend={"orientation": "v", "x": 1.01, "y": 1, "xanchor": "left", "yanchor": "top", "traceorder": "normal"}
    )
    if totals_only(frame):
        fig.update_traces(selector={"name": SIPRI_TOTAL}, name="All suppliers (SIPRI total; no breakdown)")
        add_notes(fig, [totals_only_note(edition)])
    return fig, frame


def share_hover(supplier: str, row: pd.Series, length: int, edition: str) -> str:
    """Hover text of one window share: supplier, window, value, release."""
    end = int(row["year"])
    window = window_label(range(end - length + 1, end + 1))
    return (
        f"<b>{supplier}</b><br>{window} ({length}-year window): {float(row['value']):.1f}% of all suppliers' TIV"
        f"<br>{row['credit'] if isinstance(row.get('credit'), str) else 'SIPRI ' + release_label(edition)}"
    )


def share_figure(
    data: DataStore, edition: str, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Shares of Russia, Israel and Turkiye in Azerbaijan's arms imports over SIPRI's windows, one release.

    Five-year windows (2011–15, 2016–20, …) are bars spanning their five years; ten-year windows
    (2011–20) are dashed segments spanning their ten. Windows do not overlap within a length, as in
    SIPRI's fact sheets, and every share names its release (title and hover).
    """
    fig = timeseries_figure(
        [],
        title=f"Share of Azerbaijan's arms imports per SIPRI window (TIV) — SIPRI {release_label(edition)}",
        unit="percent",
        y_title="% of the window's TIV, all suppliers",
        xrange=rng,
        **event_layer(data, events, cats),
        height=340,
    )
    frames = []
    for supplier, length, frame in share_frames(data, edition):
        frames.append(frame)
        color = supplier_color(supplier)
        hover = [share_hover(supplier, r, length, edition) for _, r in frame.iterrows()]
        ends = [int(y) for y in frame["year"]]
        if length == 5:
            fig.add_trace(
                go.Bar(
                    x=[end - 2 for end in ends],  # the middle year of the window
                    y=frame["value"].tolist(),
                    name=f"{supplier}, five-year windows",
                    legendgroup=supplier,
                    marker={"color": color},
                    text=hover,
                    textposition="none",
                    customdata=frame["obs_id"].tolist(),
                    hovertemplate="%{text}<extra></extra>",
                )
            )
            continue
        xs: list[float | None] = []
        ys: list[float | None] = []
        texts: list[str] = []
        ids: list[str] = []
        for end, value, text, obs_id in zip(ends, frame["value"], hover, frame["obs_id"], strict=True):
            xs += [end - length + 0.5, end + 0.5, None]
            ys += [float(value), float(value), None]
            texts += [text, text, ""]
            ids += [str(obs_id), str(obs_id), ""]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=f"{supplier}, ten-year windows",
                legendgroup=supplier,
                line={"color": color, "dash": "dash", "width": 2},
                text=texts,
                customdata=ids,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    if frames:
        fig.layout.annotations = [a for a in fig.layout.annotations if a.text != NO_DATA]
        fig.update_layout(barmode="group", bargap=0.1)
    if totals_only(tiv_frame(data, edition)):
        add_notes(fig, [totals_only_note(edition)])
    return fig, pd.concat(frames) if frames else data.observations.iloc[0:0]


def milex_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Military expenditure in current and constant USD (money; never on a TIV axis)."""
    lines = []
    for indicator, frame in milex_frames(data).items():
        name, color, dash_style = MILEX_LINES[indicator]
        lines.append(Line(name, frame, color, dash_style, source_label="; ".join(data.publishers(frame))))
    fig = timeseries_figure(
        lines,
        title="Azerbaijan's military expenditure (SIPRI Milex) — money, not TIV",
        unit="USD million",
        xrange=rng,
        **event_layer(data, events, cats),
        height=320,
    )
    return fig, pd.concat([line.frame for line in lines])


def gdp_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Military expenditure as a share of GDP, one line per edition of the series."""
    frame = gdp_frame(data)
    lines = []
    for i, (edition, part) in enumerate(frame.groupby("edition", sort=True)):
        name = "SIPRI via Our World in Data" if "Our World in Data" in str(edition) else "SIPRI April 2024 release"
        lines.append(Line(name, part, PALETTE[(i * 3) % len(PALETTE)], "solid" if i == 0 else "dash"))
    fig = timeseries_figure(
        lines,
        title="Military expenditure, share of GDP",
        unit="percent",
        y_title="% of GDP",
        xrange=rng,
        **event_layer(data, events, cats),
        height=320,
    )
    return fig, frame
