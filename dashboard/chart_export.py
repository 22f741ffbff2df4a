"""What a chart carries when it leaves the page: its rows as CSV, its "view data" table, and the lines burned
into a PNG/SVG export (unit, sources with edition and date, where and when it was exported).

Pure functions of the frame behind a chart (the rows its source line cites), plus a collector: while a page
layout renders inside :func:`collecting`, :func:`dashboard.views.sources_for` hands it each chart's frame
under the chart's id, so that :mod:`dashboard.chart_routes` serves exactly the rows the page drew.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import pandas as pd

CSV_COLUMNS = [
    "indicator",
    "reporter",
    "subject",
    "period",
    "value",
    "unit",
    "qualifier",
    "source_id",
    "publisher",
    "edition",
    "url",
]
SOURCE_SUFFIX = "-src"  # a chart's source block is "<graph id>-src"
MAX_SOURCE_LINES = 6
SITE = "RU–AZ Indicators"

_FRAMES: ContextVar[dict[str, pd.DataFrame] | None] = ContextVar("chart_frames", default=None)


@contextmanager
def collecting() -> Iterator[dict[str, pd.DataFrame]]:
    """Collect the frame of every chart drawn inside the block: graph id -> frame."""
    frames: dict[str, pd.DataFrame] = {}
    token = _FRAMES.set(frames)
    try:
        yield frames
    finally:
        _FRAMES.reset(token)


def record(element_id: str, frame: pd.DataFrame) -> None:
    """Note the frame behind the chart whose source block is ``element_id`` (only inside :func:`collecting`)."""
    frames = _FRAMES.get()
    if frames is not None and element_id.endswith(SOURCE_SUFFIX):
        frames[element_id[: -len(SOURCE_SUFFIX)]] = frame


def chart_rows(frame: pd.DataFrame, sources: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """The rows behind a chart in :data:`CSV_COLUMNS`: the observations' own fields, the edition of the row,
    the publisher and URL of its source (``sources``: source_id -> source row)."""
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in CSV_COLUMNS})
    out = frame[["indicator", "reporter", "subject", "period", "value", "unit", "qualifier", "source_id"]].copy()
    out["publisher"] = [str(sources.get(str(s), {}).get("publisher") or "") for s in out["source_id"]]
    out["edition"] = frame["edition"].tolist() if "edition" in frame.columns else ""
    out["url"] = [str(sources.get(str(s), {}).get("url") or "") for s in out["source_id"]]
    return out.sort_values(["indicator", "reporter", "subject", "period", "source_id"], kind="stable").reset_index(
        drop=True
    )


def csv_text(rows: pd.DataFrame) -> str:
    """The CSV of a chart's rows (header first, values as data/clean writes them, missing cells empty)."""
    return str(rows.to_csv(index=False, lineterminator="\n"))


def _cell(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else html.escape(str(value))


def table_html(rows: pd.DataFrame, title: str) -> str:
    """The "view data" table: a caption naming the chart and the row count, column headers with scope, one
    row per figure with its source linked."""
    heads = ["Indicator", "Reporter", "Subject", "Period", "Value", "Unit", "Qualifier", "Source", "Edition"]
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    body = []
    for r in rows.itertuples(index=False):
        source = _cell(r.publisher) or _cell(r.source_id)
        if r.url:
            source = f'<a href="{_cell(r.url)}" target="_blank" rel="noopener noreferrer">{source}</a>'
        cells = [r.indicator, r.reporter, r.subject, r.period, r.value, r.unit, r.qualifier]
        body.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in cells) + f"<td>{source}</td>")
        body[-1] += f"<td>{_cell(r.edition)}</td></tr>"
    count = f"{len(rows)} row" + ("" if len(rows) == 1 else "s")
    caption = f"Data behind the chart “{html.escape(title)}”: {count}"
    return (
        f'<table class="table chart-table"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def source_lines(citations: list[dict[str, Any]]) -> list[str]:
    """One line per source: 'Source: publisher, edition (date)', each line once (two customs workbooks of one
    edition read alike); more than six end in '… and N more'."""
    lines: list[str] = []
    for c in citations:
        text = f"Source: {c.get('publisher') or c.get('source_id')}"
        if c.get("edition"):
            text += f", {c['edition']}"
        if c.get("date"):
            text += f" ({c['date']})"
        if text not in lines:
            lines.append(text)
    if len(lines) > MAX_SOURCE_LINES:
        more = len(lines) - MAX_SOURCE_LINES
        lines = [*lines[:MAX_SOURCE_LINES], f"… and {more} more sources (see the chart's CSV)"]
    return lines


def export_meta(
    title: str, unit: str, citations: list[dict[str, Any]], view_url: str, built: str, today: str, name: str
) -> dict[str, Any]:
    """What a PNG/SVG export burns in below the plot, and its file name.

    ``unit`` is the chart's unit line, ``view_url`` the page's address with its query, ``built`` the date the
    clean data were built, ``today`` the export date, ``name`` the file name without extension.
    """
    lines = [f"Unit: {unit}"] if unit else []
    lines += source_lines(citations) or ["Source: no data in view"]
    lines.append(f"{SITE} · {view_url} · data built {built} · exported {today}")
    return {"title": title, "lines": lines, "filename": name}


def figure_texts(figure: Any) -> tuple[str, str]:
    """(title, unit line) of a figure as the builders draw it: the layout title and the annotation 'unit'."""
    layout = figure.layout if hasattr(figure, "layout") else (figure or {}).get("layout", {})
    title = layout.title.text if hasattr(layout, "title") else (layout.get("title") or {}).get("text")
    annotations = layout.annotations if hasattr(layout, "annotations") else layout.get("annotations", [])
    unit = next((a["text"] for a in annotations if a["name"] == "unit"), "")
    return str(title or ""), str(unit or "")


def file_name(graph_id: str, query: Mapping[str, Any]) -> str:
    """'ruaz-<graph id>' plus the selected year or range when the view has one."""
    parts = ["ruaz", graph_id]
    for key in ("year", "from", "to"):
        value = query.get(key)
        if isinstance(value, str) and value.isdigit():
            parts.append(f"{key}{value}" if key != "year" else value)
    return "-".join(parts)
