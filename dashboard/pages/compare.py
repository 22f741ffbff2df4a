"""Compare years (/compare): every annual series in year A against year B, a slope chart, an export.

The comparison maths are pure functions of the store (:func:`compare_table`,
:func:`resolve_years`, :func:`selected_ids`), so they are tested without a
browser; the callbacks only wire them to the grid, the chart and the download.
A missing side is written out as "no data for <year>": nothing is filled,
carried forward or set to zero.

SIPRI revises past years in every release, so the arms-transfer (TIV) rows come
from one release at a time, picked as on /arms (query parameter ``release``,
the same keys; default the first of ``data.tiv_releases``); the other rows do
not depend on it. A percentage change and a change in percentage points are
different measures, so they sit in separate columns and never sort together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

import dash
import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, Patch, State, callback, clientside_callback, dcc, html, no_update

from dashboard.caching import never_cache
from dashboard.components import GRAPH_CONFIG, notices, page_header
from dashboard.data import DataStore, release_label, short_publisher, store
from dashboard.figures import SLOPE_EMPTY, fmt_value, slope_figure
from dashboard.protocol import PageSpec
from dashboard.releases import release_key, release_keys
from dashboard.state import Param
from dashboard.views import export_bytes, send_workbook, value_text
from indicators.derive import change_between, same_provenance

__all__ = ["release_key", "release_keys"]

P = "cmp"
KEYS = ["indicator", "reporter", "subject", "edition"]
DOMAIN_ORDER = ["trade", "energy", "arms", "investment", "finance", "transport", "tourism"]
STATUS_ORDER = {"both": 0, "a": 1, "b": 2, "neither": 3}
# Series drawn on the slope chart when nobody has chosen rows yet (those with values in both years).
HEADLINES: tuple[tuple[str, str, str], ...] = (
    ("trade_az_ru_turnover", "AZ", ""),
    ("trade_az_ru_turnover", "RU", ""),
    ("trade_ru_share_of_az_trade", "AZ", ""),
    ("trade_az_share_of_ru_trade", "RU", ""),
    ("energy_oil_production_twh", "EI", "AZ"),
    ("energy_gas_production_twh", "EI", "AZ"),
    ("arms_tiv_5y_share", "SIPRI", "Russia"),
    ("arms_milex_current_usd", "SIPRI", "AZ"),
)
MAX_DEFAULT_ROWS = 6
MAX_SLOPE_LINES = 12
MAX_SELECTION = 500
NO_RELATIVE = {"absolute": "absolute change only", "none": "no relative change"}
NOTHING_TICKED = "Tick rows in the table to draw them here"
COLUMNS = [
    "row_id",
    "indicator",
    "label",
    "domain",
    "reporter",
    "subject",
    "edition",
    "edition_source",
    "unit",
    "change_type",
    "value_a",
    "value_b",
    "text_a",
    "text_b",
    "abs_change",
    "abs_text",
    "pct_change",
    "pct_text",
    "pp_change",
    "pp_text",
    "flags",
    "status",
    "status_text",
    "obs_a",
    "obs_b",
    "source_id",
]


# ----------------------------------------------------------------- pure maths
def no_data_text(year: int) -> str:
    """What a missing side says (never 0, never blank)."""
    return f"no data for {year}"


def default_years(data: DataStore) -> tuple[int, int]:
    """B = the latest year with annual data, A = the year before it (or B itself if there is none)."""
    years = data.years
    b = years[-1]
    earlier = [y for y in years if y < b]
    return (b - 1 if (b - 1) in years else (earlier[-1] if earlier else b)), b


def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page: years A and B, and the SIPRI release of the TIV rows (keys as on /arms)."""
    years = data.years
    keys = list(release_keys(data))
    return {
        "a": Param("year", None, lo=years[0], hi=years[-1], label="year A"),
        "b": Param("year", None, lo=years[0], hi=years[-1], label="year B"),
        "release": Param("choice", keys[0] if keys else None, choices=keys, label="SIPRI release"),
    }


# the URL names years A and B and the release even when they are the defaults (as before the page protocol)
SPEC = PageSpec(P, params, url_keeps_defaults=True)
dash.register_page(
    __name__, path="/compare", name="Compare years", title="Compare years · RU–AZ Indicators", order=4, spec=SPEC
)


def default_release(data: DataStore) -> str:
    """The release shown unless one is picked: the first of ``data.tiv_releases``."""
    return data.tiv_releases[0]


def resolve_release(data: DataStore, key: str | None) -> str:
    """The SIPRI release behind a parsed release key (a key as on /arms; None -> the default)."""
    return release_keys(data).get(key or "", default_release(data))


def release_options(data: DataStore) -> list[dict[str, str]]:
    """Dropdown options of the release picker, as on /arms."""
    return [{"label": release_label(e), "value": k} for k, e in release_keys(data).items()]


def release_note(data: DataStore, edition: str) -> str:
    """What the release picker changes."""
    others = len(data.tiv_releases) - 1
    return (
        f"Arms transfer (TIV) rows: SIPRI {release_label(edition)}. SIPRI revises past years in every release, "
        f"so the {others} other release{'' if others == 1 else 's'} can be picked above, one at a time; "
        "no other row depends on the release."
    )


def view_inputs(data: DataStore, a: Any, b: Any, release: Any, swap: bool = False) -> tuple[int, int, str, list[str]]:
    """Callback inputs (dropdowns, the view store) -> years A and B, the release and the notices.

    The values go through the page spec's parser (the one that reads the URL), then :func:`resolve_years`.
    """
    sel = SPEC.selection(data, {"a": a, "b": b, "release": release})
    ya, yb, notes = resolve_years(data, sel["a"], sel["b"], swap)
    return ya, yb, resolve_release(data, sel["release"]), [*sel.notices, *notes]


def resolve_years(data: DataStore, a: int | None, b: int | None, swap: bool = False) -> tuple[int, int, list[str]]:
    """Parsed years A and B (None = not given) -> the years compared, with a notice for each fallback.

    A year inside the data's range but without annual data falls back to the default.
    A given alone keeps the default B; B given alone takes the latest year before it as A.
    A after B falls back to the defaults (a tampered link), or with ``swap`` (the dropdowns) swaps them.
    """
    years = data.years
    default_a, default_b = default_years(data)
    notes: list[str] = []
    picked: list[int | None] = []
    for name, year in (("A", a), ("B", b)):
        if year is not None and year not in years:
            notes.append(f"No annual data for {year} (year {name}); showing the default.")
        picked.append(year if year in years else None)
    ya, yb = picked
    if yb is None:
        yb = default_b
    if ya is None:
        earlier = [y for y in years if y < yb]
        if yb == default_b or not earlier:
            if not earlier:
                notes.append(f"No year before {yb} to compare with; showing the default.")
            ya, yb = default_a, default_b
        else:
            ya = earlier[-1]
    if ya > yb:
        if swap:
            notes.append(f"Year A ({ya}) was after year B ({yb}); swapped them.")
            ya, yb = yb, ya
        else:
            notes.append(f"Year A ({ya}) is after year B ({yb}); showing {default_a} → {default_b}.")
            ya, yb = default_a, default_b
    return ya, yb, notes


def store_entry(data: DataStore, indicator: str) -> dict[str, Any]:
    """Catalogue entry of an indicator, empty when the catalogue lacks it."""
    return data.catalogue_index.get(indicator, {})


FIELDS = [
    *KEYS,
    "year",
    "obs_id",
    "value",
    "value_high",
    "qualifier",
    "value_text",
    "confidence",
    "source_id",
    "source_ids",
    "unit",
]


def _annual(data: DataStore, release: str) -> pd.DataFrame:
    """Annual series rows with subject and edition as text ('' when none), so that they can be keys.

    Rows of every SIPRI TIV release other than ``release`` are left out; all other rows are kept.
    """
    ann = data.annual[FIELDS]
    others = [e for e in data.tiv_releases if e != release]
    ann = ann[~ann["edition"].isin(others)]
    return ann.assign(subject=ann["subject"].fillna(""), edition=ann["edition"].fillna(""))


def _one_per_key(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per series key: a published figure wins over a computed one (as on the KPI cards)."""
    rows = rows.assign(_computed=rows["confidence"].eq("computed"))
    rows = rows.sort_values([*KEYS, "_computed", "obs_id"]).drop_duplicates(KEYS, keep="first")
    return rows.drop(columns="_computed")


def _by_key(rows: pd.DataFrame) -> dict[tuple[str, ...], dict[str, Any]]:
    """Rows as dicts keyed by (indicator, reporter, subject, edition)."""
    records = rows.to_dict(orient="records")
    return {tuple(str(r[k]) for k in KEYS): {str(c): v for c, v in r.items()} for r in records}


def row_id(indicator: str, reporter: str, subject: str, edition: str) -> str:
    """Stable id of a series row (also the grid's row id)."""
    return "|".join((indicator, reporter, subject, edition))


def _signed(value: float) -> str:
    text = fmt_value(value, "")
    return text if value < 0 or text.startswith("-") else "+" + text


NOT_COMPUTED_TEXT = "not computed: different sources"
# A and B from different sources or editions: the change is not computed (same rule as the build's changes)
NOT_COMPARABLE: dict[str, Any] = {
    "abs_change": None,
    "abs_text": NOT_COMPUTED_TEXT,
    "pct_change": None,
    "pct_text": NOT_COMPUTED_TEXT,
    "pp_change": None,
    "pp_text": NOT_COMPUTED_TEXT,
}


def approximate(texts: dict[str, Any], ra: dict[str, Any] | None, rb: dict[str, Any] | None) -> dict[str, Any]:
    """A change computed from an approximate figure is approximate: its texts get a '~'."""
    if not any(r is not None and r.get("qualifier") == "approximate" for r in (ra, rb)):
        return texts
    out = dict(texts)
    for key, change in (("abs_text", "abs_change"), ("pct_text", "pct_change"), ("pp_text", "pp_change")):
        if out.get(change) is not None:
            out[key] = "~" + str(out[key])
    return out


def change_texts(change_type: str, va: float | None, vb: float | None, a: int, b: int) -> dict[str, Any]:
    """Absolute change, % change and change in pp of B on A per the catalogue's change type.

    A percent-type row fills only the % columns, a share only the pp columns: the two measures never
    share a column. Other types say in the % column why there is no relative change; values are None
    when missing, and a missing side is written "no data for <year>".
    """
    out: dict[str, Any] = {"abs_change": None, "pct_change": None, "pct_text": "", "pp_change": None, "pp_text": ""}
    relative = "pp" if change_type == "percentage_points" else "pct"
    if va is None or vb is None:
        text = "; ".join(no_data_text(y) for y, v in ((a, va), (b, vb)) if v is None)
        return {**out, "abs_text": text, f"{relative}_text": text}
    diff = vb - va
    out["abs_change"] = diff
    if change_type == "percentage_points":
        pp = change_between(vb, va, change_type)
        return {**out, "abs_text": f"{diff:+,.2f} pp", "pp_change": pp, "pp_text": f"{pp:+,.2f} pp"}
    if change_type == "percent":
        pct = change_between(vb, va, change_type)
        pct_text = f"{pct:+,.1f}%" if pct is not None else f"not defined ({a} is 0)"
        return {**out, "abs_text": _signed(diff), "pct_change": pct, "pct_text": pct_text}
    return {**out, "abs_text": _signed(diff), "pct_text": NO_RELATIVE.get(change_type, "no relative change")}


def _flags(side: str, row: dict[str, Any] | None) -> list[str]:
    if row is None:
        return []
    flags = []
    if row["confidence"] == "computed":
        flags.append(f"{side} computed")
    if row["qualifier"] != "exact":
        flags.append(f"{side} {str(row['qualifier']).replace('_', ' ')}")
    return flags


def _publishers(data: DataStore, source_ids: Iterable[str]) -> str:
    names: list[str] = []
    for ids in source_ids:
        for sid in str(ids).split(";"):
            src = data.source_index.get(sid)
            name = short_publisher(str(src["publisher"])) if src else sid
            if name not in names:
                names.append(name)
    return "; ".join(names)


def compare_table(data: DataStore, a: int, b: int, release: str) -> pd.DataFrame:
    """One row per annual series (indicator × reporter × subject × edition) with its A and B values and changes.

    Every series in ``data.annual`` gets a row, whether or not it has a value in A or B, except the
    TIV series of SIPRI releases other than ``release`` (an edition of ``data.tiv_releases``);
    a missing side is ``None`` with the text "no data for <year>". Rows are sorted:
    both years first, then one year, then neither; within that by domain and label.
    """
    ann = _annual(data, release)
    keys = ann[KEYS].drop_duplicates()
    side_a = _by_key(_one_per_key(ann[ann["year"] == a]))
    side_b = _by_key(_one_per_key(ann[ann["year"] == b]))
    series_sources: dict[tuple[str, ...], list[str]] = {}
    for *key_parts, sid in ann[[*KEYS, "source_ids"]].drop_duplicates().itertuples(index=False, name=None):
        series_sources.setdefault(tuple(str(k) for k in key_parts), []).append(str(sid))
    records = []
    for raw_key in keys.itertuples(index=False, name=None):
        key: tuple[str, ...] = tuple(str(k) for k in raw_key)
        ind, rep, subj, ed = key
        cat = store_entry(data, ind)
        ra, rb = side_a.get(key), side_b.get(key)
        va = float(ra["value"]) if ra is not None else None
        vb = float(rb["value"]) if rb is not None else None
        ctype = str(cat.get("change_type") or "none")
        used = [r["source_ids"] for r in (ra, rb) if r is not None] or series_sources[key]
        status = (
            "both"
            if ra is not None and rb is not None
            else ("a" if ra is not None else ("b" if rb is not None else "neither"))
        )
        status_text = {"both": "both years", "a": f"{a} only", "b": f"{b} only", "neither": "neither year"}[status]
        unit_row = ra if ra is not None else rb
        flags = _flags("A", ra) + _flags("B", rb)
        comparable = ra is None or rb is None or same_provenance([pd.Series(ra), pd.Series(rb)])
        if not comparable:
            flags.append("different sources")
        records.append(
            {
                "row_id": row_id(ind, rep, subj, ed),
                "indicator": ind,
                "label": str(cat.get("label") or ind),
                "domain": str(cat.get("domain") or ""),
                "reporter": rep,
                "subject": subj,
                "edition": ed,
                "edition_source": ed or _publishers(data, used),
                "unit": str(cat.get("unit") or (unit_row["unit"] if unit_row is not None else "")),
                "change_type": ctype,
                "value_a": va,
                "value_b": vb,
                "text_a": value_text(ra, "") if ra is not None else no_data_text(a),
                "text_b": value_text(rb, "") if rb is not None else no_data_text(b),
                **(approximate(change_texts(ctype, va, vb, a, b), ra, rb) if comparable else NOT_COMPARABLE),
                "flags": "; ".join(flags),
                "status": status,
                "status_text": status_text,
                "obs_a": str(ra["obs_id"]) if ra is not None else None,
                "obs_b": str(rb["obs_id"]) if rb is not None else None,
                "source_id": ";".join(dict.fromkeys(str(s) for s in used)),
            }
        )
    table = pd.DataFrame.from_records(records, columns=COLUMNS)
    order = {d: i for i, d in enumerate(DOMAIN_ORDER)}
    table = table.assign(
        _s=table["status"].map(STATUS_ORDER), _d=table["domain"].map(order).fillna(len(order))
    ).sort_values(["_s", "_d", "label", "reporter", "subject", "edition"], kind="stable")
    return table.drop(columns=["_s", "_d"]).reset_index(drop=True)


def default_selection(table: pd.DataFrame) -> list[str]:
    """Headline rows with values in both years (a few), else the first rows that have both."""
    both = table[table["status"] == "both"]
    ids: list[str] = []
    for ind, rep, subj in HEADLINES:
        hit = both[(both["indicator"] == ind) & (both["reporter"] == rep) & (both["subject"] == subj)]
        ids.extend(i for i in hit["row_id"] if i not in ids)
    if not ids:
        ids = list(both["row_id"].head(3))
    return ids[:MAX_DEFAULT_ROWS]


def selected_ids(selection: Any, known: Iterable[str]) -> list[str]:
    """Row ids from the grid's ``selectedRows`` (a list of rows or {'ids': [...]}); garbage is dropped."""
    if isinstance(selection, dict):
        items: Any = selection.get("ids")
    else:
        items = selection
    if not isinstance(items, list):
        return []
    allowed = set(known)
    out: list[str] = []
    for item in items[:MAX_SELECTION]:
        rid = item.get("row_id") if isinstance(item, dict) else item
        if isinstance(rid, str) and rid in allowed and rid not in out:
            out.append(rid)
    return out


def slope_label(row: pd.Series) -> str:
    """Short series name for the slope chart."""
    who = f"{row['reporter']}-reported" if row["reporter"] in ("AZ", "RU") else str(row["reporter"])
    subject = f" — {row['subject']}" if row["subject"] else ""
    return f"{row['label']}{subject} ({who})"


def slope_rows(table: pd.DataFrame, ids: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Selected rows that can be indexed (values in both years, A > 0), and the names of those left out."""
    chosen = table[table["row_id"].isin(list(ids))]
    ok = chosen[(chosen["status"] == "both") & (chosen["value_a"].fillna(0) > 0)]
    left_out = [slope_label(r) for _, r in chosen[~chosen["row_id"].isin(ok["row_id"])].iterrows()]
    rows = ok.assign(label=[slope_label(r) for _, r in ok.iterrows()])
    return rows[["row_id", "label", "value_a", "value_b", "unit"]], left_out


def slope_chart(table: pd.DataFrame, ids: Sequence[str], a: int, b: int) -> tuple[go.Figure, str]:
    """The slope chart of the selected rows and a caption saying what was left out.

    With nothing ticked, or nothing that can be indexed, the chart is a centred message, not empty axes.
    """
    rows, left_out = slope_rows(table, ids)
    notes = []
    if len(rows) > MAX_SLOPE_LINES:
        notes.append(f"Showing the first {MAX_SLOPE_LINES} of {len(rows)} selected rows.")
        rows = rows.head(MAX_SLOPE_LINES)
    if left_out:
        shown = "; ".join(left_out[:5]) + (f"; … {len(left_out) - 5} more" if len(left_out) > 5 else "")
        notes.append(f"Not drawn (no value in one of the years, or a year-{a} value of zero or below): {shown}.")
    if not ids:
        notes.append(f"{NOTHING_TICKED}.")
    fig = slope_figure(rows, a, b, empty_message=NOTHING_TICKED if not ids else SLOPE_EMPTY)
    return fig, " ".join(notes)


def export_tables(data: DataStore, a: int, b: int, release: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The comparison sheet (numbers as numbers, a missing side as its text) and the observations behind it.

    The same rows as the page for the same release; % change and pp change are separate columns.
    """
    table = compare_table(data, a, b, release)
    ids = list(pd.concat([table["obs_a"], table["obs_b"]]).dropna())
    obs = data.observations[data.observations["obs_id"].isin(ids)]

    def number_or_text(values: pd.Series, texts: pd.Series) -> list[Any]:
        return [(t or None) if pd.isna(v) else float(v) for v, t in zip(values, texts, strict=True)]

    sheet = pd.DataFrame(
        {
            "indicator": table["indicator"],
            "label": table["label"],
            "reporter": table["reporter"],
            "subject": table["subject"],
            "edition / source": table["edition_source"],
            "unit": table["unit"],
            str(a): pd.Series(number_or_text(table["value_a"], table["text_a"]), dtype=object),
            str(b): pd.Series(number_or_text(table["value_b"], table["text_b"]), dtype=object),
            "absolute change": pd.Series(number_or_text(table["abs_change"], table["abs_text"]), dtype=object),
            "% change": pd.Series(number_or_text(table["pct_change"], table["pct_text"]), dtype=object),
            "pp change": pd.Series(number_or_text(table["pp_change"], table["pp_text"]), dtype=object),
            "change type": table["change_type"],
            "flags": table["flags"],
            "coverage": table["status_text"],
            f"obs_id {a}": table["obs_a"],
            f"obs_id {b}": table["obs_b"],
            "source_id": table["source_id"],
        }
    )
    return sheet, obs


def comparison_workbook(data: DataStore, a: int, b: int, release: str) -> bytes:
    """Workbook: the comparison as sheet 'Comparison A-B' plus the observations behind it."""
    sheet, obs = export_tables(data, a, b, release)
    filters = {"year A": str(a), "year B": str(b), "SIPRI release": release_label(release), "page": "Compare years"}
    return export_bytes(data, f"RU–AZ Indicators: {a} compared with {b}", filters, obs, {f"Comparison {a}-{b}": sheet})


# ----------------------------------------------------------------- grid
def grid_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready grid rows (NaN -> None)."""
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
        {"field": "label", "headerName": "Indicator", "width": 240, "pinned": "left", **text},
        {
            "field": "edition_source",
            "headerName": "Edition / source",
            "width": 250,
            "pinned": "left",
            "lockPinned": True,
            "tooltipField": "edition_source",
            **text,
        },
        {"field": "reporter", "headerName": "Reporter", "width": 90, **text},
        {"field": "subject", "headerName": "Subject", "width": 100, **text},
        {"field": "unit", "headerName": "Unit", "width": 100, **text},
        _text_col("value_a", str(a), "text_a"),
        _text_col("value_b", str(b), "text_b"),
        _text_col("abs_change", "Absolute change", "abs_text", 130),
        _text_col("pct_change", "% change", "pct_text", 120),
        _text_col("pp_change", "pp change", "pp_text", 110),
        {"field": "flags", "headerName": "Flags", "width": 150, **text},
        {"field": "status_text", "headerName": "Coverage", "width": 110, **text},
    ]


def comparison_grid(table: pd.DataFrame, a: int, b: int, selected: Sequence[str]) -> dag.AgGrid:
    """Sortable, filterable grid with multi-row selection (ticked rows feed the slope chart)."""
    return dag.AgGrid(
        id=f"{P}-grid",
        rowData=grid_rows(table),
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


def year_options(data: DataStore) -> list[dict[str, Any]]:
    """Dropdown options: every year with annual data, newest first."""
    return [{"label": str(y), "value": y} for y in reversed(data.years)]


# ----------------------------------------------------------------- layout
def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    data = store()
    sel = SPEC.parse(data, kwargs)
    a, b, more = resolve_years(data, sel["a"], sel["b"])
    release = resolve_release(data, sel["release"])
    table = compare_table(data, a, b, release)
    selection = default_selection(table)
    fig, caption = slope_chart(table, selection, a, b)
    return html.Div(
        [
            page_header(
                "Compare two years",
                "All chapters · any two years",
                "Every annual series side by side for year A and year B: the absolute change, and the percentage "
                "change or the change in percentage points as suits the indicator. A year without a figure says "
                "so; nothing is filled in. Arms transfer (TIV) rows come from one SIPRI release at a time. Tick "
                "rows to draw them on the slope chart.",
            ),
            html.Div(notices([*sel.notices, *more], f"{P}-notice"), id=f"{P}-notice-wrap"),
            dcc.Store(id=f"{P}-view", data={"a": a, "b": b, "release": release_key(release)}),
            dcc.Store(id=f"{P}-cfg", data=SPEC.config(data)),
            dcc.Store(id=f"{P}-url"),
            html.Div(
                [
                    html.Label("Year A", htmlFor=f"{P}-a", className="muted"),
                    dcc.Dropdown(
                        id=f"{P}-a",
                        options=year_options(data),
                        value=a,
                        clearable=False,
                        searchable=True,
                        style={"width": "110px"},
                    ),
                    html.Label("Year B", htmlFor=f"{P}-b", className="muted"),
                    dcc.Dropdown(
                        id=f"{P}-b",
                        options=year_options(data),
                        value=b,
                        clearable=False,
                        searchable=True,
                        style={"width": "110px"},
                    ),
                    html.Label("SIPRI release", htmlFor=f"{P}-release", className="muted"),
                    dcc.Dropdown(
                        id=f"{P}-release",
                        options=release_options(data),
                        value=release_key(release),
                        clearable=False,
                        searchable=False,
                        style={"minWidth": "300px"},
                    ),
                    dcc.Input(
                        id=f"{P}-search",
                        type="search",
                        placeholder="Search the table…",
                        debounce=True,
                        maxLength=100,
                        style={"width": "240px"},
                    ),
                    html.Button("Download Excel", id=f"{P}-download-btn", className="btn btn-primary", n_clicks=0),
                    dcc.Download(id=f"{P}-download"),
                ],
                className="selection-bar",
            ),
            html.Div(
                [
                    html.H2(
                        ["Year ", html.Span(str(a), id=f"{P}-a-label"), " → ", html.Span(str(b), id=f"{P}-b-label")]
                    ),
                    html.P(
                        "Percent-type indicators: % change = 100 × (B − A) ÷ |A|, in the '% change' column. Shares: "
                        "change in percentage points (pp) = B − A, in the 'pp change' column (never sorted with "
                        "%). Balances: absolute change only. Ratios and growth rates: no relative change. "
                        "'computed' = derived here from published figures (formula in the export); "
                        "'approximate' = the source said 'about'.",
                        className="muted",
                    ),
                    html.P(release_note(data, release), id=f"{P}-release-note", className="muted"),
                    comparison_grid(table, a, b, selection),
                ],
                className="card",
            ),
            html.Div(
                [
                    dcc.Graph(id=f"{P}-slope", figure=fig, config=cast(Any, GRAPH_CONFIG), className="graph"),
                    html.P(caption, id=f"{P}-slope-caption", className="muted"),
                ],
                className="card chart-card",
            ),
        ],
        className="page",
    )


# ----------------------------------------------------------------- callbacks
clientside_callback(
    ClientsideFunction(namespace="ruaz_compare", function_name="syncUrl"),
    Output(f"{P}-url", "data"),
    Input(f"{P}-view", "data"),
    State(f"{P}-cfg", "data"),
)


def view_of(data: DataStore, view: Any) -> tuple[int, int, str]:
    """Years and release from the page's view store (defaults for anything missing or tampered)."""
    view = view if isinstance(view, dict) else {}
    a, b, release, _ = view_inputs(data, view.get("a"), view.get("b"), view.get("release"))
    return a, b, release


@callback(
    Output(f"{P}-grid", "rowData"),
    Output(f"{P}-grid", "columnDefs"),
    Output(f"{P}-grid", "selectedRows"),
    Output(f"{P}-view", "data"),
    Output(f"{P}-notice-wrap", "children"),
    Output(f"{P}-a-label", "children"),
    Output(f"{P}-b-label", "children"),
    Output(f"{P}-a", "value"),
    Output(f"{P}-b", "value"),
    Output(f"{P}-release", "value"),
    Output(f"{P}-release-note", "children"),
    Input(f"{P}-a", "value"),
    Input(f"{P}-b", "value"),
    Input(f"{P}-release", "value"),
    State(f"{P}-grid", "selectedRows"),
    prevent_initial_call=True,
)
def change_view(a_value: Any, b_value: Any, release_value: Any, selection: Any) -> tuple[Any, ...]:
    """New years or release: recompute the table, keep the ticked rows still in it, mirror the view into the URL."""
    data = store()
    a, b, release, notes = view_inputs(data, a_value, b_value, release_value, swap=True)
    table = compare_table(data, a, b, release)
    ids = selected_ids(selection, table["row_id"])
    key = release_key(release)
    return (
        grid_rows(table),
        column_defs(a, b),
        {"ids": ids},
        {"a": a, "b": b, "release": key},
        notices(notes, f"{P}-notice"),
        str(a),
        str(b),
        a,
        b,
        key,
        release_note(data, release),
    )


@callback(
    Output(f"{P}-slope", "figure"),
    Output(f"{P}-slope-caption", "children"),
    Input(f"{P}-grid", "selectedRows"),
    Input(f"{P}-view", "data"),
    prevent_initial_call=True,
)
def draw_slope(selection: Any, view: Any) -> tuple[Any, str]:
    """Ticked rows -> slope chart (recomputed from the store, never from the client's row data)."""
    data = store()
    a, b, release = view_of(data, view)
    table = compare_table(data, a, b, release)
    ids = selected_ids(selection, table["row_id"])
    return slope_chart(table, ids, a, b)


@callback(
    Output(f"{P}-grid", "dashGridOptions"),
    Input(f"{P}-search", "value"),
    prevent_initial_call=True,
)
def search(text: Any) -> Any:
    """Quick filter over every column."""
    patch = Patch()
    patch["quickFilterText"] = text[:100] if isinstance(text, str) else ""
    return patch


@callback(
    Output(f"{P}-download", "data"),
    Input(f"{P}-download-btn", "n_clicks"),
    State(f"{P}-view", "data"),
    prevent_initial_call=True,
)
@never_cache
def download(n_clicks: Any, view: Any) -> Any:
    """Workbook of the comparison (the page's release) plus the observations behind it."""
    if not n_clicks:
        return no_update
    data = store()
    a, b, release = view_of(data, view)
    return send_workbook(comparison_workbook(data, a, b, release), "compare", a, b)
