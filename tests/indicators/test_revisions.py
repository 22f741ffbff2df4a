"""The revisions table: products and release dates, values in two releases and their change, by hand."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from indicators_support import Build

from indicators import pipeline
from indicators.revisions import compute_revisions, product_key, release_date, release_order, releases
from indicators.schemas import RevisionSchema, validate_frame

E22 = "SIPRI Arms Transfers Database, March 2022 update (data to 2021)"
E24 = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
E26 = "SIPRI Arms Transfers Database, 2026 update (data to 2025), third-party reprocessing, not a SIPRI export"


def _sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["sipri-atdb-2022-isr", "sipri-atdb-2024", "sipri-atdb-2026", "news-item", "x-owid"],
            "date": ["2022", "2024", "2026", "2024-05-01", None],
            "edition": [E22, E24, E26, None, "release not stated"],
        }
    )


def _tiv(make_obs: Callable[..., pd.DataFrame], rows: list[tuple[str, str, int, float | None, str]]) -> pd.DataFrame:
    return make_obs(
        *[
            {
                "obs_id": f"AT{i:04d}",
                "indicator": "arms_tiv_to_az",
                "reporter": "SIPRI",
                "subject": subject,
                "year": year,
                "value": value,
                "qualifier": "exact" if value is not None else "none_recorded",
                "unit": "TIV million",
                "source_id": source,
                "edition": {"sipri-atdb-2022-isr": E22, "sipri-atdb-2024": E24, "sipri-atdb-2026": E26}[source],
                "confidence": "statistical_review",
            }
            for i, (subject, source, year, value, _) in enumerate(rows)
        ]
    )


@pytest.mark.parametrize(
    ("source_id", "product"),
    [
        ("sipri-atdb-2022-rus", "sipri-atdb"),
        ("sipri-milex-2024", "sipri-milex"),
        ("imf-dots-aze-2022", "imf-dots-aze"),
        ("ei-sr-2025", "ei-sr"),
        ("sipri-milex-owid", None),
        ("2024-report", None),
    ],
)
def test_product_key_is_the_source_id_before_its_first_year_token(source_id: str, product: str | None) -> None:
    assert product_key(source_id) == product


def test_release_date_takes_the_month_from_the_edition_when_the_date_is_a_bare_year() -> None:
    assert release_date("2025", "SIPRI Arms Transfers Database, March 2025 update (data to 2024)") == "2025-03"
    assert release_date("2024-04", "SIPRI Milex April 2024 release") == "2024-04"
    assert release_date("2022-02-02", "DOTS export of 2022-02") == "2022-02-02"
    assert release_date("2025", "EI Statistical Review 2025 (data to 2024)") == "2025"
    assert release_date(None, "x") is None


def test_releases_skip_news_items_and_undated_copies_and_order_reprocessings_last() -> None:
    rel = releases(_sources())
    assert list(rel["source_id"]) == ["sipri-atdb-2022-isr", "sipri-atdb-2024", "sipri-atdb-2026"]
    order = release_order(rel)
    assert list(order["release_date"]) == ["2022-03", "2024-03", "2026"]
    assert list(order["reprocessed"]) == [False, False, True]


def test_revisions_of_a_tiny_frame_by_hand(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = _tiv(
        make_obs,
        [
            ("Israel", "sipri-atdb-2022-isr", 2006, 6.0, ""),
            ("Israel", "sipri-atdb-2022-isr", 2007, 4.0, ""),
            ("Israel", "sipri-atdb-2022-isr", 2008, None, ""),
            ("Israel", "sipri-atdb-2024", 2006, 6.6, ""),
            ("Israel", "sipri-atdb-2024", 2008, 2.0, ""),
            ("Israel", "sipri-atdb-2024", 2009, 5.0, ""),
            ("Israel", "sipri-atdb-2026", 2006, 13.2, ""),
        ],
    )
    rev = compute_revisions(obs, _sources()).set_index(["release_b_date", "year"])
    assert len(rev) == 7  # 2006–2009 for 2022 → 2024, 2006, 2008, 2009 for 2024 → 2026
    r = rev.loc[("2024-03", 2006)]
    assert (r["value_a"], r["value_b"], r["status"]) == (6.0, 6.6, "revised")
    assert r["change"] == pytest.approx(0.6)
    assert r["change_pct"] == pytest.approx(10.0)  # 100 × 0.6 ÷ 6
    assert not r["reprocessed"]
    assert rev.loc[("2024-03", 2007), "status"] == "disappeared"
    assert pd.isna(rev.loc[("2024-03", 2007), "value_b"])
    assert pd.isna(rev.loc[("2024-03", 2007), "change"])
    assert rev.loc[("2024-03", 2008), "status"] == "not_computed"  # 'none recorded' in A: never filled
    assert pd.isna(rev.loc[("2024-03", 2008), "change"])
    assert rev.loc[("2024-03", 2009), "status"] == "appeared"
    # the reprocessing carries only 2006: 2008 and 2009 of the March 2024 update disappear from it
    assert list(rev.loc["2026"]["status"]) == ["revised", "disappeared", "disappeared"]
    r = rev.loc[("2026", 2006)]
    assert (r["value_a"], r["value_b"], r["change"], r["change_pct"]) == (6.6, 13.2, 6.6, 100.0)
    assert r["reprocessed"]
    assert r["release_b"] == E26


def test_computed_rows_and_news_items_are_not_compared(make_obs: Callable[..., pd.DataFrame]) -> None:
    rows = [("Israel", "sipri-atdb-2022-isr", 2006, 6.0, ""), ("Israel", "sipri-atdb-2024", 2006, 9.0, "")]
    obs = _tiv(make_obs, rows)
    obs.loc[1, "confidence"] = "computed"
    assert compute_revisions(obs, _sources()).empty


def test_real_revisions_hold_israel_2006_doubled_in_the_reprocessing(real_build: Build) -> None:
    rev = pipeline.read_clean_table(real_build.clean, "revisions")
    isr = rev[(rev["subject"] == "Israel") & (rev["year"] == 2006)].sort_values("release_b_date")
    assert list(isr["value_a"]) == [6.0, 6.6, 6.6]
    assert list(isr["value_b"]) == [6.6, 6.6, 13.2]
    assert list(isr["status"]) == ["revised", "unchanged", "revised"]
    assert list(isr["reprocessed"]) == [False, False, True]
    assert list(isr["source_b"]) == ["sipri-atdb-2024", "sipri-atdb-2025", "sipri-atdb-2026"]
    # the largest own-export revision: Turkiye 2020, 6.0 (March 2022) → 28.8 (March 2024), +380 %
    own = rev[~rev["reprocessed"] & rev["change_pct"].notna()]
    top = own.loc[own["change_pct"].abs().idxmax()]
    assert (top["subject"], top["year"], top["value_a"], top["value_b"]) == ("Turkiye", 2020, 6.0, 28.8)
    assert top["change_pct"] == pytest.approx(380.0)
    # only SIPRI's TIV has two releases of one product in data/raw today
    assert set(rev["product"]) == {"sipri-atdb"}


def _good_row() -> dict[str, object]:
    return {
        "product": "sipri-atdb",
        "indicator": "arms_tiv_to_az",
        "reporter": "SIPRI",
        "subject": "Israel",
        "year": 2006,
        "unit": "TIV million",
        "release_a": E22,
        "release_a_date": "2022-03",
        "source_a": "sipri-atdb-2022-isr",
        "value_a": 6.0,
        "release_b": E24,
        "release_b_date": "2024-03",
        "source_b": "sipri-atdb-2024",
        "value_b": 6.6,
        "change": 0.6,
        "change_pct": 10.0,
        "status": "revised",
        "reprocessed": False,
    }


@pytest.mark.parametrize(
    ("override", "check"),
    [
        ({"value_b": None, "source_b": None, "status": "disappeared"}, "change_needs_both_values"),
        ({"status": "appeared"}, "status_matches_sides"),
        ({"release_b_date": "2021"}, "b_after_a"),
        ({"status": "changed"}, "isin"),
        ({"release_a_date": "March 2022"}, "str_matches"),
    ],
)
def test_revision_schema_rejects_bad_rows(override: dict[str, object], check: str) -> None:
    good = pd.DataFrame([_good_row()])
    assert validate_frame(RevisionSchema, good, "revisions.csv") == []
    bad = pd.DataFrame([{**_good_row(), **override}])
    problems = validate_frame(RevisionSchema, bad, "revisions.csv")
    assert problems, override
    assert any(check in p.rule for p in problems), [p.line() for p in problems]
