"""The page Dash shows for an unknown path: a friendly message inside the app shell (which has the nav).

Dash's pages router picks this module by its name. The HTTP status of such a path is set to 404 by
:mod:`dashboard.http_pages`; the page takes no part in the nav (``nav=False``).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from dashboard.commentary.words import t
from dashboard.i18n import page_lang

PATH = "/not-found"

dash.register_page(
    __name__, path=PATH, name="Page not found", title="Page not found · RU–AZ Indicators", order=99, nav=False
)


def layout(**query: Any) -> html.Div:
    """The message, and where to go instead (the nav above lists every page too)."""
    lang = page_lang(query)
    return html.Div(
        [
            html.H1(t(lang, "Page not found"), id="not-found-title"),
            html.P(
                "There is no page at this address. It may have been mistyped, or come from an old link.",
                id="not-found-text",
            ),
            html.P(
                [
                    "Start from the ",
                    dcc.Link("overview", href="/", id="not-found-home"),
                    ", pick a page in the navigation above, or see ",
                    dcc.Link("the data and sources", href="/data"),
                    ".",
                ]
            ),
        ],
        className="page not-found card",
    )
