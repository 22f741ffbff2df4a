"""The full-dataset workbook as a plain HTTP download: ``GET /download/everything.xlsx[?lang=ru|az]``.

The workbook depends only on the clean data, so it is built once per data digest and process
(:func:`dashboard.queries.data_tables.everything_workbook`); with gunicorn's ``preload_app`` the master
builds it before forking (:func:`warm_workbooks`, called by ``dashboard.wsgi``), so every worker serves
it from memory from its first request. The response carries a strong ETag (a hash of the bytes served)
and ``Cache-Control: no-cache``, so a browser revalidates and gets ``304 Not Modified`` while the bytes
are unchanged. The "Download everything" button of /data sends the same bytes through its callback.

One workbook per language: ``?lang=`` (else the browser's Accept-Language, as the pages) picks it; the
master prebuilds all three, and each has its own ETag (the hash of its bytes); ``Vary: Accept-Language``
tells caches that a URL without ``lang=`` depends on that header.
"""

from __future__ import annotations

import hashlib

from flask import Flask, Response, request

from dashboard.data import store as current_store
from dashboard.exports import download_name
from dashboard.i18n import LANGS, negotiate
from dashboard.queries.data_tables import download_stem, everything_in

PATH = "/download/everything.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def etag(content: bytes) -> str:
    """A strong entity tag: the first 32 hex digits of the bytes' sha256."""
    return hashlib.sha256(content).hexdigest()[:32]


def warm_workbooks() -> int:
    """Build the full-dataset workbook in every language now (before gunicorn forks its workers); returns the
    English one's size."""
    data = current_store()
    sizes = {lang: len(everything_in(data, lang)) for lang in LANGS}
    return sizes["en"]


def register_downloads(server: Flask) -> None:
    """Add the route of the full-dataset workbook to the Flask server."""

    def everything() -> Response:
        data = current_store()
        lang = negotiate(request.args.get("lang"), request.headers.get("Accept-Language"))
        content = everything_in(data, lang)
        tag = etag(content)
        if request.if_none_match.contains(tag):
            response = Response(status=304)
        else:
            response = Response(content, mimetype=XLSX)
            name = download_name(download_stem(data))
            response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.set_etag(tag)  # strong: byte-identical for the same data and version
        response.headers["Cache-Control"] = "no-cache"
        response.headers["Content-Language"] = lang
        response.vary.add("Accept-Language")
        return response

    server.add_url_rule(PATH, "download_everything", everything, methods=["GET"])
