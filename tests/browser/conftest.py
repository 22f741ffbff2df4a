"""Browser tests: real headless Chromium driven by dash_duo (selenium).

Run with ``pytest --headless`` (the README's ``make test`` does). Each test
ends by asserting zero console errors.
"""

from __future__ import annotations

import pytest

from dashboard.app import create_app


@pytest.fixture(scope="session")
def app():
    """One Dash app per process (Dash pages register callbacks globally)."""
    return create_app()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
