"""Browser-test helpers shared by the energy and arms page tests (live Plotly state, explicit waits)."""

from __future__ import annotations

import time
from pathlib import Path

from dash.testing.wait import until

from tests.browser.conftest import UNWRAP, dom, graph_layout, sel

# Time since the last plotly_relayout on any graph of the page (listeners attached on first call).
_SINCE_RELAYOUT = """
if (!window.__ruazRelayoutWatch) {
  window.__ruazRelayoutWatch = true;
  window.__ruazLastRelayout = performance.now();
  document.querySelectorAll('.js-plotly-plot').forEach(gd => gd.on('plotly_relayout', () => {
    window.__ruazLastRelayout = performance.now();
  }));
}
return performance.now() - window.__ruazLastRelayout;
"""


def wait_until_graphs_settle(dash_duo, graph_ids, quiet_ms: float = 800, timeout: float = 20) -> None:
    """Wait for every graph to be drawn and for their start-up autosize relayouts to stop.

    linking.js reads only the first input of a batched callback, so a control
    changed while graphs are still reporting their initial autosize is lost.
    """
    for graph in graph_ids:
        dash_duo.wait_for_element(f"{sel(graph)} .main-svg", timeout=timeout)
    until(lambda: dash_duo.driver.execute_script(_SINCE_RELAYOUT) > quiet_ms, timeout=timeout)


def trace_names(driver, graph_id: str) -> list[str]:
    """Names of the data traces of a live graph (event markers left out; fitting line breaks read as spaces)."""
    return driver.execute_script(
        """
        const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
        return gd.data.map(t => String(t.name).UNWRAP).filter(n => !n.startsWith('events'));
        """.replace("UNWRAP", UNWRAP),
        dom(graph_id),
    )


def trace_value(driver, graph_id: str, name: str, year: int):
    """The y value of a named trace at ``year`` on a live graph (None when absent)."""
    return driver.execute_script(
        """
        const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
        const t = gd.data.find(t => String(t.name).UNWRAP === arguments[1]);
        if (!t) { return null; }
        const i = Array.from(t.x).indexOf(arguments[2]);
        return i < 0 ? null : t.y[i];
        """.replace("UNWRAP", UNWRAP),
        dom(graph_id),
        name,
        year,
    )


def point_for_year(driver, graph_id: str, trace_index: int, year: int, layer: str = "scatterlayer"):
    """The DOM element of a trace's marker or bar for ``year`` (the element a user clicks)."""
    return driver.execute_script(
        """
        const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
        const trace = gd.querySelectorAll('.' + arguments[3] + ' .trace')[arguments[1]];
        return Array.from(trace.querySelectorAll('.point, .points path')).find(
          p => p.__data__ && (p.__data__.x === arguments[2] || p.__data__.p === arguments[2]));
        """,
        dom(graph_id),
        trace_index,
        year,
        layer,
    )


def visible_event_markers(driver, graph_id: str) -> int:
    """Event marker points drawn on a graph (hidden traces draw none)."""
    return driver.execute_script(
        """
        const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
        return gd.data.filter(t => String(t.name).startsWith('events:') && t.visible !== false)
                      .reduce((n, t) => n + t.x.length, 0);
        """,
        dom(graph_id),
    )


def selection_x0(driver, graph_id: str) -> list[float]:
    """Left edges of the selected-year bands on a graph."""
    shapes = graph_layout(driver, graph_id).get("shapes") or []
    return [s["x0"] for s in shapes if s.get("name") == "selection"]


def wait_for_download(folder: Path, timeout: float = 20) -> Path:
    """The first complete .xlsx in the browser's download folder."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("*.xlsx") if p.stat().st_size > 0]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no workbook downloaded into {folder}")


def choose_year_with_keyboard(dash_duo, prefix: str, steps: int) -> None:
    """Move the page's year picker ``steps`` years on (negative: back) with the keyboard only.

    Focus starts on the selected-year label (not focusable itself: the next Tab goes to the picker), then
    Tab, ArrowDown (opens the list on the current year), the arrows, Enter.
    """
    from selenium.webdriver.common.keys import Keys

    driver = dash_duo.driver
    label = dash_duo.find_element(sel(f"{prefix}-year-label"))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
    label.click()
    driver.switch_to.active_element.send_keys(Keys.TAB)
    picker = dash_duo.find_element(sel(f"{prefix}-year-pick"))
    until(lambda: driver.switch_to.active_element == picker, timeout=5)
    picker.send_keys(Keys.ARROW_DOWN)

    def focused_option() -> str | None:
        el = driver.switch_to.active_element
        return (
            el.get_attribute("value")
            if "dash-options-list-option-checkbox" in (el.get_attribute("class") or "")
            else None
        )

    # the list opens on the current year and focuses it on the next animation frame
    until(lambda: focused_option() is not None, timeout=5)
    key = Keys.ARROW_DOWN if steps > 0 else Keys.ARROW_UP
    for _ in range(abs(steps)):
        before = focused_option()
        driver.switch_to.active_element.send_keys(key)
        until(lambda before=before: focused_option() not in (None, before), timeout=5)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
