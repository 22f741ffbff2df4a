"""SIPRI Arms Transfers Database trade register CSV (``trade-register.csv``).

Layout (see ``tests/fixtures/official/README.md``): Latin-1, no quoting,
commas inside text written ``; ``; the shared SIPRI preamble with ``Data
generated: 13 Mar 2025 10:02:49 AM``; one header line ``Recipient,Supplier,
Year of order, ,Number ordered, ,Weapon designation,...`` in which three
columns headed by a single space hold the ``?`` uncertainty flag of the column
to their left; lower-case ``status``. One record per deal.

A ``Comments`` value holding a raw line break splits its deal into a line that
ends inside the comment and a continuation line (in SIPRI's files it starts
with ``,``) that carries the remaining fields: a short line is joined with the
next ones while together they do not exceed the header's width, the two parts
of the comment joined by a space.

Rows kept: the deals whose recipient is Azerbaijan, as ``arms_deals`` rows in
the layout of the rows already taken from SIPRI registers: ``delivery_years``
``;``-joined without spaces, the ``?`` flags as ``order year uncertain;
number ordered uncertain; number delivered uncertain``, the comment as
``SIPRI comment: <text>``. The register has no deal id and no armament
category: ``sipri_deal_id`` and ``category`` stay empty (the per-delivery
export carries both). ``SIPRI TIV for total order`` has no column in
``arms_deals`` and is not kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from indicators.importers.formats import _sipri_csv as sc
from indicators.importers.model import FileRejected, ImportFormat, ParsedFile
from indicators.problems import Problem

FORMAT_NAME = "sipri-register"
# named header cells, in order; "status" is lower-case in SIPRI's file (compared case-insensitively)
NAMED = (
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
# the columns followed by a single-space-headed '?' flag column, and the flag's wording in data/raw
FLAGGED = {
    "Year of order": "order year uncertain",
    "Number ordered": "number ordered uncertain",
    "Number delivered": "number delivered uncertain",
}
RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "Year of order": (re.compile(r"^(\d{4})?$"), "a year (YYYY) or empty"),
    "Number ordered": (re.compile(r"^\d*$"), "a whole number or empty"),
    "Number delivered": (re.compile(r"^\d*$"), "a whole number or empty"),
    "Year(s) of delivery": (re.compile(r"^(\d{4}(; \d{4})*)?$"), "years separated by '; ', or empty"),
    "SIPRI TIV per unit": (re.compile(r"^(\d+(\.\d+)?)?$"), "a decimal number or empty"),
    "SIPRI TIV for total order": (re.compile(r"^(\d+(\.\d+)?)?$"), "a decimal number or empty"),
    "SIPRI TIV of delivered weapons": (re.compile(r"^(\d+(\.\d+)?)?$"), "a decimal number or empty"),
}
YEARS = re.compile(r"\b\d{4}\b")


@dataclass(frozen=True)
class Register:
    """The located parts of one register file."""

    title: str
    generated: dt.date
    header_line: int  # physical line of the header
    columns: dict[str, int]  # named column (and "<name> ?" for its flag) -> field index
    width: int
    records: list[tuple[int, list[str]]]  # (physical line where the record starts, fields)
    rejoined: list[int]  # physical lines of records that a raw line break in Comments had split


def sniff(path: Path, head: bytes) -> bool:
    """True when the head has SIPRI's transfers preamble and a ``Recipient,Supplier,Year of order`` header."""
    return sc.sniff_export(head, ("Recipient", "Supplier", "Year of order"))


def _columns(path: Path, header: list[str], line: int) -> dict[str, int]:
    """Map each named column (and its flag column) to its index; FileRejected when one is missing."""
    index = {cell.strip().lower(): j for j, cell in enumerate(header) if cell.strip()}
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for name in NAMED:
        j = index.get(name.lower())
        if j is None:
            problems.append(sc.problem(path, line, ",".join(header), "register_header", f"no '{name}' column"))
            continue
        columns[name] = j
        if name in FLAGGED:
            flag = header[j + 1] if j + 1 < len(header) else None
            if flag is None or flag.strip():
                problems.append(
                    sc.problem(
                        path,
                        line,
                        "" if flag is None else flag,
                        "register_header",
                        f"the column after '{name}' must be its '?' flag column, headed by a single space",
                    )
                )
            columns[f"{name} ?"] = j + 1
    if problems:
        raise FileRejected(problems)
    return columns


def _records(path: Path, lines: list[str], start: int, width: int) -> tuple[list[tuple[int, list[str]]], list[int]]:
    """Records after the header; a line split by a raw line break in Comments is joined back."""
    records: list[tuple[int, list[str]]] = []
    rejoined: list[int] = []
    problems: list[Problem] = []
    i = start
    while i < len(lines):
        fields = lines[i].split(",")
        first = i
        while len(fields) < width and i + 1 < len(lines):
            tail = lines[i + 1].split(",")
            if len(tail) >= width or len(fields) + len(tail) - 1 > width:
                break  # the next line is a record of its own (or too long to be this one's rest)
            fields[-1] = f"{fields[-1]} {tail[0]}".strip() if tail[0] else fields[-1]
            fields += tail[1:]
            i += 1
        if i > first:
            rejoined.append(first + 1)
        i += 1
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != width:
            rule = "register_truncated" if i >= len(lines) and len(fields) < width else "register_record_width"
            problems.append(
                sc.problem(
                    path,
                    first + 1,
                    lines[first][:80],
                    rule,
                    f"record has {len(fields)} fields, the header has {width}"
                    + (" (the file ends mid-record: a truncated download?)" if rule == "register_truncated" else ""),
                )
            )
            continue
        records.append((first + 1, fields))
    if problems:
        raise FileRejected(problems)
    return records, rejoined


def locate(path: Path, text: str) -> Register:
    """Find preamble, header and records; FileRejected on any layout defect."""
    lines = sc.split_lines(text)
    h = sc.single_header(path, lines, ("Recipient", "Supplier"), "register_header")
    title, generated = sc.read_preamble(path, lines, h)
    header = lines[h].split(",")
    columns = _columns(path, header, h + 1)
    records, rejoined = _records(path, lines, h + 1, len(header))
    return Register(title, generated, h + 1, columns, len(header), records, rejoined)


def _check(path: Path, reg: Register, line: int, fields: list[str]) -> list[Problem]:
    """Every value of one kept record against its rule."""
    problems: list[Problem] = []
    for name, (pattern, wording) in RULES.items():
        value = fields[reg.columns[name]].strip()
        if not pattern.match(value):
            problems.append(sc.problem(path, line, value, "register_value", f"must be {wording}", name))
    for name in FLAGGED:
        flag = fields[reg.columns[f"{name} ?"]].strip()
        if flag not in ("", "?"):
            problems.append(sc.problem(path, line, flag, "register_flag", "must be '?' or empty", f"{name} (flag)"))
    for name in ("Supplier", "Weapon designation", "status"):
        if not fields[reg.columns[name]].strip():
            problems.append(sc.problem(path, line, "", "register_value", "must not be empty", name))
    return problems


def to_deals(path: Path, reg: Register) -> pd.DataFrame:
    """Azerbaijan's deals in the ``arms_deals`` columns (minus deal_id and source_id)."""
    out: list[dict[str, str]] = []
    problems: list[Problem] = []
    col = reg.columns
    for line, fields in reg.records:
        if fields[col["Recipient"]].strip() != sc.AZERBAIJAN:
            continue
        problems += _check(path, reg, line, fields)

        def cell(name: str, fields: list[str] = fields) -> str:
            return fields[col[name]].strip()

        flags = [wording for name, wording in FLAGGED.items() if cell(f"{name} ?") == "?"]
        comment = cell("Comments")
        out.append(
            {
                "supplier": sc.supplier_name(cell("Supplier")),
                "order_year": cell("Year of order"),
                "number_ordered": cell("Number ordered"),
                "weapon_designation": cell("Weapon designation"),
                "weapon_description": cell("Weapon description"),
                "category": "",
                "number_delivered": cell("Number delivered"),
                "delivery_years": cell("Year(s) of delivery").replace(" ", ""),
                "status": cell("status"),
                "tiv_per_unit": cell("SIPRI TIV per unit"),
                "tiv_delivered": cell("SIPRI TIV of delivered weapons"),
                "sipri_deal_id": "",
                "flags": "; ".join(flags),
                "comment": f"SIPRI comment: {comment}" if comment else "",
            }
        )
    if problems:
        raise FileRejected(problems)
    return pd.DataFrame(out, columns=list(out[0]) if out else None, dtype="str")


def _delivery_years(reg: Register) -> list[int]:
    j = reg.columns["Year(s) of delivery"]
    return [int(y) for _, fields in reg.records for y in YEARS.findall(fields[j])]


def parse(path: Path) -> ParsedFile:
    """Read a trade register and return Azerbaijan's deals as ``arms_deals`` rows."""
    reg = locate(path, sc.decode(path, path.read_bytes()))
    update, edition = sc.release_for(reg.generated)
    sc.check_release_years(path, reg.header_line, update, edition, _delivery_years(reg))
    deals = to_deals(path, reg)
    release = sc.atdb_release("trade register", reg.title, reg.generated, update, edition, "register")
    notes = [
        f"trade register, header on line {reg.header_line}, {len(reg.records)} deals, "
        f"{len(deals)} with recipient Azerbaijan",
        f"{len(reg.rejoined)} deal(s) split by a line break in Comments were joined back "
        f"(lines {', '.join(map(str, reg.rejoined)) or '-'})",
        "the register names no deal id and no armament category: sipri_deal_id and category are left empty",
    ]
    return ParsedFile(FORMAT_NAME, release, {"arms_deals": deals} if len(deals) else {}, tuple(notes))


FORMAT = ImportFormat(
    name=FORMAT_NAME,
    description="SIPRI Arms Transfers Database trade register CSV (Latin-1, one line per deal)",
    sniff=sniff,
    parse=parse,
)
