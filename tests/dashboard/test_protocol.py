"""The page protocol: one spec per page, one parse of the year, the same bounds in Python and in the browser."""

from __future__ import annotations

import importlib
from typing import Any

import dash
import pytest

from dashboard import protocol
from dashboard.app import create_app, shell_layout
from dashboard.data import DataStore
from dashboard.ids import dom_id
from dashboard.protocol import PageSpec, Selection
from dashboard.state import Param, parse_params
from tests.dashboard.layout_walk import find, walk

# every page whose spec takes a selected year, and the page module behind it
YEAR_PAGES = ["overview", "trade", "energy", "arms"]


def texts(component: Any) -> list[str]:
    """Every string in a layout tree."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    out: list[str] = []
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, int | float):
            out += texts(child)
    return out


@pytest.fixture(scope="module")
def pages(data: DataStore) -> dict[str, Any]:
    """Page modules by short name, as Dash registers them."""
    create_app(store=data)
    return {
        name: importlib.import_module(f"dashboard.pages.{name}") for name in [*YEAR_PAGES, "compare", "data_sources"]
    }


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every call of the one query parser (``state.parse_params``) made through the page protocol."""
    calls: list[dict[str, object]] = []

    def counting(specs: Any, raw: Any) -> Any:
        calls.append(dict(raw))
        return parse_params(specs, raw)

    monkeypatch.setattr(protocol, "parse_params", counting)
    return calls


def test_every_page_registers_one_spec(pages: dict[str, Any]) -> None:
    # the not-found page (outside the nav) has no parameters and no spec
    specs = {p["module"]: p.get("spec") for p in dash.page_registry.values() if p.get("nav") is not False}
    assert all(isinstance(s, PageSpec) for s in specs.values()), specs
    assert [specs[f"dashboard.pages.{n}"] is pages[n].SPEC for n in YEAR_PAGES] == [True] * 4


@pytest.mark.parametrize("name", YEAR_PAGES)
def test_a_bad_year_gives_one_notice_and_the_default_on_every_page(
    pages: dict[str, Any], parse_calls: list[dict[str, object]], name: str
) -> None:
    page = pages[name]
    layout = page.layout(year="19x5")
    assert len(parse_calls) == 1  # the layout parses the query once
    notice = find(layout, f"{page.P}-notice")
    assert texts(notice) == ["Note: ", "'19x5' is not a year; showing the default for 'year'."]
    assert find(layout, page.SPEC.state_id).data["year"] is None


@pytest.mark.parametrize("name", YEAR_PAGES)
def test_a_year_outside_the_data_gives_one_notice_naming_the_data_years(
    pages: dict[str, Any], data: DataStore, name: str
) -> None:
    page = pages[name]
    lo, hi = data.years[0], data.years[-1]
    notice = find(page.layout(year=str(hi + 1)), f"{page.P}-notice")
    assert texts(notice) == ["Note: ", f"No data for {hi + 1} (year); data cover {lo}–{hi}."]
    assert texts(find(page.layout(year=str(lo)), f"{page.P}-notice")) == []


def test_year_from_the_url_to_the_download_is_parsed_once_per_request(
    pages: dict[str, Any], parse_calls: list[dict[str, object]]
) -> None:
    trade = pages["trade"]
    layout = trade.layout(year="2014", flow="az_to_ru")
    assert parse_calls == [{"year": "2014", "flow": "az_to_ru"}]
    state = find(layout, trade.SPEC.state_id).data
    assert state["year"] == 2014
    parse_calls.clear()
    payload = trade.download(1, state)
    assert payload["filename"].startswith("ruaz-trade-az_to_ru-2014")
    assert len(parse_calls) == 1  # the download validates the state once, through the same parser


def test_state_from_the_browser_goes_through_the_url_parser(pages: dict[str, Any], data: DataStore) -> None:
    spec = pages["trade"].SPEC
    hi = data.years[-1]
    assert spec.selection(data, {"year": 2014, "from": 2010, "to": 2016}).xrange == (2010, 2016)
    for bad in (hi + 1, True, 2014.5, "2014; drop", [2014], {"y": 1}):
        sel = spec.selection(data, {"year": bad, "flow": "nonsense"})
        assert (sel.year, sel["flow"]) == (None, "turnover"), bad
    assert spec.selection(data, None) == spec.parse(data, {})
    assert isinstance(spec.selection(data, "junk"), Selection)


@pytest.mark.parametrize("name", [*YEAR_PAGES, "compare", "data_sources"])
def test_the_json_shipped_to_the_browser_has_the_python_bounds(
    pages: dict[str, Any], data: DataStore, name: str
) -> None:
    page = pages[name]
    specs = page.SPEC.params(data)
    layout = page.layout()
    cfg = find(layout, page.SPEC.cfg_id)
    config = (cfg if cfg is not None else find(layout, f"{page.P}-cfg")).data  # /compare, /data: string ids
    assert list(config["params"]) == list(specs) == config["order"]  # the browser encodes in this order
    for key, param in specs.items():
        shipped = config["params"][key]
        assert (shipped["kind"], shipped["lo"], shipped["hi"]) == (param.kind, param.lo, param.hi)
        assert shipped["choices"] == list(param.choices)
        if param.kind == "year":
            # one bound: the data's year range, from the store
            assert (shipped["lo"], shipped["hi"]) == (data.years[0], data.years[-1])
    assert config["band"]["name"] == "selection"


def test_a_year_param_has_no_bounds_of_its_own() -> None:
    with pytest.raises(ValueError, match="year range"):
        Param("year", None)


def test_the_nav_is_built_from_the_page_registry(pages: dict[str, Any], data: DataStore) -> None:
    shell = shell_layout()
    nav = find(shell, "nav-paths").data
    registered = sorted((p for p in dash.page_registry.values() if p.get("nav") is not False), key=lambda p: p["order"])
    assert [p["path"] for p in nav["pages"]] == [p["path"] for p in registered]
    assert [p["path"] for p in nav["pages"]] == ["/", "/trade", "/energy", "/arms", "/compare", "/chapters", "/data"]
    assert [p["path"] for p in nav["pages"] if p["carry"]] == ["/", "/trade", "/energy", "/arms"]
    assert [find(shell, p["id"]).children for p in nav["pages"]] == [p["name"] for p in registered]
    bounds = (data.years[0], data.years[-1])
    assert {k: (v["lo"], v["hi"]) for k, v in nav["params"].items()} == dict.fromkeys(("year", "from", "to"), bounds)


@pytest.mark.parametrize("name", YEAR_PAGES)
def test_every_page_that_links_years_has_a_labelled_year_picker_bound_to_its_state(
    pages: dict[str, Any], data: DataStore, name: str
) -> None:
    page = pages[name]
    layout = page.layout(year="2014")
    picker = find(layout, page.SPEC.year_picker_id)
    assert picker.value == 2014
    assert [o["value"] for o in picker.options] == list(range(data.years[0], data.years[-1] + 1))
    group = next(c for c in walk(layout) if getattr(c, "role", None) == "group" and find(c, picker.id) is picker)
    assert getattr(group, "aria-label")
    assert any(getattr(c, "htmlFor", None) == dom_id(picker.id) for c in walk(group))
    # the picker writes `year` (its id type says so), checked in the browser like a click
    assert picker.id == {"type": "ruaz-year-pick", "page": page.P}
    assert find(layout, page.SPEC.cfg_id).data["yearPicker"] is True


@pytest.mark.parametrize("name", ["compare", "data_sources"])
def test_pages_without_year_linking_have_no_year_picker(pages: dict[str, Any], data: DataStore, name: str) -> None:
    page = pages[name]
    assert page.SPEC.year_picker(data, page.SPEC.parse(data, {})) is None
    assert page.SPEC.config(data)["yearPicker"] is False


def test_one_set_of_linking_callbacks_serves_every_page(pages: dict[str, Any], data: DataStore) -> None:
    app = create_app(store=data)

    def wildcard_linking(entry: dict[str, Any]) -> bool:
        ids = [str(i["id"]) for i in [*entry["inputs"], *entry.get("state", [])]]
        return any('"type":"ruaz-' in i and ('["MATCH"]' in i or '["ALL"]' in i) for i in ids)

    linking = [k for k, v in app.callback_map.items() if wildcard_linking(v)]
    # updateState, applySelection, selectionText, the event-marker click (browser) and its detail (server), the
    # URL/shell sync: 6 for all pages
    assert len(linking) == 6, linking
    inputs = [str(i["id"]) for v in app.callback_map.values() for i in [*v["inputs"], *v.get("state", [])]]
    assert not {f"{pages[n].P}-state" for n in YEAR_PAGES} & set(inputs)  # no string-id state store is left
    for name in YEAR_PAGES:
        spec = pages[name].SPEC
        layout = pages[name].layout()
        graphs = [c.id for c in walk(layout) if isinstance(getattr(c, "id", None), dict) and "chart" in c.id]
        assert graphs == [spec.graph_id(g) for g in spec.graphs] or sorted(map(str, graphs)) == sorted(
            str(spec.graph_id(g)) for g in spec.graphs
        ), name
        assert all(find(layout, spec.control_id(key)) is not None for key in spec.controls), name
