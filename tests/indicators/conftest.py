"""Fixtures for the indicators tests: one build of the real data per session (into a
temporary directory, never into data/), the minimal fixture, and an observation factory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from indicators_cli_runs import CliBatch
from indicators_support import DATA_RAW, FIXED_NOW, MINIMAL, Build, obs_row

from indicators import pipeline
from indicators.clean import clean_catalogue, clean_sources, observations_frame
from indicators.load import RawBundle, load_raw


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """data/raw copied to a temporary directory and built once per session."""
    base = tmp_path_factory.mktemp("real")
    raw = base / "raw"
    shutil.copytree(DATA_RAW, raw)
    shutil.copy(DATA_RAW.parent / pipeline.WATCH_FILE, base / pipeline.WATCH_FILE)
    clean = base / "clean"
    report = base / "last_build_report.txt"
    result = pipeline.run(raw, clean, report, now=FIXED_NOW)
    return Build(raw, clean, report, result)


@pytest.fixture(scope="session")
def real_obs(real_build: Build) -> pd.DataFrame:
    """Observations of the real build, read back from CSV with clean dtypes."""
    return pipeline.read_clean_table(real_build.clean, "observations")


@pytest.fixture(scope="session")
def real_changes(real_build: Build) -> pd.DataFrame:
    """Year-on-year changes of the real build, read back from CSV."""
    return pipeline.read_clean_table(real_build.clean, "changes")


@pytest.fixture(scope="session")
def minimal_bundle() -> RawBundle:
    """The hand-written minimal raw directory, loaded (it has no problems)."""
    return load_raw(MINIMAL)


@pytest.fixture(scope="session")
def minimal_catalogue(minimal_bundle: RawBundle) -> pd.DataFrame:
    return clean_catalogue(minimal_bundle.frames["catalogue.csv"])


@pytest.fixture(scope="session")
def minimal_sources(minimal_bundle: RawBundle) -> pd.DataFrame:
    return clean_sources(minimal_bundle.frames["sources.csv"])


@pytest.fixture(scope="session")
def minimal_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The minimal fixture built once per session (read-only for tests)."""
    base = tmp_path_factory.mktemp("minimal")
    clean = base / "clean"
    report = base / "report.txt"
    result = pipeline.run(MINIMAL, clean, report, now=FIXED_NOW)
    return Build(MINIMAL, clean, report, result)


@pytest.fixture
def make_obs() -> Callable[..., pd.DataFrame]:
    """Factory: ``make_obs(dict(...), dict(...))`` -> observations frame with clean dtypes."""

    def make(*rows: dict[str, Any]) -> pd.DataFrame:
        return observations_frame([obs_row(**r) for r in rows])

    return make


_CLI_BATCH = pytest.StashKey[CliBatch]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the CLI subprocesses of test_cli.py now, so they overlap the in-process tests."""
    wanted = any(item.path.name == "test_cli.py" for item in session.items)
    if wanted and not session.config.option.collectonly:
        session.config.stash[_CLI_BATCH] = CliBatch().start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    batch = session.config.stash.get(_CLI_BATCH, None)
    if batch is not None:
        batch.close()


@pytest.fixture(scope="session")
def cli_batch(request: pytest.FixtureRequest) -> CliBatch:
    """The background CLI runs; started here if collection did not start them."""
    stash = request.config.stash
    if _CLI_BATCH not in stash:
        stash[_CLI_BATCH] = CliBatch().start()
    return stash[_CLI_BATCH]
