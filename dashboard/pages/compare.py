"""Compare years (/compare): every annual series in year A against year B, a slope chart, an export.

The comparison maths are pure functions in :mod:`dashboard.queries.compare`, the slope chart and the
grid in :mod:`dashboard.charts.compare`; this module is the page: its spec, layout and callbacks.

SIPRI revises past years in every release, so the arms-transfer (TIV) rows come
from one release at a time, picked as on /arms (query parameter ``release``,
the same keys; default the first of ``data.tiv_releases``); the other rows do
not depend on it.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, Patch, State, callback, dcc, html

from dashboard.charts.compare import SLOPE_ROWS_PARAM, column_defs, comparison_grid, grid_rows, slope_chart
from dashboard.commentary.periods import release_words
from dashboard.commentary.words import tn
from dashboard.components import notices
from dashboard.data import DataStore, store
from dashboard.i18n import _, current_lang, in_state_lang, page_lang
from dashboard.ids import alt_id, source_id
from dashboard.linking import register_url_sync
from dashboard.pages._helpers import sourced_card, sourced_figure
from dashboard.protocol import PageSpec, PageText, Selection, register_download
from dashboard.queries.compare import (
    compare_table,
    default_selection,
    resolve_release,
    resolve_years,
    selected_ids,
    slope_frame,
)
from dashboard.queries.compare_export import comparison_workbook
from dashboard.queries.i18n_labels import indicator_labels
from dashboard.releases import release_key, release_keys
from dashboard.state import Param

# names the tests and benchmarks reach through the page module
__all__ = ["compare_table", "release_key", "release_keys", "resolve_years", "slope_chart"]

P = "cmp"


def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page: years A and B, and the SIPRI release of the TIV rows (keys as on /arms)."""
    years = data.years
    keys = list(release_keys(data))
    return {
        "a": Param("year", None, lo=years[0], hi=years[-1], label="year A"),
        "b": Param("year", None, lo=years[0], hi=years[-1], label="year B"),
        "release": Param("choice", keys[0] if keys else None, choices=keys, label=_("SIPRI release")),
    }


# the URL names years A and B and the release even when they are the defaults (as before the page protocol)
TEXT = PageText(
    _("Compare two years"),
    _("All chapters · any two years"),
    _(
        "Every annual series side by side for year A and year B: the absolute change, and the percentage "
        "change or the change in percentage points as suits the indicator. A year without a figure says "
        "so; nothing is filled in. Arms transfer (TIV) rows come from one SIPRI release at a time. Tick "
        "rows to draw them on the slope chart."
    ),
)
SPEC = PageSpec(P, params, url_keeps_defaults=True, text=TEXT)
dash.register_page(
    __name__, path="/compare", name="Compare years", title="Compare years · RU–AZ Indicators", order=4, spec=SPEC
)


def release_options(data: DataStore) -> list[dict[str, str]]:
    """Dropdown options of the release picker, as on /arms."""
    return [{"label": release_words(e, current_lang()), "value": k} for k, e in release_keys(data).items()]


def release_note(data: DataStore, edition: str) -> str:
    """What the release picker changes."""
    others = len(data.tiv_releases) - 1
    return tn(
        current_lang(),
        "Arms transfer (TIV) rows: SIPRI {release}. SIPRI revises past years in every release, so the {num} other "
        "release can be picked above, one at a time; no other row depends on the release.",
        "Arms transfer (TIV) rows: SIPRI {release}. SIPRI revises past years in every release, so the {num} other "
        "releases can be picked above, one at a time; no other row depends on the release.",
        others,
        num=others,
        release=release_words(edition, current_lang()),
    )


def view_inputs(data: DataStore, a: Any, b: Any, release: Any, swap: bool = False) -> tuple[int, int, str, list[str]]:
    """Callback inputs (dropdowns, the view store) -> years A and B, the release and the notices.

    The values go through the page spec's parser (the one that reads the URL), then :func:`resolve_years`.
    """
    sel = SPEC.selection(data, {"a": a, "b": b, "release": release})
    ya, yb, notes = resolve_years(data, sel["a"], sel["b"], swap)
    return ya, yb, resolve_release(data, sel["release"]), [*sel.notices, *notes]


def year_options(data: DataStore) -> list[dict[str, Any]]:
    """Dropdown options: every year with annual data, newest first."""
    return [{"label": str(y), "value": y} for y in reversed(data.years)]


def year_picker(data: DataStore, side: str, value: int) -> tuple[html.Label, dcc.Dropdown]:
    """The label and dropdown of year A or B (``side`` 'a' or 'b')."""
    return (
        html.Label(_("Year {side}").format(side=side.upper()), htmlFor=f"{P}-{side}", className="muted"),
        dcc.Dropdown(
            id=f"{P}-{side}",
            options=year_options(data),
            value=value,
            clearable=False,
            searchable=True,
            style={"width": "110px"},
        ),
    )


# ----------------------------------------------------------------- layout
def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    lang = page_lang(kwargs)
    data = store()
    sel = SPEC.parse(data, kwargs)
    a, b, more = resolve_years(data, sel["a"], sel["b"])
    release = resolve_release(data, sel["release"])
    table = compare_table(data, a, b, release)
    # the slope chart's rows: ticked by default, or named by the view its tools ask /chart-data/ for
    rows = kwargs.get(SLOPE_ROWS_PARAM)
    ticked = selected_ids(rows if isinstance(rows, list) else [rows], table["row_id"]) if rows else None
    selection = default_selection(table) if ticked is None else ticked
    fig, caption = slope_chart(table, selection, a, b)
    return html.Div(
        [
            SPEC.header(lang),
            html.Div(notices([*sel.notices, *more], f"{P}-notice"), id=f"{P}-notice-wrap"),
            dcc.Store(id=f"{P}-view", data={"a": a, "b": b, "release": release_key(release)}),
            dcc.Store(id=f"{P}-cfg", data=SPEC.config(data)),
            dcc.Store(id=f"{P}-url"),
            html.Div(
                [
                    *year_picker(data, "a", a),
                    *year_picker(data, "b", b),
                    html.Label(_("SIPRI release"), htmlFor=f"{P}-release", className="muted"),
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
                        placeholder=_("Search the table…"),
                        debounce=True,
                        maxLength=100,
                        style={"width": "240px"},
                    ),
                    html.Button(_("Download Excel"), id=f"{P}-download-btn", className="btn btn-primary", n_clicks=0),
                    dcc.Download(id=f"{P}-download"),
                ],
                className="selection-bar",
            ),
            html.Div(
                [
                    html.H2(
                        [_("Year "), html.Span(str(a), id=f"{P}-a-label"), " → ", html.Span(str(b), id=f"{P}-b-label")]
                    ),
                    html.P(
                        _(
                            "Percent-type indicators: % change = 100 × (B − A) ÷ |A|, in the '% change' column. "
                            "Shares: change in percentage points (pp) = B − A, in the 'pp change' column (never sorted "
                            "with %). Balances: absolute change only. Ratios and growth rates: no relative change. "
                            "'computed' = derived here from published figures (formula in the export); "
                            "'approximate' = the source said 'about'."
                        ),
                        className="muted",
                    ),
                    html.P(release_note(data, release), id=f"{P}-release-note", className="muted"),
                    comparison_grid(table, a, b, selection, indicator_labels(data, current_lang())),
                ],
                className="card",
            ),
            sourced_card(
                data,
                f"{P}-slope",
                fig,
                slope_frame(data, table, selection),
                extra=html.P(caption, id=f"{P}-slope-caption", className="muted"),
            ),
        ],
        className="page",
    )


# ----------------------------------------------------------------- callbacks
register_url_sync(P, f"{P}-view")


def view_of(data: DataStore, view: Any) -> tuple[int, int, str]:
    """Years and release from the page's view store (defaults for anything missing or tampered)."""
    view = view if isinstance(view, dict) else {}
    a, b, release, _more = view_inputs(data, view.get("a"), view.get("b"), view.get("release"))
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
    State(f"{P}-cfg", "data"),
    prevent_initial_call=True,
)
@in_state_lang
def change_view(a_value: Any, b_value: Any, release_value: Any, selection: Any, cfg: Any = None) -> tuple[Any, ...]:
    """New years or release: recompute the table, keep the ticked rows still in it, mirror the view into the URL
    (``cfg``: the page config, for its language)."""
    del cfg  # read by in_state_lang
    data = store()
    a, b, release, notes = view_inputs(data, a_value, b_value, release_value, swap=True)
    table = compare_table(data, a, b, release)
    ids = selected_ids(selection, table["row_id"])
    key = release_key(release)
    return (
        grid_rows(table, indicator_labels(data, current_lang())),
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


# ticked rows or a new view -> the slope chart and its caption; the config for the page's language
SLOPE_WIRING = [
    Output(f"{P}-slope", "figure"),
    Output(f"{P}-slope-caption", "children"),
    Output(source_id(f"{P}-slope"), "children"),
    Output(alt_id(f"{P}-slope"), "children"),
    Output(f"{P}-slope", "style"),
    *(Input(f"{P}-{name}", prop) for name, prop in (("grid", "selectedRows"), ("view", "data"))),
    State(f"{P}-cfg", "data"),
]


@callback(*SLOPE_WIRING, prevent_initial_call=True)
@in_state_lang
def draw_slope(selection: Any, view: Any, cfg: Any = None) -> tuple[Any, ...]:
    """Ticked rows -> slope chart, its sources and text alternative (recomputed from the store, never from the
    client's row data); the graph's box takes the figure's height (one legend row per line); ``cfg``: the
    page config, for its language."""
    del cfg  # read by in_state_lang
    data = store()
    a, b, release = view_of(data, view)
    table = compare_table(data, a, b, release)
    ids = selected_ids(selection, table["row_id"])
    fig, caption = slope_chart(table, ids, a, b)
    drawn, sources, summary = sourced_figure(data, f"{P}-slope", fig, slope_frame(data, table, ids))
    return drawn, caption, sources, summary, {"height": f"{int(fig.layout.height or 330)}px"}


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


def workbook(data: DataStore, sel: Selection) -> tuple[bytes, tuple[object, ...]]:
    """Workbook of the comparison (the page's release) plus the observations behind it."""
    a, b, _more = resolve_years(data, sel["a"], sel["b"])
    release = resolve_release(data, sel["release"])
    return comparison_workbook(data, a, b, release), ("compare", a, b)


download = register_download(SPEC, workbook, state=f"{P}-view")
