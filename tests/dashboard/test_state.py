"""URL-state parsing: bad, tampered and unknown values give notices and defaults."""

from __future__ import annotations

import pytest

from dashboard.state import Param, parse_params, selection_params, to_query

SPECS = {
    **selection_params(1992, 2025),
    "flow": Param("choice", "turnover", choices=["turnover", "az_to_ru"], label="flow"),
    "sources": Param("multi", ["bp", "ei"], choices=["bp", "ei", "official"], label="sources"),
}


def test_valid_values_are_kept_without_notices():
    parsed = parse_params(SPECS, {"year": "2014", "flow": "az_to_ru", "sources": "bp,official", "events": "1"})
    assert parsed.values["year"] == 2014
    assert parsed.values["flow"] == "az_to_ru"
    assert parsed.values["sources"] == ["bp", "official"]
    assert parsed.values["events"] is True
    assert parsed.notices == []


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ({"year": "abcd"}, "not a year"),
        ({"year": "1850"}, "No data for 1850"),
        ({"year": "99999999999999999999"}, "not a year"),
        ({"year": "２０１４"}, "not a year"),
        ({"flow": "<script>alert(1)</script>"}, "Unknown flow"),
        ({"events": "yes"}, "not 0 or 1"),
        ({"sources": "bp,xx"}, "Ignored unknown sources"),
        ({"zzz": "1"}, "unknown parameter 'zzz'"),
        ({"year": "2" * 500}, "over-long"),
    ],
)
def test_bad_values_fall_back_to_defaults_with_a_notice(raw, fragment):
    parsed = parse_params(SPECS, raw)
    assert any(fragment in n for n in parsed.notices), parsed.notices
    for name in raw:
        if name in SPECS and SPECS[name].kind != "multi":
            assert parsed.values[name] == SPECS[name].default


def test_reversed_range_is_dropped_with_a_notice():
    parsed = parse_params(SPECS, {"from": "2015", "to": "2010"})
    assert parsed.values["from"] is None and parsed.values["to"] is None
    assert any("reversed" in n for n in parsed.notices)


def test_repeated_parameters_use_the_first_value():
    assert parse_params(SPECS, {"year": ["2013", "2014"]}).values["year"] == 2013


def test_notices_do_not_echo_long_or_control_characters():
    parsed = parse_params(SPECS, {"flow": "a" * 100 + "\x00"})
    assert all(len(n) < 120 and "\x00" not in n for n in parsed.notices)


def test_to_query_round_trips_non_default_values():
    values = {"year": 2014, "flow": "az_to_ru", "sources": ["bp"], "events": True, "from": None, "to": None}
    query = to_query(values, SPECS)
    assert query == "?year=2014&events=1&flow=az_to_ru&sources=bp"
    back = parse_params(SPECS, dict(pair.split("=") for pair in query[1:].split("&")))
    assert back.values["year"] == 2014 and back.values["sources"] == ["bp"]
    assert to_query({k: s.default for k, s in SPECS.items()}, SPECS) == ""
