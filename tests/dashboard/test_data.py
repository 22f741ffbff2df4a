"""Loading data/clean: clear errors with a rebuild hint, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.components import release_options
from dashboard.data import CleanDataError, is_reprocessed, load_store, release_label

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


MARCH_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
COPY_2026 = "SIPRI Arms Transfers Database, 2026 update (data to 2025), third-party reprocessing, not a SIPRI export"


def test_default_release_is_the_latest_sipri_export_and_the_reprocessing_comes_last(data):
    assert data.tiv_releases == [
        MARCH_2025,
        "SIPRI Arms Transfers Database, March 2024 update (data to 2023)",
        "SIPRI Arms Transfers Database, March 2023 update (data to 2022)",
        "SIPRI Arms Transfers Database, March 2022 update (data to 2021)",
        COPY_2026,
    ]
    assert data.default_tiv_release == data.tiv_releases[0] == MARCH_2025
    assert is_reprocessed(COPY_2026) and not is_reprocessed(MARCH_2025)


def test_the_reprocessed_release_label_says_so():
    assert release_label(COPY_2026) == "2026 update (data to 2025), third-party reprocessing, not a SIPRI export"
    assert release_label(MARCH_2025) == "March 2025 update (data to 2024)"
    # a mark outside the part the label keeps is still shown
    assert release_label("third-party reprocessing of X, 2026 update") == (
        "2026 update (third-party reprocessing, not a SIPRI export)"
    )
    options = release_options([MARCH_2025, COPY_2026])
    assert [o["label"] for o in options][1].endswith("third-party reprocessing, not a SIPRI export")
