"""bp (later Energy Institute) Statistical Review consolidated dataset, panel format CSV.

Layout (``bp-stats-review-2021-consolidated-dataset-panel-format.csv``): no
preamble; row 1 is the header ``Country,Year,pop,ISO3166_alpha3,…`` followed by
variables with unit suffixes in alphabetical order (``gasprod_bcm``,
``oilprod_kbd``, ``oilprod_mt``, ``oilprod_crudecond_kbd``…); one row per
country and year. Comma delimiter, no quoting, CRLF or LF, UTF-8/ASCII.
Empty = missing (no row). Values are full-precision decimals, sometimes in
scientific notation (``3.94E-12``).

What is read: Azerbaijan's and the Russian Federation's production series the
project already holds for this product in ``data/raw/energy.csv`` (oil in Mt
and kb/d, crude and condensate in kb/d, marketed gas in bcm), with the
indicator ids, reporter, unit and notes of those rows. Values are written as
those rows write them: Mt and bcm with 4 decimals (trailing zeros dropped),
kb/d with 1 decimal (kept, ``6110.0``; their note says "Rounded from the file's
value"). The locator names this file's line and column.

The file names no edition. The Statistical Review of year N covers data to
N-1, so the edition is the last data year + 1; editions from 2023 on are the
Energy Institute's (reporter ``EI``), earlier ones bp's (reporter ``BP``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from indicators.importers.formats.statfile import decimal_text, problem, read_text, records, reject
from indicators.importers.model import FileRejected, ImportFormat, ParsedFile, Release
from indicators.problems import Problem

FORMAT_NAME = "sr-panel-csv"
FIRST_EI_EDITION = 2023  # the Energy Institute took the Statistical Review over from bp in 2023
COUNTRIES = {"Azerbaijan": "AZ", "Russian Federation": "RU", "Russia": "RU"}
# column -> (indicator, unit, decimals, keep trailing zeros, note): the bp-sr-2021 rows of data/raw
SERIES = {
    "oilprod_mt": (
        "energy_oil_production_mt", "million tonnes", 4, False,
        "Million tonnes; crude oil, shale oil, oil sands, condensates and NGLs.",
    ),
    "oilprod_kbd": (
        "energy_oil_production_kbd", "thousand barrels/day", 1, True,
        "Thousand barrels per day; crude oil, shale oil, oil sands, condensates and NGLs. "
        "Rounded from the file's value.",
    ),
    "gasprod_bcm": (
        "energy_gas_production_marketed_bcm", "bcm", 4, False,
        "Marketed natural gas production (flared and reinjected gas excluded).",
    ),
    "oilprod_crudecond_kbd": (
        "energy_crude_condensate_production_kbd", "thousand barrels/day", 1, True,
        "Crude oil and condensate only (NGLs excluded). Rounded from the file's value.",
    ),
}  # fmt: skip
REQUIRED = ("Country", "Year", "oilprod_mt", "oilprod_kbd", "gasprod_bcm")
NUMBER_RE = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
YEAR_RE = re.compile(r"^\d{4}$")
MISSING = ("", "n/a")  # empty = missing; "n/a" = not available


def sniff(path: Path, head: bytes) -> bool:
    """A CSV whose first line starts ``Country,Year,`` and names ``oilprod_``/``gasprod_`` columns."""
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    fields = first.decode("ascii", errors="replace").split(",")
    return fields[:2] == ["Country", "Year"] and any(f.startswith(("oilprod_", "gasprod_")) for f in fields)


def read_header(path: Path, header: list[str]) -> dict[str, int]:
    """{column name: index}; rejects repeated names and missing required columns."""
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in index:
            raise reject(path, 1, name, name, "panel_header_unique", f"column '{name}' appears twice in the header")
        index[name] = i
    missing = [name for name in REQUIRED if name not in index]
    if missing:
        raise reject(
            path, 1, ", ".join(missing), ",".join(header)[:80], "panel_header",
            f"the header lacks the column(s) {', '.join(missing)}",
        )  # fmt: skip
    return index


def parse_lines(path: Path, lines: list[list[str]]) -> tuple[list[dict[str, str]], int, list[Problem]]:
    """The Azerbaijan/Russia rows, the last data year of the whole file, and the problems met."""
    index = read_header(path, lines[0])
    width = len(lines[0])
    problems: list[Problem] = []
    rows: list[dict[str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    last_year = 0
    for n, fields in enumerate(lines[1:], start=2):
        if not fields:
            continue
        if fields == lines[0]:
            problems.append(problem(path, n, "Year", "Year", "panel_header_once", "the header row is repeated"))
            continue
        if len(fields) != width:
            problems.append(
                problem(path, n, "", f"{len(fields)} fields", "panel_width", f"expected {width} fields as the header")
            )
            continue
        country, year = fields[index["Country"]], fields[index["Year"]]
        if not YEAR_RE.match(year):
            problems.append(problem(path, n, "Year", year, "panel_year", "expected a four-digit year"))
            continue
        last_year = max(last_year, int(year))
        if (country, year) in seen:
            problems.append(
                problem(
                    path, n, "Country", country, "panel_key_unique", f"{year} already at line {seen[country, year]}"
                )
            )
            continue
        seen[country, year] = n
        if country not in COUNTRIES:
            continue
        for column, (indicator, unit, places, keep_zeros, note) in SERIES.items():
            text = fields[index[column]].strip() if column in index else ""
            if text in MISSING:
                continue
            if not NUMBER_RE.match(text):
                problems.append(problem(path, n, column, text, "panel_number", "expected a decimal number or empty"))
                continue
            rows.append(
                {
                    "indicator": indicator,
                    "reporter": "",  # set once the edition is known
                    "subject": COUNTRIES[country],
                    "period": year,
                    "value": decimal_text(float(text), places, keep_zeros=keep_zeros),
                    "unit": unit,
                    "locator": f"row {country} {year} (line {n}), column '{column}'",
                    "confidence": "statistical_review",
                    "note": note,
                }
            )
    return rows, last_year, problems


# the panel CSV is one of an edition's files (the all-data workbook is another): its source id ends "-panel"
PANEL = "panel"


def release_for(edition: int, last_year: int) -> Release:
    """The bp (to 2022) or Energy Institute (from 2023) release of an edition."""
    ei = edition >= FIRST_EI_EDITION
    publisher, short = ("Energy Institute", "EI") if ei else ("BP p.l.c.", "BP")
    return Release(
        publisher=f"{publisher}, Statistical Review of World Energy {edition}",
        product="ei-sr" if ei else "bp-sr",
        title=f"Statistical Review of World Energy {edition}, consolidated dataset (panel format)",
        release=f"{short} Statistical Review {edition} (data to {last_year})",
        generated=None,
        url="https://www.energyinst.org/statistical-review"
        if ei
        else "https://www.bp.com/en/global/corporate/energy-economics/statistical-review-of-world-energy.html",
        cite_as=f"{'Energy Institute' if ei else 'BP'} Statistical Review of World Energy {edition}",
        variant=PANEL,
    )


def parse(path: Path) -> ParsedFile:
    """Read the panel CSV; reject it on an encoding, header, width, year or number defect."""
    text = read_text(path)
    lines = list(csv.reader(text.splitlines()))
    if not lines or not sniff(path, ",".join(lines[0]).encode()):
        first = ",".join(lines[0])[:80] if lines else ""
        raise reject(
            path, 1, "", first, "panel_header", "expected a header starting 'Country,Year,' with oilprod_ columns"
        )
    rows, last_year, problems = parse_lines(path, lines)
    if problems:
        raise FileRejected(problems)
    if not last_year:
        raise reject(path, 0, "", "", "panel_rows", "the file has a header but no data rows")
    edition = last_year + 1
    reporter = "EI" if edition >= FIRST_EI_EDITION else "BP"
    for row in rows:
        row["reporter"] = reporter
    notes = (
        f"Edition {edition} inferred from the last data year ({last_year}): the file names no edition.",
        "Mt and bcm written with 4 decimals, kb/d with 1, as the Statistical Review rows of data/raw.",
    )
    return ParsedFile(FORMAT_NAME, release_for(edition, last_year), {"energy": records(rows)}, notes)


FORMAT = ImportFormat(
    name=FORMAT_NAME,
    description="Statistical Review of World Energy (bp, then Energy Institute): consolidated dataset, panel CSV",
    sniff=sniff,
    parse=parse,
)
