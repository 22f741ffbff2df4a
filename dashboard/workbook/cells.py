"""The cells of a sheet, serialised straight to SpreadsheetML (the fast path of the workbook writer).

openpyxl writes the package (styles, tables, charts, print setup, hyperlink relationships); writing
85 000 cells through its per-cell objects took about 1.2 s. Here a sheet's rows are turned into the
``<sheetData>`` XML in one pass over plain values and spliced into the sheet openpyxl wrote in
write-only mode (:func:`splice_rows`). Every cell follows the same rules as before:

- numbers are numbers (``t="n"``, with the column's or the row's number format); NaN and None are blank;
- text is an inline string (``t="inlineStr"``), never a formula: text starting with = + - @ gets the
  quote-prefix style, and characters XML 1.0 cannot carry become U+FFFD;
- a cell of a link column holding an http(s) URL gets a hyperlink (its relationship written by openpyxl,
  with the tables' and drawings').
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.packaging.relationship import Relationship
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
WRAP_ALIGN = Alignment(vertical="top", wrap_text=True)
TOP_ALIGN = Alignment(vertical="top")
NOTE_FONT = Font(italic=True)
LINK_FONT = Font(color="0563C1", underline="single")
HTTP_URL = re.compile(r"^https?://\S+$")
PLACEHOLDER = b"<sheetData></sheetData>"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


@dataclass
class Column:
    """One column of a sheet: header, values and how its cells look.

    ``formats`` gives each row's number format (a per-unit format in a column mixing units); ``number_format``
    is the column's format otherwise. ``link`` marks URL columns, ``wrap`` long text columns.
    """

    header: str
    values: Sequence[Any]
    number_format: str | None = None
    formats: Sequence[str | None] | None = None
    link: bool = False
    wrap: bool = False
    integer: bool = False
    width: float = 10.0


@dataclass
class Styles:
    """Style ids registered with the workbook (openpyxl's style table), by purpose and number format."""

    owner: Any  # what a cell's style descriptors reach the workbook through (``cell.parent.parent``)
    register: Callable[[WriteOnlyCell], int]
    cache: dict[tuple[str, str | None, bool], int] = field(default_factory=dict)

    def get(self, purpose: str, number_format: str | None = None, wrap: bool = False) -> int:
        """The id of a cell style: 'header', 'note', 'text', 'quoted', 'link', 'number' (with its format)."""
        key = (purpose, number_format, wrap)
        if key not in self.cache:
            cell = WriteOnlyCell(self.owner)
            if purpose == "header":
                cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
            elif purpose == "note":
                cell.font = NOTE_FONT
            elif purpose == "link":
                cell.font = LINK_FONT
            elif purpose == "title":
                cell.font = Font(bold=True, size=14)
            elif purpose == "bold":
                cell.font = HEADER_FONT
            if purpose == "quoted":
                cell.quotePrefix = True
            if number_format:
                cell.number_format = number_format
            if purpose != "header":
                cell.alignment = WRAP_ALIGN if wrap else TOP_ALIGN
            self.cache[key] = self.register(cell)
        return self.cache[key]


def workbook_styles(wb: Any) -> Styles:
    """Styles registered in ``wb`` (a write-only openpyxl Workbook)."""

    def register(cell: WriteOnlyCell) -> int:
        return int(wb._cell_styles.add(cell._style))  # openpyxl's own style table, as cell.style_id does

    return Styles(SimpleNamespace(parent=wb), register)


def clean_text(value: Any) -> str:
    """Text as a cell can hold it: characters XML 1.0 cannot carry become U+FFFD."""
    text = value if isinstance(value, str) else str(value)
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text) if ILLEGAL_CHARACTERS_RE.search(text) else text


def is_blank(value: Any) -> bool:
    """None, NaN, NA and NaT are blank cells (a missing figure is never 0)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return value is pd.NA or value is pd.NaT


def text_cell(ref: str, text: str, style: int) -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    if "&" in text or "<" in text or ">" in text or '"' in text:
        text = text.translate(XML_ESCAPES)
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def cell_xml(ref: str, value: Any, styles: Styles, number_format: str | None, wrap: bool, integer: bool) -> str:
    """One ``<c>`` element (empty string for a blank cell)."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{styles.get("text")}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if math.isinf(number):
            return text_cell(ref, str(value), styles.get("text"))
        text = str(int(number)) if integer or isinstance(value, int) else repr(number)
        return f'<c r="{ref}" s="{styles.get("number", number_format)}" t="n"><v>{text}</v></c>'
    if hasattr(value, "strftime"):
        return text_cell(ref, value.strftime("%Y-%m-%d"), styles.get("text", None, wrap))
    text = clean_text(value)
    purpose = "quoted" if text.startswith(FORMULA_PREFIXES) else "text"
    return text_cell(ref, text, styles.get(purpose, None, wrap))


@dataclass
class SheetRows:
    """The XML rows of one sheet and the hyperlinks they carry."""

    parts: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (cell, URL)
    next_row: int = 1

    def text_row(self, styles: Styles, texts: Sequence[Any], purpose: str = "text") -> int:
        """A row of text cells (a title, a note); returns its row number."""
        r = self.next_row
        cells = [
            text_cell(f"{get_column_letter(j)}{r}", clean_text(t), styles.get(purpose))
            for j, t in enumerate(texts, start=1)
            if not is_blank(t) and t != ""
        ]
        self.parts.append(f'<row r="{r}">{"".join(cells)}</row>')
        self.next_row += 1
        return r

    def value_row(self, styles: Styles, values: Sequence[Any], formats: Sequence[str | None]) -> int:
        """A row of typed cells (numbers with their formats, text as text)."""
        r = self.next_row
        cells = [
            cell_xml(f"{get_column_letter(j)}{r}", v, styles, f, False, False)
            for j, (v, f) in enumerate(zip(values, formats, strict=True), start=1)
        ]
        self.parts.append(f'<row r="{r}">{"".join(cells)}</row>')
        self.next_row += 1
        return r

    def table(self, styles: Styles, columns: Sequence[Column]) -> tuple[int, int]:
        """A header row and one row per value; returns the header's and the last row's numbers."""
        header_row = self.text_row(styles, [c.header for c in columns], "header")
        first = self.next_row
        n = len(columns[0].values) if columns else 0
        cells = [self._column(styles, get_column_letter(j), col, first) for j, col in enumerate(columns, start=1)]
        self.parts.extend(
            f'<row r="{first + i}">{"".join(row)}</row>' for i, row in enumerate(zip(*cells, strict=True))
        )
        self.next_row += n
        return header_row, self.next_row - 1

    def _column(self, styles: Styles, letter: str, col: Column, first: int) -> list[str]:
        """The ``<c>`` elements of one column, top to bottom (the hot loop: plain values, no objects)."""
        text_style = styles.get("text", None, col.wrap)
        fixed = styles.get("number", col.number_format)
        per_row = [styles.get("number", f) for f in col.formats] if col.formats is not None else None
        out = []
        for i, value in enumerate(col.values):
            ref = f"{letter}{first + i}"
            kind = type(value)
            if value is None:
                out.append("")
            elif kind is float or (kind is int and not isinstance(value, bool)):
                if kind is float and math.isnan(value):
                    out.append("")
                    continue
                if kind is float and math.isinf(value):
                    out.append(text_cell(ref, str(value), text_style))
                    continue
                style = per_row[i] if per_row is not None else fixed
                text = str(int(value)) if col.integer or kind is int else repr(value)
                out.append(f'<c r="{ref}" s="{style}"><v>{text}</v></c>')
            elif kind is str and col.link and HTTP_URL.match(value):
                out.append(text_cell(ref, clean_text(value), styles.get("link", None, col.wrap)))
                self.links.append((ref, value))
            elif kind is str and not value.startswith(FORMULA_PREFIXES) and not ILLEGAL_CHARACTERS_RE.search(value):
                out.append(text_cell(ref, value, text_style))
            else:
                fmt = col.formats[i] if col.formats is not None else col.number_format
                out.append(cell_xml(ref, value, styles, fmt, col.wrap, col.integer))
        return out

    def skip(self, rows: int = 1) -> None:
        """Leave ``rows`` empty rows."""
        self.next_row += rows

    def xml(self) -> bytes:
        """The ``<sheetData>`` element."""
        return ("<sheetData>" + "".join(self.parts) + "</sheetData>").encode("utf-8")


def splice_rows(ws: Any, rows: SheetRows) -> None:
    """Close a write-only sheet that had no rows appended and put ``rows`` in its empty ``<sheetData>``.

    openpyxl keeps a closed write-only sheet in a temporary file until the workbook is saved. The cells'
    hyperlinks follow the rows (``<hyperlinks>``, the next element the sheets here may hold); each has its
    own relationship, added to openpyxl's list of the sheet's relationships before it closes the sheet, so
    that openpyxl writes them with the tables' and drawings'.
    """
    ws._get_writer()  # openpyxl's sheet writer: starts the sheet's file and its list of relationships
    links = []
    for ref, url in rows.links:
        rel = Relationship(type="hyperlink", TargetMode="External", Target=url)
        ws._writer._rels.append(rel)  # numbers it: rId1, rId2, ...
        links.append(f'<hyperlink ref="{ref}" r:id="{rel.Id}"/>')
    ws.close()
    path = Path(ws._writer.out)
    xml = path.read_bytes()
    if xml.count(PLACEHOLDER) != 1:
        raise RuntimeError(f"sheet {ws.title!r}: expected one empty <sheetData> from openpyxl, found another layout")
    tail = f'<hyperlinks xmlns:r="{REL_NS}">{"".join(links)}</hyperlinks>'.encode() if links else b""
    path.write_bytes(xml.replace(PLACEHOLDER, rows.xml() + tail))
