"""App factory: loads data/clean once, builds the Dash app and its shell.

``create_app()`` is used by the WSGI entry point (``dashboard.wsgi:server``),
by ``python -m dashboard`` and by the tests. All CSS/JS is served from
``assets/`` and the Dash/Plotly bundles are served locally (no CDN).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import wraps
from pathlib import Path
from typing import Any

import dash
from dash import ClientsideFunction, Dash, Input, Output, State, clientside_callback, dcc, html
from flask import Response, g, has_request_context, jsonify, request

from dashboard import __version__, chart_routes, http_pages
from dashboard.caching import ResponseReplay, memoize, replayable
from dashboard.commentary import chapters
from dashboard.components import aria_attrs
from dashboard.data import DataStore, load_store, set_store
from dashboard.data import store as current_store
from dashboard.downloads import register_downloads
from dashboard.i18n import DEFAULT_LANG, LANGS, in_page_lang, negotiate, page_lang
from dashboard.linking import SHELL_SELECTION, register_linking
from dashboard.protocol import PageSpec, nav_config
from dashboard.shell_text import SHELL_TEXT_IDS, SWITCH_LABELS, shell_i18n, shell_texts, switch_title

LOG = logging.getLogger("dashboard")
HERE = Path(__file__).resolve().parent
LAYOUT_CACHE_SIZE = 64  # rendered pages kept per process (a page is 0.2–0.5 MB of components)
# Dash's page template with the document language set and the scripts outside a second <footer> landmark.
INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        <a class="skip-link" href="#main">Skip to content</a>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


def security_headers(csp_script_hashes: Sequence[str]) -> dict[str, str]:
    """Response headers applied to every response (the CSP the app works under)."""
    script_src = " ".join(["'self'", *csp_script_hashes])
    csp = "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def language_switch() -> html.Nav:
    """EN · RU · AZ: links to the current view in each language (``ruaz.shellLang`` sets their hrefs; a link
    loads the page, so the server's index already has the language's ``<html lang>``)."""
    items: list[Any] = []
    for i, lang in enumerate(LANGS):
        if i:
            items.append(html.Span(" · ", className="lang-sep", **aria_attrs(hidden="true")))
        items.append(
            html.A(
                SWITCH_LABELS[lang],
                href=f"?lang={lang}",
                id=f"lang-{lang}",
                className="lang-link",
                title=switch_title(lang),
                lang=lang,
                hrefLang=lang,
            )
        )
    return html.Nav(items, className="lang-switch", id="lang-switch", **aria_attrs(label="Language"))


def title_sources() -> tuple[list[tuple[str, str]], list[tuple[int, str, dict[str, str]]]]:
    """What the browser titles are made of (:func:`dashboard.shell_text.document_titles`): every registered
    page's name and English title (a title built per chapter is called for the list's own), and each chapter's
    number and short titles by language."""
    pages = []
    for page in dash.page_registry.values():
        title = page.get("title")
        pages.append((str(page["name"]), title() if callable(title) else str(title)))
    shorts = [(c.number, c.short_title, {lang: c.short_title_in(lang) for lang in LANGS}) for c in chapters()]
    return pages, shorts


def shell_layout() -> html.Div:
    """Header with navigation (from ``dash.page_registry``), the shell-level selection store and the pages."""
    nav = nav_config(current_store(), dash.page_registry)
    links = [dcc.Link(p["name"], href=p["path"], id=p["id"], className="nav-link") for p in nav["pages"]]
    en = shell_texts(DEFAULT_LANG)
    return html.Div(
        [
            dcc.Store(id=SHELL_SELECTION, storage_type="session", data={"year": None, "from": None, "to": None}),
            dcc.Store(id="nav-paths", data=nav),
            dcc.Store(id="shell-i18n", data=shell_i18n([p["name"] for p in nav["pages"]], *title_sources())),
            html.Header(
                [
                    html.Div(
                        [
                            html.A("RU–AZ Indicators", href="/", className="brand"),
                            html.Span(en["brand-tagline"], className="tagline", id="brand-tagline"),
                            language_switch(),
                            html.Div(
                                [
                                    html.Button(
                                        en["copy-link-btn"],
                                        id="copy-link-btn",
                                        className="btn btn-small copy-link-btn",
                                    ),
                                    html.Label(
                                        [
                                            html.Span(
                                                en["copy-link-label"], className="copy-link-label", id="copy-link-label"
                                            ),
                                            dcc.Input(id="copy-link-url", type="text", readOnly=True),
                                        ]
                                    ),
                                ],
                                className="copy-link",
                                title="Copy the address of this view (year, range and settings included)",
                            ),
                        ],
                        className="brand-row",
                    ),
                    html.Nav(links, className="nav", **aria_attrs(label="Pages")),
                ],
                className="site-header",
            ),
            html.Main(dash.page_container, className="main", id="main", tabIndex="-1"),
            html.Footer(
                [
                    html.Span(f"v{__version__} · "),
                    html.Span(en["footer-note"], id="footer-note"),
                    dcc.Link(en["footer-data-link"], href="/data", id="footer-data-link"),
                ],
                className="site-footer",
            ),
        ],
        className="shell",
    )


def index_in_language(html_text: str, lang: str) -> str:
    """The index page with ``<html lang>`` set to ``lang`` (the server's answer to ?lang= / Accept-Language)."""
    return html_text.replace('<html lang="en">', f'<html lang="{lang}">', 1)


def request_lang() -> str:
    """The language of the current request: ``?lang=``, else Accept-Language, else English."""
    return negotiate(request.args.get("lang"), request.headers.get("Accept-Language"))


def with_lang(layout: Any) -> Any:
    """A page layout that always receives a definite ``lang`` (the request's, see :func:`request_lang`), so a
    memoized layout is cached per language."""

    @wraps(layout)
    def wrapper(**kwargs: Any) -> Any:
        accept = request.headers.get("Accept-Language") if has_request_context() else None
        return layout(**{**kwargs, "lang": page_lang(kwargs, accept)})

    return wrapper


# Dash bundles the page does not load: @babel/polyfill (its only part the bundles need, regeneratorRuntime, is
# assets/0-regenerator-runtime.js) and dash_table (no DataTable here: the grids are dash-ag-grid). Issue 12.
UNUSED_SCRIPTS = ("/dash/deps/polyfill@", "/dash/dash_table/bundle.")


def without_unused_scripts(scripts: str) -> str:
    """Dash's ``<script>`` tags without those of :data:`UNUSED_SCRIPTS` (one tag per line, as Dash writes them)."""
    return "\n".join(line for line in scripts.split("\n") if not any(part in line for part in UNUSED_SCRIPTS))


class RuazDash(Dash):
    """Dash, with the page's script tags trimmed (:func:`without_unused_scripts`)."""

    def interpolate_index(
        self,
        metas: Any = "",
        title: Any = "",
        css: Any = "",
        config: Any = "",
        scripts: Any = "",
        app_entry: Any = "",
        favicon: Any = "",
        renderer: Any = "",
    ) -> Any:
        return super().interpolate_index(
            metas=metas,
            title=title,
            css=css,
            config=config,
            scripts=without_unused_scripts(scripts),
            app_entry=app_entry,
            favicon=favicon,
            renderer=renderer,
        )


_APP: list[Dash] = []


def router_payload_ok(body: Any) -> bool:
    """False for a pages-router request whose pathname/search are not text (Dash itself would crash)."""
    if not isinstance(body, dict):
        return False
    if not str(body.get("output", "")).startswith(".._pages_content"):
        return True
    inputs = body.get("inputs")
    if not isinstance(inputs, list):
        return False
    return all(isinstance(i, dict) and isinstance(i.get("value"), str) for i in inputs)


def create_app(clean_dir: Path | None = None, store: DataStore | None = None) -> Dash:
    """Build the app. Loads data/clean (or uses ``store``) once; raises CleanDataError if unusable.

    Dash pages register their callbacks globally at import, and the first app
    takes them all; so there is one app per process and later calls only swap
    the data store (tests use this to serve other data).
    """
    data = store if store is not None else (load_store(clean_dir) if clean_dir else load_store())
    set_store(data)
    if _APP:
        return _APP[0]
    app = RuazDash(
        "dashboard",
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        serve_locally=True,
        title="RU–AZ Indicators",
        update_title="",
        suppress_callback_exceptions=True,
        compress=False,
        index_string=INDEX_STRING,
    )
    app.layout = shell_layout
    for page in dash.page_registry.values():
        if callable(page.get("layout")) and not getattr(page["layout"], "__wrapped__", None):
            page["layout"] = with_lang(memoize(LAYOUT_CACHE_SIZE)(in_page_lang(page["layout"])))
    _register_shell(current_store())
    server = app.server
    server.secret_key = os.environ.get("DASHBOARD_SECRET_KEY") or os.urandom(32).hex()
    register_downloads(server)
    headers: dict[str, str] = {}
    responses = ResponseReplay()
    server.extensions["response_replay"] = responses

    @server.before_request
    def _guard_requests() -> Any:
        # Dash always registers its hot-reload route; this app never hot-reloads, so it does not exist.
        if request.path.endswith("/_reload-hash"):
            return Response("Not found", status=404, mimetype="text/plain")
        if request.path.endswith("/_dash-update-component"):
            body = request.get_json(silent=True)
            if not router_payload_ok(body):
                return jsonify({"error": "This request could not be processed."}), 400
            if isinstance(body, dict) and replayable(app.callback_map, body.get("output")):
                key = ResponseReplay.key(current_store().digest, request.get_data(cache=True))
                g.cache_key = key
                cached = responses.get(key)
                if cached is not None:
                    return Response(cached, status=200, mimetype="application/json")
        return None

    http_pages.install(server, lambda: dash.page_registry)
    chart_routes.install(server)

    @server.after_request
    def _headers(response: Response) -> Response:
        key = g.pop("cache_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            responses.put(key, response.get_data())
        if not headers:
            # inline-script hashes are final once Dash has set up its routes (first request)
            headers.update(security_headers(app.csp_hashes()))
        for key, value in headers.items():
            response.headers.setdefault(key, value)
        if response.mimetype == "text/html" and not response.direct_passthrough and response.status_code == 200:
            lang = request_lang()
            if lang != DEFAULT_LANG:
                response.set_data(index_in_language(response.get_data(as_text=True), lang))
            response.vary.add("Accept-Language")
        response.headers.pop("Server", None)
        return response

    @server.errorhandler(Exception)
    def _friendly_error(exc: Exception) -> Any:
        from werkzeug.exceptions import HTTPException

        if isinstance(exc, HTTPException):
            return exc
        LOG.exception("request failed: %s %s", request.method, request.path)
        if request.path.startswith("/_dash-"):
            return jsonify({"error": "This request could not be processed."}), 400
        return Response(
            "<h1>Something went wrong</h1><p>Please go back to the <a href='/'>overview</a>.</p>",
            status=400,
            mimetype="text/html",
        )

    # Dash moves the globally registered callbacks into the app on its first request; doing it here, in one
    # thread, avoids a race where concurrent first requests of a threaded worker miss their callbacks.
    server.test_client().get("/_dash-dependencies")
    _APP.append(app)
    return app


def warm_layouts() -> int:
    """Render every page's default layout once (fills the layout memo before workers fork)."""
    count = 0
    for page in dash.page_registry.values():
        layout = page.get("layout")
        if callable(layout) and "<" not in str(page.get("path_template") or ""):
            layout()
            count += 1
    return count


_SHELL_REGISTERED: list[bool] = []


def _register_shell(data: DataStore) -> None:
    """Once per process: the one set of linking callbacks (every page spec with linked graphs), and the nav links,
    which carry the shell selection (year, range) to the pages whose spec takes it."""
    if _SHELL_REGISTERED:
        return
    _SHELL_REGISTERED.append(True)
    if any(isinstance(p.get("spec"), PageSpec) and p["spec"].graphs for p in dash.page_registry.values()):
        register_linking()
    nav = nav_config(data, dash.page_registry)
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="navLinks"),
        [Output(p["id"], "href") for p in nav["pages"]],
        Input(SHELL_SELECTION, "data"),
        Input("_pages_location", "search"),
        State("nav-paths", "data"),
    )
    clientside_callback(
        ClientsideFunction(namespace="ruaz", function_name="shellLang"),
        [Output(p["id"], "children") for p in nav["pages"]]
        + [Output(i, "children") for i in SHELL_TEXT_IDS]
        + [Output(f"lang-{lang}", "href") for lang in LANGS]
        + [Output(f"lang-{lang}", "className") for lang in LANGS]
        + [Output("footer-data-link", "href")],
        Input("_pages_location", "pathname"),
        Input("_pages_location", "search"),
        State("shell-i18n", "data"),
    )
