"""HTTP-level pages of the app: the 404 status for unknown paths and a friendly page for an over-long query.

Dash serves its index for every path and renders "not found" in the browser with HTTP 200; here a
``before_request`` hook notes a path that no page serves and an ``after_request`` hook gives that response
the status 404 (the page itself is ``pages/not_found_404.py``, inside the shell with its nav). A query string
longer than :data:`QUERY_LIMIT` gets a short HTML page with the nav and the status 414 before Dash sees it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from fnmatch import fnmatch
from typing import Any

from flask import Flask, Response, g, request

# bytes of query string: the longest view a page writes (every parameter at its longest) is well under this
QUERY_LIMIT = 2048
# paths that are not pages: Dash's own routes, assets and component bundles, a chart's data (chart_routes),
# the full-dataset workbook (downloads)
NOT_PAGES = ("/_", "/assets/", "/chart-data/", "/download/")


def known_path(path: str, pages: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a page serves ``path``, matched as Dash's router matches it: the page's path, or its path
    template (``/chapters/<chapter_id>``). The not-found page (``nav=False``) does not count."""
    wanted = path.strip("/")
    for page in pages.values():
        if page.get("nav") is False:
            continue
        template = page.get("path_template")
        if template and fnmatch(wanted, re.sub("<.*?>", "*", str(template).strip("/"))):
            return True
        if wanted == str(page["path"]).strip("/"):
            return True
    return False


def too_long_page(length: int, nav: list[tuple[str, str]]) -> str:
    """The HTML of the over-long-query page: what happened, the limit, and the nav to start again."""
    links = "".join(f'<a class="nav-link" href="{html.escape(p)}">{html.escape(n)}</a>' for p, n in nav)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Address too long · RU–AZ Indicators</title>"
        '<link rel="icon" href="/_favicon.ico"><link rel="stylesheet" href="/assets/style.css"></head><body>'
        '<header class="site-header"><div class="brand-row"><a class="brand" href="/">RU–AZ Indicators</a></div>'
        f'<nav class="nav">{links}</nav></header>'
        '<main class="main"><div class="card page">'
        '<h1 id="too-long-title">This address is too long</h1>'
        f"<p>Its query part has {length:,} characters; a view of this site needs fewer than {QUERY_LIMIT:,}. "
        "The link may have been cut, pasted twice or changed on its way.</p>"
        '<p>Start again from the <a href="/">overview</a> or pick a page above.</p>'
        "</div></main></body></html>"
    )


def install(server: Flask, pages: Callable[[], Mapping[str, Mapping[str, Any]]]) -> None:
    """Add the hooks to the Flask server; ``pages`` gives the page registry (read at request time)."""

    @server.before_request
    def _check_path() -> Response | None:
        if request.method not in ("GET", "HEAD") or request.path.startswith(NOT_PAGES):
            return None
        length = len(request.query_string)
        if length > QUERY_LIMIT:
            registry = pages()
            nav = [
                (str(p["path"]), str(p["name"]))
                for p in sorted(registry.values(), key=lambda p: p.get("order") or 0)
                if p.get("nav") is not False
            ]
            return Response(too_long_page(length, nav), status=414, mimetype="text/html")
        if not known_path(request.path, pages()):
            g.unknown_page = True
        return None

    @server.after_request
    def _not_found_status(response: Response) -> Response:
        if g.pop("unknown_page", False) and response.status_code == 200:
            response.status_code = 404
        return response
