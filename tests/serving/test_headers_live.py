"""Security headers and binding, checked on the running production server."""

from __future__ import annotations

import urllib.request

import pytest


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/", "/trade?year=2014", "/_dash-layout", "/assets/linking.js"])
def test_production_responses_carry_security_headers(gunicorn_server, path):
    url, _ = gunicorn_server
    with urllib.request.urlopen(url + path, timeout=10) as r:
        headers = r.headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert not any(ch.isdigit() for ch in headers.get("Server", ""))  # no version disclosed


def test_gunicorn_config_binds_to_loopback_by_default(monkeypatch):
    import runpy

    from tests.serving.conftest import ROOT

    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    config = runpy.run_path(str(ROOT / "scripts" / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:8050"
    assert config.get("reload", False) is False
