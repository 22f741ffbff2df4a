"""One release per trade series: :mod:`indicators.current_release` and the trade derivations that use it."""

from __future__ import annotations

import pandas as pd
from indicators_support import obs_row

from indicators.clean import observations_frame
from indicators.current_release import superseded
from indicators.derive import derive_all

A = "DOTS export of 2022-02 (annual data to 2020)"
B = "DOTS export of 2023-05 (annual data to 2021)"
SOURCES = pd.DataFrame(
    [
        {"source_id": "imf-dots-aze-2022", "date": "2022-02-02", "edition": A},
        {"source_id": "imf-dots-aze-2023-05", "date": "2023-05", "edition": B},
        {"source_id": "news-2024", "date": "2024-01-19", "edition": None},
        {"source_id": "sipri-atdb-2022", "date": "2022", "edition": "SIPRI Arms Transfers Database, March 2022 update"},
        {"source_id": "sipri-atdb-2024", "date": "2024", "edition": "SIPRI Arms Transfers Database, March 2024 update"},
    ]
)


def _dots(obs_id: str, indicator: str, year: int, value: float, release: str) -> dict[str, object]:
    sid = "imf-dots-aze-2022" if release == A else "imf-dots-aze-2023-05"
    return obs_row(obs_id=obs_id, indicator=indicator, year=year, value=value, source_id=sid, edition=release)


def _tiv(obs_id: str, source: int, value: float) -> dict[str, object]:
    sid, edition = SOURCES.loc[source, "source_id"], SOURCES.loc[source, "edition"]
    return obs_row(obs_id=obs_id, indicator="arms_tiv_to_az", reporter="SIPRI", subject="Russia", value=value,
                   unit="TIV million", source_id=sid, edition=edition, raw_file="arms_tiv.csv")  # fmt: skip


def test_only_earlier_releases_of_a_one_line_series_are_superseded() -> None:
    obs = observations_frame(
        [
            _dots("TS1", "trade_az_to_ru", 2020, 709.4743, A),
            _dots("TS2", "trade_az_to_ru", 2020, 715.4743, B),
            _dots("TS3", "trade_az_to_ru", 2019, 731.8865, A),  # B gives 2019 too (TS4): A's is superseded
            _dots("TS4", "trade_az_to_ru", 2019, 731.8865, B),
            _dots("TS5", "trade_ru_to_az", 2020, 1962.2889, A),  # B lacks this series: A stays current
            obs_row(obs_id="TS6", year=2021, value=921.0, source_id="news-2024"),  # not a release
            _tiv("AT1", 3, 20.0),
            _tiv("AT2", 4, 21.0),
        ]
    )
    flags = dict(zip(obs["obs_id"], superseded(obs, SOURCES), strict=True))
    # SIPRI releases stand side by side (/arms picks one); only DOTS release A of AZ→RU is superseded
    assert flags == {
        "TS1": True, "TS2": False, "TS3": True, "TS4": False, "TS5": False, "TS6": False, "AT1": False, "AT2": False
    }  # fmt: skip


def test_derive_all_with_sources_never_mixes_or_computes_a_year_twice() -> None:
    obs = observations_frame(
        [
            _dots("TS1", "trade_az_to_ru", 2020, 709.4743, A),
            _dots("TS2", "trade_ru_to_az", 2020, 1962.2889, A),
            _dots("TS3", "trade_az_to_ru", 2020, 715.4743, B),
            _dots("TS4", "trade_ru_to_az", 2020, 1962.2889, B),
        ]
    )
    out = derive_all(obs, SOURCES).set_index("obs_id")
    # release B alone: 715.4743 + 1962.2889 and 715.4743 - 1962.2889 (A's sum would be 2671.7632)
    assert out.loc["D-trade_az_ru_turnover-AZ-2020", ["value", "source_ids", "edition"]].tolist() == [
        2677.7632,
        "imf-dots-aze-2023-05",
        B,
    ]
    assert out.loc["D-trade_az_ru_balance-AZ-2020", "value"] == -1246.8146
    assert out.index.is_unique


def test_a_later_energy_institute_or_milex_release_supersedes_the_earlier_one_series_by_series() -> None:
    sources = pd.DataFrame(
        [
            {"source_id": "ei-sr-2024", "date": "2024-06-20", "edition": "Statistical Review of World Energy 2024"},
            {"source_id": "ei-sr-2025", "date": "2025-06-26", "edition": "Statistical Review of World Energy 2025"},
            {"source_id": "bp-sr-2021", "date": "2021-07-08", "edition": "Statistical Review of World Energy 2021"},
            {"source_id": "sipri-milex-2024", "date": "2024-04-22", "edition": "SIPRI Milex, April 2024"},
            {"source_id": "sipri-milex-2025", "date": "2025-04-28", "edition": "SIPRI Milex, April 2025"},
        ]
    )

    def row(obs_id: str, sid: int, indicator: str, reporter: str, unit: str, raw_file: str) -> dict[str, object]:
        source_id, edition = sources.loc[sid, "source_id"], sources.loc[sid, "edition"]
        return obs_row(obs_id=obs_id, indicator=indicator, reporter=reporter, year=2020, value=1.0, unit=unit,
                       source_id=source_id, edition=edition, raw_file=raw_file)  # fmt: skip

    obs = observations_frame(
        [
            row("EN1", 0, "energy_oil_production_twh", "EI", "TWh", "energy.csv"),  # EI 2024: superseded by EN2
            row("EN2", 1, "energy_oil_production_twh", "EI", "TWh", "energy.csv"),
            row("EN3", 0, "energy_gas_production_twh", "EI", "TWh", "energy.csv"),  # only EI 2024 has it: current
            row("EN4", 2, "energy_oil_production_twh", "BP", "TWh", "energy.csv"),  # bp is another product
            row("AM1", 3, "arms_milex_share_gdp", "SIPRI", "percent", "arms_milex.csv"),
            row("AM2", 4, "arms_milex_share_gdp", "SIPRI", "percent", "arms_milex.csv"),
        ]
    )
    flags = dict(zip(obs["obs_id"], superseded(obs, sources), strict=True))
    assert flags == {"EN1": True, "EN2": False, "EN3": False, "EN4": False, "AM1": True, "AM2": False}
