"""Arms page: TIV per release, shares, milex, deal filtering and statements on the shipped data."""

from __future__ import annotations

import importlib
import json
from types import ModuleType
from typing import Any

import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.queries import arms as arms_queries
from indicators.pipeline import DEFAULT_CLEAN
from tests.dashboard.layout_walk import find

REPROCESSED_2026 = (
    "SIPRI Arms Transfers Database, 2026 update (data to 2025), third-party reprocessing, not a SIPRI export"
)
MARCH_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
MARCH_2024 = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
MARCH_2023 = "SIPRI Arms Transfers Database, March 2023 update (data to 2022)"
MARCH_2022 = "SIPRI Arms Transfers Database, March 2022 update (data to 2021)"
CLEAN_DEALS = pd.read_csv(DEFAULT_CLEAN / "arms_deals.csv", dtype=str)


def clean_deal_count(edition: str, year: int | None = None) -> int:
    """Register rows of ``edition`` in data/clean/arms_deals.csv, with a year only those delivering in it
    (the listed delivery years, else first to last delivery)."""
    rows = CLEAN_DEALS[CLEAN_DEALS["edition"] == edition]
    if year is None:
        return len(rows)

    def delivers(row: pd.Series) -> bool:
        listed = row["delivery_years"]
        if isinstance(listed, str) and listed:
            return str(year) in listed.split(";")
        first, last = row["first_delivery"], row["last_delivery"]
        return isinstance(first, str) and isinstance(last, str) and int(first) <= year <= int(last)

    return sum(delivers(r) for _, r in rows.iterrows())


@pytest.fixture(scope="module")
def arms(data: DataStore) -> ModuleType:
    """The page module as Dash registers it (pages can only be imported once an app exists)."""
    create_app(store=data)
    return importlib.import_module("dashboard.pages.arms")


def series_traces(fig) -> list:
    return [t for t in fig.data if not str(t.name).startswith("events")]


def trace(fig, name: str):
    return next(t for t in fig.data if t.name == name)


def values(tr) -> dict[int, float | None]:
    return dict(zip((int(x) for x in tr.x), tr.y, strict=True))


def notes(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if a.name == "unit-note"]


def text_of(component: Any) -> str:
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    parts = children if isinstance(children, list | tuple) else [children]
    return " ".join(text_of(c) for c in parts)


def release_chart(arms, data, edition: str, which: int):
    """The TIV stack (0) or the window shares (1) of a release and their rows, as the page draws them."""
    return arms.release_charts(data, arms.SPEC.parse(data, {}), edition)[which]


def money_charts(arms, data):
    """(military expenditure chart, rows), (share of GDP chart, rows): query, then the builder."""
    view = arms.chart_view(arms.SPEC.parse(data, {}), data.events)
    milex, gdp = arms.milex_series(data), arms.gdp_frame(data)
    return (arms.milex_figure(milex, view), arms.rows_of(milex, data.observations.iloc[0:0])), (
        arms.gdp_figure(gdp, view),
        gdp,
    )


def test_release_parameter_is_the_data_to_year(arms, data):
    # SIPRI's own exports newest first, then the third-party reprocessing (sources.csv edition says so)
    assert list(arms.release_keys(data).items()) == [
        ("2024", MARCH_2025),
        ("2023", MARCH_2024),
        ("2022", MARCH_2023),
        ("2021", MARCH_2022),
        ("2025", REPROCESSED_2026),
    ]
    assert arms.params(data)["release"].default == "2024"
    assert arms.edition_for(data, "nonsense") == MARCH_2025


@pytest.mark.parametrize(
    ("key", "edition", "russia_2014"),
    [
        ("2025", REPROCESSED_2026, 564.5),  # AT0344
        ("2024", MARCH_2025, 558.5),  # AT0256
        ("2023", MARCH_2024, 554.6),  # AT0171
        ("2021", MARCH_2022, 550.0),  # AT0038 (exporter table, whole numbers)
    ],
)
def test_release_switch_changes_the_stacked_bars(arms, data, key, edition, russia_2014):
    fig, _ = release_chart(arms, data, arms.edition_for(data, key), 0)
    assert values(trace(fig, "Russia"))[2014] == pytest.approx(russia_2014)
    assert edition.split(", ", 1)[1] in fig.layout.title.text
    assert all(t.type == "bar" for t in series_traces(fig))


def test_stack_excludes_the_computed_sum_and_keeps_unknown(arms, data):
    fig, frame = release_chart(arms, data, MARCH_2025, 0)
    stacked = [t.name for t in series_traces(fig)]
    assert "all suppliers (sum)" not in stacked and "all suppliers" not in stacked
    assert stacked[-1] == "unknown"
    assert values(trace(fig, "unknown")) == {2018: 4.0, 2022: 0.6, 2023: 0.5}
    assert stacked[0] == "Russia"  # largest total first
    # the stack adds up to the release's own computed total for every year
    totals = data.select("arms_tiv_to_az", "SIPRI", "all suppliers (sum)", edition=MARCH_2025)
    stacked_by_year = frame.groupby("year")["value"].sum()
    for row in totals.itertuples():
        assert stacked_by_year.get(row.year, 0.0) == pytest.approx(row.value, abs=0.05), row.year
    assert len({trace(fig, s).marker.color for s in stacked}) == len(stacked)  # no shared colours


def test_tiv_axis_says_it_is_not_money(arms, data):
    fig, _ = release_chart(arms, data, MARCH_2025, 0)
    unit = next(a for a in fig.layout.annotations if a.name == "unit")
    assert unit.text == "TIV million (trend-indicator value — not money)"
    assert "USD" not in fig.layout.title.text


def test_release_without_suppliers_says_so(arms, data):
    fig, _ = release_chart(arms, data, MARCH_2023, 0)
    assert [t.name for t in series_traces(fig)] == ["All suppliers (SIPRI total; no breakdown)"]
    total = values(series_traces(fig)[0])
    assert total[2018] == 365.0  # AT0112
    # AT0116: 2022 'none recorded' has no bar; AT0117 (1992..2022 total, 4213) is not a year and has none either
    assert 2022 not in total and 4213.0 not in total.values()
    assert notes(fig) == [
        "<i>March 2023 update (data to 2022) has SIPRI totals only: "
        "no supplier breakdown, so no stack and no shares</i>"
    ]
    share, _ = release_chart(arms, data, MARCH_2023, 1)
    assert all(len(t.x) == 0 for t in series_traces(share))
    assert notes(share) == notes(fig)
    assert "totals only" in arms.release_note(data, MARCH_2023)


def test_shares_are_sipri_windows_naming_the_release(arms, data):
    fig, frame = release_chart(arms, data, MARCH_2025, 1)
    names = [t.name for t in series_traces(fig)]
    assert names == [
        "Russia, five-year windows",
        "Israel, five-year windows",
        "Turkiye, five-year windows",
        "Russia, ten-year windows",
        "Israel, ten-year windows",
        "Turkiye, ten-year windows",
    ]
    assert fig.layout.title.text.endswith("SIPRI March 2025 update (data to 2024)")
    russia = trace(fig, "Russia, five-year windows")
    # five-year bars at the middle year of 2001-05, 2006-10, 2011-15, 2016-20 (2021-25 not covered by 'data to 2024')
    assert list(russia.x) == [2003, 2008, 2013, 2018]
    by_x = dict(zip(russia.x, russia.y, strict=True))
    # 2011-15: Russia AT0235 484.75 + AT0242 263.85 + AT0249 310.3 + AT0256 558.5 + AT0261 215.2 = 1832.6
    # of all suppliers' 2321.57 (AT0233-AT0263)
    assert by_x[2013] == pytest.approx(100 * 1832.6 / 2321.57, abs=1e-6)
    assert "2011–15 (5-year window): 78.9% of all suppliers' TIV" in russia.text[2]
    assert "computed from SIPRI Arms Transfers Database, March 2025 update (data to 2024)" in russia.text[2]
    assert list(russia.customdata) == [f"D-arms_tiv_5y_share-2024-Russia-{y}" for y in (2005, 2010, 2015, 2020)]
    ten = trace(fig, "Russia, ten-year windows")
    # ten-year segments span 2001-10 and 2011-20: (1832.6 + 169) / (2321.57 + 1029.61) for 2011-20
    assert list(ten.x) == [2000.5, 2010.5, None, 2010.5, 2020.5, None]
    assert ten.y[3] == pytest.approx(100 * 2001.6 / 3351.18, abs=1e-6)
    assert "2011–20 (10-year window)" in ten.text[3]
    assert set(frame["indicator"]) == {"arms_tiv_5y_share", "arms_tiv_10y_share"}
    assert set(frame["edition"]) == {MARCH_2025}
    other, _ = release_chart(arms, data, MARCH_2022, 1)
    march_2022 = trace(other, "Russia, five-year windows")
    # March 2022 update, 2011-15: Russia 1798 of 2275 TIV (AT0035-AT0039 over the release's 2011-15 records)
    assert dict(zip(march_2022.x, march_2022.y, strict=True))[2013] == pytest.approx(100 * 1798 / 2275, abs=1e-6)


def test_milex_is_money_on_its_own_charts(arms, data):
    fig, frame = money_charts(arms, data)[0]
    assert [t.name for t in series_traces(fig)] == ["Current USD million", "Constant 2022 USD million"]
    assert values(trace(fig, "Constant 2022 USD million"))[1992] == pytest.approx(359.4)  # MX0033
    assert "money, not TIV" in fig.layout.title.text
    assert not frame["indicator"].str.startswith("arms_tiv").any()
    gdp, gdp_frame = money_charts(arms, data)[1]
    assert [t.name for t in series_traces(gdp)] == ["SIPRI April 2024 release", "SIPRI via Our World in Data"]
    assert set(gdp_frame["indicator"]) == {"arms_milex_share_gdp"}


def test_deals_are_filtered_to_deliveries_in_the_selected_year(arms, data):
    all_rows = arms.deals_for(data, REPROCESSED_2026, None)
    assert len(all_rows) == clean_deal_count(REPROCESSED_2026)
    in_2014 = arms.deals_for(data, REPROCESSED_2026, 2014)
    assert len(in_2014) == clean_deal_count(REPROCESSED_2026, 2014) > 0
    assert all("2014" in str(s).split(";") for s in in_2014["delivery_years"])
    assert {"D159", "D171"} <= set(in_2014["deal_id"])  # Mi-17 2010-2015, T-90S 2013-2015
    assert "D157" not in set(in_2014["deal_id"])  # T-72M1, delivered 2007 only
    march_2024 = arms.deals_for(data, MARCH_2024, 2014)
    assert len(march_2024) == clean_deal_count(MARCH_2024, 2014) > 0 and set(march_2024["edition"]) == {MARCH_2024}
    undelivered = arms.deals_for(data, MARCH_2024, None)
    no_year = CLEAN_DEALS.loc[CLEAN_DEALS["edition"] == MARCH_2024, "delivery_years"].isna().sum()
    assert undelivered["delivery_years"].isna().sum() == no_year > 0  # shown without a year, never matched to one
    assert not march_2024["delivery_years"].isna().any()
    assert arms.deals_for(data, MARCH_2022, 2014).empty


def test_deal_rows_are_json_ready(arms, data):
    rows = arms_queries.deal_rows(arms.deals_for(data, MARCH_2024, 2014))
    json.dumps(rows)
    t90 = next(r for r in rows if r["weapon_designation"] == "T-90S")
    assert t90["number_delivered"] == 100 and isinstance(t90["order_year"], int)


def test_deal_captions_explain_empty_tables(arms, data):
    assert arms_queries.deals_caption(data, MARCH_2022, None, 0).startswith("No register rows were transcribed")
    caption = arms_queries.deals_caption(data, REPROCESSED_2026, 1999, 0)
    assert caption == (
        "No deliveries recorded in 1999 in the 2026 update (data to 2025), third-party reprocessing, "
        "not a SIPRI export."
    )
    payload = arms.deals_payload(data)
    assert payload["default"] == "2024"
    march_2024 = payload["releases"]["2023"]
    in_2014 = [r for r in march_2024["rows"] if 2014 in r["_years"]]
    expected = clean_deal_count(MARCH_2024, 2014)
    assert len(in_2014) == expected == len(arms.deals_for(data, arms.release_keys(data)["2023"], 2014))
    assert len(payload["releases"]["2025"]["rows"]) == clean_deal_count(REPROCESSED_2026)
    caption = arms_queries.deals_caption(data, arms.release_keys(data)["2023"], 2014, expected)
    assert caption.startswith(f"{expected} deals with deliveries")


def test_deal_captions_say_russian_deals_and_name_the_columns_a_release_lacks(arms, data):
    # 2026 update: 20 rows, all Russian (D156-D175); no order year, number ordered or status in that copy
    assert arms_queries.deals_caption(data, REPROCESSED_2026, None, 20) == (
        "All 20 Russian deals in the register of the 2026 update (data to 2025), third-party reprocessing, "
        "not a SIPRI export (click a year to see that "
        "year's deliveries). This release's register has no 'Ordered', 'No. ordered' and 'Status': those "
        "cells read 'not in this release'."
    )
    # March 2025 update: order year and status are in the export, number ordered is not
    assert arms_queries.missing_columns(data, MARCH_2025) == ["number_ordered"]
    assert arms_queries.deals_caption(data, MARCH_2025, 2014, 11) == (
        "11 Russian deals with deliveries in 2014 (March 2025 update (data to 2024)). This release's register "
        "has no 'No. ordered': those cells read 'not in this release'."
    )
    # March 2024 update: eight suppliers, every column present
    assert arms_queries.missing_columns(data, MARCH_2024) == []
    assert arms_queries.deals_caption(data, MARCH_2024, None, 114).startswith(
        "All 114 register rows in the register of"
    )
    rows = arms_queries.deal_rows(
        arms.deals_for(data, MARCH_2025, None), arms_queries.missing_columns(data, MARCH_2025)
    )
    t72 = next(r for r in rows if r["weapon_designation"] == "T-72M1")  # D136
    assert (t72["order_year"], t72["number_ordered"], t72["status"]) == (2006, "not in this release", "Second hand")
    payload = arms.deals_payload(data)["releases"]
    # the browser places these captions as they are (one renderer: ruaz_pages.deals)
    assert payload["2025"]["captions"]["all"].startswith("All 20 Russian deals in the register of the 2026 update")
    assert payload["2023"]["captions"]["all"].startswith("All 114 register rows in the register of")
    assert payload["2023"]["captions"]["2014"].startswith("17 deals with deliveries in 2014")
    latest_rows = payload["2025"]["rows"]
    assert {r["order_year"] for r in latest_rows} == {"not in this release"}
    assert {r["status"] for r in latest_rows} == {"not in this release"}
    assert payload["2024"]["captions"]["2014"].endswith(arms_queries.lacks_text(["number_ordered"]))


def test_deal_years_expand_ranges_and_fall_back_to_first_and_last(arms):
    import pandas as pd

    assert arms_queries.deal_years(pd.Series({"delivery_years": "2013-2015"})) == [2013, 2014, 2015]
    assert arms_queries.deal_years(pd.Series({"delivery_years": "2007;2010"})) == [2007, 2010]
    assert arms_queries.deal_years(
        pd.Series({"delivery_years": None, "first_delivery": 2009, "last_delivery": 2011})
    ) == [
        2009,
        2010,
        2011,
    ]
    assert (
        arms_queries.deal_years(pd.Series({"delivery_years": None, "first_delivery": None, "last_delivery": None}))
        == []
    )


def test_statements_label_money_as_money(arms, data):
    rows = data.arms_statements.set_index("statement_id")
    assert arms.statement_value(rows.loc["AS005"].to_dict()) == "USD 4 bn (money, as stated)"
    assert arms.statement_value(rows.loc["AS002"].to_dict()) == "USD 2–3 bn (money, as stated)"
    assert arms.statement_value(rows.loc["AS023"].to_dict()) == "USD 1.257 bn (money, as stated)"
    assert arms.statement_value(rows.loc["AS007"].to_dict()) == "72 tanks delivered 2007-2013"
    assert arms.statement_value(rows.loc["AS014"].to_dict()) == ""  # qualitative
    listing = arms.statements_list(data)
    assert len(listing.children) == len(pd.read_csv(DEFAULT_CLEAN / "arms_statements.csv"))


def test_bad_query_parameters_give_notices_not_errors(arms, data):
    page = arms.layout(**{"release": "abc", "oil": "<script>", "events": "yes"})
    notice = text_of(find(page, "arms-notice"))
    assert "Unknown release 'abc'" in notice
    assert "Ignored unknown parameter 'oil'" in notice
    assert "not 0 or 1" in notice
    assert find(page, arms.SPEC.state_id).data["release"] == "2024"
    assert find(page, arms.SPEC.control_id("release")).value == "2024"


def test_old_release_from_the_url_is_drawn(arms, data):
    page = arms.layout(release="2022", year="2014")
    tiv = find(page, arms.SPEC.graph_id("tiv")).figure
    assert [t.name for t in series_traces(tiv)] == ["All suppliers (SIPRI total; no breakdown)"]
    assert "totals only" in text_of(find(page, "arms-release-note"))
    assert find(page, arms.SPEC.state_id).data["year"] == 2014
    # one renderer: the deal panel is left to the browser, which places the shipped rows and captions
    assert find(page, "arms-deals-year").children is None
    assert find(page, "arms-deals-caption").children is None
    release = find(page, "arms-deals-data").data["releases"]["2022"]
    edition = arms.release_keys(data)["2022"]
    n_2014 = len(arms.deals_for(data, edition, 2014))
    assert release["captions"]["2014"] == arms_queries.deals_caption(data, edition, 2014, n_2014)
    assert sum(2014 in row["_years"] for row in release["rows"]) == n_2014


def test_download_view_uses_the_release_and_range(arms, data):
    state = {"year": 2014, "from": 2010, "to": 2016, "release": "2023", "events": False}
    frame, extra = arms.view_frame(data, arms.SPEC.selection(data, state))
    assert frame["year"].between(2010, 2016).all()
    tiv = frame[frame["indicator"].str.startswith("arms_tiv")]
    assert set(tiv["edition"]) == {MARCH_2024}
    assert len(extra["Deals 2014"]) == clean_deal_count(MARCH_2024, 2014)
    payload = arms.download(1, state)
    assert payload["filename"] == "ruaz-arms-2023-2014.xlsx"
