"""SIPRI Military Expenditure Database workbook (``SIPRI-Milex-data-1949-2024.xlsx``).

Layout (see ``tests/fixtures/official/README.md``): ten sheets; each data
sheet has its title in A1, note lines, then a header row whose position
differs by sheet, starting with ``Country``; year headers are numbers.
Country rows sit under region headings. ``...`` (data unavailable), ``xxx``
(country did not exist) and empty cells are not figures. The constant-price
sheet is renamed every release (``Constant (2022) US$``, ``Constant (2023)
US$``), so sheets are found by the title in A1, never by name, and the
header by its ``Country`` cell.

Rows kept: Azerbaijan (``AZ``) and Russia (``RU``), for the indicators the
project has (``catalogue.csv``): current US$ m (``arms_milex_current_usd``),
constant US$ m of a base year the catalogue has an indicator for
(``arms_milex_constant_2022_usd``), share of GDP (``arms_milex_share_gdp``).
Values are written the way the rows already in ``data/raw/arms_milex.csv``
write them: money rounded to 0.1 (the workbook's own display format
``0.0``), shares as percent rounded to 0.01 (the workbook stores a fraction
displayed as ``0.00%``), half away from zero, trailing zeros kept.

The release is read from the A1 title's year range: data 1949-2024 is the
"April 2025 release" (SIPRI publishes every April the year after the data).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from indicators.importers.model import FileRejected, ImportFormat, ParsedFile, Release
from indicators.problems import Problem

FORMAT_NAME = "sipri-milex"
PUBLISHER = "Stockholm International Peace Research Institute (SIPRI), Military Expenditure Database"
PRODUCT = "sipri-milex"
URL = "https://www.sipri.org/databases/milex"
COUNTRIES = {"Azerbaijan": "AZ", "Russia": "RU"}
NOT_A_FIGURE = {"", "...", ". .", "..", "xxx"}
HEADER_ROWS = 40  # the 'Country' header cell is looked for in column A of the first rows
TITLE_RANGE = re.compile(r"\b(\d{4})-(\d{4})\b")
SNIFF_TEXT = (b"Military expenditure by country", b"SIPRI")
# constant-price base years the catalogue has an indicator for
CONSTANT_INDICATORS = {2022: "arms_milex_constant_2022_usd"}
ROUND_MONEY = Decimal("0.1")
ROUND_SHARE = Decimal("0.01")
NOTE_MONEY = "Rounded to 0.1."
NOTE_SHARE = "Rounded to 0.01 (SIPRI stores a fraction; shown ×100)."


@dataclass(frozen=True)
class Measure:
    """What one data sheet holds, read from its A1 title."""

    indicator: str
    unit: str
    percent: bool  # the sheet stores fractions; the raw rows hold percent


def measure_for(title: str) -> Measure | int | None:
    """The measure a sheet title announces; a constant base year without indicator; None if not kept."""
    t = " ".join(title.split()).lower()
    if not t.startswith("military expenditure by country"):
        return None
    if "current prices" in t and "us$" in t:
        return Measure("arms_milex_current_usd", "USD million", False)
    m = re.search(r"constant \((\d{4})\) us\$", t)
    if m:
        base = int(m.group(1))
        indicator = CONSTANT_INDICATORS.get(base)
        return Measure(indicator, f"USD million (constant {base})", False) if indicator else base
    if "percentage of gross domestic product" in t:
        return Measure("arms_milex_share_gdp", "percent", True)
    return None


def sniff(path: Path, head: bytes) -> bool:
    """True for an xlsx whose text (shared strings, or inline strings of a re-saved copy) has SIPRI's titles."""
    if not head.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        parts = (
            ["xl/sharedStrings.xml"]
            if "xl/sharedStrings.xml" in names
            else [n for n in names if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")]
        )
        return any(all(s in zf.read(part) for s in SNIFF_TEXT) for part in parts)


def _problem(path: Path, sheet: str, row: int, col: int, value: object, rule: str, message: str) -> Problem:
    """A problem at ``sheet``!cell (row and column 1-based; 0 = the whole sheet)."""
    cell = f"{get_column_letter(col)}{row}" if row and col else ""
    where = f"sheet '{sheet}'" + (f" cell {cell}" if cell else "")
    return Problem(path.name, row, where, "" if value is None else str(value), rule, message)


def _read(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's cell values, by sheet name; FileRejected when the file is no readable workbook."""
    if not zipfile.is_zipfile(path):
        raise FileRejected(
            [Problem(path.name, 0, "", "", "milex_xlsx", "not a complete xlsx (zip) file: a truncated download?")]
        )
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise FileRejected(
            [Problem(path.name, 0, "", type(exc).__name__, "milex_xlsx", f"openpyxl cannot read the workbook: {exc}")]
        ) from exc
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def _header(rows: list[tuple[Any, ...]]) -> int | None:
    """0-based index of the row whose column A reads 'Country' (within the first rows)."""
    for i, row in enumerate(rows[:HEADER_ROWS]):
        if row and isinstance(row[0], str) and row[0].strip() == "Country":
            return i
    return None


def _year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 1900 <= value <= 2100:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 4:
        return int(value.strip())
    return None


def _format(value: float | int, percent: bool) -> str:
    """The workbook value in the representation of the rows already in data/raw."""
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        return str((d * 100).quantize(ROUND_SHARE, rounding=ROUND_HALF_UP))
    return str(d.quantize(ROUND_MONEY, rounding=ROUND_HALF_UP))


def sheet_rows(
    path: Path, sheet: str, rows: list[tuple[Any, ...]], measure: Measure
) -> tuple[list[dict[str, str]], list[str]]:
    """The kept countries' figures of one data sheet as ``arms_milex`` rows, and the zero cells left out.

    A 0 in a money sheet is not taken as a figure: for the countries kept SIPRI writes 0 where the
    country's figure does not exist or could not be converted (Russia 1987-1990, before it existed;
    Russia 1992 in current US$, a hyperinflation year that the constant-price sheet does give).
    """
    h = _header(rows)
    if h is None:
        raise FileRejected(
            [_problem(path, sheet, 0, 0, "", "milex_header", f"no 'Country' cell in column A of rows 1-{HEADER_ROWS}")]
        )
    header = rows[h]
    years = {j: y for j, v in enumerate(header) if (y := _year(v)) is not None}
    notes_col = next((j for j, v in enumerate(header) if isinstance(v, str) and v.strip() == "Notes"), None)
    problems: list[Problem] = []
    if not years:
        problems.append(_problem(path, sheet, h + 1, 1, "Country", "milex_header", "the header row has no year column"))
    if len(set(years.values())) != len(years):
        problems.append(_problem(path, sheet, h + 1, 1, "", "milex_header", "a year appears twice in the header"))
    found: dict[str, list[int]] = {name: [] for name in COUNTRIES}
    for i in range(h + 1, len(rows)):
        a = rows[i][0] if rows[i] else None
        if isinstance(a, str) and a.strip() in COUNTRIES:
            found[a.strip()].append(i)
    for name, at in found.items():
        if len(at) != 1:
            where = ", ".join(f"A{i + 1}" for i in at) or "none"
            problems.append(
                _problem(path, sheet, 0, 0, name, "milex_country_row", f"expected one '{name}' row, found {where}")
            )
    if problems:
        raise FileRejected(problems)
    out: list[dict[str, str]] = []
    zeros: list[str] = []
    note_base = NOTE_SHARE if measure.percent else NOTE_MONEY
    for name, (i,) in found.items():
        row = rows[i]
        marks = row[notes_col] if notes_col is not None and notes_col < len(row) else None
        note = note_base if marks in (None, "") else f"{note_base} SIPRI notes {str(marks).strip()} (Footnotes sheet)."
        for j, year in sorted(years.items(), key=lambda kv: kv[1]):
            value = row[j] if j < len(row) else None
            if value is None or (isinstance(value, str) and value.strip() in NOT_A_FIGURE):
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(
                    _problem(path, sheet, i + 1, j + 1, value, "milex_value", "must be a number, '...', 'xxx' or empty")
                )
                continue
            if value == 0 and not measure.percent:
                zeros.append(f"{name} {year} ({get_column_letter(j + 1)}{i + 1})")
                continue
            out.append(
                {
                    "indicator": measure.indicator,
                    "reporter": "SIPRI",
                    "subject": COUNTRIES[name],
                    "period": str(year),
                    "value": _format(value, measure.percent),
                    "unit": measure.unit,
                    "locator": f"sheet '{sheet}', row {name}, column {year}",
                    "confidence": "statistical_review",
                    "note": note,
                }
            )
    if problems:
        raise FileRejected(problems)
    return out, zeros


def release_for(path: Path, title: str, created: str | None) -> Release:
    """The release a workbook belongs to, from its A1 title's year range (``1949-2024`` -> April 2025)."""
    m = TITLE_RANGE.search(title)
    if not m:
        raise FileRejected(
            [Problem(path.name, 1, "A1", title[:80], "milex_title", "the title names no year range (YYYY-YYYY)")]
        )
    first, last = int(m.group(1)), int(m.group(2))
    year = last + 1
    return Release(
        publisher=PUBLISHER,
        product=PRODUCT,
        title=f"SIPRI Military Expenditure Database workbook, {first}-{last}",
        release=f"SIPRI Milex April {year} release (data {first}-{last})",
        generated=created,
        url=URL,
        cite_as=f"SIPRI Military Expenditure Database, April {year} release",
    )


def _created(path: Path) -> str | None:
    """The workbook's creation date (docProps/core.xml), when it states one."""
    with zipfile.ZipFile(path) as zf:
        core = zf.read("docProps/core.xml").decode("utf-8") if "docProps/core.xml" in zf.namelist() else ""
    m = re.search(r"<dcterms:created[^>]*>(\d{4}-\d{2}-\d{2})", core)
    return m.group(1) if m else None


def parse(path: Path) -> ParsedFile:
    """Read a Milex workbook; return Azerbaijan's and Russia's figures as ``arms_milex`` rows."""
    sheets = _read(path)
    chosen: dict[str, list[str]] = {}
    skipped: list[str] = []
    titles: dict[str, str] = {}
    for name, rows in sheets.items():
        a1 = rows[0][0] if rows and rows[0] else None
        measure = measure_for(a1) if isinstance(a1, str) else None
        if isinstance(measure, Measure):
            chosen.setdefault(measure.indicator, []).append(name)
            titles[name] = str(a1)
        elif isinstance(measure, int):
            skipped.append(f"sheet '{name}' (constant {measure} US$): no catalogue indicator for that base year")
    problems: list[Problem] = []
    for indicator in ("arms_milex_current_usd", "arms_milex_share_gdp"):
        if not chosen.get(indicator):
            problems.append(
                Problem(path.name, 0, "", "", "milex_sheet", f"no sheet whose A1 title announces {indicator}")
            )
    for indicator, names in chosen.items():
        if len(names) > 1:
            problems.append(
                Problem(path.name, 0, "", ", ".join(names), "milex_sheet", f"several sheets announce {indicator}")
            )
    if problems:
        raise FileRejected(problems)
    out: list[dict[str, str]] = []
    for (name,) in chosen.values():
        rows = sheets[name]
        measure = measure_for(str(rows[0][0]))
        assert isinstance(measure, Measure)
        kept, zeros = sheet_rows(path, name, rows, measure)
        out += kept
        if zeros:
            skipped.append(f"zero cells of sheet '{name}' (SIPRI's 0 where no figure exists): {', '.join(zeros)}")
    release = release_for(path, titles[chosen["arms_milex_current_usd"][0]], _created(path))
    notes = tuple(
        [f"sheets read: {', '.join(repr(n) for names in chosen.values() for n in names)}"]
        + [f"skipped {s}" for s in skipped]
    )
    frame = pd.DataFrame(out, columns=list(out[0]) if out else None, dtype="str")
    return ParsedFile(FORMAT_NAME, release, {"arms_milex": frame} if out else {}, notes)


FORMAT = ImportFormat(
    name=FORMAT_NAME,
    description="SIPRI Military Expenditure Database workbook (xlsx, one sheet per measure)",
    sniff=sniff,
    parse=parse,
)
