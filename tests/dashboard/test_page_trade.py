"""Trade page builders on the shipped data: the two share measures, the year-detail payload."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from dashboard.app import create_app
from dashboard.charts import trade as trade_charts
from dashboard.data import DataStore
from dashboard.queries import trade as trade_queries

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def trade(data: DataStore) -> ModuleType:
    """The page module as Dash registers it (pages can only be imported once an app exists)."""
    create_app(store=data)
    return importlib.import_module("dashboard.pages.trade")


def chart(trade: ModuleType, data: DataStore, graph: str):
    """A chart and its rows as the page draws them (queries, then the builder; no range, no events)."""
    return trade.fixed_charts(data, trade.SPEC.parse(data, {}))[graph]


def data_traces(fig) -> list:
    return [t for t in fig.data if not str(t.name).startswith("events")]


def test_each_share_measure_has_its_own_chart_title_and_legend(trade: ModuleType, data: DataStore) -> None:
    az, az_rows = chart(trade, data, "share")
    ru, ru_rows = chart(trade, data, "share-ru")
    assert az.layout.title.text == "Russia's share of Azerbaijan's goods trade (AZ statistics)"
    assert ru.layout.title.text == "Azerbaijan's share of Russia's goods trade (RU statistics)"
    assert [t.name for t in data_traces(az)] == ["Russia's share of Azerbaijan's trade (AZ statistics)"]
    assert [t.name for t in data_traces(ru)] == ["Azerbaijan's share of Russia's trade (RU statistics)"]
    assert set(az_rows["indicator"]) == {"trade_ru_share_of_az_trade"} and set(az_rows["reporter"]) == {"AZ"}
    assert set(ru_rows["indicator"]) == {"trade_az_share_of_ru_trade"} and set(ru_rows["reporter"]) == {"RU"}


def test_the_share_chart_says_why_the_mirror_share_is_not_drawn(trade: ModuleType, data: DataStore) -> None:
    az, _ = chart(trade, data, "share")
    notes = " ".join(
        a.text.removeprefix("<i>").removesuffix("</i>") for a in az.layout.annotations if a.name == "unit-note"
    )
    assert "per Russian statistics" in notes and "two reporters in one ratio, so it is not computed" in notes.replace(
        "<i>", ""
    ).replace("</i>", "")


def test_the_detail_chart_is_drawn_only_by_the_browser(trade: ModuleType) -> None:
    fig = trade_charts.detail_skeleton()
    assert [list(t.y) for t in fig.data] == [[None, None], [None, None]]
    assert fig.layout.title.text == ""


def test_detail_payload_holds_each_years_tile_texts(trade: ModuleType, data: DataStore) -> None:
    payload = trade_queries.detail_payload(data)
    y2014 = payload["years"]["2014"]
    # AZ-reported turnover 2014 = TS0023 640.2714 + TS0052 1314.4805; RU-reported = TS0164 635.9276 + TS0137 3373.0932
    assert y2014["kpis"][0] == f"1{NNBSP}955 USD million"
    assert y2014["kpis"][1] == f"4{NNBSP}009 USD million"
    assert y2014["kpis"][3] == "-674.2 USD million"  # 640.2714 − 1314.4805
    assert y2014["flows"] == {"AZ": [640.2714, 1314.4805], "RU": [635.9276, 3373.0932]}
    assert y2014["title"] == "Flows in 2014, as each side reports them (USD million)"
    assert payload["years"]["1991"]["title"] == "No annual flow figures for 1991"


def test_without_a_selection_each_tile_has_its_latest_year(trade: ModuleType, data: DataStore) -> None:
    latest = trade_queries.detail_payload(data)["latest"]
    # the share is not computed for 2021-2023 (exports and imports from different outlets): 2020 is its latest
    assert [k["year"] for k in latest] == [2024, 2025, 2022, 2024, 2020]
    # TS0240: AZ turnover 2024 = 4 799 USD million
    assert latest[0]["text"] == f"4{NNBSP}799 USD million"
    assert all("no data" not in k["text"] for k in latest)


def test_share_chart_names_the_years_not_computed_from_different_sources(trade: ModuleType, data: DataStore) -> None:
    # 2021-2023: Russia's share needs AZ trade with Russia and AZ world trade, each from another outlet
    # (TS0237 cssc.az + TS0247 Trend for 2021); the build leaves the share out and the chart says why
    fig, frame = chart(trade, data, "share")
    assert not (frame["year"].between(2021, 2023)).any()
    notes = [a.text for a in fig.layout.annotations if a.name == "unit-note"]
    assert "<i>AZ-reported 2021, 2022, 2023: not computed, different sources</i>" in notes
    assert "<i>(the two terms come from different outlets: cssc.az, Trend, News.az)</i>" in notes
    assert fig.layout.height == 340 + 16 * len(notes)
