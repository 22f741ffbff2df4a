"""SIPRI trade register CSV: reproduces data/raw for its release, joins split deals, rejects bad files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from official_support import (
    HTML_PAGE,
    MILEX_2025,
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

from indicators.importers.formats import sipri_register
from indicators.importers.formats.sipri_register import locate, parse, sniff
from indicators.problems import Problem

DEAL_KEY = ["supplier", "order_year", "weapon_designation", "weapon_description", "number_ordered", "tiv_per_unit"]
HEADER = (
    b"Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, "
    b",Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)


def test_march_2024_register_reproduces_the_register_rows_held_for_that_release() -> None:
    """All 114 deals of sipri-atdb-2024 (a copy of this very file) come back column for column.

    Two columns are not compared: ``category`` (the register has none; the rows held were
    classified by hand) and ``comment`` (the rows held paraphrase SIPRI's comment).
    """
    deals = parse(REGISTER_2024).tables["arms_deals"]
    held = raw("arms_deals.csv", "sipri-atdb-2024-register")
    assert len(deals) == len(held) == 114
    assert not held.duplicated(DEAL_KEY).any()
    columns = [c for c in deals.columns if c not in ("category", "comment")]
    pd.testing.assert_frame_equal(sorted_frame(deals[columns], DEAL_KEY), sorted_frame(held[columns], DEAL_KEY))


def test_march_2025_register_agrees_with_the_per_delivery_rows_of_the_same_release() -> None:
    """The 20 Russian deals held for the March 2025 update (from the per-delivery export) match the register."""
    deals = parse(REGISTER_2025).tables["arms_deals"]
    assert len(deals) == 115
    held = raw("arms_deals.csv", "sipri-atdb-2025")
    key = ["supplier", "order_year", "weapon_description", "number_delivered", "tiv_per_unit"]
    russia = deals[deals["supplier"] == "Russia"]
    assert len(russia) == 20 and not russia.duplicated(key).any()
    merged = held.merge(russia, on=key, how="left", suffixes=("_held", ""), validate="1:1")
    for column in ("delivery_years", "status", "tiv_delivered"):
        assert merged[column].tolist() == merged[f"{column}_held"].tolist(), column


def test_one_deal_is_written_in_the_layout_of_the_rows_held() -> None:
    """Line 53 of the fixture, by hand: '?' flags worded, years ';'-joined, comment prefixed, no id or category."""
    deals = parse(REGISTER_2025).tables["arms_deals"]
    mi17 = deals[(deals["weapon_designation"] == "Mi-17") & (deals["supplier"] == "Russia")].iloc[0].to_dict()
    assert mi17 == {
        "supplier": "Russia",
        "order_year": "2010",
        "number_ordered": "66",
        "weapon_designation": "Mi-17",
        "weapon_description": "transport helicopter",
        "category": "",
        "number_delivered": "66",
        "delivery_years": "2010;2011;2012;2013;2014;2015",
        "status": "New",
        "tiv_per_unit": "7.25",
        "tiv_delivered": "478.5",
        "sipri_deal_id": "",
        "flags": "order year uncertain; number ordered uncertain; number delivered uncertain",
        "comment": "SIPRI comment: Incl 20 for border guard and 6 for police",
    }
    unknown = deals[deals["weapon_designation"] == "Bell-412"].iloc[0]
    assert unknown["supplier"] == "unknown"  # SIPRI's 'unknown supplier(s)', spelled as in data/raw


def test_release_is_read_from_the_generation_line() -> None:
    parsed = parse(REGISTER_2025)
    assert parsed.format_name == "sipri-register"
    assert parsed.release.release == "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
    assert parsed.release.generated == "2025-03-13"
    assert parsed.release.cite_as == "SIPRI Arms Transfers Database, March 2025 update"
    assert parsed.release.product == "sipri-atdb"
    assert parsed.release.url == "https://www.sipri.org/databases/armstransfers"
    older = parse(REGISTER_2024).release
    assert (older.release, older.generated) == (
        "SIPRI Arms Transfers Database, March 2024 update (data to 2023)",
        "2024-10-21",
    )


def test_deals_split_by_a_line_break_in_comments_are_joined_back() -> None:
    """Four deals of the 2025 file are split (LF or CRLF inside Comments); Thailand's BTR-3 is one of them."""
    reg = locate(REGISTER_2025, REGISTER_2025.read_bytes().decode("latin-1"))
    assert len(reg.rejoined) == 4 and 157 in reg.rejoined
    fields = dict(reg.records)[157]
    assert len(fields) == 16
    assert fields[12].endswith("redesign for other engines")  # the CR of the CRLF is not kept
    assert fields[13:] == ["0.25", "3.5", "3.25"]
    older = locate(REGISTER_2024, REGISTER_2024.read_bytes().decode("latin-1"))
    assert len(older.rejoined) == 2


@pytest.mark.parametrize(
    "split",
    [
        b"Incl 20 for border guard and 6 for police\r\n,",  # as in SIPRI's files: the break ends the comment
        b"Incl 20 for border guard\nand 6 for police,",  # a break inside the comment
    ],
)
def test_an_azerbaijan_deal_split_over_two_lines_gives_the_same_row(tmp_path: Path, split: bytes) -> None:
    data = REGISTER_2025.read_bytes()
    comment = b"Incl 20 for border guard and 6 for police,"
    path = write(tmp_path, "split.csv", data.replace(comment, split, 1))
    assert path.read_bytes().count(b"\n") == data.count(b"\n") + 1
    pd.testing.assert_frame_equal(parse(path).tables["arms_deals"], parse(REGISTER_2025).tables["arms_deals"])
    rejoined = locate(path, path.read_bytes().decode("latin-1")).rejoined
    assert rejoined[0] == 53 and len(rejoined) == 5


def test_latin1_names_are_read_as_latin1() -> None:
    reg = locate(REGISTER_2025, REGISTER_2025.read_bytes().decode("latin-1"))
    assert dict(reg.records)[15][12].startswith("Wärtsilä 12V32")


def test_sniff_claims_registers_only(tmp_path: Path) -> None:
    assert sniff(REGISTER_2025, head(REGISTER_2025))
    assert sniff(REGISTER_2024, head(REGISTER_2024))
    for other in (TRANSFERS_2024, TRANSFERS_2025, MILEX_2025):
        assert not sniff(other, head(other)), other.name
    assert not sniff(tmp_path / "page.csv", HTML_PAGE)
    assert not sniff(tmp_path / "empty.csv", b"")
    assert sipri_register.FORMAT.sniff is sniff and sipri_register.FORMAT.parse is parse


def _only(problems: list[Problem], rule: str) -> Problem:
    assert [p.rule for p in problems] == [rule], [p.line() for p in problems]
    return problems[0]


def test_missing_header_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "noheader.csv", REGISTER_2025.read_bytes().replace(HEADER + b"\n", b"", 1))
    p = _only(rejected(parse, path), "register_header")
    assert p.file == "noheader.csv" and "Recipient,Supplier" in p.message


def test_header_without_a_named_column_is_rejected(tmp_path: Path) -> None:
    data = REGISTER_2025.read_bytes().replace(b",status,Comments,", b",status,Remarks,", 1)
    p = _only(rejected(parse, write(tmp_path, "renamed.csv", data)), "register_header")
    assert (p.row, p.message) == (12, "no 'Comments' column")
    assert "Remarks" in p.value


def test_utf8_resave_is_rejected_naming_the_first_bad_line(tmp_path: Path) -> None:
    data = REGISTER_2025.read_bytes().decode("latin-1").encode("utf-8")
    p = _only(rejected(parse, write(tmp_path, "utf8.csv", data)), "encoding_latin1")
    assert (p.file, p.row, p.value) == ("utf8.csv", 15, "C3 A4")


def test_windows_1252_bytes_are_rejected(tmp_path: Path) -> None:
    data = REGISTER_2025.read_bytes().replace(b"Part of $1.6 b deal", b"Part of \x93$1.6 b\x94 deal", 1)
    p = _only(rejected(parse, write(tmp_path, "cp1252.csv", data)), "encoding_latin1")
    assert (p.row, p.value) == (18, "93")


def test_truncated_download_is_rejected(tmp_path: Path) -> None:
    data = REGISTER_2025.read_bytes()
    cut = data[: data.rindex(b",Type-85,")]
    p = _only(rejected(parse, write(tmp_path, "cut.csv", cut)), "register_truncated")
    assert p.row == 162 and p.value == "Zimbabwe,China,2004,?,10,?"


def test_duplicated_header_is_rejected(tmp_path: Path) -> None:
    data = REGISTER_2025.read_bytes()
    at = data.index(b"Azerbaijan,Israel,2013,,100")
    twice = data[:at] + HEADER + b"\n" + data[at:]
    p = _only(rejected(parse, write(tmp_path, "twice.csv", twice)), "register_header_once")
    assert p.row == 16


def test_bad_value_in_a_kept_deal_names_line_column_and_value(tmp_path: Path) -> None:
    data = REGISTER_2025.read_bytes().replace(
        b"Azerbaijan,Israel,2013,,100,?,LAHAT", b"Azerbaijan,Israel,2013,,1OO,?,LAHAT"
    )
    p = _only(rejected(parse, write(tmp_path, "value.csv", data)), "register_value")
    assert (p.row, p.column, p.value) == (16, "Number ordered", "1OO")


def test_html_error_page_is_rejected(tmp_path: Path) -> None:
    p = _only(rejected(parse, write(tmp_path, "trade-register.csv", HTML_PAGE)), "register_header")
    assert p.file == "trade-register.csv"


@pytest.mark.parametrize("other", [TRANSFERS_2024, TRANSFERS_2025])
def test_the_per_delivery_export_is_not_read_as_a_register(other: Path) -> None:
    _only(rejected(parse, other), "register_header")
