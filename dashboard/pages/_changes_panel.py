"""The overview's "What changed" panel: latest releases, largest revisions, watch rules, freshness (html only).

Its rows come from :mod:`dashboard.queries.revisions`; the page passes the day the rules and freshness are
evaluated on (today).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import html

from dashboard.commentary.periods import release_words
from dashboard.data import DataStore
from dashboard.i18n import _, current_lang, tr
from dashboard.queries.revisions import freshness_rows, latest_releases, revision_items, watch_results

P = "ov"
FRESHNESS_HEADERS = (_("Publisher"), _("Rhythm"), _("Latest"), _("Next due"), _("Status"))


def _link(text: str, url: object) -> Any:
    if not isinstance(url, str) or not url:
        return text
    return html.A(text, href=url, target="_blank", rel="noopener noreferrer")


def releases_list(data: DataStore) -> html.Ul:
    """Latest release per publisher: publisher, release, date, linked citation."""
    items = [
        html.Li(
            [
                html.B(r["publisher"]),
                f": {release_words(r['edition'], current_lang())} ({r['date']}) · ",
                _link(r["cite"], r["url"]),
            ]
        )
        for r in latest_releases(data)
    ]
    return html.Ul(items, id=f"{P}-releases", className="statements")


def revisions_list(data: DataStore) -> html.Ol:
    """The largest revisions: the figure, both values, both releases, the citation of the later one."""
    items = []
    source_word = _("Source: {source}").format(source="")
    for r in revision_items(data):
        mark = [html.Br(), html.Small(_("Release B is a third-party reprocessing, not the publisher's export."))]
        items.append(
            html.Li(
                [html.B(r["what"]), ": ", html.Span(r["values"], className="num"), html.Br(),
                 html.Small(r["releases"]), html.Br(), html.Small([source_word, _link(r["cite"], r["url"])]),
                 *(mark if r["reprocessed"] else [])],
                className="revision",
            )
        )  # fmt: skip
    if not items:
        return html.Ol([html.Li(_("No figure was revised between two releases in the data."))], id=f"{P}-revisions")
    return html.Ol(items, id=f"{P}-revisions", className="statements")


def watch_list(data: DataStore, today: dt.date) -> html.Div:
    """Triggered rules of data/watch.toml (as built into data/clean), then how many did not trigger."""
    res = watch_results(data, today)
    hit = res[res["status"] == "triggered"]
    items = [
        html.Li(
            [
                html.B(r["label"]),
                f": {r['metric']} {r['value']:g} {r['op']} {r['threshold']:g} ",
                html.Small(f"({r['basis']})"),
            ]
        )
        for _, r in hit.iterrows()
    ]
    n_ne = int((res["status"] == "not evaluable").sum())
    rest = _("{hit} of {total} rules triggered on {day}; {not_evaluable} not evaluable.").format(
        hit=len(hit), total=len(res), day=today.isoformat(), not_evaluable=n_ne
    )
    return html.Div(
        [
            html.Ul(items, id=f"{P}-watch", className="statements"),
            html.P(rest, className="muted", id=f"{P}-watch-summary"),
        ]
    )


def freshness_table(data: DataStore, today: dt.date) -> html.Table:
    """Each publisher: rhythm, latest release (or period), next one due, status."""
    head = html.Tr([html.Th(tr(h)) for h in FRESHNESS_HEADERS])
    rows = [
        html.Tr([html.Td(r["label"]), html.Td(r["rhythm"]), html.Td(r["latest"] or "—"), html.Td(r["next_due"] or "—"),
                 html.Td(r["status"], className="status-" + str(r["status"]).split()[0])])
        for _, r in freshness_rows(data, today).iterrows()
    ]  # fmt: skip
    return html.Table([html.Thead(head), html.Tbody(rows)], id=f"{P}-freshness", className="fresh-table")


def watch_panel(data: DataStore, today: dt.date) -> html.Div:
    """Triggered watch rules and freshness on ``today`` (drawn by a callback: the page layout is cached)."""
    return html.Div(
        [
            html.Div([html.H3(_("Watch list")), watch_list(data, today)], className="card"),
            html.Div(
                [html.H3(_("Freshness against each publisher's release rhythm")), freshness_table(data, today)],
                className="card",
            ),
        ],
        className="grid-2",
    )


def what_changed_panel(data: DataStore) -> html.Div:
    """Latest releases and the largest revisions; the watch panel's place (filled on load with today's date)."""
    return html.Div(
        [
            html.H2(_("What changed")),
            html.Div(
                [
                    html.Div([html.H3(_("Latest release per publisher")), releases_list(data)], className="card"),
                    html.Div(
                        [html.H3(_("Largest revisions between consecutive releases")), revisions_list(data)],
                        className="card",
                    ),
                ],
                className="grid-2",
            ),
            html.Div(id=f"{P}-watch-box"),
        ],
        id=f"{P}-changes",
    )
