"""The IMF DOTS Excel export parser: the samples reproduce data/raw, cells and layout defects are rejected."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from official_support import sheet
from official_support import workbook_variant as variant

from indicators.importers.formats import bp_panel, ei_workbook, imf_dots
from indicators.importers.model import FileRejected

TESTS = Path(__file__).parents[2]
OFFICIAL = TESTS / "fixtures" / "official"
DATA_RAW = TESTS.parent / "data" / "raw"
AZ_FILE = OFFICIAL / "DOTS_13.xlsx"
RU_FILE = OFFICIAL / "DOTS_162.xlsx"
EI_FILE = OFFICIAL / "EI-Stats-Review-All-Data-2024.xlsx"
BP_FILE = OFFICIAL / "bp-stats-review-2021-consolidated-dataset-panel-format.csv"


def head(path: Path) -> bytes:
    return path.read_bytes()[:65536]


def raw_rows(source_id: str) -> pd.DataFrame:
    raw = pd.read_csv(DATA_RAW / "trade_series.csv", dtype=str, keep_default_na=False)
    return raw[raw["source_id"] == source_id].drop(columns=["record_id", "source_id"]).reset_index(drop=True)


def rejection(path: Path) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        imf_dots.parse(path)
    return caught.value


@pytest.mark.parametrize(("path", "source_id"), [(AZ_FILE, "imf-dots-aze-2022"), (RU_FILE, "imf-dots-rus-2022")])
def test_dots_fixture_reproduces_the_dots_rows_of_data_raw(path: Path, source_id: str) -> None:
    expected = raw_rows(source_id)
    got = imf_dots.parse(path).tables["trade_series"]
    assert sorted(expected["period"].unique()) == [str(y) for y in range(1992, 2021)]
    pd.testing.assert_frame_equal(got, expected)


def test_dots_az_file_values_by_hand() -> None:
    rows = imf_dots.parse(AZ_FILE).tables["trade_series"].set_index(["indicator", "period"])
    # README: Azerbaijan's 2020 exports to Russia 709.47, imports from Russia 1962.29 (display); the cells hold
    # 709.4743 and 1962.2889; World exports 1992 is 1571.249059599046 in the cell, written with 4 decimals
    assert rows.loc[("trade_az_to_ru", "2020"), "value"] == "709.4743"
    assert rows.loc[("trade_ru_to_az", "2020"), "value"] == "1962.2889"
    assert rows.loc[("trade_az_world_exports", "1992"), "value"] == "1571.2491"
    assert rows.loc[("trade_az_to_ru", "1996"), "value"] == "111.39"
    assert rows.loc[("trade_az_to_ru", "2020"), "locator"] == (
        "sheet 'Exports, FOB', partner row 'Russian Federation' (sheet row 86), year column 2020"
    )
    assert set(rows["reporter"]) == {"AZ"}
    assert set(rows["unit"]) == {"USD million"}


def test_dots_empty_cells_give_no_row() -> None:
    rows = imf_dots.parse(RU_FILE).tables["trade_series"]
    # Russia's file has no figure for Azerbaijan in 1992-1993 (empty cells): 27 years, starting 1994
    to_az = rows[rows["indicator"] == "trade_ru_to_az"]
    assert len(to_az) == 27
    assert to_az["period"].iloc[0] == "1994"


def test_dots_release_says_what_the_file_cannot() -> None:
    parsed = imf_dots.parse(RU_FILE)
    assert parsed.format_name == "imf-dots-xlsx"
    assert parsed.release.product == "imf-dots-rus"
    assert parsed.release.release == "DOTS export, download date unknown (annual data to 2020)"
    assert parsed.release.generated is None
    assert parsed.release.url.startswith("https://data.imf.org/")
    assert parsed.release.title == (
        "DOTS country workbook for Russian Federation: exports FOB and imports CIF by partner, annual"
    )
    assert any("--release" in note for note in parsed.notes)


def test_dots_estimate_cell_keeps_its_number_and_says_so(tmp_path: Path) -> None:
    # 'Exports, FOB' AE86 is Russia 2020 (709.4743 in the file); written as an IMF estimate it must stay
    path = variant(tmp_path, AZ_FILE, lambda wb: setattr(sheet(wb, "Exports, FOB")["AE86"], "value", "709.47 e"))
    rows = imf_dots.parse(path).tables["trade_series"].set_index(["indicator", "period"])
    row = rows.loc[("trade_az_to_ru", "2020")]
    assert row["value"] == "709.47"
    assert row["note"].endswith("The file marks this figure as an IMF estimate (cell text '709.47 e').")
    assert "IMF estimate" not in rows.loc[("trade_az_to_ru", "2019"), "note"]


def test_dots_fixture_keeps_the_estimate_cells_of_the_sample() -> None:
    ws = sheet(openpyxl.load_workbook(AZ_FILE), "Exports, FOB")
    assert ws["B88"].value == "Serbia and Montenegro"
    assert ws["K88"].value == "5.46 e"
    assert ws["C7"].value == "1992"
    assert "B2:G3" in {str(r) for r in ws.merged_cells.ranges}


def test_dots_text_cell_is_rejected_naming_sheet_cell_value_and_rule(tmp_path: Path) -> None:
    path = variant(tmp_path, AZ_FILE, lambda wb: setattr(sheet(wb, "Imports, CIF")["C100"], "value", "n.a."))
    [problem] = rejection(path).problems
    assert (problem.file, problem.row, problem.column, problem.value, problem.rule) == (
        "DOTS_13.xlsx",
        100,
        "'Imports, CIF'!C100",
        "n.a.",
        "dots_value",
    )


def test_dots_renamed_sheet_is_rejected(tmp_path: Path) -> None:
    path = variant(tmp_path, AZ_FILE, lambda wb: setattr(sheet(wb, "Imports, CIF"), "title", "Imports"))
    assert imf_dots.sniff(path, head(path))  # still claimed: the other sheet is there
    [problem] = rejection(path).problems
    assert problem.rule == "dots_sheets"
    assert problem.value == "Exports, FOB, Imports"
    assert "Imports, CIF" in problem.message


def test_dots_missing_header_is_rejected(tmp_path: Path) -> None:
    def clear_header(wb: openpyxl.Workbook) -> None:
        for cell in sheet(wb, "Exports, FOB")[7]:
            cell.value = None

    [problem] = rejection(variant(tmp_path, AZ_FILE, clear_header)).problems
    assert (problem.file, problem.column, problem.rule) == ("DOTS_13.xlsx", "'Exports, FOB'", "dots_header")


def test_dots_duplicated_header_row_is_rejected(tmp_path: Path) -> None:
    def repeat_header(wb: openpyxl.Workbook) -> None:
        ws = sheet(wb, "Exports, FOB")
        ws.insert_rows(8)
        for cell in ws[7]:
            ws.cell(8, cell.column, cell.value)

    [problem] = rejection(variant(tmp_path, AZ_FILE, repeat_header)).problems
    assert (problem.row, problem.value, problem.rule) == (8, "rows 7, 8", "dots_header_once")


def test_dots_other_unit_is_rejected(tmp_path: Path) -> None:
    path = variant(tmp_path, RU_FILE, lambda wb: setattr(sheet(wb, "Exports, FOB")["B5"], "value", "SDRs, Millions"))
    [problem] = rejection(path).problems
    assert (problem.row, problem.value, problem.rule) == (5, "SDRs, Millions", "dots_unit")


def test_dots_other_reporter_is_rejected(tmp_path: Path) -> None:
    def kazakhstan(wb: openpyxl.Workbook) -> None:
        for name in ("Exports, FOB", "Imports, CIF"):
            sheet(wb, name)["B4"] = "Kazakhstan, Rep. of"

    [problem] = rejection(variant(tmp_path, AZ_FILE, kazakhstan)).problems
    assert (problem.value, problem.rule) == ("Kazakhstan, Rep. of", "dots_reporter")


def test_dots_truncated_download_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "DOTS_13.xlsx"
    data = AZ_FILE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert not imf_dots.sniff(path, head(path))
    [problem] = rejection(path).problems
    assert (problem.file, problem.value, problem.rule) == ("DOTS_13.xlsx", f"{len(data) // 2} bytes", "xlsx_complete")


def test_dots_html_page_saved_as_xlsx_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "DOTS_13.xlsx"
    path.write_text("<!DOCTYPE html><html><body>Session expired</body></html>")
    assert not imf_dots.sniff(path, head(path))
    [problem] = rejection(path).problems
    assert problem.rule == "xlsx_zip"
    assert problem.value.startswith("<!DOCTYPE html>")
    assert "HTML page" in problem.message


def test_dots_sniff_claims_dots_and_nothing_else(tmp_path: Path) -> None:
    milex = tmp_path / "SIPRI-Milex-data-1949-2024.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Front page"  # type: ignore[union-attr]
    workbook.create_sheet("Current US$")
    workbook.save(milex)
    tiv = tmp_path / "TIV-Export-RUS-1950-2021.csv"
    tiv.write_text('"TIV of arms exports from Russia, 1950-2021",,\n')
    assert imf_dots.sniff(AZ_FILE, head(AZ_FILE))
    assert imf_dots.sniff(RU_FILE, head(RU_FILE))
    for other in (EI_FILE, BP_FILE, milex, tiv):
        assert not imf_dots.sniff(other, head(other)), other.name
    assert not ei_workbook.sniff(AZ_FILE, head(AZ_FILE))
    assert not bp_panel.sniff(AZ_FILE, head(AZ_FILE))


def test_dots_parse_rejects_the_ei_workbook(tmp_path: Path) -> None:
    path = tmp_path / EI_FILE.name
    shutil.copy(EI_FILE, path)
    [problem] = rejection(path).problems
    assert problem.rule == "dots_sheets"


def test_dots_parse_rejects_a_csv_and_a_zip_that_is_no_workbook(tmp_path: Path) -> None:
    [problem] = rejection(BP_FILE).problems
    assert (problem.file, problem.rule) == (BP_FILE.name, "xlsx_zip")
    assert problem.message == "the file is not an Excel .xlsx workbook (no zip header)"
    path = tmp_path / "DOTS_13.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert not imf_dots.sniff(path, head(path))
    assert rejection(path).problems[0].rule == "xlsx_complete"


def test_dots_quarterly_export_is_rejected_as_part_years(tmp_path: Path) -> None:
    def quarterly(wb: openpyxl.Workbook) -> None:
        ws = sheet(wb, "Exports, FOB")
        for column in range(3, 32):
            ws.cell(7, column, f"{2013 + (column - 3) // 4}Q{(column - 3) % 4 + 1}")

    [problem] = rejection(variant(tmp_path, AZ_FILE, quarterly)).problems
    assert (problem.value, problem.rule) == ("2013Q1", "dots_annual_only")
