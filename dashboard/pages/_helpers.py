"""Layout helpers shared by the pages (not a page: Dash skips modules starting with '_').

Kept apart from the page modules because Dash executes every page file itself:
a page importing another page would register that page's callbacks twice.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import Output, html

from dashboard.chart_notes import add_notes
from dashboard.chart_text import chart_summary
from dashboard.components import chart_card, notices, selection_bar
from dashboard.data import DataStore
from dashboard.ids import GraphId, alt_id, source_id
from dashboard.protocol import PageSpec, Selection
from dashboard.queries.series import ChartView
from dashboard.views import sources_for

__all__ = [
    "add_notes",
    "chart_outputs",
    "chart_view",
    "page_top",
    "selection_with",
    "sourced_card",
    "sourced_figure",
]


def page_top(spec: PageSpec, data: DataStore, sel: Selection, controls: Any) -> list[Any]:
    """The head of a linked page: the spec's header (title, subtitle, intro) in the page's language, URL
    notices, the spec's stores, the selection bar with the spec's year picker and the page's controls."""
    return [
        spec.header(sel.lang),
        notices(sel.notices, f"{spec.prefix}-notice"),
        spec.stores(data, sel),
        selection_bar(spec.prefix, sel.year, controls, spec.year_picker(data, sel)),
    ]


def sourced_card(data: DataStore, graph_id: GraphId, fig: go.Figure, frame: pd.DataFrame, **kwargs: Any) -> html.Div:
    """A chart card citing the rows it draws (sources block ``ids.source_id(graph_id)``: ``<page>-<chart>-src``
    for a linked chart)."""
    return chart_card(graph_id, fig, sources_for(data, frame, source_id(graph_id)), **kwargs)


def sourced_figure(data: DataStore, graph_id: GraphId, fig: go.Figure, frame: pd.DataFrame) -> tuple[Any, Any, str]:
    """A redrawn chart, the children of its sources block and its text alternative, as a callback returns
    them."""
    return fig, sources_for(data, frame, source_id(graph_id)).children, chart_summary(fig, data.publishers(frame))


def chart_outputs(*graph_ids: GraphId) -> list[Output]:
    """The outputs of a server redraw: each chart's figure (the layout drew it first), its sources block and
    its text alternative."""
    return [
        out
        for gid in graph_ids
        for out in (
            Output(gid, "figure", allow_duplicate=True),
            Output(source_id(gid), "children"),
            Output(alt_id(gid), "children"),
        )
    ]


def selection_with(spec: PageSpec, data: DataStore, state: Any, **changes: Any) -> Selection:
    """The Selection of a page's state store with a control's new value(s), through the spec's one parser."""
    return spec.selection(data, {**(state if isinstance(state, dict) else {}), **changes})


def chart_view(sel: Selection, events: pd.DataFrame) -> ChartView:
    """How the page's linked charts are drawn for a Selection: its range and its events layer (``events``:
    the rows the page marks, from a query)."""
    return ChartView(sel.xrange, events, sel.events, tuple(sel.cats))
