"""Compare page: the comparison maths on the shipped data, checked against hand arithmetic.

Every expected number below is worked out by hand from data/raw/trade_series.csv
(record ids in the comments), not read back from the code under test.
"""

from __future__ import annotations

import importlib
import io
import math
from pathlib import Path
from types import ModuleType

import openpyxl
import pandas as pd
import pytest
from dash import no_update
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.queries import compare as compare_queries
from dashboard.queries import compare_export
from tests.dashboard.layout_walk import find

DOTS = "DOTS export of 2022-02 (annual data to 2020)"
CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"


@pytest.fixture(scope="module")
def cmp(data: DataStore) -> ModuleType:
    """The page module (pages register themselves, so the app must exist before the import)."""
    create_app(store=data)
    return importlib.import_module("dashboard.pages.compare")


@pytest.fixture(scope="module")
def latest(data: DataStore) -> str:
    """The default SIPRI release of the page (the first of data.tiv_releases)."""
    return data.tiv_releases[0]


@pytest.fixture(scope="module")
def table_2013_2014(cmp: ModuleType, data: DataStore, latest: str) -> pd.DataFrame:
    return cmp.compare_table(data, 2013, 2014, latest)


def row(table: pd.DataFrame, indicator: str, reporter: str, subject: str = "", edition: str = DOTS) -> pd.Series:
    hit = table[
        (table["indicator"] == indicator)
        & (table["reporter"] == reporter)
        & (table["subject"] == subject)
        & (table["edition"] == edition)
    ]
    assert len(hit) == 1, (indicator, reporter, subject, edition, len(hit))
    return hit.iloc[0]


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
    assert r["pct_change"] == pytest.approx(-40.597, abs=1e-3)
    assert math.isnan(r["pp_change"]) and r["pp_text"] == ""
    assert (r["abs_text"], r["pct_text"]) == ("-437.6", "-40.6%")
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
    assert r["pp_change"] == pytest.approx(-1.1441, abs=1e-3)
    assert r["pp_text"] == "-1.14 pp"
    assert math.isnan(r["pct_change"]) and r["pct_text"] == ""
    assert r["flags"] == "A computed; B computed"


def test_balance_change_is_absolute_only(table_2013_2014):
    r = row(table_2013_2014, "trade_az_ru_balance", "AZ")
    # balance = exports − imports: 2013 1077.8444 − 1505.1785 = −427.3341 (TS0022, TS0051);
    # 2014 640.2714 − 1314.4805 = −674.2091 (TS0023, TS0052); change −674.2091 + 427.3341 = −246.8750
    assert r["value_a"] == pytest.approx(-427.3341, abs=1e-4)
    assert r["value_b"] == pytest.approx(-674.2091, abs=1e-4)
    assert r["abs_change"] == pytest.approx(-246.875, abs=1e-4)
    assert math.isnan(r["pct_change"]) and math.isnan(r["pp_change"])
    assert r["pct_text"] == "absolute change only"
    assert r["abs_text"] == "-246.9"


def test_ratio_has_no_relative_change(table_2013_2014):
    r = row(table_2013_2014, "trade_mirror_ratio", "OTHER", "turnover")
    # RU-reported ÷ AZ-reported turnover: 2013 (2942.5322 + 635.8689) ÷ 2583.0229 = 3578.4011 ÷ 2583.0229 = 1.3854
    assert r["value_a"] == pytest.approx(1.3854, abs=1e-4)
    assert math.isnan(r["pct_change"]) and math.isnan(r["pp_change"])
    assert r["pct_text"] == "no relative change"


def test_missing_side_reads_no_data_for_the_year_and_is_never_zero(cmp, data, latest):
    table = cmp.compare_table(data, 2013, 2021, latest)
    dots = row(table, "trade_az_to_ru", "AZ")  # the DOTS export ends in 2020
    assert dots["value_a"] == pytest.approx(1077.8444)  # TS0022
    assert math.isnan(dots["value_b"])
    assert dots["text_b"] == "no data for 2021"
    assert math.isnan(dots["abs_change"])
    assert math.isnan(dots["pct_change"])
    assert dots["abs_text"] == dots["pct_text"] == "no data for 2021"
    assert dots["status_text"] == "2013 only"
    press = row(table, "trade_az_to_ru", "AZ", edition="")  # official figures relayed in the press start in 2021
    assert press["text_a"] == "no data for 2013"
    assert math.isnan(press["value_a"])
    assert not math.isnan(press["value_b"])


@pytest.mark.parametrize(("a", "b"), [(2013, 2014), (1990, 2025), (2020, 2021), (2024, 2025), (2000, 2000)])
def test_rows_are_never_filled(cmp, data, latest, a, b):
    table = cmp.compare_table(data, a, b, latest)
    ann = data.annual.assign(subject=data.annual["subject"].fillna(""), edition=data.annual["edition"].fillna(""))
    ann = ann[~ann["edition"].isin(data.tiv_releases[1:])]  # TIV rows of the chosen release only
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


def test_published_figure_wins_over_a_computed_one_for_the_same_year(cmp, data, latest):
    table = cmp.compare_table(data, 2021, 2022, latest)
    r = row(table, "trade_az_world_turnover", "AZ", edition="")
    # 2022 has a published 52 680 (TS0248, Trend 2024-01-19) and a computed 52 640 (exports + imports)
    assert r["value_b"] == pytest.approx(52680.0)
    assert r["obs_b"] == "TS0248"


def test_default_years_are_the_latest_year_and_the_one_before(cmp, data):
    assert compare_queries.default_years(data) == (data.years[-1] - 1, data.years[-1])


@pytest.mark.parametrize(
    ("a", "b", "expected_a", "expected_b", "notice"),
    [
        ("2013", "2014", 2013, 2014, None),
        (2013, 2014, 2013, 2014, None),
        (None, "2014", 2013, 2014, None),
        ("abc", None, None, None, "not a year"),
        ("2014", "2013", None, None, "after year B"),
        ("99999999999999999999", None, None, None, "not a year"),
        ("1850", None, None, None, "No data for 1850"),
        ("２０１３", None, None, None, "not a year"),
        (True, None, None, None, "not a year"),
        (2013.5, None, None, None, "not a year"),
        ({"x": 1}, ["2014"], None, None, "not a year"),
    ],
)
def test_resolve_years_falls_back_to_the_defaults_with_a_notice(cmp, data, a, b, expected_a, expected_b, notice):
    da, db = compare_queries.default_years(data)
    ya, yb, _release, notes = cmp.view_inputs(data, a, b, None)
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
    view = find(page, "cmp-view").data
    assert (view["a"], view["b"]) == compare_queries.default_years(data)


def test_repeated_parameter_takes_the_first_value(cmp, data):
    page = cmp.layout(a=["2013", "2014"])
    assert find(page, "cmp-notice").className == "notice-empty"
    assert find(page, "cmp-view").data == {
        "a": 2013,
        "b": data.years[-1],
        "release": cmp.release_key(data.tiv_releases[0]),
    }


def test_layout_with_good_years_has_no_notice(cmp):
    page = cmp.layout(a="2013", b="2014")
    assert find(page, "cmp-notice").className == "notice-empty"
    grid = find(page, "cmp-grid")
    headers = {c["field"]: c["headerName"] for c in grid.columnDefs}
    assert (headers["value_a"], headers["value_b"]) == ("2013", "2014")


def test_default_slope_rows_are_the_headline_rows_with_both_years(cmp, table_2013_2014):
    ids = cmp.default_selection(table_2013_2014)
    assert f"trade_az_ru_turnover|AZ||{DOTS}" in ids
    assert f"trade_az_ru_turnover|RU||{DOTS}" in ids
    assert 0 < len(ids) <= compare_queries.MAX_DEFAULT_ROWS


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
    key = cmp.release_key(data.tiv_releases[0])
    _rows, _cols, selected, view, notice, _la, _lb, va, vb, rel, _note = cmp.change_view("2014", {"x": 1}, 7, "junk")
    assert view == {"a": 2014, "b": data.years[-1], "release": key}  # B and the release fall back, A stays
    assert (va, vb, rel) == (2014, data.years[-1], key)
    assert "not a year" in texts(notice)
    assert "Unknown SIPRI release" in texts(notice)
    assert selected == {"ids": []}
    _rows, _cols, _sel, view, notice, *_ = cmp.change_view(None, None, None, None)
    assert view == {**dict(zip("ab", compare_queries.default_years(data), strict=True)), "release": key}
    _fig, caption, sources, summary, style = cmp.draw_slope(12, ["not", "a", "dict"])
    assert "Tick rows" in caption
    # nothing drawn: the source line, the text alternative and the CSV behind it name no row
    assert "no data in view" in texts(sources) and summary.endswith("No data drawn. Sources: none in view.")
    assert style == {"height": "420px"}
    assert cmp.download(None, None) is no_update
    # a non-text search clears the grid's quick filter
    assert cmp.search({"a": 1}).to_plotly_json()["operations"] == [
        {"operation": "Assign", "location": ["quickFilterText"], "params": {"value": ""}}
    ]
    assert cmp.search("x" * 500).to_plotly_json()["operations"][0]["params"] == {"value": "x" * 100}


def test_grid_rows_carry_text_for_missing_sides(cmp, data, latest):
    rows = cmp.grid_rows(cmp.compare_table(data, 2013, 2021, latest))
    r = next(r for r in rows if r["row_id"] == f"trade_az_to_ru|AZ||{DOTS}")
    assert r["value_b"] is None
    assert r["text_b"] == "no data for 2021"


def test_excel_export_has_the_comparison_sheet_and_the_observations_behind_it(cmp, data, latest):
    content = cmp.comparison_workbook(data, 2013, 2021, latest)
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
    table = cmp.compare_table(data, 2013, 2021, latest)
    behind = set(table["obs_a"].dropna()) | set(table["obs_b"].dropna())
    assert wb["Data"].max_row - 1 == len(behind)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
QUERY_VALUES = st.text(max_size=60) | st.lists(st.text(max_size=10), max_size=3) | st.integers().map(str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.dictionaries(
        st.sampled_from(["a", "b", "release", "x", "_dash", "a "]) | st.text(max_size=5), QUERY_VALUES
    )
)
def test_any_query_string_renders_a_page(cmp, data, query):
    page = cmp.layout(**query)
    view = find(page, "cmp-view").data
    assert view["a"] in data.years and view["b"] in data.years and view["a"] <= view["b"]
    assert view["release"] in cmp.release_keys(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=JSON, b=JSON, release=JSON, selection=JSON)
def test_any_callback_payload_is_handled(cmp, data, a, b, release, selection):
    out = cmp.change_view(a, b, release, selection)
    assert out[3]["a"] <= out[3]["b"]
    assert out[3]["release"] in cmp.release_keys(data)
    cmp.draw_slope(selection, a)
    cmp.draw_slope(selection, release)
    cmp.download(1, release)
    cmp.search(a)


# ----------------------------------------------------------------- SIPRI release picker (issue 8, defect 12)
def tiv_series(edition: str) -> set[tuple[str, str, str]]:
    """Annual series of one SIPRI release as data/clean has them (indicator, reporter, subject)."""
    obs = pd.read_csv(CLEAN / "observations.csv")
    rows = obs[(obs["kind"] == "series") & obs["full_year"] & obs["value"].notna() & (obs["edition"] == edition)]
    return {
        (str(i), str(r), "" if pd.isna(s) else str(s)) for i, r, s in rows[["indicator", "reporter", "subject"]].values
    }


def test_only_the_chosen_releases_tiv_rows_appear(cmp, data):
    releases = data.tiv_releases
    assert len(releases) >= 2
    tables = {e: cmp.compare_table(data, 2013, 2014, e) for e in releases}
    others = None
    for edition, table in tables.items():
        tiv = table[table["edition"].isin(releases)]
        assert set(tiv["edition"]) == {edition}
        assert set(zip(tiv["indicator"], tiv["reporter"], tiv["subject"], strict=True)) == tiv_series(edition)
        rest = set(table.loc[~table["edition"].isin(releases), "row_id"])
        assert others is None or rest == others  # rows that do not depend on the release are unchanged
        others = rest
    # without the picker every release's rows were listed: far more TIV rows than any one release has
    all_tiv = sum(len(tiv_series(e)) for e in releases)
    assert all(len(t) == len(others) + len(tiv_series(e)) for e, t in tables.items())
    assert all_tiv > max(len(tiv_series(e)) for e in releases)


def test_release_picker_uses_the_arms_page_keys_and_defaults_to_the_first_release(cmp, data):
    page = cmp.layout(a="2013", b="2014")
    picker = find(page, "cmp-release")
    arms = importlib.import_module("dashboard.pages.arms")
    assert [o["value"] for o in picker.options] == list(arms.release_keys(data))
    assert picker.value == arms.release_key(data.tiv_releases[0])
    assert find(page, "cmp-view").data["release"] == picker.value
    grid = find(page, "cmp-grid")
    assert {r["edition"] for r in grid.rowData} & set(data.tiv_releases) == {data.tiv_releases[0]}


def test_release_in_the_url_switches_the_tiv_rows_to_that_release(cmp, data):
    march_2024 = cmp.release_keys(data)["2023"]  # SIPRI Arms Transfers Database, March 2024 update (data to 2023)
    page = cmp.layout(a="2013", b="2014", release="2023")
    assert find(page, "cmp-notice").className == "notice-empty"
    assert find(page, "cmp-view").data == {"a": 2013, "b": 2014, "release": "2023"}
    rows = {r["row_id"]: r for r in find(page, "cmp-grid").rowData}
    russia = rows[f"arms_tiv_to_az|SIPRI|Russia|{march_2024}"]
    # data/raw/arms_tiv.csv AT0164: Russia → Azerbaijan 2013 = 309.8 TIV million; AT0171: 2014 = 554.6;
    # change 100 × (554.6 − 309.8) ÷ 309.8 = 100 × 244.8 ÷ 309.8 = +79.0 %
    assert (russia["value_a"], russia["value_b"]) == (309.8, 554.6)
    assert (russia["obs_a"], russia["obs_b"]) == ("AT0164", "AT0171")
    assert russia["pct_text"] == "+79.0%"
    assert all(r["edition"] == march_2024 for r in rows.values() if r["edition"] in data.tiv_releases)


def test_unknown_release_gives_a_notice_and_the_default(cmp, data):
    page = cmp.layout(release="1999")
    assert "release" in texts(find(page, "cmp-notice"))
    assert find(page, "cmp-view").data["release"] == cmp.release_key(data.tiv_releases[0])


def test_release_switch_callback_changes_rows_and_keeps_other_ticks(cmp, data):
    keep = f"trade_az_to_ru|AZ||{DOTS}"
    default = data.tiv_releases[0]
    dropped = f"arms_tiv_to_az|SIPRI|Russia|{default}"
    rows, _cols, selected, view, _notice, *_rest, key, note = cmp.change_view(2013, 2014, "2021", [keep, dropped])
    march_2022 = cmp.release_keys(data)["2021"]
    assert key == "2021" and view["release"] == "2021"
    assert selected == {"ids": [keep]}  # the other release's row is no longer in the table
    russia = next(r for r in rows if r["row_id"] == f"arms_tiv_to_az|SIPRI|Russia|{march_2022}")
    # AT0037: 2013 = 305 (as printed by SIPRI, March 2022 update); AT0038: 2014 = 550
    assert (russia["value_a"], russia["value_b"]) == (305.0, 550.0)
    assert "March 2022 update (data to 2021)" in note


def test_excel_export_follows_the_release(cmp, data):
    march_2024 = cmp.release_keys(data)["2023"]
    wb = openpyxl.load_workbook(io.BytesIO(cmp.comparison_workbook(data, 2013, 2014, march_2024)))
    ws = wb["Comparison 2013-2014"]
    header = [c.value for c in ws[1]]
    col = {name: i for i, name in enumerate(header)}
    editions = [r[col["edition / source"]].value for r in ws.iter_rows(min_row=2)]
    assert {e for e in editions if e in data.tiv_releases} == {march_2024}
    assert len(editions) == len(cmp.compare_table(data, 2013, 2014, march_2024))
    russia = next(
        r
        for r in ws.iter_rows(min_row=2)
        if (r[col["indicator"]].value, r[col["subject"]].value, r[col["edition / source"]].value)
        == ("arms_tiv_to_az", "Russia", march_2024)
    )
    assert (russia[col["2013"]].value, russia[col["2014"]].value) == (309.8, 554.6)  # AT0164, AT0171
    about = " ".join(str(c.value) for row in wb["About"].iter_rows() for c in row if c.value)
    assert "March 2024 update (data to 2023)" in about


# ----------------------------------------------------------------- columns: edition pinned, % and pp apart
def test_edition_column_is_pinned_next_to_the_indicator(cmp):
    cols = cmp.column_defs(2013, 2014)
    pinned = [c["field"] for c in cols if c.get("pinned") == "left"]
    assert pinned == ["label", "edition_source"]
    edition = next(c for c in cols if c["field"] == "edition_source")
    assert not edition.get("hide") and edition.get("lockPinned") is True


def test_percent_and_pp_changes_never_share_a_sortable_column(cmp, data, latest):
    cols = cmp.column_defs(2013, 2014)
    numeric = [c["field"] for c in cols if c.get("cellDataType") == "number"]
    headers = {c["field"]: c["headerName"] for c in cols}
    assert (headers["pct_change"], headers["pp_change"]) == ("% change", "pp change")
    share = f"trade_ru_share_of_az_trade|AZ||{DOTS}"  # a pp row (-1.14 pp, see above)
    exports = f"trade_az_to_ru|AZ||{DOTS}"  # a % row (-40.6 %)
    for a, b in ((2013, 2014), (2013, 2021), (2000, 2024)):
        rows = cmp.grid_rows(cmp.compare_table(data, a, b, latest))
        # the sortable column each relative change sits in: % changes and pp changes never share one
        pct_in = {
            f
            for r in rows
            if r["change_type"] == "percent"
            for f in numeric
            if f.endswith("_change") and f != "abs_change" and r[f] is not None
        }
        pp_in = {
            f
            for r in rows
            if r["change_type"] == "percentage_points"
            for f in numeric
            if f.endswith("_change") and f != "abs_change" and r[f] is not None
        }
        assert pct_in <= {"pct_change"} and pp_in <= {"pp_change"}
        assert pct_in and pp_in  # both kinds of rows are present in these comparisons
        assert all(r["pp_change"] is None for r in rows if r["change_type"] != "percentage_points")
        assert all(r["pct_change"] is None for r in rows if r["change_type"] != "percent")
    rows = {r["row_id"]: r for r in cmp.grid_rows(cmp.compare_table(data, 2013, 2014, latest))}
    assert rows[share]["pct_change"] is None and rows[share]["pp_change"] == pytest.approx(-1.1441, abs=1e-3)
    assert rows[exports]["pp_change"] is None and rows[exports]["pct_change"] == pytest.approx(-40.597, abs=1e-3)


def test_excel_export_has_separate_percent_and_pp_columns(cmp, data, latest):
    sheet, _obs = compare_export.export_tables(data, 2013, 2014, latest)
    assert "relative change" not in sheet.columns
    by_id = sheet.assign(key=sheet["indicator"] + "|" + sheet["reporter"] + "|" + sheet["edition / source"])
    share = by_id[by_id["key"] == f"trade_ru_share_of_az_trade|AZ|{DOTS}"].iloc[0]
    exports = by_id[by_id["key"] == f"trade_az_to_ru|AZ|{DOTS}"].iloc[0]
    assert share["pp change"] == pytest.approx(-1.1441, abs=1e-3) and share["% change"] is None
    assert exports["% change"] == pytest.approx(-40.597, abs=1e-3) and exports["pp change"] is None


# ----------------------------------------------------------------- slope chart layout
def test_slope_chart_with_a_selection_has_a_legend_and_labels_inside_the_plot(cmp, table_2013_2014):
    ids = [f"trade_az_to_ru|AZ||{DOTS}", f"trade_ru_to_az|AZ||{DOTS}"]
    fig, _caption = cmp.slope_chart(table_2013_2014, ids, 2013, 2014)
    assert fig.layout.showlegend is True
    assert [t.name for t in fig.data] == [
        "Goods trade, Azerbaijan → Russia (AZ-reported)",
        "Goods trade, Russia → Azerbaijan (AZ-reported)",
    ]
    assert all(t.showlegend is not False for t in fig.data)
    # labels at year B are the index values: 100 × 640.2714 ÷ 1077.8444 = 59.4 (TS0023, TS0022);
    # 100 × 1314.4805 ÷ 1505.1785 = 87.3 (TS0052, TS0051)
    assert [t.text[1] for t in fig.data] == ["59.4", "87.3"]
    # nothing is drawn outside the axes: labels are clipped to the plot, and the axes leave room for them
    assert all(t.cliponaxis is not False for t in fig.data)
    x0, x1 = fig.layout.xaxis.range
    assert x0 < 2013 and x1 >= 2014 + 0.25
    y0, y1 = fig.layout.yaxis.range
    assert y0 < 59.4 and y1 > 100
    assert fig.layout.margin.r <= 40  # no wide margin for labels spilling out


def test_slope_chart_without_a_selection_is_a_centred_message_not_empty_axes(cmp, table_2013_2014):
    fig, caption = cmp.slope_chart(table_2013_2014, [], 2013, 2014)
    assert len(fig.data) == 0
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    messages = [a.text for a in fig.layout.annotations if a.x == 0.5 and a.y == 0.5]
    assert messages == ["Tick rows in the table to draw them here"]
    assert "Tick rows" in caption
    # a selection with nothing that can be indexed (a negative balance): the same kind of message
    fig, caption = cmp.slope_chart(table_2013_2014, [f"trade_az_ru_balance|AZ||{DOTS}"], 2013, 2014)
    assert len(fig.data) == 0 and fig.layout.xaxis.visible is False
    assert [a.text for a in fig.layout.annotations if a.x == 0.5] == [
        "Tick rows with values in both years to draw them here"
    ]
    assert "balance" in caption


def test_a_change_between_different_sources_is_not_computed(cmp, data, latest):
    # AZ-reported turnover: 2023 TS0239 4400 (news.az) and 2024 TS0240 4799 (metbuat) come from different
    # outlets, so no change is computed; 2021 TS0237 2990 and 2022 TS0238 3700 are both cssc.az: +23.7%
    key = "trade_az_ru_turnover|AZ||"
    rows = {r["row_id"]: r for r in cmp.grid_rows(cmp.compare_table(data, 2023, 2024, latest))}
    row = rows[key]
    assert (row["value_a"], row["value_b"]) == (4400.0, 4799.0)
    assert row["pct_change"] is None and row["abs_change"] is None
    assert row["pct_text"] == "not computed: different sources"
    assert "different sources" in row["flags"]
    rows = {r["row_id"]: r for r in cmp.grid_rows(cmp.compare_table(data, 2021, 2022, latest))}
    assert rows[key]["pct_change"] == pytest.approx(100 * (3700 - 2990) / 2990)
    assert rows[key]["pct_text"] == "+23.7%"


def test_a_change_from_an_approximate_figure_is_marked_approximate(cmp):
    exact = {"qualifier": "exact"}
    approx = {"qualifier": "approximate"}
    texts = compare_queries.change_texts("percent", 100.0, 110.0, 2000, 2001)
    assert compare_queries.approximate(texts, exact, approx)["pct_text"] == "~+10.0%"
    assert compare_queries.approximate(texts, exact, exact)["pct_text"] == "+10.0%"


def sheet_values(content: bytes) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet's cell values, the About sheet's generation time left out."""
    wb = openpyxl.load_workbook(io.BytesIO(content))
    return {
        name: [row for row in wb[name].iter_rows(values_only=True) if not str(row[0] or "").startswith("Generated")]
        for name in wb.sheetnames
    }


def test_the_download_is_the_page_protocols_and_holds_the_same_workbook(cmp, data, monkeypatch):
    import base64

    from dashboard import protocol

    calls: list[dict[str, object]] = []
    parse = protocol.parse_params
    monkeypatch.setattr(protocol, "parse_params", lambda specs, raw: calls.append(dict(raw)) or parse(specs, raw))
    release = data.tiv_releases[1]
    view = {"a": 2013, "b": 2014, "release": cmp.release_key(release)}
    payload = cmp.download(1, view)
    assert cmp.download.__qualname__.startswith("register_download")  # wired by protocol.register_download
    assert len(calls) == 1  # the view store is parsed once, by the page spec
    assert payload["filename"] == "ruaz-compare-2013-2014.xlsx"
    got = base64.b64decode(payload["content"])
    assert sheet_values(got) == sheet_values(cmp.comparison_workbook(data, 2013, 2014, release))
