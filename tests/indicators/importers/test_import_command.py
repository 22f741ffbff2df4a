"""``python -m indicators import``: releases, validation, snapshots, the revision report, exit codes.

Every import goes into a scratch copy of data/raw (``--raw``); data/ of the
repository is never written.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from importers_support import (
    HANDMADE_2023,
    LEGACY_ALL,
    LEGACY_RUS,
    OFFICIAL,
    PORTAL_RECIPIENT,
    PORTAL_SUPPLIER,
    raw_rows,
    scratch_data,
)
from indicators_support import DATA_RAW, tree_digest

from indicators import pipeline
from indicators.__main__ import main
from indicators.importers import command
from indicators.importers.plan import release_slug
from indicators.load import load_raw


def _import(capsys: pytest.CaptureFixture[str], path: Path, raw: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["import", str(path), "--raw", str(raw), *extra])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return scratch_data(tmp_path)


def test_legacy_russia_table_is_recognised_as_the_march_2022_release_already_in_data_raw(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_digest(raw.parent)
    code, out, _ = _import(capsys, LEGACY_RUS, raw)
    assert code == 0
    assert "nothing new" in out and "same figures (sipri-atdb-2022-rus)" in out
    assert tree_digest(raw.parent) == before


def test_legacy_russia_table_imported_afresh_reproduces_the_march_2022_rows(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiv = raw / "arms_tiv.csv"
    lines = tiv.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if ",sipri-atdb-2022-rus," not in line]
    assert len(lines) - len(kept) == 12
    tiv.write_text("".join(kept), encoding="utf-8")
    original = [r for r in raw_rows(DATA_RAW, "arms_tiv.csv") if r["source_id"] == "sipri-atdb-2022-rus"]
    code, out, _ = _import(capsys, LEGACY_RUS, raw)
    assert code == 0
    assert "as source sipri-atdb-2022-03-russia: 12 row(s) to arms_tiv.csv" in out
    imported = [r for r in raw_rows(raw, "arms_tiv.csv") if r["source_id"] == "sipri-atdb-2022-03-russia"]
    fields = ("indicator", "reporter", "subject", "period", "value", "unit", "confidence", "note")
    assert [tuple(r[f] for f in fields) for r in imported] == [tuple(r[f] for f in fields) for r in original]
    # ids continue the file's sequence (AT0385 is the last id left)
    assert [r["record_id"] for r in imported] == [f"AT{n:04d}" for n in range(386, 398)]


def test_legacy_russia_table_with_another_figure_is_refused_with_the_difference(
    raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = tmp_path / LEGACY_RUS.name
    changed.write_text(LEGACY_RUS.read_text().replace(",550,", ",551,"))
    before = tree_digest(raw.parent)
    code, _, err = _import(capsys, changed, raw)
    assert code == 1
    assert (
        "arms_tiv: arms_tiv_to_az / SIPRI / Russia / 2014: data/raw has 550 TIV million, the file has 551 TIV million"
        in err
    )
    assert "REJECTED" in err
    assert tree_digest(raw.parent) == before


def test_legacy_importer_table_matches_the_march_2023_importer_rows(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _import(capsys, LEGACY_ALL, raw)
    assert code == 0
    assert "same figures (sipri-atdb-2023)" in out


def test_portal_table_imports_rows_a_source_and_a_snapshot_once_and_the_build_passes(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _import(capsys, PORTAL_RECIPIENT, raw)
    assert code == 0
    sid = "sipri-atdb-2024-03-importers"
    rows = [r for r in raw_rows(raw, "arms_tiv.csv") if r["source_id"] == sid]
    assert [r["record_id"] for r in rows] == [f"AT{n:04d}" for n in range(386, 409)]
    assert {r["period"]: r["value"] for r in rows}["2005"] == "59"
    assert rows[-1]["locator"] == "file import-export-values_1950-2024.csv, importer table, row Azerbaijan, column 2023"
    (source,) = [s for s in raw_rows(raw, "sources.csv") if s["source_id"] == sid]
    sha = hashlib.sha256(PORTAL_RECIPIENT.read_bytes()).hexdigest()
    assert source["url"] == "https://www.sipri.org/databases/armstransfers"
    assert source["date"] == "2024-10-13"
    assert source["edition"] == "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
    assert source["copy_url"] == ""
    assert source["cite_as"] == "SIPRI Arms Transfers Database, March 2024 update"
    assert f"file import-export-values_1950-2024.csv, sha256 {sha}" in source["note"]
    snapshot = raw.parent / "snapshots" / "sipri-atdb" / "2024-03" / PORTAL_RECIPIENT.name
    assert snapshot.read_bytes() == PORTAL_RECIPIENT.read_bytes()
    # against sipri-atdb-2023 (importer table): 2005 53 -> 59 = +6, +11.3%; 2020 37 -> 51 = +14, +37.8%
    assert "revised       arms_tiv_to_az / SIPRI / all suppliers 2005: 53 -> 59 (+6, +11.3%)" in out
    assert "revised       arms_tiv_to_az / SIPRI / all suppliers 2020: 37 -> 51 (+14, +37.8%)" in out
    assert "arms_tiv.csv: 2 new year(s), 12 revised value(s), 0 disappeared against sipri-atdb-2023" in out
    _, problems, _ = pipeline.transform(load_raw(raw))
    assert problems == []
    # importing the same file twice changes nothing and says so
    after_first = tree_digest(raw.parent)
    code, out, _ = _import(capsys, PORTAL_RECIPIENT, raw)
    assert code == 0
    assert "nothing new: this file (sha256 " in out and "already imported as sipri-atdb-2024-03-importers" in out
    assert tree_digest(raw.parent) == after_first


def test_newer_release_reports_hand_computed_revisions(raw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _import(capsys, HANDMADE_2023, raw)
    assert code == 0
    # sipri-atdb-2022-rus: 2008 18, 2011 477, 2014 550, 2016 7, 2018 53; the hand-made March 2023 table:
    # 2008 20, 2011 480, 2014 500, 2016 0, 2018 empty, 2022 12 (other years unchanged)
    report = [line.strip() for line in out.splitlines()]
    start = report.index("arms_tiv.csv: 1 new year(s), 4 revised value(s), 1 disappeared against sipri-atdb-2022-rus")
    assert report[start + 1 : start + 7] == [
        "revised       arms_tiv_to_az / SIPRI / Russia 2008: 18 -> 20 (+2, +11.1%)",
        "revised       arms_tiv_to_az / SIPRI / Russia 2011: 477 -> 480 (+3, +0.6%)",
        "revised       arms_tiv_to_az / SIPRI / Russia 2014: 550 -> 500 (-50, -9.1%)",
        "revised       arms_tiv_to_az / SIPRI / Russia 2016: 7 -> 0 (-7, -100.0%)",
        "disappeared   arms_tiv_to_az / SIPRI / Russia 2018: was 53 in sipri-atdb-2022-rus",
        "new year      arms_tiv_to_az / SIPRI / Russia 2022: 12",
    ]
    assert {s["source_id"] for s in raw_rows(raw, "sources.csv")} >= {
        "sipri-atdb-2023-03-russia",
        "sipri-atdb-2022-rus",
    }


def test_another_file_claiming_an_imported_release_is_refused(
    raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(capsys, HANDMADE_2023, raw)[0] == 0
    other = tmp_path / "again.csv"
    other.write_text(HANDMADE_2023.read_text().replace(",480,", ",481,"))
    before = tree_digest(raw.parent)
    code, _, err = _import(capsys, other, raw)
    assert code == 1
    assert "sipri-atdb-2023-03-russia was imported from another file" in err
    assert "Russia / 2011: data/raw has 480 TIV million, the file has 481 TIV million" in err
    assert tree_digest(raw.parent) == before


def test_release_option_sets_the_edition_and_the_source_id(raw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, _ = _import(capsys, HANDMADE_2023, raw, "--release", "SIPRI Arms Transfers Database, June 2023 fix")
    assert code == 0
    (source,) = [s for s in raw_rows(raw, "sources.csv") if s["source_id"] == "sipri-atdb-2023-06-russia"]
    assert source["edition"] == "SIPRI Arms Transfers Database, June 2023 fix"
    # the file is under 5 MB: the snapshot is the file itself
    snapshot = raw.parent / "snapshots" / "sipri-atdb" / "2023-06" / HANDMADE_2023.name
    assert snapshot.read_bytes() == HANDMADE_2023.read_bytes()


def test_supplier_view_imports_nothing_and_exits_0(raw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(raw.parent)
    code, out, _ = _import(capsys, PORTAL_SUPPLIER, raw)
    assert code == 0 and "nothing new: the file holds no row this project tracks" in out
    assert tree_digest(raw.parent) == before


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("hostile-empty.csv", "format_known"),
        ("hostile-html-error-page.csv", "format_known"),
        ("hostile-utf16-TIV-Export-RUS-1950-2021.csv", "format_known"),
        ("hostile-wrong-format.csv", "format_known"),
        ("hostile-truncated-TIV-Export-RUS-1950-2021.csv", "tiv_truncated"),
        ("hostile-duplicated-header-TIV-Export-RUS-1950-2021.csv", "tiv_header_once"),
    ],
)
def test_hostile_files_exit_1_and_leave_data_byte_identical(
    name: str, rule: str, raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_digest(raw.parent)
    code, _out, err = _import(capsys, OFFICIAL / name, raw)
    assert code == 1
    assert f"breaks rule '{rule}'" in err
    assert err.splitlines()[-1].startswith("REJECTED: ")
    assert tree_digest(raw.parent) == before


def test_rows_breaking_the_build_rules_are_not_written(
    raw: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from indicators.importers.formats import sipri_tiv

    monkeypatch.setattr(sipri_tiv, "INDICATOR", "arms_tiv_unknown")  # not in catalogue.csv
    before = tree_digest(raw.parent)
    code, _, err = _import(capsys, HANDMADE_2023, raw)
    assert code == 1
    assert "arms_tiv_unknown" in err and "REJECTED: the raw data would break the build's rules" in err
    assert tree_digest(raw.parent) == before


def test_a_file_over_5_mb_keeps_only_its_sha256(
    raw: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(command, "SNAPSHOT_MAX_BYTES", 100)
    assert _import(capsys, HANDMADE_2023, raw)[0] == 0
    folder = raw.parent / "snapshots" / "sipri-atdb" / "2023-03"
    assert [p.name for p in folder.iterdir()] == [f"{HANDMADE_2023.name}.sha256"]
    sha = hashlib.sha256(HANDMADE_2023.read_bytes()).hexdigest()
    assert (folder / f"{HANDMADE_2023.name}.sha256").read_text().startswith(f"{sha}  {HANDMADE_2023.name}\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["import"],
        ["import", "no-such-file.csv"],
        ["import", str(LEGACY_RUS), "--raw", "no-such-dir"],
        ["import", str(LEGACY_RUS), "--bogus"],
        ["import", str(LEGACY_RUS), "--release", " "],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("SIPRI Arms Transfers Database, March 2025 update (data to 2024)", "2025-03"),
        ("DOTS export of 2022-02 (annual data to 2020)", "2022-02"),
        ("Energy Institute Statistical Review of World Energy 2024", "2024"),
        ("first release", "first-release"),
    ],
)
def test_release_slug(text: str, slug: str) -> None:
    assert release_slug(text) == slug


def test_a_format_returning_columns_the_raw_file_lacks_is_refused() -> None:
    import pandas as pd

    from indicators.importers.formats import sipri_tiv

    parsed = sipri_tiv.parse(LEGACY_RUS)
    bad = parsed.tables["arms_tiv"].rename(columns={"locator": "where"})
    problems = command.check_columns(dataclasses.replace(parsed, tables={"arms_tiv": bad, "nope": pd.DataFrame()}), "f")
    assert [p.rule for p in problems] == ["format_columns", "format_table"]
