"""Fixtures for dashboard unit tests: the shipped clean data, loaded once."""

from __future__ import annotations

import pytest

from dashboard.data import DataStore, load_store, set_store


@pytest.fixture(scope="session")
def data() -> DataStore:
    """The committed data/clean, as the app loads it."""
    store = load_store()
    set_store(store)
    return store
