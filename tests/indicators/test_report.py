"""Validation report, coverage matrix and data dictionary."""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import pytest
from indicators_support import FIXED_NOW, Build

from indicators import __version__, pipeline, schemas
from indicators.checks import CheckResult
from indicators.problems import Problem
from indicators.report import (
    build_report,
    coverage_matrix,
    datapackage,
    format_coverage,
    table_schema,
    year_matrix,
    year_ranges,
)


@pytest.mark.parametrize(
    ("years", "text"),
    [
        ([], ""),
        ([2019], "2019"),
        ([1992, 1993, 1994, 1996], "1992-1994, 1996"),
        ([2001, 1999, 2000, 2000], "1999-2001"),
        ([1990, 1992, 1994], "1990, 1992, 1994"),
    ],
)
def test_year_ranges_keep_gaps_visible(years: list[int], text: str) -> None:
    assert year_ranges(years) == text


def test_coverage_counts_full_years_and_part_year_rows_separately(make_obs: Callable[..., pd.DataFrame]) -> None:
    nine_months = {
        "period": "2021-01..2021-09",
        "period_end": pd.Timestamp(2021, 9, 30),
        "full_year": False,
        "year": 2021,
        "kind": "point",
    }
    obs = make_obs(
        {"obs_id": "A", "year": 2018},
        {"obs_id": "B", "year": 2019},
        {"obs_id": "C", "year": 2021},
        {"obs_id": "D", **nine_months},
        {"obs_id": "E", "year": 2020, "value": None, "qualifier": "upper_bound"},
    )
    cov = coverage_matrix(obs)
    series = cov[cov["kind"] == "series"].iloc[0]
    assert (series["years"], series["n_years"], series["first"], series["last"]) == ("2018-2019, 2021", 3, 2018, 2021)
    assert (series["origin"], series["rows"], series["part_year_rows"]) == ("published", 4, 0)
    point = cov[cov["kind"] == "point"].iloc[0]
    assert (point["n_years"], point["part_year_rows"], point["years"]) == (0, 1, "")
    assert pd.isna(point["first"])


def test_none_recorded_counts_as_a_covered_year(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = make_obs({"indicator": "arms_tiv_to_az", "value": None, "qualifier": "none_recorded"})
    assert coverage_matrix(obs)["years"].tolist() == ["2019"]


def test_coverage_separates_computed_from_published(minimal_build: Build) -> None:
    cov = minimal_build.result.coverage
    turnover = cov[cov["indicator"] == "trade_az_ru_turnover"]
    assert set(zip(turnover["reporter"], turnover["origin"], turnover["kind"], strict=True)) == {
        ("AZ", "computed", "series"),
        ("AZ", "published", "point"),
        ("RU", "computed", "series"),
        ("RU", "published", "point"),
    }
    az = turnover[(turnover["reporter"] == "AZ") & (turnover["origin"] == "computed")].iloc[0]
    assert az["years"] == "2019-2020"


def test_year_matrix_counts_full_year_values(minimal_build: Build) -> None:
    matrix = year_matrix(minimal_build.result.tables["observations"])
    # AZ→RU goods 2019: TS0001 (AZ) and TS0009 (RU); 2020: TS0002
    assert matrix["trade_az_to_ru"] == {"2019": 2, "2020": 1}
    # computed AZ and RU turnover for 2019, AZ for 2020; the nine-month ST0001 and the
    # point-in-time ST0003 are not full years
    assert matrix["trade_az_ru_turnover"] == {"2019": 2, "2020": 1}


def test_coverage_text_lists_series_and_event_layers(minimal_build: Build) -> None:
    text = pipeline.coverage_text(minimal_build.clean)
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["indicator", "rep", "subject"]
    assert any(line.startswith("trade_az_to_ru") and line.endswith("2019-2020") for line in lines)
    assert "events caspian      1 events, 2018-2018" in text
    assert "events political    1 events, 1992-1992" in text
    series_only = pipeline.coverage_text(minimal_build.clean, series_only=True).split("\n\n")[0]
    assert all(" series " in line for line in series_only.splitlines()[2:])


def test_series_only_coverage_leaves_out_statement_points(make_obs: Callable[..., pd.DataFrame]) -> None:
    cov = coverage_matrix(make_obs({"obs_id": "A"}, {"obs_id": "B", "kind": "point", "source_id": "src-news"}))
    assert len(format_coverage(cov).splitlines()) == 4
    assert len(format_coverage(cov, series_only=True).splitlines()) == 3


def test_format_coverage_shortens_long_editions() -> None:
    cov = pd.DataFrame(
        [
            {
                "indicator": "x",
                "reporter": "AZ",
                "subject": "",
                "edition": "E" * 30,
                "origin": "published",
                "kind": "series",
                "years": "2019",
                "n_years": 1,
            },
            {
                "indicator": "y",
                "reporter": "AZ",
                "subject": "",
                "edition": "",
                "origin": "published",
                "kind": "series",
                "years": "",
                "n_years": 0,
            },
        ]
    )
    text = format_coverage(cov)
    assert "E" * 19 + "..." in text
    assert "\ny " not in text  # rows without any year are not listed


def test_build_report_holds_everything_the_report_promises() -> None:
    warning = Problem("energy.csv", 5, "value", "9999", "plausible_range", "outside (warning)")
    check = CheckResult("c", "pass", "±1%", 3, "fine")
    cov = pd.DataFrame({"indicator": ["x"], "first": pd.array([None], dtype="Int64")})
    report = build_report(
        built_at="2030-01-02T03:04:05+00:00",
        raw_digest="abc",
        row_counts={"observations": 3},
        checks_run=["raw:a", "clean:b"],
        warnings=[warning],
        sanity=[check],
        coverage=cov,
        matrix={"x": {"2019": 1}},
        duration_s=1.23456,
    )
    assert report["builder_version"] == __version__
    assert report["checks_passed"] == 2
    assert report["duration_seconds"] == 1.235
    assert report["warnings"] == [warning.as_dict()]
    assert report["sanity_checks"][0]["status"] == "pass"
    # missing values become JSON null
    assert report["coverage"] == [{"indicator": "x", "first": None}]
    json.dumps(report)


def test_table_schema_describes_each_column_from_the_model(minimal_build: Build) -> None:
    obs = minimal_build.result.tables["observations"]
    fields = {f["name"]: f for f in table_schema(schemas.ObservationSchema, obs)["fields"]}
    assert list(fields) == list(obs.columns)
    assert fields["value"]["type"] == "number"
    assert fields["year"]["type"] == "integer"
    assert fields["full_year"]["type"] == "boolean"
    assert fields["period_start"]["type"] == "date"
    assert fields["obs_id"]["type"] == "string"
    assert all(f["description"] for f in fields.values())


def test_datapackage_lists_every_clean_table(minimal_build: Build) -> None:
    pkg = json.loads((minimal_build.clean / pipeline.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    assert pkg["profile"] == "tabular-data-package"
    assert pkg["created"] == FIXED_NOW.replace(microsecond=0).isoformat()
    assert [r["path"] for r in pkg["resources"]] == [f"{n}.csv" for n in pipeline.CLEAN_TABLES]
    for resource in pkg["resources"]:
        header = (minimal_build.clean / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert [f["name"] for f in resource["schema"]["fields"]] == header.split(",")
    assert datapackage([], "t")["resources"] == []
