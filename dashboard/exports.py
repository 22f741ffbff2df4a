"""Excel workbooks of the data behind a view (pure: frames in, bytes out); the writer is :mod:`dashboard.workbook`.

Sheets: About (title, time, version, filters, sheet list, citation and terms notes), Data (tidy long),
one wide sheet per domain (indicator × reporter × edition by year, then latest and ten-year change),
Charts (native charts of the main series), any extra tables, and Sources with live links. This module
keeps the names the pages and tests import, and the download file name.

The language of a workbook: the download callback (:func:`dashboard.protocol.register_download`) and the
/data button read the page's ``?lang=`` from the request's Referer (else the browser's Accept-Language, as
the page itself did) with :func:`export_lang` and build the page's workbook inside
:func:`export_language`, so the pages' workbook builders stay ``(data, selection) -> bytes`` and
:func:`dashboard.views.export_bytes` picks the language up with :func:`current_export_lang` (English
outside a download).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import parse_qs, urlsplit

from flask import has_request_context, request

from dashboard.i18n import DEFAULT_LANG, negotiate
from dashboard.workbook.build import ExportView, build_workbook
from dashboard.workbook.cells import FORMULA_PREFIXES
from dashboard.workbook.frames import tidy_frame, wide_frame

__all__ = [
    "FORMULA_PREFIXES",
    "ExportView",
    "build_workbook",
    "current_export_lang",
    "download_name",
    "export_lang",
    "export_language",
    "tidy_frame",
    "wide_frame",
]

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(*parts: object) -> str:
    """A safe file name: 'ruaz-trade-2014.xlsx' (letters, digits, '.', '_', '-' only)."""
    stem = "-".join(SAFE_NAME.sub("-", str(p)).strip("-") for p in parts if p not in (None, ""))
    stem = re.sub(r"-{2,}", "-", stem)[:80].strip("-.") or "export"
    return f"ruaz-{stem}.xlsx"


_EXPORT_LANG: ContextVar[str] = ContextVar("export_lang", default=DEFAULT_LANG)


def export_lang(search: str | None = None) -> str:
    """The language of a download: ``lang=`` of the page's query string (``"?year=2014&lang=ru"`` -> ``"ru"``;
    by default the callback request's Referer, the address of the page the browser sends with it, query
    included under the app's Referrer-Policy); without one the request's Accept-Language (as the page's
    layout), else English."""
    if search is None and has_request_context() and request.referrer:
        search = urlsplit(request.referrer).query
    raw = parse_qs((search or "").lstrip("?")).get("lang", [None])[0]
    accept = request.headers.get("Accept-Language") if has_request_context() else None
    return negotiate(raw, accept)


@contextmanager
def export_language(lang: str) -> Iterator[None]:
    """Build the workbooks inside the block in ``lang``."""
    token = _EXPORT_LANG.set(lang)
    try:
        yield
    finally:
        _EXPORT_LANG.reset(token)


def current_export_lang() -> str:
    """The language of the workbook being built (English outside :func:`export_language`)."""
    return _EXPORT_LANG.get()
