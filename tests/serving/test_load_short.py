"""A short load run against the production server: 8 users for 10 s, zero errors."""

from __future__ import annotations

import pytest

from bench.load import run_load


@pytest.mark.slow
def test_eight_users_for_ten_seconds_get_no_errors(gunicorn_server):
    url, _ = gunicorn_server
    result = run_load(url, users=8, duration=10)
    assert result["errors"] == 0, result["error_samples"]
    assert result["callbacks"] > 50
    # the full 16-user, 60-s run (bench/load.py) is where the < 100 ms p95 target is measured; under CI
    # load this bound only catches a pathological regression
    assert result["callback_latency"]["p95_ms"] < 1500, result["callback_latency"]
