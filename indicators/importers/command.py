"""``python -m indicators import FILE [--release TEXT] [--raw DIR]``: the I/O around :mod:`.plan`.

1. detect the format (:func:`indicators.importers.registry.detect`) and parse the file;
2. plan the import against the raw directory (:func:`indicators.importers.plan.plan_import`);
3. for new rows: copy the raw directory to a temporary sibling, append the
   rows and the source row there, run the build's validation on the copy
   (:func:`indicators.pipeline.transform`: every raw and clean schema and
   cross-check of the build, without writing data/clean), and only if it
   passes replace the changed raw files (each with one ``os.replace``,
   sources.csv first, so a row never points to a missing source);
4. keep the original file under ``<raw>/../snapshots/<product>/<release slug>/``
   (or only ``<file>.sha256`` when it is over 5 MB) and print what the release
   changes against the previous release of the same product.

Exit codes: 0 imported or nothing new; 1 file rejected (one line per problem),
nothing written; 2 usage error.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import pandas as pd

from indicators import pipeline
from indicators.importers.model import FileRejected, ParsedFile
from indicators.importers.plan import Plan, plan_import, release_month, release_slug
from indicators.importers.registry import detect
from indicators.importers.revisions_report import report_lines
from indicators.load import RAW_FILES, load_raw
from indicators.problems import Problem

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
SNAPSHOT_MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 200


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_columns(parsed: ParsedFile, file_name: str) -> list[Problem]:
    """A format's tables must be raw tables, in their columns minus the id and source_id."""
    problems = []
    for stem, frame in parsed.tables.items():
        header = RAW_FILES.get(f"{stem}.csv")
        if header is None:
            problems.append(Problem(file_name, 0, "", stem, "format_table", "the format names no raw table"))
            continue
        expected = [c for c in header if c not in (header[0], "source_id")]
        if sorted(frame.columns) != sorted(expected):
            problems.append(
                Problem(file_name, 0, "", ",".join(frame.columns), "format_columns", f"{stem} needs {expected}")
            )
    return problems


def csv_lines(frame: pd.DataFrame, newline: str) -> str:
    """Rows as CSV text in the raw files' style (minimal quoting)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerows(frame.astype(str).to_numpy().tolist())
    return buf.getvalue()


def append_rows(path: Path, frame: pd.DataFrame) -> None:
    """Append rows to a raw CSV, keeping its bytes and line endings."""
    data = path.read_bytes()
    newline = "\r\n" if b"\r\n" in data else "\n"
    if data and not data.endswith(b"\n"):
        data += newline.encode()
    path.write_bytes(data + csv_lines(frame, newline).encode("utf-8"))


def replace_file(src: Path, dest: Path) -> None:
    """Put ``src``'s bytes at ``dest`` in one rename (a temporary file next to ``dest`` first)."""
    tmp = dest.with_name(f".{dest.name}.import-tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)


def write_snapshot(path: Path, sha: str, snapshots: Path) -> Path:
    """Copy the file (≤ 5 MB) or write ``<name>.sha256`` into ``snapshots``; return what was written."""
    snapshots.mkdir(parents=True, exist_ok=True)
    size = path.stat().st_size
    if size <= SNAPSHOT_MAX_BYTES:
        target = snapshots / path.name
        replace_file(path, target)
    else:
        target = snapshots / f"{path.name}.sha256"
        target.write_text(f"{sha}  {path.name}\n# {size} bytes; over 5 MB, so only the hash is kept\n")
    return target


def validate_and_swap(plan: Plan, raw_dir: Path) -> list[Problem]:
    """Write the plan into a copy of raw_dir, validate it like the build, and swap it in if it passes."""
    work = Path(tempfile.mkdtemp(prefix=".import-tmp-", dir=raw_dir.parent))
    try:
        copy = work / "raw"
        shutil.copytree(raw_dir, copy)
        changed = ["sources.csv", *plan.rows]
        append_rows(copy / "sources.csv", pd.DataFrame([plan.source_row])[RAW_FILES["sources.csv"]])
        for name, frame in plan.rows.items():
            append_rows(copy / name, frame)
        bundle = load_raw(copy)
        _, problems, _ = pipeline.transform(bundle)  # the build's schemas and cross-checks, without writing
        if problems:
            return problems
        for name in changed:
            replace_file(copy / name, raw_dir / name)
        return []
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _reject(problems: list[Problem], out: TextIO, what: str) -> int:
    for p in problems[:MAX_LINES]:
        print(p.line(), file=out)
    if len(problems) > MAX_LINES:
        print(f"... {len(problems) - MAX_LINES} more", file=out)
    print(f"REJECTED: {what}; nothing was written", file=out)
    return EXIT_REJECTED


def run_import(
    file: Path, raw_dir: Path, release_text: str | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Import one publisher file into ``raw_dir``; return the exit code (prints to stdout/stderr by default)."""
    out, err = out or sys.stdout, err or sys.stderr
    if not file.is_file():
        print(f"error: {file} is not a file", file=err)
        return EXIT_USAGE
    if not raw_dir.is_dir() or not (raw_dir / "sources.csv").is_file():
        print(f"error: {raw_dir} is not a raw directory (no sources.csv)", file=err)
        return EXIT_USAGE
    if release_text is not None and not release_text.strip():
        print("error: --release must not be empty", file=err)
        return EXIT_USAGE
    try:
        fmt = detect(file)
        parsed = fmt.parse(file)
    except FileRejected as exc:
        return _reject(exc.problems, err, f"{file.name} is not an importable file")
    if not parsed.release.dated and not release_text:
        print(
            f"error: {file.name} ({fmt.name}) states no release or download date; pass --release with the "
            f"edition text, e.g. --release 'DOTS export of 2022-02 (annual data to 2020)' (the month you "
            "downloaded it; see README, 'Importing a publisher's release')",
            file=err,
        )
        return EXIT_USAGE
    if not parsed.release.dated and release_month(release_text or "") is None:
        print(
            f"error: --release '{release_text}' names no month: {file.name} states no date, so the month you "
            "downloaded it (YYYY-MM) dates the release and orders it against the others, e.g. "
            "--release 'DOTS export of 2026-03 (annual data to 2025)'",
            file=err,
        )
        return EXIT_USAGE
    if release_text:
        parsed = dataclasses.replace(parsed, release=dataclasses.replace(parsed.release, release=release_text))
    bad = check_columns(parsed, file.name)
    if bad:
        return _reject(bad, err, f"format {fmt.name} returned rows the raw layout cannot take")
    bundle = load_raw(raw_dir)
    if bundle.problems:
        return _reject(bundle.problems, err, f"{raw_dir} does not load; fix it before importing")
    sha = sha256_of(file)
    print(f"{file.name}: {fmt.description} [{fmt.name}]; release '{parsed.release.release}'", file=out)
    for note in parsed.notes:
        print(f"  note: {note}", file=out)
    plan = plan_import(parsed, bundle.frames, RAW_FILES, file.name, sha)
    if plan.status == "conflict":
        lines = [Problem(file.name, 0, "", "", plan.rule, d) for d in plan.differences]
        print(plan.message, file=err)
        what = f"{file.name} claims release '{parsed.release.release}' already imported"
        return _reject(lines, err, what if plan.rule == "release_unchanged" else f"{file.name}: {plan.message}")
    if plan.status in ("already", "empty"):
        print(f"nothing new: {plan.message}", file=out)
        return EXIT_OK
    problems = validate_and_swap(plan, raw_dir)
    if problems:
        return _reject(problems, err, "the raw data would break the build's rules")
    slug = release_slug(parsed.release.release)
    kept = write_snapshot(file, sha, raw_dir.parent / "snapshots" / parsed.release.product / slug)
    print(plan.message, file=out)
    print(f"snapshot: {kept}", file=out)
    for line in report_lines(plan.rows, bundle.frames, parsed.release.product, parsed.release.release):
        print(line, file=out)
    print("next: python -m indicators build", file=out)
    return EXIT_OK
