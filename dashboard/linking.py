"""Wiring of the client-side linking (assets/linking.js) for one page, generated from its page spec.

The app calls :func:`register_linking` once per registered page spec that has linked graphs
(``dashboard.protocol.PageSpec.graphs``); the page puts ``spec.stores(...)`` in its layout. Everything
here but the event detail is a clientside callback: selecting a year, zooming a range, syncing the URL
and the shell store need no server.
"""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, no_update

from dashboard.data import DataStore
from dashboard.protocol import PageSpec

SHELL_SELECTION = "shell-selection"


def clicked_event(click: Any) -> str | None:
    """The event id in a graph's clickData, if an event marker was clicked."""
    if not isinstance(click, dict):
        return None
    points = click.get("points")
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    custom = points[0].get("customdata")
    if isinstance(custom, str) and custom.startswith("event:") and len(custom) < 40:
        return custom[len("event:") :]
    return None


def register_url_sync(prefix: str, view: str) -> None:
    """Write the URL from the page store ``view`` in the browser (``ruaz_compare.syncUrl``, checked and encoded
    against ``<prefix>-cfg``): for the pages without linked graphs (/compare, /data)."""
    clientside_callback(
        ClientsideFunction(namespace="ruaz_compare", function_name="syncUrl"),
        Output(f"{prefix}-url", "data"),
        Input(view, "data"),
        State(f"{prefix}-cfg", "data"),
    )


def register_linking(spec: PageSpec, data: DataStore) -> None:
    """Register the callbacks linking the spec's graphs through ``<prefix>-state``.

    ``spec.graphs`` are the page's time-series graphs: a click on any of them, or a year chosen in the
    page's year picker (``PageSpec.year_picker``, keyboard-usable), selects a year; a zoom on any of them
    sets the range, and all of them show the selection. ``spec.controls`` maps control ids to
    state keys. Clicks and control values are checked in the browser against ``<prefix>-cfg`` (the spec's
    JSON), and the URL is written from it.
    """
    prefix, graphs, controls = spec.prefix, list(spec.graphs), list(spec.controls)
    state = f"{prefix}-state"
    # the year picker is one more control (writing ``year``); it also shows the year a click selected, so
    # the same callback writes it back (an input and output of one callback, not a cycle)
    pickers = [spec.year_picker_id] if spec.has_year_picker(data) else []
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="updateState"),
        [Output(state, "data")] + [Output(p, "value") for p in pickers],
        [Input(g, "clickData") for g in graphs]
        + [Input(f"{prefix}-clear", "n_clicks")]
        + [Input(g, "relayoutData") for g in graphs]
        + [Input(c, "value") for c in [*controls, *pickers]],
        State(f"{prefix}-cfg", "data"),
        State(state, "data"),
        prevent_initial_call=True,
    )
    # the band of the selected year is drawn only by applySelection: at load and after a server redraw
    # (the figure inputs), and on a state change (in place)
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="applySelection"),
        [Output(g, "figure", allow_duplicate=True) for g in graphs],
        Input(state, "data"),
        [Input(g, "figure") for g in graphs],
        State(f"{prefix}-cfg", "data"),
        prevent_initial_call="initial_duplicate",
    )
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="selectionText"),
        Output(f"{prefix}-year-label", "children"),
        Output(f"{prefix}-range-label", "children"),
        Input(state, "data"),
    )

    @callback(
        Output(f"{prefix}-event-detail", "children"),
        [Input(g, "clickData") for g in graphs],
        prevent_initial_call=True,
    )
    def _show_event(*clicks: Any) -> Any:
        """A click on an event marker shows its description and source (server: reads the events table)."""
        from dashboard.components import event_detail
        from dashboard.data import store

        for click in clicks:
            event_id = clicked_event(click)
            if event_id:
                data = store()
                return event_detail(data.events, event_id, data.source_index)
        return no_update

    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="syncUrl"),
        Output(SHELL_SELECTION, "data", allow_duplicate=True),
        Input(state, "data"),
        State(f"{prefix}-cfg", "data"),
        prevent_initial_call="initial_duplicate",
    )
