"""Excel workbooks of the data behind a view (openpyxl; pure: frames in, bytes out).

Sheets: About (title, time, version, filters, sheet list, citation and terms
notes), Data (tidy long), one wide sheet per domain (indicator × reporter by
year, then latest and ten-year change, as in the Statistical Review
workbook), any extra tables, and Sources with clickable links. Numbers are
stored as numbers; text that starts with = + - @ is stored as text, never as
a formula; no external links are written except Sources URLs as hyperlinks.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard import __version__

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
NUMBER_FORMAT = "#,##0.00"
INT_FORMAT = "0"
MAX_SHEET_NAME = 31

TERMS = [
    "IMF Direction of Trade Statistics: data © IMF, reused under the IMF Copyright and Usage terms; cite "
    "'IMF, Direction of Trade Statistics'.",
    "SIPRI Arms Transfers and Military Expenditure Databases: cite 'SIPRI Arms Transfers Database' / "
    "'SIPRI Military Expenditure Database' with the release; free for non-commercial use.",
    "TIV (SIPRI trend-indicator value) measures the volume of arms transfers, not their financial value: "
    "never compare it with money.",
    "BP Statistical Review of World Energy 2021 and Energy Institute Statistical Review of World Energy 2025 "
    "(via Our World in Data): cite the edition; Statistical Review gas is marketed production.",
    "Press and official statements are cited to the outlet and the person or body quoted; see Sources.",
    "Computed rows (confidence = computed) state their formula; nothing is estimated or interpolated, and "
    "a missing year is left empty.",
]

TIDY_COLUMNS = [
    "indicator",
    "label",
    "reporter",
    "subject",
    "period",
    "year",
    "full_year",
    "value",
    "value_high",
    "qualifier",
    "unit",
    "confidence",
    "kind",
    "edition",
    "source_id",
    "publisher",
    "url",
    "locator",
    "formula",
    "note",
]


@dataclass
class ExportView:
    """The data behind one view of the dashboard."""

    title: str
    filters: Mapping[str, str]
    observations: pd.DataFrame
    sources: pd.DataFrame
    catalogue: pd.DataFrame
    extra_tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)


def write_cell(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None = None) -> Cell:
    """Write one cell: numbers as numbers, text as text (never a formula)."""
    cell = ws.cell(row=row, column=col)
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA or value is pd.NaT:
        cell.value = None
        return cell
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
        if number_format:
            cell.number_format = number_format
    elif isinstance(value, pd.Timestamp | dt.date):
        cell.value = value.strftime("%Y-%m-%d")
    else:
        text = str(value)
        cell.value = text
        # openpyxl treats any string starting with '=' as a formula: force a plain string.
        cell.data_type = "s"
        if text.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    return cell


def _header(ws: Worksheet, columns: Sequence[str], row: int = 1) -> None:
    for j, name in enumerate(columns, start=1):
        c = write_cell(ws, row, j, name)
        c.font = HEADER_FONT
        c.fill = HEADER_FILL
        c.alignment = Alignment(vertical="top", wrap_text=True)


def _finish(
    ws: Worksheet, ncols: int, nrows: int, freeze: str = "A2", widths: Mapping[int, float] | None = None
) -> None:
    ws.freeze_panes = freeze
    if nrows >= 1 and ncols >= 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(ncols)}{nrows + 1}"
    for j in range(1, ncols + 1):
        letter = get_column_letter(j)
        if widths and j in widths:
            ws.column_dimensions[letter].width = widths[j]
            continue
        longest = max((len(str(c.value)) for c in ws[letter][: min(nrows + 1, 200)] if c.value is not None), default=8)
        ws.column_dimensions[letter].width = max(8, min(60, longest + 2))


def _frame_sheet(ws: Worksheet, frame: pd.DataFrame) -> None:
    cols = list(frame.columns)
    _header(ws, cols)
    numeric = {c for c in cols if pd.api.types.is_float_dtype(frame[c])}
    ints = {c for c in cols if pd.api.types.is_integer_dtype(frame[c])}
    for i, rec in enumerate(frame.itertuples(index=False), start=2):
        for j, (col, raw) in enumerate(zip(cols, rec, strict=True), start=1):
            fmt = NUMBER_FORMAT if col in numeric else (INT_FORMAT if col in ints else None)
            value = int(raw) if col in ints and raw is not None and not pd.isna(raw) else raw
            write_cell(ws, i, j, value, fmt)
    _finish(ws, len(cols), len(frame))


def tidy_frame(obs: pd.DataFrame, sources: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Observations with label, publisher and URL columns, in export order."""
    label = dict(zip(catalogue["indicator_id"], catalogue["label"], strict=True))
    src = sources.set_index("source_id")

    def first(ids: object, col: str) -> object:
        for sid in str(ids).split(";"):
            if sid in src.index:
                return src.at[sid, col]
        return None

    out = obs.copy()
    out["label"] = out["indicator"].map(label)
    out["publisher"] = [first(s, "publisher") for s in out["source_id"]]
    out["url"] = [first(s, "url") for s in out["source_id"]]
    out["year"] = out["year"].astype("Int64")
    return out.reindex(columns=TIDY_COLUMNS)


def change_for(value: float, previous: float, change_type: str) -> float | None:
    """Change per change type: percent, absolute or percentage points."""
    if change_type == "percent":
        return None if previous == 0 else 100.0 * (value - previous) / abs(previous)
    if change_type in ("absolute", "percentage_points"):
        return value - previous
    return None


def wide_frame(obs: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Indicator × reporter × subject × edition rows, year columns, then latest and 10-year change.

    Only annual series values (whole calendar years) go in the year columns;
    a missing year stays empty.
    """
    annual = obs[(obs["kind"] == "series") & obs["full_year"] & obs["value"].notna()].copy()
    if annual.empty:
        return pd.DataFrame()
    cat = catalogue.set_index("indicator_id")
    annual["subject"] = annual["subject"].fillna("")
    annual["edition"] = annual["edition"].fillna("")
    annual["year"] = annual["year"].astype(int)
    keys = ["indicator", "reporter", "subject", "edition"]
    annual = annual.sort_values([*keys, "year", "confidence"]).drop_duplicates([*keys, "year"])
    table = annual.pivot_table(index=keys, columns="year", values="value", aggfunc="first")
    present_years = [int(y) for y in table.columns]
    years = list(range(min(present_years), max(present_years) + 1))  # every year, so gaps show as empty columns
    rows = []
    for key, vals in table.iterrows():
        ind, rep, subj, ed = key
        ctype = str(cat.at[ind, "change_type"]) if ind in cat.index else "none"
        present = [y for y in years if pd.notna(vals.get(y))]
        latest = present[-1] if present else None
        latest_change = ten_change = None
        if latest is not None and pd.notna(vals.get(latest - 1)):
            latest_change = change_for(float(vals[latest]), float(vals[latest - 1]), ctype)
        if latest is not None and pd.notna(vals.get(latest - 10)):
            ten_change = change_for(float(vals[latest]), float(vals[latest - 10]), ctype)
        suffix = {
            "percent": "%",
            "percentage_points": "pp",
            "absolute": str(cat.at[ind, "unit"]) if ind in cat.index else "",
        }
        rows.append(
            {
                "indicator": ind,
                "label": cat.at[ind, "label"] if ind in cat.index else ind,
                "reporter": rep,
                "subject": subj,
                "edition": ed,
                "unit": cat.at[ind, "unit"] if ind in cat.index else "",
                **{str(y): (float(vals[y]) if pd.notna(vals.get(y)) else None) for y in years},
                "latest year": latest,
                f"change on previous year ({suffix.get(ctype, '')})".replace(" ()", ""): latest_change,
                f"change over 10 years ({suffix.get(ctype, '')})".replace(" ()", ""): ten_change,
            }
        )
    return pd.DataFrame(rows)


def _sheet_name(text: str) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", text).strip()
    return name[:MAX_SHEET_NAME] or "Sheet"


def build_workbook(view: ExportView, generated_at: dt.datetime | None = None) -> bytes:
    """Build the workbook for ``view`` and return it as bytes."""
    when = (generated_at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    wb = Workbook()
    about = wb.active
    assert about is not None
    about.title = "About"
    tidy = tidy_frame(view.observations, view.sources, view.catalogue)
    used_ids: set[str] = set()
    for ids in view.observations.get("source_id", pd.Series(dtype=str)).dropna():
        used_ids.update(str(ids).split(";"))
    for extra in view.extra_tables.values():
        if "source_id" in extra.columns:
            for ids in extra["source_id"].dropna():
                used_ids.update(str(ids).split(";"))
    sources = view.sources[view.sources["source_id"].isin(used_ids)].sort_values("source_id")

    domains = view.catalogue.set_index("indicator_id")["domain"]
    wide_sheets: list[tuple[str, pd.DataFrame]] = []
    obs_domain = view.observations["indicator"].map(domains)
    for domain in sorted(obs_domain.dropna().unique()):
        wide = wide_frame(view.observations[obs_domain == domain], view.catalogue)
        if not wide.empty:
            wide_sheets.append((_sheet_name(f"{str(domain).capitalize()} wide"), wide))
    extra_names = [(_sheet_name(k), v) for k, v in view.extra_tables.items()]
    sheet_list = ["About", "Data", *[n for n, _ in wide_sheets], *[n for n, _ in extra_names], "Sources"]

    lines: list[tuple[str, Any]] = [
        ("Title", view.title),
        ("Generated (UTC)", when.isoformat()),
        ("App version", __version__),
        ("Rows in Data sheet", len(tidy)),
    ]
    lines += [(f"Filter: {k}", v) for k, v in view.filters.items()] or [("Filters", "none (everything)")]
    lines += [("Sheets", ", ".join(sheet_list))]
    lines += [("Citation and terms", t) for t in TERMS]
    write_cell(about, 1, 1, view.title).font = Font(bold=True, size=14)
    for i, (k, v) in enumerate(lines, start=3):
        write_cell(about, i, 1, k).font = HEADER_FONT
        write_cell(about, i, 2, v)
        about.cell(row=i, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 26
    about.column_dimensions["B"].width = 110
    about.freeze_panes = "A3"

    _frame_sheet(wb.create_sheet("Data"), tidy)
    for name, wide in wide_sheets:
        ws = wb.create_sheet(name)
        _frame_sheet(ws, wide)
        ws.freeze_panes = "G2"
    for name, frame in extra_names:
        _frame_sheet(wb.create_sheet(name), frame)

    ws = wb.create_sheet("Sources")
    cols = ["source_id", "publisher", "title", "outlet", "edition", "date", "url", "licence", "note"]
    _header(ws, cols)
    for i, rec in enumerate(sources.reindex(columns=cols).itertuples(index=False), start=2):
        for j, (col, value) in enumerate(zip(cols, rec, strict=True), start=1):
            cell = write_cell(ws, i, j, value)
            if col == "url" and isinstance(value, str) and value.startswith(("http://", "https://")):
                cell.hyperlink = value
                cell.font = Font(color="0563C1", underline="single")
    _finish(ws, len(cols), len(sources), widths={3: 60, 7: 60, 8: 40, 9: 40})

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(*parts: object) -> str:
    """A safe file name: 'ruaz-trade-2014.xlsx' (letters, digits, '.', '_', '-' only)."""
    stem = "-".join(SAFE_NAME.sub("-", str(p)).strip("-") for p in parts if p not in (None, ""))
    stem = re.sub(r"-{2,}", "-", stem)[:80].strip("-.") or "export"
    return f"ruaz-{stem}.xlsx"
