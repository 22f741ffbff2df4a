"""Shared pieces of the benchmarks: the production server, callback payloads, statistics.

Benchmarks print numbers; they are not timed tests. Everything runs on
loopback against the same gunicorn configuration that ``make run`` uses.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem_gib = round(kb / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg(),
    }


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/max in milliseconds of a list of seconds."""
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def pick(q: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)

    return {
        "n": len(values),
        "p50_ms": pick(0.50),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
        "max_ms": round(1000 * ordered[-1], 2),
        "mean_ms": round(1000 * statistics.fmean(values), 2),
    }


def _open(request: str | urllib.request.Request, timeout: float) -> tuple[int, bytes]:
    """(status, body) of one request; an HTTP error gives its code and body, a network error status 0."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


def get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    """GET returning (status, body); network errors give status 0."""
    return _open(url, timeout)


def post_json(url: str, payload: dict[str, Any], timeout: float = 10.0) -> tuple[int, bytes]:
    """POST JSON returning (status, body); network errors give status 0."""
    req = urllib.request.Request(
        url, data=json.dumps(payload).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    return _open(req, timeout)


@contextmanager
def gunicorn(
    workers: int = 3, threads: int = 4, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[str, float]]:
    """Run the production server on a free port; yields (base URL, seconds until '/' answered)."""
    port = free_port()
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": str(workers),
        "THREADS": str(threads),
        **(extra_env or {}),
    }
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(GUNICORN), "--config", str(ROOT / "scripts" / "gunicorn.conf.py"), "dashboard.wsgi:server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            status, _ = get(url + "/", timeout=2)
            if status == 200:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.05)
        yield url, time.perf_counter() - started
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def split_output(output: str) -> Any:
    """Dash's callback output id -> the 'outputs' payload entry (one dict or a list)."""
    if output.startswith(".."):
        return [split_output(o) for o in output[2:-2].split("...")]
    ident, prop = output.rsplit(".", 1)
    return {"id": ident, "property": prop}


def _id(element: str) -> Any:
    """A component id as the browser sends it: a pattern-matching id (the linking's state stores,
    dashboard.ids) is listed as its JSON in /_dash-dependencies and sent as the object."""
    return json.loads(element) if element.startswith("{") else element


class Callbacks:
    """Builds realistic callback requests from the server's own dependency list."""

    def __init__(self, base_url: str) -> None:
        status, body = get(base_url + "/_dash-dependencies")
        if status != 200:
            raise RuntimeError("cannot read /_dash-dependencies")
        self.base_url = base_url
        self.deps: list[dict[str, Any]] = json.loads(body)

    def find(self, output_prefix: str) -> dict[str, Any]:
        """The dependency whose output starts with ``output_prefix`` (after the '..' of multi-output ids)."""
        for dep in self.deps:
            out = dep["output"].lstrip(".")
            if out.startswith(output_prefix) and dep.get("clientside_function") is None:
                return dep
        raise KeyError(output_prefix)

    def payload(self, dep: dict[str, Any], values: list[Any], states: list[Any] | None = None) -> dict[str, Any]:
        """A request body for ``dep`` with the given input and state values."""
        states = states if states is not None else [None] * len(dep["state"])
        return {
            "output": dep["output"],
            "outputs": split_output(dep["output"]),
            "inputs": [{**i, "id": _id(i["id"]), "value": v} for i, v in zip(dep["inputs"], values, strict=True)],
            "state": [{**s, "id": _id(s["id"]), "value": v} for s, v in zip(dep["state"], states, strict=True)],
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
        }

    def page(self, path: str, search: str = "") -> dict[str, Any]:
        """The pages-router request that renders ``path`` (what a browser sends on navigation)."""
        return self.payload(self.find("_pages_content"), [path, search])

    def workload(self) -> list[tuple[str, dict[str, Any]]]:
        """Named callback requests representative of user actions on every page."""
        items: list[tuple[str, dict[str, Any]]] = []
        for path in ("/", "/trade", "/energy", "/arms", "/compare", "/data", "/chapters/9"):
            items.append((f"render {path}", self.page(path, "?year=2014" if path in ("/trade", "/arms") else "")))
        for year in range(1995, 2025):
            state = {"year": year, "from": None, "to": None, "events": False, "cats": []}
            for name, prefix in (
                ("trade: select year", "trade-detail-src"),
                ("overview: select year", "ov-kpis"),
                ("energy: select year", "energy-detail"),
                ("arms: select year", "arms-deals"),
            ):
                try:
                    dep = self.find(prefix)
                except KeyError:
                    continue
                items.append((f"{name} {year}", self.payload(dep, [state], None)))
        return items

    def post(self, body: dict[str, Any]) -> tuple[int, bytes]:
        """Send one callback request."""
        return post_json(self.base_url + "/_dash-update-component", body)


def bench_junk_input(megabytes: int = 10) -> dict[str, Any]:
    """`indicators build` on raw data with ``megabytes`` MiB of junk lines appended to one file.

    Target (issue 12): rejected with a file/line message in ≤ 5 s, the clean directory untouched.
    The junk has the right number of fields, so only the id-format check can stop it early.
    """
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        shutil.copytree(ROOT / "data" / "raw", raw)
        energy = raw / "energy.csv"
        fields = energy.read_text(encoding="utf-8").split("\n", 1)[0].count(",") + 1
        line = ",".join(["junk"] * fields) + "\n"
        with energy.open("a", encoding="utf-8") as fh:
            fh.write(line * (megabytes * 1024 * 1024 // len(line)))
        clean = Path(tmp) / "clean"
        clean.mkdir()
        (clean / "marker.txt").write_text("untouched")
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "indicators", "build", "--raw", str(raw), "--clean", str(clean),
             "--report", str(Path(tmp) / "report.txt"), "--quiet"],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        first = next((ln for ln in proc.stderr.splitlines() if ln.startswith("energy.csv:")), "")
        return {
            "megabytes": megabytes,
            "seconds": round(seconds, 2),
            "exit_code": proc.returncode,
            "first_problem": first[:160],
            "clean_untouched": sorted(p.name for p in clean.iterdir()) == ["marker.txt"],
        }
