"""Loaders of the raw files: where ``data/raw`` is read and split into text cells.

The other module that touches files is :mod:`indicators.pipeline`: it hashes
the raw files' bytes for the report, writes ``data/clean``, reads it back to
validate it, and writes the failure report. Each raw file is checked before it is parsed: it must be UTF-8, comma
separated, and start with exactly the expected header. Every cell is read as
text; parsing into numbers and dates happens in :mod:`indicators.clean`.
Problems are returned, not raised, so that one run reports all of them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.modelinfo import columns
from indicators.problems import Problem
from indicators.schemas_raw import RAW_SCHEMAS, RawRecordSchema
from indicators.validation import MAX_PROBLEMS_PER_FILE, id_pattern

# raw file name -> expected header: the columns of the file's raw model, in order
RAW_FILES: dict[str, list[str]] = {name: columns(model) for name, model in RAW_SCHEMAS.items()}
# the record files share one layout
RECORD_COLUMNS = columns(RawRecordSchema)
RECORD_FILES = tuple(name for name, model in RAW_SCHEMAS.items() if model is RawRecordSchema)

LINE_COLUMN = "_line"
FILE_COLUMN = "_file"


@dataclass
class RawBundle:
    """All raw tables as text frames, plus the problems met while reading."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _decode(name: str, data: bytes) -> tuple[str | None, list[Problem]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.end + 3].hex(" ")
        return None, [
            Problem(name, line, "", f"bytes {bad}", "encoding_utf8", f"file is not valid UTF-8 ({exc.reason})")
        ]


def _structure_problem(name: str, line: int, row: list[str], expected: list[str], id_format: str | None) -> Problem:
    if len(row) != len(expected):
        return Problem(
            name,
            line,
            "",
            ",".join(row)[:80],
            "field_count",
            f"row has {len(row)} fields, the header has {len(expected)}",
        )
    return Problem(name, line, expected[0], row[0][:80], "id_format", f"{expected[0]} must match {id_format}")


def parse_csv_text(
    name: str, text: str, expected: list[str], id_format: str | None = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse CSV text after checking its header; pure (no file access).

    Returns a frame of strings with ``_file`` and ``_line`` columns, or None
    when the file cannot be read at all. Structure is checked while reading,
    before any per-row work: a row with the wrong number of fields, or (given
    ``id_format``, the first column's pattern) a malformed id, is a problem and
    is left out; after :data:`MAX_PROBLEMS_PER_FILE` of them reading stops, so
    megabytes of junk appended to a file are rejected in milliseconds.
    """
    id_ok = re.compile(id_format).fullmatch if id_format else None
    problems: list[Problem] = []
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first:
        return None, [Problem(name, 1, "", "", "header_missing", "file is empty or has no header line")]
    for delim in (";", "\t", "|"):
        if delim in first and "," not in first:
            return None, [
                Problem(
                    name,
                    1,
                    "",
                    first[:80],
                    "delimiter_comma",
                    f"header is separated by {delim!r}; raw files must be comma-separated",
                )
            ]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        return None, [Problem(name, 1, "", first[:80], "csv_syntax", str(exc))]
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = []
        if missing:
            detail.append(f"missing {missing}")
        if extra:
            detail.append(f"unexpected {extra}")
        if not detail:
            detail.append("columns are in the wrong order")
        return None, [
            Problem(
                name,
                1,
                "",
                ",".join(header)[:120],
                "header_expected",
                f"header must be {','.join(expected)}; " + "; ".join(detail),
            )
        ]
    rows: list[list[str]] = []
    lines: list[int] = []
    # a quoted cell may span lines: a row is located by the line it starts on
    end_of_previous = reader.line_num
    try:
        for row in reader:
            line, end_of_previous = end_of_previous + 1, reader.line_num
            if not row:
                continue
            if len(row) != len(expected) or (id_ok is not None and not id_ok(row[0])):
                if len(problems) >= MAX_PROBLEMS_PER_FILE:
                    problems.append(
                        Problem(name, line, "", "", "too_many_problems", "reading stopped: too many malformed rows")
                    )
                    break
                problems.append(_structure_problem(name, line, row, expected, id_format))
                continue
            rows.append(row)
            lines.append(line)
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, "", "", "csv_syntax", str(exc)))
    frame = pd.DataFrame(rows, columns=expected, dtype="str")
    frame[FILE_COLUMN] = name
    frame[LINE_COLUMN] = pd.Series(lines, dtype="int64")
    return frame, problems


def read_raw_file(
    path: Path, expected: list[str], id_format: str | None = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one raw CSV file: check encoding, delimiter and header, then parse."""
    name = path.name
    if not path.exists():
        return None, [Problem(name, 0, "", "", "file_missing", f"expected raw file {path} does not exist")]
    text, problems = _decode(name, path.read_bytes())
    if text is None:
        return None, problems
    return parse_csv_text(name, text, expected, id_format)


def load_raw(raw_dir: Path) -> RawBundle:
    """Read every raw file named in :data:`RAW_FILES` from ``raw_dir``."""
    bundle = RawBundle()
    for name, expected in RAW_FILES.items():
        spec = id_pattern(RAW_SCHEMAS[name])
        frame, problems = read_raw_file(raw_dir / name, expected, spec[1] if spec else None)
        bundle.problems.extend(problems)
        if frame is not None:
            bundle.frames[name] = frame
    return bundle
