"""Caspian energy page: figure and table builders on the shipped data, URL parsing, downloads."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.charts import energy as energy_charts
from dashboard.data import DataStore
from dashboard.protocol import Selection
from dashboard.queries import energy as energy_queries
from indicators.pipeline import DEFAULT_CLEAN
from tests.dashboard.layout_walk import find

ALL_SOURCES = ["bp", "ei", "official"]
CLEAN_EVENTS = pd.read_csv(DEFAULT_CLEAN / "events.csv", dtype=str)
CLEAN_OBSERVATIONS = pd.read_csv(DEFAULT_CLEAN / "observations.csv", dtype=str)


def clean_rows(indicators: list[str]) -> int:
    """Rows of data/clean/observations.csv for ``indicators``."""
    return int(CLEAN_OBSERVATIONS["indicator"].isin(indicators).sum())


@pytest.fixture(scope="module")
def energy(data: DataStore) -> ModuleType:
    """The page module as Dash registers it (pages can only be imported once an app exists)."""
    create_app(store=data)
    return importlib.import_module("dashboard.pages.energy")


def series_traces(fig) -> list:
    """Data traces (not the event-marker traces)."""
    return [t for t in fig.data if not str(t.name).startswith("events")]


def names(fig) -> list[str]:
    return [t.name for t in series_traces(fig)]


def trace(fig, name: str):
    return next(t for t in fig.data if t.name == name)


def by_year(tr) -> dict[int, list[float]]:
    out: dict[int, list[float]] = {}
    for x, y in zip(tr.x, tr.y, strict=True):
        out.setdefault(int(x), []).append(y)
    return out


def notes(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if a.name == "unit-note"]


def text_of(component: Any) -> str:
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    parts = children if isinstance(children, list | tuple) else [children]
    return " ".join(text_of(c) for c in parts)


def production(energy, data, fuel="oil", country="AZ", unit="mt", sources=ALL_SOURCES, events=False):
    values = {**energy.SPEC.parse(data, {}).values, fuel: unit, "sources": list(sources), "events": events}
    sel = Selection(values)
    fig, _ = energy.production_chart(data, sel, fuel, country)
    return fig


def no_view(energy, data):
    """How the page draws its charts with no range and the events layer off."""
    return energy.chart_view(energy.SPEC.parse(data, {"events": "0"}), data.events.iloc[0:0])


def test_oil_in_mt_shows_both_reviews_as_lines_and_official_figures_as_markers(energy, data):
    fig = production(energy, data)
    assert names(fig) == [
        "BP Statistical Review 2021",
        "EI Statistical Review 2025 — converted at 11.63 TWh/Mt",
        "AZ government",
        "SOCAR",
    ]
    assert trace(fig, "BP Statistical Review 2021").mode == "lines+markers"
    assert trace(fig, "AZ government").mode == trace(fig, "SOCAR").mode == "markers"
    # EN0001: BP, Azerbaijan 1990, 12.5 Mt; EN0229: EI 1990, 145.375 TWh / 11.63 TWh per Mt = 12.5 Mt
    assert by_year(trace(fig, "BP Statistical Review 2021"))[1990] == [pytest.approx(12.5)]
    assert by_year(trace(fig, "EI Statistical Review 2025 — converted at 11.63 TWh/Mt"))[1990] == [pytest.approx(12.5)]
    assert notes(fig) == []


def test_source_switch_keeps_only_the_ticked_sources(energy, data):
    assert names(production(energy, data, sources=["bp"])) == ["BP Statistical Review 2021"]
    assert names(production(energy, data, sources=["ei"])) == ["EI Statistical Review 2025 — converted at 11.63 TWh/Mt"]
    official = production(energy, data, country="RU", sources=["official"])
    assert names(official) == ["RU government", "press, origin not named"]
    assert all(t.mode == "markers" for t in series_traces(official))
    none = production(energy, data, sources=[])
    assert names(none) == []
    assert any("No source selected" in n for n in notes(none))


def test_unit_switch_to_kbd_says_why_ei_and_official_figures_are_missing(energy, data):
    fig = production(energy, data, unit="kbd")
    assert names(fig) == ["BP Statistical Review 2021"]
    # EN0002: BP, Azerbaijan 1990, 254.3 kb/d (published, not converted from Mt)
    assert by_year(series_traces(fig)[0])[1990] == [pytest.approx(254.3)]
    assert notes(fig) == [
        "<i>EI publishes no kb/d series and no Mt↔kb/d factor is stated</i>",
        "<i>Official figures are published in Mt; no Mt↔kb/d factor is stated</i>",
    ]
    assert fig.layout.annotations[0].text == "kb/d"  # unit label above the axis


def test_twh_labels_the_converted_series_and_uses_the_stated_factor(energy, data):
    fig = production(energy, data, unit="twh")
    assert names(fig) == [
        "BP Statistical Review 2021 — converted at 11.63 TWh/Mt",
        "EI Statistical Review 2025",
        "AZ government — converted at 11.63 TWh/Mt",
        "SOCAR — converted at 11.63 TWh/Mt",
    ]
    # EN0001: 12.5 Mt × 11.63 = 145.375 TWh; EN0229: EI publishes 145.375 TWh for the same year
    assert by_year(trace(fig, "BP Statistical Review 2021 — converted at 11.63 TWh/Mt"))[1990] == [
        pytest.approx(145.375)
    ]
    assert by_year(trace(fig, "EI Statistical Review 2025"))[1990] == [pytest.approx(145.375)]
    bp = trace(fig, "BP Statistical Review 2021 — converted at 11.63 TWh/Mt")
    assert "converted at 11.63 TWh/Mt" in bp.text[0] and bp.line.dash == "dot"


def test_official_figures_are_full_years_only(energy, data):
    socar = trace(production(energy, data), "SOCAR")
    years = by_year(socar)
    # EN0338: SOCAR 2018, 38.758 Mt; EN0339 (Jan-Nov 2019, 34.3 Mt) is part-year and stays off the annual axis
    assert years[2018] == [pytest.approx(38.758)]
    assert 2019 not in years
    assert "EN0339" not in socar.customdata
    assert "Source: SOCAR" in socar.text[0]


def test_total_gas_is_never_on_the_marketed_line(energy, data):
    fig = production(energy, data, fuel="gas", unit="bcm")
    assert names(fig) == [
        "BP Statistical Review 2021",
        "EI Statistical Review 2025 — converted at 10 TWh/bcm",
        "AZ government — marketed gas",
        "AZ government — TOTAL gas incl. reinjected (different definition)",
        "SOCAR — TOTAL gas incl. reinjected (different definition)",
    ]
    obs = data.observations.set_index("obs_id")
    for tr in series_traces(fig):
        indicators = {obs.at[o, "indicator"] for o in tr.customdata if o}
        expected = "energy_gas_production_official_bcm" if "TOTAL" in tr.name else "energy_gas_production_marketed_bcm"
        assert indicators == {expected}, tr.name
        if "TOTAL" in tr.name:
            assert tr.mode == "markers"
            assert set(tr.marker.symbol) <= {"square", "square-open"}
    # EN0352 / EN0355: AZ marketable gas 17.9 bcm (2013) and 19.2 bcm (2018); EN0358: SOCAR total 43.9 bcm (2021)
    assert by_year(trace(fig, "AZ government — marketed gas")) == {2013: [17.9], 2018: [19.2]}
    assert by_year(trace(fig, "SOCAR — TOTAL gas incl. reinjected (different definition)"))[2021] == [43.9]


def test_gas_in_twh_says_total_gas_is_not_converted(energy, data):
    fig = production(energy, data, fuel="gas", country="RU", unit="twh")
    assert names(fig) == ["BP Statistical Review 2021 — converted at 10 TWh/bcm", "EI Statistical Review 2025"]
    assert notes(fig) == ["<i>Official total gas (incl. reinjected) is published in bcm only; not converted to TWh</i>"]


def test_ei_russia_series_starts_where_its_data_starts(energy, data):
    (ei,) = series_traces(production(energy, data, country="RU", sources=["ei"]))
    assert min(ei.x) == 2011 and None not in ei.y


def test_caspian_milestones_are_drawn_but_off_by_default(energy, data):
    defaults = energy.params(data)
    assert defaults["events"].default is False
    fig = production(energy, data, events=True)
    markers = [t for t in fig.data if str(t.name).startswith("events:")]
    caspian = CLEAN_EVENTS[CLEAN_EVENTS["layer"] == "caspian"]
    assert sum(len(t.x) for t in markers) == len(caspian) > 0
    assert all(t.visible for t in markers)
    hidden = production(energy, data, events=False)
    assert not any(t.visible for t in hidden.data if str(t.name).startswith("events:"))


def test_baku_novorossiysk_counts_stay_side_by_side_and_part_years_go_to_the_table(energy, data):
    frame = energy_queries.pipeline_frames(data)[0]
    fig = energy_charts.pipeline_figure(frame, no_view(energy, data))
    assert names(fig) == [
        "SOCAR (its own shipments)",
        "Transneft (transit count)",
        "Russia's CDU TEK dispatch office",
        "Press, origin not named",
    ]
    assert all(t.mode == "markers" for t in series_traces(fig))
    socar = by_year(trace(fig, "SOCAR (its own shipments)"))
    # EN0398 (0.932155 Mt, 1news) and EN0459 (1.02 Mt, Reuters): two SOCAR figures for 2014, both kept
    assert sorted(socar[2014]) == [pytest.approx(0.932155), pytest.approx(1.02)]
    transneft = trace(fig, "Transneft (transit count)")
    # EN0388: Transneft '>4 Mt' in 2005, a lower bound drawn as a triangle
    i = list(transneft.x).index(2005)
    assert transneft.y[i] == 4.0 and transneft.marker.symbol[i] == "triangle-up"
    _, rest = energy_queries.pipeline_frames(data)
    part_year = {"EN0461", "EN0462", "EN0405"}  # Jan-Aug 2016, Jan-Aug 2017, Jan-Aug 2021
    assert part_year <= set(rest["obs_id"])
    plotted = {o for t in series_traces(fig) for o in t.customdata}
    assert not part_year & plotted
    assert frame["full_year"].all()


def test_gas_flows_show_both_directions_and_list_part_year_figures(energy, data):
    fig = energy_charts.flow_figure(energy_queries.flow_frames(data)[0], no_view(energy, data))
    assert names(fig) == [
        "Azerbaijan → Russia (AZ government)",
        "Azerbaijan → Russia (SOCAR)",
        "Azerbaijan → Russia (Gazprom)",
        "Russia → Azerbaijan (AZ government)",
        "Russia → Azerbaijan (Gazprom)",
    ]
    # EN0428: 'between 200 and 300 mcm' in 2022 is a range: 0.2 with an error bar up to 0.3
    ru_az = trace(fig, "Russia → Azerbaijan (AZ government)")
    assert list(ru_az.x) == [2022] and ru_az.error_y.array[0] == pytest.approx(0.1)
    _, rest = energy_queries.flow_frames(data)
    assert {"EN0431", "EN0430", "EN0425"} <= set(rest["obs_id"])  # part-year, multi-year, cumulative
    contracts = clean_rows(["energy_gas_contract_bcm", "energy_gas_contract_volume_bcm"])
    assert len(energy_queries.contracts_frame(data)) == contracts > 0


def test_selected_year_lists_every_energy_and_transport_figure_dated_that_year(energy, data):
    tables = energy_queries.year_tables(data)
    text = tables["years"]["2014"]
    assert "0.93 Mt" in text  # EN0398
    assert "Gas flows between Azerbaijan and Russia" in text
    assert tables["years"]["2020"] != text
    assert tables["default"] == 2024
    assert tables["years"]["2003"] == "*No energy or transport figures dated 2003.*"
    # one renderer: the page ships the tables and leaves the panel to the browser (ruaz_pages.yearTable)
    page = energy.layout(year="2014")
    assert find(page, "energy-tables").data == tables
    assert find(page, "energy-statements-md").children is None
    assert find(page, "energy-detail-year").children is None


def test_lukoil_table_holds_all_stakes_and_deals(energy, data):
    frame = energy_queries.lukoil_frame(data)
    lukoil = {
        "energy_lukoil_stake",
        "energy_lukoil_deal_value",
        "energy_lukoil_share_of_az_gas",
        "energy_lukoil_shah_deniz_revenue",
    }
    assert set(frame["indicator"]) == lukoil
    assert len(frame) == clean_rows(sorted(lukoil))


def test_bad_query_parameters_give_notices_not_errors(energy, data):
    page = energy.layout(**{"release": "abc", "oil": "<script>", "sources": "bp,zz", "year": "19x4"})
    notice = text_of(find(page, "energy-notice"))
    assert "Unknown oil unit '<script>'" in notice
    assert "Ignored unknown parameter 'release'" in notice
    assert "'zz'" in notice and "not a year" in notice
    state = find(page, energy.SPEC.state_id).data
    assert state["oil"] == "mt" and state["sources"] == ["bp"] and state["year"] is None


def test_download_view_follows_units_sources_and_range(energy, data):
    state = {"year": 2014, "from": 2010, "to": 2016, "oil": "kbd", "gas": "twh", "sources": ["bp"], "events": False}
    frame, extra = energy.view_frame(data, energy.SPEC.selection(data, state))
    assert frame["year"].between(2010, 2016).all()
    production = frame[frame["indicator"].str.contains("production")]
    assert set(production["indicator"]) == {"energy_oil_production_kbd", "energy_gas_production_twh"}
    assert set(production["reporter"]) == {"BP"}
    assert "Energy figures 2014" in extra and "EN0398" in set(extra["Energy figures 2014"]["obs_id"])
    assert "raw_file" not in extra["Lukoil"].columns
    payload = energy.download(1, state)
    assert payload["filename"] == "ruaz-energy-kbd-twh-2014.xlsx"


def test_pre_2007_gas_import_ceiling_reads_as_an_annual_ceiling(energy, data):
    # EN0424: 'before 2007 Azerbaijan imported up to 4.5 bcm' a year (Vkrizis.info): a ceiling for each
    # year, not a 2000-2006 total, so it is in bcm/year and never among the flow totals
    row = data.observations.set_index("obs_id").loc["EN0424"]
    assert (row["indicator"], row["unit"], row["qualifier"], row["value"]) == (
        "energy_gas_flow_annual_ceiling",
        "bcm/year",
        "upper_bound",
        4.5,
    )
    _, rest = energy_queries.flow_frames(data)
    assert "EN0424" not in set(rest["obs_id"])
    assert "< 4.50 bcm/year" in energy_queries.year_tables(data)["years"]["2006"]
