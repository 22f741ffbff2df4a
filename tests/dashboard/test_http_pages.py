"""HTTP status of unknown paths (404, inside the app shell) and the friendly page for an over-long query."""

from __future__ import annotations

import dash
import pytest

from dashboard.app import create_app
from dashboard.http_pages import QUERY_LIMIT, known_path, too_long_page


@pytest.fixture(scope="module")
def client(data):
    return create_app(store=data).server.test_client()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/trade", 200),
        ("/trade/", 200),
        ("/chapters", 200),
        ("/chapters/10", 200),
        ("/data", 200),
        ("/nope", 404),
        ("/trade/extra", 404),
        ("/robots.txt", 404),
        ("/not-found", 404),
        ("/assets/style.css", 200),
        ("/assets/nothing.css", 404),
    ],
)
def test_a_path_no_page_serves_is_a_404_with_the_app_shell(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    if status == 404 and not path.startswith("/assets/"):
        # the Dash index: the shell (nav) and the not-found page are drawn by the app, as on any page
        assert 'id="react-entry-point"' in response.get_data(as_text=True)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_known_path_matches_paths_and_templates_and_skips_the_not_found_page():
    pages = {
        "a": {"path": "/", "path_template": None},
        "b": {"path": "/chapters", "path_template": "/chapters/<chapter_id>"},
        "c": {"path": "/not-found", "path_template": None, "nav": False},
    }
    assert known_path("/", pages) and known_path("/chapters/3", pages) and known_path("/chapters/", pages)
    assert not known_path("/not-found", pages) and not known_path("/chapter", pages)


def test_the_not_found_page_is_registered_but_not_in_the_nav():
    page = next(p for p in dash.page_registry.values() if p["module"].endswith("not_found_404"))
    assert page["nav"] is False
    text = str(page["layout"]())
    assert "Page not found" in text and "There is no page at this address." in text


@pytest.mark.parametrize("path", ["/", "/trade", "/nope"])
def test_a_query_over_the_limit_gets_a_friendly_414_with_the_nav(client, path):
    query = "year=2014&x=" + "a" * (5500 - len("year=2014&x="))
    response = client.get(f"{path}?{query}")
    body = response.get_data(as_text=True)
    assert response.status_code == 414
    assert response.mimetype == "text/html"
    assert "This address is too long" in body and "Its query part has 5,500 characters" in body
    assert '<a class="nav-link" href="/trade">Trade</a>' in body
    assert '<a class="nav-link" href="/not-found">' not in body
    assert "URI Too Long" not in body
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_limit_is_exact(client):
    at_limit = "year=2014&x=" + "a" * (QUERY_LIMIT - len("year=2014&x="))
    assert client.get(f"/trade?{at_limit}").status_code == 200
    assert client.get(f"/trade?{at_limit}a").status_code == 414


def test_the_too_long_page_escapes_what_it_shows():
    text = too_long_page(3000, [("/x?a=<b>", "A & B")])
    assert 'href="/x?a=&lt;b&gt;">A &amp; B</a>' in text and "3,000 characters" in text
