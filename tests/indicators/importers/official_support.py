"""Paths and helpers shared by the SIPRI importer tests (a distinct name, not ``conftest``).

The fixtures are trimmed copies of publishers' own files (``tests/fixtures/official/README.md``);
the expected values are the rows already in ``data/raw`` for the same release.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from indicators.importers.model import FileRejected
from indicators.problems import Problem

ROOT = Path(__file__).resolve().parents[3]
DATA_RAW = ROOT / "data" / "raw"
SIPRI = ROOT / "tests" / "fixtures" / "official" / "sipri"
REGISTER_2025 = SIPRI / "trade-register-2025-03-13.csv"
REGISTER_2024 = SIPRI / "trade-register-2024-10-21.csv"
TRANSFERS_2024 = SIPRI / "trade_2023.csv"
TRANSFERS_2025 = SIPRI / "trade_register_2026-02-12.csv"
MILEX_2025 = SIPRI / "SIPRI-Milex-data-1949-2024_2.xlsx"
MILEX_2024 = SIPRI / "SIPRI-Milex-data-1949-2023.xlsx"
ALL_FIXTURES = (REGISTER_2025, REGISTER_2024, TRANSFERS_2024, TRANSFERS_2025, MILEX_2025, MILEX_2024)
HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>Error 503</title></head><body>Service unavailable</body></html>\n"


def raw(name: str, source_id: str) -> pd.DataFrame:
    """The rows of ``data/raw/<name>`` that cite ``source_id``, as text."""
    frame = pd.read_csv(DATA_RAW / name, dtype=str, keep_default_na=False)
    return frame[frame["source_id"] == source_id].reset_index(drop=True)


def head(path: Path) -> bytes:
    """The first 64 KiB, as the registry hands them to ``sniff``."""
    return path.read_bytes()[: 64 * 1024]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """A variant file in the test's temporary directory."""
    target = tmp_path / name
    target.write_bytes(data)
    return target


def rejected(parse: object, path: Path) -> list[Problem]:
    """The problems of a file the parser must reject."""
    with pytest.raises(FileRejected) as caught:
        parse(path)  # type: ignore[operator]
    assert caught.value.problems, "FileRejected without problems"
    return caught.value.problems


def sorted_frame(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """``frame`` sorted by ``key`` with a fresh index (for exact comparisons)."""
    return frame.sort_values(key).reset_index(drop=True)


def workbook_variant(tmp_path: Path, source: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    """A copy of a workbook fixture (same file name) with one change made through openpyxl."""
    workbook = openpyxl.load_workbook(source)
    change(workbook)
    target = tmp_path / source.name
    workbook.save(target)
    return target


def sheet(workbook: openpyxl.Workbook, name: str) -> Worksheet:
    """A worksheet of ``workbook`` by name (not a chartsheet)."""
    ws = workbook[name]
    assert isinstance(ws, Worksheet)
    return ws
