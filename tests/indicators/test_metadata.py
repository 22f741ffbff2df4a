"""Metadata is written once, in the pandera models and indicators.vocab, and everything else reads it from there."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pandas as pd
import pandera.pandas as pa
import pytest
from indicators_support import DATA_CLEAN, DATA_RAW, ROOT, Build
from pandera.typing import Series

from indicators import pipeline, validation, vocab
from indicators.changes import CHANGE_COLUMNS
from indicators.clean import OBSERVATION_COLUMNS
from indicators.load import RAW_FILES, RECORD_COLUMNS, RECORD_FILES
from indicators.modelinfo import column_kinds, columns
from indicators.problems import Problem
from indicators.report import coverage_matrix, table_schema
from indicators.schemas import (
    CLEAN_TABLES,
    DESCRIBED_TABLES,
    RAW_SCHEMAS,
    ChangeSchema,
    CoverageSchema,
    ObservationPlausibility,
    ObservationSchema,
    RawRecordSchema,
    table_description,
    table_title,
    validate_frame,
    validate_observations,
)
from indicators.schemas_i18n import TRANSLATION_CROSS_MODELS

# the data dictionary's text for each table: the model docstring's first line
DATAPACKAGE_DESCRIPTIONS = {
    "observations": "Tidy observations: one published or computed figure per row.",
    "changes": "Year-on-year changes computed per the catalogue's change type.",
    "sources": "Clean sources table.",
    "catalogue": "Clean indicator catalogue.",
    "events": "Clean events table.",
    "arms_deals": "Clean SIPRI register rows.",
    "arms_statements": "Clean arms statements.",
    "revisions": "The same published figure in two consecutive releases of one product.",
    "watch_rules": "The watch rules of data/watch.toml, one per [[rule]] table.",
}


# ------------------------------------------------------------------ raw headers
def test_every_raw_header_is_its_raw_models_columns() -> None:
    assert list(RAW_FILES) == list(RAW_SCHEMAS)
    for name, model in RAW_SCHEMAS.items():
        assert RAW_FILES[name] == list(model.to_schema().columns), name
    assert list(RawRecordSchema.to_schema().columns) == RECORD_COLUMNS
    assert RECORD_FILES == ("trade_series.csv", "trade_statements.csv", "energy.csv", "arms_tiv.csv", "arms_milex.csv")


def test_every_shipped_raw_file_starts_with_its_schema_header() -> None:
    for name, header in RAW_FILES.items():
        first = (DATA_RAW / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == ",".join(header), name


def _readme_headers() -> dict[str, list[str]]:
    """file -> header as data/raw/README.md lists it ('record layout' rows point to the record layout line)."""
    text = (DATA_RAW / "README.md").read_text(encoding="utf-8")
    layout = re.search(r"^Record layout: `([^`]+)`", text, flags=re.MULTILINE)
    assert layout is not None
    out: dict[str, list[str]] = {}
    for file_name, header in re.findall(r"^\| `([a-z0-9_]+\.csv)` \|[^|]*\| (.+?) \|$", text, flags=re.MULTILINE):
        cell = layout.group(1) if header == "record layout" else header.strip("`")
        out[file_name] = cell.split(", ")
    return out


def test_the_raw_readme_lists_every_file_with_the_schema_header() -> None:
    assert _readme_headers() == RAW_FILES


# ---------------------------------------------------------- clean columns and dtypes
def test_clean_column_lists_are_the_models_columns() -> None:
    assert [c for c in ObservationSchema.to_schema().columns if not c.startswith("_")] == OBSERVATION_COLUMNS
    assert (
        OBSERVATION_COLUMNS[0] == "obs_id" and OBSERVATION_COLUMNS[-1] == "raw_line" and len(OBSERVATION_COLUMNS) == 29
    )
    assert list(ChangeSchema.to_schema().columns) == CHANGE_COLUMNS
    assert CHANGE_COLUMNS[-2:] == ["qualifier", "formula"]


def test_every_committed_clean_table_has_its_models_columns_in_order() -> None:
    for name, model in CLEAN_TABLES.items():
        header = (DATA_CLEAN / f"{name}.csv").read_text(encoding="utf-8").split("\n", 1)[0]
        assert header.split(",") == columns(model), name
    cov = (DATA_CLEAN / pipeline.COVERAGE_FILE).read_text(encoding="utf-8").split("\n", 1)[0]
    assert cov.split(",") == columns(CoverageSchema)


def test_read_clean_table_gives_each_column_the_dtype_its_model_declares(real_build: Build) -> None:
    expected = {"text": "str", "Int64": "Int64", "int64": "int64", "float64": "float64", "bool": "bool"}
    for name, model in CLEAN_TABLES.items():
        frame = pipeline.read_clean_table(real_build.clean, name)
        for col, kind in column_kinds(model).items():
            if kind == "date":
                assert pd.api.types.is_datetime64_any_dtype(frame[col]), (name, col)
            else:
                assert str(frame[col].dtype) == expected[kind], (name, col, frame[col].dtype)
    deals = pipeline.read_clean_table(real_build.clean, "arms_deals")
    assert [str(deals[c].dtype) for c in ("order_year", "first_delivery", "tiv_delivered", "deal_id")] == [
        "Int64",
        "Int64",
        "float64",
        "str",
    ]


class _CountsSchema(pa.DataFrameModel):
    """A table with a nullable count that no hard-coded list knows about."""

    name: Series[str]
    units: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    seen: Series[pd.Timestamp]


def test_a_new_int64_or_date_column_is_read_back_as_its_model_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "counts.csv").write_text("name,units,seen\na,3,2020-01-31\nb,,2021-02-01\n", encoding="utf-8")
    monkeypatch.setitem(pipeline.CLEAN_TABLES, "counts", _CountsSchema)
    frame = pipeline.read_clean_table(tmp_path, "counts")
    assert [str(t) for t in frame.dtypes[["name", "units"]]] == ["str", "Int64"]
    assert frame["units"].tolist()[0] == 3 and frame["units"].isna().tolist() == [False, True]
    assert frame["seen"].tolist() == [pd.Timestamp(2020, 1, 31), pd.Timestamp(2021, 2, 1)]


def test_coverage_matrix_columns_and_a_builds_coverage_follow_coverage_schema(real_build: Build) -> None:
    assert list(coverage_matrix(real_build.result.tables["observations"].iloc[0:0]).columns) == columns(CoverageSchema)
    assert validate_frame(CoverageSchema, real_build.result.coverage, "coverage.csv") == []


# --------------------------------------------------------------- table descriptions
def test_table_titles_and_descriptions_come_from_the_models() -> None:
    assert list(DESCRIBED_TABLES) == [*CLEAN_TABLES, "coverage"]
    assert table_title("arms_deals") == "Arms deals"
    assert table_description("catalogue") == (
        "One row per indicator: label, domain, report chapter, unit, change type, definition; "
        "label and definition also in Russian and Azerbaijani."
    )
    for name in DESCRIBED_TABLES:
        assert table_title(name) and len(table_description(name)) > 20, name


def test_datapackage_describes_every_table_and_every_column_from_the_models() -> None:
    package = json.loads((DATA_CLEAN / pipeline.DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(CLEAN_TABLES)
    assert {n: r["description"] for n, r in resources.items()} == DATAPACKAGE_DESCRIPTIONS
    for name, resource in resources.items():
        schema = CLEAN_TABLES[name].to_schema()
        for field in resource["schema"]["fields"]:
            assert field["description"] == schema.columns[field["name"]].description, (name, field["name"])
            assert field["description"], (name, field["name"])
    qualifier = next(f for f in resources["changes"]["schema"]["fields"] if f["name"] == "qualifier")
    assert qualifier["description"].startswith("exact, approximate")
    types = {(n, f["name"]): f["type"] for n, r in resources.items() for f in r["schema"]["fields"]}
    assert [types[k] for k in [("arms_deals", "order_year"), ("events", "date_start"), ("changes", "year")]] == [
        "integer",
        "date",
        "integer",
    ]
    assert [types[k] for k in [("observations", "full_year"), ("observations", "value"), ("sources", "url")]] == [
        "boolean",
        "number",
        "string",
    ]


def test_the_data_dictionary_types_a_column_by_its_model_not_by_the_frames_dtype() -> None:
    # an all-empty count column is read as float or object, but the model says it holds integers
    frame = pd.DataFrame({"name": ["a"], "units": [None], "seen": ["2020-01-31"]})
    fields = table_schema(_CountsSchema, frame)["fields"]
    assert [(f["name"], f["type"]) for f in fields] == [("name", "string"), ("units", "integer"), ("seen", "date")]


# --------------------------------------------------------------------- check messages
def _dataframe_checks() -> list[tuple[str, pa.Check]]:
    models = [*RAW_SCHEMAS.values(), *DESCRIBED_TABLES.values(), ObservationPlausibility, *TRANSLATION_CROSS_MODELS]
    return [(m.__name__, c) for m in models for c in m.to_schema().checks]


def test_every_dataframe_check_is_registered_once_with_its_column_and_message() -> None:
    checks = _dataframe_checks()
    names = {c.name for _, c in checks}
    assert names == set(validation.ROW_RULES)
    assert len(names) == 16 + 4 + 10 + 3  # link checks, translation rules, the revisions table's 3
    for model_name, check in checks:
        rule = validation.ROW_RULES[str(check.name)]
        assert check.error == rule.message, (model_name, check.name)
        assert rule.column, (model_name, check.name)
    assert len({r.message for r in validation.ROW_RULES.values()}) == len(validation.ROW_RULES)
    assert validation.ROW_RULES["one_value_per_year"] == validation.RowRule(
        "one_value_per_year",
        "year",
        "an annual series has two values for one indicator, reporter, subject, edition and year",
    )


@pytest.fixture
def private_rules(monkeypatch: pytest.MonkeyPatch) -> dict[str, validation.RowRule]:
    """A copy of the registry, so that checks defined by a test do not stay registered."""
    rules = dict(validation.ROW_RULES)
    monkeypatch.setattr(validation, "ROW_RULES", rules)
    return rules


def _model_with_a_registered_check() -> type[pa.DataFrameModel]:
    class Pairs(pa.DataFrameModel):
        low: Series[int]
        high: Series[int]

        @validation.row_check("high", "high must not be below low")
        @classmethod
        def high_not_below_low(cls, df: pd.DataFrame) -> Series[bool]:
            return cast(Series[bool], df["high"] >= df["low"])

    return Pairs


def test_a_checks_problem_takes_its_name_column_and_message_from_its_registration(
    private_rules: dict[str, validation.RowRule],
) -> None:
    model = _model_with_a_registered_check()
    assert private_rules["high_not_below_low"] == validation.RowRule(
        "high_not_below_low", "high", "high must not be below low"
    )
    frame = pd.DataFrame({"low": [1, 5, 2], "high": [2, 4, 2], "_file": "pairs.csv", "_line": [2, 3, 4]})
    problems = validate_frame(model, frame, "pairs.csv")
    assert problems == [Problem("pairs.csv", 3, "high", "4", "high_not_below_low", "high must not be below low")]
    assert problems[0].line() == (
        "pairs.csv:3: column 'high' value '4' breaks rule 'high_not_below_low': high must not be below low"
    )


def test_a_check_name_registered_twice_with_another_message_is_refused(
    private_rules: dict[str, validation.RowRule],
) -> None:
    _model_with_a_registered_check()
    with pytest.raises(ValueError, match="high_not_below_low"):

        class Other(pa.DataFrameModel):
            high: Series[int]

            @validation.row_check("high", "another text")
            @classmethod
            def high_not_below_low(cls, df: pd.DataFrame) -> Series[bool]:
                return cast(Series[bool], df["high"] > 0)


def test_a_bad_observation_row_is_one_line_with_file_row_column_value_and_rule(
    make_obs: Callable[..., pd.DataFrame], minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    obs = make_obs({"obs_id": "TS0007", "raw_line": 8, "unit": "RUB million"})
    hard, _ = validate_observations(obs, minimal_catalogue, minimal_sources)
    assert [p.line() for p in hard] == [
        "trade_series.csv:8: column 'unit' value 'RUB million' breaks rule 'unit_matches_catalogue': "
        "unit differs from the indicator's catalogue unit"
    ]


# ------------------------------------------------------------------- vocabularies
def test_the_dashboard_uses_the_vocabularies_of_indicators() -> None:
    from dashboard import data, state

    assert state.EVENT_CATEGORIES is vocab.EVENT_CATEGORIES
    assert data.REPROCESSED_MARK is vocab.REPROCESSED_MARK
    assert data.DATA_TO_RE is vocab.DATA_TO_RE


@pytest.mark.parametrize(
    "literal",
    [
        '"crisis",\n    "multilateral"',  # the end of the event categories
        '"statistical_review", "officials_statement"',  # confidence values
        '"GAZPROM", "LUKOIL"',  # reporters
        "[a-z0-9][a-z0-9-]*",  # the source-id pattern
        '"none_recorded", "qualitative")',  # the end of the qualifier list
    ],
)
def test_a_vocabulary_is_written_once_in_the_python_code(literal: str) -> None:
    sources = sorted([*(ROOT / "indicators").glob("*.py"), *(ROOT / "dashboard").rglob("*.py")])
    holders = [p.relative_to(ROOT).as_posix() for p in sources if literal in p.read_text(encoding="utf-8")]
    assert holders == ["indicators/vocab.py"]


# ----------------------------------------------------------------------- module size
def test_no_indicators_module_is_over_400_lines() -> None:
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "indicators").rglob("*.py")  # the importers' subpackages too
    }
    assert {n: s for n, s in sizes.items() if s > 400} == {}
