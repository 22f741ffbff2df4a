"""Loading data/clean: clear errors with a rebuild hint, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.data import CleanDataError, load_store

CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"


def test_missing_clean_dir_names_the_rebuild_command(tmp_path):
    with pytest.raises(CleanDataError, match="indicators build"):
        load_store(tmp_path / "nope")


def test_incomplete_clean_dir_lists_missing_files(tmp_path):
    target = tmp_path / "clean"
    shutil.copytree(CLEAN, target)
    (target / "sources.csv").unlink()
    with pytest.raises(CleanDataError, match=r"missing sources\.csv"):
        load_store(target)


def test_corrupt_table_is_reported(tmp_path):
    target = tmp_path / "clean"
    shutil.copytree(CLEAN, target)
    (target / "observations.csv").write_bytes(b"\x00\xff garbage")
    with pytest.raises(CleanDataError, match="make data"):
        load_store(target)


def test_corrupt_report_is_reported(tmp_path):
    target = tmp_path / "clean"
    shutil.copytree(CLEAN, target)
    (target / "validation_report.json").write_text("{not json")
    with pytest.raises(CleanDataError):
        load_store(target)


def test_store_resolves_every_observation_to_a_source_with_url(data):
    for sid, ids in zip(data.observations["source_id"], data.observations["source_ids"], strict=True):
        for one in [sid, *str(ids).split(";")]:
            assert data.source_index[one]["url"].startswith("http")


def test_citations_list_publishers_and_locators(data):
    frame = data.select("trade_az_to_ru", "AZ")
    cites = data.citations(frame[frame["year"] == 2014])
    assert [c["source_id"] for c in cites] == ["imf-dots-aze-2022"]
    assert "year column 2014" in cites[0]["locators"][0]
    assert "IMF Direction of Trade Statistics" in data.publishers(frame)
