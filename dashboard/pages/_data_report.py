"""Pieces of the /data page (private to it): the table grid, the sources by publisher and the last validation
report (build facts, checks run, warnings, sanity checks, row counts, coverage), in the page's language.

The build's own records (check names, tolerances, messages, details) are in English, as
``validation_report.json`` holds them, and are marked ``lang="en"``; publisher names, titles and editions stay
as published (also ``lang="en"``). Everything else (statuses, counts, headers, notes) is translated, numbers
in the language's style.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import dash_ag_grid as dag
import pandas as pd
from dash import html

from dashboard.commentary.words import tn
from dashboard.data import DataStore
from dashboard.i18n import _, current_lang, format_number, tr
from dashboard.queries.data_tables import (
    TABLES,
    WarningItem,
    check_statuses,
    grid_columns,
    grid_rows,
    is_http_url,
    mappings,
    plain_number,
    row_counts,
    status_counts,
    status_label,
    table_frame,
    table_label,
    text_or,
    warning_items,
    warnings_summary,
)
from dashboard.queries.data_words import word

P = "data"
PAGE_SIZE = 100
STATUS_COLOR = {"pass": "#1e7d45", "warn": "#9a6b00", "fail": "#b03a2e", "not applicable": "#5f6b7a"}
SANITY_NOTE = _(
    "Status: pass = compared and within tolerance; warn = compared, some cases outside tolerance "
    "(listed under Warnings); fail = a rule broken; not applicable = nothing to compare in this data."
)
COVERAGE_NOTE = _(
    "Years covered per indicator × reporter × subject × edition, as recorded by the last build "
    "(the same records as coverage.csv)."
)


# ----------------------------------------------------------------- layout pieces
def grid(grid_id: str, frame: pd.DataFrame, height: str = "560px") -> dag.AgGrid:
    return dag.AgGrid(
        id=grid_id,
        rowData=grid_rows(frame),
        columnDefs=grid_columns(frame, current_lang()),
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
    """Every source, grouped by publisher, each with a working link that opens in a new tab. Publisher names,
    titles and editions stay as published (marked ``lang="en"``); the page's own words are translated."""
    lang = current_lang()
    src = data.sources.astype(object).where(data.sources.notna(), None)
    groups: dict[str, list[dict[str, Any]]] = {}
    for raw in src.to_dict(orient="records"):
        rec = {str(k): v for k, v in raw.items()}
        groups.setdefault(text_or(rec.get("publisher"), ""), []).append(rec)
    sections = []
    for publisher in sorted(groups, key=str.casefold):
        items = []
        for rec in sorted(groups[publisher], key=lambda r: (str(r.get("date") or ""), str(r.get("source_id")))):
            url = rec.get("url")
            bits: list[Any] = [html.Span(text_or(rec.get("title"), ""), className="src-title", lang="en")]
            if rec.get("edition"):
                bits += [" · ", html.Span(str(rec["edition"]), lang="en")]
            if rec.get("date"):
                bits.append(f" · {rec['date']}")
            bits.append(" · ")
            if is_http_url(url):
                bits.append(html.A(str(url), href=str(url), target="_blank", rel="noopener noreferrer"))
            else:
                bits.append(html.Span(text_or(url, _("no URL")), className="muted"))
            items.append(html.Li(bits, **cast(Any, {"data-source-id": str(rec.get("source_id"))})))
        count = f" ({format_number(len(items), lang)})"
        heading = (  # a publisher's name as published
            html.H3(publisher + count, className="src-publisher", lang="en")
            if publisher
            else html.H3(_("publisher not stated") + count, className="src-publisher")
        )
        sections.append(
            html.Div(
                [
                    heading,
                    html.Ul(items, className="citations"),
                ]
            )
        )
    counts = _("{sources} from {publishers}.").format(
        sources=tn(lang, "{num} source", "{num} sources", len(src), num=format_number(len(src), lang)),
        publishers=tn(lang, "{num} publisher", "{num} publishers", len(groups), num=format_number(len(groups), lang)),
    )
    return html.Div(
        [
            html.P(counts, className="muted"),
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
    lang = current_lang()
    return html.Details(
        [
            html.Summary(tn(lang, "{num} case", "{num} cases", len(details), num=format_number(len(details), lang))),
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(k) for k in keys])),
                    html.Tbody([html.Tr([html.Td(text_or(d.get(k), "")) for k in keys]) for d in rows]),
                ],
                className="table",
                lang="en",  # the build's own record (validation_report.json), in English
            ),
        ]
    )


def _status_cell(label: str) -> html.B:
    """A status (pass / warn / fail / not applicable) in the page's words, coloured by the status."""
    return html.B(
        word(label),
        className="check-status",
        style={"color": STATUS_COLOR.get(label, "inherit")},
        **cast(Any, {"data-status": label}),
    )


def warnings_list(items: list[WarningItem]) -> Any:
    """The warnings, each labelled warn with its kind and name; says so when there are none."""
    if not items:
        return html.P(_("No warnings in the last build."), className="muted", id=f"{P}-warnings")
    return html.Ul(
        [
            html.Li(
                [
                    _status_cell("warn"),
                    f" {word(i.kind)} ",
                    html.Code(i.name),
                    html.Span(f": {i.text}", lang="en") if i.text else "",  # the build's message, in English
                ]
            )
            for i in items
        ],
        id=f"{P}-warnings",
    )


def sanity_table(checks: Any) -> html.Div:
    """The sanity checks with status (pass / warn / fail / not applicable), tolerance, count compared and message."""
    if not isinstance(checks, list) or not checks:
        return html.Div(_("No sanity checks recorded in the report."), className="muted", id=f"{P}-sanity")
    header = html.Tr([html.Th(h) for h in (_("Status"), _("Check"), _("Tolerance"), _("Compared"), _("Message"))])
    rows = []
    for c in mappings(checks):
        status = status_label(c.get("status"))
        rows.append(
            html.Tr(
                [
                    html.Td(_status_cell(status)),
                    html.Td(html.Code(text_or(c.get("name"), ""), lang="en")),
                    html.Td(text_or(c.get("tolerance"), ""), lang="en"),
                    html.Td(plain_number(c.get("compared"), current_lang()) if c.get("compared") != "" else ""),
                    html.Td([html.Span(text_or(c.get("message"), ""), lang="en"), _details_table(c.get("details"))]),
                ]
            )
        )
    return html.Div(html.Table([html.Thead(header), html.Tbody(rows)], className="table"), id=f"{P}-sanity")


def row_count_table(data: DataStore) -> html.Table:
    """Rows per table as written by the build, next to what the dashboard loaded."""
    lang = current_lang()
    rows = [
        html.Tr(
            [
                html.Td(table_label(r.name) if r.name in TABLES else html.Code(r.name)),
                html.Td(plain_number(r.built, lang)),
                html.Td(plain_number(r.loaded, lang) + (_(" ≠ loaded") if r.differs else "")),
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
    seconds = rep.get("duration_seconds")
    took = _("{seconds} s").format(seconds=plain_number(seconds, current_lang()))
    facts = [  # (id, name, value): the ids stay English in every language
        ("built-at", _("Built at"), text_or(rep.get("built_at"))),
        ("builder-version", _("Builder version"), text_or(rep.get("builder_version"))),
        ("build-took", _("Build took"), took if isinstance(seconds, int | float) else "–"),
        (
            "raw-data-digest",
            _("Raw data digest"),
            digest[:16] + ("…" if len(digest) > 16 else "") if digest else text_or(None),
        ),
        ("schema-checks", _("Schema checks"), status_counts(statuses, "schema")),
        ("sanity-checks", _("Sanity checks"), status_counts(statuses, "sanity")),
        ("warnings", _("Warnings"), str(len(items))),
    ]
    coverage = table_frame(data, "coverage")
    return html.Div(
        [
            html.Dl(
                [
                    item
                    for key, name, value in facts
                    for item in (html.Dt(name), html.Dd(value, id=f"{P}-report-{key}"))
                ],
                className="report-facts",
                style={"display": "grid", "gridTemplateColumns": "max-content 1fr", "columnGap": "16px"},
            ),
            html.Details(
                [
                    html.Summary(_("Checks run")),
                    html.Ul(
                        [
                            html.Li([_status_cell(c.status), f" {word(c.group)}: ", html.Code(c.name, lang="en")])
                            for c in statuses
                        ],
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
            grid(f"{P}-coverage", coverage, height="420px"),
        ],
        id=f"{P}-report",
    )
