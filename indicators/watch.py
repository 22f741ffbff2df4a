"""Watch rules and freshness, evaluated against the clean tables and a given "today" (pure), plus the CLI.

Metrics (the grammar is in :mod:`indicators.watch_rules`):

- ``level``: the latest full-year value of the series the rule names (annual series rows with an exact or
  approximate value, never a third-party reprocessing); where several releases give that year, the latest
  release's.
- ``yoy_pct``: 100 × (value − previous) ÷ |previous| of the latest year of the series in the changes
  table (one source and edition per change); a latest year whose change was not computed (different
  sources) makes the rule "not evaluable", it never falls back on an older year.
- ``staleness_months``: whole calendar months from the latest release of the series' sources (release
  date as in :mod:`indicators.revisions`) to today.

A rule is ``triggered`` when ``value op threshold`` holds, ``ok`` when it does not, ``not evaluable``
when there is no value. Freshness compares each publisher's latest release (for Azerbaijani customs,
the end of the latest period AZ reported) with its rhythm in :data:`indicators.vocab.RELEASE_RHYTHMS`.

``python -m indicators watch`` prints the triggered rules and exits 1 when any triggers, 0 when none,
2 when the watch file is bad, 3 when data/clean cannot be read.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from indicators.revisions import COMPARABLE, is_reprocessed, release_date
from indicators.vocab import RELEASE_RHYTHMS
from indicators.watch_rules import Rule, WatchFileError, parse_rules

OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
}
RESULT_COLUMNS = ["line", "label", "metric", "op", "threshold", "value", "status", "basis", "source_id"]
FRESHNESS_COLUMNS = ["key", "label", "rhythm", "latest", "next_due", "months_since", "status", "cite"]
TRIGGERED, OK, NOT_EVALUABLE = "triggered", "ok", "not evaluable"


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from ``start``'s month to ``end``'s month (days ignored)."""
    return (end.year - start.year) * 12 + end.month - start.month


def as_date(text: str) -> dt.date:
    """'2025', '2025-03' or '2025-03-14' → the first day it may mean."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _release_dates(sources: pd.DataFrame) -> dict[str, str]:
    out = {}
    for _, s in sources.iterrows():
        date = release_date(s["date"], s["edition"])
        if date is not None:
            out[str(s["source_id"])] = date
    return out


def _filtered(frame: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    mask = frame["indicator"] == rule.indicator
    for key in ("reporter", "subject", "edition"):
        want = getattr(rule, key)
        if want is not None:
            mask &= frame[key].fillna("") == want
    if rule.source is not None and "source_id" in frame.columns:
        mask &= frame["source_id"].astype(str).str.startswith(rule.source)
    out = frame[mask]
    return out[~out["edition"].map(is_reprocessed)]


def _level(rule: Rule, obs: pd.DataFrame, dates: dict[str, str]) -> tuple[float | None, str, str | None]:
    usable = obs["value"].notna() & obs["qualifier"].isin(COMPARABLE)  # a bound or a range is not a level
    rows = _filtered(obs[(obs["kind"] == "series") & obs["full_year"] & usable], rule)
    if rows.empty:
        return None, "no annual value", None
    latest = rows[rows["year"] == rows["year"].max()]
    latest = latest.assign(_rel=latest["source_id"].map(dates).fillna("")).sort_values(["_rel", "obs_id"])
    row = latest.iloc[-1]
    basis = f"{int(row['year'])}: {row['value']:g} {row['unit']}" + (
        f" ({row['edition']})" if pd.notna(row["edition"]) else ""
    )
    return float(row["value"]), basis, str(row["source_id"])


def _yoy(rule: Rule, changes: pd.DataFrame) -> tuple[float | None, str, str | None]:
    rows = _filtered(changes, rule)
    if rows.empty:
        return None, "no year-on-year change", None
    year = int(rows["year"].max())
    latest = rows[rows["year"] == year]
    computed = latest[latest["qualifier"] != "not_computed"]
    if computed.empty:
        return None, f"{year}: {latest.iloc[0]['formula']}", None
    row = computed.iloc[0]
    if row["previous"] == 0:
        return None, f"{year}: previous year is 0", None
    pct = 100.0 * (float(row["value"]) - float(row["previous"])) / abs(float(row["previous"]))
    return round(pct, 6), f"{year - 1} → {year}: {row['previous']:g} → {row['value']:g}", None


def _staleness(
    rule: Rule, obs: pd.DataFrame, dates: dict[str, str], today: dt.date
) -> tuple[float | None, str, str | None]:
    rows = _filtered(obs, rule)
    dated = sorted((dates[s], s) for s in rows["source_id"].astype(str).unique() if s in dates)
    if not dated:
        return None, "no dated source", None
    date, source_id = dated[-1]
    return float(months_between(as_date(date), today)), f"latest release {date} ({source_id})", source_id


def evaluate(
    rules: list[Rule], obs: pd.DataFrame, changes: pd.DataFrame, sources: pd.DataFrame, today: dt.date
) -> pd.DataFrame:
    """One row per rule: its value, status (triggered, ok, not evaluable) and what the value rests on."""
    dates = _release_dates(sources)
    rows = []
    for rule in rules:
        if rule.metric == "level":
            value, basis, sid = _level(rule, obs, dates)
        elif rule.metric == "yoy_pct":
            value, basis, sid = _yoy(rule, changes)
        else:
            value, basis, sid = _staleness(rule, obs, dates, today)
        status = NOT_EVALUABLE if value is None else (TRIGGERED if OPS[rule.op](value, rule.threshold) else OK)
        rows.append([rule.line, rule.label, rule.metric, rule.op, rule.threshold, value, status, basis, sid])
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def freshness(obs: pd.DataFrame, sources: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Each publisher's latest release (or latest period) against its release rhythm."""
    dates = _release_dates(sources)
    cites = dict(zip(sources["source_id"].astype(str), sources["cite_as"], strict=True))
    out: list[list[object]] = []
    for key, label, prefix, reporter, months, rhythm in RELEASE_RHYTHMS:
        latest: str | None = None
        cite: str | None = None
        if prefix is not None:
            used = set(obs["source_id"].astype(str))
            own = sources[
                sources["source_id"].astype(str).str.startswith(prefix) & ~sources["edition"].map(is_reprocessed)
            ]
            found = sorted((dates[s], s) for s in own["source_id"].astype(str) if s in dates and s in used)
            if found:
                latest, sid = found[-1]
                cite = cites.get(sid)
        else:
            rows = obs[
                (obs["reporter"] == reporter) & obs["indicator"].str.startswith("trade_") & obs["period_end"].notna()
            ]
            if len(rows):
                latest = pd.Timestamp(rows["period_end"].max()).strftime("%Y-%m")
                cite = "latest period reported"
        if latest is None:
            out.append([key, label, rhythm, None, None, None, "no data", None])
            continue
        due = as_date(latest)
        due = dt.date(due.year + (due.month - 1 + months) // 12, (due.month - 1 + months) % 12 + 1, 1)
        late = months_between(due, today)
        status = (
            "current" if today < due else f"overdue by {late} month{'s' if late != 1 else ''}" if late else "due now"
        )
        out.append(
            [key, label, rhythm, latest, due.strftime("%Y-%m"), months_between(as_date(latest), today), status, cite]
        )
    return pd.DataFrame(out, columns=FRESHNESS_COLUMNS)


def format_results(results: pd.DataFrame) -> list[str]:
    """One line per triggered rule: file line, label, value against threshold, what it rests on."""
    lines = []
    for _, r in results[results["status"] == TRIGGERED].iterrows():
        lines.append(
            f"line {r['line']}: {r['label']}: {r['metric']} {r['value']:g} {r['op']} {r['threshold']:g} ({r['basis']})"
        )
    return lines


def run_watch(rules_path: Path, clean_dir: Path, today: dt.date) -> tuple[int, list[str], list[str]]:
    """Read the watch file and data/clean, evaluate: (exit code, stdout lines, stderr lines)."""
    # imported here: indicators.pipeline imports the build's modules, which need nothing from this one
    from indicators.pipeline import read_clean_table

    try:
        text = rules_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return 2, [], [f"error: cannot read the watch file {rules_path}: {exc}"]
    try:
        tables = {n: read_clean_table(clean_dir, n) for n in ("observations", "changes", "sources", "catalogue")}
    except (OSError, ValueError, KeyError) as exc:
        return (
            3,
            [],
            [f"error: cannot read clean data in {clean_dir}: {exc}", "hint: run 'python -m indicators build' first"],
        )
    try:
        rules = parse_rules(text, str(rules_path), set(tables["catalogue"]["indicator_id"].astype(str)))
    except WatchFileError as exc:
        return 2, [], [p.line() for p in exc.problems]
    results = evaluate(rules, tables["observations"], tables["changes"], tables["sources"], today)
    triggered = format_results(results)
    n_ne = int((results["status"] == NOT_EVALUABLE).sum())
    summary = f"{len(triggered)} of {len(rules)} rules triggered ({n_ne} not evaluable) on {today.isoformat()}"
    return (1 if triggered else 0), [*triggered, summary], []
