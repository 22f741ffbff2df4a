"""Trade queries on a few hand-written rows (values worked out by hand)."""

from __future__ import annotations

import importlib

import pytest

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.queries.trade import (
    default_year,
    detail_entry,
    flow_values,
    not_computed_lines,
    not_computed_summary,
    view_frame,
)
from tests.dashboard.tiny_store import observation, tiny_store

NNBSP = "\u202f"
SOURCES = [
    {"source_id": "src-a", "publisher": "Publisher A", "outlet": "Outlet A"},
    {"source_id": "src-b", "publisher": "Publisher B", "outlet": None},
]


@pytest.fixture
def tiny(data: DataStore) -> DataStore:
    """AZ and RU flows for 2019 and 2020 (AZ→RU 2020 missing on the AZ side), and one 2020 statement."""
    rows = [
        observation("T1", "trade_az_to_ru", 2019, 700.0),
        observation("T2", "trade_ru_to_az", 2019, 1500.0),
        observation("T3", "trade_ru_to_az", 2020, 1400.0),
        observation("T4", "trade_az_to_ru", 2019, 650.0, reporter="RU"),
        observation("T5", "trade_az_to_ru", 2020, 600.0, reporter="RU"),
        observation("T6", "trade_ru_to_az", 2020, 1450.0, reporter="RU"),
        observation("S1", "trade_az_ru_turnover", 2020, 2000.0, kind="point", qualifier="approximate"),
        observation("M1", "trade_mirror_ratio", 2019, 1.1, reporter="OTHER", subject="turnover"),
        observation("M2", "trade_mirror_ratio", 2019, 0.9, reporter="OTHER", subject="AZ→RU goods"),
    ]
    return tiny_store(data, rows, SOURCES)


def test_flow_values_give_each_reporter_its_own_figures_and_none_for_a_gap(tiny: DataStore) -> None:
    assert flow_values(tiny, 2019) == {"AZ": [700.0, 1500.0], "RU": [650.0, None]}
    assert flow_values(tiny, 2020) == {"AZ": [None, 1400.0], "RU": [600.0, 1450.0]}
    assert flow_values(tiny, 2018) == {"AZ": [None, None], "RU": [None, None]}


def test_default_year_is_the_latest_year_with_an_az_to_ru_flow(tiny: DataStore) -> None:
    # AZ-reported AZ→RU ends in 2019 (T1), RU-reported in 2020 (T5): any reporter counts
    assert default_year(tiny) == 2020


def test_detail_entry_labels_a_missing_figure_and_titles_an_empty_year(tiny: DataStore) -> None:
    entry = detail_entry(tiny, 2020)
    assert entry["labels"] == {"AZ": ["no data", f"1{NNBSP}400"], "RU": ["600", f"1{NNBSP}450"]}
    assert entry["title"] == "Flows in 2020, as each side reports them (USD million)"
    assert detail_entry(tiny, 2018)["title"] == "No annual flow figures for 2018"


def test_detail_entry_carries_the_text_alternative_of_the_years_bars(tiny: DataStore) -> None:
    # what ruaz_trade.detail writes into trade-detail-alt when 2020 is selected: every bar as drawn
    assert detail_entry(tiny, 2020)["summary"] == (
        "Chart: Flows in 2020, as each side reports them (USD million). Series: AZ-reported, RU-reported. "
        f"Values: AZ-reported: AZ → RU no data, RU → AZ 1{NNBSP}400; RU-reported: AZ → RU 600, RU → AZ 1{NNBSP}450. "
        "Sources: Publisher A."
    )
    assert detail_entry(tiny, 2018)["summary"] == (
        "Chart: No annual flow figures for 2018. No data drawn. Sources: none in view."
    )


def test_not_computed_years_name_their_inputs_outlets(data: DataStore) -> None:
    rows = [
        observation("X1", "trade_az_to_ru", 2021, 800.0, kind="point", source_id="src-a"),
        observation("X2", "trade_ru_to_az", 2021, 1900.0, kind="point", source_id="src-b"),
        observation("X3", "trade_az_world_turnover", 2022, 30000.0, kind="point", source_id="src-b"),
    ]
    skipped = [
        {"indicator": "trade_az_ru_balance", "reporter": "AZ", "year": 2021, "inputs": "X1;X2"},
        {"indicator": "trade_ru_share_of_az_trade", "reporter": "AZ", "year": 2022, "inputs": "X1;X3"},
        {"indicator": "trade_ru_share_of_az_trade", "reporter": "AZ", "year": 2021, "inputs": "X2;X1"},
    ]
    report = {"sanity_checks": [{"name": "derived_not_computed", "details": skipped}]}
    store = tiny_store(data, rows, SOURCES, report)
    assert not_computed_lines(store, "trade_az_ru_balance") == [
        "AZ-reported 2021: not computed, different sources",
        "(exports from Outlet A; imports from Publisher B)",
    ]
    # the years sorted, each outlet once, in the order first met
    assert not_computed_summary(store, "trade_ru_share_of_az_trade") == [
        "AZ-reported 2021, 2022: not computed, different sources",
        "(the two terms come from different outlets: Outlet A, Publisher B)",
    ]
    assert not_computed_lines(store, "trade_az_to_ru") == []


def test_view_frame_keeps_the_flow_its_mirror_ratio_and_the_years_statements(tiny: DataStore, data: DataStore) -> None:
    create_app(store=data)  # the page's spec parses the state (pages are importable once an app exists)
    trade = importlib.import_module("dashboard.pages.trade")
    selection = trade.SPEC.selection(tiny, {"flow": "az_to_ru", "from": 2019, "to": 2019, "year": 2020})
    frame, extra = view_frame(tiny, selection)
    assert sorted(frame["obs_id"]) == ["M2", "T1", "T4"]
    assert list(extra) == ["Statements 2020"]
    assert list(extra["Statements 2020"]["obs_id"]) == ["S1"]
