"""How every sheet is laid out and printed: widths, frozen panes, Excel tables, print setup and footer.

Print setup on every sheet: landscape A4, fit to one page wide (as many pages tall as needed), the
header rows repeated on each page, and a footer with the workbook title, "page N of M", the sheet's
source line and the generation date. Tables are named ``tbl_<sheet>`` (letters, digits and underscores,
unique in the workbook) so that formulas and pivot tables can refer to them.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from dashboard.data import short_publisher
from dashboard.workbook.cells import Column
from dashboard.workbook.words import w

TABLE_STYLE = "TableStyleLight9"
FOOTER_LIMIT = 250  # Excel refuses a header or footer longer than 255 characters (codes included)
SOURCE_LINE_LIMIT = 110
A4 = 9


def table_name(sheet: str, used: set[str]) -> str:
    """'Trade wide' -> 'tbl_trade_wide' (unique in ``used``, which it joins)."""
    base = "tbl_" + (re.sub(r"[^a-z0-9]+", "_", sheet.lower()).strip("_") or "sheet")
    name, n = base, 2
    while name in used:
        name, n = f"{base}_{n}", n + 1
    used.add(name)
    return name


def source_line(
    source_ids: Iterable[Any], sources: pd.DataFrame, limit: int = SOURCE_LINE_LIMIT, lang: str = "en"
) -> str:
    """'Sources: IMF Direction of Trade Statistics (DOTS export of 2022-02 …); SIPRI …' for the given ids.

    Publishers are named once each, with their editions; when the line would be too long for a footer it
    names the publishers only, and then refers to the Sources sheet. The words are in ``lang``; the
    publishers and editions stay as published.
    """
    ids: set[str] = set()
    for value in source_ids:
        if isinstance(value, str) and value:
            ids.update(v for v in value.split(";") if v)
    rows = sources[sources["source_id"].isin(ids)]
    if rows.empty:
        return ""
    editions: dict[str, set[str]] = {}
    for publisher, edition in zip(rows["publisher"], rows["edition"], strict=True):
        eds = editions.setdefault(short_publisher(str(publisher)), set())
        if isinstance(edition, str) and edition:
            eds.add(edition)
    full = "; ".join(f"{p} ({', '.join(sorted(e))})" if e else p for p, e in sorted(editions.items()))
    prefix = len(w(lang, "Sources: {list}", list=""))
    if len(full) + prefix <= limit:
        return w(lang, "Sources: {list}", list=full)
    names = "; ".join(sorted(editions))
    if len(names) + prefix <= limit:
        return w(lang, "Sources: {list}", list=names)
    return w(lang, "Sources: {count} publishers, listed on the Sources sheet", count=len(editions))


def _footer_text(text: str) -> str:
    return text.replace("&", "&&")


def print_setup(ws: Any, title: str, line: str, generated: str, title_rows: str | None, lang: str = "en") -> None:
    """Landscape, one page wide, title rows repeated, footer: title · page N of M · source line, date."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows
    date = generated[:10]
    stamp = w(lang, "generated {date}", date=date)
    right = f"{line} · {stamp}" if line else stamp
    left = title[: max(20, FOOTER_LIMIT - len(right) - 40)]
    footer = ws.HeaderFooter.oddFooter
    footer.left.text, footer.left.size = _footer_text(left), 8
    footer.center.text, footer.center.size = w(lang, "Page &P of &N"), 8
    footer.right.text, footer.right.size = _footer_text(right), 8


def set_widths(ws: Any, columns: Sequence[Column]) -> None:
    """Each column's width (content-fitted within the limit; long text wraps)."""
    for j, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = col.width


def add_table(ws: Any, name: str, columns: Sequence[Column], header_row: int, last_row: int) -> Table | None:
    """An Excel table over the header and its rows (none for a sheet without rows: Excel needs one)."""
    if last_row <= header_row or not columns:
        return None
    ref = f"A{header_row}:{get_column_letter(len(columns))}{last_row}"
    table = Table(
        displayName=name,
        ref=ref,
        tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True),
    )
    table._initialise_columns()
    table.tableColumns = [TableColumn(id=i, name=c.header) for i, c in enumerate(columns, start=1)]
    with warnings.catch_warnings():
        # openpyxl warns on every write-only table; its columns are named just above
        warnings.filterwarnings("ignore", "In write-only mode you must add table columns manually")
        ws.add_table(table)
    return table
