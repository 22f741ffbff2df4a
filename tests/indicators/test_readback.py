"""The build's read-back check (indicators.readback): a written table must read back as the validated frame."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from indicators import pipeline
from indicators.problems import BuildFailed
from indicators.readback import RULE, read_back_problems

DATA_CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"


def frame(values: list[float | None], notes: list[str | None], dates: str = "datetime64[ns]") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "value": pd.Series(values, dtype="float64"),
            "note": pd.Series(notes, dtype="str"),
            "date": pd.Series(["2014-01-01", "2015-06-30"], dtype=dates),
        }
    )


def test_a_table_read_back_as_written_has_no_problem() -> None:
    # an empty note is written as an empty field and reads back missing; dates may come back at another unit
    written = frame([1.5, None], ["", "x"])
    back = frame([1.5, None], [None, "x"], dates="datetime64[us]")
    assert read_back_problems("observations.csv", written, back) == []


def test_a_cell_that_reads_back_otherwise_is_named_by_file_line_column_and_value() -> None:
    written = frame([1.5, 2.0], ["a", "x"])
    back = frame([1.5, 2.5], ["a", "y"])
    found = read_back_problems("observations.csv", written, back)
    assert [(p.file, p.row, p.column, p.value, p.rule) for p in found] == [
        ("observations.csv", 3, "value", "2.5", RULE),  # line 3: the header is line 1
        ("observations.csv", 3, "note", "y", RULE),
    ]
    assert found[0].message == "the written file reads back 2.5 where the validated table has 2.0"


def test_a_table_that_reads_back_shorter_is_a_file_problem() -> None:
    found = read_back_problems("events.csv", frame([1.5, 2.0], ["a", "x"]), frame([1.5, 2.0], ["a", "x"]).iloc[:1])
    assert [(p.file, p.row, p.rule) for p in found] == [("events.csv", 0, RULE)]


def test_a_corrupted_write_fails_the_build_and_leaves_clean_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(DATA_CLEAN, clean)
    before = {p.name: p.read_bytes() for p in clean.iterdir()}
    write = pipeline._write_csv

    def corrupting(table: pd.DataFrame, path: Path) -> None:
        write(table, path)
        if path.name == "observations.csv":  # the disk keeps another number than the one validated
            lines = path.read_text().split("\n")
            header = lines[0].split(",")
            cells = lines[1].split(",")
            cells[header.index("year")] = "1066"
            lines[1] = ",".join(cells)
            path.write_text("\n".join(lines))

    monkeypatch.setattr(pipeline, "_write_csv", corrupting)
    with pytest.raises(BuildFailed) as err:
        pipeline.run(clean_dir=clean, failure_report=tmp_path / "report.txt")
    found = [(p.file, p.row, p.column, p.value, p.rule) for p in err.value.problems]
    assert ("observations.csv", 2, "year", "1066", RULE) in found
    assert {p.name: p.read_bytes() for p in clean.iterdir()} == before
