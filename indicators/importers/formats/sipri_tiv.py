"""SIPRI Arms Transfers Database TIV tables (legacy armstrade.sipri.org site and current portal).

Two layouts, one parser:

* legacy (``TIV-Export-RUS-1950-2021.csv``): comma-padded preamble, title
  ``"TIV of arms exports from Russia, 1950-2021"`` (exporter view: rows are
  recipients) or ``"... to all, ..."`` / ``"... to Azerbaijan, ..."``
  (importer view: rows are recipients, resp. suppliers), ``Generated: 28 July
  2022``, a header with an empty first cell, years, ``Total``; a ``Total`` row last.
* current portal (``import-export-values_1950-2024.csv``): title ``Volume of
  transfers of major arms`` (no selection named), ``Data generated: 13 Oct
  2024 12:33:29 PM``, header ``Recipient`` or ``Exports by``, years, a range
  column and percentages; ``0 `` with a trailing space; a ``Total world ...`` row last.

The header is found by its content (a row with year cells), years are read
from it, and the release from the generation date: SIPRI updates the
database every March, so a table generated in March of year Y or later
belongs to the "March Y update (data to Y-1)". ``0`` stays ``0`` (SIPRI: less
than 0.5); an empty cell produces no row.

Rows kept (``arms_tiv_to_az``, the only TIV indicator of ``catalogue.csv``):
exporter view "from X" -> the Azerbaijan row, subject X; importer view "to
all" (rows are recipients) / portal ``Recipient`` -> the Azerbaijan row,
subject ``all suppliers`` (the portal table does not name its supplier
selection; read as all suppliers, as its ``Total world import`` row shows).
The portal's ``Exports by`` view does not name its recipient selection, so
nothing in it is mapped.
Totals (the ``Total`` column and rows) are not imported: the build derives sums.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from indicators.importers.formats import _sipri_csv as sc
from indicators.importers.model import FileRejected, ImportFormat, ParsedFile, Release
from indicators.problems import Problem
from indicators.vocab import SIPRI_SUPPLIER_NAMES

PUBLISHER, PRODUCT, URL = sc.PUBLISHER, sc.PRODUCT, sc.URL
INDICATOR, UNIT, ALL_SUPPLIERS = "arms_tiv_to_az", "TIV million", "all suppliers"
NOTE = "As printed by SIPRI: whole numbers, 0 means less than 0.5."
NOTE_TOTAL = "SIPRI's own importer total across all suppliers."

LEGACY_TITLE = re.compile(r"^TIV of arms exports (from|to) (.+?), (\d{4})-(\d{4})$")
PORTAL_TITLE = "Volume of transfers of major arms"
LEGACY_DATE = re.compile(r"^Generated: (\d{1,2} [A-Za-z]+ \d{4})\s*$")
PORTAL_DATE = re.compile(r"^Data generated: (\d{1,2} [A-Za-z]+\.? \d{4})\b")
YEAR = re.compile(r"^\d{4}$")
INTEGER = re.compile(r"^\d+$")
AZERBAIJAN = "Azerbaijan"


@dataclass(frozen=True)
class Table:
    """The located parts of one TIV table."""

    layout: str  # "legacy" or "portal"
    view: str  # "from <supplier>", "to all", "to <recipient>", "Recipient", "Exports by"
    generated: dt.date
    header_line: int
    years: dict[int, int]  # column index -> year
    width: int
    rows: list[tuple[int, list[str]]]  # (physical line, cells) of the data rows, totals excluded


def _text(data: bytes) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # legacy tables may carry Latin-1 names (Côte d'Ivoire)


def _first_lines(head: bytes, n: int = 12) -> list[str]:
    return [line.rstrip("\r").rstrip(",").strip() for line in _text(head).split("\n")[:n]]


def sniff(path: Path, head: bytes) -> bool:
    """True when the first lines carry a SIPRI TIV table title and its generation line."""
    lines = _first_lines(head)
    if not lines:
        return False
    title = lines[0].strip('"')
    legacy = bool(LEGACY_TITLE.match(title)) and any(LEGACY_DATE.match(x) for x in lines)
    portal = title == PORTAL_TITLE and any(PORTAL_DATE.match(x) for x in lines)
    return legacy or portal


def _problem(path: Path, line: int, value: str, rule: str, message: str, column: str = "") -> Problem:
    return Problem(path.name, line, column, value, rule, message)


def _is_header(row: list[str]) -> bool:
    """A header holds a run of at least three consecutive years (data rows never do)."""
    years = [int(c) for c in row[1:] if YEAR.match(c.strip()) and 1900 <= int(c) <= 2100]
    return len(years) >= 3 and all(b == a + 1 for a, b in itertools.pairwise(years))


def _header_index(rows: list[list[str]]) -> list[int]:
    """Indexes of the rows that look like a header."""
    return [i for i, r in enumerate(rows) if _is_header(r)]


def _parse_date(text: str) -> dt.date:
    """``13 Oct 2024``, ``13 Sept. 2024`` or ``28 July 2022``; ValueError otherwise."""
    day, month, year = text.replace(".", "").split()
    for fmt in ("%d %b %Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(f"{day} {month[:3] if fmt == '%d %b %Y' else month} {year}", fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def locate(path: Path, text: str) -> Table:
    """Find title, generation date, header and data rows; raise FileRejected on any layout defect."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    if not rows:
        raise FileRejected([_problem(path, 0, "", "file_empty", "the file is empty")])
    title = rows[0][0].strip() if rows[0] else ""
    m = LEGACY_TITLE.match(title)
    layout = "legacy" if m else "portal" if title == PORTAL_TITLE else ""
    if not layout:
        raise FileRejected([_problem(path, 1, title[:80], "tiv_title", "line 1 is not a SIPRI TIV table title")])
    view = f"{m.group(1)} {m.group(2)}" if m else ""
    date_re = LEGACY_DATE if m else PORTAL_DATE
    generated: dt.date | None = None
    headers = _header_index(rows)
    first_header = headers[0] if headers else len(rows)
    for i, r in enumerate(rows[:first_header]):
        dm = date_re.match(r[0].strip()) if r else None
        if dm:
            try:
                generated = _parse_date(dm.group(1))
            except ValueError:
                raise FileRejected(
                    [_problem(path, i + 1, r[0], "tiv_generated_date", "the generation date is not a date")]
                ) from None
    problems: list[Problem] = []
    if generated is None:
        problems.append(
            _problem(path, 0, "", "tiv_generated_date", "no 'Generated:' / 'Data generated:' line in the preamble")
        )
    if not headers:
        problems.append(_problem(path, 0, "", "tiv_header", "no header row with year columns was found"))
    for extra in headers[1:]:
        problems.append(
            _problem(path, extra + 1, ",".join(rows[extra][:3]), "tiv_header_once", "the header row appears again")
        )
    if problems:
        raise FileRejected(problems)
    assert generated is not None
    header = rows[first_header]
    first = header[0].strip()
    if layout == "portal":
        if first not in ("Recipient", "Exports by"):
            raise FileRejected(
                [_problem(path, first_header + 1, first, "tiv_header", "first header cell is not Recipient/Exports by")]
            )
        view = first
    elif first:
        raise FileRejected(
            [_problem(path, first_header + 1, first, "tiv_header", "legacy header must start with an empty cell")]
        )
    years = {j: int(c) for j, c in enumerate(header) if YEAR.match(c.strip())}
    if len(set(years.values())) != len(years):
        raise FileRejected(
            [_problem(path, first_header + 1, "", "tiv_header_years", "a year column appears twice in the header")]
        )
    data, total_seen = _data_rows(path, rows, first_header, layout, len(header))
    if not total_seen:
        last = len(rows)
        expected = "Total" if layout == "legacy" else "Total world import/export"
        raise FileRejected(
            [_problem(path, last, "", "tiv_truncated", f"the file ends before the '{expected}' row: truncated?")]
        )
    return Table(layout, view, generated, first_header + 1, years, len(header), data)


def _data_rows(
    path: Path, rows: list[list[str]], header: int, layout: str, width: int
) -> tuple[list[tuple[int, list[str]]], bool]:
    data: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    for i in range(header + 1, len(rows)):
        r = rows[i]
        name = r[0].strip() if r else ""
        if not any(c.strip() for c in r):
            continue
        if len(r) != width:
            last = not any(any(c.strip() for c in later) for later in rows[i + 1 :])
            rule, why = ("tiv_truncated", "the file ends inside this row: truncated download?") if last else ("", "")
            problems.append(
                _problem(
                    path,
                    i + 1,
                    name,
                    rule or "tiv_row_width",
                    f"row has {len(r)} fields, the header has {width}" + (f"; {why}" if why else ""),
                )
            )
            continue
        if (layout == "legacy" and name == "Total") or name.startswith("Total world"):
            if problems:
                raise FileRejected(problems)
            return data, True
        data.append((i + 1, r))
    if problems:
        raise FileRejected(problems)
    return data, False


def release_for(generated: dt.date) -> tuple[int, str]:
    """The March update a table generated on ``generated`` belongs to, and its edition text."""
    update = generated.year if generated.month >= 3 else generated.year - 1
    return update, f"SIPRI Arms Transfers Database, March {update} update (data to {update - 1})"


def _subject_and_rows(table: Table) -> tuple[str, str, list[tuple[int, list[str]]]]:
    """(view description, subject, rows to keep): the Azerbaijan row, when the view has recipient rows."""
    az = [(n, r) for n, r in table.rows if r[0].strip() == AZERBAIJAN]
    if table.view.startswith("from ") and table.view != "from all":
        supplier = table.view[len("from ") :]
        return f"exporter table of {supplier}", SIPRI_SUPPLIER_NAMES.get(supplier, supplier), az
    if table.view.startswith(("to ", "from all")) or table.view == "Recipient":
        return "importer table", ALL_SUPPLIERS, az
    return "", "", []


def to_rows(path: Path, table: Table) -> pd.DataFrame:
    """The kept rows in the arms_tiv raw columns (minus record_id and source_id)."""
    described, subject, kept = _subject_and_rows(table)
    out: list[dict[str, str]] = []
    problems: list[Problem] = []
    for line, cells in kept:
        name = cells[0].strip()
        for j, year in table.years.items():
            raw = cells[j]
            value = raw.strip()
            if not value:
                continue
            if not INTEGER.match(value):
                problems.append(
                    _problem(path, line, raw, "tiv_integer", "a TIV cell must be a whole number or empty", str(year))
                )
                continue
            out.append(
                {
                    "indicator": INDICATOR,
                    "reporter": "SIPRI",
                    "subject": subject,
                    "period": str(year),
                    "value": str(int(value)),
                    "unit": UNIT,
                    "locator": f"file {path.name}, {described}, row {name}, column {year}",
                    "confidence": "statistical_review",
                    "note": NOTE_TOTAL if subject == ALL_SUPPLIERS else NOTE,
                }
            )
    if problems:
        raise FileRejected(problems)
    return pd.DataFrame(out, columns=list(out[0]) if out else None)


def parse(path: Path) -> ParsedFile:
    """Read a TIV table and return its Azerbaijan rows as ``arms_tiv`` rows."""
    table = locate(path, _text(path.read_bytes()))
    update, edition = release_for(table.generated)
    frame = to_rows(path, table)
    late = [int(p) for p in frame.get("period", pd.Series(dtype=str)) if int(p) >= update]
    if late:
        raise FileRejected(
            [
                _problem(
                    path,
                    table.header_line,
                    str(min(late)),
                    "tiv_release_year",
                    f"values for {min(late)} or later contradict the release read from the generation date "
                    f"({edition}); give the release with --release",
                )
            ]
        )
    described, _, _ = _subject_and_rows(table)
    key = "importers" if described == "importer table" else table.view.removeprefix("from ")
    variant = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
    release = Release(
        publisher=PUBLISHER,
        product=PRODUCT,
        title=f"SIPRI Arms Transfers Database: TIV table ({table.layout} layout), {described or table.view}",
        release=edition,
        generated=table.generated.isoformat(),
        url=URL,
        cite_as=f"SIPRI Arms Transfers Database, March {update} update",
        variant=variant,
    )
    notes: list[str] = [f"{table.layout} TIV table, view '{table.view}', header on line {table.header_line}"]
    if not described:
        notes.append(
            f"view '{table.view}' names no recipient selection (or not Azerbaijan): no row is mapped to this project"
        )
    tables = {"arms_tiv": frame} if len(frame) else {}
    return ParsedFile("sipri-tiv", release, tables, tuple(notes))


FORMAT = ImportFormat(
    name="sipri-tiv",
    description="SIPRI Arms Transfers Database TIV table (legacy site or current portal)",
    sniff=sniff,
    parse=parse,
)
