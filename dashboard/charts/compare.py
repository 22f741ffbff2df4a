"""Figures of the compare page (/compare): the slope chart and the comparison grid's definitions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go

from dashboard.commentary.words import az_ordinal
from dashboard.figures import SLOPE_EMPTY, slope_figure
from dashboard.i18n import _, tr
from dashboard.queries.compare import MAX_SLOPE_LINES, NOTHING_TICKED, slope_rows
from dashboard.queries.compare_display import display_rows

P = "cmp"
# the query parameter of a /compare view that names the slope chart's rows (a leading "_": the page spec's
# parser passes over it without a notice; the page's own address never carries it)
SLOPE_ROWS_PARAM = "_rows"


def slope_chart(table: pd.DataFrame, ids: Sequence[str], a: int, b: int) -> tuple[go.Figure, str]:
    """The slope chart of the selected rows and a caption saying what was left out.

    With nothing ticked, or nothing that can be indexed, the chart is a centred message, not empty axes.
    """
    rows, left_out = slope_rows(table, ids)
    notes = []
    if len(rows) > MAX_SLOPE_LINES:
        notes.append(_("Showing the first {n} of {total} selected rows.").format(n=MAX_SLOPE_LINES, total=len(rows)))
        rows = rows.head(MAX_SLOPE_LINES)
    if left_out:
        shown = "; ".join(left_out[:5]) + (_("; … {n} more").format(n=len(left_out) - 5) if len(left_out) > 5 else "")
        text = _("Not drawn (no value in one of the years, or a year-{a} value of zero or below): {rows}.")
        notes.append(text.format(a=a, year_ord=az_ordinal(a), rows=shown))
    if not ids:
        notes.append(f"{tr(NOTHING_TICKED)}.")
    fig = slope_figure(rows, a, b, empty_message=tr(NOTHING_TICKED) if not ids else SLOPE_EMPTY)
    # the ticked rows are not in the page's address: the chart's tools add its drawn rows to the view they ask
    # /chart-data/ for (assets/chart_export.js), so that its CSV, table and image cite exactly these lines
    fig.update_layout(meta={"view_query": urlencode([(SLOPE_ROWS_PARAM, r) for r in rows["row_id"]])})
    return fig, " ".join(notes)


def grid_rows(table: pd.DataFrame, labels: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """JSON-ready grid rows (NaN -> None), their texts in the language being rendered now (``labels``: indicator
    labels in that language, :func:`dashboard.queries.compare_display.display_rows`)."""
    table = display_rows(table, labels or {})
    records = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    return [{str(k): v for k, v in r.items()} for r in records]


def _text_col(field: str, header: str, text_field: str, width: int = 110) -> dict[str, Any]:
    # The cell shows the text column (e.g. "no data for 2013") but sorts and filters on the number.
    return {
        "field": field,
        "headerName": header,
        "cellDataType": "number",
        "filter": "agNumberColumnFilter",
        "cellRenderer": "RuazText",
        "cellRendererParams": {"textField": text_field},
        "width": width,
        "type": "rightAligned",
    }


def column_defs(a: int, b: int) -> list[dict[str, Any]]:
    """Grid columns; the A and B headers carry the years.

    The indicator and its edition / source are pinned left, so they stay in view when the grid scrolls;
    % change and pp change are separate numeric columns (never sorted together).
    """
    text = {"cellDataType": "text", "filter": "agTextColumnFilter"}
    return [
        # the indicator's name wraps and its row grows to fit (a Russian or Azerbaijani name may take three or
        # four lines on a phone, where the column is 150 px: assets/phone.js)
        {
            "field": "label",
            "headerName": _("Indicator"),
            "width": 240,
            "pinned": "left",
            "wrapText": True,
            "autoHeight": True,
            **text,
        },
        {
            "field": "edition_source",
            "headerName": _("Edition / source"),
            "width": 250,
            "pinned": "left",
            "lockPinned": True,
            "tooltipField": "edition_source",
            **text,
        },
        {"field": "reporter", "headerName": _("Reporter"), "width": 90, **text},
        {"field": "subject", "headerName": _("Subject"), "width": 100, **text},
        {"field": "unit", "headerName": _("Unit"), "width": 100, **text},
        _text_col("value_a", str(a), "text_a"),
        _text_col("value_b", str(b), "text_b"),
        _text_col("abs_change", _("Absolute change"), "abs_text", 130),
        _text_col("pct_change", _("% change"), "pct_text", 120),
        _text_col("pp_change", _("pp change"), "pp_text", 110),
        {"field": "flags", "headerName": _("Flags"), "width": 150, **text},
        {"field": "status_text", "headerName": _("Coverage"), "width": 110, **text},
    ]


def comparison_grid(
    table: pd.DataFrame, a: int, b: int, selected: Sequence[str], labels: Mapping[str, str] | None = None
) -> dag.AgGrid:
    """Sortable, filterable grid with multi-row selection (ticked rows feed the slope chart)."""
    return dag.AgGrid(
        id=f"{P}-grid",
        rowData=grid_rows(table, labels),
        columnDefs=column_defs(a, b),
        defaultColDef={"sortable": True, "filter": True, "floatingFilter": True, "resizable": True},
        getRowId="params.data.row_id",
        selectedRows={"ids": list(selected)},
        dashGridOptions={
            "rowSelection": {"mode": "multiRow", "selectAll": "filtered"},
            "selectionColumnDef": {"pinned": "left", "width": 50},
            "suppressFieldDotNotation": True,
            "animateRows": False,
            "suppressColumnVirtualisation": True,
            "tooltipShowDelay": 300,
        },
        style={"height": "560px", "width": "100%"},
    )
