"""Screenshots of every page at 1440 px (desktop) and 390 px (phone) into docs/screenshots/.

    PYTHONPATH=. .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--paths / /trade ...]
    PYTHONPATH=. .venv/bin/python scripts/screenshots.py --langs ru az --paths / "/trade?year=2014" /arms

Serves the app from data/clean on a free loopback port, opens each page in headless Chromium (Debian's
chromium + chromedriver, as the browser tests), waits until the graphs are drawn and no callback is
pending, and saves the first two screen heights as PNG (``<page>-1440.png`` at 3/4 size, ``<page>-390.png``).
The phone width is set through the DevTools protocol, so the page sees a 390-px mobile viewport whatever the
window manager does. A documentation tool, not a test.
"""

from __future__ import annotations

import argparse
import base64
import logging
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VIEWPORTS = {"1440": (1440, 900, False), "390": (390, 844, True)}
SCALE = {"1440": 0.75, "390": 1.0}  # desktop shots saved at 1080 px wide, to keep the files small
SCREENS = 2  # screen heights kept per shot
READY_JS = """
const content = document.querySelector('#_pages_content');
const pending = window.store ? (window.store.getState().pendingCallbacks || []).length : 1;
const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
return !!content && content.children.length > 0 && pending === 0
    && plots.every(p => p.querySelector('.main-svg'));
"""


def page_paths() -> list[str]:
    """Every registered page's path, and chapter 9 for the chapter template."""
    import dash

    paths = [str(p["path"]) for p in sorted(dash.page_registry.values(), key=lambda p: p.get("order", 99))]
    return [*paths, "/chapters/9"]


def file_stem(path: str, lang: str = "en") -> str:
    """'/' → 'overview', '/chapters/9' → 'chapters-9', '/trade?year=2014' in ru → 'trade-ru' (query left out)."""
    stem = path.split("?", maxsplit=1)[0].strip("/").replace("/", "-") or "overview"
    return stem if lang == "en" else f"{stem}-{lang}"


def with_lang(path: str, lang: str) -> str:
    """``path`` with ``lang=`` added to its query (English: unchanged)."""
    if lang == "en":
        return path
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def serve() -> str:
    """The app on a free loopback port, in a daemon thread; returns its base URL."""
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from dashboard.app import create_app

    app = create_app()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}"


def browser(width: int, height: int) -> Any:
    """Headless Chromium with a ``width`` × ``height`` window."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def wait_ready(driver: Any, timeout: float = 30) -> None:
    """Until the page has content, every graph is drawn and no callback is pending (then one more second)."""
    deadline = time.monotonic() + timeout
    while not driver.execute_script(READY_JS):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{driver.current_url} not ready after {timeout} s")
        time.sleep(0.2)
    time.sleep(1.0)


def shoot(driver: Any, url: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """PNG of the first SCREENS screen heights of ``url`` at a ``width`` × ``height`` viewport."""
    driver.get(url)
    wait_ready(driver)
    full = int(driver.execute_script("return document.documentElement.scrollHeight;"))
    clip = {"x": 0, "y": 0, "width": width, "height": min(full, SCREENS * height), "scale": scale}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": False}
    )
    return base64.b64decode(shot["data"])


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots; prints one line per file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--paths", nargs="*", help="pages to shoot (default: every page)")
    parser.add_argument("--langs", nargs="*", default=["en"], help="languages (en, ru, az); default: en")
    parser.add_argument("--widths", nargs="*", default=list(VIEWPORTS), help="1440 and/or 390; default: both")
    args = parser.parse_args(argv)
    base = serve()
    paths = args.paths or page_paths()
    args.out.mkdir(parents=True, exist_ok=True)
    # one browser per viewport: switching the emulated viewport between pages leaves Plotly's first
    # layout at the previous width
    for label, (width, height, mobile) in VIEWPORTS.items():
        if label not in args.widths:
            continue
        driver = browser(width, SCREENS * height)
        try:
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                # a viewport two screens tall: capturing beyond the viewport would resize the page, and
                # Plotly's responsive charts with it, in the middle of the shot
                {"width": width, "height": SCREENS * height, "deviceScaleFactor": 1, "mobile": mobile},
            )
            for lang in args.langs:
                for path in paths:
                    target = args.out / f"{file_stem(path, lang)}-{label}.png"
                    target.write_bytes(shoot(driver, base + with_lang(path, lang), width, height, SCALE[label]))
                    print(f"{target}  {target.stat().st_size // 1024} KB")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
