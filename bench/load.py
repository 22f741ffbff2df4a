"""Load test: N simulated users for T seconds against the production server (loopback only).

Each user loops: load a page's HTML, render it through the pages router (as a
browser does on navigation), then trigger a linked-update callback. The run
reports errors, latency percentiles of the callbacks and throughput.

    python bench/load.py --users 16 --duration 60
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Callbacks, get, gunicorn, percentiles

MAX_REQUESTS_PER_USER = 100_000


FLOOR_PATH = "/assets/overview.js"  # a 1.4 KB static file: no Dash, no callback, no data


def run_load(base_url: str, users: int, duration: float, seed: int = 1, floor: bool = False) -> dict[str, Any]:
    """Drive ``users`` threads for ``duration`` seconds; return errors, latencies and throughput.

    ``floor``: the same loop, but the timed request is a GET of a small static file instead of a callback,
    so the latency it reports is the machine's and the server's own under that load (the callbacks' floor)."""
    callbacks = Callbacks(base_url)
    workload = callbacks.workload()
    pages = ["/", "/trade", "/energy", "/arms", "/compare", "/data", "/chapters"]
    lock = threading.Lock()
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {}
    errors: list[str] = []
    count = {"requests": 0}
    stop_at = time.monotonic() + duration

    def user(index: int) -> None:
        rnd = random.Random(seed + index)
        for _ in range(MAX_REQUESTS_PER_USER):
            if time.monotonic() >= stop_at:
                return
            page = rnd.choice(pages)
            status, _ = get(base_url + page)
            local_errors = [] if status == 200 else [f"GET {page} -> {status}"]
            name, body = rnd.choice(workload)
            started = time.perf_counter()
            if floor:
                name = "static"
                status, data = get(base_url + FLOOR_PATH)
            else:
                status, data = callbacks.post(body)
            elapsed = time.perf_counter() - started
            if status not in (200, 204) or b"Traceback" in data:
                local_errors.append(f"{name} -> {status}")
            with lock:
                latencies.append(elapsed)
                by_kind.setdefault(name.split(":")[0].split(" ")[0], []).append(elapsed)
                errors.extend(local_errors)
                count["requests"] += 2

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + 60)
    wall = time.perf_counter() - started
    return {
        "users": users,
        "duration_s": round(wall, 2),
        "requests": count["requests"],
        "callbacks": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:5],
        "throughput_rps": round(count["requests"] / wall, 1),
        "callback_latency": percentiles(latencies),
        "callback_latency_by_kind": {k: percentiles(v) for k, v in sorted(by_kind.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--floor", action="store_true", help=f"time a GET of {FLOOR_PATH} instead of the callback")
    args = parser.parse_args()
    with gunicorn(workers=args.workers, threads=args.threads) as (url, _):
        result = run_load(url, args.users, args.duration, floor=args.floor)
    result["server"] = {"workers": args.workers, "threads": args.threads, "loadavg_after": list(os.getloadavg())}
    print(json.dumps(result, indent=1))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
