"""Unit tests of the arms page's queries on tiny hand-built frames (no app, no data/clean)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pandas as pd

from dashboard.data import DataStore
from dashboard.queries.arms import (
    deal_rows,
    deal_scope,
    deal_years,
    deals_for,
    edition_deals,
    lacks_text,
    missing_columns,
    plain_number,
    statement_value,
    supplier_order,
    totals_only,
)

OLD, NEW = "SIPRI release A", "SIPRI release B"


def fake_store(**tables: Any) -> DataStore:
    """Just the attributes a query reads."""
    return cast(DataStore, SimpleNamespace(**tables))


def tiv(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["subject", "year", "value"])


def deals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "edition": [OLD, OLD, NEW],
            "supplier": ["Russia", "Israel", "Russia"],
            "weapon_designation": ["T-90S", "Barak-8", "BTR-82A"],
            "delivery_years": ["2013-2015", None, "2019"],
            "first_delivery": [None, 2016, None],
            "last_delivery": [None, 2017, None],
            "order_year": [2011.0, 2012.0, None],
            "number_ordered": [100.0, None, None],
            "tiv_delivered": [150.0, 42.5, None],
        }
    )


def test_supplier_order_is_russia_first_then_by_total_tiv_with_unknown_last():
    # Russia 10 + 5 = 15, Israel 20, Turkiye 12, unknown 100: Russia first and unknown last however large
    frame = tiv(
        [
            ("Russia", 2010, 10.0),
            ("Turkiye", 2010, 12.0),
            ("Israel", 2010, 20.0),
            ("Russia", 2011, 5.0),
            ("unknown", 2011, 100.0),
        ]
    )
    assert supplier_order(frame) == ["Russia", "Israel", "Turkiye", "unknown"]


def test_totals_only_means_sipri_totals_and_nothing_else():
    assert totals_only(tiv([("all suppliers", 2010, 3.0), ("all suppliers", 2011, 4.0)])) is True
    assert totals_only(tiv([("all suppliers", 2010, 3.0), ("Russia", 2010, 1.0)])) is False
    assert totals_only(tiv([])) is False


def test_deal_years_from_the_listed_years_else_first_to_last():
    rows = deals()
    assert deal_years(rows.iloc[0]) == [2013, 2014, 2015]
    assert deal_years(rows.iloc[1]) == [2016, 2017]
    assert deal_years(pd.Series({"delivery_years": None, "first_delivery": None, "last_delivery": None})) == []


def test_deals_for_filters_by_release_and_delivery_year():
    data = fake_store(deals=deals())
    assert list(deals_for(data, OLD, None)["weapon_designation"]) == ["T-90S", "Barak-8"]
    assert list(deals_for(data, OLD, 2016)["weapon_designation"]) == ["Barak-8"]
    assert list(deals_for(data, OLD, 2014)["weapon_designation"]) == ["T-90S"]
    assert deals_for(data, NEW, 2014).empty


def test_one_deal_source_per_edition_the_per_delivery_export_before_the_register():
    # release B imported twice: its register (no SIPRI deal id) and its per-delivery export (deal ids);
    # release A only as a register. /arms lists B's deals once, from the per-delivery export.
    frame = pd.DataFrame(
        {
            "edition": [OLD, OLD, NEW, NEW, NEW],
            "supplier": ["Russia", "Israel", "Russia", "Russia", "Israel"],
            "weapon_designation": ["T-90S", "Barak-8", "BTR-82A", "BTR-82A", "Barak-8"],
            "delivery_years": ["2013", "2016", "2019", "2019", "2016"],
            "sipri_deal_id": [None, None, None, 61234.0, 55001.0],
        }
    )
    data = fake_store(deals=frame)
    assert list(edition_deals(data, NEW)["sipri_deal_id"]) == [61234.0, 55001.0]
    assert list(deals_for(data, NEW, 2019)["weapon_designation"]) == ["BTR-82A"]
    assert list(edition_deals(data, OLD)["weapon_designation"]) == ["T-90S", "Barak-8"]
    assert deal_scope(data, NEW) == ("register rows", "deals")


def test_missing_columns_and_the_caption_sentence():
    data = fake_store(deals=deals())
    # release B has no order year, number ordered or TIV in any row; release A has them
    assert missing_columns(data, NEW) == ["order_year", "number_ordered", "tiv_delivered"]
    assert missing_columns(data, OLD) == []
    assert lacks_text([]) == ""
    assert lacks_text(["number_ordered"]) == (
        " This release's register has no 'No. ordered': those cells read 'not in this release'."
    )
    assert lacks_text(["order_year", "number_ordered", "tiv_delivered"]) == (
        " This release's register has no 'Ordered', 'No. ordered' and 'TIV delivered (not money)': "
        "those cells read 'not in this release'."
    )


def test_deal_scope_names_a_single_supplier():
    data = fake_store(deals=deals())
    assert deal_scope(data, NEW) == ("Russian deals", "Russian deals")
    assert deal_scope(data, OLD) == ("register rows", "deals")


def test_deal_rows_are_json_ready():
    rows = deal_rows(deals().iloc[[0, 2]], missing=["number_ordered"])
    assert rows[0]["order_year"] == 2011 and isinstance(rows[0]["order_year"], int)
    assert rows[0]["number_ordered"] == "not in this release"
    assert rows[0]["tiv_delivered"] == 150.0 and isinstance(rows[0]["tiv_delivered"], float)
    assert rows[1]["order_year"] is None
    assert rows[1]["status"] is None  # a register column the frame lacks altogether


def test_statement_values_as_stated():
    assert plain_number(1200) == "1\u202f200"
    assert plain_number(1.257) == "1.257"
    assert plain_number(4.0) == "4"
    assert statement_value({"qualifier": "exact", "value": 4.0, "unit": "USD billion"}) == (
        "USD 4 bn (money, as stated)"
    )
    assert statement_value({"qualifier": "range", "value": 2.0, "value_high": 3.0, "unit": "USD billion"}) == (
        "USD 2–3 bn (money, as stated)"
    )
    assert statement_value({"qualifier": "approximate", "value": 72.0, "unit": "tanks"}) == "~72 tanks"
    assert statement_value({"qualifier": "qualitative", "value": None, "unit": ""}) == ""
