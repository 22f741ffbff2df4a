"""SIPRI Arms Transfers Database per-delivery-year export (e.g. ``trade_2023.csv``).

Layout (see ``tests/fixtures/official/README.md``): the shared SIPRI preamble
(``Data generated: 3 Jan 2025 9:16:02 PM``), then a 17-column header
``SIPRI AT Database ID,Supplier,Recipient,Designation,...`` (Supplier before
Recipient, the reverse of the register), no quoting, one row per deal and
delivery year, ``Yes``/``No`` estimate flags. One public copy ends every
line with ``;``; when the header does, one trailing ``;`` is removed from each line.

What the project holds from this product (``data/raw``, sources
``sipri-atdb-2024`` and ``sipri-atdb-2025``), and so what is produced for the
rows whose recipient is Azerbaijan:

* ``arms_tiv``: per supplier and delivery year, the sum of ``TIV delivery
  values`` (SIPRI's own annual figure is the same sum, before rounding);
* ``arms_deals``: one row per ``SIPRI AT Database ID``: numbers delivered
  summed, delivery years ``;``-joined in order, ``TIV deal unit`` as the unit
  TIV, delivered TIV summed, ``some delivery numbers estimated`` when any
  row's ``Numbers delivered is estimate`` is ``Yes`` (the wording of the rows
  already held). The export has no number ordered: it stays empty.

Sums are exact decimal sums of the published decimals, written without
trailing zeros. Deal-level fields must agree across a deal's rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from indicators.importers.formats import _sipri_csv as sc
from indicators.importers.model import FileRejected, ImportFormat, ParsedFile
from indicators.problems import Problem

FORMAT_NAME = "sipri-transfers"
ID = "SIPRI AT Database ID"
COLUMNS = (
    ID,
    "Supplier",
    "Recipient",
    "Designation",
    "Description",
    "Armament category",
    "Order date",
    "Order date is estimate",
    "Numbers delivered",
    "Numbers delivered is estimate",
    "Delivery year",
    "Delivery year is estimate",
    "Status",
    "SIPRI estimate",
    "TIV deal unit",
    "TIV delivery values",
    "Local production",
)
DECIMAL = re.compile(r"^(\d+(\.\d+)?)?$")
FLAG = re.compile(r"^(Yes|No)?$")
RULES: dict[str, tuple[re.Pattern[str], str]] = {
    ID: (re.compile(r"^\d+$"), "a whole number"),
    "Order date": (re.compile(r"^(\d{4})?$"), "a year (YYYY) or empty"),
    "Numbers delivered": (re.compile(r"^\d+$"), "a whole number"),
    "Delivery year": (re.compile(r"^\d{4}$"), "a year (YYYY)"),
    "TIV deal unit": (DECIMAL, "a decimal number or empty"),
    "TIV delivery values": (DECIMAL, "a decimal number or empty"),
    "Order date is estimate": (FLAG, "Yes, No or empty"),
    "Numbers delivered is estimate": (FLAG, "Yes, No or empty"),
    "Delivery year is estimate": (FLAG, "Yes, No or empty"),
    "Local production": (FLAG, "Yes, No or empty"),
}
# fields that describe the deal, not the delivery: equal on every row of a deal
DEAL_FIELDS = ("Supplier", "Designation", "Description", "Armament category", "Order date", "Status", "TIV deal unit")
# SIPRI's category names -> the spelling data/raw already uses (SIPRI wrote "Air-defence" from 2026)
CATEGORY_NAMES = {"Air-defence systems": "Air defence systems"}
TIV_INDICATOR = "arms_tiv_to_az"
TIV_UNIT = "TIV million"
TIV_NOTE = (
    "Sum of the per-delivery-year TIV of this supplier's register rows for the year "
    "(SIPRI's own annual figure is the same sum, before rounding)."
)


@dataclass(frozen=True)
class Export:
    """The located parts of one per-delivery export."""

    title: str
    generated: dt.date
    header_line: int
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]  # (physical line, fields)
    semicolons: bool  # every line carried a trailing ';' (removed)


def sniff(path: Path, head: bytes) -> bool:
    """True when the head has SIPRI's transfers preamble and a ``SIPRI AT Database ID,Supplier`` header."""
    return sc.sniff_export(head, (ID, "Supplier", "Recipient"))


def locate(path: Path, text: str) -> Export:
    """Find preamble, header and rows; FileRejected on any layout defect."""
    lines = sc.split_lines(text)
    h = sc.single_header(path, lines, (ID,), "transfers_header")
    title, generated = sc.read_preamble(path, lines, h)
    semicolons = lines[h].endswith(";")
    body = [line.removesuffix(";") if semicolons else line for line in lines[h:]]
    header = [c.strip() for c in body[0].split(",")]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise FileRejected(
            [sc.problem(path, h + 1, ",".join(header)[:120], "transfers_header", f"no '{c}' column") for c in missing]
        )
    columns = {c: header.index(c) for c in COLUMNS}
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    for k, line in enumerate(body[1:], start=h + 2):
        if not line.strip():
            continue
        fields = line.split(",")
        if len(fields) != len(header):
            last = k == len(lines)
            rule = "transfers_truncated" if last and len(fields) < len(header) else "transfers_row_width"
            hint = " (the file ends mid-row: a truncated download?)" if rule == "transfers_truncated" else ""
            message = f"row has {len(fields)} fields, the header has {len(header)}{hint}"
            problems.append(sc.problem(path, k, line[:80], rule, message))
            continue
        rows.append((k, fields))
    if problems:
        raise FileRejected(problems)
    return Export(title, generated, h + 1, columns, rows, semicolons)


def _azerbaijan_rows(path: Path, exp: Export) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """Azerbaijan's rows grouped by deal id, each value checked against its rule."""
    deals: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    problems: list[Problem] = []
    for line, fields in exp.rows:
        row = {c: fields[j].strip() for c, j in exp.columns.items()}
        if row["Recipient"] != sc.AZERBAIJAN:
            continue
        for name, (pattern, wording) in RULES.items():
            if not pattern.match(row[name]):
                problems.append(sc.problem(path, line, row[name], "transfers_value", f"must be {wording}", name))
        for name in ("Supplier", "Designation", "Status"):
            if not row[name]:
                problems.append(sc.problem(path, line, "", "transfers_value", "must not be empty", name))
        deals[row[ID]].append((line, row))
    for deal_id, rows in deals.items():
        first_line, first = rows[0]
        for line, row in rows[1:]:
            for name in DEAL_FIELDS:
                if row[name] != first[name]:
                    problems.append(
                        sc.problem(
                            path,
                            line,
                            row[name],
                            "transfers_deal_consistent",
                            f"deal {deal_id} has {first[name]!r} on line {first_line}",
                            name,
                        )
                    )
    if problems:
        raise FileRejected(problems)
    return deals


def _decimal(text: str) -> Decimal:
    return Decimal(text) if text else Decimal(0)


def to_deals(deals: dict[str, list[tuple[int, dict[str, str]]]]) -> pd.DataFrame:
    """One ``arms_deals`` row per deal (minus deal_id and source_id)."""
    out: list[dict[str, str]] = []
    for deal_id, lined in deals.items():
        rows = [row for _, row in lined]
        first = rows[0]
        years = sorted({int(row["Delivery year"]) for row in rows})
        tiv = [row["TIV delivery values"] for row in rows if row["TIV delivery values"]]
        estimated = any(row["Numbers delivered is estimate"] == "Yes" for row in rows)
        local = any(row["Local production"] == "Yes" for row in rows)
        out.append(
            {
                "supplier": sc.supplier_name(first["Supplier"]),
                "order_year": first["Order date"],
                "number_ordered": "",
                "weapon_designation": first["Designation"],
                "weapon_description": first["Description"],
                "category": CATEGORY_NAMES.get(first["Armament category"], first["Armament category"]),
                "number_delivered": str(sum(int(row["Numbers delivered"]) for row in rows)),
                "delivery_years": ";".join(map(str, years)),
                "status": first["Status"],
                "tiv_per_unit": first["TIV deal unit"],
                "tiv_delivered": sc.format_decimal(sum(map(_decimal, tiv), Decimal(0))) if tiv else "",
                "sipri_deal_id": deal_id,
                "flags": "some delivery numbers estimated" if estimated else "",
                "comment": "SIPRI marks local production" if local else "",
            }
        )
    out.sort(key=lambda r: (r["supplier"], r["order_year"], r["weapon_designation"], int(r["sipri_deal_id"])))
    return pd.DataFrame(out, columns=list(out[0]) if out else None, dtype="str")


def to_tiv(deals: dict[str, list[tuple[int, dict[str, str]]]]) -> pd.DataFrame:
    """``arms_tiv`` rows: per supplier and delivery year, the sum of the delivered TIV."""
    sums: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for lined in deals.values():
        for _, row in lined:
            if row["TIV delivery values"]:
                sums[(row["Supplier"], int(row["Delivery year"]))] += Decimal(row["TIV delivery values"])
    out = [
        {
            "indicator": TIV_INDICATOR,
            "reporter": "SIPRI",
            "subject": sc.supplier_name(supplier),
            "period": str(year),
            "value": sc.format_decimal(total),
            "unit": TIV_UNIT,
            "locator": f"register rows with recipient Azerbaijan, supplier {supplier}, delivery year {year}",
            "confidence": "statistical_review",
            "note": TIV_NOTE,
        }
        for (supplier, year), total in sorted(sums.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    ]
    return pd.DataFrame(out, columns=list(out[0]) if out else None, dtype="str")


def parse(path: Path) -> ParsedFile:
    """Read a per-delivery export; return Azerbaijan's ``arms_deals`` and ``arms_tiv`` rows."""
    exp = locate(path, sc.decode(path, path.read_bytes()))
    update, edition = sc.release_for(exp.generated)
    year_col = exp.columns["Delivery year"]
    years = [int(f[year_col]) for _, f in exp.rows if f[year_col].strip().isdigit()]
    sc.check_release_years(path, exp.header_line, update, edition, years)
    deals = _azerbaijan_rows(path, exp)
    deal_rows, tiv_rows = to_deals(deals), to_tiv(deals)
    release = sc.atdb_release("transfers by delivery year", exp.title, exp.generated, update, edition, "transfers")
    notes = [
        f"per-delivery export, header on line {exp.header_line}, {len(exp.rows)} rows, "
        f"{sum(len(v) for v in deals.values())} with recipient Azerbaijan in {len(deals)} deals",
    ]
    if exp.semicolons:
        notes.append("every line ended with ';' (not SIPRI's layout: a re-saved copy?); one trailing ';' was removed")
    tables = {"arms_deals": deal_rows, "arms_tiv": tiv_rows} if deals else {}
    return ParsedFile(FORMAT_NAME, release, tables, tuple(notes))


FORMAT = ImportFormat(
    name=FORMAT_NAME,
    description="SIPRI Arms Transfers Database per-delivery-year export CSV (one row per deal and delivery year)",
    sniff=sniff,
    parse=parse,
)
