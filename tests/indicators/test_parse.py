"""Value and period grammar: direct parser calls and fixture files read end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from indicators_support import MALFORMED

from indicators.clean import clean_records
from indicators.load import RECORD_COLUMNS, read_raw_file
from indicators.parse import ParseError, parse_period, parse_value


# ----------------------------------------------------------------- values
@pytest.mark.parametrize(
    ("text", "value", "high", "qualifier"),
    [
        ("123.4", 123.4, None, "exact"),
        ("-2.5", -2.5, None, "exact"),
        ("0", 0.0, None, "exact"),
        ("~3000", 3000.0, None, "approximate"),
        (">1000", 1000.0, None, "lower_bound"),
        ("<4.5", 4.5, None, "upper_bound"),
        ("4300-4500", 4300.0, 4500.0, "range"),
        ("0.2-0.3", 0.2, 0.3, "range"),
        ("none recorded", None, None, "none_recorded"),
    ],
)
def test_parse_value_keeps_the_qualifier_the_source_used(
    text: str, value: float | None, high: float | None, qualifier: str
) -> None:
    parsed = parse_value(text, "USD million")
    assert parsed.qualifier == qualifier
    assert parsed.value == value
    assert parsed.value_high == high
    assert parsed.text is None


def test_free_text_is_a_qualitative_value_only_when_the_unit_is_text() -> None:
    parsed = parse_value("declined (crisis)", "text")
    assert (parsed.value, parsed.value_high, parsed.qualifier, parsed.text) == (
        None,
        None,
        "qualitative",
        "declined (crisis)",
    )
    with pytest.raises(ParseError) as err:
        parse_value("declined (crisis)", "USD million")
    assert err.value.rule == "value_format"


@pytest.mark.parametrize(
    ("text", "unit", "rule"),
    [
        ("1,200", "USD million", "value_format"),
        ("abc", "USD million", "value_format"),
        ("5-3", "USD million", "value_range_order"),
        ("5-5", "USD million", "value_range_order"),
        (" 12", "USD million", "value_format"),
        ("12 ", "USD million", "value_format"),
        ("", "USD million", "value_missing"),
        ("", "text", "value_missing"),
        (" grew", "text", "value_format"),
        ("~4300-4500", "USD million", "value_format"),
        ("-5-3", "USD million", "value_format"),
        ("1e3", "USD million", "value_format"),
        (".5", "USD million", "value_format"),
        ("~", "USD million", "value_format"),
        ("None recorded", "TIV million", "value_format"),
    ],
)
def test_bad_value_text_is_rejected_with_a_named_rule(text: str, unit: str, rule: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_value(text, unit)
    assert err.value.rule == rule


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_any_plain_decimal_parses_exactly(number: object) -> None:
    text = format(number, "f")
    parsed = parse_value(text, "USD million")
    assert parsed.qualifier == "exact"
    assert parsed.value == pytest.approx(float(text))


# ---------------------------------------------------------------- periods
@pytest.mark.parametrize(
    ("text", "start", "end", "full_year", "point", "certain"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31), True, False, True),
        ("2019-03", date(2019, 3, 1), date(2019, 3, 31), False, False, True),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), False, False, True),
        ("2019-03-05", date(2019, 3, 5), date(2019, 3, 5), False, False, True),
        ("2019-01..2019-09", date(2019, 1, 1), date(2019, 9, 30), False, False, True),
        ("2021-01-01..2021-12-26", date(2021, 1, 1), date(2021, 12, 26), False, False, True),
        ("2024-H1", date(2024, 1, 1), date(2024, 6, 30), False, False, True),
        ("2024-H2", date(2024, 7, 1), date(2024, 12, 31), False, False, True),
        ("2011-Q2", date(2011, 4, 1), date(2011, 6, 30), False, False, True),
        ("2011-Q4", date(2011, 10, 1), date(2011, 12, 31), False, False, True),
        ("@2019-12", date(2019, 12, 31), date(2019, 12, 31), False, True, True),
        ("@2019", date(2019, 12, 31), date(2019, 12, 31), False, True, True),
        ("2000-11..", date(2000, 11, 1), None, False, False, True),
        ("2004..2005", date(2004, 1, 1), date(2005, 12, 31), False, False, True),
        ("2019?", date(2019, 1, 1), date(2019, 12, 31), True, False, False),
        ("@2024-07?", date(2024, 7, 31), date(2024, 7, 31), False, True, False),
        ("2024-01..2024-06?", date(2024, 1, 1), date(2024, 6, 30), False, False, False),
        # spelled as a range, a whole year is not the calendar-year form
        ("2019-01..2019-12", date(2019, 1, 1), date(2019, 12, 31), False, False, True),
    ],
)
def test_parse_period_gives_explicit_bounds_and_flags(
    text: str, start: date, end: date | None, full_year: bool, point: bool, certain: bool
) -> None:
    p = parse_period(text)
    assert (p.start, p.end, p.full_year, p.point_in_time, p.certain) == (start, end, full_year, point, certain)
    assert p.year == (None if end is None else end.year)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("2019-13", "period_format"),
        ("2019-00", "period_format"),
        ("2019-02-29", "period_format"),
        ("2020..2019", "period_order"),
        ("2019-09..2019-01", "period_order"),
        ("@2019..2020", "period_format"),
        ("19", "period_format"),
        ("0000", "period_format"),
        ("0000-H1", "period_format"),
        ("2019-H3", "period_format"),
        ("2019-Q5", "period_format"),
        ("..2019", "period_format"),
        ("2019??", "period_format"),
        ("?", "period_format"),
        ("", "period_format"),
        (" 2019", "period_format"),
        ("2019 ", "period_format"),
        ("FY2019", "period_format"),
    ],
)
def test_bad_period_text_is_rejected_with_a_named_rule(text: str, rule: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_period(text)
    assert err.value.rule == rule


@given(st.integers(min_value=1, max_value=9999))
def test_every_four_digit_year_is_a_full_calendar_year(year: int) -> None:
    p = parse_period(f"{year:04d}")
    assert p.full_year
    assert (p.start, p.end) == (date(year, 1, 1), date(year, 12, 31))


# ------------------------------------------------- fixture files end to end
def _expectations(path: Path) -> dict[str, tuple[int, str]]:
    """record_id -> (line, expectation) from the fixture's ``expect=`` notes."""
    frame, problems = read_raw_file(path, RECORD_COLUMNS)
    assert problems == []
    assert frame is not None
    return {
        rid: (int(line), note.removeprefix("expect="))
        for rid, line, note in zip(frame["record_id"], frame["_line"], frame["note"], strict=True)
    }


def _clean_fixture(name: str, catalogue: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, list]:
    frame, problems = read_raw_file(MALFORMED / name, RECORD_COLUMNS)
    assert problems == []
    assert frame is not None
    return clean_records(frame, catalogue, sources)


def test_value_fixture_rows_parse_or_fail_as_their_note_says(
    minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    expected = _expectations(MALFORMED / "values.csv")
    obs, problems = _clean_fixture("values.csv", minimal_catalogue, minimal_sources)
    bad = {
        rid: exp for rid, exp in expected.items() if exp[1] in {"value_format", "value_missing", "value_range_order"}
    }
    good = {rid: exp for rid, exp in expected.items() if rid not in bad}
    assert len(bad) == 8
    assert len(good) == 7
    # one problem per bad row, on its own line, in the value column
    assert sorted((p.row, p.rule, p.column, p.file) for p in problems) == sorted(
        (line, rule, "value", "values.csv") for line, rule in bad.values()
    )
    # rows with a problem are left out; every good row is kept
    assert set(obs["obs_id"]) == set(good)
    by_id = obs.set_index("obs_id")
    assert by_id.loc["VA0001", ["qualifier", "value"]].tolist() == ["approximate", 3000.0]
    assert by_id.loc["VA0002", ["qualifier", "value"]].tolist() == ["lower_bound", 1000.0]
    # '<4.5' USD billion -> upper bound of 4500 USD million
    assert by_id.loc["VA0003", ["qualifier", "value", "factor"]].tolist() == ["upper_bound", 4500.0, 1000.0]
    assert by_id.loc["VA0004", ["qualifier", "value", "value_high"]].tolist() == ["range", 4300.0, 4500.0]
    assert by_id.loc["VA0005", "qualifier"] == "none_recorded"
    assert pd.isna(by_id.loc["VA0005", "value"])
    assert by_id.loc["VA0006", ["qualifier", "value_text"]].tolist() == ["qualitative", "grew strongly"]
    assert by_id.loc["VA0007", "value"] == -2.5
    # the published text is kept verbatim
    assert by_id.loc["VA0001", "value_published"] == "~3000"


def test_value_problem_names_file_line_column_and_value(
    minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    _, problems = _clean_fixture("values.csv", minimal_catalogue, minimal_sources)
    comma = next(p for p in problems if p.value == "1,200")
    assert (comma.file, comma.row, comma.column, comma.rule) == ("values.csv", 10, "value", "value_format")
    assert comma.line().startswith("values.csv:10: column 'value' value '1,200' breaks rule 'value_format'")


def test_period_fixture_rows_parse_or_fail_as_their_note_says(
    minimal_catalogue: pd.DataFrame, minimal_sources: pd.DataFrame
) -> None:
    expected = _expectations(MALFORMED / "periods.csv")
    obs, problems = _clean_fixture("periods.csv", minimal_catalogue, minimal_sources)
    bad = {rid: exp for rid, exp in expected.items() if exp[1].startswith("period_")}
    assert len(bad) == 6
    assert sorted((p.row, p.rule, p.column) for p in problems) == sorted(
        (line, rule, "period") for line, rule in bad.values()
    )
    good = {rid: exp for rid, exp in expected.items() if rid not in bad}
    assert set(obs["obs_id"]) == set(good)
    for row in obs.itertuples():
        start, end, *flags = good[str(row.obs_id)][1].split(":")
        assert row.period_start == pd.Timestamp(start), row.obs_id
        if end == "open":
            assert pd.isna(row.period_end)
            assert pd.isna(row.year)
        else:
            assert row.period_end == pd.Timestamp(end), row.obs_id
            assert row.year == pd.Timestamp(end).year
        assert row.full_year == ("full_year" in flags), row.obs_id
        assert row.point_in_time == ("point_in_time" in flags), row.obs_id
        assert row.period_certain == ("uncertain" not in flags), row.obs_id
