"""The build end to end: real data into a temporary directory, the committed data/clean
being current, provenance of every observation, and the atomic swap."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from indicators_support import DATA_CLEAN, DATA_RAW, FIXED_NOW, MINIMAL, Build, tree_digest

from indicators import pipeline
from indicators.load import RAW_FILES, load_raw
from indicators.problems import BuildFailed, Problem

CLEAN_FILES = {
    *(f"{name}.csv" for name in pipeline.CLEAN_TABLES),
    pipeline.COVERAGE_FILE,
    pipeline.DATAPACKAGE_FILE,
    pipeline.REPORT_FILE,
}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((".clean-tmp-", ".clean-old-")))


# ----------------------------------------------------------- real data, end to end
def test_real_build_writes_every_clean_file_and_a_report(real_build: Build) -> None:
    assert {p.name for p in real_build.clean.iterdir()} == CLEAN_FILES
    assert not real_build.report.exists()  # the failure report is only written on failure
    report = json.loads((real_build.clean / pipeline.REPORT_FILE).read_text(encoding="utf-8"))
    assert report["built_at"] == FIXED_NOW.isoformat()
    assert report["raw_digest"] == pipeline.raw_digest(real_build.raw)
    assert report["warnings"] == []
    for name, count in report["row_counts"].items():
        lines = (real_build.clean / f"{name}.csv").read_text(encoding="utf-8").count("\n")
        assert count == lines - 1, name
    assert report["row_counts"]["observations"] > 3000
    assert _leftovers(real_build.clean.parent) == []


def test_committed_clean_csvs_are_byte_identical_to_a_fresh_build(real_build: Build) -> None:
    committed = {p.name for p in DATA_CLEAN.iterdir()}
    assert committed == CLEAN_FILES
    stale = [
        name
        for name in sorted(CLEAN_FILES)
        if name.endswith(".csv") and (DATA_CLEAN / name).read_bytes() != (real_build.clean / name).read_bytes()
    ]
    assert stale == [], "data/clean is out of date with data/raw: run `python -m indicators build`"


def test_committed_validation_report_matches_a_fresh_build(real_build: Build) -> None:
    committed = json.loads((DATA_CLEAN / pipeline.REPORT_FILE).read_text(encoding="utf-8"))
    fresh = json.loads((real_build.clean / pipeline.REPORT_FILE).read_text(encoding="utf-8"))
    assert committed["raw_digest"] == pipeline.raw_digest(DATA_RAW)
    for volatile in ("built_at", "duration_seconds"):
        committed.pop(volatile)
        fresh.pop(volatile)
    assert committed == fresh


def test_committed_datapackage_matches_a_fresh_build(real_build: Build) -> None:
    committed = json.loads((DATA_CLEAN / pipeline.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    fresh = json.loads((real_build.clean / pipeline.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    committed.pop("created")
    fresh.pop("created")
    assert committed == fresh


def test_raw_digest_changes_with_any_raw_byte(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(MINIMAL, raw)
    before = pipeline.raw_digest(raw)
    assert before == pipeline.raw_digest(MINIMAL)
    with (raw / "events.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    assert pipeline.raw_digest(raw) != before


def test_date_columns_are_described_as_dates_in_the_data_dictionary() -> None:
    pkg = json.loads((DATA_CLEAN / pipeline.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    types = {(r["name"], f["name"]): f["type"] for r in pkg["resources"] for f in r["schema"]["fields"]}
    for key in [("observations", "period_start"), ("observations", "period_end"), ("events", "date_start")]:
        assert types[key] == "date", key
    assert types[("observations", "value")] == "number"
    assert types[("arms_deals", "sipri_deal_id")] == "string"


# ------------------------------------------------------ provenance of clean data
@pytest.fixture(scope="module")
def committed() -> dict[str, pd.DataFrame]:
    return {name: pipeline.read_clean_table(DATA_CLEAN, name) for name in pipeline.CLEAN_TABLES}


def test_every_observation_cites_sources_with_a_web_address(committed: dict[str, pd.DataFrame]) -> None:
    urls = dict(zip(committed["sources"]["source_id"], committed["sources"]["url"], strict=True))
    obs = committed["observations"]
    assert obs["source_id"].notna().all()
    unresolved = {
        (row.obs_id, sid)
        for row in obs.itertuples()
        for sid in [row.source_id, *str(row.source_ids).split(";")]
        if not str(urls.get(sid, "")).startswith(("http://", "https://"))
    }
    assert unresolved == set()
    assert (obs["source_id"] == obs["source_ids"].str.split(";").str[0]).all()  # one citable id per row
    for table in ("events", "arms_deals", "arms_statements"):
        assert set(committed[table]["source_id"]) <= set(urls), table


def test_computed_observations_state_a_formula_and_published_ones_do_not(
    committed: dict[str, pd.DataFrame],
) -> None:
    obs = committed["observations"]
    computed = obs["confidence"] == "computed"
    assert computed.sum() > 0
    assert obs.loc[computed, "formula"].fillna("").str.strip().ne("").all()
    assert obs.loc[~computed, "formula"].isna().all()
    # published rows point back to their raw line; computed rows name their inputs
    assert obs.loc[~computed, "raw_line"].notna().all()
    assert obs.loc[computed, "locator"].str.startswith("computed from ").all()
    assert obs.loc[computed, "obs_id"].str.startswith("D-").all()


def test_clean_tables_read_back_with_their_clean_dtypes(committed: dict[str, pd.DataFrame]) -> None:
    obs = committed["observations"]
    assert pd.api.types.is_datetime64_any_dtype(obs["period_start"])
    assert str(obs["year"].dtype) == "Int64"
    assert obs["full_year"].dtype == bool
    deals = committed["arms_deals"]
    assert pd.api.types.is_string_dtype(deals["sipri_deal_id"])
    assert not deals["sipri_deal_id"].dropna().str.contains(".", regex=False).any()


# ------------------------------------------------------------ the atomic swap
def test_build_into_an_existing_clean_dir_replaces_it_and_leaves_no_temp_dirs(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "stale.csv").write_text("old\n", encoding="utf-8")
    pipeline.run(MINIMAL, clean, tmp_path / "report.txt", now=FIXED_NOW)
    assert {p.name for p in clean.iterdir()} == CLEAN_FILES
    assert _leftovers(tmp_path) == []
    assert oct(clean.stat().st_mode & 0o777) == "0o755"


def test_swap_without_renameat2_falls_back_to_two_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "_libc_exchange", lambda a, b: False)
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "stale.csv").write_text("old\n", encoding="utf-8")
    new = tmp_path / ".clean-tmp-x"
    new.mkdir()
    (new / "observations.csv").write_text("new\n", encoding="utf-8")
    pipeline.swap_in(new, clean)
    assert [p.name for p in clean.iterdir()] == ["observations.csv"]
    assert _leftovers(tmp_path) == []


def test_swap_exchanges_with_renameat2_when_available(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "from_a").touch()
    (b / "from_b").touch()
    if not pipeline._libc_exchange(a, b):
        pytest.skip("renameat2(RENAME_EXCHANGE) not supported on this file system")
    assert [p.name for p in a.iterdir()] == ["from_b"]
    assert [p.name for p in b.iterdir()] == ["from_a"]


def test_recover_restores_a_moved_away_clean_dir(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    old = tmp_path / ".clean-old-4242"
    old.mkdir()
    (old / "observations.csv").write_text("kept\n", encoding="utf-8")
    stale_tmp = tmp_path / ".clean-tmp-abc"
    stale_tmp.mkdir()
    (stale_tmp / "half.csv").touch()
    pipeline.recover_clean_dir(clean)
    assert (clean / "observations.csv").read_text(encoding="utf-8") == "kept\n"
    assert _leftovers(tmp_path) == []


def test_recover_drops_an_old_dir_when_clean_is_in_place(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "current.csv").touch()
    (tmp_path / ".clean-old-1").mkdir()
    pipeline.recover_clean_dir(clean)
    assert [p.name for p in clean.iterdir()] == ["current.csv"]
    assert _leftovers(tmp_path) == []


def test_recover_without_a_parent_dir_does_nothing(tmp_path: Path) -> None:
    pipeline.recover_clean_dir(tmp_path / "missing" / "clean")
    assert list(tmp_path.iterdir()) == []


def test_build_recovers_an_interrupted_swap_before_anything_else(tmp_path: Path) -> None:
    # a crash between the two renames of the fallback swap left only .clean-old-*
    old = tmp_path / ".clean-old-7"
    shutil.copytree(DATA_CLEAN, old)
    raw = tmp_path / "raw"
    shutil.copytree(MINIMAL, raw)
    (raw / "sources.csv").write_text("not,a,header\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        pipeline.run(raw, tmp_path / "clean", tmp_path / "report.txt")
    assert tree_digest(tmp_path / "clean") == tree_digest(DATA_CLEAN)
    assert _leftovers(tmp_path) == []


# -------------------------------------------------------------- failed builds
@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(MINIMAL, raw)
    return raw


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_failed_build_leaves_clean_untouched_and_writes_every_problem(raw_copy: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(DATA_CLEAN, clean)
    before = tree_digest(clean)
    _replace(raw_copy / "trade_series.csv", "2019,100,USD million", "2019,1 00,USD million")
    _replace(raw_copy / "energy.csv", "2020,35.0997,million tonnes", "2020,35.0997,million tons")
    report = tmp_path / "out" / "report.txt"
    with pytest.raises(BuildFailed) as err:
        pipeline.run(raw_copy, clean, report)
    assert sorted((p.file, p.row, p.column, p.rule) for p in err.value.problems) == [
        ("energy.csv", 3, "unit", "unknown_unit"),
        ("trade_series.csv", 2, "value", "value_format"),
    ]
    assert tree_digest(clean) == before
    assert _leftovers(tmp_path) == []
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("trade_series.csv:2: column 'value' value '1 00' breaks rule 'value_format'")
    assert lines[-1].startswith("2 problem(s) - by rule [unknown_unit: 1, value_format: 1]")
    as_json = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert [Problem(**p) for p in as_json] == err.value.problems


def test_failed_build_into_a_missing_clean_dir_creates_nothing(raw_copy: Path, tmp_path: Path) -> None:
    _replace(
        raw_copy / "arms_tiv.csv",
        'TIV million,src-sipri-a,"exporter Russia, column 2016"',
        'USD million,src-sipri-a,"exporter Russia, column 2016"',
    )
    with pytest.raises(BuildFailed) as err:
        pipeline.run(raw_copy, tmp_path / "clean", tmp_path / "report.txt")
    assert [(p.row, p.rule) for p in err.value.problems] == [(2, "unit_not_convertible")]
    assert not (tmp_path / "clean").exists()


def test_failed_read_back_leaves_clean_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(DATA_CLEAN, clean)
    before = tree_digest(clean)
    broken = Problem("observations.csv", 3, "value", "x", "dtype('float64')", "column has the wrong type")
    monkeypatch.setattr(pipeline, "_validate_written", lambda directory, tables: [broken])
    with pytest.raises(BuildFailed) as err:
        pipeline.run(MINIMAL, clean, tmp_path / "report.txt")
    assert err.value.problems == [broken]
    assert tree_digest(clean) == before
    assert _leftovers(tmp_path) == []


def test_validate_only_writes_nothing(tmp_path: Path) -> None:
    result = pipeline.run(MINIMAL, tmp_path / "clean", tmp_path / "report.txt", write=False)
    assert result.report["row_counts"]["observations"] == len(result.tables["observations"])
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------- transform on broken tables
def _bundle_with(tmp_path: Path, file_name: str, old: str, new: str) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(MINIMAL, raw)
    _replace(raw / file_name, old, new)
    return raw


@pytest.mark.parametrize(
    ("file_name", "old", "new", "rule"),
    [
        # an unparsable catalogue chapter or bound must be reported, not crash the typing
        (
            "catalogue.csv",
            "8,USD million,level,percent,Exports plus imports as",
            "eight,USD million,level,percent,Exports plus imports as",
            "isin",
        ),
        (
            "catalogue.csv",
            "share,percentage_points,SIPRI military expenditure as a share of GDP.,0,100",
            "share,percentage_points,SIPRI military expenditure as a share of GDP.,zero,100",
            "str_matches",
        ),
        # a duplicate indicator id would make the catalogue lookups ambiguous
        ("catalogue.csv", "trade_az_ru_turnover_trend,", "trade_az_ru_turnover,", "field_uniqueness"),
        ("arms_deals.csv", "D001,src-sipri-a,Russia,2015,", "D001,src-sipri-a,Russia,20I5,", "str_matches"),
        ("arms_deals.csv", ",2016;2017,New,2,20,", ",2016-2017-2018,New,2,20,", "str_matches"),
        ("arms_deals.csv", ",New,2,20,50412", ",New,2,2O,50412", "str_matches"),
        ("trade_series.csv", "TS0001,trade_az_to_ru,AZ,,2019,", "TS0001,trade_az_to_ru,AZ,,0000,", "period_format"),
    ],
)
def test_broken_raw_table_is_reported_not_raised(tmp_path: Path, file_name: str, old: str, new: str, rule: str) -> None:
    raw = _bundle_with(tmp_path, file_name, old, new)
    tables, problems, _ = pipeline.transform(load_raw(raw))
    assert problems
    assert {p.file for p in problems} == {file_name}
    assert rule in {p.rule.split("(")[0] for p in problems}
    assert "observations" not in tables


def test_every_raw_file_is_required(tmp_path: Path) -> None:
    for name in RAW_FILES:
        raw = tmp_path / name
        shutil.copytree(MINIMAL, raw)
        (raw / name).unlink()
        bundle = load_raw(raw)
        assert [(p.file, p.rule) for p in bundle.problems] == [(name, "file_missing")]
        assert name not in bundle.frames
    # without its catalogue or sources the build stops before cleaning anything;
    # without a record file it goes on, reports the file, and derives nothing
    for name in ("catalogue.csv", "sources.csv", "trade_series.csv"):
        tables, problems, _ = pipeline.transform(load_raw(tmp_path / name))
        assert [(p.file, p.rule) for p in problems] == [(name, "file_missing")]
        assert "observations" not in tables


def test_each_sides_customs_figures_are_sourced_to_that_sides_body() -> None:
    """A Russian figure is never sourced to an Azerbaijani body, nor an Azerbaijani one to a Russian body.

    ST0012, ST0017 and ST0086 (Russian customs figures quoted in a Turan digest) and ST0014 (Rogozin) once
    shared a source row whose publisher was Azerbaijan's State Customs Committee.
    """
    import csv

    raw = Path(__file__).resolve().parents[2] / "data" / "raw"
    with (raw / "sources.csv").open(encoding="utf-8") as fh:
        publisher = {r["source_id"]: r["publisher"] for r in csv.DictReader(fh)}
    az_body = re.compile(r"Azerbaijan|\bSCC\b|Azstat")
    ru_body = re.compile(r"Russia|Rosstat|\bFCS\b|Rogozin")
    with (raw / "trade_statements.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    checked = 0
    for r in rows:
        name = publisher[r["source_id"]]
        if "Customs" not in name and "Statistic" not in name and "Prime Minister" not in name:
            continue
        checked += 1
        if r["reporter"] == "RU":
            assert not az_body.search(name), (r["record_id"], name)
        if r["reporter"] == "AZ":
            assert not (ru_body.search(name) and not az_body.search(name)), (r["record_id"], name)
    assert checked > 20
    by_id = {r["record_id"]: r for r in rows}
    assert publisher[by_id["ST0012"]["source_id"]].startswith("Federal Customs Service of Russia")
    assert publisher[by_id["ST0014"]["source_id"]].startswith("Dmitry Rogozin")
