"""Unit aliases, scale factors and the units that must never be converted."""

from __future__ import annotations

import pandas as pd
import pytest
from indicators_support import MALFORMED

from indicators.clean import clean_records
from indicators.load import RECORD_COLUMNS, read_raw_file
from indicators.units import (
    CANONICAL_UNITS,
    GAS_TWH_PER_BCM,
    OIL_TWH_PER_MT,
    UNIT_ALIASES,
    UnitError,
    to_canonical,
)


@pytest.mark.parametrize(
    ("raw_unit", "catalogue_unit", "factor"),
    [
        ("USD million", "USD million", 1.0),
        ("million USD", "USD million", 1.0),
        ("USD billion", "USD million", 1000.0),
        ("billion USD", "USD million", 1000.0),
        ("RUB billion", "RUB million", 1000.0),
        ("million tonnes", "Mt", 1.0),
        ("million tonnes", "tonnes", 1_000_000.0),
        ("tonnes", "Mt", 1e-6),
        ("million tonnes per year", "Mt/year", 1.0),
        ("thousand barrels/day", "kb/d", 1.0),
        ("barrels/day", "kb/d", 0.001),
        ("bcm per year", "bcm/year", 1.0),
        ("cubic metres", "m3", 1.0),
        ("TIV million", "TIV million", 1.0),
        ("USD million (constant 2022)", "USD million (constant 2022)", 1.0),
    ],
)
def test_known_aliases_convert_with_their_factor(raw_unit: str, catalogue_unit: str, factor: float) -> None:
    assert to_canonical(raw_unit, catalogue_unit) == pytest.approx(factor, rel=1e-12)


def test_every_alias_points_at_a_canonical_unit_with_a_positive_factor() -> None:
    for alias, (canonical, factor) in UNIT_ALIASES.items():
        assert canonical in CANONICAL_UNITS, alias
        assert factor > 0, alias


def test_every_canonical_unit_can_be_written_in_raw_data() -> None:
    reachable = {canonical for canonical, _ in UNIT_ALIASES.values()}
    # 'ratio' is the unit of the computed mirror ratio only; no source publishes it
    assert reachable == CANONICAL_UNITS - {"ratio"}


def test_a_canonical_unit_used_as_raw_unit_converts_to_itself_unchanged() -> None:
    for unit in CANONICAL_UNITS & set(UNIT_ALIASES):
        assert to_canonical(unit, unit) == 1.0


def test_energy_factors_are_the_dossiers_values() -> None:
    # BP: 1 toe = 11.63 MWh, so 1 Mt of oil ~ 11.63 TWh; 1 bcm of gas ~ 10 TWh
    assert OIL_TWH_PER_MT == 11.63
    assert GAS_TWH_PER_BCM == 10.0


@pytest.mark.parametrize("raw_unit", ["EUR million", "usd million", "USD  million", "", "TIV"])
def test_unknown_unit_is_rejected(raw_unit: str) -> None:
    with pytest.raises(UnitError) as err:
        to_canonical(raw_unit, "USD million")
    assert err.value.rule == "unknown_unit"


@pytest.mark.parametrize(
    ("raw_unit", "catalogue_unit"),
    [
        ("TIV million", "USD million"),  # TIV is a volume index, never money
        ("USD million", "TIV million"),
        ("USD billion", "RUB million"),  # currencies are never converted into each other
        ("RUB billion", "USD million"),
        ("USD million", "USD million (constant 2022)"),
        ("bcm", "TWh"),  # energy-content factors are derived indicators, not unit aliases
        ("million tonnes", "TWh"),
        ("text", "percent"),
        ("percent", "ratio"),
    ],
)
def test_units_measuring_something_else_are_not_convertible(raw_unit: str, catalogue_unit: str) -> None:
    with pytest.raises(UnitError) as err:
        to_canonical(raw_unit, catalogue_unit)
    assert err.value.rule == "unit_not_convertible"


def test_unit_fixture_rows_convert_or_fail_as_their_note_says(
    minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    frame, load_problems = read_raw_file(MALFORMED / "units.csv", RECORD_COLUMNS)
    assert load_problems == []
    assert frame is not None
    obs, problems = clean_records(frame, minimal_catalogue, minimal_sources)
    expect = dict(zip(frame["record_id"], frame["note"].str.removeprefix("expect="), strict=True))
    lines = dict(zip(frame["record_id"], frame["_line"], strict=True))
    bad = {rid: rule for rid, rule in expect.items() if not rule[0].isdigit()}
    assert sorted((p.row, p.rule) for p in problems) == sorted((lines[rid], rule) for rid, rule in bad.items())
    # the unit column is named for unit problems, the indicator column for unknown indicators
    assert {p.column for p in problems if p.rule != "indicator_in_catalogue"} == {"unit"}
    assert [p.column for p in problems if p.rule == "indicator_in_catalogue"] == ["indicator"]
    tiv_as_money = next(p for p in problems if p.value == "TIV million")
    assert tiv_as_money.rule == "unit_not_convertible"
    values = obs.set_index("obs_id")
    for rid, text in expect.items():
        if rid in bad:
            assert rid not in values.index
            continue
        assert values.loc[rid, "value"] == pytest.approx(float(text)), rid
    # the published unit stays visible next to the canonical one
    assert values.loc["UN0001", ["unit", "unit_published", "value_published"]].tolist() == [
        "USD million",
        "USD billion",
        "2.5",
    ]
    assert values.loc["UN0004", "unit"] == "Mt"
