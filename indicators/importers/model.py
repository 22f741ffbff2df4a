"""The contract between the import command and the per-format parsers.

A parser is pure apart from reading the one file it is given: it returns a
:class:`ParsedFile` holding the rows *as published* for Azerbaijan and Russia,
in the columns of an existing raw table (``data/raw/<table>.csv``) minus the
two columns the command assigns (``record_id`` and ``source_id``; for
``arms_deals`` the id column is ``deal_id``). It never estimates or fills a
value: a cell the publisher left empty (or marked ``...``, ``xxx``, ``n/a`` or
"not applicable") produces no row.

A file the parser cannot read raises :class:`FileRejected` with one
:class:`indicators.problems.Problem` per defect (file, line or sheet/cell,
value, rule), so the command can print them and exit 1 without writing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.problems import Problem


@dataclass(frozen=True)
class Release:
    """What the file says about itself (read from the file, not from its name)."""

    publisher: str  # e.g. "Stockholm International Peace Research Institute (SIPRI)"
    product: str  # stable product key, e.g. "sipri-atdb-tiv", "sipri-milex", "imf-dots", "ei-sr", "bp-sr"
    title: str  # e.g. "SIPRI Arms Transfers Database: TIV table, exports from Russia"
    release: str  # e.g. "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
    generated: str | None  # ISO date (YYYY-MM-DD) the publisher generated the file, when the file says
    url: str  # the publisher's own page for the product (never a GitHub copy)
    cite_as: str  # the publisher's citation form
    # tells apart files of one release that each get a source row, e.g. "russia" for SIPRI's
    # exporter table of Russia, "aze" for the DOTS workbook of Azerbaijan; "" when a release is one file.
    # The command's source_id is "<product>-<release slug>[-<variant>]", e.g. "sipri-atdb-2025-03-russia".
    variant: str = ""
    # False when the file states no release or date of its own (the IMF DOTS export): the command then
    # refuses to run without --release (exit 2), since a guessed edition would not match sources.csv.
    dated: bool = True


@dataclass(frozen=True)
class ParsedFile:
    """The result of parsing one publisher file."""

    format_name: str  # ImportFormat.name that parsed it
    release: Release
    tables: dict[str, pd.DataFrame]  # raw table stem ("arms_tiv", "trade_series", …) -> rows as published
    notes: tuple[str, ...] = field(default_factory=tuple)  # layout facts worth telling the user


class FileRejected(Exception):
    """The file is not a readable instance of the format (or of any format)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the file")


@dataclass(frozen=True)
class ImportFormat:
    """One publisher format.

    ``sniff(path, head)`` gets the path and the file's first 64 KiB and answers
    cheaply whether this format claims the file (no full parse). ``parse``
    reads the whole file and returns the Azerbaijan/Russia rows, or raises
    :class:`FileRejected`.
    """

    name: str  # e.g. "sipri-tiv-legacy"
    description: str
    sniff: Callable[[Path, bytes], bool]
    parse: Callable[[Path], ParsedFile]
