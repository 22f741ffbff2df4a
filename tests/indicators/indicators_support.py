"""Paths, constants and helpers shared by the indicators tests (imported by conftest and tests).

A module with a distinctive name rather than ``conftest``: test folders are not
packages, so ``import conftest`` could resolve to another folder's conftest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from indicators import pipeline

ROOT = Path(__file__).resolve().parents[2]
DATA_RAW = ROOT / "data" / "raw"
DATA_CLEAN = ROOT / "data" / "clean"
FIXTURES = ROOT / "tests" / "fixtures" / "raw"
MINIMAL = FIXTURES / "minimal"
MALFORMED = FIXTURES / "malformed"
FIXED_NOW = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def tree_digest(directory: Path) -> dict[str, str]:
    """sha256 of every file under ``directory``, keyed by relative path."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@dataclass
class Build:
    """A build of some raw directory into a temporary clean directory."""

    raw: Path
    clean: Path
    report: Path
    result: pipeline.BuildResult


def obs_row(**overrides: Any) -> dict[str, object]:
    """One valid published observation (AZ-reported 2019 AZ→RU goods), with overrides.

    ``year=`` sets period, bounds and year together for a calendar year;
    ``year=None`` (open-ended periods) needs the period columns overridden too.
    """
    year_given = overrides.pop("year", 2019)
    year = 2019 if year_given is None else int(year_given)
    row: dict[str, object] = {
        "obs_id": "TS0001",
        "indicator": "trade_az_to_ru",
        "reporter": "AZ",
        "subject": None,
        "period": str(year),
        "period_start": pd.Timestamp(year, 1, 1),
        "period_end": pd.Timestamp(year, 12, 31),
        "year": year,
        "full_year": True,
        "point_in_time": False,
        "period_certain": True,
        "value": 100.0,
        "value_high": None,
        "qualifier": "exact",
        "value_text": None,
        "unit": "USD million",
        "value_published": "100",
        "unit_published": "USD million",
        "factor": 1.0,
        "source_id": "src-az",
        "edition": None,
        "locator": "table 1",
        "confidence": "official",
        "kind": "series",
        "formula": None,
        "note": None,
        "raw_file": "trade_series.csv",
        "raw_line": 2,
    }
    if year_given is None:
        row["year"] = None
    row.update(overrides)
    return row
