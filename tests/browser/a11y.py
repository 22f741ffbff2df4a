"""Accessibility helpers for the browser tests: axe-core run on the live page, phone viewport, focus checks.

axe-core (``vendor/axe.min.js``, MPL-2.0) is injected by the test driver only; the app never loads it.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import Any

VENDOR = Path(__file__).resolve().parent / "vendor"
# every impact axe-core rates moderate or above fails a test (heading-order, landmarks, … as well as contrast)
BLOCKING = ("moderate", "serious", "critical")
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}

_RUN_AXE = """
const done = arguments[arguments.length - 1];
// two frames: let assets/a11y.js apply its markup fixes to the last render first
requestAnimationFrame(() => requestAnimationFrame(() => axe.run(document, {resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                              summary: (n.failureSummary || '').slice(0, 300)}))}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]))));
"""


@cache
def axe_source() -> str:
    """The vendored axe-core bundle."""
    return (VENDOR / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(driver: Any, impacts: tuple[str, ...] = BLOCKING) -> list[dict[str, Any]]:
    """axe-core's violations of the current page whose impact is in ``impacts`` (moderate, serious, critical)."""
    if not driver.execute_script("return typeof window.axe !== 'undefined';"):
        driver.execute_script(axe_source())
    driver.set_script_timeout(60)
    found = driver.execute_async_script(_RUN_AXE)
    return [v for v in found if v["impact"] in impacts]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation and up to three of its nodes, for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}), {len(v['nodes'])} node(s)")
        lines += [f"    {n['target']}: {n['html']}\n      {n['summary']}" for n in v["nodes"][:3]]
    return "\n".join(lines)


def assert_no_serious_violations(driver: Any, where: str) -> None:
    """Fail listing every moderate, serious or critical axe-core violation of the current page."""
    found = axe_violations(driver)
    assert not found, f"axe-core on {where}:\n{describe(found)}"


def emulate_phone(driver: Any) -> None:
    """A 390 × 844 CSS-pixel mobile viewport through the DevTools protocol (window sizes vary by platform)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)


def sideways_overflow(driver: Any) -> dict[str, Any]:
    """The page's scroll width against its viewport, and the widest elements that stick out of it."""
    return driver.execute_script(
        """
        const vw = window.innerWidth;
        const wide = [];
        document.querySelectorAll('body *').forEach(el => {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > vw + 1 && el.offsetParent !== null) {
            const name = el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + el.className;
            wide.push(name + ' ' + Math.round(r.right));
          }
        });
        return {inner: vw, scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 8)};
        """
    )


# the focused element once the page has handled the key: marks it (data-tab-seen) and says whether it
# shows a focus ring
_FOCUSED = """
const done = arguments[arguments.length - 1];
setTimeout(() => done(focused()), 60);
function focused() {
const e = document.activeElement;
if (!e || e === document.body) { return null; }
const first = !e.hasAttribute('data-tab-seen');
e.setAttribute('data-tab-seen', '1');
const s = getComputedStyle(e);
const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
const name = (e.id ? '#' + e.id : e.tagName.toLowerCase()) + ' ' + (e.getAttribute('aria-label') || e.textContent || '')
    .trim().slice(0, 40);
return {first: first, ring: ring, name: name, skip: e.classList.contains('skip-link')};
}
"""

# every control a keyboard user should reach: visible, enabled, not inert, one radio per group
_CONTROLS = """
const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]';
const groups = new Set();
return Array.from(document.querySelectorAll(sel)).filter(e => {
  if (e.disabled || e.closest('[inert]') || e.getAttribute('tabindex') === '-1') { return false; }
  // AG Grid's own focus containers (rows, header rows, tab guards): the grid moves focus in them by arrows
  if (e.matches('.ag-tab-guard, .ag-row, .ag-header-row')) { return false; }
  if (e.closest('details:not([open])') && e.tagName !== 'SUMMARY') { return false; }
  if (!e.getClientRects().length || getComputedStyle(e).visibility === 'hidden') { return false; }
  if (e.type === 'radio') {
    const checked = document.querySelector(`input[type=radio][name="${CSS.escape(e.name)}"]:checked`);
    if ((checked && checked !== e) || groups.has(e.name)) { return false; }
    groups.add(e.name);
  }
  return true;
}).filter(e => !e.hasAttribute('data-tab-seen'))
  .map(e => (e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || ''))
    + ' ' + (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 40));
"""


def tab_through(driver: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until the focus comes back to the skip link (or ``limit`` presses);
    every element focused on the way, in order, with whether it showed a focus ring."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    driver.set_script_timeout(10)
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        now = driver.execute_async_script(_FOCUSED)
        if now is None:
            continue
        if not now["first"]:
            if now["skip"]:
                break
            continue
        seen.append(now)
    return seen


def unreached_controls(driver: Any) -> list[str]:
    """The visible, enabled controls that :func:`tab_through` never focused."""
    return driver.execute_script(_CONTROLS)


# every chart of the page: its title clear of the modebar and inside the chart, its notes and legend entries
# inside the chart, each legend entry reading its series' whole name (lines joined)
_CHART_FIT = """
const out = [];
document.querySelectorAll('.js-plotly-plot').forEach(gd => {
  if (!gd._fullLayout || !gd.getClientRects().length) { return; }
  const host = gd.closest('[id]');
  const name = host ? host.id : '?';
  const g = gd.getBoundingClientRect();
  const box = e => { const r = e.getBoundingClientRect();
    return {l: r.left - g.left, r: r.right - g.left, t: r.top - g.top, b: r.bottom - g.top}; };
  const title = gd.querySelector('.gtitle');
  const bar = gd.querySelector('.modebar');
  if (title && title.textContent) {
    const t = box(title);
    if (bar) {
      const m = box(bar);
      if (t.l < m.r && m.l < t.r && t.t < m.b && m.t < t.b) { out.push(name + ': title under the modebar'); }
    }
    if (t.t < 0 || t.r > g.width) { out.push(name + ': title cut at the chart edge'); }
  }
  gd.querySelectorAll('.annotation').forEach(a => {
    if (box(a).r > g.width + 1) { out.push(name + ': note cut: ' + a.textContent.slice(0, 40)); }
  });
  gd.querySelectorAll('.legend .traces').forEach(item => {
    const text = item.querySelector('.legendtext');
    const lines = Array.from(text.querySelectorAll('tspan.line'));
    const shown = lines.length ? lines.map(l => l.textContent).join(' ') : text.textContent;
    const trace = item.__data__[0].trace;
    const full = String(trace.name).replace(/<br ?>/g, ' ').replace(/<[^>]+>/g, '');
    if (box(text).r > g.width + 1) { out.push(name + ': legend entry cut: ' + shown.slice(0, 40)); }
    if (shown !== full) { out.push(name + ': legend reads ' + JSON.stringify(shown) + ', ' + JSON.stringify(full)); }
  });
});
return out;
"""


def chart_fit_problems(driver: Any) -> list[str]:
    """What does not fit in the page's charts: a title under the modebar or cut at the chart's edge, a note or
    a legend entry cut, a legend entry that does not read its series' whole name (empty when all fit)."""
    return list(driver.execute_script(_CHART_FIT))


def assert_charts_fit(driver: Any, where: str, timeout: float = 20) -> None:
    """Wait (up to ``timeout`` s) for assets/chart_heads.js to fit every chart of the page, then fail naming
    what does not fit."""
    deadline = time.monotonic() + timeout
    found = chart_fit_problems(driver)
    while found and time.monotonic() < deadline:
        time.sleep(0.5)
        found = chart_fit_problems(driver)
    assert found == [], f"charts that do not fit on {where}: {found}"


def squeezed_cells(driver: Any, min_px: int = 56) -> list[str]:
    """Visible table cells with more than a word of text squeezed narrower than ``min_px`` (a phone's table
    must scroll in its card rather than crush a column to a few letters a line)."""
    return list(
        driver.execute_script(
            """
            return Array.from(document.querySelectorAll('table td')).filter(td => td.getClientRects().length
                && td.textContent.trim().length > 12 && td.getBoundingClientRect().width < arguments[0])
              .map(td => td.textContent.trim().slice(0, 30) + ' ' + Math.round(td.getBoundingClientRect().width))
              .slice(0, 5);
            """,
            min_px,
        )
    )
