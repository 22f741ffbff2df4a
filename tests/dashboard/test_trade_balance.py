"""Trade page balance chart: balances of one source only, and the years not computed said on the chart."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from dashboard.app import create_app
from dashboard.data import DataStore


@pytest.fixture(scope="module")
def trade(data: DataStore) -> ModuleType:
    """The page module as Dash registers it (pages can only be imported once an app exists)."""
    create_app(store=data)
    return importlib.import_module("dashboard.pages.trade")


def balance(trade: ModuleType, data: DataStore):
    """The balance chart and its rows as the page draws them (no range, no events)."""
    return trade.fixed_charts(data, trade.SPEC.parse(data, {}))["balance"]


def _with_report(data: DataStore, report: dict) -> DataStore:
    return DataStore(
        observations=data.observations,
        changes=data.changes,
        sources=data.sources,
        catalogue=data.catalogue,
        events=data.events,
        deals=data.deals,
        arms_statements=data.arms_statements,
        report=report,
    )


def test_balance_2023_is_the_single_source_figure(trade, data):
    fig, _ = balance(trade, data)
    az = next(t for t in fig.data if t.name == "AZ-reported")
    by_year = dict(zip((int(x) for x in az.x), az.y, strict=True))
    # 2022: TS0230 975 - TS0234 2730 (both cssc-2023-12-21); 2024: TS0232 1178 - TS0236 3621 (metbuat)
    assert by_year[2022] == pytest.approx(975 - 2730)
    assert by_year[2024] == pytest.approx(1178 - 3621)
    # 2023: News.az alone, ST0078 1120 - TS0235 3160; not -1960 (Nordot's ~1200 with News.az's imports)
    assert by_year[2023] == pytest.approx(-2040)
    # no balance year is left out on the shipped data, so the chart carries no note
    assert [a for a in fig.layout.annotations if a.name == "not-computed"] == []


def test_years_not_computed_are_named_on_the_chart(trade, data):
    # as the build reports a year whose two flows come from different sources (derived_not_computed)
    skipped = {
        "indicator": "trade_az_ru_balance",
        "reporter": "AZ",
        "subject": None,
        "year": 2023,
        "reason": "not computed: different sources",
        "inputs": "TS0231;TS0235",
        "source_ids": "nordot-2024;news-2024-08-12",
    }
    store = _with_report(data, {"sanity_checks": [{"name": "derived_not_computed", "details": [skipped]}]})
    fig, _ = balance(trade, store)
    notes = [a.text for a in fig.layout.annotations if a.name == "not-computed"]
    assert notes == [
        "<i>AZ-reported 2023: not computed, different sources<br>"
        "(exports from Nordot (Eurasianet); imports from News.az)</i>"
    ]


def test_balance_chart_without_skipped_years_has_no_note(trade, data):
    bare = _with_report(data, {"sanity_checks": [{"name": "derived_not_computed", "details": []}]})
    fig, _ = balance(trade, bare)
    assert [a for a in fig.layout.annotations if a.name == "not-computed"] == []
