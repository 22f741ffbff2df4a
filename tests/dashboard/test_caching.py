"""Caches are keyed on the data they read: two stores never share an answer; downloads are never replayed.

The second store is the shipped data with one value changed: AZ-reported turnover with Russia in 2024
(obs_id TS0240 in data/clean/observations.csv) is 4 799 USD million; the copy says 5 000. 2023's
figure (4 400) is left alone. (The card's change on 2023 reads "not computed: different sources" for both:
the two years come from different outlets.)
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any

import dash
import pytest
from dash import dcc

from dashboard.app import create_app
from dashboard.caching import ResponseReplay, memo_key, memoize, never_cache, replayable
from dashboard.data import DataStore, load_store, set_store
from dashboard.kpis import KPI_SPECS, kpi_series
from dashboard.queries import trade as trade_queries

TURNOVER = next(s for s in KPI_SPECS if s.key == "turnover-az")
NBSP = "\u202f"  # fmt_value's thousands separator
NOT_COMPUTED = "change vs 2023 not computed: different sources"


@pytest.fixture(scope="module")
def changed(data: DataStore) -> DataStore:
    """The shipped store with TS0240 (AZ turnover 2024) set from 4 799 to 5 000."""
    obs = data.observations.copy()
    row = obs["obs_id"] == "TS0240"
    assert obs.loc[row, ["indicator", "reporter", "year", "value"]].values.tolist() == [
        ["trade_az_ru_turnover", "AZ", 2024, 4799.0]
    ]
    obs.loc[row, "value"] = 5000.0
    return dataclasses.replace(data, observations=obs)


@pytest.fixture(scope="module")
def app(data: DataStore) -> Iterator[dash.Dash]:
    yield create_app(store=data)
    set_store(data)


@pytest.fixture
def served(app: dash.Dash, data: DataStore) -> Iterator[dash.Dash]:
    """The app; whatever store a test installs, the shipped one is back afterwards."""
    yield app
    create_app(store=data)


@pytest.fixture(scope="module")
def trade(app: dash.Dash) -> ModuleType:
    return importlib.import_module("dashboard.pages.trade")


def _value(frame: Any, year: int) -> float:
    return float(frame.loc[frame["year"] == year, "value"].iloc[0])


# ------------------------------------------------------------------ digest
def test_digest_is_a_hash_of_the_contents_not_of_the_object(data: DataStore, changed: DataStore) -> None:
    assert load_store().digest == data.digest
    assert dataclasses.replace(data, observations=data.observations.copy()).digest == data.digest
    assert changed.digest != data.digest
    assert dataclasses.replace(data, report={**data.report, "extra": 1}).digest != data.digest


# ------------------------------------------------------------------ memoised renderers
def test_kpi_series_answers_for_the_store_it_is_given(
    data: DataStore, changed: DataStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    kpi_series.cache_clear()  # type: ignore[attr-defined]
    selects: list[str] = []
    select = DataStore.select

    def counting(self: DataStore, indicator: str, *args: Any, **kwargs: Any) -> Any:
        selects.append(indicator)
        return select(self, indicator, *args, **kwargs)

    monkeypatch.setattr(DataStore, "select", counting)
    set_store(data)  # the served store is the real one throughout
    real = kpi_series(data, TURNOVER)
    other = kpi_series(changed, TURNOVER)
    assert (_value(real, 2024), _value(other, 2024)) == (4799.0, 5000.0)
    assert (_value(real, 2023), _value(other, 2023)) == (4400.0, 4400.0)
    assert selects == ["trade_az_ru_turnover", "trade_az_ru_turnover"]
    # the same store again: served from the cache, the function body does not run
    assert kpi_series(data, TURNOVER) is real
    assert kpi_series(changed, TURNOVER) is other
    assert len(selects) == 2
    assert len(kpi_series.cache) == 2  # type: ignore[attr-defined]


def test_renderer_with_a_store_argument(trade: ModuleType, data: DataStore, changed: DataStore) -> None:
    trade_queries.detail_payload.cache_clear()
    real = trade_queries.detail_payload(data)["years"]["2024"]["kpis"][0]
    other = trade_queries.detail_payload(changed)["years"]["2024"]["kpis"][0]
    assert (real, other) == (f"4{NBSP}799 USD million", f"5{NBSP}000 USD million")
    assert trade_queries.detail_payload(data) is trade_queries.detail_payload(data)
    assert len(trade_queries.detail_payload.cache) == 2


def test_renderer_reading_the_served_store_is_keyed_on_its_digest(
    served: dash.Dash, trade: ModuleType, data: DataStore, changed: DataStore
) -> None:
    # the trade page's flow switch: a memoised callback reading the served store (the overview's cards are
    # placed in the browser from texts shipped with the page; see test_kpi_payload_*)
    trade.render_flow.cache_clear()
    real = _turnover_2024(trade.render_flow("turnover", [], {"year": 2024})[0])
    set_store(changed)
    other = _turnover_2024(trade.render_flow("turnover", [], {"year": 2024})[0])
    assert (real, other) == (4799.0, 5000.0)
    assert len(trade.render_flow.cache) == 2
    set_store(data)
    assert trade.render_flow("turnover", [], {"year": 2024}) is trade.render_flow("turnover", [], {"year": 2024})
    assert len(trade.render_flow.cache) == 2


def _payload_card(payload: dict[str, Any], year: str, card: str) -> list[str]:
    """A card's texts (value, context, change) for ``year`` in the overview's shipped payload."""
    row = payload["years"][year][payload["cards"].index(f"kpi-{card}")]
    return [payload["strings"][i] for i in row[:3]]


def test_kpi_payload_answers_for_the_store_it_is_given(app: dash.Dash, data: DataStore, changed: DataStore) -> None:
    overview = importlib.import_module("dashboard.pages.overview")
    real = _payload_card(overview.kpi_payload(data, "en"), "2024", "turnover-az")
    other = _payload_card(overview.kpi_payload(changed, "en"), "2024", "turnover-az")
    assert real == [f"4{NBSP}799", "2024 · AZ-reported", NOT_COMPUTED]
    assert other == [f"5{NBSP}000", "2024 · AZ-reported", NOT_COMPUTED]
    assert overview.card_texts(data) is overview.card_texts(data)


def test_memo_keys_carry_the_digest_of_the_store_used(data: DataStore, changed: DataStore) -> None:
    set_store(data)
    assert memo_key("f", (changed, 1), {}) != memo_key("f", (data, 1), {})
    assert f":{changed.digest}:" in str(memo_key("f", (changed, 1), {}))
    assert f":{data.digest}:" in str(memo_key("f", (1,), {}))
    assert memo_key("f", ("x" * 5000,), {}) is None  # too long to be a key: rendered, not cached


def test_memoize_is_bounded_and_caches_none(data: DataStore) -> None:
    set_store(data)
    calls: list[int] = []

    @memoize(maxsize=3)
    def square(n: int) -> int | None:
        calls.append(n)
        return None if n == 0 else n * n

    assert [square(n) for n in (0, 1, 2, 0, 1, 2)] == [None, 1, 4, None, 1, 4]
    assert calls == [0, 1, 2]
    for n in range(3, 10):
        square(n)
    assert len(square.cache) <= 3  # type: ignore[attr-defined]


# ------------------------------------------------------------------ response replay
def _post(client: Any, body: dict[str, Any]) -> Any:
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


OV_STATE = {"page": "ov", "type": "ruaz-state"}  # the overview's state store (dashboard.ids)
FLOW_CONTROL = {"key": "flow", "page": "trade", "type": "ruaz-control"}
GHOST_CONTROL = {"key": "ghost", "page": "trade", "type": "ruaz-control"}
TRADE_STATE = {"page": "trade", "type": "ruaz-state"}
MAIN = json.dumps({"chart": "main", "page": "trade", "type": "ruaz-linked"}, separators=(",", ":"))


@pytest.fixture
def flow_body(served: dash.Dash) -> dict[str, Any]:
    """The request the trade page's flow switch sends (its multi-output key as the server lists it)."""
    key = next(k for k, v in served.callback_map.items() if getattr(v.get("callback"), "__name__", "") == "render_flow")
    outputs = []
    for part in key[2:-2].split("..."):
        ident, prop = part.rsplit(".", 1)
        outputs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return {
        "output": key,
        "outputs": outputs,
        "inputs": [
            {"id": FLOW_CONTROL, "property": "value", "value": "turnover"},
            {"id": GHOST_CONTROL, "property": "value", "value": []},
        ],
        "state": [{"id": TRADE_STATE, "property": "data", "value": {"year": 2024}}],
        "changedPropIds": [json.dumps(FLOW_CONTROL, separators=(",", ":")) + ".value"],
    }


DOWNLOAD_BODY = {
    "output": "ov-download.data",
    "outputs": {"id": "ov-download", "property": "data"},
    "inputs": [{"id": "ov-download-btn", "property": "n_clicks", "value": 1}],
    "changedPropIds": ["ov-download-btn.n_clicks"],
    "state": [{"id": OV_STATE, "property": "data", "value": {"year": 2024}}],
}


def _turnover_2024(figure: Any) -> float:
    """The AZ-reported turnover of 2024 drawn by the trade page's main chart (a figure or its JSON)."""
    fig = json.loads(json.dumps(figure, default=lambda f: f.to_plotly_json()))
    trace = next(t for t in fig["data"] if t.get("name") == "AZ-reported")
    return float(trace["y"][list(trace["x"]).index(2024)])


def _served_turnover(response: Any) -> float:
    return _turnover_2024(response.get_json()["response"][MAIN]["figure"])


def test_pure_callback_is_replayed_and_download_never(served: dash.Dash, flow_body: dict[str, Any]) -> None:
    client = served.server.test_client()
    responses: ResponseReplay = served.server.extensions["response_replay"]
    assert replayable(served.callback_map, flow_body["output"])
    assert not replayable(served.callback_map, "ov-download.data")

    first = _post(client, flow_body)
    hits, held = responses.hits, len(responses)
    second = _post(client, flow_body)
    assert first.status_code == second.status_code == 200
    assert second.data == first.data
    assert (responses.hits, len(responses)) == (hits + 1, held)
    assert _served_turnover(first) == 4799.0

    hits, misses = responses.hits, responses.misses
    downloads = [_post(client, DOWNLOAD_BODY) for _ in range(2)]
    assert [d.status_code for d in downloads] == [200, 200]
    assert all(d.get_json()["response"]["ov-download"]["data"]["filename"].endswith(".xlsx") for d in downloads)
    # not even looked up, let alone stored
    assert (responses.hits, responses.misses, len(responses)) == (hits, misses, held)


def test_a_response_is_not_replayed_for_other_data(
    served: dash.Dash, data: DataStore, changed: DataStore, flow_body: dict[str, Any]
) -> None:
    client = served.server.test_client()
    responses: ResponseReplay = served.server.extensions["response_replay"]
    real = _post(client, flow_body)
    create_app(store=changed)
    hits = responses.hits
    other = _post(client, flow_body)
    assert responses.hits == hits
    assert [_served_turnover(r) for r in (real, other)] == [4799.0, 5000.0]
    assert _post(client, flow_body).data == other.data
    assert responses.hits == hits + 1
    create_app(store=data)
    assert _post(client, flow_body).data == real.data
    assert responses.hits == hits + 2


def test_every_download_component_is_never_cached(served: dash.Dash) -> None:
    downloads: list[str] = []
    for page in dash.page_registry.values():
        if callable(page.get("layout")) and "<" not in str(page.get("path_template") or ""):
            tree = page["layout"]()
            downloads += [str(c.id) for c in tree._traverse() if isinstance(c, dcc.Download)]
    assert sorted(downloads) == sorted(
        ["ov-download", "trade-download", "energy-download", "arms-download", "cmp-download", "data-download"]
    )
    assert [d for d in downloads if replayable(served.callback_map, f"{d}.data")] == []


def test_unknown_outputs_are_not_replayable(served: dash.Dash) -> None:
    assert not replayable(served.callback_map, "nope.children")
    assert not replayable(served.callback_map, None)

    @never_cache
    def marked() -> None:
        return None

    assert not replayable({"x.data": {"callback": marked}}, "x.data")


def test_response_replay_is_bounded_in_bytes() -> None:
    replay = ResponseReplay(max_bytes=1000, max_entry=400, max_entries=100)
    replay.put("too-big", b"x" * 401)
    assert len(replay) == 0
    for i in range(10):
        replay.put(f"k{i}", bytes([i]) * 300)
    assert replay.size <= 1000 + 400
    assert replay.get("k9") == bytes([9]) * 300
    assert replay.get("k0") is None  # the oldest went first


def test_memoize_under_threads(data: DataStore) -> None:
    """gunicorn runs 4 threads per worker: concurrent hits, misses and evictions stay correct and bounded."""
    set_store(data)

    @memoize(maxsize=4)
    def triple(n: int) -> int:
        return 3 * n

    def work(seed: int) -> list[bool]:
        return [triple((seed * 7 + i) % 20) == 3 * ((seed * 7 + i) % 20) for i in range(300)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [ok for batch in pool.map(work, range(16)) for ok in batch]
    assert len(results) == 16 * 300
    assert all(results)
    assert len(triple.cache) <= 4  # type: ignore[attr-defined]
