"""Browser tests: real headless Chromium driven by dash_duo (selenium 4.2 + Debian chromedriver).

Run with ``pytest --headless`` (``make test`` does). Every test ends by
asserting zero console errors with ``dash_duo.get_logs() == []``.
"""

from __future__ import annotations

import socket

import dash
import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains

from dashboard import ids
from dashboard.app import create_app
from dashboard.protocol import PageSpec


@pytest.fixture(scope="session")
def app():
    """One Dash app per process (Dash pages register callbacks globally)."""
    return create_app()


@pytest.fixture
def server_port() -> int:
    """A free loopback port, so browser tests never collide."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def start(dash_duo, app, server_port):
    """Start the app and return a function that opens a path and waits for the page's first graph."""
    dash_duo.start_server(app, port=server_port)
    dash_duo.driver.set_window_size(1400, 1000)

    def open_path(path: str, wait_for: str = ".js-plotly-plot .main-svg", timeout: int = 20):
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element(wait_for, timeout=timeout)
        # let the initial callbacks finish, so that a first click is not lost
        until(dash_duo._wait_for_callbacks, timeout=timeout, poll=0.1)
        return dash_duo

    return open_path


def click_element(driver, element) -> None:
    """Scroll an element to the middle of the viewport and click it like a user."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    ActionChains(driver).move_to_element(element).click().perform()


def dom(element: str) -> str:
    """The DOM id of a page element named by its page prefix and name: 'trade-main' (a linked chart),
    'trade-flow' (the control of state key 'flow'), 'trade-year-label' (a linking element): the JSON of its
    pattern-matching id (dashboard.ids). Any other name is its own id ('trade-detail', 'trade-main-src')."""
    for page in dash.page_registry.values():
        spec = page.get("spec")
        if not isinstance(spec, PageSpec) or not spec.graphs or not element.startswith(f"{spec.prefix}-"):
            continue
        name = element[len(spec.prefix) + 1 :]
        if name in spec.graphs:
            return ids.dom_id(spec.graph_id(name))
        if name in spec.controls:
            return ids.dom_id(spec.control_id(name))
        if name in ids.KINDS:
            return ids.dom_id(spec.element_id(name))
    return element


def sel(element: str) -> str:
    """A CSS selector of the element :func:`dom` names (an attribute selector for a JSON id)."""
    found = dom(element)
    return f"#{found}" if found == element else f"[id='{found}']"


# the line breaks assets/chart_heads.js adds to fit a title, note or legend name in its card ("<br >"), read
# as the spaces they replace: tests compare the words the server drew
UNWRAP = "split('<br >').join(' ')"


def graph_layout(driver, graph_id: str) -> dict:
    """The live Plotly layout of a dcc.Graph (fitting line breaks read as spaces)."""
    return driver.execute_script(
        "const l = document.getElementById(arguments[0]).querySelector('.js-plotly-plot').layout;"
        f"return JSON.parse(JSON.stringify(l).{UNWRAP});",
        dom(graph_id),
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
