"""Flask routes serving what a chart carries out of the page: ``/chart-data/<graph name>.<csv|html|json>``.

``?view=`` is the page's address as the browser shows it (path and query, e.g. ``/trade?year=2014``): the
page's layout is rendered for that address inside :func:`dashboard.chart_export.collecting`, which yields the
frame behind every chart, and the chart's figure is found in the layout by its name (:func:`dashboard.ids.dom_name`:
"trade-main" for the linked graph ``{"type": "ruaz-linked", "page": "trade", "chart": "main"}``). So the CSV, the "view
data" table and the export lines are of exactly the rows the page drew for that view.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from fnmatch import fnmatch
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd
from flask import Flask, Response, jsonify, request

from dashboard.caching import memoize
from dashboard.chart_export import (
    chart_rows,
    collecting,
    csv_text,
    export_meta,
    figure_texts,
    file_name,
    table_html,
)
from dashboard.data import DataStore
from dashboard.data import store as current_store
from dashboard.ids import dom_name

ROUTE = "/chart-data/<graph_id>.<kind>"
MAX_VIEW = 4096  # characters of ?view=; pages refuse longer queries anyway (dashboard.http_pages)
GRAPH_ID = re.compile(r"^[a-z0-9-]{1,60}$")


class ViewError(ValueError):
    """The view or the chart asked for does not exist."""


def match_page(path: str, pages: Mapping[str, Mapping[str, Any]]) -> tuple[Mapping[str, Any], dict[str, str]]:
    """The page serving ``path`` and its path variables, matched as Dash's router does (ViewError if none)."""
    wanted = path.strip("/")
    for page in pages.values():
        if page.get("nav") is False:
            continue
        template = page.get("path_template")
        if template:
            pattern = str(template).strip("/")
            if fnmatch(wanted, re.sub("<.*?>", "*", pattern)):
                names = re.findall("<(.*?)>", pattern)
                found = re.findall(re.sub("<.*?>", "(.*)", pattern), wanted)
                values = found[0] if found and isinstance(found[0], tuple) else found
                return page, dict(zip(names, values, strict=False))
        if wanted == str(page["path"]).strip("/"):
            return page, {}
    raise ViewError(f"no page at {path!r}")


def query_kwargs(query: str) -> dict[str, Any]:
    """A query string as Dash hands it to a layout: one value as text, a repeated key as a list."""
    parsed = parse_qs(query, keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


def public_view(view: str) -> str:
    """The view as its page's address shows it: without the parameters a chart adds for itself (names
    starting with '_', e.g. /compare's ``_rows``), which no shared address carries."""
    parts = urlsplit(view)
    kept = [p for p in parts.query.split("&") if p and not p.startswith("_")]
    return parts.path + ("?" + "&".join(kept) if kept else "")


def _graph_figure(tree: Any, graph_id: str) -> Any:
    """The figure of the graph named ``graph_id`` (:func:`dashboard.ids.dom_name` of its id) in a layout."""
    for component in tree._traverse():
        cid = getattr(component, "id", None)
        if isinstance(cid, str | dict) and dom_name(cid) == graph_id and hasattr(component, "figure"):
            return component.figure
    return None


@memoize(32)
def view_chart(digest: str, view: str, graph_id: str) -> tuple[pd.DataFrame, Any, dict[str, Any]]:
    """(frame, figure, query) of one chart of one view; ``digest`` keys the memo on the data."""
    del digest  # part of the memo key only
    from dash import page_registry  # the registry of the running app

    parts = urlsplit(view)
    page, path_vars = match_page(parts.path, page_registry)
    query = query_kwargs(parts.query)
    layout: Callable[..., Any] = page["layout"]
    render = getattr(layout, "__wrapped__", layout)
    with collecting() as frames:
        tree = render(**{**path_vars, **query})
    if graph_id not in frames:
        raise ViewError(f"no chart {graph_id!r} on {parts.path!r}")
    return frames[graph_id], _graph_figure(tree, graph_id), query


def respond(data: DataStore, graph_id: str, kind: str, view: str, host: str, today: str) -> Response:
    """The CSV, table or export metadata of one chart of one view."""
    frame, figure, query = view_chart(data.digest, view, graph_id)
    rows = chart_rows(frame, data.source_index)
    title, unit = figure_texts(figure) if figure is not None else ("", "")
    name = file_name(graph_id, query)
    if kind == "csv":
        return Response(
            csv_text(rows),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    if kind == "html":
        return Response(table_html(rows, title or graph_id), mimetype="text/html")
    built = str(data.report.get("built_at", ""))[:10]
    meta = export_meta(title, unit, data.citations(frame), host.rstrip("/") + public_view(view), built, today, name)
    return jsonify(meta)


def install(server: Flask) -> None:
    """Add the ``/chart-data/`` route to the Flask server."""

    @server.route(ROUTE)
    def _chart_data(graph_id: str, kind: str) -> Any:
        view = request.args.get("view", "")
        if kind not in ("csv", "html", "json") or not GRAPH_ID.match(graph_id):
            return Response("Unknown chart export.", status=404, mimetype="text/plain")
        if not view.startswith("/") or len(view) > MAX_VIEW:
            return Response("?view= must be the page's address, e.g. /trade?year=2014.", status=400)
        try:
            return respond(current_store(), graph_id, kind, view, request.host_url, dt.date.today().isoformat())
        except ViewError as exc:
            return Response(f"{exc}.", status=404, mimetype="text/plain")
