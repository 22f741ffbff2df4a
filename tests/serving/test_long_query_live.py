"""The production server (gunicorn) hands an over-long query to the app's friendly 414 page."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest


@pytest.mark.slow
def test_a_5_5_kb_query_gets_the_friendly_page_not_gunicorns(gunicorn_server):
    url, _ = gunicorn_server
    query = "year=2014&x=" + "a" * (5500 - len("year=2014&x="))
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{url}/trade?{query}", timeout=10)
    body = caught.value.read().decode()
    assert caught.value.code == 414
    assert "This address is too long" in body and '<a class="nav-link" href="/trade">Trade</a>' in body


@pytest.mark.slow
def test_an_unknown_path_is_a_404_on_the_production_server(gunicorn_server):
    url, _ = gunicorn_server
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{url}/no/such/page", timeout=10)
    assert caught.value.code == 404
    assert 'id="react-entry-point"' in caught.value.read().decode()
