"""IMF Direction of Trade Statistics (DOTS): the annual Excel export of one reporter.

Layout (IMF data portal export, e.g. ``DOTS_13.xlsx``): sheets ``Exports, FOB``
and ``Imports, CIF``; column A is an empty spacer; above the header, column B
holds the title (``Exports, FOB to Partner Countries``), the reporter's name
(``Azerbaijan, Rep. of``) and the unit (``US Dollars, Millions``). The header
row is found by its content: years written as text (``'1992'``) right of an
empty label cell. Partner names are in the label column; countries and area
aggregates are mixed and not in order.

What is read: the reporter's own flows with the world and with the other
country of the project (Russia for an Azerbaijani file, Azerbaijan for a
Russian one), as ``trade_series`` rows with the indicator ids, reporter codes,
unit, locator and note of the DOTS rows already in ``data/raw``.

Cells: a float is a figure; an empty cell is no figure (no row); a text cell
``'5.46 e'`` is an IMF estimate: the number is kept and the note says the file
marks it as an estimate. Any other text is a rejected cell. Values are written
with 4 decimals (trailing zeros dropped), the representation of the DOTS rows
in ``data/raw``; the workbook displays 2.

The file names no IMF code and carries no date: the release says "download
date unknown" unless the command is given ``--release``.
"""

from __future__ import annotations

import re
from pathlib import Path

from indicators.importers.formats import statfile
from indicators.importers.formats.statfile import cell_ref, decimal_text, only_row, open_workbook, problem, reject
from indicators.importers.model import FileRejected, ImportFormat, ParsedFile, Release
from indicators.problems import Problem

FORMAT_NAME = "imf-dots-xlsx"
PUBLISHER = "International Monetary Fund (IMF), Direction of Trade Statistics (DOTS)"
URL = "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85"
CITE_AS = "IMF, Direction of Trade Statistics"
UNIT_IN_FILE = "US Dollars, Millions"
UNIT = "USD million"
DECIMALS = 4
# sheet key -> (name pattern, title prefix, flow words of the note)
SHEETS = {
    "exports": (re.compile(r"^exports\s*,?\s*fob$", re.IGNORECASE), "Exports", "exports FOB to"),
    "imports": (re.compile(r"^imports\s*,?\s*cif$", re.IGNORECASE), "Imports", "imports CIF from"),
}
# how DOTS names the two countries (the portal's style first)
COUNTRY_NAMES = {
    "AZ": ("azerbaijan, rep. of", "azerbaijan", "azerbaijan, republic of", "republic of azerbaijan"),
    "RU": ("russian federation", "russia"),
}
COUNTRY_LABEL = {"AZ": "Azerbaijan", "RU": "Russia"}
PRODUCT = {"AZ": "imf-dots-aze", "RU": "imf-dots-rus"}
TITLE_NAME = {"AZ": "Azerbaijan", "RU": "Russian Federation"}
# (reporter, sheet, partner is the world) -> indicator
INDICATORS = {
    ("AZ", "exports", False): "trade_az_to_ru",
    ("AZ", "imports", False): "trade_ru_to_az",
    ("AZ", "exports", True): "trade_az_world_exports",
    ("AZ", "imports", True): "trade_az_world_imports",
    ("RU", "exports", False): "trade_ru_to_az",
    ("RU", "imports", False): "trade_az_to_ru",
    ("RU", "exports", True): "trade_ru_world_exports",
    ("RU", "imports", True): "trade_ru_world_imports",
}
NOTE_TAIL = " Later DOTS vintages may revise it; IMF may fill non-reported cells with estimates."
ESTIMATE_RE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*e$")
YEAR_RE = re.compile(r"^(19|20)\d\d$")
SUB_ANNUAL_RE = re.compile(r"^(19|20)\d\d\s*(Q[1-4]|M\d\d|[A-Z][a-z]{2})$")  # 2020Q1, 2020M01, 2020 Jan
Rows = list[tuple[object, ...]]


def _year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return int(value) if YEAR_RE.match(str(int(value))) else None
    if isinstance(value, str) and YEAR_RE.match(value.strip()):
        return int(value.strip())
    return None


def _country(name: object) -> str | None:
    text = " ".join(str(name).split()).casefold() if isinstance(name, str) else ""
    return next((code for code, names in COUNTRY_NAMES.items() if text in names), None)


def sniff(path: Path, head: bytes) -> bool:
    """An .xlsx with a sheet named like ``Exports, FOB`` or ``Imports, CIF``."""
    names = statfile.xlsx_sheet_names(path, head) or []
    return any(pattern.match(n.strip()) for n in names for pattern, _, _ in SHEETS.values())


def find_header(path: Path, sheet: str, rows: Rows) -> tuple[int, int, dict[int, int]]:
    """The header row (0-based), its label column and {column index: year}; rejects none or several."""
    found: list[tuple[int, int, dict[int, int]]] = []
    for r, row in enumerate(rows):
        filled = [(c, v) for c, v in enumerate(row) if v not in (None, "")]
        years = {c: y for c, v in filled if (y := _year(v)) is not None}
        # a header: only years, right of an empty label cell (a data row names its partner there)
        if years and len(years) == len(filled):
            found.append((r, min(years) - 1, years))
    if not found:
        sub_annual = next(
            (v for row in rows for v in row if isinstance(v, str) and SUB_ANNUAL_RE.match(v.strip())), None
        )
        if sub_annual is not None:
            raise reject(
                path, 0, f"'{sheet}'", sub_annual, "dots_annual_only",
                "a quarterly or monthly export: the project keeps annual DOTS series only (part years never join them)",
            )  # fmt: skip
        raise reject(path, 0, f"'{sheet}'", "", "dots_header", f"no header row of years in sheet '{sheet}'")
    if len(found) > 1:
        where = ", ".join(str(r + 1) for r, _, _ in found)
        raise reject(
            path, found[1][0] + 1, f"'{sheet}'", f"rows {where}", "dots_header_once",
            f"the year header row appears {len(found)} times in sheet '{sheet}'",
        )  # fmt: skip
    r, label, years = found[0]
    seen: dict[int, int] = {}
    for c, y in years.items():
        if y in seen:
            raise reject(path, r + 1, f"'{sheet}'", y, "dots_years_unique", f"year {y} repeats in the header row")
        seen[y] = c
    if label < 0:
        raise reject(path, r + 1, f"'{sheet}'", "", "dots_label_column", "no partner column left of the years")
    return r, label, years


def read_preamble(path: Path, sheet: str, rows: Rows, header: int, label: int, key: str) -> str:
    """Check title and unit above the header; return the reporter's name as written."""
    texts = [
        (r, row[label]) for r, row in enumerate(rows[:header]) if label < len(row) and row[label] not in (None, "")
    ]
    if len(texts) != 3:
        found = "; ".join(f"row {r + 1}: {v!r}" for r, v in texts)
        raise reject(
            path, header, f"'{sheet}'", found, "dots_preamble",
            "expected title, reporter and unit (three cells) above the header in the partner column",
        )  # fmt: skip
    (tr, title), (_, reporter), (ur, unit) = texts
    prefix = SHEETS[key][1]
    if not str(title).strip().startswith(prefix):
        raise reject(path, tr + 1, f"'{sheet}'", title, "dots_title", f"the sheet title should start '{prefix}'")
    if " ".join(str(unit).split()) != UNIT_IN_FILE:
        raise reject(path, ur + 1, f"'{sheet}'", unit, "dots_unit", f"expected the unit '{UNIT_IN_FILE}'")
    return str(reporter).strip()


def cell_value(value: object) -> tuple[str, bool] | None:
    """(number text, is an IMF estimate) of a data cell, None for an empty cell; ValueError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return decimal_text(float(value), DECIMALS), False
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            return decimal_text(float(text), DECIMALS), False
        if match := ESTIMATE_RE.match(text):
            return decimal_text(float(match.group(1)), DECIMALS), True
    raise ValueError(value)


def note_for(reporter: str, key: str, world: bool, estimate_text: str | None) -> str:
    """The project's note of a DOTS row (the estimate mark appended when the cell is an estimate)."""
    partner = "the world" if world else COUNTRY_LABEL["RU" if reporter == "AZ" else "AZ"]
    note = f"{COUNTRY_LABEL[reporter]}'s own {SHEETS[key][2]} {partner}, as reported to the IMF.{NOTE_TAIL}"
    if estimate_text is not None:
        note += f" The file marks this figure as an IMF estimate (cell text '{estimate_text}')."
    return note


def sheet_rows(
    path: Path, sheet: str, rows: Rows, key: str
) -> tuple[str, dict[bool, list[dict[str, str]]], list[Problem]]:
    """The reporter's code, the rows of one sheet by partner (world: True) and its bad cells."""
    header, label, years = find_header(path, sheet, rows)
    reporter_name = read_preamble(path, sheet, rows, header, label, key)
    reporter = _country(reporter_name)
    if reporter is None:
        raise reject(
            path, 0, f"'{sheet}'", reporter_name, "dots_reporter",
            "the reporter is neither Azerbaijan nor Russia; the project keeps only their own reports",
        )  # fmt: skip
    partner_code = "RU" if reporter == "AZ" else "AZ"
    out: dict[bool, list[dict[str, str]]] = {False: [], True: []}
    problems: list[Problem] = []
    names = [str(row[label]).strip() if label < len(row) and isinstance(row[label], str) else "" for row in rows]
    for world in (False, True):
        matches = [
            r for r in range(header + 1, len(rows))
            if (names[r].casefold() == "world" if world else _country(names[r]) == partner_code)
        ]  # fmt: skip
        wanted = "World" if world else COUNTRY_LABEL[partner_code]
        r = only_row(path, sheet, matches, wanted, "dots_partner_row", "partner row")
        name = names[r]
        for c, year in sorted(years.items(), key=lambda item: item[1]):
            raw = rows[r][c] if c < len(rows[r]) else None
            try:
                parsed = cell_value(raw)
            except ValueError:
                where = cell_ref(sheet, r + 1, c + 1)
                problems.append(problem(path, r + 1, where, raw, "dots_value", "expected a number or 'n.nn e'"))
                continue
            if parsed is None:
                continue
            text, estimate = parsed
            out[world].append(
                {
                    "indicator": INDICATORS[(reporter, key, world)],
                    "reporter": reporter,
                    "subject": "",
                    "period": str(year),
                    "value": text,
                    "unit": UNIT,
                    "locator": f"sheet '{sheet}', partner row '{name}' (sheet row {r + 1}), year column {year}",
                    "confidence": "official",
                    "note": note_for(reporter, key, world, str(raw).strip() if estimate else None),
                }
            )
    return reporter, out, problems


def parse(path: Path) -> ParsedFile:
    """Read both sheets of a DOTS export; reject the file on the first layout defect or any bad cell."""
    workbook = open_workbook(path, read_only=True)
    try:
        names = {n.strip(): n for n in workbook.sheetnames}
        found: dict[str, str] = {}
        for key, (pattern, _, _) in SHEETS.items():
            match = [n for stripped, n in names.items() if pattern.match(stripped)]
            if len(match) != 1:
                raise reject(
                    path, 0, "sheets", ", ".join(workbook.sheetnames), "dots_sheets",
                    f"expected one sheet named like '{'Exports, FOB' if key == 'exports' else 'Imports, CIF'}'",
                )  # fmt: skip
            found[key] = match[0]
        all_rows = {
            key: [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)] for key, sheet in found.items()
        }
    finally:
        workbook.close()
    reporters: set[str] = set()
    problems: list[Problem] = []
    partner_rows: list[dict[str, str]] = []
    world_rows: list[dict[str, str]] = []
    for key, sheet in found.items():
        reporter, rows, sheet_problems = sheet_rows(path, sheet, all_rows[key], key)
        reporters.add(reporter)
        problems += sheet_problems
        partner_rows += rows[False]
        world_rows += rows[True]
    if problems:
        raise FileRejected(problems)
    if len(reporters) != 1:
        raise reject(
            path, 0, "sheets", ", ".join(sorted(reporters)), "dots_reporter", "the sheets name different reporters"
        )
    table = partner_rows + world_rows  # the order of the DOTS rows in data/raw
    reporter = reporters.pop()
    years = sorted({int(r["period"]) for r in table})
    estimates = sum("IMF estimate" in r["note"] for r in table)
    release = Release(
        publisher=PUBLISHER,
        product=PRODUCT[reporter],
        title=f"DOTS country workbook for {TITLE_NAME[reporter]}: exports FOB and imports CIF by partner, annual",
        release=f"DOTS export, download date unknown (annual data to {years[-1]})"
        if years
        else "DOTS export, download date unknown",
        generated=None,
        url=URL,
        cite_as=CITE_AS,
        dated=False,
    )
    notes = (
        "The DOTS export carries no date and no IMF country code: pass --release with the download date "
        "(e.g. 'DOTS export of 2022-02 (annual data to 2020)').",
        f"Values written with {DECIMALS} decimals (the workbook shows 2), as the DOTS rows of data/raw.",
        f"{estimates} figure(s) marked by the IMF as estimates (' e' cells); their note says so.",
    )
    return ParsedFile(
        format_name=FORMAT_NAME, release=release, tables={"trade_series": statfile.records(table)}, notes=notes
    )


FORMAT = ImportFormat(
    name=FORMAT_NAME,
    description="IMF Direction of Trade Statistics: annual Excel export of one reporter (Exports, FOB / Imports, CIF)",
    sniff=sniff,
    parse=parse,
)
