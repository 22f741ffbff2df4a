"""Every kind of workbook the dashboard writes, built once per test session from the shipped data.

One per page view (each page's default selection), the full dataset ("Download everything") and the
/compare export of 2013 against 2014 in the default SIPRI release; in English, or in ``lang`` (the
language a download from a page in that language builds them in).
"""

from __future__ import annotations

import importlib
import io

import openpyxl

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.exports import export_language
from dashboard.queries.compare_export import comparison_workbook
from dashboard.queries.data_tables import everything_workbook

PAGES = ("overview", "trade", "energy", "arms")
KINDS = (*PAGES, "everything", "compare")


def build_all(data: DataStore, lang: str = "en") -> dict[str, bytes]:
    """Kind -> workbook bytes in ``lang`` (pages register themselves, so the app is created first)."""
    create_app(store=data)
    out = {}
    with export_language(lang):
        for name in PAGES:
            page = importlib.import_module(f"dashboard.pages.{name}")
            content, _ = page.workbook(data, page.SPEC.selection(data, {}))
            out[name] = content
        out["everything"] = everything_workbook.__wrapped__(data, lang=lang)
        release = data.default_tiv_release
        assert release is not None
        out["compare"] = comparison_workbook(data, 2013, 2014, release)
    return out


def load(content: bytes) -> openpyxl.Workbook:
    """The workbook as openpyxl reads it (charts, tables, print setup and links included)."""
    return openpyxl.load_workbook(io.BytesIO(content))
