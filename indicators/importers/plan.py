"""What an import would write: pure functions from a parsed file and the raw frames to a :class:`Plan`.

The source row of a release gets ``source_id = <product>-<release slug>[-<variant>]``
(e.g. ``sipri-atdb-2025-03-russia``); when that id is taken by another file of the
release, ``-2``, ``-3``... is appended. Its note records the file name and sha256.
Rows continue each raw file's id sequence (``AT0386`` after ``AT0385``).

Release rules:

* the file's sha256 is recorded in a source note -> already imported, nothing to do;
* rows of the same release are already in ``data/raw`` (same source_id, or a
  source of the same product with the same ``edition`` and rows on the same
  indicator/reporter/subject) -> the figures are compared, exactly, as published
  (no rounding, no tolerance):

  - that source was imported from another file (its note records another
    sha256) -> refused: a different file claiming an imported release;
  - a figure differs, or data/raw holds a figure the file lacks -> refused,
    differences listed;
  - every overlapping figure agrees and the file holds nothing more ->
    "already present", nothing written (e.g. a release entered by hand, no sha256);
  - every overlapping figure agrees and the file holds rows data/raw lacks
    (earlier years, another reporter) -> only those rows are imported, under a
    source row of their own with the same edition (e.g. the bp 2021 panel adds
    1985-1989 to ``bp-sr-2021``, which came from OWID's copy from 1990 on);
* otherwise the rows are a new release: added under their own source row, next to the
  earlier releases' rows, which are never changed. Several releases of one series may stand side
  by side in every table (SIPRI TIV, a second IMF DOTS vintage of a reporter); the build uses one
  release per series where it derives one line (:mod:`indicators.current_release`).

The source row's ``date`` is the date the file states (``Release.generated``); a format whose
file states none (the DOTS export) takes the month its ``--release`` text names (``DOTS export
of 2023-05 …`` -> ``2023-05``), so that releases can be ordered (:func:`release_month`).

Rounding: SIPRI's TIV tables print whole numbers, while the per-delivery export
and the register give unrounded TIV. A TIV table of a release whose series are
already in data/raw as unrounded sums (``sipri-atdb-2024``: 3.4 vs a printed 3)
is refused with the differences listed; figures are never rounded to make them
agree. Across one release the build's check ``supplier_sum_vs_sipri_total``
compares SIPRI's printed all-supplier total with the sum over suppliers, within
±2 TIV million.

Deals (``arms_deals``): one SIPRI release comes as a trade register (one line per
deal, no deal id, no armament category) and as a per-delivery export (SIPRI's deal
id and category). Their rows are different presentations of the same deals, so
deals are compared only with deals of the same format of the release, told apart
by ``sipri_deal_id`` (filled by the per-delivery export only), and only on the
columns the file fills (a register leaves ``category`` empty; a hand-entered copy
of it may not). Both are kept in data/raw, each under its own source; /arms shows
one deal source per edition: the per-delivery export's deals when the edition has
any, else the register's (``dashboard/queries/arms.py``, :func:`edition_deals`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from indicators.importers.edition_rules import same_kind, shown_deals
from indicators.importers.model import ParsedFile, Release
from indicators.vocab import MONTHS

RECORD_KEY = ["indicator", "reporter", "subject", "period"]
NOT_COMPARED = ("locator", "note", "comment", "_file", "_line")
NO_FIGURE = "none recorded"  # a SIPRI blank cell entered by hand: the importer writes no row for it
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
    rule: str = "release_unchanged"  # the rule a conflict breaks (printed with each difference)


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


def _scope(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Existing record rows on the new rows' indicator/reporter/subject, single years with a figure."""
    if existing.empty:
        return existing
    combos = set(map(tuple, new[["indicator", "reporter", "subject"]].astype(str).to_numpy()))
    own = existing[[tuple(x) in combos for x in existing[["indicator", "reporter", "subject"]].to_numpy()]]
    keep = own["period"].astype(str).str.fullmatch(r"\d{4}").fillna(False).astype(bool)
    return own[keep & own["value"].ne(NO_FIGURE).astype(bool)]


def compare_records(
    new: pd.DataFrame, existing: pd.DataFrame, table: str, additions: frozenset[tuple[str, ...]] = frozenset()
) -> list[str]:
    """One line per figure that differs, is only in the file (unless an allowed addition), or only in data/raw."""
    scoped = _scope(existing, new)
    old = {tuple(r[c] for c in RECORD_KEY): (r["value"], r.get("unit", "")) for _, r in scoped.iterrows()}
    out: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for _, r in new.iterrows():
        key = tuple(str(r[c]) for c in RECORD_KEY)
        seen.add(key)
        label = f"{table}: {' / '.join(key)}"
        if key in additions:
            continue
        if key not in old:
            out.append(f"{label}: in the file ({r['value']} {r['unit']}), not in data/raw")
        elif old[key] != (r["value"], r["unit"]):
            out.append(f"{label}: data/raw has {old[key][0]} {old[key][1]}, the file has {r['value']} {r['unit']}")
    for key, (value, unit) in old.items():
        if key not in seen:
            out.append(f"{table}: {' / '.join(key)}: data/raw has {value} {unit}, the file has no figure")
    return out


def existing_keys(new: pd.DataFrame, existing: pd.DataFrame) -> set[tuple[str, ...]]:
    """Record keys data/raw holds on the new rows' series, in any form (a figure, ``none recorded``, a range)."""
    if existing.empty:
        return set()
    return {tuple(str(v) for v in row) for row in existing[RECORD_KEY].to_numpy()}


def compared_columns(new: pd.DataFrame) -> list[str]:
    """Columns of a non-record table the file fills somewhere (apart from ids, locators and notes)."""
    return [c for c in new.columns if c not in NOT_COMPARED and new[c].astype(str).ne("").any()]


def _row_set(frame: pd.DataFrame, cols: list[str]) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in frame[cols].to_numpy()}


def compare_rows(new: pd.DataFrame, existing: pd.DataFrame, table: str) -> list[str]:
    """Non-record tables (deal registers): rows compared whole on the columns the file fills."""
    cols = compared_columns(new)
    have, got = _row_set(existing, cols), _row_set(new, cols)
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
            if "indicator" in new.columns:
                overlap = not _scope(rows, new).empty
            else:
                overlap = not same_kind(new, rows, stem).empty
            if overlap:
                ids.add(cand)
    return sorted(ids)


def _release_rows(new: pd.DataFrame, frames: dict[str, pd.DataFrame], stem: str, ids: list[str]) -> pd.DataFrame:
    """The rows of table ``stem`` that the release's existing sources ``ids`` hold, of the file's kind."""
    existing = frames.get(f"{stem}.csv", pd.DataFrame(columns=new.columns))
    rows = existing[existing["source_id"].isin(ids)] if not existing.empty else existing
    return rows if "indicator" in new.columns else same_kind(new, rows, stem)


def split_release(
    parsed: ParsedFile, frames: dict[str, pd.DataFrame], ids: list[str]
) -> tuple[list[str], dict[str, pd.DataFrame]]:
    """Against the release's existing rows: (conflicting differences, the file's rows data/raw lacks).

    A figure the file and data/raw both hold must agree exactly; data/raw must not hold a figure the
    file lacks. Rows on keys data/raw does not hold at all (another year, another reporter) are
    additions, not differences.
    """
    conflicts: list[str] = []
    additions: dict[str, pd.DataFrame] = {}
    for stem, new in parsed.tables.items():
        rows = _release_rows(new, frames, stem, ids)
        if "indicator" in new.columns:
            held = existing_keys(new, rows)
            keys = [tuple(str(r[c]) for c in RECORD_KEY) for _, r in new.iterrows()]
            extra = new[[k not in held for k in keys]]
            conflicts += compare_records(new, rows, stem, frozenset(k for k in keys if k not in held))
        else:
            cols = compared_columns(new)
            have = _row_set(rows, cols)
            extra = new[[tuple(str(v) for v in row) not in have for row in new[cols].to_numpy()]]
            conflicts += [line for line in compare_rows(new, rows, stem) if "row only in data/raw" in line]
            if conflicts and len(extra):  # a revised row shows as one row on each side: list both
                conflicts += [line for line in compare_rows(new, rows, stem) if "row only in the file" in line]
        if len(extra):
            additions[stem] = extra
    return conflicts, additions


def release_month(text: str) -> str | None:
    """The ``YYYY-MM`` a release text names (``'DOTS export of 2023-05 (…)'``, ``'May 2023'``), else None."""
    slug = release_slug(text)
    return slug if re.fullmatch(r"(19|20)\d{2}-(0[1-9]|1[0-2])", slug) else None


def source_row(
    parsed: ParsedFile, release: Release, sid: str, file_name: str, sha: str, licence: str
) -> dict[str, str]:
    """The sources.csv row of an imported release (date: the file's, else the month of ``--release``)."""
    generated = f"; generated {release.generated}" if release.generated else ""
    month = None if release.generated else release_month(release.release)
    if month:
        generated = f"; the file states no date: {month} is the month named by --release"
    return {
        "source_id": sid,
        "publisher": release.publisher,
        "title": f"{release.title} ({file_name})",
        "outlet": "the publisher's own download, read by python -m indicators import",
        "url": release.url,
        "date": release.generated or month or "",
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
    tables = parsed.tables
    lead = ""
    if same:
        diffs, additions = split_release(parsed, frames, same)
        note = sources.set_index("source_id").loc[same, "note"]
        other_files = sorted({s for s in note.map(_recorded_sha) if s})
        if other_files:
            if not diffs:
                diffs = [f"{t}: {len(f)} row(s) only in the file" for t, f in additions.items()] or [
                    "the figures are the same, but a release is imported from one file only"
                ]
            diffs.insert(0, f"sources.csv: {', '.join(same)} was imported from another file (sha256 {other_files[0]})")
        if diffs:
            return Plan(
                "conflict",
                sid,
                f"release '{release.release}' is already in data/raw ({', '.join(same)}) and this file differs",
                differences=diffs,
                same_release=same,
            )
        if not additions:
            return Plan(
                "already",
                sid,
                f"release '{release.release}' is already in data/raw with the same figures ({', '.join(same)}): "
                "nothing new",
                same_release=same,
            )
        tables = additions
        lead = (
            f"release '{release.release}' is already in data/raw ({', '.join(same)}) and every figure both hold "
            "agrees exactly; "
        )
    taken = set(sources["source_id"])
    base, n = sid, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    same_product = sources[sources["source_id"].str.startswith(f"{release.product}-")]
    licence = str(same_product["licence"].iloc[-1]) if len(same_product) else ""
    rows: dict[str, pd.DataFrame] = {}
    for stem, new in tables.items():
        name = f"{stem}.csv"
        header = headers[name]
        ids = next_ids(frames[name][header[0]], len(new), name)
        full = new.copy()
        full.insert(0, header[0], ids)
        full["source_id"] = sid
        rows[name] = full[header].astype(str)
    counts = ", ".join(f"{len(f)} row(s) to {n}" for n, f in rows.items())
    deals_remark = shown_deals(tables, frames, sources, release.release)
    return Plan(
        "new",
        sid,
        f"{lead}imported release '{release.release}' as source {sid}: {counts}{deals_remark}",
        source_row(parsed, release, sid, file_name, sha, licence),
        rows,
        same_release=same,
    )
