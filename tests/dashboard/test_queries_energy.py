"""Caspian energy queries on a few hand-written rows (values worked out by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import DataStore
from dashboard.queries.energy import (
    BN,
    contracts_frame,
    conversion_label,
    default_year,
    detail_indicators,
    flow_frames,
    full_year_points,
    pipeline_frames,
    production_rows,
    production_series,
)
from tests.dashboard.tiny_store import observation, tiny_store


@pytest.fixture
def tiny(data: DataStore) -> DataStore:
    """Baku–Novorossiysk: one full year per counter, one half-year, one plan; gas flows: a full year, a
    cumulative figure, one of another subject; two contracts; EI production to 2023."""
    bn = {"subject": BN, "kind": "point", "unit": "Mt"}
    gas = {"reporter": "SOCAR", "subject": "AZ→RU", "kind": "point"}
    rows = [
        observation("B1", "energy_oil_pipeline_mt", 2010, 2.5, reporter="SOCAR", **bn),
        observation("B2", "energy_oil_pipeline_mt", 2010, 3.1, reporter="TRANSNEFT", **bn),
        observation("B3", "energy_oil_pipeline_mt", 2011, 1.2, reporter="SOCAR", full_year=False, **bn),
        observation("B4", "energy_oil_pipeline_plan_mt", 2012, 5.0, reporter="SOCAR", **bn),
        observation("B5", "energy_oil_pipeline_mt", 2013, 1.0, reporter="SOCAR", subject="Baku–Supsa", kind="point"),
        observation("G1", "energy_gas_flow_bcm", 2011, 1.5, **gas),
        observation("G2", "energy_gas_flow_bcm", 2015, 6.0, full_year=False, **gas),
        observation("G3", "energy_gas_flow_bcm", 2016, 2.0, reporter="AZ", subject="AZ→Turkey", kind="point"),
        observation("C2", "energy_gas_contract_volume_bcm", 2015, 2.0, kind="point", period_start="2015-06-01"),
        observation("C1", "energy_gas_contract_bcm", 2015, 1.5, kind="point", period_start="2015-01-01"),
        observation("E1", "energy_oil_production_twh", 2022, 380.0, reporter="EI", subject="AZ"),
        observation("E2", "energy_oil_production_twh", 2023, 370.0, reporter="EI", subject="AZ"),
        observation("E3", "energy_oil_production_twh", 2024, 6000.0, reporter="EI", subject="RU"),
    ]
    indicators = ["energy_oil_production_twh", "transport_instc_freight_az", "trade_az_to_ru", "arms_tiv_to_az"]
    return tiny_store(data, rows, indicators=indicators)


def test_full_year_points_keep_only_whole_year_points_with_a_value() -> None:
    frame = pd.DataFrame(
        {
            "obs_id": ["a", "b", "c", "d", "e"],
            "kind": ["point", "point", "series", "point", "point"],
            "full_year": [True, False, True, True, True],
            "value": [1.0, 2.0, 3.0, None, 5.0],
            "year": [2010, 2010, 2010, 2010, None],
        }
    )
    assert list(full_year_points(frame)["obs_id"]) == ["a"]


def test_conversion_label_only_when_every_row_is_a_computed_conversion() -> None:
    computed = pd.DataFrame(
        {"confidence": ["computed", "computed"], "formula": [None, "energy_gas_production_twh ÷ 10 TWh per bcm"]}
    )
    assert conversion_label(computed) == "converted at 10 TWh/bcm"
    mixed = computed.assign(confidence=["computed", "published"])
    assert conversion_label(mixed) is None
    assert conversion_label(computed.iloc[0:0]) is None


def test_pipeline_frames_split_full_years_from_part_years_and_plans(tiny: DataStore) -> None:
    full, rest = pipeline_frames(tiny)
    assert sorted(full["obs_id"]) == ["B1", "B2"]
    # the half-year and the plan (an extra indicator of the route); Baku–Supsa is another route
    assert list(rest["obs_id"]) == ["B3", "B4"]


def test_flow_frames_keep_the_two_directions_only(tiny: DataStore) -> None:
    full, rest = flow_frames(tiny)
    assert list(full["obs_id"]) == ["G1"]
    assert list(rest["obs_id"]) == ["G2"]


def test_contracts_are_in_date_order(tiny: DataStore) -> None:
    assert list(contracts_frame(tiny)["obs_id"]) == ["C1", "C2"]


def test_detail_indicators_are_the_energy_and_transport_ones(tiny: DataStore) -> None:
    assert detail_indicators(tiny) == ["energy_oil_production_twh", "transport_instc_freight_az"]


def test_default_year_is_ei_azerbaijan_oils_last_year(tiny: DataStore) -> None:
    # E3 (2024) is Russia's: not the default
    assert default_year(tiny) == 2023


def test_production_series_by_source_and_the_rows_of_the_ticked_ones(data: DataStore) -> None:
    rows = [
        observation("P1", "energy_gas_production_marketed_bcm", 2010, 26.3, reporter="BP", subject="AZ"),
        observation("P2", "energy_gas_production_marketed_bcm", 2010, 26.4, reporter="EI", subject="AZ"),
        observation(
            "P3", "energy_gas_production_marketed_bcm", 2011, 25.0, reporter="SOCAR", subject="AZ", kind="point"
        ),
        observation("P4", "energy_gas_production_official_bcm", 2011, 30.0, reporter="AZ", subject="AZ", kind="point"),
        observation("P5", "energy_gas_production_marketed_bcm", 2012, 9.0, subject="AZ", kind="point", full_year=False),
    ]
    store = tiny_store(data, rows)
    series = production_series(store, "gas", "AZ", "bcm")
    ids = {key: [list(s.frame["obs_id"]) for s in items] for key, items in series.items()}
    assert ids == {"bp": [["P1"]], "ei": [["P2"]], "official": [["P3"]], "official-total": [["P4"]]}
    assert [s.key for s in series["official"]] == ["SOCAR"] and series["bp"][0].publishers == "Publisher A"
    empty = store.observations.iloc[0:0]
    assert list(production_rows(series, ["ei", "official"], empty)["obs_id"]) == ["P2", "P3", "P4"]
    assert production_rows(series, [], empty).empty
    # TWh: no official total gas series (published in bcm only)
    assert production_series(store, "gas", "AZ", "twh")["official-total"] == []
