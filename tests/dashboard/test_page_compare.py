"""Compare page: the comparison maths on the shipped data, checked against hand arithmetic.

Every expected number below is worked out by hand from data/raw/trade_series.csv
(record ids in the comments), not read back from the code under test.
"""

from __future__ import annotations

import importlib
import io
import math
from types import ModuleType

import openpyxl
import pandas as pd
import pytest
from dash import no_update
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app
from dashboard.data import DataStore

DOTS = "DOTS export of 2022-02 (annual data to 2020)"


@pytest.fixture(scope="module")
def cmp(data: DataStore) -> ModuleType:
    """The page module (pages register themselves, so the app must exist before the import)."""
    create_app(store=data)
    return importlib.import_module("dashboard.pages.compare")


@pytest.fixture(scope="module")
def table_2013_2014(cmp: ModuleType, data: DataStore) -> pd.DataFrame:
    return cmp.compare_table(data, 2013, 2014)


def row(table: pd.DataFrame, indicator: str, reporter: str, subject: str = "", edition: str = DOTS) -> pd.Series:
    hit = table[
        (table["indicator"] == indicator)
        & (table["reporter"] == reporter)
        & (table["subject"] == subject)
        & (table["edition"] == edition)
    ]
    assert len(hit) == 1, (indicator, reporter, subject, edition, len(hit))
    return hit.iloc[0]


def find(component: object, element_id: str) -> object:
    """The component with ``element_id`` inside a Dash component tree (None if absent)."""
    if getattr(component, "id", None) == element_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            hit = find(child, element_id)
            if hit is not None:
                return hit
    return None


def texts(component: object) -> str:
    """All the text inside a Dash component tree."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(texts(c) for c in component)
    children = getattr(component, "children", None)
    return texts(children) if children is not None else ""


def test_percent_change_of_az_reported_exports_is_computed_by_hand(table_2013_2014):
    r = row(table_2013_2014, "trade_az_to_ru", "AZ")
    # TS0022: AZ exports to Russia 2013 = 1077.8444; TS0023: 2014 = 640.2714 (USD million, AZ-reported, IMF DOTS)
    assert r["value_a"] == pytest.approx(1077.8444)
    assert r["value_b"] == pytest.approx(640.2714)
    assert (r["obs_a"], r["obs_b"]) == ("TS0022", "TS0023")
    # absolute: 640.2714 − 1077.8444 = −437.5730
    assert r["abs_change"] == pytest.approx(-437.5730, abs=1e-4)
    # percent: 100 × −437.5730 ÷ 1077.8444 = −40.5970 (1077.8444 × 0.40597 = 437.5727)
    assert r["rel_change"] == pytest.approx(-40.597, abs=1e-3)
    assert r["rel_unit"] == "%"
    assert (r["abs_text"], r["rel_text"]) == ("-437.6", "-40.6%")
    assert r["flags"] == ""  # both published figures, exact


def test_share_change_is_in_percentage_points(table_2013_2014):
    r = row(table_2013_2014, "trade_ru_share_of_az_trade", "AZ")
    # Russia's share of Azerbaijan's goods trade, both AZ-reported:
    # 2013: 100 × (1077.8444 [TS0022] + 1505.1785 [TS0051]) ÷ (23975.4168 [TS0080] + 10712.5025 [TS0109])
    #     = 100 × 2583.0229 ÷ 34687.9193 = 7.4465
    # 2014: 100 × (640.2714 [TS0023] + 1314.4805 [TS0052]) ÷ (21828.6089 [TS0081] + 9187.6976 [TS0110])
    #     = 100 × 1954.7519 ÷ 31016.3065 = 6.3023
    assert r["value_a"] == pytest.approx(7.4465, abs=1e-4)
    assert r["value_b"] == pytest.approx(6.3023, abs=1e-4)
    # change in percentage points: 6.3023 − 7.4465 = −1.1441 (never a % of a %)
    assert r["rel_change"] == pytest.approx(-1.1441, abs=1e-3)
    assert r["rel_unit"] == "pp"
    assert r["rel_text"] == "-1.14 pp"
    assert r["flags"] == "A computed; B computed"


def test_balance_change_is_absolute_only(table_2013_2014):
    r = row(table_2013_2014, "trade_az_ru_balance", "AZ")
    # balance = exports − imports: 2013 1077.8444 − 1505.1785 = −427.3341 (TS0022, TS0051);
    # 2014 640.2714 − 1314.4805 = −674.2091 (TS0023, TS0052); change −674.2091 + 427.3341 = −246.8750
    assert r["value_a"] == pytest.approx(-427.3341, abs=1e-4)
    assert r["value_b"] == pytest.approx(-674.2091, abs=1e-4)
    assert r["abs_change"] == pytest.approx(-246.875, abs=1e-4)
    assert math.isnan(r["rel_change"])
    assert r["rel_text"] == "absolute change only"
    assert r["abs_text"] == "-246.9"


def test_ratio_has_no_relative_change(table_2013_2014):
    r = row(table_2013_2014, "trade_mirror_ratio", "OTHER", "turnover")
    # RU-reported ÷ AZ-reported turnover: 2013 (2942.5322 + 635.8689) ÷ 2583.0229 = 3578.4011 ÷ 2583.0229 = 1.3854
    assert r["value_a"] == pytest.approx(1.3854, abs=1e-4)
    assert math.isnan(r["rel_change"])
    assert r["rel_text"] == "no relative change"


def test_missing_side_reads_no_data_for_the_year_and_is_never_zero(cmp, data):
    table = cmp.compare_table(data, 2013, 2021)
    dots = row(table, "trade_az_to_ru", "AZ")  # the DOTS export ends in 2020
    assert dots["value_a"] == pytest.approx(1077.8444)  # TS0022
    assert math.isnan(dots["value_b"])
    assert dots["text_b"] == "no data for 2021"
    assert math.isnan(dots["abs_change"])
    assert math.isnan(dots["rel_change"])
    assert dots["abs_text"] == dots["rel_text"] == "no data for 2021"
    assert dots["status_text"] == "2013 only"
    press = row(table, "trade_az_to_ru", "AZ", edition="")  # official figures relayed in the press start in 2021
    assert press["text_a"] == "no data for 2013"
    assert math.isnan(press["value_a"])
    assert not math.isnan(press["value_b"])


@pytest.mark.parametrize(("a", "b"), [(2013, 2014), (1990, 2025), (2020, 2021), (2024, 2025), (2000, 2000)])
def test_rows_are_never_filled(cmp, data, a, b):
    table = cmp.compare_table(data, a, b)
    ann = data.annual.assign(subject=data.annual["subject"].fillna(""), edition=data.annual["edition"].fillna(""))
    keys = ["indicator", "reporter", "subject", "edition"]
    # one row per series, whatever the years
    assert len(table) == len(ann[keys].drop_duplicates())
    assert not table.duplicated(keys).any()
    values = ann.groupby([*keys, "year"])["value"].apply(list)
    for r in table.itertuples():
        for year, value, text in ((a, r.value_a, r.text_a), (b, r.value_b, r.text_b)):
            published = values.get((r.indicator, r.reporter, r.subject, r.edition, year))
            if published is None:
                assert math.isnan(value), (r.row_id, year)
                assert text == f"no data for {year}"
            else:
                assert value in published, (r.row_id, year)
                assert "no data" not in text


def test_published_figure_wins_over_a_computed_one_for_the_same_year(cmp, data):
    table = cmp.compare_table(data, 2021, 2022)
    r = row(table, "trade_az_world_turnover", "AZ", edition="")
    # 2022 has a published 52 680 (TS0248, Trend 2024-01-19) and a computed 52 640 (exports + imports)
    assert r["value_b"] == pytest.approx(52680.0)
    assert r["obs_b"] == "TS0248"


def test_default_years_are_the_latest_year_and_the_one_before(cmp, data):
    assert cmp.default_years(data) == (data.years[-1] - 1, data.years[-1])


@pytest.mark.parametrize(
    ("a", "b", "expected_a", "expected_b", "notice"),
    [
        ("2013", "2014", 2013, 2014, None),
        (2013, 2014, 2013, 2014, None),
        (None, "2014", 2013, 2014, None),
        ("abc", None, None, None, "not a year"),
        ("2014", "2013", None, None, "after year B"),
        ("99999999999999999999", None, None, None, "not a year"),
        ("1850", None, None, None, "No annual data for 1850"),
        ("２０１３", None, None, None, "not a year"),
        (True, None, None, None, "not a year"),
        (2013.5, None, None, None, "not a year"),
        ({"x": 1}, ["2014"], None, None, "not a year"),
    ],
)
def test_resolve_years_falls_back_to_the_defaults_with_a_notice(cmp, data, a, b, expected_a, expected_b, notice):
    da, db = cmp.default_years(data)
    ya, yb, notes = cmp.resolve_years(data, a, b)
    assert (ya, yb) == (expected_a or da, expected_b or db)
    if notice is None:
        assert notes == []
    else:
        assert any(notice in n for n in notes), notes


def test_dropdowns_in_the_wrong_order_are_swapped(cmp, data):
    assert cmp.resolve_years(data, 2014, 2013, swap=True)[:2] == (2013, 2014)


@pytest.mark.parametrize(
    "query",
    [
        {"a": "abc"},
        {"a": "2014", "b": "2013"},
        {"b": "9" * 500},
        {"a": "<script>alert(1)</script>"},
        {"nonsense": "1"},
        {"a": "2013\u0000"},
    ],
)
def test_tampered_query_gives_a_notice_and_the_default_page(cmp, data, query):
    page = cmp.layout(**query)
    assert find(page, "cmp-notice").className == "notice"
    assert find(page, "cmp-years").data == dict(zip("ab", cmp.default_years(data), strict=True))


def test_repeated_parameter_takes_the_first_value(cmp, data):
    page = cmp.layout(a=["2013", "2014"])
    assert find(page, "cmp-notice").className == "notice-empty"
    assert find(page, "cmp-years").data == {"a": 2013, "b": data.years[-1]}


def test_layout_with_good_years_has_no_notice(cmp):
    page = cmp.layout(a="2013", b="2014")
    assert find(page, "cmp-notice").className == "notice-empty"
    grid = find(page, "cmp-grid")
    assert grid.columnDefs[5]["headerName"] == "2013"
    assert grid.columnDefs[6]["headerName"] == "2014"


def test_default_slope_rows_are_the_headline_rows_with_both_years(cmp, table_2013_2014):
    ids = cmp.default_selection(table_2013_2014)
    assert f"trade_az_ru_turnover|AZ||{DOTS}" in ids
    assert f"trade_az_ru_turnover|RU||{DOTS}" in ids
    assert 0 < len(ids) <= cmp.MAX_DEFAULT_ROWS


def test_slope_chart_indexes_a_to_100_and_leaves_out_rows_it_cannot_index(cmp, table_2013_2014):
    ids = [f"trade_az_to_ru|AZ||{DOTS}", f"trade_az_ru_balance|AZ||{DOTS}"]
    fig, caption = cmp.slope_chart(table_2013_2014, ids, 2013, 2014)
    assert len(fig.data) == 1
    # 100 × 640.2714 ÷ 1077.8444 = 59.403
    assert list(fig.data[0].y) == pytest.approx([100.0, 59.403], abs=1e-3)
    assert "balance" in caption  # negative base: not indexable, said so


@pytest.mark.parametrize(
    "selection",
    [None, "junk", 42, {"ids": "x"}, [None, 3, {"row_id": 5}], {"ids": ["nope"]}, [{"no": "id"}]],
)
def test_garbage_selection_is_ignored(cmp, table_2013_2014, selection):
    assert cmp.selected_ids(selection, table_2013_2014["row_id"]) == []


def test_selection_accepts_grid_rows_and_ids(cmp, table_2013_2014):
    rid = f"trade_az_to_ru|AZ||{DOTS}"
    assert cmp.selected_ids([{"row_id": rid, "label": "x"}], table_2013_2014["row_id"]) == [rid]
    assert cmp.selected_ids({"ids": [rid, rid]}, table_2013_2014["row_id"]) == [rid]


def test_callbacks_survive_garbage_inputs(cmp, data):
    _rows, _cols, selected, years, notice, _la, _lb, va, vb = cmp.change_years("2014", {"x": 1}, "junk")
    assert years == {"a": 2014, "b": data.years[-1]}  # B falls back to its default, A stays
    assert (va, vb) == (2014, data.years[-1])
    assert "not a year" in texts(notice)
    assert selected == {"ids": []}
    _rows, _cols, _sel, years, notice, *_ = cmp.change_years(None, None, None)
    assert years == dict(zip("ab", cmp.default_years(data), strict=True))
    _fig, caption = cmp.draw_slope(12, ["not", "a", "dict"])
    assert "Tick rows" in caption
    assert cmp.download(None, None) is no_update
    assert cmp.search({"a": 1}) is not None


def test_grid_rows_carry_text_for_missing_sides(cmp, data):
    rows = cmp.grid_rows(cmp.compare_table(data, 2013, 2021))
    r = next(r for r in rows if r["row_id"] == f"trade_az_to_ru|AZ||{DOTS}")
    assert r["value_b"] is None
    assert r["text_b"] == "no data for 2021"


def test_excel_export_has_the_comparison_sheet_and_the_observations_behind_it(cmp, data):
    content = cmp.comparison_workbook(data, 2013, 2021)
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert wb.sheetnames[0] == "About"
    assert "Comparison 2013-2021" in wb.sheetnames
    assert wb.sheetnames[-1] == "Sources"
    ws = wb["Comparison 2013-2021"]
    header = [c.value for c in ws[1]]
    col = {name: i for i, name in enumerate(header)}
    rows = {
        (r[col["indicator"]].value, r[col["reporter"]].value, r[col["edition / source"]].value): r
        for r in ws.iter_rows(min_row=2)
    }
    r = rows[("trade_az_to_ru", "AZ", DOTS)]
    assert r[col["2013"]].value == pytest.approx(1077.8444)  # TS0022, stored as a number
    assert r[col["2013"]].data_type == "n"
    assert r[col["2021"]].value == "no data for 2021"  # never blank, never 0
    assert r[col["obs_id 2013"]].value == "TS0022"
    table = cmp.compare_table(data, 2013, 2021)
    behind = set(table["obs_a"].dropna()) | set(table["obs_b"].dropna())
    assert wb["Data"].max_row - 1 == len(behind)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
QUERY_VALUES = st.text(max_size=60) | st.lists(st.text(max_size=10), max_size=3) | st.integers().map(str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["a", "b", "x", "_dash", "a "]) | st.text(max_size=5), QUERY_VALUES))
def test_any_query_string_renders_a_page(cmp, data, query):
    page = cmp.layout(**query)
    years = find(page, "cmp-years").data
    assert years["a"] in data.years and years["b"] in data.years and years["a"] <= years["b"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=JSON, b=JSON, selection=JSON)
def test_any_callback_payload_is_handled(cmp, data, a, b, selection):
    out = cmp.change_years(a, b, selection)
    assert out[3]["a"] <= out[3]["b"]
    cmp.draw_slope(selection, a)
    cmp.search(a)
