"""Reading raw files: encoding, delimiter, header and field-count checks come first."""

from __future__ import annotations

from pathlib import Path

import pytest
from indicators_support import DATA_RAW, MALFORMED, MINIMAL

from indicators.load import (
    FILE_COLUMN,
    LINE_COLUMN,
    RAW_FILES,
    RECORD_COLUMNS,
    load_raw,
    parse_csv_text,
    read_raw_file,
)


def test_minimal_fixture_loads_every_raw_file_as_text_without_problems() -> None:
    bundle = load_raw(MINIMAL)
    assert bundle.problems == []
    assert set(bundle.frames) == set(RAW_FILES)
    for name, frame in bundle.frames.items():
        assert list(frame.columns) == [*RAW_FILES[name], FILE_COLUMN, LINE_COLUMN]
        assert (frame[FILE_COLUMN] == name).all()
        # the header is line 1, so data start on line 2
        assert frame[LINE_COLUMN].tolist() == list(range(2, len(frame) + 2))
        for col in RAW_FILES[name]:
            assert frame[col].map(type).eq(str).all(), (name, col)


def test_every_shipped_raw_file_loads_without_problems() -> None:
    bundle = load_raw(DATA_RAW)
    assert bundle.problems == []
    assert set(bundle.frames) == set(RAW_FILES)


def test_empty_cells_stay_empty_text_not_missing() -> None:
    frame, _ = read_raw_file(MINIMAL / "trade_series.csv", RECORD_COLUMNS)
    assert frame is not None
    assert frame["subject"].eq("").all()


def test_missing_raw_files_are_each_reported(tmp_path: Path) -> None:
    bundle = load_raw(tmp_path)
    assert bundle.frames == {}
    assert sorted((p.file, p.row, p.rule) for p in bundle.problems) == sorted(
        (name, 0, "file_missing") for name in RAW_FILES
    )


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("header_wrong_order.csv", "columns are in the wrong order"),
        ("header_missing_column.csv", "missing ['unit']"),
        ("header_extra_column.csv", "unexpected ['comment']"),
    ],
)
def test_header_must_match_exactly(name: str, detail: str) -> None:
    frame, problems = read_raw_file(MALFORMED / name, RECORD_COLUMNS)
    assert frame is None
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.row, p.rule) == (name, 1, "header_expected")
    assert detail in p.message
    assert p.message.startswith("header must be " + ",".join(RECORD_COLUMNS))


@pytest.mark.parametrize(
    ("name", "line", "first_bytes"),
    [
        # 'données' in latin-1: 0xE9 is not a UTF-8 continuation
        ("latin1.csv", 3, "bytes e9"),
        # 'таблица' in cp1251
        ("cp1251.csv", 4, "bytes f2 e0"),
    ],
)
def test_non_utf8_bytes_are_reported_with_their_line(name: str, line: int, first_bytes: str) -> None:
    frame, problems = read_raw_file(MALFORMED / name, RECORD_COLUMNS)
    assert frame is None
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.row, p.rule) == (name, line, "encoding_utf8")
    assert p.value.startswith(first_bytes)
    assert f"{name}:{line}:" in p.line()


def test_utf8_byte_order_mark_is_accepted() -> None:
    frame, problems = read_raw_file(MALFORMED / "bom.csv", RECORD_COLUMNS)
    assert problems == []
    assert frame is not None
    assert frame["record_id"].tolist() == ["BO0001"]


def test_crlf_line_endings_are_accepted() -> None:
    frame, problems = read_raw_file(MALFORMED / "crlf.csv", RECORD_COLUMNS)
    assert problems == []
    assert frame is not None
    assert frame["note"].tolist() == ["", ""]
    assert frame[LINE_COLUMN].tolist() == [2, 3]


def test_semicolon_separated_file_breaks_delimiter_comma() -> None:
    frame, problems = read_raw_file(MALFORMED / "semicolon.csv", RECORD_COLUMNS)
    assert frame is None
    assert [(p.file, p.row, p.rule) for p in problems] == [("semicolon.csv", 1, "delimiter_comma")]
    assert "';'" in problems[0].message


def test_tab_separated_text_breaks_delimiter_comma() -> None:
    frame, problems = parse_csv_text("t.csv", "\t".join(RECORD_COLUMNS) + "\n", RECORD_COLUMNS)
    assert frame is None
    assert [p.rule for p in problems] == ["delimiter_comma"]


def test_rows_with_a_wrong_field_count_are_named_and_left_out() -> None:
    frame, problems = read_raw_file(MALFORMED / "field_count.csv", RECORD_COLUMNS)
    assert frame is not None
    assert [(p.row, p.rule) for p in problems] == [(3, "field_count"), (4, "field_count")]
    assert "12 fields" in problems[0].message
    assert "9 fields" in problems[1].message
    assert problems[0].value.startswith("FC0002,")
    # the good rows around them are kept with their own line numbers
    assert list(zip(frame["record_id"], frame[LINE_COLUMN], strict=True)) == [("FC0001", 2), ("FC0004", 5)]


def test_a_row_is_located_by_the_line_it_starts_on() -> None:
    # ML0001 spans lines 2-3 (quoted note), line 4 is blank, ML0002 is line 5, ML0003 line 6
    frame, problems = read_raw_file(MALFORMED / "multiline.csv", RECORD_COLUMNS)
    assert frame is not None
    assert list(zip(frame["record_id"], frame[LINE_COLUMN], strict=True)) == [("ML0001", 2), ("ML0002", 5)]
    assert frame["note"].iloc[0] == "a note that\nruns over two lines"
    assert [(p.row, p.rule) for p in problems] == [(6, "field_count")]


def test_broken_quoting_is_a_csv_syntax_problem() -> None:
    frame, problems = read_raw_file(MALFORMED / "bad_quote.csv", RECORD_COLUMNS)
    assert [(p.row, p.rule) for p in problems] == [(3, "csv_syntax")]
    assert frame is not None
    assert frame["record_id"].tolist() == ["BQ0001"]


def test_empty_file_has_no_header() -> None:
    frame, problems = read_raw_file(MALFORMED / "empty.csv", RECORD_COLUMNS)
    assert frame is None
    assert [(p.row, p.rule) for p in problems] == [(1, "header_missing")]


def test_header_only_file_gives_an_empty_frame() -> None:
    frame, problems = parse_csv_text("h.csv", ",".join(RECORD_COLUMNS) + "\n", RECORD_COLUMNS)
    assert problems == []
    assert frame is not None
    assert len(frame) == 0
    assert list(frame.columns) == [*RECORD_COLUMNS, FILE_COLUMN, LINE_COLUMN]


def test_junk_appended_to_a_raw_file_is_rejected_at_its_first_lines(tmp_path: Path) -> None:
    """10 MiB of junk lines with the right field count: reading stops after the cap, so the work is bounded."""
    import shutil

    from indicators.validation import MAX_PROBLEMS_PER_FILE

    raw = tmp_path / "raw"
    shutil.copytree(DATA_RAW, raw)
    energy = raw / "energy.csv"
    good_lines = energy.read_text(encoding="utf-8").count("\n")  # header + records, each ending in \n
    junk_line = ",".join(["junk"] * len(RAW_FILES["energy.csv"])) + "\n"
    with energy.open("a", encoding="utf-8") as fh:
        fh.write(junk_line * (10 * 1024 * 1024 // len(junk_line)))
    bundle = load_raw(raw)
    problems = [p for p in bundle.problems if p.file == "energy.csv"]
    first_junk = good_lines + 1
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert (problems[0].row, problems[0].column, problems[0].value, problems[0].rule) == (
        first_junk,
        "record_id",
        "junk",
        "id_format",
    )
    assert problems[-1].rule == "too_many_problems"
    assert problems[-1].row == first_junk + MAX_PROBLEMS_PER_FILE
    # the good rows are all kept; no junk row is
    assert len(bundle.frames["energy.csv"]) == good_lines - 1
    assert [p for p in bundle.problems if p.file != "energy.csv"] == []


def test_a_malformed_id_is_a_structure_problem_and_the_row_is_left_out() -> None:
    header = ",".join(RECORD_COLUMNS)
    good = "EN0001,energy_oil_production_mt,BP,AZ,1990,12.5,million tonnes,bp-sr-2021,row,statistical_review,"
    bad = "en1,energy_oil_production_mt,BP,AZ,1991,12.5,million tonnes,bp-sr-2021,row,statistical_review,"
    frame, problems = parse_csv_text("energy.csv", f"{header}\n{good}\n{bad}\n", RECORD_COLUMNS, r"^[A-Z]{2}\d{4}$")
    assert frame is not None and frame["record_id"].tolist() == ["EN0001"]
    assert [(p.row, p.column, p.value, p.rule) for p in problems] == [(3, "record_id", "en1", "id_format")]
