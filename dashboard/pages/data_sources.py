"""Data & sources (/data): every clean table in a grid, all sources with links, the last validation report.

The grid shows one clean table at a time (query parameter ``table``); the
sources are listed by publisher with working links; the validation report
(build time, checks, warnings, sanity checks, row counts, coverage) is read
from ``store().report``. _("Download everything") writes the full dataset as one
workbook with :func:`dashboard.exports.build_workbook`. The tables, the report's summaries and
the workbook are queries in :mod:`dashboard.queries.data_tables`; this module is the layout and callbacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, callback, dcc, html, no_update

from dashboard.caching import never_cache
from dashboard.components import notices, url_view_stores
from dashboard.data import DataStore, store
from dashboard.exports import export_lang
from dashboard.i18n import _, page_lang, tr
from dashboard.linking import register_url_sync
from dashboard.protocol import PageSpec, PageText
from dashboard.queries.data_tables import (
    DEFAULT_TABLE,
    TABLES,
    WarningItem,
    check_statuses,
    download_stem,
    everything_in,
    everything_workbook,
    grid_columns,
    grid_rows,
    is_http_url,
    mappings,
    row_counts,
    status_counts,
    status_label,
    table_caption,
    table_frame,
    text_or,
    warning_items,
    warnings_summary,
)
from dashboard.state import Param
from dashboard.views import send_workbook

P = "data"
PAGE_SIZE = 100
STATUS_COLOR = {"pass": "#1e7d45", "warn": "#9a6b00", "fail": "#b03a2e", "not applicable": "#5f6b7a"}
__all__ = [
    "DEFAULT_TABLE",
    "SPEC",
    "TABLES",
    "download",
    "download_stem",
    "everything_workbook",
    "layout",
    "show_table",
]


# ----------------------------------------------------------------- spec
def params(_data: DataStore | None = None) -> dict[str, Param]:
    """Query parameters of this page."""
    return {"table": Param("choice", DEFAULT_TABLE, choices=list(TABLES), label="table")}


# the URL names the table even when it is the default (as before the page protocol)
SANITY_NOTE = _(
    "Status: pass = compared and within tolerance; warn = compared, some cases outside tolerance "
    "(listed under Warnings); fail = a rule broken; not applicable = nothing to compare in this data."
)
COVERAGE_NOTE = _(
    "Years covered per indicator × reporter × subject × edition, as recorded by the last build "
    "(the same records as coverage.csv)."
)
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


# ----------------------------------------------------------------- layout pieces
def _grid(grid_id: str, frame: pd.DataFrame, height: str = "560px") -> dag.AgGrid:
    return dag.AgGrid(
        id=grid_id,
        rowData=grid_rows(frame),
        columnDefs=grid_columns(frame),
        defaultColDef={
            "sortable": True,
            "filter": True,
            "floatingFilter": True,
            "resizable": True,
            "minWidth": 110,
        },
        dashGridOptions={
            "pagination": True,
            "paginationPageSize": PAGE_SIZE,
            "paginationPageSizeSelector": [25, PAGE_SIZE, 500],
            "suppressFieldDotNotation": True,
            "animateRows": False,
            "enableCellTextSelection": True,
        },
        style={"height": height, "width": "100%"},
    )


def sources_list(data: DataStore) -> html.Div:
    """Every source, grouped by publisher, each with a working link that opens in a new tab."""
    src = data.sources.astype(object).where(data.sources.notna(), None)
    groups: dict[str, list[dict[str, Any]]] = {}
    for raw in src.to_dict(orient="records"):
        rec = {str(k): v for k, v in raw.items()}
        groups.setdefault(text_or(rec.get("publisher"), "publisher not stated"), []).append(rec)
    sections = []
    for publisher in sorted(groups, key=str.casefold):
        items = []
        for rec in sorted(groups[publisher], key=lambda r: (str(r.get("date") or ""), str(r.get("source_id")))):
            url = rec.get("url")
            bits: list[Any] = [html.Span(text_or(rec.get("title"), ""), className="src-title")]
            for key in ("edition", "date"):
                if rec.get(key):
                    bits.append(f" · {rec[key]}")
            bits.append(" · ")
            if is_http_url(url):
                bits.append(html.A(str(url), href=str(url), target="_blank", rel="noopener noreferrer"))
            else:
                bits.append(html.Span(text_or(url, "no URL"), className="muted"))
            items.append(html.Li(bits, **cast(Any, {"data-source-id": str(rec.get("source_id"))})))
        sections.append(
            html.Div(
                [
                    html.H3(f"{publisher} ({len(items)})", className="src-publisher"),
                    html.Ul(items, className="citations"),
                ]
            )
        )
    return html.Div(
        [
            html.P(f"{len(src)} sources from {len(groups)} publishers.", className="muted"),
            html.Div(sections, style={"maxHeight": "520px", "overflowY": "auto"}),
        ],
        id=f"{P}-sources",
    )


# record ids stay in validation_report.json; the page names the sources instead (no internal codes on screen)
HIDDEN_DETAIL_KEYS = frozenset({"inputs"})


def _details_table(details: Any) -> Any:
    if not isinstance(details, list) or not details:
        return None
    rows = [d for d in details if isinstance(d, Mapping)][:50]
    keys: list[str] = []
    for d in rows:
        keys += [str(k) for k in d if str(k) not in keys and str(k) not in HIDDEN_DETAIL_KEYS]
    return html.Details(
        [
            html.Summary(f"{len(details)} case(s)"),
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(k) for k in keys])),
                    html.Tbody([html.Tr([html.Td(text_or(d.get(k), "")) for k in keys]) for d in rows]),
                ],
                className="table",
            ),
        ]
    )


def _status_cell(label: str) -> html.B:
    return html.B(label, className="check-status", style={"color": STATUS_COLOR.get(label, "inherit")})


def warnings_list(items: list[WarningItem]) -> Any:
    """The warnings, each labelled warn with its kind and name; says so when there are none."""
    if not items:
        return html.P("No warnings in the last build.", className="muted", id=f"{P}-warnings")
    return html.Ul(
        [
            html.Li([_status_cell("warn"), f" {i.kind} ", html.Code(i.name), f": {i.text}" if i.text else ""])
            for i in items
        ],
        id=f"{P}-warnings",
    )


def sanity_table(checks: Any) -> html.Div:
    """The sanity checks with status (pass / warn / fail / not applicable), tolerance, count compared and message."""
    if not isinstance(checks, list) or not checks:
        return html.Div("No sanity checks recorded in the report.", className="muted", id=f"{P}-sanity")
    header = html.Tr([html.Th(h) for h in (_("Status"), _("Check"), _("Tolerance"), _("Compared"), _("Message"))])
    rows = []
    for c in mappings(checks):
        status = status_label(c.get("status"))
        rows.append(
            html.Tr(
                [
                    html.Td(_status_cell(status)),
                    html.Td(text_or(c.get("name"), "")),
                    html.Td(text_or(c.get("tolerance"), "")),
                    html.Td(text_or(c.get("compared"), "")),
                    html.Td([text_or(c.get("message"), ""), _details_table(c.get("details"))]),
                ]
            )
        )
    return html.Div(html.Table([html.Thead(header), html.Tbody(rows)], className="table"), id=f"{P}-sanity")


def row_count_table(data: DataStore) -> html.Table:
    """Rows per table as written by the build, next to what the dashboard loaded."""
    rows = [
        html.Tr(
            [
                html.Td(r.name),
                html.Td(text_or(r.built, "–")),
                html.Td(text_or(r.loaded, "–") + (" ≠ loaded" if r.differs else "")),
            ]
        )
        for r in row_counts(data)
    ]
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(_("Table")), html.Th(_("Rows at build")), html.Th(_("Rows loaded"))])),
            html.Tbody(rows),
        ],
        className="table",
        id=f"{P}-row-counts",
    )


def report_section(data: DataStore) -> html.Div:
    """The last validation report: build time, check statuses, warnings, sanity checks, row counts, coverage.

    Every status on it is one of pass / warn / fail / not applicable, and the warning count is the
    number of warnings listed (schema plausibility warnings plus sanity checks marked warn).
    """
    rep = data.report
    statuses = check_statuses(rep)
    items = warning_items(rep)
    digest = text_or(rep.get("raw_digest"), "")
    facts = [
        (_("Built at"), text_or(rep.get("built_at"))),
        (_("Builder version"), text_or(rep.get("builder_version"))),
        (
            _("Build took"),
            f"{rep['duration_seconds']} s" if isinstance(rep.get("duration_seconds"), int | float) else "–",
        ),
        (_("Raw data digest"), digest[:16] + ("…" if len(digest) > 16 else "") if digest else _("not recorded")),
        (_("Schema checks"), status_counts(statuses, "schema")),
        (_("Sanity checks"), status_counts(statuses, "sanity")),
        (_("Warnings"), str(len(items))),
    ]
    coverage = table_frame(data, "coverage")
    return html.Div(
        [
            html.Dl(
                [
                    item
                    for key, value in facts
                    for item in (html.Dt(key), html.Dd(value, id=f"{P}-report-{key.lower().replace(' ', '-')}"))
                ],
                className="report-facts",
                style={"display": "grid", "gridTemplateColumns": "max-content 1fr", "columnGap": "16px"},
            ),
            html.Details(
                [
                    html.Summary(_("Checks run")),
                    html.Ul(
                        [html.Li([_status_cell(c.status), f" {c.group}: ", c.name]) for c in statuses],
                    ),
                ],
                id=f"{P}-checks-run",
            ),
            html.H3(_("Warnings")),
            html.P(warnings_summary(items), className="muted", id=f"{P}-warnings-summary"),
            warnings_list(items),
            html.H3(_("Sanity checks")),
            html.P(tr(SANITY_NOTE), className="muted"),
            sanity_table(rep.get("sanity_checks")),
            html.H3(_("Row counts")),
            row_count_table(data),
            html.H3(_("Coverage")),
            html.P(tr(COVERAGE_NOTE), className="muted"),
            _grid(f"{P}-coverage", coverage, height="420px"),
        ],
        id=f"{P}-report",
    )


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
                        options=[{"label": label, "value": key} for key, (label, _) in TABLES.items()],
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
                    _grid(f"{P}-grid", frame),
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
    prevent_initial_call=True,
)
def show_table(value: Any) -> tuple[Any, ...]:
    """Table selector -> the grid shows that table; the choice goes to the URL."""
    data = store()
    name, notes = table_name(data, value)
    frame = table_frame(data, name)
    return (
        grid_rows(frame),
        grid_columns(frame),
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
