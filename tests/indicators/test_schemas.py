"""Every raw and clean pandera model rejects bad rows with a named, located check."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from indicators_support import Build

from indicators import pipeline, schemas
from indicators.load import RAW_FILES, RawBundle
from indicators.problems import Problem


def _base(rule: str) -> str:
    """'isin([...])' -> 'isin'."""
    return rule.split("(", maxsplit=1)[0]


# ------------------------------------------------------------------ raw models
def test_every_raw_file_of_the_minimal_fixture_passes_its_raw_model(minimal_bundle: RawBundle) -> None:
    assert set(schemas.RAW_SCHEMAS) == set(RAW_FILES)
    for name, frame in minimal_bundle.frames.items():
        assert schemas.validate_frame(schemas.RAW_SCHEMAS[name], frame, name, schemas.OBSERVATION_KEY) == [], name


RAW_CASES = [
    # file, row index, column, bad text, expected check
    ("trade_series.csv", 1, "record_id", "ts0002", "str_matches"),
    ("trade_series.csv", 1, "indicator", "Trade-AZ", "str_matches"),
    ("trade_series.csv", 1, "reporter", "Azerbaijan", "isin"),
    ("trade_series.csv", 1, "period", "19", "str_length"),
    ("trade_series.csv", 1, "unit", "", "str_length"),
    ("trade_series.csv", 1, "source_id", "SRC AZ", "str_matches"),
    ("trade_series.csv", 1, "locator", "p1", "str_length"),
    ("trade_series.csv", 1, "confidence", "rumour", "isin"),
    ("trade_statements.csv", 0, "confidence", "computed", "isin"),  # only derive may compute
    ("energy.csv", 0, "reporter", "bp", "isin"),
    ("arms_tiv.csv", 0, "record_id", "AT1", "str_matches"),
    ("arms_milex.csv", 0, "indicator", "_milex", "str_matches"),
    ("sources.csv", 0, "url", "ftp://example.org/az", "str_matches"),
    ("sources.csv", 0, "url", "example.org/az", "str_matches"),
    ("sources.csv", 0, "url", "https://example.org/a b", "str_matches"),
    ("sources.csv", 0, "date", "02/2021", "str_matches"),
    ("sources.csv", 0, "source_id", "-src", "str_matches"),
    ("sources.csv", 0, "publisher", "X", "str_length"),
    ("sources.csv", 0, "url", "https://github.com/owner/repo/blob/abc1234/data.csv", "primary_url_not_a_github_copy"),
    ("sources.csv", 0, "url", "https://raw.githubusercontent.com/o/r/abc/d.csv", "primary_url_not_a_github_copy"),
    ("sources.csv", 0, "copy_url", "github.com/owner/repo", "str_matches"),
    ("sources.csv", 0, "copy_url", "https://github.com/owner/repo/blob/a/d.csv", "copy_has_cite_as"),
    # the armiya.az link as it was once stored: '%D0%A0' encoded again as '%25D0%25A0'
    ("sources.csv", 0, "url", "http://armiya.az/ru/news/142471/%25D0%25A0%25D0%25BE", "url_encoded_once"),
    ("sources.csv", 0, "copy_url", "https://example.org/files/%2541.csv", "copy_url_encoded_once"),
    ("sources.csv", 0, "copy_url", "https://", "copy_url_is_a_link"),
    ("sources.csv", 0, "url", "https://", "url_is_a_link"),
    ("sources.csv", 0, "url", "https:///no-host/page", "url_is_a_link"),
    ("catalogue.csv", 0, "indicator_id", "Trade turnover", "str_matches"),
    ("catalogue.csv", 0, "domain", "sports", "isin"),
    ("catalogue.csv", 0, "chapter", "12", "isin"),
    ("catalogue.csv", 0, "unit", "EUR million", "isin"),
    ("catalogue.csv", 0, "measure", "stock", "isin"),
    ("catalogue.csv", 0, "change_type", "log", "isin"),
    ("catalogue.csv", 0, "definition", "short", "str_length"),
    ("catalogue.csv", 0, "plausible_min", "1e3", "str_matches"),
    ("catalogue.csv", 0, "plausible_max", "20,000", "str_matches"),
    ("events.csv", 0, "event_id", "E001", "str_matches"),
    ("events.csv", 0, "date", "04/04/1992", "str_matches"),
    ("events.csv", 0, "date_precision", "week", "isin"),
    ("events.csv", 0, "layer", "economic", "isin"),
    ("events.csv", 0, "category", "sport", "isin"),
    ("events.csv", 0, "title", "T" * 91, "str_length"),
    ("events.csv", 0, "description", "Too short", "str_length"),
    ("events.csv", 0, "date", "1992-04", "date_matches_precision"),  # precision says day
    ("arms_deals.csv", 0, "deal_id", "D1", "str_matches"),
    ("arms_deals.csv", 0, "order_year", "20O6", "str_matches"),
    ("arms_deals.csv", 0, "number_ordered", "~10", "str_matches"),
    ("arms_deals.csv", 0, "number_delivered", "-1", "str_matches"),
    ("arms_deals.csv", 0, "delivery_years", "2016-2017-2018", "str_matches"),
    ("arms_deals.csv", 0, "delivery_years", "2016,2017", "str_matches"),
    ("arms_deals.csv", 0, "tiv_per_unit", "1,04", "str_matches"),
    ("arms_deals.csv", 0, "tiv_delivered", "about 20", "str_matches"),
    ("arms_deals.csv", 0, "sipri_deal_id", "50412.0", "str_matches"),
    ("arms_deals.csv", 0, "weapon_designation", "", "str_length"),
    ("arms_statements.csv", 0, "statement_id", "S001", "str_matches"),
    ("arms_statements.csv", 0, "figure", "2 bn", "str_matches"),
    ("arms_statements.csv", 0, "date", "June 2013", "str_matches"),
    ("arms_statements.csv", 0, "speaker", "X", "str_length"),
    ("arms_statements.csv", 0, "summary", "Said", "str_length"),
]


@pytest.mark.parametrize(("name", "index", "column", "bad", "check"), RAW_CASES)
def test_raw_model_rejects_a_bad_cell_and_locates_it(
    minimal_bundle: RawBundle, name: str, index: int, column: str, bad: str, check: str
) -> None:
    frame = minimal_bundle.frames[name].copy()
    frame.loc[index, column] = bad
    problems = schemas.validate_frame(schemas.RAW_SCHEMAS[name], frame, name, schemas.OBSERVATION_KEY)
    found = [(_base(p.rule), p.file, p.row, p.column, p.value) for p in problems]
    assert (check, name, index + 2, column, bad) in found
    # nothing else is blamed, and each rule is reported once for the row
    assert {(p.file, p.row) for p in problems} == {(name, index + 2)}
    assert len({p.rule for p in problems}) == len(problems)
    assert all(not p.message.startswith("fails check") for p in problems)


def test_a_failing_dataframe_check_is_one_problem_under_its_column(minimal_bundle: RawBundle) -> None:
    frame = minimal_bundle.frames["events.csv"].copy()
    frame.loc[1, "date"] = "2018"  # EC001 says month precision
    problems = schemas.validate_frame(schemas.RawEventSchema, frame, "events.csv")
    assert [(p.rule, p.row, p.column, p.value) for p in problems] == [("date_matches_precision", 3, "date", "2018")]


def test_raw_deal_delivery_years_accept_lists_and_single_ranges(minimal_bundle: RawBundle) -> None:
    frame = minimal_bundle.frames["arms_deals.csv"].copy()
    for good in ("2016", "2016;2017", "2013-2015", "2010;2013-2015;2017", ""):
        frame.loc[0, "delivery_years"] = good
        assert schemas.validate_frame(schemas.RawDealSchema, frame, "arms_deals.csv") == [], good


def test_raw_record_duplicate_key_is_multiple_fields_uniqueness(minimal_bundle: RawBundle) -> None:
    frame = minimal_bundle.frames["trade_series.csv"]
    # a second copy of line 2 under a new id, placed at line 12
    dup = frame.iloc[[0]].assign(record_id="TS0099", _line=12)
    both = pd.concat([frame, dup], ignore_index=True)
    problems = schemas.validate_frame(schemas.RawRecordSchema, both, "trade_series.csv", schemas.OBSERVATION_KEY)
    assert sorted((p.rule, p.row) for p in problems) == [
        ("multiple_fields_uniqueness", 2),
        ("multiple_fields_uniqueness", 12),
    ]
    assert problems[0].column == "+".join(schemas.OBSERVATION_KEY)
    assert problems[0].value == "trade_az_to_ru | AZ |  | 2019 | src-az"


def test_raw_duplicate_ids_are_field_uniqueness(minimal_bundle: RawBundle) -> None:
    frame = minimal_bundle.frames["sources.csv"].copy()
    frame.loc[1, "source_id"] = frame.loc[0, "source_id"]
    problems = schemas.validate_frame(schemas.RawSourceSchema, frame, "sources.csv")
    assert sorted((p.rule, p.row, p.column) for p in problems) == [
        ("field_uniqueness", 2, "source_id"),
        ("field_uniqueness", 3, "source_id"),
    ]


def test_raw_model_reports_a_missing_column(minimal_bundle: RawBundle) -> None:
    frame = minimal_bundle.frames["events.csv"].drop(columns=["layer"])
    problems = schemas.validate_frame(schemas.RawEventSchema, frame, "events.csv")
    assert [(p.rule, p.file, p.value) for p in problems] == [("column_in_dataframe", "events.csv", "layer")]


# ------------------------------------------------------- clean observations
OBS_CASES: list[tuple[str, dict[str, object], str]] = [
    ("unknown indicator", {"indicator": "trade_az_to_mars"}, "indicator_in_catalogue"),
    ("unit differs from catalogue", {"unit": "RUB million"}, "unit_matches_catalogue"),
    ("source not in sources", {"source_id": "src-nowhere"}, "source_exists"),
    ("one of several sources missing", {"source_id": "src-az;src-nowhere"}, "source_exists"),
    (
        "part-year flagged as full year",
        {"period": "2019-01..2019-09", "period_end": pd.Timestamp(2019, 9, 30)},
        "part_year_not_full_year",
    ),
    (
        "start after end",
        {"period_start": pd.Timestamp(2020, 1, 1), "full_year": False},
        "period_start_before_end",
    ),
    ("negative volume", {"value": -5.0}, "non_negative_volume"),
    ("numeric value missing", {"value": None}, "value_present"),
    ("computed without formula", {"confidence": "computed"}, "computed_rows_have_formula"),
    ("computed with empty formula", {"confidence": "computed", "formula": ""}, "computed_rows_have_formula"),
    ("unknown reporter", {"reporter": "Azerbaijan"}, "isin"),
    ("unknown qualifier", {"qualifier": "about"}, "isin"),
    ("unknown confidence", {"confidence": "rumour"}, "isin"),
    ("unknown kind", {"kind": "annual"}, "isin"),
    ("zero factor", {"factor": 0.0}, "greater_than"),
    ("year before coverage", {"year": 1970}, "greater_than_or_equal_to"),
    ("year after coverage", {"year": 2031}, "less_than_or_equal_to"),
]


@pytest.mark.parametrize(("what", "change", "check"), OBS_CASES, ids=[c[0] for c in OBS_CASES])
def test_clean_observation_rule_rejects_a_bad_row_at_its_raw_line(
    make_obs: Callable[..., pd.DataFrame],
    minimal_catalogue: pd.DataFrame,
    minimal_sources: pd.DataFrame,
    what: str,
    change: dict[str, object],
    check: str,
) -> None:
    good = {"obs_id": "TS0002", "year": 2020, "raw_line": 3}
    bad = {"obs_id": "TS0009", "raw_line": 7, "raw_file": "trade_series.csv", **change}
    obs = make_obs(good, bad)
    hard, _ = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    assert check in {_base(p.rule) for p in hard}, what
    assert {(p.file, p.row) for p in hard} == {("trade_series.csv", 7)}, what
    # one problem per broken rule, not one per column of the row
    assert len(hard) == len({p.rule for p in hard}), [p.line() for p in hard]


def test_valid_observations_give_no_problem_and_no_warning(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    obs = make_obs(
        {},
        # a negative balance and a computed row citing two sources are fine
        {
            "obs_id": "D-trade_az_ru_balance-AZ-2019",
            "indicator": "trade_az_ru_balance",
            "value": -200.0,
            "confidence": "computed",
            "formula": "trade_az_to_ru − trade_ru_to_az",
            "source_id": "src-az;src-ru",
            "raw_file": None,
            "raw_line": None,
        },
        {
            "obs_id": "ST0002",
            "indicator": "trade_az_ru_turnover_trend",
            "unit": "text",
            "value": None,
            "qualifier": "qualitative",
            "value_text": "grew",
            "kind": "point",
        },
        {
            "obs_id": "AT0007",
            "indicator": "arms_tiv_to_az",
            "unit": "TIV million",
            "value": None,
            "qualifier": "none_recorded",
            "reporter": "SIPRI",
            "subject": "Russia",
            "source_id": "src-sipri-a",
        },
    )
    assert schemas.validate_observations(obs, minimal_catalogue, minimal_sources) == ([], [])


def test_tiv_in_a_currency_breaks_tiv_not_currency(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    obs = make_obs(
        {"obs_id": "AT0001", "indicator": "arms_tiv_to_az", "unit": "USD million", "raw_file": "arms_tiv.csv"},
        {
            "obs_id": "AT0002",
            "indicator": "trade_az_to_ru",
            "unit": "TIV million USD",
            "raw_line": 3,
            "raw_file": "arms_tiv.csv",
        },
    )
    hard, _ = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    tiv = [p for p in hard if p.rule == "tiv_not_currency"]
    assert [(p.file, p.row, p.column, p.value) for p in tiv] == [
        ("arms_tiv.csv", 2, "unit", "USD million"),
        ("arms_tiv.csv", 3, "unit", "TIV million USD"),
    ]


def test_share_outside_0_100_breaks_share_within_0_100(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    share = {"indicator": "trade_ru_share_of_az_trade", "unit": "percent"}
    obs = make_obs(
        {**share, "obs_id": "S1", "value": 120.0, "raw_line": 2},
        {**share, "obs_id": "S2", "value": -1.0, "raw_line": 3, "year": 2020},
        {
            **share,
            "obs_id": "S3",
            "value": 90.0,
            "value_high": 101.0,
            "qualifier": "range",
            "raw_line": 4,
            "year": 2021,
        },
        {**share, "obs_id": "S4", "value": 100.0, "raw_line": 5, "year": 2022},
    )
    hard, _ = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    assert sorted((p.rule, p.row) for p in hard) == [
        ("share_within_0_100", 2),
        ("share_within_0_100", 3),
        ("share_within_0_100", 4),
    ]


def test_duplicate_observation_key_is_multiple_fields_uniqueness(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    obs = make_obs({"obs_id": "TS0001", "raw_line": 2}, {"obs_id": "TS0002", "value": 101.0, "raw_line": 3})
    hard, _ = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    assert sorted((p.rule, p.row) for p in hard if p.rule == "multiple_fields_uniqueness") == [
        ("multiple_fields_uniqueness", 2),
        ("multiple_fields_uniqueness", 3),
    ]


def test_duplicate_obs_id_is_field_uniqueness(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    obs = make_obs({"raw_line": 2}, {"year": 2020, "raw_line": 3})
    hard, _ = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    assert sorted((p.rule, p.column, p.row) for p in hard) == [
        ("field_uniqueness", "obs_id", 2),
        ("field_uniqueness", "obs_id", 3),
    ]


def test_derived_rows_are_located_as_derived(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    obs = make_obs({"obs_id": "D-x", "confidence": "computed", "formula": None, "raw_file": None, "raw_line": None})
    hard, _ = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    assert [(p.file, p.row, p.rule, p.column) for p in hard] == [
        ("derived", 0, "computed_rows_have_formula", "formula")
    ]


def test_implausible_value_is_a_warning_not_a_problem(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    # the catalogue bounds trade_az_to_ru to 0-10000 USD million
    obs = make_obs({"value": 25000.0, "raw_line": 9}, {"obs_id": "TS0002", "year": 2020, "value": 10000.0})
    hard, soft = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    assert hard == []
    assert [(p.rule, p.row, p.column, p.value) for p in soft] == [("plausible_range", 9, "value", "25000.0")]
    assert "(warning)" in soft[0].message


def test_lower_plausible_bound_is_checked_too(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    # trade_az_ru_balance may be negative, but not below -15000
    obs = make_obs({"indicator": "trade_az_ru_balance", "value": -20000.0})
    hard, soft = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    assert hard == []
    assert [p.rule for p in soft] == ["plausible_range"]


def test_a_source_read_from_a_github_copy_must_link_the_publisher_first(minimal_bundle: RawBundle) -> None:
    frame = minimal_bundle.frames["sources.csv"].copy()
    copy = "https://github.com/example/sipri-copy/blob/abc1234/tiv.csv"
    # the old layout: the copy as the primary link, nothing in copy_url
    bad = frame["source_id"] == "src-sipri-b"
    frame.loc[bad, ["url", "copy_url", "outlet"]] = [copy, "", "public GitHub copy (example/sipri-copy)"]
    problems = schemas.validate_frame(schemas.RawSourceSchema, frame, "sources.csv")
    assert [(p.rule, p.row, p.column, p.value) for p in problems] == [("primary_url_not_a_github_copy", 7, "url", copy)]
    assert "publisher's page goes in url" in problems[0].message
    # the fixed row: publisher page in url, the copy in copy_url, cited in the publisher's form
    fixed = minimal_bundle.frames["sources.csv"]
    assert schemas.validate_frame(schemas.RawSourceSchema, fixed, "sources.csv") == []
    row = fixed[fixed["source_id"] == "src-sipri-b"].iloc[0]
    assert (row["url"], row["copy_url"]) == ("https://example.org/sipri-b", copy)


@pytest.mark.parametrize(
    ("url", "github"),
    [
        ("https://github.com/owid/energy-data/blob/757bf23/x.csv", True),
        ("https://raw.githubusercontent.com/owid/energy-data/master/x.csv", True),
        ("HTTP://GitHub.com/x", True),
        ("https://www.sipri.org/databases/armstransfers", False),
        ("https://example.org/github.com/x", False),
        ("https://notgithub.com/x", False),
        (None, False),
    ],
)
def test_is_github_url(url: object, github: bool) -> None:
    assert schemas.is_github_url(url) is github


# ------------------------------------------------------------ other clean tables
def test_every_clean_table_of_a_build_passes_its_model(minimal_build: Build) -> None:
    catalogue = pipeline.read_clean_table(minimal_build.clean, "catalogue")
    sources = pipeline.read_clean_table(minimal_build.clean, "sources")
    for name, model in pipeline.CLEAN_TABLES.items():
        frame = pipeline.read_clean_table(minimal_build.clean, name)
        if name == "observations":
            assert schemas.validate_observations(frame, catalogue, sources) == ([], [])
        else:
            assert schemas.validate_frame(model, frame, f"{name}.csv") == [], name


CLEAN_CASES = [
    ("sources", "url", "ftp://example.org", "str_matches"),
    ("sources", "url", "https://github.com/owner/repo/blob/abc/data.csv", "primary_url_not_a_github_copy"),
    ("sources", "copy_url", "ftp://example.org/copy", "str_matches"),
    ("sources", "source_id", "src-ru", "field_uniqueness"),
    ("catalogue", "chapter", 12, "less_than_or_equal_to"),
    ("catalogue", "chapter", 0, "greater_than_or_equal_to"),
    ("catalogue", "measure", "stock", "isin"),
    ("catalogue", "indicator_id", "trade_az_to_ru", "field_uniqueness"),
    ("events", "date_precision", "week", "isin"),
    ("events", "layer", "economic", "isin"),
    ("events", "date_start", pd.Timestamp(1993, 1, 1), "date_start_before_end"),
    ("arms_deals", "tiv_delivered", -1.0, "greater_than_or_equal_to"),
    ("arms_deals", "order_year", 1950, "greater_than_or_equal_to"),
    ("arms_deals", "number_delivered", -3, "greater_than_or_equal_to"),
    ("arms_statements", "value", -1.0, "greater_than_or_equal_to"),
    ("arms_statements", "qualifier", "about", "isin"),
    ("changes", "change_type", "log", "isin"),
    ("changes", "year", 1900, "greater_than_or_equal_to"),
]


@pytest.mark.parametrize(("table", "column", "bad", "check"), CLEAN_CASES)
def test_clean_table_model_rejects_a_bad_cell(
    minimal_build: Build, table: str, column: str, bad: object, check: str
) -> None:
    frame = pipeline.read_clean_table(minimal_build.clean, table)
    frame.loc[0, column] = bad
    problems = schemas.validate_frame(pipeline.CLEAN_TABLES[table], frame, f"{table}.csv")
    assert check in {_base(p.rule) for p in problems}
    assert {p.file for p in problems} == {f"{table}.csv"}
    assert all(p.column == column or p.rule == "date_start_before_end" for p in problems)


def test_duplicate_change_is_multiple_fields_uniqueness(minimal_build: Build) -> None:
    frame = pipeline.read_clean_table(minimal_build.clean, "changes")
    both = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    problems = schemas.validate_frame(schemas.ChangeSchema, both, "changes.csv", ["indicator", "year"])
    assert {p.rule for p in problems} == {"multiple_fields_uniqueness"}


def test_wrong_dtype_is_reported_as_dtype_problem(minimal_build: Build) -> None:
    frame = pipeline.read_clean_table(minimal_build.clean, "arms_deals")
    frame["order_year"] = frame["order_year"].astype("float64")
    problems = schemas.validate_frame(schemas.DealSchema, frame, "arms_deals.csv")
    assert [(_base(p.rule), p.column, p.message) for p in problems] == [
        ("dtype", "order_year", "column has the wrong type")
    ]


def test_problem_line_reads_as_one_sentence() -> None:
    p = Problem("energy.csv", 12, "unit", "million tons", "unknown_unit", "unit 'million tons' is not a known unit")
    assert p.line() == (
        "energy.csv:12: column 'unit' value 'million tons' breaks rule 'unknown_unit': "
        "unit 'million tons' is not a known unit"
    )
    whole_file = Problem("events.csv", 0, "", "", "file_missing", "gone")
    assert whole_file.line() == "events.csv: breaks rule 'file_missing': gone"
    assert whole_file.as_dict()["row"] == 0


def test_an_annual_series_has_one_value_per_year(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    # the 2022 AZ world turnover case: a published 52 680 and a second 2022 value of the same series
    obs = make_obs(
        {"obs_id": "TS0001", "raw_line": 2},
        {"obs_id": "TS0002", "value": 101.0, "source_id": "src-news", "raw_line": 3},
        # another edition, a statement (point) and a part-year row are not the same annual series
        {"obs_id": "TS0003", "value": 102.0, "edition": "release B", "source_id": "src-news", "raw_line": 4},
        {"obs_id": "TS0004", "value": 103.0, "kind": "point", "locator": "p. 2", "raw_line": 5},
    )
    hard, _ = schemas.validate_observations(obs, minimal_catalogue, minimal_sources)
    assert sorted((p.rule, p.row, p.column) for p in hard if p.rule == "one_value_per_year") == [
        ("one_value_per_year", 2, "year"),
        ("one_value_per_year", 3, "year"),
    ]
