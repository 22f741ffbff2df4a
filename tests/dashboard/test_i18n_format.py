"""Language negotiation and locale formatting (dashboard/i18n.py), on known values."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.i18n import format_date, format_number, gettext, negotiate

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "decimals", "expected"),
    [
        ("en", 1, "1,234,567.9"),
        ("ru", 1, f"1{NBSP}234{NBSP}567,9"),
        ("az", 1, f"1{NBSP}234{NBSP}567,9"),
        ("ru", 0, f"4{NBSP}799"),
        ("en", 2, "0.50"),
        ("az", 2, "0,50"),
        ("ru", 1, f"-12{NBSP}345,0"),
    ],
)
def test_numbers_use_the_locale_separators(lang: str, decimals: int, expected: str) -> None:
    value = {"0.50": 0.5, "0,50": 0.5}.get(expected)
    if value is None:
        value = -12345.0 if expected.startswith("-") else (4799 if decimals == 0 else 1234567.891)
    assert format_number(value, lang, decimals) == expected


def test_no_value_is_a_dash_not_zero() -> None:
    assert format_number(None, "ru", 1) == "–"


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "March 5, 2014"), ("ru", "5 марта 2014\u202fг."), ("az", "5 mart 2014")]
)
def test_dates_use_month_names_of_the_language(lang: str, expected: str) -> None:
    assert format_date(dt.date(2014, 3, 5), lang) == expected


@pytest.mark.parametrize(
    ("requested", "header", "expected"),
    [
        ("ru", None, "ru"),
        ("az", "ru-RU,ru;q=0.9", "az"),  # the URL wins over the browser
        (None, "ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        (None, "de-DE,az;q=0.5,en;q=0.4", "az"),
        (None, "en;q=0.9,ru;q=0.95", "ru"),  # by quality, not by order
        (None, "fr,de", "en"),
        ("xx", "az;q=0", "en"),  # unknown language and q=0 are ignored
        (None, None, "en"),
    ],
)
def test_language_comes_from_the_url_then_accept_language_then_english(
    requested: str | None, header: str | None, expected: str
) -> None:
    assert negotiate(requested, header) == expected


def test_english_is_the_source_language() -> None:
    assert gettext("Trade", "en") == "Trade"
    assert gettext("Trade", "xx") == "Trade"
