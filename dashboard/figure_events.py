"""The events layer of time-series charts: dotted lines at event dates and a hover/click marker trace per category.

Pure (no data access, no I/O); re-exported by :mod:`dashboard.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import _, current_lang
from indicators.vocab_i18n import display

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
            f"<b>{t}</b><br>{d} · {display('event_category', c, current_lang())}<br><i>{_('click for details')}</i>"
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
