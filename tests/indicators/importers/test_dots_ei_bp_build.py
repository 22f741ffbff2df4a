"""Rows parsed from the DOTS, EI and bp fixtures pass the build's schemas when added to a copy of data/raw.

This does what the import command will do in its simplest form (append rows
under a source row, then validate with the build), to prove that the parsers'
rows are in the layout, vocabulary and value grammar the build accepts.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from indicators import pipeline
from indicators.importers.formats import bp_panel, ei_workbook, imf_dots
from indicators.importers.model import ParsedFile
from indicators.load import load_raw

TESTS = Path(__file__).parents[2]
OFFICIAL = TESTS / "fixtures" / "official"
DATA_RAW = TESTS.parent / "data" / "raw"
KEY = ["indicator", "reporter", "subject", "period"]


def append_release(raw: Path, parsed: ParsedFile, source_id: str, table: str, prefix: str) -> int:
    """Append the parsed rows that data/raw lacks under ``source_id`` (adding its source row); return the count."""
    path = raw / f"{table}.csv"
    existing = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = parsed.tables[table]
    same_source = existing[existing["source_id"] == source_id][KEY]
    new = rows.merge(same_source, on=KEY, how="left", indicator=True).query("_merge == 'left_only'")
    start = int(existing["record_id"].str[2:].astype(int).max()) + 1
    new = new.drop(columns="_merge").assign(
        record_id=[f"{prefix}{n:04d}" for n in range(start, start + len(new))], source_id=source_id
    )
    with path.open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(new[existing.columns].itertuples(index=False))
    sources = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False)
    if source_id not in set(sources["source_id"]):
        release = parsed.release
        row = [source_id, release.publisher, release.title, "", release.url, release.generated or "", release.release]
        row += ["", "added by test_dots_ei_bp_build", "", release.cite_as]
        with (raw / "sources.csv").open("a", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerow(row)
    return len(new)


@pytest.mark.slow
def test_parsed_rows_pass_the_build(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(DATA_RAW, raw)
    ei = ei_workbook.parse(OFFICIAL / "EI-Stats-Review-All-Data-2024.xlsx")
    assert append_release(raw, ei, "ei-sr-2024", "energy", "EN") == 282
    bp = bp_panel.parse(OFFICIAL / "bp-stats-review-2021-consolidated-dataset-panel-format.csv")
    assert append_release(raw, bp, "bp-sr-2021", "energy", "EN") == 30  # 1985-1989
    dots = imf_dots.parse(OFFICIAL / "DOTS_13.xlsx")
    assert append_release(raw, dots, "imf-dots-aze-2022", "trade_series", "TS") == 0  # all already there

    tables, problems, _ = pipeline.transform(load_raw(raw))

    assert [p.line() for p in problems] == []
    obs = tables["observations"]
    published = obs[~obs["obs_id"].str.startswith("D-")]  # the build also derives rows (D-…) from them
    ei_obs = published[published["source_id"] == "ei-sr-2024"]
    assert len(ei_obs) == 282
    az_oil = ei_obs[(ei_obs["indicator"] == "energy_oil_production_mt") & (ei_obs["subject"] == "AZ")]
    assert az_oil.set_index("period")["value"].loc["2023"] == 30.2496
    assert len(published[(published["source_id"] == "bp-sr-2021") & (published["period"] == "1985")]) == 6
