"""The Flask/Dash server: security headers, friendly errors, no debug."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.app import create_app, without_unused_scripts


@pytest.fixture(scope="module")
def client(data):
    app = create_app(store=data)
    return app.server.test_client()


@pytest.mark.parametrize("path", ["/", "/trade", "/trade?year=abcd", "/no/such/page", "/assets/style.css"])
def test_every_response_carries_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == (404 if path == "/no/such/page" else 200)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_debug_is_off_and_no_dev_tools_are_served(client):
    app = create_app()
    assert not app.server.debug
    assert client.get("/_reload-hash").status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        json.dumps({"output": "trade-kpis.children"}).encode(),
        json.dumps(
            {
                "output": "no-such.children",
                "outputs": {"id": "no-such", "property": "children"},
                "inputs": [],
                "changedPropIds": [],
            }
        ).encode(),
    ],
)
def test_malformed_callback_requests_get_a_friendly_4xx(client, payload):
    response = client.post("/_dash-update-component", data=payload, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert b"Traceback" not in response.data


def test_vendored_plotly_bundle_matches_the_plotly_python_version():
    """dcc.Graph uses window.Plotly from assets/ (a 1.5 MB cartesian bundle instead of the 4.8 MB full one)."""
    from pathlib import Path

    from plotly.offline import get_plotlyjs_version

    assets = Path(__file__).resolve().parents[2] / "dashboard" / "assets"
    bundles = sorted(p.name for p in assets.glob("plotly-cartesian-*.min.js"))
    assert bundles == [f"plotly-cartesian-{get_plotlyjs_version()}.min.js"]
    head = (assets / bundles[0]).read_text(encoding="utf-8")[:200]
    assert f"v{get_plotlyjs_version()}" in head


def test_the_page_loads_no_babel_polyfill_but_the_regenerator_runtime_before_the_dash_bundles(client):
    # issue 12: Dash's @babel/polyfill cost ~220 ms of main thread per page load; the bundles use only its
    # regeneratorRuntime, served as assets/0-regenerator-runtime.js before them; dash_table is not used
    page = client.get("/energy").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert not [s for s in scripts if "polyfill" in s or "dash_table" in s]
    names = [s.split("/")[-1].split("?")[0] for s in scripts]
    runtime = names.index("0-regenerator-runtime.js")
    renderer = next(i for i, n in enumerate(names) if n.startswith("dash_renderer"))
    dcc = next(i for i, n in enumerate(names) if n.startswith("dash_core_components"))
    assert runtime < renderer < dcc
    assert client.get(scripts[runtime]).status_code == 200
    assert "regeneratorRuntime = runtime" in client.get(scripts[runtime]).get_data(as_text=True)


def test_without_unused_scripts_drops_only_the_named_bundles():
    scripts = "\n".join(
        [
            '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4.min.js"></script>',
            '<script src="/_dash-component-suites/dash/deps/react@18.v4.min.js"></script>',
            '<script src="/_dash-component-suites/dash/dash_table/bundle.v7.js"></script>',
            '<script src="/assets/a11y.js"></script>',
        ]
    )
    assert without_unused_scripts(scripts) == "\n".join(
        [
            '<script src="/_dash-component-suites/dash/deps/react@18.v4.min.js"></script>',
            '<script src="/assets/a11y.js"></script>',
        ]
    )
