"""The browser half of the page protocol: ruazProtocol checks and encodes exactly as the Python side does."""

from __future__ import annotations

import importlib

import pytest

from dashboard.data import store
from dashboard.state import to_query


@pytest.mark.parametrize(
    ("page", "values"),
    [
        ("trade", {"year": 2014, "from": 2010, "to": 2016, "events": True, "cats": ["conflict", "energy"]}),
        ("trade", {"year": None, "from": None, "to": None, "events": False, "cats": [], "flow": "az_to_ru"}),
        ("energy", {"events": False, "oil": "kbd", "gas": "bcm", "sources": ["bp", "ei"]}),
        ("compare", {"a": 2013, "b": 2014, "release": "2024"}),
    ],
)
def test_the_browser_encoder_writes_the_python_query(start, page, values):
    dash_duo = start("/data", wait_for="#data-grid")
    spec = importlib.import_module(f"dashboard.pages.{page}").SPEC
    data = store()
    config = spec.config(data)
    written = dash_duo.driver.execute_script(
        "return window.ruazProtocol.encode(arguments[0], arguments[1]);",
        values,
        config,
    )
    assert written == to_query(values, spec.params(data), spec.url_keeps_defaults)
    assert dash_duo.get_logs() == []


def test_the_browser_validator_uses_the_data_years(start):
    dash_duo = start("/data", wait_for="#data-grid")
    data = store()
    params = importlib.import_module("dashboard.pages.trade").SPEC.config(data)["params"]
    lo, hi = data.years[0], data.years[-1]
    checked = dash_duo.driver.execute_script(
        """
        const p = arguments[0];
        const check = window.ruazProtocol.check;
        const out = [check(p.year, arguments[1]), check(p.year, arguments[2]), check(p.year, arguments[1] - 1),
                     check(p.year, arguments[2] + 1), check(p.year, 2014.5), check(p.year, "2014"),
                     check(p.flow, "az_to_ru"), check(p.flow, "x"), check(p.cats, ["conflict"]), check(p.cats, ["x"])];
        return out.map(v => v === undefined ? "invalid" : v);
        """,
        params,
        lo,
        hi,
    )
    invalid = "invalid"
    assert checked == [lo, hi, invalid, invalid, invalid, invalid, "az_to_ru", invalid, ["conflict"], invalid]
    assert dash_duo.get_logs() == []
