"""Fixtures that run the production server (gunicorn) on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_serving(url: str, timeout: float = 60.0) -> float:
    """Poll ``url`` until it answers 200; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def start_gunicorn(port: int, workers: int = 2, extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": str(workers),
        "THREADS": "4",
        **(extra_env or {}),
    }
    return subprocess.Popen(
        [str(GUNICORN), "--config", str(ROOT / "scripts" / "gunicorn.conf.py"), "dashboard.wsgi:server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen[bytes]) -> str:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return (proc.stdout.read() if proc.stdout else b"").decode(errors="replace")


@pytest.fixture(scope="module")
def gunicorn_server() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The production server as `make run` starts it, on a free port."""
    port = free_port()
    proc = start_gunicorn(port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url + "/")
        yield url, proc
    finally:
        stop(proc)
