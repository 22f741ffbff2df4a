"""SIPRI release keys: the value of the ``release`` query parameter, shared by /arms and /compare."""

from __future__ import annotations

import re

from dashboard.data import DataStore

_DATA_TO = re.compile(r"data to (\d{4})")


def release_key(edition: str) -> str:
    """'…(data to 2025)' -> '2025', the value of the ``release`` query parameter."""
    m = _DATA_TO.search(edition)
    return m.group(1) if m else edition


def release_keys(data: DataStore) -> dict[str, str]:
    """Query value -> SIPRI release, newest first."""
    return {release_key(e): e for e in data.tiv_releases}
