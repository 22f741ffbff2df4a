"""Who said what follows the figure: every card, every hover and every statements row names the body of
its own row's source (short publisher name), never the series' other sources, a record id or a raw period."""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Iterator
from typing import Any

import dash
import pandas as pd
import pytest
from dash import dcc

from dashboard.app import create_app
from dashboard.data import DataStore, short_publisher
from dashboard.kpis import KPI_SPECS, kpi_value
from dashboard.queries import energy as energy_queries
from dashboard.queries import trade as trade_queries
from dashboard.views import md_text, statements_markdown

RECORD_ID = re.compile(r"\b(?:TS|ST|EN|AT|MX)\d{4}\b")
RAW_PERIOD = re.compile(r"@\d{4}|\d{4}-\d{2}\.\.|\d{4}\?")
PAGES = ["dashboard.pages.overview", "dashboard.pages.trade", "dashboard.pages.energy", "dashboard.pages.arms"]


@pytest.fixture(scope="module")
def app(data: DataStore) -> dash.Dash:
    return create_app(store=data)


def walk(component: Any) -> Iterator[Any]:
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from walk(child)
    elif children is not None and not isinstance(children, str | int | float):
        yield from walk(children)


def publishers_of(data: DataStore, row: pd.Series) -> list[str]:
    """Short publisher names of the row's own source (all inputs' sources for a computed row)."""
    ids = str(row["source_ids"] if row["confidence"] == "computed" else row["source_id"]).split(";")
    return [short_publisher(str(data.source_index[sid]["publisher"])) for sid in ids]


def relayed(row: pd.Series) -> bool:
    """A government figure of one side whose source names the other side's body (credited to the outlet)."""
    return " figure relayed by " in str(row["credit"])


def assert_names_its_own_source(data: DataStore, row: pd.Series, shown: str, others: set[str]) -> None:
    text = html.unescape(shown)
    assert str(row["credit"]) in text, (row["obs_id"], text)
    if not relayed(row):
        for name in publishers_of(data, row):
            assert name in text, (row["obs_id"], name, text)
    for other in others:
        if other not in str(row["credit"]):
            assert other not in text, (row["obs_id"], other, text)
    assert not RECORD_ID.search(text), text
    assert not RAW_PERIOD.search(text), text


def test_every_hover_of_every_default_page_names_that_points_source(app: dash.Dash, data: DataStore) -> None:
    rows = data.credited.set_index("obs_id", drop=False)
    checked = 0
    for name in PAGES:
        page = importlib.import_module(name)
        for comp in walk(page.layout()):
            if not isinstance(comp, dcc.Graph):
                continue
            for trace in comp.figure.data:
                ids = [i for i in (trace.customdata or []) if isinstance(i, str) and i in rows.index]
                if not ids:
                    continue
                series_names = {n for i in ids for n in publishers_of(data, rows.loc[i])}
                texts = dict(zip(trace.customdata, trace.text, strict=True))
                for obs_id in ids:
                    row = rows.loc[obs_id]
                    own = set(publishers_of(data, row))
                    assert_names_its_own_source(data, row, str(texts[obs_id]), series_names - own)
                    checked += 1
    assert checked > 500


@pytest.mark.parametrize("year", [None, 2010, 2014, 2020])
def test_every_overview_card_cites_the_row_it_shows(data: DataStore, year: int | None) -> None:
    for spec in KPI_SPECS:
        k = kpi_value(data, spec, year)
        if k["value"] is None:
            assert k["source"] == ""
            continue
        row = k["row"]
        assert int(row["year"]) == k["year"]
        text = " · ".join([k["label"], k["context"], k["source"], k["freshness"]])
        assert_names_its_own_source(data, row, text, set())
        assert text.count("computed") <= 1, text


def test_the_2010_turnover_card_does_not_cite_the_2024_source(data: DataStore) -> None:
    k = kpi_value(data, next(s for s in KPI_SPECS if s.key == "turnover-az"), 2010)
    assert "Bayramov" not in k["source"] and "IMF Direction of Trade Statistics" in k["source"]


def statements_years(data: DataStore) -> list[int]:
    points = data.observations[data.observations["kind"] == "point"]
    return sorted({int(y) for y in points["year"].dropna()})


def test_every_statements_row_credits_its_own_source(app: dash.Dash, data: DataStore) -> None:
    indicators = (
        trade_queries.STATEMENT_INDICATORS + trade_queries.FACT_INDICATORS + energy_queries.detail_indicators(data)
    )
    obs = data.credited
    frame = obs[obs["indicator"].isin(indicators) & (obs["kind"] == "point")]
    frame = frame.sort_values(["period_start", "indicator", "reporter"])
    lines = statements_markdown(data, frame, "none").split("\n")[2:]
    assert len(lines) == len(frame) > 300
    for line, (_, row) in zip(lines, frame.iterrows(), strict=True):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        source_cell = cells[-1]
        assert source_cell.startswith("[" + md_text(row["credit"]) + "]"), (row["obs_id"], source_cell)
        link_text = source_cell.split("](", 1)[0].removeprefix("[").replace("\\", "")
        assert_names_its_own_source(data, row, link_text, set())
        assert not RAW_PERIOD.search(cells[0]) and not RECORD_ID.search(line.split("](", 1)[0]), line
        assert "\\<" not in line and "\\>" not in line, line


def test_the_russian_customs_figure_of_2014_is_not_credited_to_azerbaijans_customs(data: DataStore) -> None:
    # ST0012: 4 000 USD million, the FCS (Russian) turnover for 2014 quoted in a Turan digest (source flnka-fcs)
    row = data.observations[data.observations["obs_id"] == "ST0012"]
    text = statements_markdown(data, row, "none")
    assert "State Customs Committee of Azerbaijan" not in text
    assert "Federal Customs Service of Russia (cited by Turan), via Federal Lezghi NCA digest (Turan)" in text
    assert "| 2014 |" in text and "4" + "\u202f" + "000 USD million" in text


def test_twh_rows_say_they_are_computed_from_their_publisher_at_the_factor(data: DataStore) -> None:
    # EN0327: 50.3763 Mt in 2010 (State Statistics Committee via 1news.az) -> 585.876 TWh at 11.63 TWh/Mt
    obs = data.credited
    row = obs[obs["obs_id"] == "D-energy_oil_production_twh-EN0327"].iloc[0]
    assert row["value"] == pytest.approx(50.3763 * 11.63)
    assert row["credit"] == (
        "computed from State Statistics Committee of Azerbaijan, via 1news.az (2015-08-18) at 11.63 TWh/Mt"
    )
    gas = obs[(obs["indicator"] == "energy_gas_production_twh") & (obs["confidence"] == "computed")]
    assert gas["credit"].str.endswith(" at 10 TWh/bcm").all()


def test_statements_show_period_words_and_qualifiers_without_escapes(data: DataStore) -> None:
    obs = data.observations
    # EN0408: '@2021?'; a Jan–Jun range with an inferred period; an upper bound ('<')
    rows = obs[obs["period"].isin(["@2021?", "2024-01..2024-06?"])]
    text = statements_markdown(data, rows, "none")
    assert "as of 2021 (date inferred)" in text and "Jan–Jun 2024 (dates inferred)" in text
    assert "@2021" not in text and "2024-01..2024-06" not in text
    upper = obs[(obs["qualifier"] == "upper_bound") & (obs["kind"] == "point")]
    text = statements_markdown(data, upper, "none")
    assert "| < " in text and "\\<" not in text


def shown_strings(obj: Any, key: str | None = None) -> Iterator[str]:
    """Every string a user can read or hover in a serialised layout (ids, values and customdata excluded)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            # a figure's "data" (its traces) is shown; a store's "data" is not read as text
            hidden = k in ("customdata", "id", "key", "value", "rowData", "href", "src")
            if not hidden and (k != "data" or isinstance(v, list)):
                yield from shown_strings(v, k)
    elif isinstance(obj, list):
        for v in obj:
            yield from shown_strings(v, key)
    elif isinstance(obj, str):
        yield obj


def page_layouts(app: dash.Dash) -> Iterator[tuple[str, Any]]:
    for name in [*PAGES, "dashboard.pages.compare", "dashboard.pages.data_sources"]:
        yield name, importlib.import_module(name).layout()
    chapters = importlib.import_module("dashboard.pages.chapters")
    yield "chapters", chapters.layout()
    for n in range(1, 12):
        yield f"chapter {n}", chapters.layout(chapter_id=str(n))


def test_no_record_id_is_shown_or_in_a_tooltip_on_any_page(app: dash.Dash) -> None:
    import json

    from plotly.utils import PlotlyJSONEncoder

    for name, layout in page_layouts(app):
        obj = json.loads(json.dumps(layout, cls=PlotlyJSONEncoder))
        hits = [s for s in shown_strings(obj) if RECORD_ID.search(s)]
        assert hits == [], (name, hits[:3])
