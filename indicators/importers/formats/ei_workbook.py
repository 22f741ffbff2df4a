"""Energy Institute Statistical Review of World Energy: the all-data workbook.

Layout (``EI-Stats-Review-All-Data.xlsx``, 2024 edition): the ``Contents`` sheet
opens with the edition's title (``2024 Energy Institute Statistical Review of
World Energy``). Each data sheet has its title in A1, growth/share labels in
row 2, and in row 3 the unit in A3 (``Million tonnes``) followed by integer
years, then the last year repeated (growth that year), a ``'2013-23'`` text
(10-year growth) and the last year again (share). Sheet names move between
editions and some carry trailing spaces, so sheets are found by a name
pattern and the header by its content. Countries are in column A, mixed with
aggregates; footnotes follow the table (``* Includes crude oil…``).

What is read: Azerbaijan's and the Russian Federation's rows of the sheets
whose indicator and unit the project's catalogue already holds: oil
production in Mt and kb/d, crude and condensate production in kb/d, and gas
production in bcm. Gas here is *marketed* gas (EI: "Excludes gas flared or
recycled"), not the official total; the row's note quotes EI's footnote.
Sheets in exajoules (no EJ unit in the project), NGLs (no indicator) and Bcf
are not read; :data:`NOT_READ` lists them for the report.

Cells: **zero stands for "not applicable"** (EI shows it as ``-``: Azerbaijan
and Russia before 1985, the USSR after), so a 0 gives no row, as do empty
cells, ``n/a`` and ``-``. Values are written as the Statistical Review rows of
``data/raw``: Mt and bcm with 4 decimals (trailing zeros dropped), kb/d with 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from indicators.importers.formats.statfile import (
    cell_ref,
    decimal_text,
    only_row,
    open_workbook,
    problem,
    records,
    reject,
    xlsx_sheet_names,
)
from indicators.importers.model import FileRejected, ImportFormat, ParsedFile, Release
from indicators.problems import Problem

FORMAT_NAME = "ei-sr-workbook"
URL = "https://www.energyinst.org/statistical-review"
COUNTRIES = {"Azerbaijan": "AZ", "Russian Federation": "RU"}
EDITION_RES = (
    re.compile(r"\b(20\d\d)\s+Energy Institute Statistical Review of World Energy", re.IGNORECASE),
    re.compile(r"Energy Institute Statistical Review of World Energy\s+(20\d\d)\b", re.IGNORECASE),
)
NO_FIGURE_TEXT = ("", "-", "n/a")  # EI's "not applicable" / "not available" marks
ROUNDED = "Rounded from the file's value."


@dataclass(frozen=True)
class SheetSpec:
    """One sheet read: how to find it, its unit, and the rows it gives."""

    pattern: re.Pattern[str]
    label: str  # the 2024 edition's sheet name, for messages
    indicator: str
    unit_in_file: str
    unit: str
    decimals: int
    keep_zeros: bool
    note: str
    required: bool


def _spec(
    pattern: str, label: str, indicator: str, units: tuple[str, str], places: int, note: str, *, required: bool = True
) -> SheetSpec:
    """A sheet spec; kb/d (1 decimal) keeps trailing zeros like the Statistical Review rows of data/raw."""
    return SheetSpec(re.compile(pattern, re.IGNORECASE), label, indicator, *units, places, places == 1, note, required)


SHEETS = (
    _spec(
        r"^oil production\s*-\s*tonnes$", "Oil Production - tonnes", "energy_oil_production_mt",
        ("Million tonnes", "million tonnes"), 4,
        "Million tonnes; crude oil, shale oil, oil sands, condensates and NGLs.",
    ),
    _spec(
        r"^oil production\s*-\s*barrels$", "Oil Production - barrels", "energy_oil_production_kbd",
        ("Thousand barrels daily", "thousand barrels/day"), 1,
        "Thousand barrels per day; crude oil, shale oil, oil sands, condensates and NGLs.",
    ),
    _spec(
        r"^crude\s*\+\s*cond(ensates?)?\s+production\s*-\s*barrels$", "Crude+cond production - barrels",
        "energy_crude_condensate_production_kbd", ("Thousand barrels daily", "thousand barrels/day"), 1,
        "Crude oil and condensate only (NGLs excluded).", required=False,  # without it: still oil and gas
    ),
    _spec(
        r"^gas production\s*-\s*bcm$", "Gas Production - Bcm", "energy_gas_production_marketed_bcm",
        ("Billion cubic metres", "bcm"), 4,
        "Marketed natural gas production (flared and reinjected gas excluded); not the official total output.",
    ),
)  # fmt: skip
NOT_READ = (
    "Gas Production - EJ and Oil/Gas Consumption - EJ: the project has no EJ unit (its EI energy series are TWh "
    "from OWID's processing)",
    "NGLs production - barrels: the catalogue has no NGL indicator",
    "Gas Production - Bcf: the project keeps gas in bcm",
)
Rows = list[tuple[object, ...]]


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


def _year(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return value
    if isinstance(value, str) and re.fullmatch(r"(19|20)\d\d", value.strip()):
        return int(value)
    return None


def sniff(path: Path, head: bytes) -> bool:
    """An .xlsx with a sheet named like ``Oil Production - tonnes`` or ``Gas Production - Bcm``."""
    names = [" ".join(n.split()) for n in xlsx_sheet_names(path, head) or []]
    return any(spec.pattern.match(n) for n in names for spec in SHEETS if spec.required)


def read_edition(path: Path, rows: Rows) -> int:
    """The edition year from the Contents sheet's title."""
    for row in rows[:20]:
        for value in row:
            if isinstance(value, str):
                for pattern in EDITION_RES:
                    if match := pattern.search(value):
                        return int(match.group(1))
    first = next((str(v) for row in rows[:20] for v in row if v not in (None, "")), "")
    raise reject(
        path, 1, "'Contents'", first, "ei_edition",
        "no 'YYYY Energy Institute Statistical Review of World Energy' title in the Contents sheet",
    )  # fmt: skip


def read_header(path: Path, sheet: str, rows: Rows, spec: SheetSpec) -> tuple[int, dict[int, int]]:
    """The header row (0-based) and {column index: year} of the yearly columns (growth/share columns left out)."""
    found: list[tuple[int, dict[int, int]]] = []
    for r, row in enumerate(rows[:15]):
        years: dict[int, int] = {}
        for c, value in enumerate(row[1:], start=1):
            year = _year(value)
            if year is None or (years and year <= max(years.values())):
                break  # the repeated last year opens the growth and share columns
            years[c] = year
        if len(years) >= 2 and isinstance(row[0], str):
            found.append((r, years))
    if not found:
        raise reject(path, 0, f"'{sheet}'", "", "ei_header", "no header row (unit in column A, then years)")
    if len(found) > 1:
        rows_text = ", ".join(str(r + 1) for r, _ in found)
        raise reject(
            path, found[1][0] + 1, f"'{sheet}'", f"rows {rows_text}", "ei_header_once", "the header row is repeated"
        )
    r, years = found[0]
    if _norm(rows[r][0]) != _norm(spec.unit_in_file):
        raise reject(
            path, r + 1, cell_ref(sheet, r + 1, 1), rows[r][0], "ei_unit", f"expected the unit '{spec.unit_in_file}'"
        )
    return r, years


def footnote(rows: Rows, start: int) -> str:
    """EI's definition: the first footnote starting with '*' below the table, or ''."""
    for row in rows[start:]:
        text = str(row[0]).strip() if row and isinstance(row[0], str) else ""
        if text.startswith("*"):
            return " ".join(text.lstrip("* ").split())
    return ""


def sheet_rows(path: Path, sheet: str, rows: Rows, spec: SheetSpec) -> tuple[list[dict[str, str]], int, list[Problem]]:
    """The Azerbaijan/Russia rows of one sheet, the count of zero cells skipped, and bad cells."""
    header, years = read_header(path, sheet, rows, spec)
    names = [str(row[0]).strip() if row and isinstance(row[0], str) else "" for row in rows]
    definition = footnote(rows, header + 1)
    note = f"{spec.note} EI's footnote: '{definition}' {ROUNDED}" if definition else f"{spec.note} {ROUNDED}"
    out: list[dict[str, str]] = []
    problems: list[Problem] = []
    zeros = 0
    for name, code in COUNTRIES.items():
        matches = [r for r in range(header + 1, len(rows)) if names[r] == name]
        r = only_row(path, sheet, matches, name, "ei_country_row", "row")
        for c, year in years.items():
            value = rows[r][c] if c < len(rows[r]) else None
            if value is None or (isinstance(value, str) and value.strip().casefold() in NO_FIGURE_TEXT):
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(
                    problem(path, r + 1, cell_ref(sheet, r + 1, c + 1), value, "ei_value", "expected a number")
                )
                continue
            if value == 0:
                zeros += 1  # EI's zero means "not applicable" (shown as '-'), never a measured nil
                continue
            out.append(
                {
                    "indicator": spec.indicator,
                    "reporter": "EI",
                    "subject": code,
                    "period": str(year),
                    "value": decimal_text(float(value), spec.decimals, keep_zeros=spec.keep_zeros),
                    "unit": spec.unit,
                    "locator": f"sheet '{sheet}', row '{name}' (sheet row {r + 1}), year column {year}",
                    "confidence": "statistical_review",
                    "note": note,
                }
            )
    return out, zeros, problems


def find_sheets(path: Path, names: list[str]) -> dict[SheetSpec, str]:
    """{spec: sheet name as in the file}; rejects a missing required sheet or an ambiguous match."""
    found: dict[SheetSpec, str] = {}
    for spec in SHEETS:
        match = [n for n in names if spec.pattern.match(" ".join(n.split()))]
        if len(match) > 1 or (spec.required and not match):
            raise reject(
                path, 0, "sheets", ", ".join(names)[:80], "ei_sheets",
                f"expected one sheet named like '{spec.label}', found {len(match)}",
            )  # fmt: skip
        if match:
            found[spec] = match[0]
    return found


def parse(path: Path) -> ParsedFile:
    """Read the edition and the production sheets; reject the file on a layout defect or a bad cell."""
    workbook = open_workbook(path, read_only=True)
    try:
        contents = next((n for n in workbook.sheetnames if _norm(n) == "contents"), None)
        if contents is None:
            raise reject(path, 0, "sheets", ", ".join(workbook.sheetnames)[:80], "ei_sheets", "no 'Contents' sheet")
        edition = read_edition(path, [tuple(r) for r in workbook[contents].iter_rows(max_row=20, values_only=True)])
        found = find_sheets(path, list(workbook.sheetnames))
        sheets = {spec: [tuple(r) for r in workbook[name].iter_rows(values_only=True)] for spec, name in found.items()}
    finally:
        workbook.close()
    rows: list[dict[str, str]] = []
    problems: list[Problem] = []
    zeros = 0
    last_year = 0
    for spec, sheet in found.items():
        sheet_out, sheet_zeros, sheet_problems = sheet_rows(path, sheet, sheets[spec], spec)
        rows += sheet_out
        zeros += sheet_zeros
        problems += sheet_problems
        last_year = max([last_year, *(int(r["period"]) for r in sheet_out)])
    if problems:
        raise FileRejected(problems)
    release = Release(
        publisher=f"Energy Institute, Statistical Review of World Energy {edition}",
        product="ei-sr",
        title=f"Statistical Review of World Energy {edition}, all-data workbook",
        release=f"EI Statistical Review {edition} (data to {last_year})",
        generated=None,
        url=URL,
        cite_as=f"Energy Institute Statistical Review of World Energy {edition}",
    )
    notes = (
        f"Edition {edition} read from the Contents sheet's title.",
        f"{zeros} zero cell(s) of Azerbaijan/Russia skipped: EI's 0 means 'not applicable'.",
        *(f"Not read: {text}." for text in NOT_READ),
        *(f"Sheet '{spec.label}' not found: its series is not imported." for spec in SHEETS if spec not in found),
    )
    return ParsedFile(FORMAT_NAME, release, {"energy": records(rows)}, notes)


FORMAT = ImportFormat(
    name=FORMAT_NAME,
    description="Energy Institute Statistical Review of World Energy: all-data workbook (.xlsx)",
    sniff=sniff,
    parse=parse,
)
