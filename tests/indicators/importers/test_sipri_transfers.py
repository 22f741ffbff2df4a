"""SIPRI per-delivery export: reproduces the TIV and deal rows held for its release, rejects bad files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from official_support import (
    HTML_PAGE,
    MILEX_2024,
    REGISTER_2024,
    REGISTER_2025,
    TRANSFERS_2024,
    TRANSFERS_2025,
    head,
    raw,
    rejected,
    sorted_frame,
    write,
)

from indicators.importers.formats import sipri_transfers
from indicators.importers.formats.sipri_transfers import parse, sniff
from indicators.problems import Problem

TIV_COLUMNS = ["indicator", "reporter", "subject", "period", "value", "unit", "confidence", "note"]
HEADER = (
    b"SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
    b"Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
    b"Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production"
)
# the rows held name these suppliers in their locator as an older SIPRI spelling; the file writes the new one
HELD_LOCATOR_NAMES = {"Turkey": "Turkiye", "Unknown supplier(s)": "unknown supplier(s)"}


def _same_tiv(path: Path, source_id: str, count: int) -> None:
    tiv = parse(path).tables["arms_tiv"]
    held = raw("arms_tiv.csv", source_id)
    assert len(tiv) == len(held) == count
    key = ["subject", "period"]
    pd.testing.assert_frame_equal(sorted_frame(tiv[TIV_COLUMNS], key), sorted_frame(held[TIV_COLUMNS], key))
    mine = sorted_frame(tiv, key)["locator"].tolist()
    theirs = sorted_frame(held, key)["locator"].tolist()
    for old, new in HELD_LOCATOR_NAMES.items():
        theirs = [t.replace(f"supplier {old},", f"supplier {new},") for t in theirs]
    assert mine == theirs


def test_march_2024_export_reproduces_the_tiv_rows_held_for_that_release() -> None:
    """sipri-atdb-2024 (85 supplier-years) was summed from this very file."""
    _same_tiv(TRANSFERS_2024, "sipri-atdb-2024", 85)


def test_march_2025_export_reproduces_the_tiv_rows_held_for_that_release() -> None:
    """sipri-atdb-2025 (90 supplier-years) was summed from this very file."""
    _same_tiv(TRANSFERS_2025, "sipri-atdb-2025", 90)


def test_march_2025_export_reproduces_the_deal_rows_held_for_that_release() -> None:
    """The 20 Russian deals held for the March 2025 update come back exactly, every column."""
    deals = parse(TRANSFERS_2025).tables["arms_deals"]
    assert len(deals) == 113
    held = raw("arms_deals.csv", "sipri-atdb-2025").drop(columns=["deal_id", "source_id"])
    mine = deals[deals["sipri_deal_id"].isin(held["sipri_deal_id"])]
    key = ["sipri_deal_id"]
    pd.testing.assert_frame_equal(sorted_frame(mine, key), sorted_frame(held[list(deals.columns)], key))


def test_a_deal_sums_its_delivery_rows() -> None:
    """Deal 40117 (BTR-80A), by hand: 4 + 20 + 46 delivered in 2007, 2008, 2010; TIV 3.6 + 18 + 41.4."""
    deals = parse(TRANSFERS_2025).tables["arms_deals"]
    btr = deals[deals["sipri_deal_id"] == "40117"].iloc[0]
    assert (btr["number_delivered"], btr["delivery_years"], btr["tiv_per_unit"], btr["tiv_delivered"]) == (
        "70",
        "2007;2008;2010",
        "0.9",
        "63",
    )
    assert btr["flags"] == "some delivery numbers estimated" and btr["number_ordered"] == ""
    s300 = deals[deals["sipri_deal_id"] == "52526"].iloc[0]
    assert s300["category"] == "Air defence systems"  # the file writes 'Air-defence systems'


def test_release_is_read_from_the_generation_line() -> None:
    older, newer = parse(TRANSFERS_2024), parse(TRANSFERS_2025)
    assert older.format_name == "sipri-transfers"
    assert (older.release.release, older.release.generated) == (
        "SIPRI Arms Transfers Database, March 2024 update (data to 2023)",
        "2025-01-03",
    )
    assert (newer.release.release, newer.release.generated) == (
        "SIPRI Arms Transfers Database, March 2025 update (data to 2024)",
        "2026-02-12",
    )
    assert newer.release.cite_as == "SIPRI Arms Transfers Database, March 2025 update"
    assert any("ended with ';'" in n for n in newer.notes)
    assert not any("ended with ';'" in n for n in older.notes)


def test_sniff_claims_per_delivery_exports_only(tmp_path: Path) -> None:
    assert sniff(TRANSFERS_2024, head(TRANSFERS_2024))
    assert sniff(TRANSFERS_2025, head(TRANSFERS_2025))
    for other in (REGISTER_2024, REGISTER_2025, MILEX_2024):
        assert not sniff(other, head(other)), other.name
    assert not sniff(tmp_path / "page.csv", HTML_PAGE)
    assert sipri_transfers.FORMAT.sniff is sniff and sipri_transfers.FORMAT.parse is parse


def _only(problems: list[Problem], rule: str) -> Problem:
    assert [p.rule for p in problems] == [rule], [p.line() for p in problems]
    return problems[0]


def test_missing_header_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "noheader.csv", TRANSFERS_2024.read_bytes().replace(HEADER + b"\n", b"", 1))
    p = _only(rejected(parse, path), "transfers_header")
    assert (p.file, p.row) == ("noheader.csv", 0)


def test_header_without_a_column_is_rejected(tmp_path: Path) -> None:
    data = TRANSFERS_2024.read_bytes().replace(b",TIV delivery values,", b",TIV delivered,", 1)
    p = _only(rejected(parse, write(tmp_path, "renamed.csv", data)), "transfers_header")
    assert (p.row, p.message) == (12, "no 'TIV delivery values' column")


def test_foreign_bytes_are_rejected(tmp_path: Path) -> None:
    data = TRANSFERS_2024.read_bytes().replace(b",Akinci,", b",Ak\xc4\xb1nc\xc4\xb1,", 1)
    p = _only(rejected(parse, write(tmp_path, "utf8.csv", data)), "encoding_latin1")
    assert (p.row, p.value) == (232, "C4 B1")


def test_truncated_download_is_rejected(tmp_path: Path) -> None:
    data = TRANSFERS_2024.read_bytes()
    cut = data[: data.rindex(b",Armoured vehicles,2004")]
    p = _only(rejected(parse, write(tmp_path, "cut.csv", cut)), "transfers_truncated")
    assert p.row == 233 and p.value == "52816,China,Zimbabwe,Type-85 APC,APC"


def test_duplicated_header_is_rejected(tmp_path: Path) -> None:
    data = TRANSFERS_2024.read_bytes()
    lines = data.split(b"\n")
    twice = b"\n".join([*lines[:100], HEADER, *lines[100:]])
    p = _only(rejected(parse, write(tmp_path, "twice.csv", twice)), "transfers_header_once")
    assert p.row == 101


def test_a_deal_whose_rows_disagree_is_rejected(tmp_path: Path) -> None:
    """Deal 40117's second row (line 142) claims another unit TIV than its first (line 141)."""
    old = (
        b"40117,Russia,Azerbaijan,BTR-80A,infantry fighting vehicle,Armoured vehicles,2007,Yes,20,Yes,2008,No,"
        b"New,0.9,0.9,"
    )
    new = old[: -len(b"0.9,0.9,")] + b"0.9,1.9,"
    data = TRANSFERS_2025.read_bytes()
    assert old in data
    p = _only(rejected(parse, write(tmp_path, "deal.csv", data.replace(old, new, 1))), "transfers_deal_consistent")
    assert (p.row, p.column, p.value) == (142, "TIV deal unit", "1.9")
    assert "line 141" in p.message


def test_bad_value_in_a_kept_row_names_line_column_and_value(tmp_path: Path) -> None:
    data = TRANSFERS_2025.read_bytes()
    old = b"52526,Russia,Azerbaijan,S-300PMU2,SAM system,Air-defence systems,2010,No,2,Yes,2011,"
    p = _only(
        rejected(parse, write(tmp_path, "value.csv", data.replace(old, old[:-5] + b"2O11,", 1))), "transfers_value"
    )
    assert (p.row, p.column, p.value) == (128, "Delivery year", "2O11")


def test_html_error_page_is_rejected(tmp_path: Path) -> None:
    _only(rejected(parse, write(tmp_path, "trade_2023.csv", HTML_PAGE)), "transfers_header")


def test_a_register_is_not_read_as_a_per_delivery_export() -> None:
    _only(rejected(parse, REGISTER_2025), "transfers_header")
