"""Hostile query strings and callback payloads never produce a 500 or a traceback.

Every server callback is called through Flask's test client with
structurally valid payloads (the right ids and properties) carrying random
values: wrong types, huge numbers, unknown ids, unicode, very long strings.
The server must answer 200 (or 204 for 'no update') and log no exception.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import dash
import pytest
from dash._utils import split_callback_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app

PAGES = ["/", "/trade", "/energy", "/arms", "/compare", "/data", "/chapters", "/chapters/9", "/nope"]

HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "../../etc/passwd",
            "%00",
            "\u202e\u0000\ufffd",
            "２０１４",
            "9" * 400,
            "-1",
            "NaN",
            "1e309",
            "year=2014&year=2015",
            '=HYPERLINK("x")',
        ]
    ),
)
NUMBERS = st.one_of(st.integers(min_value=-(10**20), max_value=10**20), st.floats(allow_nan=True, allow_infinity=True))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, HOSTILE_TEXT)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "year",
                    "from",
                    "to",
                    "points",
                    "x",
                    "customdata",
                    "cats",
                    "events",
                    "flow",
                    "xaxis.range[0]",
                    "xaxis.autorange",
                    "data",
                    "a",
                ]
            )
            | HOSTILE_TEXT,
            inner,
            max_size=4,
        ),
    ),
    max_leaves=8,
)
CLICK = st.builds(
    lambda x, cd: {"points": [{"x": x, "y": 1, "customdata": cd, "curveNumber": 0, "pointNumber": 0}]},
    NUMBERS | HOSTILE_TEXT,
    st.one_of(st.none(), HOSTILE_TEXT, st.just("event:EP001"), st.just("event:" + "x" * 300)),
)


@pytest.fixture(scope="module")
def client(data):
    app = create_app(store=data)
    c = app.server.test_client()
    c.get("/")
    return c


@pytest.fixture(scope="module")
def server_callbacks(client) -> list[dict[str, Any]]:
    deps = client.get("/_dash-dependencies").get_json()
    import os

    only = os.environ.get("FUZZ_ONLY")
    deps = [d for d in deps if d.get("clientside_function") is None]
    return [d for d in deps if not only or any(p in d["output"] for p in only.split(","))]


def _browser_id(element_id: Any, page: str | None = None) -> Any:
    """A dependency id as the browser sends it: a dict id (listed as its JSON) as the object, its MATCH
    wildcard filled with the page in view (the linking ids of dashboard.ids)."""
    if not (isinstance(element_id, str) and element_id.startswith("{")):
        return element_id
    return {k: (page if v == ["MATCH"] else v) for k, v in json.loads(element_id).items()}


def _entry(dep_item: dict[str, Any], value: Any, page: str | None) -> Any:
    """One input or state of a request: an ALL id is sent as the list of its matches (``value``)."""
    if '["ALL"]' in str(dep_item["id"]):
        return value
    return {**dep_item, "id": _browser_id(dep_item["id"], page), "value": value}


def _payload(dep: dict[str, Any], values: list[Any], states: list[Any], page: str | None = None) -> dict[str, Any]:
    outputs = split_callback_id(dep["output"])
    for out in outputs if isinstance(outputs, list) else [outputs]:
        out["id"] = _browser_id(out["id"], page)
    inputs = [_entry(i, v, page) for i, v in zip(dep["inputs"], values, strict=True)]
    state = [_entry(s, v, page) for s, v in zip(dep["state"], states, strict=True)]
    first = inputs[0] if inputs else None
    first = first[0] if isinstance(first, list) and first else first
    changed = [f"{_id_key(first['id'])}.{first['property']}"] if isinstance(first, dict) and "property" in first else []
    return {"output": dep["output"], "outputs": outputs, "inputs": inputs, "state": state, "changedPropIds": changed}


def _post(client, payload: dict[str, Any]):
    return client.post(
        "/_dash-update-component", data=json.dumps(payload, allow_nan=True), content_type="application/json"
    )


def _assert_clean(response, caplog) -> None:
    assert response.status_code in (200, 204), response.data[:300]
    assert b"Traceback" not in response.data
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], errors[0].getMessage() if errors else ""


def _router_dep(server_callbacks):
    return next(d for d in server_callbacks if d["output"].startswith(".._pages_content"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(PAGES),
    params=st.dictionaries(
        st.sampled_from(
            ["year", "from", "to", "events", "cats", "flow", "oil", "gas", "sources", "release", "a", "b", "table"]
        )
        | HOSTILE_TEXT,
        HOSTILE_TEXT,
        max_size=5,
    ),
)
def test_hostile_query_strings_render_every_page(client, server_callbacks, caplog, path, params):
    from urllib.parse import urlencode

    caplog.clear()
    search = "?" + urlencode(params) if params else ""
    response = _post(client, _payload(_router_dep(server_callbacks), [path, search], []))
    _assert_clean(response, caplog)
    assert response.status_code == 200
    assert b"_pages_content" in response.data


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_values_for_every_server_callback(client, server_callbacks, caplog, data):
    page_callbacks = [d for d in server_callbacks if not d["output"].startswith(".._pages_content")]
    dep = data.draw(st.sampled_from(page_callbacks), label="callback")
    caplog.clear()

    def value_for(prop: str) -> Any:
        return data.draw(CLICK if prop == "clickData" else VALUES, label=prop)

    # the linking's pattern-matching callbacks: one page in view, each ALL id matching one element of it
    page = data.draw(st.sampled_from(["ov", "trade", "energy", "arms"]), label="page")

    def drawn(item: dict[str, Any]) -> Any:
        value = value_for(item["property"])
        if '["ALL"]' not in str(item["id"]):
            return value
        one = {k: ("x" if v == ["ALL"] else v) for k, v in _browser_id(item["id"], page).items()}
        return [{"id": one, "property": item["property"], "value": value}]

    values = [drawn(i) for i in dep["inputs"]]
    states = [drawn(s) for s in dep["state"]]
    response = _post(client, _payload(dep, values, states, page))
    _assert_clean(response, caplog)


@pytest.mark.parametrize("pathname", [None, 42, ["/trade"], {"a": 1}])
def test_router_requests_with_non_text_paths_get_a_friendly_400(client, server_callbacks, pathname):
    response = _post(client, _payload(_router_dep(server_callbacks), [pathname, ""], []))
    assert response.status_code == 400
    assert b"Traceback" not in response.data and b"could not be processed" in response.data


WILDCARDS = (["MATCH"], ["ALL"], ["ALLSMALLER"])


def _id_key(element_id: Any) -> str:
    return json.dumps(element_id, sort_keys=True, separators=(",", ":")) if isinstance(element_id, dict) else element_id


def _components(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component (as JSON) of a rendered layout, depth first."""
    if isinstance(tree, list):
        for item in tree:
            yield from _components(item)
    elif isinstance(tree, dict) and "props" in tree and "type" in tree:
        yield tree
        for value in tree["props"].values():
            yield from _components(value)


def _matches(pattern: Any, element_id: Any) -> bool:
    """Whether a layout id fits a dependency id (exact, or a pattern-matching dict with wildcards)."""
    if isinstance(pattern, str) and pattern.startswith("{"):
        pattern = json.loads(pattern)
    if not isinstance(pattern, dict):
        return pattern == element_id
    if not isinstance(element_id, dict) or set(pattern) != set(element_id):
        return False
    return all(v in WILDCARDS or element_id[k] == v for k, v in pattern.items())


def _cid(component: dict[str, Any]) -> Any:
    return component["props"].get("id")


def _rendered_pages(client, server_callbacks) -> dict[str, list[dict[str, Any]]]:
    """path -> the components of that page's layout, as the router serves them."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for page in dash.page_registry.values():
        path = page["path"]
        response = _post(client, _payload(_router_dep(server_callbacks), [path, ""], []))
        assert response.status_code == 200, path
        pages[path] = list(_components(response.get_json()["response"]["_pages_content"]["children"]))
    return pages


def _valid_value(dep_id: Any, prop: str, components: list[dict[str, Any]]) -> Any:
    """What the page itself holds for ``dep_id.prop``: a click on the first point of a graph, one click on a
    button, otherwise the prop as rendered; ALL ids get the list of every matching component."""
    found = [c for c in components if _matches(dep_id, c["props"].get("id"))]

    def one(props: dict[str, Any]) -> Any:
        if prop == "n_clicks":
            return 1
        if prop == "clickData":
            # a click on the graph's first event marker (what the server callback of a click reads)
            traces = props["figure"]["data"]
            for n, trace in enumerate(traces):
                custom = trace.get("customdata")
                if isinstance(custom, list) and custom and str(custom[0]).startswith("event:"):
                    return {"points": [{"curveNumber": n, "pointNumber": 0, "customdata": custom[0]}]}
            return {"points": [{"curveNumber": 0, "pointNumber": 0}]}
        return props.get(prop)

    if prop == "data" and isinstance(dep_id, str) and '"ruaz-event-click"' in dep_id:
        # the store a click on an event marker writes (linking.js eventClick): the page's first event id
        return next(
            str(t["customdata"][0])[len("event:") :]
            for c in components
            if isinstance(c["props"].get("figure"), dict)
            for t in c["props"]["figure"].get("data", [])
            if isinstance(t.get("customdata"), list)
            and t["customdata"]
            and str(t["customdata"][0]).startswith("event:")
        )
    if isinstance(dep_id, str) and '["ALL"]' in dep_id:
        return [{"id": c["props"]["id"], "property": prop, "value": one(c["props"])} for c in found]
    return one(found[0]["props"])


def test_every_server_callback_answers_a_valid_request_with_its_outputs(client, server_callbacks, caplog):
    """Each registered server callback, fed what its own page renders, returns its outputs without an error;
    a callback whose inputs are on no page is reported (it could never run)."""
    pages = _rendered_pages(client, server_callbacks)
    unique = {d["output"]: d for d in server_callbacks if not d["output"].startswith(".._pages_content")}
    exercised, unreachable = [], []
    for output, dep in sorted(unique.items()):
        ids = [x["id"] for x in (*dep["inputs"], *dep["state"])]
        on_page = [p for p, comps in pages.items() if all(any(_matches(i, _cid(c)) for c in comps) for i in ids)]
        path = on_page[0] if on_page else None
        if path is None:
            unreachable.append(output)
            continue
        comps = pages[path]
        values = [_valid_value(i["id"], i["property"], comps) for i in dep["inputs"]]
        states = [_valid_value(s["id"], s["property"], comps) for s in dep["state"]]
        prefixes = {c["props"]["id"]["page"] for c in comps if isinstance(_cid(c), dict) and "page" in _cid(c)}
        page = next(iter(prefixes), None)
        caplog.clear()
        response = _post(client, _payload(dep, values, states, page))
        _assert_clean(response, caplog)
        assert response.status_code == 200, f"{output} on {path}: no update for a valid request"
        answered = set(response.get_json()["response"])
        expected = split_callback_id(output)
        wanted = {_id_key(_browser_id(o["id"], page)) for o in (expected if isinstance(expected, list) else [expected])}
        assert wanted <= answered, (output, answered)
        exercised.append(output)
    assert unreachable == []
    assert exercised == sorted(unique)
    assert any(o.startswith("..trade-detail-src") for o in exercised)
