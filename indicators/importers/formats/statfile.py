"""Helpers shared by the IMF DOTS, Energy Institute and bp parsers (no FORMAT here).

What belongs here: opening a workbook or a CSV safely (an HTML error page, a
truncated download or a wrong encoding becomes a :class:`FileRejected`, never
a traceback), reading sheet names cheaply for ``sniff``, building problems
that name the file, the sheet and cell, the value and the rule, and writing a
published float as text in the representation the project's raw rows use.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from indicators.importers.model import FileRejected
from indicators.load import RECORD_COLUMNS
from indicators.problems import Problem

# the columns a parser fills in a record table: the command assigns record_id and source_id
OUTPUT_COLUMNS = [c for c in RECORD_COLUMNS if c not in ("record_id", "source_id")]
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# a number as text, possibly signed; "1,234.5" (thousands separators) is not accepted
NUMBER_TEXT_RE = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def problem(path: Path, row: int, where: str, value: object, rule: str, message: str) -> Problem:
    """One defect of ``path``: ``where`` is a sheet/cell (``'Exports, FOB'!C7``) or a column name."""
    text = "" if value is None else str(value)
    return Problem(path.name, row, where, text[:80], rule, message)


def reject(path: Path, row: int, where: str, value: object, rule: str, message: str) -> FileRejected:
    """A :class:`FileRejected` holding a single problem (raise it)."""
    return FileRejected([problem(path, row, where, value, rule, message)])


def only_row(path: Path, sheet: str, matches: list[int], wanted: str, rule: str, what: str) -> int:
    """The one row index in ``matches`` (0-based); none or several rows named ``wanted`` rejects the file."""
    if len(matches) != 1:
        raise reject(
            path, matches[1] + 1 if matches else 0, f"'{sheet}'", wanted, rule,
            f"expected one {what} '{wanted}' in sheet '{sheet}', found {len(matches)}",
        )  # fmt: skip
    return matches[0]


def cell_ref(sheet: str, row: int, column: int) -> str:
    """``'Sheet name'!C7``: the address of a cell, as Excel writes it."""
    return f"'{sheet}'!{openpyxl.utils.get_column_letter(column)}{row}"


def describe_head(head: bytes) -> str:
    """A short printable view of a file's first bytes (for 'this is not a workbook' messages)."""
    text = head[:40].decode("latin-1")
    return "".join(ch if ch.isprintable() else "." for ch in text)


def xlsx_sheet_names(path: Path, head: bytes) -> list[str] | None:
    """The sheet names of an .xlsx read from ``xl/workbook.xml`` only, or None if it is not a readable xlsx.

    Cheap enough for ``sniff``: no cell is read.
    """
    if not head.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        # a truncated or foreign zip is not claimed here; parse() explains what is wrong with it
        return None
    root = ElementTree.fromstring(xml)
    return [str(el.get("name", "")) for el in root.iter(f"{_SHEET_NS}sheet")]


def open_workbook(path: Path, *, read_only: bool) -> Workbook:
    """Open an .xlsx, or raise :class:`FileRejected` saying what the file is instead."""
    data = path.read_bytes()
    head = data[:512]
    if not head.startswith(ZIP_MAGIC):
        if b"<html" in head.lower() or b"<!doctype" in head.lower():
            message = "an HTML page, not an Excel .xlsx workbook"
        elif head.startswith(OLE2_MAGIC):
            message = "a legacy .xls or password-protected workbook (OLE2), not an .xlsx"
        else:
            message = "not an Excel .xlsx workbook (no zip header)"
        raise reject(path, 0, "", describe_head(head), "xlsx_zip", f"the file is {message}")
    try:
        # from bytes, so that openpyxl does not judge the file by its name's extension
        return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, EOFError, KeyError, zlib.error, InvalidFileException) as exc:
        raise reject(path, 0, "", f"{len(data)} bytes", "xlsx_complete", f"truncated or corrupt .xlsx: {exc}") from exc


def read_text(path: Path) -> str:
    """Decode a CSV as UTF-8 (optional BOM), or raise :class:`FileRejected` naming the line and the bytes."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise reject(path, 0, "", data[:2].hex(" "), "encoding_utf8", "the file is UTF-16; expected UTF-8/ASCII")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.end + 3].hex(" ")
        raise reject(
            path, line, "", f"bytes {bad}", "encoding_utf8", f"line {line} is not valid UTF-8 ({exc.reason})"
        ) from exc


def decimal_text(value: float, places: int, *, keep_zeros: bool = False) -> str:
    """Write a published float with ``places`` decimals, the representation of the project's raw rows.

    ``keep_zeros`` keeps trailing zeros (``6110.0``); otherwise they are dropped
    (``5.092``, ``12.5``, ``111.39``). ``-0`` is written ``0``.
    """
    text = f"{value:.{places}f}"
    if not keep_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "-0.0") else text


def records(rows: Iterable[dict[str, str]]) -> pd.DataFrame:
    """Rows as a text frame in the record layout (minus record_id and source_id)."""
    frame = pd.DataFrame(list(rows), columns=OUTPUT_COLUMNS, dtype=object)
    return frame.fillna("").astype(str).reset_index(drop=True)
