"""Unit tests of the compare page's queries on tiny hand-built frames (no app, no data/clean)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import pandas as pd

from dashboard.data import DataStore
from dashboard.queries.compare import (
    approximate,
    change_texts,
    default_selection,
    default_years,
    resolve_years,
    selected_ids,
    slope_rows,
)


def fake_store(years: list[int]) -> DataStore:
    """Just the attribute the year queries read."""
    return cast(DataStore, SimpleNamespace(years=years))


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row_id": ["t|AZ||", "t|RU||", "s|AZ||", "x|AZ||"],
            "indicator": ["trade_az_ru_turnover", "trade_az_ru_turnover", "share", "other"],
            "label": ["Turnover", "Turnover", "Share", "Other"],
            "reporter": ["AZ", "RU", "AZ", "SIPRI"],
            "subject": ["", "", "", "Russia"],
            "unit": ["USD million", "USD million", "percent", "TIV million"],
            "status": ["both", "both", "a", "both"],
            "value_a": [100.0, 0.0, 5.0, 2.0],
            "value_b": [150.0, 10.0, None, 4.0],
        }
    )


def test_default_years_skip_a_year_without_data():
    # no 2012: B is the latest year, A the latest year before it
    assert default_years(fake_store([2010, 2011, 2013])) == (2011, 2013)
    assert default_years(fake_store([2013])) == (2013, 2013)


def test_resolve_years_fallbacks_and_notices():
    data = fake_store([2010, 2011, 2013])
    assert resolve_years(data, 2012, None) == (
        2011,
        2013,
        ["No annual data for 2012 (year A); showing the default."],
    )
    assert resolve_years(data, None, 2011) == (2010, 2011, [])  # B alone: A is the year before it
    assert resolve_years(data, 2013, 2010, swap=True) == (
        2010,
        2013,
        ["Year A (2013) was after year B (2010); swapped them."],
    )
    assert resolve_years(data, 2013, 2010) == (
        2011,
        2013,
        ["Year A (2013) is after year B (2010); showing 2011 → 2013."],
    )


def test_change_texts_per_change_type():
    pct = change_texts("percent", 100.0, 150.0, 2013, 2014)
    assert (pct["abs_change"], pct["abs_text"], pct["pct_change"], pct["pct_text"]) == (50.0, "+50", 50.0, "+50.0%")
    assert pct["pp_change"] is None and pct["pp_text"] == ""
    pp = change_texts("percentage_points", 12.5, 10.0, 2013, 2014)
    assert (pp["pp_change"], pp["pp_text"], pp["pct_change"], pp["pct_text"]) == (-2.5, "-2.50 pp", None, "")
    zero = change_texts("percent", 0.0, 5.0, 2013, 2014)
    assert zero["pct_change"] is None and zero["pct_text"] == "not defined (2013 is 0)"
    balance = change_texts("absolute", 10.0, 7.5, 2013, 2014)
    assert (balance["abs_text"], balance["pct_text"]) == ("-2.50", "absolute change only")
    missing = change_texts("percent", None, 7.5, 2013, 2014)
    assert (missing["abs_change"], missing["abs_text"], missing["pct_text"]) == (
        None,
        "no data for 2013",
        "no data for 2013",
    )


def test_a_change_from_an_approximate_figure_is_approximate():
    texts = change_texts("percent", 100.0, 150.0, 2013, 2014)
    out = approximate(texts, {"qualifier": "approximate"}, {"qualifier": "exact"})
    assert (out["abs_text"], out["pct_text"], out["pp_text"]) == ("~+50", "~+50.0%", "")
    assert approximate(texts, {"qualifier": "exact"}, None) == texts


def test_selected_ids_keep_known_rows_once_in_order():
    known = ["a", "b", "c"]
    assert selected_ids({"ids": ["c", "x", "a", "c"]}, known) == ["c", "a"]
    assert selected_ids([{"row_id": "b"}, {"row_id": 3}, "a"], known) == ["b", "a"]
    assert selected_ids("a", known) == []


def test_slope_rows_need_both_years_and_a_positive_year_a():
    rows, left_out = slope_rows(table(), ["t|AZ||", "t|RU||", "s|AZ||", "x|AZ||"])
    assert list(rows["label"]) == ["Turnover (AZ-reported)", "Other — Russia (SIPRI)"]
    assert left_out == ["Turnover (RU-reported)", "Share (AZ-reported)"]


def test_default_selection_prefers_headlines_with_both_years():
    # only the turnover rows are headlines; both have values in both years
    assert default_selection(table()) == ["t|AZ||", "t|RU||"]
    assert default_selection(table().assign(indicator="none")) == ["t|AZ||", "t|RU||", "x|AZ||"]
