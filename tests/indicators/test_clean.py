"""Cleaning: raw text frames -> typed frames, conflicts kept side by side, problems located."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.clean import (
    OBSERVATION_COLUMNS,
    classify_kind,
    clean_arms_statements,
    clean_catalogue,
    clean_deals,
    clean_events,
    clean_records,
    delivery_year_list,
)
from indicators.load import RAW_FILES, RECORD_COLUMNS, RawBundle, parse_csv_text


def _records(*lines: str) -> pd.DataFrame:
    frame, problems = parse_csv_text(
        "trade_statements.csv", "\n".join([",".join(RECORD_COLUMNS), *lines]) + "\n", RECORD_COLUMNS
    )
    assert problems == []
    assert frame is not None
    return frame


def test_records_become_typed_observations(
    minimal_bundle: RawBundle, minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    obs, problems = clean_records(minimal_bundle.frames["trade_series.csv"], minimal_catalogue, minimal_sources)
    assert problems == []
    assert list(obs.columns) == OBSERVATION_COLUMNS
    assert len(obs) == 10
    assert str(obs["value"].dtype) == "float64"
    assert str(obs["year"].dtype) == "Int64"
    assert str(obs["raw_line"].dtype) == "Int64"
    assert obs["full_year"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(obs["period_start"])
    first = obs.iloc[0]
    assert (first["obs_id"], first["raw_file"], first["raw_line"]) == ("TS0001", "trade_series.csv", 2)
    # the edition comes from sources.csv
    assert first["edition"] == "Yearbook 2021 (data to 2020)"
    # a source without an edition gives a missing edition, not an empty string
    assert obs.loc[obs["source_id"] == "src-ru", "edition"].isna().all()
    # TS0006 is 2.5 USD billion -> 2500 USD million; the published text stays visible
    ts6 = obs.set_index("obs_id").loc["TS0006"]
    assert (ts6["value"], ts6["factor"], ts6["value_published"], ts6["unit_published"]) == (
        2500.0,
        1000.0,
        "2.5",
        "USD billion",
    )
    assert obs["formula"].isna().all()
    assert obs["confidence"].eq("official").all()


def test_conflicting_figures_are_kept_side_by_side(
    minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    raw = _records(
        "ST0001,trade_az_ru_turnover,AZ,,2019,400,USD million,src-az,table 3,official,",
        "ST0002,trade_az_ru_turnover,AZ,,2019,~450,USD million,src-news,speech,officials_statement,",
    )
    obs, problems = clean_records(raw, minimal_catalogue, minimal_sources)
    assert problems == []
    assert obs[["obs_id", "value"]].values.tolist() == [["ST0001", 400.0], ["ST0002", 450.0]]


def test_a_row_with_several_problems_reports_each_and_is_left_out(
    minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    raw = _records(
        "ST0001,trade_az_ru_turnover,AZ,,2019-13,abc,EUR million,src-az,table 3,official,",
        "ST0002,trade_az_ru_turnover,AZ,,2019,400,USD million,src-az,table 3,official,",
    )
    obs, problems = clean_records(raw, minimal_catalogue, minimal_sources)
    assert sorted((p.row, p.column, p.rule) for p in problems) == [
        (2, "period", "period_format"),
        (2, "unit", "unknown_unit"),
        (2, "value", "value_format"),
    ]
    assert obs["obs_id"].tolist() == ["ST0002"]


@pytest.mark.parametrize(
    ("raw_file", "reporter", "confidence", "kind"),
    [
        ("trade_series.csv", "AZ", "official", "series"),
        ("arms_milex.csv", "SIPRI", "statistical_review", "series"),
        ("energy.csv", "BP", "statistical_review", "series"),
        ("arms_tiv.csv", "SIPRI", "statistical_review", "series"),
        ("arms_tiv.csv", "SIPRI", "secondary", "point"),  # a news item quoting SIPRI
        ("energy.csv", "SOCAR", "official", "point"),
        ("trade_statements.csv", "AZ", "official", "point"),
    ],
)
def test_only_consistent_annual_series_are_kind_series(
    raw_file: str, reporter: str, confidence: str, kind: str
) -> None:
    assert classify_kind(raw_file, reporter, confidence) == kind


def test_catalogue_is_typed(minimal_bundle: RawBundle) -> None:
    cat = clean_catalogue(minimal_bundle.frames["catalogue.csv"])
    assert "_line" not in cat.columns
    assert pd.api.types.is_integer_dtype(cat["chapter"])
    assert str(cat["plausible_min"].dtype) == "float64"
    text = cat.set_index("indicator_id").loc["trade_az_ru_turnover_trend"]
    assert pd.isna(text["plausible_min"])
    assert pd.isna(text["plausible_max"])
    balance = cat.set_index("indicator_id").loc["trade_az_ru_balance"]
    assert (balance["plausible_min"], balance["plausible_max"]) == (-15000.0, 15000.0)


def test_events_get_explicit_date_bounds_sorted_by_date(minimal_bundle: RawBundle) -> None:
    raw = minimal_bundle.frames["events.csv"]
    events, problems = clean_events(raw.iloc[::-1].reset_index(drop=True))
    assert problems == []
    assert events["event_id"].tolist() == ["EP001", "EC001"]
    assert list(zip(events["date_start"], events["date_end"], strict=True)) == [
        (pd.Timestamp(1992, 4, 4), pd.Timestamp(1992, 4, 4)),
        (pd.Timestamp(2018, 8, 1), pd.Timestamp(2018, 8, 31)),
    ]
    # empty cells become missing
    assert events["note"].isna().all()


def test_impossible_event_date_is_reported_and_dropped(minimal_bundle: RawBundle) -> None:
    raw = minimal_bundle.frames["events.csv"].copy()
    raw.loc[0, "date"] = "1992-02-30"
    events, problems = clean_events(raw)
    assert [(p.file, p.row, p.column, p.value, p.rule) for p in problems] == [
        ("events.csv", 2, "date", "1992-02-30", "date_valid")
    ]
    assert events["event_id"].tolist() == ["EC001"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("", []),
        ("2007", [2007]),
        ("2007;2008;2010", [2007, 2008, 2010]),
        ("2013-2015", [2013, 2014, 2015]),
        ("2010;2013-2015;2014", [2010, 2013, 2014, 2015]),
    ],
)
def test_delivery_years_expand_lists_and_ranges(text: str, years: list[int]) -> None:
    assert delivery_year_list(text) == years


def test_deals_are_typed_with_edition_and_delivery_span(
    minimal_bundle: RawBundle, minimal_sources: pd.DataFrame
) -> None:
    deals = clean_deals(minimal_bundle.frames["arms_deals.csv"], minimal_sources)
    assert list(deals.columns) == [
        *RAW_FILES["arms_deals.csv"][:2],
        "edition",
        *RAW_FILES["arms_deals.csv"][2:10],
        "first_delivery",
        "last_delivery",
        *RAW_FILES["arms_deals.csv"][10:],
    ]
    d1, d2 = deals.iloc[0], deals.iloc[1]
    assert d1["edition"] == "SIPRI Arms Transfers Database, March 2021 update (data to 2020)"
    assert (d1["order_year"], d1["number_ordered"], d1["first_delivery"], d1["last_delivery"]) == (
        2015,
        10,
        2016,
        2017,
    )
    assert (d1["tiv_per_unit"], d1["tiv_delivered"]) == (2.0, 20.0)
    # SIPRI deal ids stay text ('50412', never '50412.0')
    assert d1["sipri_deal_id"] == "50412"
    # D002: '2016-2018' spans three years; empty counts are missing, not zero
    assert (d2["first_delivery"], d2["last_delivery"]) == (2016, 2018)
    assert pd.isna(d2["number_ordered"])
    assert pd.isna(d2["tiv_delivered"])
    assert str(deals["order_year"].dtype) == "Int64"


def test_arms_statement_figures_keep_range_and_stated_unit(minimal_bundle: RawBundle) -> None:
    st, problems = clean_arms_statements(minimal_bundle.frames["arms_statements.csv"])
    assert problems == []
    assert "figure" not in st.columns
    a1, a2 = st.iloc[0], st.iloc[1]
    # '2-3' USD billion stays in the unit as stated: never converted to TIV or millions
    assert (a1["value"], a1["value_high"], a1["qualifier"], a1["unit"]) == (2.0, 3.0, "range", "USD billion")
    assert a2["qualifier"] == "qualitative"
    assert pd.isna(a2["value"])


def test_bad_arms_statement_figure_is_located(minimal_bundle: RawBundle) -> None:
    raw = minimal_bundle.frames["arms_statements.csv"].copy()
    raw.loc[0, "figure"] = "3-2"
    _, problems = clean_arms_statements(raw)
    assert [(p.file, p.row, p.column, p.value, p.rule) for p in problems] == [
        ("arms_statements.csv", 2, "figure", "3-2", "value_range_order")
    ]
