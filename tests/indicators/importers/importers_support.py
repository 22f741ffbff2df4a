"""Paths and helpers shared by the importer tests (a distinctive name: test folders are not packages)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from indicators_support import DATA_RAW, ROOT

OFFICIAL = ROOT / "tests" / "fixtures" / "official"
LEGACY_RUS = OFFICIAL / "TIV-Export-RUS-1950-2021.csv"
LEGACY_ALL = OFFICIAL / "TIV-Import-All-Country-1950-2022.csv"
PORTAL_RECIPIENT = OFFICIAL / "import-export-values_1950-2024.csv"
PORTAL_SUPPLIER = OFFICIAL / "import-export-values_1950-2024_1950-2024.csv"
HANDMADE_2023 = OFFICIAL / "handmade-TIV-Export-RUS-1950-2022.csv"


def scratch_data(base: Path) -> Path:
    """A copy of data/raw under ``base/data/raw`` (snapshots then land in ``base/data/snapshots``); returns raw."""
    raw = base / "data" / "raw"
    shutil.copytree(DATA_RAW, raw)
    return raw


def raw_rows(raw: Path, name: str) -> list[dict[str, str]]:
    """The rows of one raw CSV as dicts."""
    with (raw / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
