"""The Energy Institute all-data workbook parser: edition, sheets by pattern, zeros, hand-checked cells."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from official_support import head, sheet, workbook_variant

from indicators.importers.formats import bp_panel, ei_workbook, imf_dots
from indicators.importers.model import FileRejected

TESTS = Path(__file__).parents[2]
OFFICIAL = TESTS / "fixtures" / "official"
DATA_RAW = TESTS.parent / "data" / "raw"
EI_FILE = OFFICIAL / "EI-Stats-Review-All-Data-2024.xlsx"
KEY = ["indicator", "subject", "period"]


@pytest.fixture(scope="module")
def ei_rows() -> pd.DataFrame:
    return ei_workbook.parse(EI_FILE).tables["energy"].set_index(KEY)


def variant(tmp_path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    return workbook_variant(tmp_path, EI_FILE, change)


def rejection(path: Path) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        ei_workbook.parse(path)
    return caught.value


def test_ei_2023_cells_by_hand(ei_rows: pd.DataFrame) -> None:
    # README: Azerbaijan oil 2023 = 30.25 Mt / 620 kb/d, gas 35.56 bcm; Russia oil 541.66 Mt, gas 586.38 bcm.
    # The cells hold 30.249600000000004, 620.481287671233, 35.5580757, 541.6599344731981, 586.3821998724187.
    expected = {
        ("energy_oil_production_mt", "AZ", "2023"): "30.2496",
        ("energy_oil_production_kbd", "AZ", "2023"): "620.5",
        ("energy_gas_production_marketed_bcm", "AZ", "2023"): "35.5581",
        ("energy_oil_production_mt", "RU", "2023"): "541.6599",
        ("energy_gas_production_marketed_bcm", "RU", "2023"): "586.3822",
        ("energy_crude_condensate_production_kbd", "AZ", "2023"): "618.8",  # cell 618.7963561643836
        ("energy_oil_production_mt", "AZ", "1985"): "13.23",
        ("energy_oil_production_kbd", "RU", "1998"): "6110.0",  # cell 6109.998246575343, 1 decimal kept
    }
    assert {key: ei_rows.loc[key, "value"] for key in expected} == expected
    assert round(float(ei_rows.loc[("energy_oil_production_mt", "AZ", "2023"), "value"]), 2) == 30.25
    assert ei_rows.loc[("energy_oil_production_mt", "AZ", "2023"), "locator"] == (
        "sheet 'Oil Production - tonnes', row 'Azerbaijan' (sheet row 29), year column 2023"
    )


def test_ei_zero_means_not_applicable_and_gives_no_row(ei_rows: pd.DataFrame) -> None:
    # Azerbaijan and Russia hold 0 for 1965-1984 (oil) and 1970-1984 (gas): those years are not rows
    periods = ei_rows.reset_index().groupby(["indicator", "subject"])["period"].agg(["min", "max", "count"])
    assert periods.loc[("energy_oil_production_mt", "AZ")].tolist() == ["1985", "2023", 39]
    assert periods.loc[("energy_gas_production_marketed_bcm", "RU")].tolist() == ["1985", "2023", 39]
    assert periods.loc[("energy_crude_condensate_production_kbd", "RU")].tolist() == ["2000", "2023", 24]
    assert len(ei_rows) == 6 * 39 + 2 * 24
    assert "110 zero cell(s)" in " ".join(ei_workbook.parse(EI_FILE).notes)


def test_ei_growth_and_share_columns_are_not_years(ei_rows: pd.DataFrame) -> None:
    # row 3 ends 2023 (growth), '2013-23', 2023 (share): 2023's value is the yearly cell, not -0.0747 growth
    assert not ei_rows["value"].str.startswith("-").any()
    assert ei_rows.index.is_unique


def test_ei_rows_use_catalogue_indicators_in_their_units(ei_rows: pd.DataFrame) -> None:
    catalogue = pd.read_csv(DATA_RAW / "catalogue.csv", dtype=str, keep_default_na=False).set_index("indicator_id")
    canonical = {"million tonnes": "Mt", "thousand barrels/day": "kb/d", "bcm": "bcm"}
    for (indicator, _, _), unit in ei_rows["unit"].items():
        assert catalogue.loc[indicator, "unit"] == canonical[unit]
    assert set(ei_rows["reporter"]) == {"EI"}
    assert set(ei_rows["confidence"]) == {"statistical_review"}


def test_ei_gas_note_keeps_the_marketed_definition(ei_rows: pd.DataFrame) -> None:
    note = ei_rows.loc[("energy_gas_production_marketed_bcm", "AZ", "2023"), "note"]
    assert note.startswith("Marketed natural gas production (flared and reinjected gas excluded)")
    assert "EI's footnote: 'Excludes gas flared or recycled." in note


def test_ei_release_from_the_contents_title() -> None:
    release = ei_workbook.parse(EI_FILE).release
    assert release.product == "ei-sr"
    assert release.release == "EI Statistical Review 2024 (data to 2023)"
    assert release.cite_as == "Energy Institute Statistical Review of World Energy 2024"
    assert release.url == "https://www.energyinst.org/statistical-review"


def test_ei_fixture_keeps_the_sample_layout() -> None:
    workbook = openpyxl.load_workbook(EI_FILE)
    assert "Gas Prices " in workbook.sheetnames  # trailing space kept
    ws = sheet(workbook, "Oil Production - tonnes")
    assert [ws.cell(3, c).value for c in (1, 2, 60, 61, 62, 63)] == [
        "Million tonnes",
        1965,
        2023,
        2023,
        "2013-23",
        2023,
    ]
    assert ws["B29"].value == 0
    assert ws["A33"].value == "USSR"


def test_ei_sheet_names_with_trailing_spaces_and_other_case_are_found(tmp_path: Path) -> None:
    def rename(wb: openpyxl.Workbook) -> None:
        sheet(wb, "Gas Production - Bcm").title = "Gas production - bcm "
        sheet(wb, "Contents").title = "Contents "

    rows = ei_workbook.parse(variant(tmp_path, rename)).tables["energy"]
    gas = rows[rows["indicator"] == "energy_gas_production_marketed_bcm"]
    assert len(gas) == 78
    assert gas["locator"].iloc[0].startswith("sheet 'Gas production - bcm ', row 'Azerbaijan'")


def test_ei_renamed_sheet_is_rejected(tmp_path: Path) -> None:
    path = variant(tmp_path, lambda wb: setattr(sheet(wb, "Oil Production - tonnes"), "title", "Oil Prod Mt"))
    assert ei_workbook.sniff(path, head(path))
    [problem] = rejection(path).problems
    assert (problem.file, problem.column, problem.rule) == (EI_FILE.name, "sheets", "ei_sheets")
    assert "Oil Production - tonnes" in problem.message


def test_ei_missing_header_is_rejected(tmp_path: Path) -> None:
    def clear(wb: openpyxl.Workbook) -> None:
        for cell in sheet(wb, "Gas Production - Bcm")[3]:
            cell.value = None

    [problem] = rejection(variant(tmp_path, clear)).problems
    assert (problem.column, problem.rule) == ("'Gas Production - Bcm'", "ei_header")


def test_ei_duplicated_header_row_is_rejected(tmp_path: Path) -> None:
    def repeat(wb: openpyxl.Workbook) -> None:
        ws = sheet(wb, "Oil Production - barrels")
        for cell in ws[3]:
            ws.cell(4, cell.column, cell.value)

    [problem] = rejection(variant(tmp_path, repeat)).problems
    assert (problem.row, problem.value, problem.rule) == (4, "rows 3, 4", "ei_header_once")


def test_ei_other_unit_is_rejected_naming_the_cell(tmp_path: Path) -> None:
    path = variant(tmp_path, lambda wb: setattr(sheet(wb, "Gas Production - Bcm")["A3"], "value", "Exajoules"))
    [problem] = rejection(path).problems
    assert (problem.row, problem.column, problem.value, problem.rule) == (
        3,
        "'Gas Production - Bcm'!A3",
        "Exajoules",
        "ei_unit",
    )


def test_ei_text_cell_is_rejected_and_dash_is_no_figure(tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = sheet(wb, "Oil Production - tonnes")
        ws["BH29"] = "30.2 est"  # Azerbaijan 2023
        ws["BH31"] = "-"  # Russia 2023: EI's "not applicable" mark

    [problem] = rejection(variant(tmp_path, edit)).problems
    assert (problem.row, problem.column, problem.value, problem.rule) == (
        29,
        "'Oil Production - tonnes'!BH29",
        "30.2 est",
        "ei_value",
    )


def test_ei_edition_missing_is_rejected(tmp_path: Path) -> None:
    path = variant(tmp_path, lambda wb: setattr(sheet(wb, "Contents")["A2"], "value", "Statistical Review"))
    [problem] = rejection(path).problems
    assert (problem.value, problem.rule) == ("Statistical Review", "ei_edition")


def test_ei_truncated_and_html_downloads_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / EI_FILE.name
    path.write_bytes(EI_FILE.read_bytes()[:30000])
    assert not ei_workbook.sniff(path, head(path))
    assert rejection(path).problems[0].rule == "xlsx_complete"
    path.write_bytes(b"<html><head><title>404 Not Found</title></head></html>")
    assert rejection(path).problems[0].rule == "xlsx_zip"


def test_ei_sniff_claims_the_workbook_and_nothing_else() -> None:
    assert ei_workbook.sniff(EI_FILE, head(EI_FILE))
    for other in (OFFICIAL / "DOTS_13.xlsx", OFFICIAL / "bp-stats-review-2021-consolidated-dataset-panel-format.csv"):
        assert not ei_workbook.sniff(other, head(other)), other.name
    assert not imf_dots.sniff(EI_FILE, head(EI_FILE))
    assert not bp_panel.sniff(EI_FILE, head(EI_FILE))


def test_ei_parse_rejects_a_dots_export() -> None:
    with pytest.raises(FileRejected) as caught:
        ei_workbook.parse(OFFICIAL / "DOTS_13.xlsx")
    assert caught.value.problems[0].rule == "ei_sheets"


def test_ei_without_the_crude_and_condensate_sheet_imports_the_rest(tmp_path: Path) -> None:
    def drop(wb: openpyxl.Workbook) -> None:
        del wb["Crude+cond production - barrels"]

    parsed = ei_workbook.parse(variant(tmp_path, drop))
    assert set(parsed.tables["energy"]["indicator"]) == {
        "energy_oil_production_mt",
        "energy_oil_production_kbd",
        "energy_gas_production_marketed_bcm",
    }
    assert "Sheet 'Crude+cond production - barrels' not found: its series is not imported." in parsed.notes
