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
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard import __version__
from indicators.derive import change_between
from indicators.schemas import CatalogueSchema as C
from indicators.schemas import ObservationSchema as O
from indicators.schemas import SourceSchema as S

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
NUMBER_FORMAT = "#,##0.00"
INT_FORMAT = "0"
MAX_SHEET_NAME = 31
HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
WRAP_ALIGN = Alignment(vertical="top", wrap_text=True)
TITLE_FONT = Font(bold=True, size=14)
LINK_FONT = Font(color="0563C1", underline="single")
WIDTH_SAMPLE = 200
# url is the publisher's own page, copy_url the public copy that was read; both are live hyperlinks
SOURCE_COLUMNS = [
    S.source_id,
    S.publisher,
    S.cite_as,
    S.title,
    S.outlet,
    S.edition,
    S.date,
    S.url,
    S.copy_url,
    S.licence,
    S.note,
]
SOURCE_LINK_COLUMNS = (S.url, S.copy_url)
SOURCE_WIDTHS = {3: 50.0, 4: 60.0, 8: 60.0, 9: 60.0, 10: 40.0, 11: 40.0}

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

# observation columns with the catalogue's label and the source's publisher and URL (named by their models)
TIDY_COLUMNS = [
    O.indicator,
    C.label,
    O.reporter,
    O.subject,
    O.period,
    O.year,
    O.full_year,
    O.value,
    O.value_high,
    O.qualifier,
    O.unit,
    O.confidence,
    O.kind,
    O.edition,
    O.source_id,
    S.publisher,
    S.url,
    O.locator,
    O.formula,
    O.note,
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


def make_cell(ws: Worksheet, value: Any, number_format: str | None = None) -> Any:
    """One write-only cell: numbers stay numbers (with a format), text stays text, never a formula."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isinf(value):
            return str(value)
        if not number_format:
            return value
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format
        return cell
    if isinstance(value, pd.Timestamp | dt.date):
        return value.strftime("%Y-%m-%d")
    text = value if isinstance(value, str) else str(value)
    if ILLEGAL_CHARACTERS_RE.search(text):
        # characters XML 1.0 cannot carry (control characters) would make openpyxl refuse the cell
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    if not text.startswith(FORMULA_PREFIXES):
        return text
    # openpyxl would store '=…' as a formula: force a plain string, shown with a quote prefix
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _header_cells(ws: Worksheet, columns: Sequence[str]) -> list[Any]:
    cells = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(name)))
        cell.data_type = "s"
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        cells.append(cell)
    return cells


def _widths(frame: pd.DataFrame, fixed: Mapping[int, float] | None = None) -> dict[int, float]:
    """Column widths from the header and the first rows' text length (8 to 60 characters)."""
    out: dict[int, float] = {}
    sample = frame.head(WIDTH_SAMPLE)
    for j, col in enumerate(frame.columns, start=1):
        if fixed and j in fixed:
            out[j] = fixed[j]
            continue
        lengths = [len(str(col))] + [len(str(v)) for v in sample[col] if v is not None and not pd.isna(v)]
        out[j] = float(max(8, min(60, max(lengths) + 2)))
    return out


def _frame_sheet(
    wb: Workbook,
    title: str,
    frame: pd.DataFrame,
    freeze: str = "A2",
    fixed_widths: Mapping[int, float] | None = None,
    link_columns: Sequence[str] = (),
) -> None:
    """A sheet holding ``frame``: bold frozen header, autofilter, sensible widths, typed cells."""
    ws = wb.create_sheet(title)
    for j, width in _widths(frame, fixed_widths).items():
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = freeze
    cols = list(frame.columns)
    if cols:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(frame) + 1}"
    ws.append(_header_cells(ws, cols))
    formats = [
        NUMBER_FORMAT
        if pd.api.types.is_float_dtype(frame[c])
        else INT_FORMAT
        if pd.api.types.is_integer_dtype(frame[c])
        else None
        for c in cols
    ]
    ints = [pd.api.types.is_integer_dtype(frame[c]) for c in cols]
    link_at = {cols.index(c) for c in link_columns if c in cols}
    for rec in frame.itertuples(index=False, name=None):
        row = []
        for j, raw in enumerate(rec):
            value = int(raw) if ints[j] and raw is not None and not pd.isna(raw) else raw
            cell = make_cell(ws, value, formats[j])
            if j in link_at and isinstance(value, str) and value.startswith(("http://", "https://")):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
                cell.hyperlink = value
                cell.font = LINK_FONT
            row.append(cell)
        ws.append(row)


def tidy_frame(obs: pd.DataFrame, sources: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Observations with label, publisher and URL columns, in export order."""
    label = dict(zip(catalogue["indicator_id"], catalogue["label"], strict=True))
    # computed rows cite several sources ('a;b'): the first one names the publisher and URL
    first_id = obs["source_id"].astype(str).str.split(";").str[0]
    src = sources.set_index("source_id")
    out = obs.assign(
        label=obs["indicator"].map(label),
        publisher=first_id.map(src["publisher"]).astype(object),
        url=first_id.map(src["url"]).astype(object),
    )
    out["year"] = out["year"].astype("Int64")
    return out.reindex(columns=TIDY_COLUMNS)


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
    # one value per row and year: a published figure wins over one computed here
    annual = annual.assign(_computed=annual["confidence"].eq("computed"))
    annual = annual.sort_values([*keys, "year", "_computed"]).drop_duplicates([*keys, "year"])
    table = annual.pivot_table(index=keys, columns="year", values="value", aggfunc="first")
    present_years = [int(y) for y in table.columns]
    years = list(range(min(present_years), max(present_years) + 1))  # every year, so gaps show as empty columns
    rows = []
    for key, vals in table.iterrows():
        ind, rep, subj, ed = cast(tuple[str, str, str, str], key)
        ctype = str(cat.at[ind, "change_type"]) if ind in cat.index else "none"
        present = [y for y in years if pd.notna(vals.get(y))]
        latest = present[-1] if present else None
        latest_change = ten_change = None
        if latest is not None and pd.notna(vals.get(latest - 1)):
            latest_change = change_between(float(vals[latest]), float(vals[latest - 1]), ctype)
        if latest is not None and pd.notna(vals.get(latest - 10)):
            ten_change = change_between(float(vals[latest]), float(vals[latest - 10]), ctype)
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
    """Build the workbook for ``view`` and return it as bytes (openpyxl, write-only mode)."""
    when = (generated_at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    wb = Workbook(write_only=True)
    tidy = tidy_frame(view.observations, view.sources, view.catalogue)
    used_ids: set[str] = set()
    for ids in view.observations.get("source_ids", view.observations.get("source_id", pd.Series(dtype=str))).dropna():
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
    about = wb.create_sheet("About")
    about.column_dimensions["A"].width = 26
    about.column_dimensions["B"].width = 110
    about.freeze_panes = "A3"
    title = WriteOnlyCell(about, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", view.title))
    title.data_type = "s"
    title.font = TITLE_FONT
    about.append([title])
    about.append([])
    for key, value in lines:
        k = WriteOnlyCell(about, value=key)
        k.font = HEADER_FONT
        v = make_cell(about, value)
        cell = v if isinstance(v, Cell) else WriteOnlyCell(about, value=v)
        cell.alignment = WRAP_ALIGN
        about.append([k, cell])

    _frame_sheet(wb, "Data", tidy)
    for name, wide in wide_sheets:
        _frame_sheet(wb, name, wide, freeze="G2")
    for name, frame in extra_names:
        _frame_sheet(wb, name, frame)
    _frame_sheet(
        wb,
        "Sources",
        sources.reindex(columns=SOURCE_COLUMNS),
        fixed_widths=SOURCE_WIDTHS,
        link_columns=SOURCE_LINK_COLUMNS,
    )

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(*parts: object) -> str:
    """A safe file name: 'ruaz-trade-2014.xlsx' (letters, digits, '.', '_', '-' only)."""
    stem = "-".join(SAFE_NAME.sub("-", str(p)).strip("-") for p in parts if p not in (None, ""))
    stem = re.sub(r"-{2,}", "-", stem)[:80].strip("-.") or "export"
    return f"ruaz-{stem}.xlsx"
