"""Browser tests: real headless Chromium driven by dash_duo (selenium 4.2 + Debian chromedriver).

Run with ``pytest --headless`` (``make test`` does). Every test ends by
asserting zero console errors with ``dash_duo.get_logs() == []``.
"""

from __future__ import annotations

import socket
from pathlib import Path

import dash
import pytest
from dash.testing.application_runners import ThreadedRunner
from dash.testing.composite import DashComposite
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains

from dashboard import ids
from dashboard.app import create_app
from dashboard.protocol import PageSpec


@pytest.fixture(scope="session")
def app():
    """One Dash app per process (Dash pages register callbacks globally)."""
    return create_app()


def _free_port() -> int:
    """A free loopback port, so browser runs never collide."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def _browser_session(request, app, tmp_path_factory):
    """ONE server and ONE headless Chromium for the whole browser run (per xdist worker).

    Starting Chromium and the server took 3-5 s of every test; each test now starts from a reset browser
    instead (see :func:`dash_duo`)."""
    config = request.config
    download = tmp_path_factory.mktemp("download")
    with (
        ThreadedRunner() as server,
        DashComposite(
            server=server,
            browser=config.getoption("webdriver"),
            remote=config.getoption("remote"),
            remote_url=config.getoption("remote_url"),
            headless=config.getoption("headless"),
            options=config.hook.pytest_setup_options(),
            download_path=str(download),
            percy_assets_root=config.getoption("percy_assets"),
            percy_finalize=config.getoption("nopercyfinalize"),
            pause=config.getoption("pause"),
        ) as composite,
    ):
        composite.start_server(app, port=_free_port())
        yield composite


def _reset(composite: DashComposite) -> None:
    """Undo what a previous test may have left: emulation, print media, storage, downloads, console logs."""
    driver = composite.driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.get(composite.server_url + "/assets/style.css")  # a same-origin page, so storage can be cleared
    driver.execute_script("window.localStorage.clear(); window.sessionStorage.clear();")
    driver.delete_all_cookies()
    driver.get("about:blank")
    for leftover in Path(composite.download_path).iterdir():
        leftover.unlink()
    driver.set_window_size(1400, 1000)
    composite.reset_log_timestamp()


@pytest.fixture
def dash_duo(_browser_session):
    """The session's browser, reset for this test (overrides dash.testing's per-test browser and server)."""
    _reset(_browser_session)
    return _browser_session


@pytest.fixture
def start(dash_duo):
    """Return a function that opens a path and waits for the page's first graph."""

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
