"""Build a view's workbook: About, Data, one wide sheet per domain, Charts, extra tables, Sources.

openpyxl in write-only mode holds the package: styles, Excel tables, charts, print setup, hyperlinks;
the cells are serialised by :mod:`dashboard.workbook.cells`. Numbers are stored as numbers with a format
per unit; text starting with = + - @ stays text (never a formula); the only links are the URL cells'
hyperlinks to the sources; no external workbook links and no macros.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from dashboard import __version__
from dashboard.workbook.cells import (
    Column,
    SheetRows,
    Styles,
    cell_xml,
    clean_text,
    splice_rows,
    text_cell,
    workbook_styles,
)
from dashboard.workbook.charts import ChartBlock, chart_blocks, movers_block, write_chart
from dashboard.workbook.frames import (
    BLANK_NOTE,
    CHANGE_HEADERS,
    PERCENT_FORMAT,
    drop_empty_columns,
    frame_columns,
    localise_labels,
    tidy_frame,
    unit_format,
    wide_frame,
)
from dashboard.workbook.layout import add_table, print_setup, set_widths, source_line, table_name
from dashboard.workbook.words import filter_value, w, wn, word
from indicators.schemas import SourceSchema as S

MAX_SHEET_NAME = 31
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
LINK_COLUMNS = ("url", "copy_url", "source_url")
SOURCE_WIDTHS = {"cite_as": 50.0, "title": 60.0, "url": 60.0, "copy_url": 60.0, "licence": 40.0, "note": 40.0}
# columns of extra tables that hold a figure in the row's unit (a comparison's year columns also do)
UNIT_VALUED = ("value", "value_high", "absolute change")
ID_COLUMNS = ("indicator", "label", "reporter", "subject", "edition", "unit")

TERMS = [
    wn(
        "IMF Direction of Trade Statistics: data © IMF, reused under the IMF Copyright and Usage terms; cite "
        "'IMF, Direction of Trade Statistics'."
    ),
    wn(
        "SIPRI Arms Transfers and Military Expenditure Databases: cite 'SIPRI Arms Transfers Database' / "
        "'SIPRI Military Expenditure Database' with the release; free for non-commercial use."
    ),
    wn(
        "TIV (SIPRI trend-indicator value) measures the volume of arms transfers, not their financial value: "
        "never compare it with money."
    ),
    wn(
        "BP Statistical Review of World Energy 2021 and Energy Institute Statistical Review of World Energy 2025 "
        "(via Our World in Data): cite the edition; Statistical Review gas is marketed production."
    ),
    wn("Press and official statements are cited to the outlet and the person or body quoted; see Sources."),
    wn(
        "Computed rows (confidence = computed) state their formula; nothing is estimated or interpolated, and "
        "a missing year is left empty."
    ),
]


@dataclass
class ExportView:
    """The data behind one view of the dashboard.

    ``release`` is the SIPRI release the view shows (charts of TIV and shares use it; None: the latest
    in SIPRI's own export format among the view's rows); ``movers`` a comparison table whose largest
    % changes are charted (the /compare export), with its years; ``lang`` the reader's language (en, ru,
    az): the workbook's words, labels and vocabulary names in it, its numbers the same in every language.
    """

    title: str
    filters: Mapping[str, str]
    observations: pd.DataFrame
    sources: pd.DataFrame
    catalogue: pd.DataFrame
    extra_tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    release: str | None = None
    movers: tuple[pd.DataFrame, int, int] | None = None
    lang: str = "en"


@dataclass
class Context:
    """What every sheet of one workbook shares: the workbook, its styles, titles and table names."""

    wb: Any
    styles: Styles
    title: str
    generated: str
    sources: pd.DataFrame
    lang: str = "en"
    tables: set[str] = field(default_factory=set)


def sheet_name(text: str) -> str:
    """A valid sheet name (no []:*?/\\, at most 31 characters)."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return name[:MAX_SHEET_NAME] or "Sheet"


def source_ids(frame: pd.DataFrame) -> Iterable[Any]:
    """The source ids cited by a frame's rows (``source_ids`` of computed rows, else ``source_id``)."""
    for column in ("source_ids", "source_id"):
        if column in frame.columns:
            return frame[column].dropna()
    return []


def table_sheet(
    ctx: Context,
    key: str,
    columns: Sequence[Column],
    line: str,
    note: str | None = None,
    freeze_col: int = 0,
) -> None:
    """A sheet holding one table: optional note row, bold header, typed rows, Excel table, print setup.

    ``key`` is the sheet's English name: the sheet is named in the workbook's language, its table
    ``tbl_<key>`` (ASCII, the same in every language).
    """
    ws = ctx.wb.create_sheet(sheet_name(word(key, ctx.lang)))
    rows = SheetRows()
    if note:
        rows.text_row(ctx.styles, [note], "note")
    header, last = rows.table(ctx.styles, columns)
    set_widths(ws, columns)
    ws.freeze_panes = f"{get_column_letter(freeze_col + 1)}{header + 1}"
    add_table(ws, table_name(key, ctx.tables), columns, header, last)
    print_setup(ws, ctx.title, line, ctx.generated, f"{header}:{header}" if not note else f"1:{header}", ctx.lang)
    splice_rows(ws, rows)


def wide_columns(wide: pd.DataFrame, lang: str = "en") -> list[Column]:
    """The wide sheet's columns: years and changes formatted per row (unit, change unit)."""
    years = [c for c in wide.columns if str(c).isdigit()]
    columns = frame_columns(wide, unit_value_columns=years, lang=lang)
    if "change unit" in wide.columns:
        change_formats = [unit_format(u) if isinstance(u, str) else None for u in wide["change unit"]]
        for name, col in zip(wide.columns, columns, strict=True):
            if name in CHANGE_HEADERS[:2]:
                col.formats, col.number_format = change_formats, None
    for name, col in zip(wide.columns, columns, strict=True):
        if name == "latest year":
            col.number_format, col.integer = "0", True
    return columns


def about_sheet(ctx: Context, view: ExportView, rows_in_data: int, sheets: Sequence[str]) -> None:
    """Title, generation time, version, filters, sheet list, citation and terms."""
    lang = ctx.lang
    lines: list[tuple[str, Any]] = [
        (w(lang, "Title"), ctx.title),
        (w(lang, "Generated (UTC)"), ctx.generated),
        (w(lang, "App version"), __version__),
        (w(lang, "Rows in Data sheet"), rows_in_data),
    ]
    filters = [(w(lang, "Filter: {name}", name=word(k, lang)), filter_value(v, lang)) for k, v in view.filters.items()]
    lines += filters or [(w(lang, "Filters"), w(lang, "none (everything)"))]
    lines += [(w(lang, "Sheets"), ", ".join(sheets))]
    lines += [(w(lang, "Citation and terms"), w(lang, t)) for t in TERMS]
    ws = ctx.wb.create_sheet(sheet_name(w(lang, "About")))
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 110
    ws.freeze_panes = "A3"
    rows = SheetRows()
    rows.text_row(ctx.styles, [ctx.title], "title")
    rows.skip()
    key_col = Column("", [k for k, _ in lines])
    value_col = Column("", [v for _, v in lines], wrap=True)
    for key, value in zip(key_col.values, value_col.values, strict=True):
        r = rows.next_row
        value_cell = rows_cell(ctx.styles, f"B{r}", value)
        key_cell = rows_cell(ctx.styles, f"A{r}", key, "bold")
        rows.parts.append(f'<row r="{r}">{key_cell}{value_cell}</row>')
        rows.next_row += 1
    line = source_line(source_ids(view.observations), ctx.sources, lang=lang)
    print_setup(ws, ctx.title, line, ctx.generated, "1:1", lang)
    splice_rows(ws, rows)


def rows_cell(styles: Styles, ref: str, value: Any, purpose: str | None = None) -> str:
    """One About cell: a bold key, or a wrapped value (numbers stay numbers)."""
    if purpose == "bold":
        return text_cell(ref, clean_text(value), styles.get("bold"))
    return cell_xml(ref, value, styles, "0" if isinstance(value, int) else None, True, False)


def charts_sheet(ctx: Context, blocks: Sequence[ChartBlock]) -> None:
    """One block of cells and its chart per indicator group, each with its source line underneath."""
    lang = ctx.lang
    ws = ctx.wb.create_sheet(sheet_name(w(lang, "Charts")))
    rows = SheetRows()
    note = w(lang, "Charts of the main series; each draws the cells beside it (edit them freely).")
    rows.text_row(ctx.styles, [note], "note")
    rows.skip()
    width = max(len(b.names) for b in blocks) + 1
    for j in range(1, width + 1):
        ws.column_dimensions[get_column_letter(j)].width = 12.0 if j > 1 else 30.0
    for block in blocks:
        write_chart(ws, rows, ctx.styles, block, lang)
    prefix = w(lang, "Sources: {list}", list="")
    lines = "; ".join(sorted({b.source.removeprefix(prefix) for b in blocks if b.source}))
    footer = w(lang, "Sources: {list}", list=lines)[:110] if lines else ""
    print_setup(ws, ctx.title, footer, ctx.generated, None, lang)
    splice_rows(ws, rows)


def build_workbook(view: ExportView, generated_at: dt.datetime | None = None) -> bytes:
    """Build the workbook for ``view`` (in ``view.lang``) and return it as bytes."""
    lang = view.lang
    when = (generated_at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    wb = Workbook(write_only=True)
    ctx = Context(wb, workbook_styles(wb), word(view.title, lang), when.isoformat(), view.sources, lang)
    tidy = drop_empty_columns(tidy_frame(view.observations, view.sources, view.catalogue, lang))
    used: set[str] = set()
    for ids in [source_ids(view.observations), *[source_ids(e) for e in view.extra_tables.values()]]:
        for value in ids:
            used.update(str(value).split(";"))
    sources = view.sources[view.sources["source_id"].isin(used)].sort_values("source_id")

    domains = view.catalogue.set_index("indicator_id")["domain"]
    obs_domain = view.observations["indicator"].map(domains)
    wide_sheets: list[tuple[str, pd.DataFrame, pd.DataFrame]] = []
    for domain in sorted(obs_domain.dropna().unique()):
        rows = view.observations[obs_domain == domain]
        wide = wide_frame(rows, view.catalogue, lang)
        if not wide.empty:
            wide_sheets.append((sheet_name(f"{str(domain).capitalize()} wide"), wide, rows))
    blocks = [] if view.movers else chart_blocks(view.observations, view.catalogue, view.sources, view.release, lang)
    if view.movers:
        table = localise_labels(view.movers[0], view.catalogue, lang)
        mover = movers_block(table, view.movers[1], view.movers[2], view.sources, lang)
        blocks = [mover] if mover else []
    extras = [
        (sheet_name(k), localise_labels(drop_empty_columns(v), view.catalogue, lang))
        for k, v in view.extra_tables.items()
    ]
    keys = ["About", "Data", *[n for n, _, _ in wide_sheets], *(["Charts"] if blocks else []), *[n for n, _ in extras]]
    sheet_list = [sheet_name(word(k, lang)) for k in [*keys, "Sources"]]

    about_sheet(ctx, view, len(tidy), sheet_list)
    line = source_line(source_ids(view.observations), view.sources, lang=lang)
    data_cols = frame_columns(tidy, link_columns=LINK_COLUMNS, unit_value_columns=("value", "value_high"), lang=lang)
    table_sheet(ctx, "Data", data_cols, line)
    for name, wide, rows in wide_sheets:
        freeze = sum(1 for c in wide.columns if c in ID_COLUMNS)
        wide_line = source_line(source_ids(rows), view.sources, lang=lang)
        table_sheet(ctx, name, wide_columns(wide, lang), wide_line, w(lang, BLANK_NOTE), freeze)
    if blocks:
        charts_sheet(ctx, blocks)
    for name, frame in extras:
        cols = frame_columns(
            frame,
            link_columns=LINK_COLUMNS,
            unit_value_columns=[c for c in frame.columns if c in UNIT_VALUED or str(c).isdigit()],
            formats={"% change": PERCENT_FORMAT, "pp change": PERCENT_FORMAT},
            lang=lang,
        )
        table_sheet(ctx, name, cols, source_line(source_ids(frame), view.sources, lang=lang) or line)
    source_frame = drop_empty_columns(sources.reindex(columns=SOURCE_COLUMNS), keep=("url",))
    # citations stay as published: only the headers are translated
    source_cols = frame_columns(source_frame, link_columns=LINK_COLUMNS, widths=SOURCE_WIDTHS, lang=lang)
    for name, col in zip(source_frame.columns, source_cols, strict=True):
        col.wrap = col.wrap or name in SOURCE_WIDTHS
    table_sheet(ctx, "Sources", source_cols, w(lang, "Sources cited: {count}", count=len(sources)))

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
