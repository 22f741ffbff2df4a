"""The Statistical Review panel CSV parser: the bp 2021 sample reproduces the bp-sr-2021 rows of data/raw."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators.importers.formats import bp_panel, ei_workbook, imf_dots
from indicators.importers.model import FileRejected

TESTS = Path(__file__).parents[2]
OFFICIAL = TESTS / "fixtures" / "official"
DATA_RAW = TESTS.parent / "data" / "raw"
BP_FILE = OFFICIAL / "bp-stats-review-2021-consolidated-dataset-panel-format.csv"
KEY = ["indicator", "subject", "period"]


def head(path: Path) -> bytes:
    return path.read_bytes()[:65536]


def rejection(path: Path) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        bp_panel.parse(path)
    return caught.value


def edited(tmp_path: Path, old: bytes, new: bytes, count: int = 1) -> Path:
    """A copy of the fixture (same name) with bytes replaced."""
    data = BP_FILE.read_bytes()
    assert data.count(old) >= count
    path = tmp_path / BP_FILE.name
    path.write_bytes(data.replace(old, new, count))
    return path


def test_bp_fixture_keeps_the_sample_layout() -> None:
    data = BP_FILE.read_bytes()
    assert data.startswith(b"Country,Year,pop,ISO3166_alpha3,")
    assert data.count(b"\r\n") == data.count(b"\n") == 117
    assert b"E-" in data  # scientific notation kept


def test_bp_fixture_reproduces_the_bp_sr_2021_rows_of_data_raw() -> None:
    raw = pd.read_csv(DATA_RAW / "energy.csv", dtype=str, keep_default_na=False)
    expected = raw[raw["source_id"] == "bp-sr-2021"].drop(columns=["record_id", "source_id", "locator"])
    got = bp_panel.parse(BP_FILE).tables["energy"]
    assert len(expected) == 228
    both = expected.merge(got.drop(columns="locator"), on=KEY, how="left", suffixes=("", "_file"), validate="1:1")
    for column in ("reporter", "value", "unit", "confidence", "note"):
        assert both[column].tolist() == both[f"{column}_file"].tolist(), column
    # the file also has 1985-1989, which data/raw does not hold (5 years x 3 series x 2 countries)
    extra = got.merge(expected[KEY], on=KEY, how="left", indicator=True).query("_merge == 'left_only'")
    assert sorted(extra["period"].unique()) == ["1985", "1986", "1987", "1988", "1989"]
    assert len(extra) == 30


def test_bp_values_by_hand() -> None:
    rows = bp_panel.parse(BP_FILE).tables["energy"].set_index(KEY)
    # Azerbaijan 2020 cells: oilprod_mt 35.09972344, oilprod_kbd 716.1033762, gasprod_bcm 25.84354665
    assert rows.loc[("energy_oil_production_mt", "AZ", "2020"), "value"] == "35.0997"
    assert rows.loc[("energy_oil_production_kbd", "AZ", "2020"), "value"] == "716.1"
    assert rows.loc[("energy_gas_production_marketed_bcm", "AZ", "2020"), "value"] == "25.8435"
    # 6109.998246575343 kb/d in 1998 keeps its trailing zero, like the raw row; 5.092039823 bcm drops it
    assert rows.loc[("energy_oil_production_kbd", "RU", "1998"), "value"] == "6110.0"
    assert rows.loc[("energy_gas_production_marketed_bcm", "AZ", "1998"), "value"] == "5.092"
    assert rows.loc[("energy_oil_production_mt", "AZ", "2020"), "locator"] == (
        "row Azerbaijan 2020 (line 59), column 'oilprod_mt'"
    )
    assert set(rows["reporter"]) == {"BP"}
    # pre-1985 cells are empty in the panel (not 0): no row
    assert not rows.index.get_level_values("period").isin([str(y) for y in range(1965, 1985)]).any()


def test_bp_release_is_inferred_from_the_last_data_year() -> None:
    parsed = bp_panel.parse(BP_FILE)
    assert parsed.release.product == "bp-sr"
    assert parsed.release.release == "BP Statistical Review 2021 (data to 2020)"
    assert parsed.release.cite_as == "BP Statistical Review of World Energy 2021"
    assert "bp.com" in parsed.release.url


def test_bp_panel_with_data_to_2023_is_an_energy_institute_edition(tmp_path: Path) -> None:
    path = edited(tmp_path, b"\r\nAlgeria,2020,", b"\r\nAlgeria,2023,")
    parsed = bp_panel.parse(path)
    assert parsed.release.product == "ei-sr"
    assert parsed.release.release == "EI Statistical Review 2024 (data to 2023)"
    assert set(parsed.tables["energy"]["reporter"]) == {"EI"}


def test_bp_lf_line_endings_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / BP_FILE.name
    path.write_bytes(BP_FILE.read_bytes().replace(b"\r\n", b"\n"))
    lf = bp_panel.parse(path).tables["energy"]
    pd.testing.assert_frame_equal(lf, bp_panel.parse(BP_FILE).tables["energy"])


def test_bp_wrong_encoding_is_rejected_naming_the_line(tmp_path: Path) -> None:
    # Latin-1 bytes (é = 0xE9) where UTF-8/ASCII is expected, on line 2 (Algeria 2020)
    [problem] = rejection(edited(tmp_path, b"\r\nAlgeria,", b"\r\nAlg\xe9rie,")).problems
    assert (problem.file, problem.row, problem.rule) == (BP_FILE.name, 2, "encoding_utf8")
    assert problem.value.startswith("bytes e9")


def test_bp_utf16_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / BP_FILE.name
    path.write_bytes(BP_FILE.read_text().encode("utf-16"))
    assert not bp_panel.sniff(path, head(path))
    [problem] = rejection(path).problems
    assert problem.rule == "encoding_utf8"


def test_bp_bad_number_is_rejected_naming_line_column_value(tmp_path: Path) -> None:
    # Azerbaijan 2020 is line 59 (after Algeria 2020 and Angola 1965); its oilprod_mt cell 35.09972344 becomes text
    [problem] = rejection(edited(tmp_path, b",35.09972344,", b",35.1 est,")).problems
    assert (problem.row, problem.column, problem.value, problem.rule) == (59, "oilprod_mt", "35.1 est", "panel_number")


def test_bp_duplicated_header_row_is_rejected(tmp_path: Path) -> None:
    header = BP_FILE.read_bytes().split(b"\r\n")[0]
    path = tmp_path / BP_FILE.name
    path.write_bytes(BP_FILE.read_bytes() + header + b"\r\n")
    [problem] = rejection(path).problems
    assert (problem.row, problem.rule) == (118, "panel_header_once")


def test_bp_missing_column_is_rejected(tmp_path: Path) -> None:
    [problem] = rejection(edited(tmp_path, b",oilprod_mt,", b",oilprod_mtoe,")).problems
    assert (problem.row, problem.column, problem.rule) == (1, "oilprod_mt", "panel_header")


def test_bp_truncated_line_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / BP_FILE.name
    data = BP_FILE.read_bytes()[:-300]
    path.write_bytes(data)
    problems = rejection(path).problems
    # the download stops inside its last line, which has fewer fields than the header
    assert [(p.row, p.rule) for p in problems] == [(data.count(b"\n") + 1, "panel_width")]


def test_bp_html_page_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / BP_FILE.name
    path.write_text("<!DOCTYPE html>\n<html><body>Access denied</body></html>\n")
    assert not bp_panel.sniff(path, head(path))
    [problem] = rejection(path).problems
    assert (problem.row, problem.value, problem.rule) == (1, "<!DOCTYPE html>", "panel_header")


def test_bp_sniff_claims_the_panel_and_nothing_else(tmp_path: Path) -> None:
    tiv = tmp_path / "import-export-values_1950-2024.csv"
    tiv.write_text(
        "Volume of transfers of major arms\nFigures are in millions of SIPRI trend-indicator values (TIVs).\n"
    )
    assert bp_panel.sniff(BP_FILE, head(BP_FILE))
    for other in (OFFICIAL / "DOTS_13.xlsx", OFFICIAL / "EI-Stats-Review-All-Data-2024.xlsx", tiv):
        assert not bp_panel.sniff(other, head(other)), other.name
    assert not imf_dots.sniff(BP_FILE, head(BP_FILE))
    assert not ei_workbook.sniff(BP_FILE, head(BP_FILE))
