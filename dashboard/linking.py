"""Wiring of the client-side linking (assets/linking.js): one set of callbacks for every page.

The app calls :func:`register_linking` once. The callbacks match the linking elements of whichever page
is in view by their pattern-matching ids (dashboard.ids; ``PageSpec.graph_id``, ``state_id``…); a page
puts ``spec.stores(...)``, the selection bar and its graphs and controls with those ids in its layout.
Everything here but the event detail is a clientside callback: selecting a year, zooming a range,
syncing the URL and the shell store need no server.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, MATCH, ClientsideFunction, Input, Output, State, callback, clientside_callback, no_update

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


def _one(kind: str) -> dict[str, Any]:
    """The element ``kind`` of the page in view (MATCH on the page)."""
    return {"type": f"ruaz-{kind}", "page": MATCH}


LINKED_GRAPHS = {"type": "ruaz-linked", "page": MATCH, "chart": ALL}
CONTROLS = {"type": "ruaz-control", "page": MATCH, "key": ALL}
_REGISTERED: list[bool] = []


def register_linking() -> None:
    """Register the one set of callbacks linking the graphs of every page through its state store.

    The page's linked graphs (``PageSpec.graphs``, ids ``{"type": "ruaz-linked", "page": …, "chart": …}``):
    a click on any of them, or a year chosen in the page's year picker (``PageSpec.year_picker``,
    keyboard-usable), selects a year; a zoom on any of them sets the range, and all of them show the
    selection. Its controls (``{"type": "ruaz-control", "page": …, "key": <state key>}``) write their key.
    Clicks and control values are checked in the browser against the page's config store (the spec's JSON),
    and the URL is written from it. ``MATCH`` on the page keeps each page to its own elements; only one
    page is in view at a time, so the shell store takes ``ALL`` states (a list of one). Idempotent.
    """
    if _REGISTERED:
        return
    _REGISTERED.append(True)
    # the year picker also shows the year a click selected, so the same callback writes it back (an input
    # and output of one callback, not a cycle)
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="updateState"),
        Output(_one("state"), "data"),
        Output(_one("year-pick"), "value"),
        Input(LINKED_GRAPHS, "clickData"),
        Input(_one("clear"), "n_clicks"),
        Input(LINKED_GRAPHS, "relayoutData"),
        Input(CONTROLS, "value"),
        Input(_one("year-pick"), "value"),
        State(_one("cfg"), "data"),
        State(_one("state"), "data"),
        prevent_initial_call=True,
    )
    # the band of the selected year is drawn only by applySelection: at load and after a server redraw
    # (the figure inputs), and on a state change (in place)
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="applySelection"),
        Output(LINKED_GRAPHS, "figure", allow_duplicate=True),
        Input(_one("state"), "data"),
        Input(LINKED_GRAPHS, "figure"),
        State(_one("cfg"), "data"),
        prevent_initial_call="initial_duplicate",
    )
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="selectionText"),
        Output(_one("year-label"), "children"),
        Output(_one("range-label"), "children"),
        Input(_one("state"), "data"),
        State(_one("cfg"), "data"),
    )

    # a click on an event marker names its event (in the browser); only then is the server asked for its text:
    # a click on a year costs no round trip
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="eventClick"),
        Output(_one("event-click"), "data"),
        Input(LINKED_GRAPHS, "clickData"),
        prevent_initial_call=True,
    )

    @callback(Output(_one("event-detail"), "children"), Input(_one("event-click"), "data"), prevent_initial_call=True)
    def _show_event(event_id: Any) -> Any:
        """A click on an event marker shows its description and source (server: reads the events table)."""
        from dashboard.components import event_detail
        from dashboard.data import store

        if not isinstance(event_id, str) or not event_id or len(event_id) >= 40:
            return no_update
        data = store()
        return event_detail(data.events, event_id, data.source_index)

    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="syncUrl"),
        Output(SHELL_SELECTION, "data", allow_duplicate=True),
        Input({"type": "ruaz-state", "page": ALL}, "data"),
        State({"type": "ruaz-cfg", "page": ALL}, "data"),
        prevent_initial_call="initial_duplicate",
    )
