"""The build: data/raw -> validated, derived -> data/clean, swapped in atomically.

:func:`transform` is the pure part (raw frames -> clean tables and problems).
The rest touches the file system: :func:`run` builds into a temporary sibling
directory, reads the result back and validates it, and only then exchanges it
with ``data/clean`` in one ``renameat2`` call (:func:`swap_in`); if anything
fails, ``data/clean`` is left exactly as it was. :func:`raw_digest` hashes the
raw files, :func:`read_clean_table` and :func:`coverage_text` read
``data/clean``, :func:`write_failure_report` writes the problem report.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from indicators import schemas
from indicators.catalogue_i18n import I18N_FILE, translation_problems, with_translations
from indicators.checks import CheckResult, run_sanity_checks
from indicators.clean import (
    clean_arms_statements,
    clean_catalogue,
    clean_deals,
    clean_events,
    clean_records,
    clean_sources,
    coerce_observations,
)
from indicators.current_release import current_rows
from indicators.derive import annual_series, compute_changes, derive_all
from indicators.load import RAW_FILES, RECORD_FILES, RawBundle, load_raw
from indicators.modelinfo import TEXT, coerce_to_model, column_kinds
from indicators.problems import BuildFailed, Problem, summarise
from indicators.readback import read_back_problems
from indicators.report import (
    build_report,
    coverage_matrix,
    datapackage,
    format_coverage,
    table_schema,
    year_matrix,
)
from indicators.revisions import compute_revisions
from indicators.schemas import CLEAN_TABLES
from indicators.schemas_i18n import TRANSLATION_CROSS_MODELS
from indicators.watch_rules import WatchFileError, parse_rules, rules_frame

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RAW = ROOT / "data" / "raw"
DEFAULT_CLEAN = ROOT / "data" / "clean"
DEFAULT_FAILURE_REPORT = ROOT / "data" / "last_build_report.txt"

REPORT_FILE = "validation_report.json"
COVERAGE_FILE = "coverage.csv"
DATAPACKAGE_FILE = "datapackage.json"
# the watch list sits beside the raw directory (data/watch.toml); its rules become the watch_rules table
WATCH_FILE = "watch.toml"


@dataclass
class BuildResult:
    """What a successful build produced."""

    tables: dict[str, pd.DataFrame]
    report: dict[str, Any]
    coverage: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    sanity: list[CheckResult] = field(default_factory=list)


def raw_digest(raw_dir: Path) -> str:
    """sha256 over the raw files' names and bytes, in a fixed order."""
    h = hashlib.sha256()
    for name in sorted(RAW_FILES):
        path = raw_dir / name
        h.update(name.encode())
        h.update(path.read_bytes() if path.exists() else b"<missing>")
    return h.hexdigest()


def _cross_reference(
    frame: pd.DataFrame, column: str, known: set[str], file_name: str, rule: str, message: str
) -> list[Problem]:
    bad = frame[~frame[column].isin(known)]
    return [Problem(file_name, int(r["_line"]), column, str(r[column]), rule, message) for _, r in bad.iterrows()]


def transform(bundle: RawBundle) -> tuple[dict[str, pd.DataFrame], list[Problem], list[Problem]]:
    """Pure part of the build: raw frames -> clean tables, problems and warnings."""
    problems = list(bundle.problems)
    frames = bundle.frames
    key = [*schemas.OBSERVATION_KEY]
    for name, frame in frames.items():
        model = schemas.RAW_SCHEMAS[name]
        problems += schemas.validate_frame(model, frame, name, key if name in RECORD_FILES else None)
    # Typed cleaning assumes a raw table that passed its raw schema (int chapters,
    # numeric bounds, unique ids); a table that did not is reported, never cleaned.
    failed_raw = {p.file for p in problems}
    if "catalogue.csv" not in frames or "sources.csv" not in frames or "catalogue.csv" in failed_raw:
        return {}, problems, []
    catalogue = clean_catalogue(frames["catalogue.csv"])
    if I18N_FILE in frames:
        i18n_problems = translation_problems(frames[I18N_FILE], frames["catalogue.csv"])
        problems += i18n_problems
        if not i18n_problems and I18N_FILE not in failed_raw:
            catalogue = with_translations(catalogue, frames[I18N_FILE])
    sources = clean_sources(frames["sources.csv"])
    known_sources = set(sources["source_id"])
    record_frames = [frames[n] for n in RECORD_FILES if n in frames]
    obs_parts = []
    for raw in record_frames:
        part, probs = clean_records(raw, catalogue, sources)
        problems += probs
        obs_parts.append(part)
    obs = pd.concat(obs_parts, ignore_index=True) if obs_parts else pd.DataFrame()
    tables: dict[str, pd.DataFrame] = {"catalogue": catalogue, "sources": sources}
    warnings: list[Problem] = []
    if len(obs):
        hard, warnings = schemas.validate_observations(obs, catalogue, sources)
        problems += hard
    for name in ("events.csv", "arms_deals.csv", "arms_statements.csv"):
        if name in frames:
            problems += _cross_reference(
                frames[name],
                "source_id",
                known_sources,
                name,
                "source_exists",
                "source_id is not in sources.csv",
            )
    if "events.csv" in frames:
        tables["events"], probs = clean_events(frames["events.csv"])
        problems += probs
    if "arms_deals.csv" in frames and "arms_deals.csv" not in failed_raw:
        tables["arms_deals"] = clean_deals(frames["arms_deals.csv"], sources)
    if "arms_statements.csv" in frames:
        tables["arms_statements"], probs = clean_arms_statements(frames["arms_statements.csv"])
        problems += probs
    if problems:
        return tables, problems, warnings
    derived = derive_all(obs, sources)
    all_obs = coerce_observations(pd.concat([obs, derived], ignore_index=True))
    hard, _ = schemas.validate_observations(all_obs, catalogue, sources)
    problems += hard
    tables["observations"] = all_obs.sort_values(
        ["indicator", "reporter", "subject", "period_start", "obs_id"], na_position="first", kind="stable"
    ).reset_index(drop=True)
    # year-on-year changes of the series as drawn: one release per trade series (indicators.current_release)
    tables["changes"] = compute_changes(annual_series(current_rows(all_obs, sources)), catalogue)
    tables["revisions"] = compute_revisions(all_obs, sources)
    return tables, problems, warnings


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")


def read_clean_table(clean_dir: Path, name: str) -> pd.DataFrame:
    """Read one clean table back with the clean dtypes its pandera model declares."""
    model = CLEAN_TABLES[name]
    text = {c: "str" for c, kind in column_kinds(model).items() if kind == TEXT}
    frame = pd.read_csv(clean_dir / f"{name}.csv", keep_default_na=True, dtype=text)
    return coerce_to_model(frame, model)


def _validate_written(clean_dir: Path, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Read every written table back: it must equal the validated table it was written from (catches
    write-side corruption; :mod:`indicators.readback`)."""
    problems: list[Problem] = []
    for name in CLEAN_TABLES:
        problems += read_back_problems(f"{name}.csv", tables[name], read_clean_table(clean_dir, name))
    return problems


def _libc_exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories with renameat2(RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    res = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(res == 0)


def swap_in(new_dir: Path, clean_dir: Path) -> None:
    """Make ``new_dir`` the clean directory; the old one is removed afterwards."""
    if clean_dir.exists() and _libc_exchange(new_dir, clean_dir):
        shutil.rmtree(new_dir)  # now holds the previous clean data
        return
    old = clean_dir.with_name(f".clean-old-{os.getpid()}")
    if clean_dir.exists():
        os.rename(clean_dir, old)
    os.rename(new_dir, clean_dir)
    if old.exists():
        shutil.rmtree(old)


def recover_clean_dir(clean_dir: Path) -> None:
    """Clean up after an interrupted build: restore a moved-away clean dir, drop temp dirs."""
    parent = clean_dir.parent
    if not parent.exists():
        return
    olds = sorted(parent.glob(".clean-old-*"))
    if not clean_dir.exists() and olds:
        os.rename(olds[-1], clean_dir)
        olds = olds[:-1]
    for stale in [*olds, *parent.glob(".clean-tmp-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def write_failure_report(problems: list[Problem], path: Path) -> None:
    """Write every problem (text and JSON) so nothing is lost from a long list."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [p.line() for p in problems] + ["", summarise(problems)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.with_suffix(".json").write_text(
        json.dumps([p.as_dict() for p in problems], indent=1, ensure_ascii=False), encoding="utf-8"
    )


def watch_rules_table(path: Path, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The watch file's rules as a table (none when the file is absent); raises WatchFileError."""
    if not path.exists():
        return rules_frame([])
    known = set(catalogue["indicator_id"].astype(str))
    return rules_frame(parse_rules(path.read_text(encoding="utf-8"), f"{path.parent.name}/{path.name}", known))


def run(
    raw_dir: Path = DEFAULT_RAW,
    clean_dir: Path = DEFAULT_CLEAN,
    failure_report: Path = DEFAULT_FAILURE_REPORT,
    write: bool = True,
    now: dt.datetime | None = None,
    watch_file: Path | None = None,
) -> BuildResult:
    """Build data/clean from data/raw (and the watch file, default: beside ``raw_dir``).

    Raises BuildFailed (clean dir untouched) on bad input.
    """
    started = time.perf_counter()
    recover_clean_dir(clean_dir)
    bundle = load_raw(raw_dir)
    tables, problems, warnings = transform(bundle)
    if not problems:
        try:
            tables["watch_rules"] = watch_rules_table(watch_file or raw_dir.parent / WATCH_FILE, tables["catalogue"])
        except WatchFileError as exc:
            problems = exc.problems
    if problems:
        write_failure_report(problems, failure_report)
        raise BuildFailed(problems)
    obs = tables["observations"]
    sanity = run_sanity_checks(current_rows(obs, tables["sources"]))  # one release per trade series
    coverage = coverage_matrix(obs)
    built_at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    checks_run = sorted(
        {
            *[f"raw:{n}:{schemas.RAW_SCHEMAS[n].__name__}" for n in RAW_FILES],
            *[f"clean:{n}:{m.__name__}" for n, m in CLEAN_TABLES.items()],
            *[f"cross:{I18N_FILE}:{m.__name__}" for m in TRANSLATION_CROSS_MODELS],
            "clean:observations:ObservationPlausibility (warnings)",
            "readback:all tables re-read and compared with the validated tables",
        }
    )
    report = build_report(
        built_at=built_at,
        raw_digest=raw_digest(raw_dir),
        row_counts={name: len(t) for name, t in tables.items()},
        checks_run=checks_run,
        warnings=warnings,
        sanity=sanity,
        coverage=coverage,
        matrix=year_matrix(obs),
        duration_s=time.perf_counter() - started,
    )
    result = BuildResult(tables, report, coverage, warnings, sanity)
    if not write:
        return result
    clean_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".clean-tmp-", dir=clean_dir.parent))
    try:
        resources = []
        for name, model in CLEAN_TABLES.items():
            _write_csv(tables[name], tmp / f"{name}.csv")
            resources.append(
                {
                    "name": name,
                    "path": f"{name}.csv",
                    "format": "csv",
                    "encoding": "utf-8",
                    "description": (model.__doc__ or "").strip().splitlines()[0],
                    "schema": table_schema(model, tables[name]),
                }
            )
        _write_csv(coverage, tmp / COVERAGE_FILE)
        readback = _validate_written(tmp, tables)
        if readback:
            write_failure_report(readback, failure_report)
            raise BuildFailed(readback)
        (tmp / DATAPACKAGE_FILE).write_text(
            json.dumps(datapackage(resources, built_at), indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        (tmp / REPORT_FILE).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.chmod(tmp, 0o755)
        swap_in(tmp, clean_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return result


def coverage_text(clean_dir: Path = DEFAULT_CLEAN, series_only: bool = False) -> str:
    """The coverage table of the current clean data, as text."""
    cov = pd.read_csv(clean_dir / COVERAGE_FILE, keep_default_na=False)
    cov["n_years"] = cov["n_years"].astype(int)
    events = read_clean_table(clean_dir, "events")
    return format_coverage(cov, events, series_only=series_only)
