"""Live page against its "limit twin" (bare plotly.js, same bundle, same figures), as ratios.

Runs ``bench/tools/limittwin.py`` (vendored) on a served app: page ready for each topic page, and
click-a-year → every linked chart updated on the pages that link years. The tool alternates live and
twin rounds in one run and reports ``ratio_live_over_twin``; ratios, not absolute times, are what
compare across machines. Needs the ``bench`` extra (playwright) and Debian's chromium.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import ROOT
from dashboard import ids

TOOL = ROOT / "bench" / "tools" / "limittwin.py"


def _graph(prefix: str, chart: str) -> str:
    """CSS selector of a linked chart (its pattern-matching id's JSON, dashboard.ids)."""
    return f"[id='{ids.dom_id(ids.linked(prefix, chart))}']"


# page -> (graph the click goes to, "CURVE:POINT" of the 2014 point); None = page ready only
PAGES: dict[str, tuple[str, str] | None] = {
    "/": None,
    "/trade": (_graph("trade", "main"), "0:22"),
    "/energy": (_graph("energy", "oil-az"), "0:24"),
    "/arms": (_graph("arms", "tiv"), "0:7"),
}


def available() -> str | None:
    """None when the twin can run here, else why not."""
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install -e '.[bench]')"
    if not Path("/usr/bin/chromium").exists():
        return "Debian's chromium is not installed (apt-get install -y chromium)"
    return None


def _run(args: list[str], timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        proc = subprocess.run(
            [
                sys.executable,
                str(TOOL),
                *args,
                "--out",
                str(Path(tmp) / "twin"),
                "--json",
                str(out),
                "--no-screenshots",
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if proc.returncode != 0 or not out.exists():
            return {"error": (proc.stderr or proc.stdout)[-800:]}
        result = json.loads(out.read_text())
    metrics = result.get("metrics", {})
    return {
        name: {
            "live_ms": row["live"]["median"],
            "twin_ms": row["twin"]["median"],
            "ratio_live_over_twin": row.get("ratio_live_over_twin"),
        }
        for name, row in metrics.items()
        if name in ("plots_ready_ms", "interact_ready_ms") and row.get("live") and row.get("twin")
    } | {"fidelity_all_match": result.get("fidelity", {}).get("load", {}).get("all_match")}


def bench_twin(url: str, runs: int = 5, rounds: int = 2) -> dict[str, Any]:
    """Ratios live/twin per page: page ready, and click → linked charts updated."""
    why_not = available()
    if why_not:
        return {"skipped": why_not}
    out: dict[str, Any] = {}
    common = ["--runs", str(runs), "--rounds", str(rounds)]
    for path, click in PAGES.items():
        out[path] = {"load": _run([url.rstrip("/") + path, *common], timeout=600)}
        if click is not None:
            source, point = click
            out[path]["click"] = _run(
                [
                    url.rstrip("/") + path,
                    *common,
                    "--interact",
                    "--action",
                    "click-point",
                    "--source",
                    source,
                    "--point",
                    point,
                    "--target",
                    "all",
                ],
                timeout=600,
            )
    return out
