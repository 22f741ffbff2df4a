"""Faults: broken data at start-up, a worker crash, an interrupted build."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.serving.conftest import ROOT, free_port, start_gunicorn, stop, wait_until_serving

CLEAN = ROOT / "data" / "clean"


def _broken_clean(tmp_path: Path, how: str) -> Path:
    target = tmp_path / "clean"
    if how == "missing":
        return target
    shutil.copytree(CLEAN, target)
    if how == "corrupt":
        (target / "observations.csv").write_bytes(b"\xff\xfe\x00garbage,\n\x00")
    elif how == "incomplete":
        (target / "events.csv").unlink()
    return target


@pytest.mark.parametrize("how", ["missing", "corrupt", "incomplete"])
def test_dev_server_with_broken_clean_data_explains_how_to_rebuild(tmp_path, how):
    env = {**os.environ, "RUAZ_CLEAN_DIR": str(_broken_clean(tmp_path, how)), "PORT": str(free_port())}
    result = subprocess.run(
        [sys.executable, "-m", "dashboard"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr + result.stdout
    assert "indicators build" in result.stderr


@pytest.mark.slow
def test_gunicorn_with_broken_clean_data_explains_and_exits(tmp_path):
    proc = start_gunicorn(free_port(), extra_env={"RUAZ_CLEAN_DIR": str(_broken_clean(tmp_path, "missing"))})
    try:
        proc.wait(timeout=60)
    finally:
        out = stop(proc)
    assert proc.returncode != 0
    assert "indicators build" in out
    assert "Traceback" not in out


@pytest.mark.slow
def test_a_killed_worker_is_replaced_without_dropping_the_service(gunicorn_server):
    url, master = gunicorn_server
    deadline = time.monotonic() + 30
    while len(_worker_pids(master.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)  # the second worker may still be booting
    workers = _worker_pids(master.pid)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    failures = 0
    deadline = time.monotonic() + 60  # a loaded CI machine (both cores busy with tests) can take a while
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/trade", timeout=5) as r:
                assert r.status == 200
        except OSError:
            failures += 1
        if len(_worker_pids(master.pid)) == 2 and workers[0] not in _worker_pids(master.pid):
            break
        time.sleep(0.2)
    new_workers = _worker_pids(master.pid)
    assert len(new_workers) == 2 and workers[0] not in new_workers
    assert failures == 0
    assert wait_until_serving(url + "/") < 5


def _worker_pids(master_pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True, check=False)
    return [int(p) for p in out.stdout.split()]


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.3, 1.5, 3.0, 4.5])
def test_a_build_killed_mid_way_leaves_the_previous_clean_data_usable(tmp_path, delay):
    from dashboard.data import load_store

    target = tmp_path / "data" / "clean"
    shutil.copytree(CLEAN, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    (target / "marker.txt").write_text("previous build")
    proc = subprocess.Popen(
        [sys.executable, "-m", "indicators", "build", "--clean", str(target), "--report", str(tmp_path / "r.txt")],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # whatever moment the build died at, data/clean is the old tree or a complete new one
    if (target / "marker.txt").exists():
        assert {p.name: p.read_bytes() for p in target.iterdir() if p.name != "marker.txt"} == before
    store = load_store(target)
    # old or new, the tree holds every observation the committed data/clean holds
    with (CLEAN / "observations.csv").open(encoding="utf-8") as fh:
        committed_rows = sum(1 for _ in csv.reader(fh)) - 1
    assert len(store.observations) == committed_rows
    leftovers = [p.name for p in target.parent.iterdir() if p.name.startswith(".clean-")]
    # the next build (or the dashboard) clears temporary directories
    from indicators.pipeline import recover_clean_dir

    recover_clean_dir(target)
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".clean-")] == []
    assert isinstance(leftovers, list)
