"""Data access for the dashboard: reads data/clean once, then serves queries.

The clean tables are loaded at start-up into a :class:`DataStore` and never
written to afterwards (pandas copy-on-write keeps query results from
mutating it). Callbacks query the store; they never touch the file system.
A missing or corrupt ``data/clean`` raises :class:`CleanDataError` with the
command that rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from indicators.current_release import superseded
from indicators.pipeline import DEFAULT_CLEAN, REPORT_FILE, read_clean_table
from indicators.schemas import CLEAN_TABLES
from indicators.vocab import DATA_TO_RE, REPROCESSED_MARK

REBUILD_HINT = "Rebuild it with:  make data   (or: .venv/bin/python -m indicators build)"
TIV_INDICATOR = "arms_tiv_to_az"


class CleanDataError(RuntimeError):
    """data/clean is missing, incomplete or unreadable."""


@dataclass(frozen=True)
class DataStore:
    """Immutable bundle of the clean tables plus the last validation report."""

    observations: pd.DataFrame
    changes: pd.DataFrame
    sources: pd.DataFrame
    catalogue: pd.DataFrame
    events: pd.DataFrame
    deals: pd.DataFrame
    arms_statements: pd.DataFrame
    report: dict[str, Any]
    clean_dir: Path = field(default=DEFAULT_CLEAN)
    revisions: pd.DataFrame = field(default_factory=pd.DataFrame)
    watch_rules: pd.DataFrame = field(default_factory=pd.DataFrame)

    # ------------------------------------------------------------- lookups
    @cached_property
    def digest(self) -> str:
        """Content hash of the tables and the report: every cache entry is keyed on it (dashboard.caching)."""
        return store_digest(self)

    @cached_property
    def source_index(self) -> dict[str, dict[str, Any]]:
        """source_id -> source row as a dict."""
        recs = self.sources.astype(object).where(self.sources.notna(), None).to_dict(orient="records")
        return {str(r["source_id"]): {str(k): v for k, v in r.items()} for r in recs}

    @cached_property
    def catalogue_index(self) -> dict[str, dict[str, Any]]:
        """indicator_id -> catalogue row as a dict."""
        recs = self.catalogue.astype(object).where(self.catalogue.notna(), None).to_dict(orient="records")
        return {str(r["indicator_id"]): {str(k): v for k, v in r.items()} for r in recs}

    @cached_property
    def credited(self) -> pd.DataFrame:
        """The observations plus a ``credit`` column: who each figure is by, from its own row's source."""
        # imported here: dashboard.text builds on this module's publisher names
        from dashboard.text import with_credits

        return with_credits(self.observations, self.sources)

    @cached_property
    def superseded(self) -> pd.Series:
        """True for the rows of an earlier release of a one-line series (a superseded IMF DOTS vintage,
        :mod:`indicators.current_release`): kept for revisions and the previous-release ghost, never drawn
        as the series."""
        return superseded(self.observations, self.sources)

    @cached_property
    def annual_every_release(self) -> pd.DataFrame:
        """Annual rows of every release, superseded ones included: series kind, whole calendar years, a value."""
        o = self.credited
        return o[(o["kind"] == "series") & o["full_year"] & o["value"].notna()]

    @cached_property
    def annual(self) -> pd.DataFrame:
        """Rows that may be drawn as annual lines: :attr:`annual_every_release` without superseded rows."""
        every = self.annual_every_release
        return every[~superseded(every, self.sources)]

    @cached_property
    def years(self) -> list[int]:
        """Every calendar year with at least one annual value."""
        return sorted(int(y) for y in self.annual["year"].dropna().unique())

    @cached_property
    def tiv_releases(self) -> list[str]:
        """SIPRI releases with annual TIV data: SIPRI's own exports newest first, then third-party reprocessings.

        The first one is the default of every page and export (:attr:`default_tiv_release`).
        """
        tiv = self.observations[
            (self.observations["indicator"] == TIV_INDICATOR) & (self.observations["kind"] == "series")
        ]
        editions = [str(e) for e in tiv["edition"].dropna().unique()]
        return sorted(editions, key=release_sort_key, reverse=True)

    @property
    def default_tiv_release(self) -> str | None:
        """The release every page and export shows first: the latest in SIPRI's own export format."""
        return self.tiv_releases[0] if self.tiv_releases else None

    def indicator(self, indicator_id: str) -> dict[str, Any]:
        """Catalogue entry of an indicator (KeyError if unknown)."""
        return self.catalogue_index[indicator_id]

    @cached_property
    def _by_indicator(self) -> dict[tuple[str, str], pd.DataFrame]:
        """(which rows, indicator) -> its rows: callbacks filter small frames, not all observations."""
        out: dict[tuple[str, str], pd.DataFrame] = {}
        for which, frame in (("annual", self.annual), ("all", self.credited), ("releases", self.annual_every_release)):
            for indicator, group in frame.groupby("indicator", sort=False):
                out[(which, str(indicator))] = group
        return out

    def select(
        self,
        indicator: str,
        reporter: str | None = None,
        subject: str | None = None,
        edition: str | None = None,
        annual_only: bool = True,
        every_release: bool = False,
    ) -> pd.DataFrame:
        """Observations of one indicator (with their ``credit``), optionally narrowed; annual series rows by default
        (``every_release``: with the rows of superseded releases, for the previous-release ghost)."""
        which = "releases" if every_release else "annual" if annual_only else "all"
        frame = self._by_indicator.get((which, indicator))
        if frame is None:
            return self.observations.iloc[0:0]
        mask = pd.Series(True, index=frame.index)
        if reporter is not None:
            mask &= frame["reporter"] == reporter
        if subject is not None:
            mask &= frame["subject"].fillna("") == subject
        if edition is not None:
            mask &= frame["edition"].fillna("") == edition
        return frame[mask].sort_values("period_start")

    def citations(self, frame: pd.DataFrame) -> list[dict[str, Any]]:
        """The distinct sources behind the rows of ``frame``, each with its locators."""
        if frame.empty or "source_id" not in frame.columns:
            return []
        out: dict[str, dict[str, Any]] = {}
        ids = frame["source_ids"] if "source_ids" in frame.columns else frame["source_id"]
        for sid_text, locator in zip(ids, frame.get("locator", pd.Series(dtype=str)), strict=False):
            for sid in str(sid_text).split(";"):
                src = self.source_index.get(sid)
                if src is None:
                    continue
                entry = out.setdefault(sid, {**src, "locators": []})
                loc = str(locator) if isinstance(locator, str) else ""
                if loc and not loc.startswith("computed from") and loc not in entry["locators"]:
                    entry["locators"].append(loc)
        return sorted(out.values(), key=lambda s: (str(s["publisher"]), str(s["source_id"])))

    def publishers(self, frame: pd.DataFrame) -> list[str]:
        """Short publisher names behind ``frame`` for a chart's source line."""
        names: list[str] = []
        for c in self.citations(frame):
            name = short_publisher(str(c["publisher"]))
            if name not in names:
                names.append(name)
        return names


STORE_TABLES = (
    "observations",
    "changes",
    "sources",
    "catalogue",
    "events",
    "deals",
    "arms_statements",
    "revisions",
    "watch_rules",
)


def store_digest(data: DataStore) -> str:
    """sha256 over every table's columns, dtypes and row hashes, and the validation report (32 hex digits)."""
    h = hashlib.sha256()
    for name in STORE_TABLES:
        frame: pd.DataFrame = getattr(data, name)
        h.update(json.dumps([name, [str(c) for c in frame.columns], [str(t) for t in frame.dtypes]]).encode())
        h.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    h.update(json.dumps(data.report, sort_keys=True, default=str).encode())
    return h.hexdigest()[:32]


_SHORT = [
    (r"International Monetary Fund", "IMF Direction of Trade Statistics"),
    (r"SIPRI\), Arms Transfers", "SIPRI Arms Transfers Database"),
    (r"SIPRI\), Military Expenditure", "SIPRI Military Expenditure Database"),
    (r"^BP p\.l\.c\.", "BP Statistical Review 2021"),
    (r"^Energy Institute", "Energy Institute Statistical Review 2025"),
]


def short_publisher(publisher: str) -> str:
    """Compact publisher name for source lines (full names stay in the citations)."""
    for pattern, short in _SHORT:
        if re.search(pattern, publisher):
            return short
    return publisher


def is_reprocessed(edition: str) -> bool:
    """True for a release read from a third party's reprocessing rather than from a SIPRI export.

    The mark is in the data: such a source's ``edition`` in data/raw/sources.csv says
    'third-party reprocessing'.
    """
    return REPROCESSED_MARK in edition


def release_sort_key(edition: str) -> tuple[int, int, str]:
    """Sort key of SIPRI releases: SIPRI's own exports above reprocessings, then by the last year covered.

    Sorted with ``reverse=True`` this gives SIPRI's exports newest first, then the reprocessed ones.
    """
    m = DATA_TO_RE.search(edition)
    return (0 if is_reprocessed(edition) else 1, int(m.group(1)) if m else 0, edition)


def release_label(edition: str) -> str:
    """'SIPRI Arms Transfers Database, March 2024 update (data to 2023)' -> 'March 2024 update (data to 2023)'.

    A reprocessed release keeps its mark: '2026 update (data to 2025), third-party reprocessing, not a
    SIPRI export'.
    """
    label = edition.split(", ", 1)[1] if ", " in edition else edition
    if is_reprocessed(edition) and not is_reprocessed(label):
        label += f" ({REPROCESSED_MARK}, not a SIPRI export)"
    return label


def default_clean_dir() -> Path:
    """data/clean, or the directory named by the RUAZ_CLEAN_DIR environment variable."""
    env = os.environ.get("RUAZ_CLEAN_DIR")
    return Path(env) if env else DEFAULT_CLEAN


def load_store(clean_dir: Path | None = None) -> DataStore:
    """Read every clean table once. Raises CleanDataError with a rebuild hint."""
    clean_dir = clean_dir or default_clean_dir()
    if not clean_dir.is_dir():
        raise CleanDataError(f"Clean data directory {clean_dir} does not exist. {REBUILD_HINT}")
    missing = [f"{n}.csv" for n in CLEAN_TABLES if not (clean_dir / f"{n}.csv").is_file()]
    if not (clean_dir / REPORT_FILE).is_file():
        missing.append(REPORT_FILE)
    if missing:
        raise CleanDataError(f"Clean data in {clean_dir} is incomplete (missing {', '.join(missing)}). {REBUILD_HINT}")
    try:
        tables = {name: read_clean_table(clean_dir, name) for name in CLEAN_TABLES}
        report = json.loads((clean_dir / REPORT_FILE).read_text(encoding="utf-8"))
    except (ValueError, KeyError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CleanDataError(f"Clean data in {clean_dir} cannot be read ({exc}). {REBUILD_HINT}") from exc
    needed = {"observations": ["indicator", "reporter", "year", "value", "source_id"], "sources": ["source_id", "url"]}
    for name, cols in needed.items():
        absent = [c for c in cols if c not in tables[name].columns]
        if absent:
            raise CleanDataError(f"{name}.csv in {clean_dir} lacks columns {absent}. {REBUILD_HINT}")
    if tables["observations"].empty:
        raise CleanDataError(f"observations.csv in {clean_dir} has no rows. {REBUILD_HINT}")
    return DataStore(
        observations=tables["observations"],
        changes=tables["changes"],
        sources=tables["sources"],
        catalogue=tables["catalogue"],
        events=tables["events"],
        deals=tables["arms_deals"],
        arms_statements=tables["arms_statements"],
        report=report,
        clean_dir=clean_dir,
        revisions=tables["revisions"],
        watch_rules=tables["watch_rules"],
    )


_STORE: DataStore | None = None


def set_store(store: DataStore) -> None:
    """Install the store the callbacks read (called once by the app factory)."""
    global _STORE
    _STORE = store


def store() -> DataStore:
    """The store loaded at start-up."""
    if _STORE is None:
        raise CleanDataError("The dashboard's data store has not been loaded. " + REBUILD_HINT)
    return _STORE
