"""Shared reading of SIPRI Arms Transfers Database CSV exports (register and per-delivery export).

Both exports come from the same portal form and share an 11-line preamble
(title naming the selection, notes, ``Source: SIPRI Arms Transfers Database
(c) SIPRI.``, ``Data generated: 13 Mar 2025 10:02:49 AM``), then one header
line, then records. Nothing is quoted; commas inside text are written ``; ``.
The register is Latin-1; the per-delivery export seen so far is ASCII.

This module has no ``FORMAT``: it is a helper of :mod:`sipri_register` and
:mod:`sipri_transfers`, not a format of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from indicators.importers.model import FileRejected, Release
from indicators.problems import Problem
from indicators.vocab import SIPRI_SUPPLIER_NAMES

PUBLISHER = "Stockholm International Peace Research Institute (SIPRI), Arms Transfers Database"
PRODUCT = "sipri-atdb"
URL = "https://www.sipri.org/databases/armstransfers"
AZERBAIJAN = "Azerbaijan"
TITLE_START = "Transfers of major conventional arms"
SOURCE_LINE = "Source: SIPRI Arms Transfers Database"
GENERATED = re.compile(r"^Data generated: (\d{1,2} [A-Za-z]{3} \d{4})\b")
# bytes that never occur in SIPRI's Latin-1 text: NUL (UTF-16 / binary) and the C1 controls 0x80-0x9F
# (a Windows-1252 re-save puts curly quotes there)
FOREIGN_BYTES = re.compile(rb"[\x00\x80-\x9f]")
# a UTF-8 multi-byte sequence: a re-save as UTF-8 turns 'ä' (E4) into C3 A4, read as Latin-1 'Ã¤'
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\xa0-\xbf]")


def problem(path: Path, line: int, value: str, rule: str, message: str, column: str = "") -> Problem:
    """A problem in ``path`` at physical ``line`` (1 = first line of the file; 0 = whole file)."""
    return Problem(path.name, line, column, value, rule, message)


def decode(path: Path, data: bytes) -> str:
    """The file's text, read as Latin-1; FileRejected when the bytes are not SIPRI's Latin-1 text."""
    problems: list[Problem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(problem(path, 1, "EF BB BF", "encoding_latin1", "UTF-8 byte-order mark: SIPRI writes Latin-1"))
    for rule, pattern, what in (
        ("encoding_latin1", FOREIGN_BYTES, "a NUL or C1 control byte, which SIPRI's Latin-1 text never holds"),
        ("encoding_latin1", UTF8_SEQUENCE, "a UTF-8 multi-byte sequence: the file was re-saved as UTF-8"),
    ):
        m = pattern.search(data)
        if m:
            line = data.count(b"\n", 0, m.start()) + 1
            problems.append(problem(path, line, m.group().hex(" ").upper(), rule, f"byte(s) {what}"))
    if problems:
        raise FileRejected(problems)
    return data.decode("latin-1")


def split_lines(text: str) -> list[str]:
    """Physical lines (LF or CRLF); a final empty line after the last LF is dropped."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def head_lines(head: bytes, n: int = 40) -> list[str]:
    """The first ``n`` lines of a file's head, decoded leniently (for sniffing only)."""
    return split_lines(head.decode("latin-1"))[:n]


def find_header(lines: list[str], first_cells: tuple[str, ...]) -> list[int]:
    """0-based indexes of every line whose first cells are ``first_cells`` (case-insensitive)."""
    want = [c.lower() for c in first_cells]
    found: list[int] = []
    for i, line in enumerate(lines):
        cells = [c.strip().lower() for c in line.split(",")[: len(want)]]
        if cells == want:
            found.append(i)
    return found


def sniff_export(head: bytes, header_start: tuple[str, ...]) -> bool:
    """True when ``head`` has SIPRI's transfers preamble and a header line starting with ``header_start``."""
    lines = head_lines(head)
    return (
        bool(lines)
        and lines[0].startswith(TITLE_START)
        and any(line.startswith(SOURCE_LINE) for line in lines)
        and bool(find_header(lines, header_start))
    )


def single_header(path: Path, lines: list[str], first_cells: tuple[str, ...], rule: str) -> int:
    """0-based index of the one header line starting with ``first_cells``; FileRejected when there is
    none (rule ``rule``) or more than one (rule ``<rule>_once``, one problem per repeat)."""
    headers = find_header(lines, first_cells)
    if not headers:
        wanted = ",".join(first_cells)
        raise FileRejected([problem(path, 0, "", rule, f"no header line starting '{wanted}' was found")])
    if len(headers) > 1:
        raise FileRejected(
            [problem(path, h + 1, lines[h][:60], f"{rule}_once", "the header line appears again") for h in headers[1:]]
        )
    return headers[0]


def read_preamble(path: Path, lines: list[str], header: int) -> tuple[str, dt.date]:
    """(title line, generation date) from the lines before the header; FileRejected when absent."""
    problems: list[Problem] = []
    title = lines[0].strip() if lines else ""
    if not title.startswith(TITLE_START):
        problems.append(problem(path, 1, title[:80], "sipri_title", f"line 1 must start with '{TITLE_START}'"))
    generated: dt.date | None = None
    for i, line in enumerate(lines[:header]):
        m = GENERATED.match(line.strip())
        if m:
            try:
                generated = dt.datetime.strptime(m.group(1), "%d %b %Y").date()
            except ValueError:
                problems.append(problem(path, i + 1, line[:60], "sipri_generated_date", "not a date (D Mon YYYY)"))
    if generated is None and not problems:
        problems.append(problem(path, 0, "", "sipri_generated_date", "no 'Data generated:' line before the header"))
    if problems or generated is None:
        raise FileRejected(problems)
    return title.rstrip(";").strip(), generated


def release_for(generated: dt.date) -> tuple[int, str]:
    """The March update a file generated on ``generated`` belongs to, and its edition text.

    SIPRI updates the database every March; a file generated in March of year Y or later
    belongs to the "March Y update (data to Y-1)" (the same rule as the TIV tables).
    """
    update = generated.year if generated.month >= 3 else generated.year - 1
    return update, f"SIPRI Arms Transfers Database, March {update} update (data to {update - 1})"


def check_release_years(path: Path, line: int, update: int, edition: str, years: list[int]) -> None:
    """Reject a file holding deliveries in or after its release year: the generation date misleads."""
    late = [y for y in years if y >= update]
    if late:
        raise FileRejected(
            [
                problem(
                    path,
                    line,
                    str(min(late)),
                    "sipri_release_year",
                    f"deliveries in {min(late)} or later contradict the release read from the generation date "
                    f"({edition}); give the release with --release",
                )
            ]
        )


def atdb_release(kind: str, file_title: str, generated: dt.date, update: int, edition: str, variant: str) -> Release:
    """The :class:`Release` of a SIPRI Arms Transfers export (register or per-delivery) whose first line
    names its selection ("Transfers of major conventional arms from … . Deals with deliveries …")."""
    selection = file_title.split(". ", 1)[1].strip() if ". " in file_title else file_title
    return Release(
        publisher=PUBLISHER,
        product=PRODUCT,
        title=f"SIPRI Arms Transfers Database: {kind} ({selection})",
        release=edition,
        generated=generated.isoformat(),
        url=URL,
        cite_as=f"SIPRI Arms Transfers Database, March {update} update",
        variant=variant,
    )


def format_decimal(value: Decimal) -> str:
    """A decimal written as SIPRI writes it: no trailing zeros, no exponent (``63``, ``478.5``)."""
    return format(value.normalize(), "f")


def supplier_name(name: str) -> str:
    """SIPRI's supplier name in the spelling data/raw already uses."""
    return SIPRI_SUPPLIER_NAMES.get(name, name)
