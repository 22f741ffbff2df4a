"""What an import would write: pure functions from a parsed file and the raw frames to a :class:`Plan`.

The source row of a release gets ``source_id = <product>-<release slug>[-<variant>]``
(e.g. ``sipri-atdb-2025-03-russia``); its note records the file name and sha256.
Rows continue each raw file's id sequence (``AT0386`` after ``AT0385``).

Release rules:

* the file's sha256 is recorded in a source note -> already imported, nothing to do;
* rows of the same release are already in ``data/raw`` (same source_id, or a
  source of the same product with the same ``edition`` and rows on the same
  indicator/reporter/subject): if that source was imported from another file
  (its note records another sha256), or its figures differ, the import is
  refused with the differences listed; if it was entered by hand (no sha256)
  with the same figures, the release is recognised as already there;
* otherwise the rows are new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from indicators.importers.model import ParsedFile, Release

RECORD_KEY = ["indicator", "reporter", "subject", "period"]
NOT_COMPARED = ("locator", "note", "comment", "_file", "_line")
NO_FIGURE = "none recorded"  # a SIPRI blank cell entered by hand: the importer writes no row for it
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
SHA_RE = re.compile(r"sha256 ([0-9a-f]{64})")


@dataclass
class Plan:
    """The outcome of comparing a parsed file with data/raw."""

    status: str  # "new", "already", "conflict", "empty"
    source_id: str
    message: str
    source_row: dict[str, str] = field(default_factory=dict)
    rows: dict[str, pd.DataFrame] = field(default_factory=dict)  # raw file name -> rows to append
    differences: list[str] = field(default_factory=list)
    same_release: list[str] = field(default_factory=list)  # source_ids of this release already in data/raw


def release_slug(text: str) -> str:
    """``'March 2025 update'`` or ``'export of 2025-03'`` -> ``'2025-03'``; a bare year -> ``'2025'``; else a slug."""
    m = re.search(r"\b(" + "|".join(MONTHS) + r")\s+((?:19|20)\d{2})\b", text, flags=re.IGNORECASE)
    if m:
        return f"{m.group(2)}-{MONTHS.index(m.group(1).lower()) + 1:02d}"
    ym = re.search(r"\b((?:19|20)\d{2})-(0[1-9]|1[0-2])\b", text)
    if ym:
        return f"{ym.group(1)}-{ym.group(2)}"
    y = re.search(r"\b((?:19|20)\d{2})\b", text)
    if y:
        return y.group(1)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def source_id_for(release: Release) -> str:
    """``<product>-<release slug>[-<variant>]``: the same product, release and variant give the same id."""
    parts = [release.product, release_slug(release.release), release.variant]
    return re.sub(r"-+", "-", "-".join(p for p in parts if p).lower()).strip("-")


def next_ids(existing: pd.Series, count: int, table: str) -> list[str]:
    """Continue the id sequence of a raw file: same prefix and width, from the highest number on."""
    parts = existing.astype(str).str.extract(r"^([A-Z]+)(\d+)$").dropna()
    if parts.empty:
        raise ValueError(f"{table}: no existing id to continue (ids look like AT0001)")
    prefix = parts[0].mode().iloc[0]
    mine = parts[parts[0] == prefix]
    width = int(mine[1].str.len().max())
    start = int(mine[1].astype(int).max()) + 1
    return [f"{prefix}{n:0{width}d}" for n in range(start, start + count)]


def _is_year(period: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", period))


def _scope(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Existing record rows on the new rows' indicator/reporter/subject, single years with a figure."""
    if existing.empty:
        return existing
    combos = set(map(tuple, new[["indicator", "reporter", "subject"]].astype(str).to_numpy()))
    own = existing[[tuple(x) in combos for x in existing[["indicator", "reporter", "subject"]].to_numpy()]]
    keep = own["period"].astype(str).str.fullmatch(r"\d{4}").fillna(False).astype(bool)
    return own[keep & own["value"].ne(NO_FIGURE).astype(bool)]


def compare_records(new: pd.DataFrame, existing: pd.DataFrame, table: str) -> list[str]:
    """One line per figure that differs, is only in the file, or only in data/raw."""
    scoped = _scope(existing, new)
    old = {tuple(r[c] for c in RECORD_KEY): (r["value"], r.get("unit", "")) for _, r in scoped.iterrows()}
    out: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for _, r in new.iterrows():
        key = tuple(str(r[c]) for c in RECORD_KEY)
        seen.add(key)
        label = f"{table}: {' / '.join(key)}"
        if key not in old:
            out.append(f"{label}: in the file ({r['value']} {r['unit']}), not in data/raw")
        elif old[key] != (r["value"], r["unit"]):
            out.append(f"{label}: data/raw has {old[key][0]} {old[key][1]}, the file has {r['value']} {r['unit']}")
    for key, (value, unit) in old.items():
        if key not in seen:
            out.append(f"{table}: {' / '.join(key)}: data/raw has {value} {unit}, the file has no figure")
    return out


def compare_rows(new: pd.DataFrame, existing: pd.DataFrame, table: str) -> list[str]:
    """Non-record tables (deal registers): rows compared whole, apart from ids, locators and notes."""
    cols = [c for c in new.columns if c not in NOT_COMPARED]
    as_set = lambda f: {tuple(str(v) for v in row) for row in f[cols].to_numpy()}  # noqa: E731
    have, got = as_set(existing), as_set(new)
    out = [f"{table}: row only in the file: {' | '.join(r)}" for r in sorted(got - have)]
    out += [f"{table}: row only in data/raw: {' | '.join(r)}" for r in sorted(have - got)]
    return out


def _recorded_sha(note: str) -> str:
    m = SHA_RE.search(note or "")
    return m.group(1) if m else ""


def _same_release(
    sources: pd.DataFrame, frames: dict[str, pd.DataFrame], parsed: ParsedFile, release: Release, sid: str
) -> list[str]:
    """Sources holding this release's rows: the same source_id, or same product + edition with overlapping rows."""
    ids = {sid} & set(sources["source_id"])
    candidates = sources[
        sources["edition"].eq(release.release) & sources["source_id"].str.startswith(f"{release.product}-")
    ]["source_id"]
    for cand in set(candidates) - ids:
        for stem, new in parsed.tables.items():
            existing = frames.get(f"{stem}.csv", pd.DataFrame())
            if existing.empty:
                continue
            rows = existing[existing["source_id"] == cand]
            overlap = not _scope(rows, new).empty if "indicator" in new.columns else not rows.empty
            if overlap:
                ids.add(cand)
    return sorted(ids)


def _differences(parsed: ParsedFile, frames: dict[str, pd.DataFrame], ids: list[str]) -> list[str]:
    out: list[str] = []
    for stem, new in parsed.tables.items():
        existing = frames.get(f"{stem}.csv", pd.DataFrame(columns=new.columns))
        rows = existing[existing["source_id"].isin(ids)] if not existing.empty else existing
        out += compare_records(new, rows, stem) if "indicator" in new.columns else compare_rows(new, rows, stem)
    return out


def source_row(
    parsed: ParsedFile, release: Release, sid: str, file_name: str, sha: str, licence: str
) -> dict[str, str]:
    """The sources.csv row of an imported release."""
    generated = f"; generated {release.generated}" if release.generated else ""
    return {
        "source_id": sid,
        "publisher": release.publisher,
        "title": f"{release.title} ({file_name})",
        "outlet": "the publisher's own download, read by python -m indicators import",
        "url": release.url,
        "date": release.generated or "",
        "edition": release.release,
        "licence": licence,
        "note": f"file {file_name}, sha256 {sha}{generated}; format {parsed.format_name}",
        "copy_url": "",
        "cite_as": release.cite_as,
    }


def plan_import(
    parsed: ParsedFile,
    frames: dict[str, pd.DataFrame],
    headers: dict[str, list[str]],
    file_name: str,
    sha: str,
) -> Plan:
    """Decide what importing ``parsed`` does to the raw frames (``frames`` keyed by raw file name)."""
    release = parsed.release
    sid = source_id_for(release)
    sources = frames["sources.csv"]
    if not parsed.tables or all(t.empty for t in parsed.tables.values()):
        return Plan("empty", sid, "the file holds no row this project tracks (see the notes): nothing imported")
    recorded = sources[sources["note"].map(_recorded_sha).eq(sha)]["source_id"].tolist()
    if recorded:
        return Plan("already", sid, f"this file (sha256 {sha}) is already imported as {', '.join(recorded)}")
    same = _same_release(sources, frames, parsed, release, sid)
    if same:
        diffs = _differences(parsed, frames, same)
        note = sources.set_index("source_id").loc[same, "note"]
        other_files = sorted({s for s in note.map(_recorded_sha) if s})
        if other_files:
            diffs.insert(0, f"sources.csv: {', '.join(same)} was imported from another file (sha256 {other_files[0]})")
        if diffs:
            return Plan(
                "conflict",
                sid,
                f"release '{release.release}' is already in data/raw ({', '.join(same)}) and this file differs",
                differences=diffs,
                same_release=same,
            )
        return Plan(
            "already",
            sid,
            f"release '{release.release}' is already in data/raw with the same figures ({', '.join(same)}): "
            "nothing new",
            same_release=same,
        )
    same_product = sources[sources["source_id"].str.startswith(f"{release.product}-")]
    licence = str(same_product["licence"].iloc[-1]) if len(same_product) else ""
    rows: dict[str, pd.DataFrame] = {}
    for stem, new in parsed.tables.items():
        name = f"{stem}.csv"
        header = headers[name]
        ids = next_ids(frames[name][header[0]], len(new), name)
        full = new.copy()
        full.insert(0, header[0], ids)
        full["source_id"] = sid
        rows[name] = full[header].astype(str)
    counts = ", ".join(f"{len(f)} row(s) to {n}" for n, f in rows.items())
    return Plan(
        "new",
        sid,
        f"imported release '{release.release}' as source {sid}: {counts}",
        source_row(parsed, release, sid, file_name, sha, licence),
        rows,
    )
