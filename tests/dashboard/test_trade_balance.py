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


def test_balance_2023_is_not_drawn_and_the_chart_says_why(trade, data):
    fig, frame = trade.balance_figure(data, None, None, False)
    az = next(t for t in fig.data if t.name == "AZ-reported")
    by_year = dict(zip((int(x) for x in az.x), az.y, strict=True))
    # 2022: TS0230 975 - TS0234 2730 (both cssc-2023-12-21); 2024: TS0232 1178 - TS0236 3621 (metbuat)
    assert by_year[2022] == pytest.approx(975 - 2730)
    assert by_year[2024] == pytest.approx(1178 - 3621)
    # 2023 would pair TS0231 ~1200 (Nordot) with TS0235 3160 (News.az): -1960 mixes two news items: a gap
    assert by_year[2023] is None
    assert 2023 not in set(frame.loc[frame["reporter"] == "AZ", "year"])
    notes = [a.text for a in fig.layout.annotations if a.name == "not-computed"]
    assert notes == [
        "<i>AZ-reported 2023: not computed, different sources<br>"
        "(exports from Nordot (Eurasianet); imports from News.az)</i>"
    ]


def test_balance_chart_without_skipped_years_has_no_note(trade, data):
    bare = DataStore(
        observations=data.observations,
        changes=data.changes,
        sources=data.sources,
        catalogue=data.catalogue,
        events=data.events,
        deals=data.deals,
        arms_statements=data.arms_statements,
        report={"sanity_checks": [{"name": "derived_not_computed", "details": []}]},
    )
    fig, _ = trade.balance_figure(bare, None, None, False)
    assert [a for a in fig.layout.annotations if a.name == "not-computed"] == []
