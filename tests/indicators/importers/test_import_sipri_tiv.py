"""The SIPRI TIV table format: legacy and portal layouts, views, zeros, release dates, layout defects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from importers_support import (
    HANDMADE_2023,
    LEGACY_ALL,
    LEGACY_RUS,
    PORTAL_RECIPIENT,
    PORTAL_SUPPLIER,
    raw_rows,
)
from indicators_support import DATA_RAW

from indicators.importers.formats import sipri_tiv
from indicators.importers.model import FileRejected


def _values(path: Path) -> dict[str, str]:
    frame = sipri_tiv.parse(path).tables["arms_tiv"]
    return dict(zip(frame["period"], frame["value"], strict=True))


def test_legacy_exporter_table_reproduces_the_march_2022_rows_of_data_raw() -> None:
    parsed = sipri_tiv.parse(LEGACY_RUS)
    frame = parsed.tables["arms_tiv"]
    in_raw = [r for r in raw_rows(DATA_RAW, "arms_tiv.csv") if r["source_id"] == "sipri-atdb-2022-rus"]
    assert len(in_raw) == 12
    expected = {(r["indicator"], r["reporter"], r["subject"], r["period"], r["value"], r["unit"]) for r in in_raw}
    got = {tuple(r) for r in frame[["indicator", "reporter", "subject", "period", "value", "unit"]].to_numpy()}
    assert got == expected
    assert parsed.release.release == "SIPRI Arms Transfers Database, March 2022 update (data to 2021)"
    assert parsed.release.generated == "2022-07-28"
    assert parsed.release.variant == "russia"
    assert set(frame["confidence"]) == {"statistical_review"}
    assert frame["locator"].iloc[0] == (
        "file TIV-Export-RUS-1950-2021.csv, exporter table of Russia, row Azerbaijan, column 2007"
    )


def test_legacy_importer_table_gives_azerbaijan_totals_and_no_row_for_empty_cells() -> None:
    parsed = sipri_tiv.parse(LEGACY_ALL)
    frame = parsed.tables["arms_tiv"]
    assert set(frame["subject"]) == {"all suppliers"}
    values = _values(LEGACY_ALL)
    # the Azerbaijan row: 50, 25 in 1993-94, ..., 44 and 37 in 2019-20, 2021-22 empty
    assert len(values) == 21
    assert (values["1993"], values["2005"], values["2014"], values["2020"]) == ("50", "53", "621", "37")
    assert "1995" not in values and "2021" not in values and "2022" not in values
    assert parsed.release.release == "SIPRI Arms Transfers Database, March 2023 update (data to 2022)"
    assert parsed.release.variant == "importers"


def test_portal_recipient_table_reads_release_from_data_generated_and_skips_the_empty_final_year() -> None:
    parsed = sipri_tiv.parse(PORTAL_RECIPIENT)
    assert parsed.release.generated == "2024-10-13"
    assert parsed.release.release == "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
    values = _values(PORTAL_RECIPIENT)
    assert len(values) == 23
    assert (values["2005"], values["2020"], values["2022"], values["2023"]) == ("59", "51", "19", "9")
    assert "2021" not in values and "2024" not in values


def test_portal_zero_with_trailing_space_stays_zero(tmp_path: Path) -> None:
    text = PORTAL_RECIPIENT.read_text()
    row = next(line for line in text.split("\n") if line.startswith("Azerbaijan,"))
    cells = row.split(",")
    cells[72] = "0 "  # column 2021 (1950 is column 1), empty in the sample
    path = tmp_path / PORTAL_RECIPIENT.name
    path.write_text(text.replace(row, ",".join(cells)))
    assert _values(path)["2021"] == "0"


def test_portal_supplier_view_maps_nothing_and_says_why() -> None:
    parsed = sipri_tiv.parse(PORTAL_SUPPLIER)
    assert parsed.tables == {}
    assert any("names no recipient selection" in n for n in parsed.notes)


def test_header_is_found_by_content_when_the_preamble_grows(tmp_path: Path) -> None:
    lines = LEGACY_RUS.read_text().split("\n")
    path = tmp_path / "longer-preamble.csv"
    path.write_text("\n".join([*lines[:3], "A new preamble line" + "," * 74, *lines[3:]]))
    assert _values(path) == _values(LEGACY_RUS)
    assert "header on line 12" in sipri_tiv.parse(path).notes[0]


@pytest.mark.parametrize(
    ("generated", "update"),
    [
        (dt.date(2022, 7, 28), 2022),
        (dt.date(2023, 12, 11), 2023),
        (dt.date(2025, 3, 1), 2025),
        (dt.date(2025, 2, 27), 2024),
    ],
)
def test_release_is_the_march_update_before_the_generation_date(generated: dt.date, update: int) -> None:
    assert sipri_tiv.release_for(generated)[0] == update


def test_values_in_the_release_year_contradict_the_generation_date(tmp_path: Path) -> None:
    path = tmp_path / "early.csv"
    path.write_text(HANDMADE_2023.read_text().replace("Generated: 14 March 2023", "Generated: 14 February 2023"))
    with pytest.raises(FileRejected) as exc:
        sipri_tiv.parse(path)
    assert [p.rule for p in exc.value.problems] == ["tiv_release_year"]
    assert exc.value.problems[0].value == "2022"


def test_a_non_integer_cell_is_reported_with_line_and_year(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(LEGACY_RUS.read_text().replace(",550,", ",5x0,"))
    with pytest.raises(FileRejected) as exc:
        sipri_tiv.parse(path)
    (problem,) = exc.value.problems
    assert (problem.row, problem.column, problem.value, problem.rule) == (17, "2014", "5x0", "tiv_integer")


@pytest.mark.parametrize("path", [LEGACY_RUS, PORTAL_RECIPIENT])
def test_crlf_line_endings_parse_the_same(path: Path, tmp_path: Path) -> None:
    crlf = tmp_path / path.name
    crlf.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert sipri_tiv.sniff(crlf, crlf.read_bytes())
    assert _values(crlf) == _values(path)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("13 Oct 2024", dt.date(2024, 10, 13)),
        ("2 Sept. 2025", dt.date(2025, 9, 2)),
        ("28 July 2022", dt.date(2022, 7, 28)),
    ],
)
def test_generation_dates_in_short_and_long_month_forms(text: str, date: dt.date) -> None:
    assert sipri_tiv._parse_date(text) == date


def test_a_file_cut_at_a_line_end_before_the_total_row_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text("\n".join(LEGACY_RUS.read_text().split("\n")[:17]) + "\n")
    with pytest.raises(FileRejected) as exc:
        sipri_tiv.parse(path)
    (problem,) = exc.value.problems
    assert problem.rule == "tiv_truncated"
    assert "ends before the 'Total' row" in problem.message
