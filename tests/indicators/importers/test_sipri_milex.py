"""SIPRI Milex workbook: sheets by title, header by 'Country'; reproduces data/raw; rejects bad files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from official_support import (
    HTML_PAGE,
    MILEX_2024,
    MILEX_2025,
    REGISTER_2025,
    TRANSFERS_2024,
    head,
    raw,
    rejected,
    sorted_frame,
    write,
)

from indicators.importers.formats import sipri_milex
from indicators.importers.formats.sipri_milex import parse, sniff
from indicators.problems import Problem

KEY = ["indicator", "subject", "period"]
COMPARED = ["indicator", "reporter", "subject", "period", "value", "unit", "locator", "confidence"]


def _rows(path: Path) -> pd.DataFrame:
    return parse(path).tables["arms_milex"]


def _edited(tmp_path: Path, source: Path, name: str, edit: object) -> Path:
    """A copy of ``source`` changed by ``edit(workbook)``, saved as ``name``."""
    wb = openpyxl.load_workbook(source)
    edit(wb)  # type: ignore[operator]
    target = tmp_path / name
    wb.save(target)
    return target


def test_april_2024_workbook_reproduces_the_rows_held_for_that_release() -> None:
    """sipri-milex-2024 (96 Azerbaijan rows) was read from this very workbook: same values, units, locators.

    Notes: the held rows carry the same rounding sentence; five years add a paraphrased footnote.
    """
    rows = _rows(MILEX_2024)
    held = raw("arms_milex.csv", "sipri-milex-2024")
    az = rows[rows["subject"] == "AZ"]
    assert len(az) == len(held) == 96
    pd.testing.assert_frame_equal(sorted_frame(az[COMPARED], KEY), sorted_frame(held[COMPARED], KEY))
    mine, theirs = sorted_frame(az, KEY)["note"].tolist(), sorted_frame(held, KEY)["note"].tolist()
    assert all(t.startswith(m.split(" SIPRI notes")[0]) for m, t in zip(mine, theirs, strict=True))
    assert set(mine) == {
        "Rounded to 0.1. SIPRI notes ‖7 (Footnotes sheet).",
        "Rounded to 0.01 (SIPRI stores a fraction; shown ×100). SIPRI notes ‖7 (Footnotes sheet).",
    }


def test_april_2025_workbook_values_by_hand() -> None:
    """Cells of the 2025 release, rounded as data/raw writes them: 3777.088… -> 3777.1; 0.070523… -> 7.05."""
    rows = _rows(MILEX_2025).set_index(KEY)["value"]
    assert rows[("arms_milex_current_usd", "AZ", "2024")] == "3777.1"
    assert rows[("arms_milex_current_usd", "RU", "2024")] == "148967.3"
    assert rows[("arms_milex_share_gdp", "AZ", "2024")] == "4.99"
    assert rows[("arms_milex_share_gdp", "RU", "2024")] == "7.05"
    assert rows[("arms_milex_current_usd", "AZ", "2022")] == "2991.0"  # the trailing zero is kept
    assert rows[("arms_milex_share_gdp", "AZ", "1993")] == "5.00"


def test_release_is_read_from_the_title_range() -> None:
    newer, older = parse(MILEX_2025), parse(MILEX_2024)
    assert newer.format_name == "sipri-milex"
    assert newer.release.release == "SIPRI Milex April 2025 release (data 1949-2024)"
    assert newer.release.cite_as == "SIPRI Military Expenditure Database, April 2025 release"
    assert newer.release.generated == "2025-04-24"
    assert newer.release.url == "https://www.sipri.org/databases/milex"
    assert older.release.release == "SIPRI Milex April 2024 release (data 1949-2023)"  # = sources.csv edition


def test_constant_price_sheet_is_found_by_its_title_not_its_name() -> None:
    """2024: 'Constant (2022) US$' feeds arms_milex_constant_2022_usd. 2025: 'Constant (2023) US$' has no indicator."""
    older = _rows(MILEX_2024)
    constant = older[older["indicator"] == "arms_milex_constant_2022_usd"]
    assert len(constant) == 64 and set(constant["unit"]) == {"USD million (constant 2022)"}
    assert constant["locator"].iloc[0].startswith("sheet 'Constant (2022) US$', row Azerbaijan")
    newer = parse(MILEX_2025)
    assert "arms_milex_constant_2022_usd" not in set(newer.tables["arms_milex"]["indicator"])
    assert any("'Constant (2023) US$'" in n and "no catalogue indicator" in n for n in newer.notes)


def test_renamed_sheets_and_a_moved_header_still_parse(tmp_path: Path) -> None:
    """Rename the constant sheet and push the 'Current US$' header down two rows: the same figures."""

    def edit(wb: openpyxl.Workbook) -> None:
        wb["Constant (2022) US$"].title = "Constant 2022 prices"
        wb["Current US$"].insert_rows(3, 2)

    rows = _rows(_edited(tmp_path, MILEX_2024, "moved.xlsx", edit))
    before = _rows(MILEX_2024)
    assert rows["value"].tolist() == before["value"].tolist()
    assert rows["locator"].str.contains("sheet 'Constant 2022 prices'").sum() == 64


def test_not_a_figure_cells_give_no_row(tmp_path: Path) -> None:
    """'...' (Azerbaijan 1991), and 'xxx' / empty / '. .' written into 2010-2013: no row for those years."""

    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Current US$"]
        row = next(c.row for c in ws["A"] if c.value == "Azerbaijan")
        columns = {c.value: c.column_letter for c in ws[6]}
        assert ws[f"{columns[1991]}{row}"].value == "..."
        for year, text in ((2010, "xxx"), (2011, ""), (2012, None), (2013, ". .")):
            ws[f"{columns[year]}{row}"] = text

    rows = _rows(_edited(tmp_path, MILEX_2025, "gaps.xlsx", edit))
    az = rows[(rows["indicator"] == "arms_milex_current_usd") & (rows["subject"] == "AZ")]["period"].tolist()
    assert az == [str(y) for y in range(1992, 2025) if y not in (2010, 2011, 2012, 2013)]
    ussr = next(
        r for r in openpyxl.load_workbook(MILEX_2025)["Current US$"].iter_rows(values_only=True) if r[0] == "USSR"
    )
    assert "xxx" in ussr  # the layout's own 'xxx' cells are kept in the fixture


def test_zero_in_a_money_sheet_is_not_a_figure() -> None:
    """Russia's current-US$ row holds 0 for 1987-1990 (before Russia existed) and 1992: no rows, listed in notes."""
    parsed = parse(MILEX_2025)
    rows = parsed.tables["arms_milex"]
    ru = rows[(rows["indicator"] == "arms_milex_current_usd") & (rows["subject"] == "RU")]["period"].tolist()
    assert ru == [str(y) for y in range(1993, 2025)]
    assert any("Russia 1987 (AO13)" in n and "Russia 1992 (AT13)" in n for n in parsed.notes)


def test_sniff_claims_milex_workbooks_only(tmp_path: Path) -> None:
    assert sniff(MILEX_2025, head(MILEX_2025))
    assert sniff(MILEX_2024, head(MILEX_2024))
    for other in (REGISTER_2025, TRANSFERS_2024):
        assert not sniff(other, head(other)), other.name
    other_book = openpyxl.Workbook()
    other_book.active["B2"] = "Exports, FOB to Partner Countries"
    other_book.save(tmp_path / "dots.xlsx")
    assert not sniff(tmp_path / "dots.xlsx", head(tmp_path / "dots.xlsx"))
    assert not sniff(tmp_path / "page.xlsx", HTML_PAGE)
    assert sipri_milex.FORMAT.sniff is sniff and sipri_milex.FORMAT.parse is parse


def _only(problems: list[Problem], rule: str) -> Problem:
    assert [p.rule for p in problems] == [rule], [p.line() for p in problems]
    return problems[0]


def test_renamed_sheet_without_its_country_header_is_rejected(tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Current US$"]
        ws.title = "Current USD"
        ws["A6"] = None

    p = _only(rejected(parse, _edited(tmp_path, MILEX_2025, "renamed.xlsx", edit)), "milex_header")
    assert (p.file, p.column) == ("renamed.xlsx", "sheet 'Current USD'")
    assert p.line() == (
        "renamed.xlsx: column 'sheet 'Current USD'' breaks rule 'milex_header': "
        "no 'Country' cell in column A of rows 1-40"
    )


def test_missing_measure_sheet_is_rejected(tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        wb["Share of GDP"]["A1"] = "Military expenditure by country, share (see notes)"

    p = _only(rejected(parse, _edited(tmp_path, MILEX_2025, "noshare.xlsx", edit)), "milex_sheet")
    assert "arms_milex_share_gdp" in p.message


def test_text_in_a_figure_cell_names_sheet_cell_and_value(tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Current US$"]
        row = next(c.row for c in ws["A"] if c.value == "Azerbaijan")
        column = next(c.column_letter for c in ws[6] if c.value == 2010)
        ws[f"{column}{row}"] = "n.a."

    p = _only(rejected(parse, _edited(tmp_path, MILEX_2025, "text.xlsx", edit)), "milex_value")
    assert (p.row, p.column, p.value) == (11, "sheet 'Current US$' cell BL11", "n.a.")


def test_duplicated_country_row_is_rejected(tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        wb["Share of GDP"]["A12"] = "Azerbaijan"

    p = _only(rejected(parse, _edited(tmp_path, MILEX_2025, "twice.xlsx", edit)), "milex_country_row")
    assert (p.column, p.value) == ("sheet 'Share of GDP'", "Azerbaijan")
    assert "A11, A12" in p.message


@pytest.mark.parametrize("cut", [0.5, 0.95])
def test_truncated_workbook_is_rejected(tmp_path: Path, cut: float) -> None:
    data = MILEX_2025.read_bytes()
    path = write(tmp_path, "cut.xlsx", data[: int(len(data) * cut)])
    assert not sniff(path, head(path))
    p = _only(rejected(parse, path), "milex_xlsx")
    assert p.file == "cut.xlsx"


def test_html_error_page_is_rejected(tmp_path: Path) -> None:
    _only(rejected(parse, write(tmp_path, "SIPRI-Milex-data-1949-2024.xlsx", HTML_PAGE)), "milex_xlsx")
