"""Data & sources (/data): every clean table in a grid, all sources with links, the last validation report.

The grid shows one clean table at a time (query parameter ``table``); the
sources are listed by publisher with working links; the validation report
(build time, checks, warnings, sanity checks, row counts, coverage) is read
from ``store().report``. "Download everything" writes the full dataset as one
workbook with :func:`dashboard.exports.build_workbook`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, NamedTuple, cast

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html, no_update

from dashboard.caching import memoize, never_cache
from dashboard.components import notices, page_header
from dashboard.data import DataStore, store
from dashboard.exports import ExportView, build_workbook
from dashboard.protocol import PageSpec
from dashboard.state import Param
from dashboard.views import send_workbook
from indicators.schemas import table_description, table_title

P = "data"
DEFAULT_TABLE = "catalogue"
# table name -> (title, description), both from the table's pandera model; the order is the page's
TABLES: dict[str, tuple[str, str]] = {
    name: (table_title(name), table_description(name))
    for name in (
        "observations",
        "changes",
        "catalogue",
        "sources",
        "events",
        "arms_deals",
        "arms_statements",
        "coverage",
    )
}
# Excel sheet name (the table's title) -> DataStore attribute, for the extra sheets of "Download everything"
EXPORT_EXTRAS = {
    TABLES[t][0]: {"arms_deals": "deals"}.get(t, t) for t in ("events", "arms_deals", "arms_statements", "changes")
}
PAGE_SIZE = 100
# One status vocabulary for every check on the page (schema checks, plausibility warnings, sanity checks).
STATUSES = ("pass", "warn", "fail", "not applicable")
STATUS_LABEL = {"pass": "pass", "warn": "warn", "fail": "fail", "error": "fail", "not_applicable": "not applicable"}
STATUS_COLOR = {"pass": "#1e7d45", "warn": "#9a6b00", "fail": "#b03a2e", "not applicable": "#5f6b7a"}
PLAUSIBILITY_MARK = "(warnings)"
# sources: url is the publisher's own page, copy_url the public copy that was read
LINK_COLUMNS = ("url", "copy_url")
HTTP_URL = re.compile(r"^https?://[^\s<>\"']+$")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


# ----------------------------------------------------------------- pure helpers
def params(_data: DataStore | None = None) -> dict[str, Param]:
    """Query parameters of this page."""
    return {"table": Param("choice", DEFAULT_TABLE, choices=list(TABLES), label="table")}


# the URL names the table even when it is the default (as before the page protocol)
SPEC = PageSpec(P, params, url_keeps_defaults=True)
dash.register_page(
    __name__, path="/data", name="Data & sources", title="Data & sources · RU–AZ Indicators", order=6, spec=SPEC
)


def table_name(data: DataStore, value: Any) -> tuple[str, list[str]]:
    """A validated table name from a callback input, through the page spec's parser (unknown -> the default)."""
    sel = SPEC.selection(data, {"table": "" if value is None else value})
    return sel["table"], list(sel.notices)


def table_frame(data: DataStore, name: str) -> pd.DataFrame:
    """One clean table; coverage comes from the validation report (the same records as coverage.csv)."""
    if name == "coverage":
        records = data.report.get("coverage")
        return pd.DataFrame.from_records(records if isinstance(records, list) else [])
    attr = {"arms_deals": "deals"}.get(name, name)
    frame = getattr(data, attr)
    assert isinstance(frame, pd.DataFrame), name
    return frame


def is_http_url(value: Any) -> bool:
    """A plain http(s) URL that can be linked (anything else stays text)."""
    return isinstance(value, str) and bool(HTTP_URL.match(value))


def markdown_link(url: str) -> str:
    """A markdown link whose text is the URL itself (escaped) and whose target is the URL."""
    text = MARKDOWN_SPECIALS.sub(r"\\\1", url)
    return f"[{text}](<{url}>)"


def _column_kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "text"


def grid_columns(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Column definitions: number filters for numbers, text filters otherwise, URLs as links."""
    cols = []
    for name in frame.columns:
        kind = _column_kind(frame[name])
        col: dict[str, Any] = {"field": str(name), "headerName": str(name)}
        if kind == "number":
            col.update(cellDataType="number", filter="agNumberColumnFilter")
        else:
            col.update(cellDataType="text", filter="agTextColumnFilter")
        if name in LINK_COLUMNS:
            col.update(cellRenderer="markdown", linkTarget="_blank", minWidth=320)
        cols.append(col)
    return cols


def grid_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready rows: dates as YYYY-MM-DD, booleans as true/false text, missing as None, URLs as links."""
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        series = frame[name]
        kind = _column_kind(series)
        if kind == "date":
            out[name] = series.dt.strftime("%Y-%m-%d")
        elif kind == "bool":
            out[name] = series.map({True: "true", False: "false"})
        elif name in LINK_COLUMNS:
            out[name] = [markdown_link(u) if is_http_url(u) else u for u in series]
        else:
            out[name] = series
    records = out.astype(object).where(out.notna(), None).to_dict(orient="records")
    return [{str(k): v for k, v in r.items()} for r in records]


def table_caption(frame: pd.DataFrame, name: str) -> str:
    """'5 133 rows · …description' for the selected table."""
    count = f"{len(frame):,}".replace(",", "\u202f")
    return f"{count} rows · {TABLES[name][1]}"


def everything_view(data: DataStore) -> ExportView:
    """The full dataset as an export view: all observations plus events, deals, arms statements and changes."""
    return ExportView(
        title="RU–AZ Indicators: full dataset",
        filters={"page": "Data & sources", "scope": "every clean table"},
        observations=data.observations,
        sources=data.sources,
        catalogue=data.catalogue,
        extra_tables={sheet: getattr(data, attr) for sheet, attr in EXPORT_EXTRAS.items()},
    )


@memoize(maxsize=1)
def everything_workbook(data: DataStore, generated_at: dt.datetime | None = None) -> bytes:
    """Workbook of the full dataset (About, Data, one wide sheet per domain, extra tables, Sources).

    The same for every user for the life of the process (the data are immutable), so it is built once:
    the first download takes about 2 s on two cores, later ones are served from memory. Its About sheet
    gives the time it was generated.
    """
    return build_workbook(everything_view(data), generated_at)


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


def _text(value: Any, default: str = "not recorded") -> str:
    return default if value is None or value == "" else str(value)


def sources_list(data: DataStore) -> html.Div:
    """Every source, grouped by publisher, each with a working link that opens in a new tab."""
    src = data.sources.astype(object).where(data.sources.notna(), None)
    groups: dict[str, list[dict[str, Any]]] = {}
    for raw in src.to_dict(orient="records"):
        rec = {str(k): v for k, v in raw.items()}
        groups.setdefault(_text(rec.get("publisher"), "publisher not stated"), []).append(rec)
    sections = []
    for publisher in sorted(groups, key=str.casefold):
        items = []
        for rec in sorted(groups[publisher], key=lambda r: (str(r.get("date") or ""), str(r.get("source_id")))):
            url = rec.get("url")
            bits: list[Any] = [html.Span(_text(rec.get("title"), ""), className="src-title")]
            for key in ("edition", "date"):
                if rec.get(key):
                    bits.append(f" · {rec[key]}")
            bits.append(" · ")
            if is_http_url(url):
                bits.append(html.A(str(url), href=str(url), target="_blank", rel="noopener noreferrer"))
            else:
                bits.append(html.Span(_text(url, "no URL"), className="muted"))
            items.append(html.Li(bits, **cast(Any, {"data-source-id": str(rec.get("source_id"))})))
        sections.append(
            html.Div(
                [
                    html.H4(f"{publisher} ({len(items)})", className="src-publisher"),
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
                    html.Tbody([html.Tr([html.Td(_text(d.get(k), "")) for k in keys]) for d in rows]),
                ],
                className="table",
            ),
        ]
    )


def status_label(raw: Any) -> str:
    """The page's word for a check status: pass, warn, fail or not applicable ('unknown' otherwise)."""
    return STATUS_LABEL.get(str(raw), "unknown") if raw is not None else "unknown"


def _status_cell(label: str) -> html.B:
    return html.B(label, className="check-status", style={"color": STATUS_COLOR.get(label, "inherit")})


def _mappings(items: Any) -> list[Mapping[str, Any]]:
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def warning_text(warning: Any) -> str:
    """A schema plausibility warning as one line: where, column, value, rule and message."""
    if not isinstance(warning, Mapping):
        return _text(warning)
    row = warning.get("row")
    where = f"{_text(warning.get('file'), 'observations')}" + (f":{row}" if row else "")
    column = f" column '{warning['column']}'" if warning.get("column") else ""
    value = f" value '{warning['value']}'" if warning.get("value") not in (None, "") else ""
    rule = f" breaks the soft bound '{warning['rule']}'" if warning.get("rule") else ""
    message = f": {warning['message']}" if warning.get("message") else ""
    return f"{where}{column}{value}{rule}{message}"


class CheckStatus(NamedTuple):
    """One check of the last build with its status in the page's vocabulary (see :data:`STATUSES`)."""

    group: str  # "schema" or "sanity"
    name: str
    status: str


class WarningItem(NamedTuple):
    """One thing the last build warned about: a soft-bound row or a sanity check marked warn."""

    kind: str  # "schema plausibility" or "sanity check"
    name: str
    text: str


def check_statuses(report: Mapping[str, Any]) -> list[CheckStatus]:
    """Every check of the report with its status.

    Schema checks listed in ``checks_run`` passed (the build stops on a hard failure), except that the
    soft-bound plausibility check is "warn" when it produced warnings. Sanity checks keep their own
    status, mapped onto the same words ("not_applicable" reads "not applicable").
    """
    run = report.get("checks_run")
    warnings = report.get("warnings")
    n_warnings = len(warnings) if isinstance(warnings, list) else 0
    out = [
        CheckStatus("schema", str(c), "warn" if PLAUSIBILITY_MARK in str(c) and n_warnings else "pass")
        for c in (run if isinstance(run, list) else [])
    ]
    out += [
        CheckStatus("sanity", _text(c.get("name"), "unnamed check"), status_label(c.get("status")))
        for c in _mappings(report.get("sanity_checks"))
    ]
    return out


def warning_items(report: Mapping[str, Any]) -> list[WarningItem]:
    """The build's warnings: each schema plausibility warning, then each sanity check whose status is warn."""
    warnings = report.get("warnings")
    items = [
        WarningItem(
            "schema plausibility",
            _text(w.get("rule"), "soft bound") if isinstance(w, Mapping) else "soft bound",
            warning_text(w),
        )
        for w in (warnings if isinstance(warnings, list) else [])
    ]
    items += [
        WarningItem("sanity check", _text(c.get("name"), "unnamed check"), _text(c.get("message"), ""))
        for c in _mappings(report.get("sanity_checks"))
        if status_label(c.get("status")) == "warn"
    ]
    return items


def status_counts(statuses: list[CheckStatus], group: str) -> str:
    """'4 run: 1 pass, 2 warn, 1 not applicable' for one group of checks (statuses with no check left out)."""
    mine = [s.status for s in statuses if s.group == group]
    words = [*STATUSES, *sorted({s for s in mine if s not in STATUSES})]
    parts = [f"{mine.count(w)} {w}" for w in words if mine.count(w)]
    return f"{len(mine)} run" + (": " + ", ".join(parts) if parts else "")


def warnings_summary(items: list[WarningItem]) -> str:
    """'2 warnings: 2 sanity checks marked warn, 0 schema plausibility warnings' (counts agree with the list)."""
    sanity = sum(i.kind == "sanity check" for i in items)
    schema = len(items) - sanity
    noun = "warning" if len(items) == 1 else "warnings"
    return (
        f"{len(items)} {noun}: {sanity} sanity check{'' if sanity == 1 else 's'} marked warn, "
        f"{schema} schema plausibility warning{'' if schema == 1 else 's'}"
    )


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
    header = html.Tr([html.Th(h) for h in ("Status", "Check", "Tolerance", "Compared", "Message")])
    rows = []
    for c in _mappings(checks):
        status = status_label(c.get("status"))
        rows.append(
            html.Tr(
                [
                    html.Td(_status_cell(status)),
                    html.Td(_text(c.get("name"), "")),
                    html.Td(_text(c.get("tolerance"), "")),
                    html.Td(_text(c.get("compared"), "")),
                    html.Td([_text(c.get("message"), ""), _details_table(c.get("details"))]),
                ]
            )
        )
    return html.Div(html.Table([html.Thead(header), html.Tbody(rows)], className="table"), id=f"{P}-sanity")


def row_count_table(data: DataStore) -> html.Table:
    """Rows per table as written by the build, next to what the dashboard loaded."""
    counts = data.report.get("row_counts")
    counts = counts if isinstance(counts, Mapping) else {}
    loaded = {name: len(table_frame(data, name)) for name in TABLES if name != "coverage"}
    names = sorted(set(counts) | set(loaded), key=lambda n: (n not in TABLES, n))
    rows = []
    for name in names:
        built, now = counts.get(name), loaded.get(name)
        flag = "" if built is None or now is None or built == now else " ≠ loaded"
        rows.append(html.Tr([html.Td(name), html.Td(_text(built, "–")), html.Td(_text(now, "–") + flag)]))
    return html.Table(
        [html.Thead(html.Tr([html.Th("Table"), html.Th("Rows at build"), html.Th("Rows loaded")])), html.Tbody(rows)],
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
    digest = _text(rep.get("raw_digest"), "")
    facts = [
        ("Built at", _text(rep.get("built_at"))),
        ("Builder version", _text(rep.get("builder_version"))),
        ("Build took", f"{rep['duration_seconds']} s" if isinstance(rep.get("duration_seconds"), int | float) else "–"),
        ("Raw data digest", digest[:16] + ("…" if len(digest) > 16 else "") if digest else "not recorded"),
        ("Schema checks", status_counts(statuses, "schema")),
        ("Sanity checks", status_counts(statuses, "sanity")),
        ("Warnings", str(len(items))),
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
                    html.Summary("Checks run"),
                    html.Ul(
                        [html.Li([_status_cell(c.status), f" {c.group}: ", c.name]) for c in statuses],
                    ),
                ],
                id=f"{P}-checks-run",
            ),
            html.H3("Warnings"),
            html.P(warnings_summary(items), className="muted", id=f"{P}-warnings-summary"),
            warnings_list(items),
            html.H3("Sanity checks"),
            html.P(
                "Status: pass = compared and within tolerance; warn = compared, some cases outside tolerance "
                "(listed under Warnings); fail = a rule broken; not applicable = nothing to compare in this data.",
                className="muted",
            ),
            sanity_table(rep.get("sanity_checks")),
            html.H3("Row counts"),
            row_count_table(data),
            html.H3("Coverage"),
            html.P(
                "Years covered per indicator × reporter × subject × edition, as recorded by the last build "
                "(the same records as coverage.csv).",
                className="muted",
            ),
            _grid(f"{P}-coverage", coverage, height="420px"),
        ],
        id=f"{P}-report",
    )


def download_stem(data: DataStore) -> str:
    """'all-data-2026-11-28' from the build date (the date only when it parses)."""
    built = str(data.report.get("built_at") or "")[:10]
    return f"all-data-{built}" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", built) else "all-data"


# ----------------------------------------------------------------- layout
def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    data = store()
    sel = SPEC.parse(data, kwargs)
    name = sel["table"]
    frame = table_frame(data, name)
    return html.Div(
        [
            page_header(
                "Data & sources",
                "Every table, every source, the last build's checks",
                "The clean tables behind every chart, with filters on each column; every source with a link; and "
                "the validation report of the last build. Download everything as one Excel workbook.",
            ),
            html.Div(notices(sel.notices, f"{P}-notice"), id=f"{P}-notice-wrap"),
            dcc.Store(id=f"{P}-query", data={"table": name}),
            dcc.Store(id=f"{P}-cfg", data=SPEC.config(data)),
            dcc.Store(id=f"{P}-url"),
            html.Div(
                [
                    html.Label("Table", htmlFor=f"{P}-table", className="muted"),
                    dcc.Dropdown(
                        id=f"{P}-table",
                        options=[{"label": label, "value": key} for key, (label, _) in TABLES.items()],
                        value=name,
                        clearable=False,
                        style={"width": "220px"},
                    ),
                    html.Button("Download everything", id=f"{P}-download-btn", className="btn btn-primary", n_clicks=0),
                    dcc.Download(id=f"{P}-download"),
                    html.Span(
                        "All observations, events, arms deals, arms statements and changes, with sources (Excel).",
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
            html.Div([html.H2("Sources"), sources_list(data)], className="card"),
            html.Div([html.H2("Last validation report"), report_section(data)], className="card"),
        ],
        className="page",
    )


# ----------------------------------------------------------------- callbacks
clientside_callback(
    ClientsideFunction(namespace="ruaz_compare", function_name="syncUrl"),
    Output(f"{P}-url", "data"),
    Input(f"{P}-query", "data"),
    State(f"{P}-cfg", "data"),
)


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
    """The full dataset as one workbook."""
    if not n_clicks:
        return no_update
    data = store()
    return send_workbook(everything_workbook(data), download_stem(data))
