"""Run every benchmark, print a table and write bench/results.json.

    make bench                       # everything, load test 16 users x 60 s
    python bench/run_all.py --quick  # shorter load test (8 users x 10 s)

Measured: the build (wall time, peak memory), server cold start, page-ready
time and click-to-linked-update latency per page in headless Chromium,
callback latency percentiles at 1/4/16 concurrent clients, Excel export time
and size, and the load test. Loopback only; every phase is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Callbacks, bench_junk_input, gunicorn, machine, percentiles
from bench.load import run_load
from bench.twin import bench_twin
from dashboard import ids

RESULTS = ROOT / "bench" / "results.json"


def bench_build(runs: int = 3) -> dict[str, Any]:
    """raw -> clean with validation, in a subprocess per run (as `make data` does)."""
    times = []
    peak_kib = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            target = Path(tmp) / f"clean{i}"
            started = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "indicators",
                    "build",
                    "--clean",
                    str(target),
                    "--report",
                    str(Path(tmp) / "report.txt"),
                    "--quiet",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            times.append(time.perf_counter() - started)
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr)
            peak_kib = max(peak_kib, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {
        "runs": runs,
        "wall_s_median": round(statistics.median(times), 3),
        "wall_s": [round(t, 3) for t in times],
        "peak_rss_mib": round(peak_kib / 1024, 1),
    }


def bench_cold_start(runs: int = 3) -> dict[str, Any]:
    """gunicorn start until the first page is served."""
    times = []
    for _ in range(runs):
        with gunicorn() as (_, seconds):
            times.append(seconds)
    return {"runs": runs, "seconds_median": round(statistics.median(times), 3), "seconds": [round(t, 3) for t in times]}


def _run_level(callbacks: Callbacks, level: int, per_level: int, max_seconds: float) -> dict[str, Any]:
    """``level`` concurrent clients sending ``per_level`` requests in all (bounded by ``max_seconds``)."""
    workload = callbacks.workload()
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds
    counter = [0]

    def client() -> None:
        while time.monotonic() < stop_at:
            with lock:
                i = counter[0]
                counter[0] += 1
            if i >= per_level:
                return
            _, body = workload[i % len(workload)]
            started = time.perf_counter()
            status, _ = callbacks.post(body)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += status not in (200, 204)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(level)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max_seconds + 30)
    return {**percentiles(latencies), "errors": errors[0]}


def bench_callbacks(
    url: str, levels: tuple[int, ...] = (1, 4, 16), per_level: int = 400, max_seconds: float = 30
) -> dict[str, Any]:
    """Callback latency at several concurrency levels (select-year callbacks and page renders)."""
    callbacks = Callbacks(url)
    return {f"{level}_clients": _run_level(callbacks, level, per_level, max_seconds) for level in levels}


def bench_excel() -> dict[str, Any]:
    """Workbook build time and size: one page's view (trade) and everything."""
    from dashboard.app import create_app

    create_app()
    from dashboard.data import store
    from dashboard.pages import data_sources, trade
    from dashboard.queries.trade import view_frame
    from dashboard.views import export_bytes

    data = store()
    state = {"year": 2014, "flow": "turnover", "from": None, "to": None}
    out: dict[str, Any] = {}
    for name, build in (
        (
            "trade_view",
            lambda: export_bytes(data, "trade", {}, *view_frame(data, trade.SPEC.selection(data, state))),
        ),
        # built from scratch every time (what the first download of a process costs)
        ("everything_cold", lambda: data_sources.everything_workbook.__wrapped__(data)),
        # what every later download costs: the workbook is built once per process
        ("everything_repeat", lambda: data_sources.everything_workbook(data)),
    ):
        times = []
        size = 0
        for _ in range(5):
            started = time.perf_counter()
            size = len(build())
            times.append(time.perf_counter() - started)
        out[name] = {"seconds_median": round(statistics.median(times), 3), "bytes": size}
    return out


def _click(prefix: str, chart: str, server_sel: str) -> tuple[str, str, str]:
    """A linked chart's DOM id, the page's selected-year label (a client update) and a server-drawn panel:
    the linking elements have pattern-matching ids (dashboard.ids), their DOM id is the id's JSON."""
    label = ids.dom_id(ids.page_id("year-label", prefix))
    return ids.dom_id(ids.linked(prefix, chart)), f"[id='{label}']", server_sel


PAGES = {
    "/": {"graphs": 1, "click": _click("ov", "main", "#ov-kpis")},
    "/trade": {"graphs": 6, "click": _click("trade", "main", "#trade-detail-year")},
    "/energy": {"graphs": 6, "click": _click("energy", "oil-az", "#energy-detail-year")},
    "/arms": {"graphs": 4, "click": _click("arms", "tiv", "#arms-deals-year")},
    "/compare": {"graphs": 1, "click": None},
    "/data": {"graphs": 0, "click": None},
    "/chapters/9": {"graphs": 1, "click": None},
}


def bench_browser(url: str, repeats: int = 3) -> dict[str, Any]:
    """Page-ready time (every graph drawn, callbacks idle) and click-to-update latency in headless Chromium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.common.action_chains import ActionChains

    options = Options()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    ready_js = """
        const want = arguments[0];
        const drawn = document.querySelectorAll('.js-plotly-plot .main-svg').length;
        const idle = !window.store || window.store.getState().isLoading === false
            || (window.store.getState().pendingCallbacks || []).length === 0;
        const content = document.querySelector('#_pages_content');
        return drawn >= want && idle && content && content.children.length > 0;
    """
    out: dict[str, Any] = {}
    try:
        for path, spec in PAGES.items():
            ready, clicks_client, clicks_server = [], [], []
            for _ in range(repeats):
                driver.get("about:blank")
                started = time.perf_counter()
                driver.get(url + path)
                deadline = time.monotonic() + 30
                while not driver.execute_script(ready_js, spec["graphs"]):
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{path} not ready")
                    time.sleep(0.01)
                ready.append(time.perf_counter() - started)
                if spec["click"]:
                    graph, client_sel, server_sel = spec["click"]
                    time.sleep(0.3)  # let start-up resize events settle before the click
                    point = driver.execute_script(
                        """const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
                           const marks = '.scatterlayer .trace .points path, .barlayer .point';
                           const pts = Array.from(gd.querySelectorAll(marks))
                               .filter(p => p.__data__ && (p.__data__.x === 2014 || p.__data__.p === 2014));
                           return pts[0];""",
                        graph,
                    )
                    if point is None:
                        continue
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", point)
                    time.sleep(0.2)
                    # timestamps taken in the page: mousedown, then the first change of each linked element
                    driver.execute_script(
                        """window.__bench = {};
                           const watch = (sel, key) => new MutationObserver(() => {
                               if (!window.__bench[key]) { window.__bench[key] = performance.now(); } })
                               .observe(document.querySelector(sel), {childList: true, subtree: true,
                                                                      characterData: true});
                           watch(arguments[0], 'client'); watch(arguments[1], 'server');
                           document.addEventListener('mousedown', () => { window.__bench.down = performance.now(); },
                                                     {once: true, capture: true});""",
                        client_sel,
                        server_sel,
                    )
                    ActionChains(driver).move_to_element(point).click().perform()
                    deadline = time.monotonic() + 15
                    marks: dict[str, float] = {}
                    while time.monotonic() < deadline:
                        marks = driver.execute_script("return window.__bench") or {}
                        if "down" in marks and "client" in marks and "server" in marks:
                            break
                        time.sleep(0.05)
                    if "down" in marks and "client" in marks:
                        clicks_client.append((marks["client"] - marks["down"]) / 1000)
                    if "down" in marks and "server" in marks:
                        clicks_server.append((marks["server"] - marks["down"]) / 1000)
            entry: dict[str, Any] = {"page_ready_s_median": round(statistics.median(ready), 3)}
            if clicks_client:
                entry["click_to_highlight_ms_median"] = round(1000 * statistics.median(clicks_client), 1)
            if clicks_server:
                entry["click_to_linked_update_ms_median"] = round(1000 * statistics.median(clicks_server), 1)
            out[path] = entry
    finally:
        driver.quit()
    return out


def table(results: dict[str, Any]) -> str:
    """Human-readable summary of results."""
    lines = [f"machine: {results['machine']['cpu']} ({results['machine']['cores']} cores)"]
    b = results["build"]
    lines.append(f"build raw->clean: {b['wall_s_median']} s median, peak RSS {b['peak_rss_mib']} MiB")
    lines.append(f"server cold start (gunicorn, first page served): {results['cold_start']['seconds_median']} s")
    lines.append("page                 ready (s)  click->highlight (ms)  click->linked update (ms)")
    for path, e in results["browser"].items():
        lines.append(
            f"{path:20} {e['page_ready_s_median']:>9}  {e.get('click_to_highlight_ms_median', '–'):>21}  "
            f"{e.get('click_to_linked_update_ms_median', '–'):>25}"
        )
    lines.append("callbacks            p50 ms   p95 ms   p99 ms  errors")
    for level, e in results["callbacks"].items():
        lines.append(f"{level:20} {e['p50_ms']:>6}   {e['p95_ms']:>6}   {e['p99_ms']:>6}  {e['errors']:>6}")
    for name, e in results["excel"].items():
        lines.append(f"excel {name:14} {e['seconds_median']} s, {e['bytes'] // 1024} KiB")
    load = results["load"]
    lat = load["callback_latency"]
    lines.append(
        f"load {load['users']} users x {load['duration_s']} s: {load['errors']} errors, "
        f"{load['throughput_rps']} req/s, callback p50 {lat['p50_ms']} ms, p95 {lat['p95_ms']} ms, "
        f"p99 {lat['p99_ms']} ms"
    )
    j = results.get("junk_input")
    if j:
        lines.append(
            f"10 MiB junk appended: exit {j['exit_code']} in {j['seconds']} s, clean untouched {j['clean_untouched']}"
        )
    for path, e in results.get("twin", {}).items():
        if not isinstance(e, dict) or "load" not in e:
            lines.append(f"twin: {e}")
            continue
        for kind, m in e.items():
            for metric, row in m.items():
                if isinstance(row, dict):
                    lines.append(
                        f"twin {path:8} {kind:5} {metric:18} live {row['live_ms']} ms / twin {row['twin_ms']} ms"
                        f" = {row['ratio_live_over_twin']}x"
                    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="load test of 8 users x 10 s instead of 16 x 60")
    parser.add_argument("--no-twin", action="store_true", help="skip the limit-twin ratios (playwright)")
    args = parser.parse_args()
    if not shutil.which("chromedriver"):
        print("chromedriver not found: run scripts/ensure-chromium.sh", file=sys.stderr)
        return 2
    results: dict[str, Any] = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    results["build"] = bench_build()
    results["junk_input"] = bench_junk_input()
    results["cold_start"] = bench_cold_start()
    with gunicorn() as (url, _):
        results["browser"] = bench_browser(url)
        results["callbacks"] = bench_callbacks(url)
        users, duration = (8, 10.0) if args.quick else (16, 60.0)
        results["load"] = run_load(url, users, duration)
        if not args.no_twin:
            results["twin"] = bench_twin(url, runs=3 if args.quick else 5)
    results["excel"] = bench_excel()
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    print(table(results))
    print(f"\nwritten: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
