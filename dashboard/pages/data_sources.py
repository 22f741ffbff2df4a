"""Data & sources (/data): every clean table in a grid, all sources with links, the last validation report.

The grid shows one clean table at a time (query parameter ``table``); the
sources are listed by publisher with working links; the validation report
(build time, checks, warnings, sanity checks, row counts, coverage) is read
from ``store().report``. _("Download everything") writes the full dataset as one
workbook with :func:`dashboard.exports.build_workbook`. The tables, the report's summaries and
the workbook are queries in :mod:`dashboard.queries.data_tables`; this module is the layout and callbacks.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard.caching import never_cache
from dashboard.components import notices, url_view_stores
from dashboard.data import DataStore, store
from dashboard.exports import export_lang
from dashboard.i18n import _, current_lang, in_state_lang, page_lang
from dashboard.linking import register_url_sync
from dashboard.pages._data_report import P, grid, report_section, sources_list
from dashboard.protocol import PageSpec, PageText
from dashboard.queries.data_tables import (
    DEFAULT_TABLE,
    TABLES,
    download_stem,
    everything_in,
    everything_workbook,
    grid_columns,
    grid_rows,
    table_caption,
    table_frame,
    table_label,
)
from dashboard.state import Param
from dashboard.views import send_workbook

__all__ = [
    "DEFAULT_TABLE",
    "SPEC",
    "TABLES",
    "download",
    "download_stem",
    "everything_workbook",
    "layout",
    "report_section",
    "show_table",
    "sources_list",
]


# ----------------------------------------------------------------- spec
def params(_data: DataStore | None = None) -> dict[str, Param]:
    """Query parameters of this page."""
    return {"table": Param("choice", DEFAULT_TABLE, choices=list(TABLES), label="table")}


# the URL names the table even when it is the default (as before the page protocol)
TEXT = PageText(
    _("Data & sources"),
    _("Every table, every source, the last build's checks"),
    _(
        "The clean tables behind every chart, with filters on each column; every source with a link; and "
        "the validation report of the last build. Download everything as one Excel workbook."
    ),
)
SPEC = PageSpec(P, params, url_keeps_defaults=True, text=TEXT)
dash.register_page(
    __name__, path="/data", name="Data & sources", title="Data & sources · RU–AZ Indicators", order=6, spec=SPEC
)


def table_name(data: DataStore, value: Any) -> tuple[str, list[str]]:
    """A validated table name from a callback input, through the page spec's parser (unknown -> the default)."""
    sel = SPEC.selection(data, {"table": "" if value is None else value})
    return sel["table"], list(sel.notices)


# ----------------------------------------------------------------- layout
def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    lang = page_lang(kwargs)
    data = store()
    sel = SPEC.parse(data, kwargs)
    name = sel["table"]
    frame = table_frame(data, name)
    return html.Div(
        [
            SPEC.header(lang),
            *url_view_stores(P, f"{P}-query", {"table": name}, SPEC.config(data), sel.notices),
            html.Div(
                [
                    html.Label(_("Table"), htmlFor=f"{P}-table", className="muted"),
                    dcc.Dropdown(
                        id=f"{P}-table",
                        options=[{"label": table_label(key), "value": key} for key in TABLES],
                        value=name,
                        clearable=False,
                        style={"width": "220px"},
                    ),
                    html.Button(
                        _("Download everything"), id=f"{P}-download-btn", className="btn btn-primary", n_clicks=0
                    ),
                    dcc.Download(id=f"{P}-download"),
                    html.Span(
                        _("All observations, events, arms deals, arms statements and changes, with sources (Excel)."),
                        className="muted",
                    ),
                ],
                className="selection-bar",
            ),
            html.Div(
                [
                    html.P(table_caption(frame, name), id=f"{P}-caption", className="muted"),
                    grid(f"{P}-grid", frame),
                ],
                className="card",
            ),
            html.Div([html.H2(_("Sources")), sources_list(data)], className="card"),
            html.Div([html.H2(_("Last validation report")), report_section(data)], className="card"),
        ],
        className="page",
    )


# ----------------------------------------------------------------- callbacks
register_url_sync(P, f"{P}-query")


@callback(
    Output(f"{P}-grid", "rowData"),
    Output(f"{P}-grid", "columnDefs"),
    Output(f"{P}-caption", "children"),
    Output(f"{P}-query", "data"),
    Output(f"{P}-notice-wrap", "children"),
    Input(f"{P}-table", "value"),
    State(f"{P}-cfg", "data"),
    prevent_initial_call=True,
)
@in_state_lang
def show_table(value: Any, _cfg: Any = None) -> tuple[Any, ...]:
    """Table selector -> the grid shows that table (in the page's language, which the config store carries);
    the choice goes to the URL."""
    data = store()
    name, notes = table_name(data, value)
    frame = table_frame(data, name)
    return (
        grid_rows(frame),
        grid_columns(frame, current_lang()),
        table_caption(frame, name),
        {"table": name},
        notices(notes, f"{P}-notice"),
    )


@callback(
    Output(f"{P}-download", "data"),
    Input(f"{P}-download-btn", "n_clicks"),
    prevent_initial_call=True,
)
@never_cache
def download(n_clicks: Any) -> Any:
    """The full dataset as one workbook, in the page's language (the bytes of /download/everything.xlsx)."""
    if not n_clicks:
        return no_update
    data = store()
    return send_workbook(everything_in(data, export_lang()), download_stem(data))
