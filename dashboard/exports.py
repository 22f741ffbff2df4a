"""Excel workbooks of the data behind a view (pure: frames in, bytes out); the writer is :mod:`dashboard.workbook`.

Sheets: About (title, time, version, filters, sheet list, citation and terms notes), Data (tidy long),
one wide sheet per domain (indicator × reporter × edition by year, then latest and ten-year change),
Charts (native charts of the main series), any extra tables, and Sources with live links. This module
keeps the names the pages and tests import, and the download file name.
"""

from __future__ import annotations

import re

from dashboard.workbook.build import ExportView, build_workbook
from dashboard.workbook.cells import FORMULA_PREFIXES
from dashboard.workbook.frames import tidy_frame, wide_frame

__all__ = ["FORMULA_PREFIXES", "ExportView", "build_workbook", "download_name", "tidy_frame", "wide_frame"]

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(*parts: object) -> str:
    """A safe file name: 'ruaz-trade-2014.xlsx' (letters, digits, '.', '_', '-' only)."""
    stem = "-".join(SAFE_NAME.sub("-", str(p)).strip("-") for p in parts if p not in (None, ""))
    stem = re.sub(r"-{2,}", "-", stem)[:80].strip("-.") or "export"
    return f"ruaz-{stem}.xlsx"
