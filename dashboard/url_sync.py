"""The URL mirror of the pages without linked graphs (/compare, /data): their values store → the address bar.

Below the pages, so that each page wires it with one call instead of its own copy of the callback.
The browser side is ``ruaz_compare.syncUrl`` (assets/compare.js), which encodes through ``ruazProtocol``.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, clientside_callback


def register_url_sync(prefix: str, values_store: str) -> None:
    """Mirror the store ``values_store`` into the URL with the page's spec (store ``<prefix>-cfg``);
    the query written lands in store ``<prefix>-url``."""
    clientside_callback(
        ClientsideFunction(namespace="ruaz_compare", function_name="syncUrl"),
        Output(f"{prefix}-url", "data"),
        Input(values_store, "data"),
        State(f"{prefix}-cfg", "data"),
    )
