"""Queries of the chapters page on tiny hand-made frames (no app, no shipped data)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pandas as pd

from dashboard.chapter_queries import CHAPTER_EVENTS, chapter_chart, chapter_indicators, events_frame, evidence_kind
from dashboard.data import DataStore


def tiny_store(**frames: Any) -> DataStore:
    """A stand-in store carrying only the frames a query reads."""
    return cast(DataStore, SimpleNamespace(**frames))


EVENTS = pd.DataFrame(
    {
        "event_id": ["e3", "e1", "e2", "e4"],
        "date_start": pd.to_datetime(["2020-05-01", "2019-01-01", "2020-05-01", "2021-01-01"]),
        "category": ["energy", "treaty", "conflict", "energy"],
        "layer": ["caspian", "caspian", "political", "political"],
    }
)


def test_events_frame_sorts_by_date_then_id_and_narrows_to_categories_and_layer():
    data = tiny_store(events=EVENTS)
    assert events_frame(data, [])["event_id"].tolist() == ["e1", "e2", "e3", "e4"]
    assert events_frame(data, ["energy"])["event_id"].tolist() == ["e3", "e4"]
    assert events_frame(data, ["energy", "treaty"], "caspian")["event_id"].tolist() == ["e1", "e3"]
    assert events_frame(data, ["conflict"], "caspian").empty


def test_chapter_indicators_keeps_the_chapters_rows_sorted_by_domain_and_id():
    catalogue = pd.DataFrame(
        {
            "indicator_id": ["trade_b", "energy_a", "trade_a", "arms_a"],
            "domain": ["trade", "energy", "trade", "arms"],
            "chapter": [8, 8, 8, 10],
        }
    )
    rows = chapter_indicators(tiny_store(catalogue=catalogue), 8)
    assert rows["indicator_id"].tolist() == ["energy_a", "trade_a", "trade_b"]
    assert chapter_indicators(tiny_store(catalogue=catalogue), 3).empty


def test_evidence_kind_and_the_chapter_event_categories():
    assert [evidence_kind(n) for n in (1, 8, 9, 10, 11)] == ["events", "series", "series", "series", "travel"]
    assert sorted(CHAPTER_EVENTS) == list(range(1, 12))


def test_chapters_without_series_have_no_chart():
    assert chapter_chart(tiny_store(), 3) is None
    assert chapter_chart(tiny_store(tiv_releases=[]), 10) is None
