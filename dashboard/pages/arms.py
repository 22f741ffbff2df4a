"""Arms page (/arms, report chapter 10): SIPRI TIV by supplier per release, shares, milex, deal register.

TIV (SIPRI's trend-indicator value) measures the volume of transfers, not money,
and each SIPRI release revises past years: one release is shown at a time.
Military expenditure (money) and press statements (money) sit apart from TIV.
The queries live in :mod:`dashboard.queries.arms`, the figures in :mod:`dashboard.charts.arms`;
this module is the page: its spec, layout and callbacks.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard.caching import memoize
from dashboard.charts.arms import gdp_figure, milex_figure, share_figure, supplier_name, tiv_figure
from dashboard.commentary import commentary_panel
from dashboard.commentary.periods import release_words
from dashboard.components import events_controls, with_commentary
from dashboard.data import DataStore, release_label, short_publisher, store
from dashboard.ghost import SeriesKey, ghost_control, ghost_param, ghosted
from dashboard.grid_format import number_cells
from dashboard.i18n import _, current_lang, in_state_lang, page_lang, tr
from dashboard.pages._helpers import chart_outputs, chart_view, page_top, sourced_card, sourced_figure
from dashboard.protocol import PageSpec, PageText, Selection, register_download
from dashboard.queries.arms import (
    DEAL_COLUMNS,
    NUMERIC_DEAL_COLUMNS,
    deals_for,
    deals_payload,
    edition_for,
    gdp_frame,
    milex_series,
    release_note,
    share_frames,
    shares_rows,
    statement_value,
    tiv_frame,
    totals_only,
)
from dashboard.queries.revisions import release_comparison
from dashboard.queries.series import rows_of
from dashboard.releases import release_key, release_keys
from dashboard.state import EVENT_CATEGORIES, Param, selection_params
from dashboard.views import export_bytes, in_range

# names the tests and benchmarks reach through the page module
__all__ = [
    "deals_for",
    "deals_payload",
    "edition_for",
    "gdp_figure",
    "milex_figure",
    "release_key",
    "release_keys",
    "release_note",
    "share_figure",
    "tiv_figure",
]

P = "arms"
TEXT = PageText(
    _("Arms transfers and military spending"),
    _("Report chapter 10 · Military-Technical Cooperation"),
    _(
        "SIPRI's trend-indicator value (TIV) measures the volume of major arms delivered, not their price. "
        "Each SIPRI release revises earlier years, so one release is shown at a time. Military expenditure "
        "and statements about contract values are money and are kept on separate charts and lists. Click a "
        "bar to list that year's deliveries."
    ),
)


GRAPHS = ("tiv", "share", "milex", "gdp")  # linked charts (SPEC.graph_id)
CONTROLS = ("release", "ghost", "ra", "rb", "events", "cats")  # state keys written by a control (SPEC.control_id)
# the TIV chart's ghost: the previous release's all-supplier total (SIPRI's own, else the sum of suppliers)
TOTAL_SUBJECTS = ("all suppliers", "all suppliers (sum)")
CMP_COLUMNS = [
    ("year", _("Year")),
    ("subject", _("Supplier")),
    ("value_a", _("Release A (TIV million)")),
    ("value_b", _("Release B (TIV million)")),
    ("change", _("Change B − A")),
    ("change_pct", _("Change %")),
    ("status", _("Status")),
]
CMP_NUMBERS = ("year", "value_a", "value_b", "change", "change_pct")  # shown in the page's style (years plain)


# a release comparison's status words (queries.revisions.release_comparison), translated in the grid
STATUS_WORDS = (_("not computed"), _("only in B"), _("only in A"), _("unchanged"), _("revised"))


def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page."""
    years = data.years
    keys = list(release_keys(data))
    return {
        **selection_params(years[0], years[-1]),
        "release": Param("choice", keys[0] if keys else None, choices=keys, label="release"),
        "ghost": ghost_param(),
        "ra": Param("choice", keys[min(1, len(keys) - 1)] if keys else None, choices=keys, label="release A"),
        "rb": Param("choice", keys[0] if keys else None, choices=keys, label="release B"),
    }


SPEC = PageSpec(P, params, GRAPHS, CONTROLS, text=TEXT)
dash.register_page(__name__, path="/arms", name="Arms", title="Arms · RU–AZ Indicators", order=3, spec=SPEC)


def release_charts(data: DataStore, sel: Selection, edition: str) -> list[tuple[go.Figure, pd.DataFrame]]:
    """The TIV stack (with the previous release's all-supplier total ghosted when ``sel["ghost"]``) and the
    window shares of one release, each with the rows it draws (the TIV chart's: the ghost rows too)."""
    view = chart_view(sel, data.events)
    tiv_f, shares = tiv_frame(data, edition), share_frames(data, edition)
    tiv = tiv_figure(tiv_f, edition, view)
    key = SeriesKey("arms_tiv_to_az", "SIPRI", TOTAL_SUBJECTS, edition)
    return [
        (tiv, ghosted(tiv, data, tiv_f, [key], sel["ghost"], "TIV million")),
        (share_figure(shares, edition, totals_only(tiv_f), view), shares_rows(shares, data.observations.iloc[0:0])),
    ]


def deals_grid(rows: list[dict[str, Any]]) -> dag.AgGrid:
    """Sortable, filterable deal register."""
    return dag.AgGrid(
        id=f"{P}-deals",
        rowData=rows,
        columnDefs=[
            # no data-type inference: a release may fill a numeric column with 'not in this release'
            {"field": field, "headerName": tr(header), "filter": flt, "tooltipField": field}
            | (
                {"cellDataType": False, **number_cells(current_lang(), field, tooltip=True)}
                if field in NUMERIC_DEAL_COLUMNS
                else {}
            )
            for field, header, flt in DEAL_COLUMNS
        ],
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "minWidth": 110},
        dashGridOptions={"animateRows": False, "tooltipShowDelay": 300},
        style={"height": "420px", "width": "100%"},
    )


def statements_list(data: DataStore) -> html.Ul:
    """Dated statements with their speaker, value and a link to the source."""
    items = []
    frame = data.arms_statements.sort_values(["date", "statement_id"], na_position="last")
    for row in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
        src = data.source_index.get(str(row["source_id"]), {})
        when = str(row["date"] or row.get("date_note") or _("undated"))
        value = statement_value(row)
        bits: list[Any] = [html.Span(when, className="stmt-date"), " · ", html.B(str(row["speaker"]))]
        if value:
            bits += [": ", html.Span(value, className="num")]
        # the summary is recorded in English (the data's language), so marked as English for every reader
        bits += [html.Br(), html.Span(str(row["summary"]), lang="en"), _(" Source: ")]
        bits.append(
            html.A(
                short_publisher(str(src.get("outlet") or src.get("publisher") or row["source_id"])),
                href=str(src.get("url", "#")),
                target="_blank",
                rel="noopener noreferrer",
            )
        )
        if row.get("note"):
            bits += [html.Br(), html.Small(str(row["note"]), className="muted")]
        items.append(html.Li(bits, id=f"{P}-stmt-{row['statement_id']}"))
    return html.Ul(items, className="statements", id=f"{P}-statements")


def comparison_rows(data: DataStore, key_a: Any, key_b: Any) -> tuple[str, list[dict[str, Any]]]:
    """Caption and grid rows of two SIPRI releases side by side (every supplier-year of either)."""
    ed_a, ed_b = edition_for(data, key_a), edition_for(data, key_b)
    frame = release_comparison(
        data, data.select("arms_tiv_to_az", "SIPRI", edition=ed_a), data.select("arms_tiv_to_az", "SIPRI", edition=ed_b)
    )
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    rows = [{str(k): v for k, v in r.items()} for r in records]
    for row in rows:  # the words a reader sees; numbers stay numbers
        row["status"] = tr(str(row["status"]))
        row["subject"] = supplier_name(str(row["subject"]))
    caption = _(
        "A: SIPRI {release_a} · B: SIPRI {release_b}. TIV million (volume, not money); a change "
        "is given only where both releases have a value."
    ).format(release_a=release_words(ed_a, current_lang()), release_b=release_words(ed_b, current_lang()))
    return caption, rows


def comparison_view(data: DataStore, sel: Selection) -> html.Div:
    """Two release pickers (controls of the state keys ``ra``, ``rb``) and the table of year, supplier,
    value A, value B, change."""
    options = [{"label": release_words(e, current_lang()), "value": k} for k, e in release_keys(data).items()]
    caption, rows = comparison_rows(data, sel["ra"], sel["rb"])

    def picker(name: str, label: str) -> html.Span:
        return html.Span(
            [
                html.Span(label, className="muted"),
                dcc.Dropdown(
                    id=SPEC.control_id(name), options=options, value=sel[name], clearable=False, searchable=False,
                    style={"minWidth": "300px", "display": "inline-block", "verticalAlign": "middle"},
                ),
            ]
        )  # fmt: skip

    grid = dag.AgGrid(
        id=f"{P}-cmp",
        rowData=rows,
        columnDefs=[
            {"field": f, "headerName": tr(h)} | (number_cells(current_lang(), f) if f in CMP_NUMBERS else {})
            for f, h in CMP_COLUMNS
        ],
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "minWidth": 100},
        dashGridOptions={"animateRows": False},
        style={"height": "360px", "width": "100%"},
    )
    return html.Div(
        [
            picker("ra", _("Release A: ")),
            " ",
            picker("rb", _("Release B: ")),
            html.P(caption, id=f"{P}-cmp-caption"),
            grid,
        ],
        className="card",
    )


# ------------------------------------------------------------------ layout
def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    lang = page_lang(kwargs)
    data = store()
    sel = SPEC.parse(data, kwargs)
    events, cats, key = sel.events, sel.cats, sel["release"]
    edition = edition_for(data, key)
    (tiv, tiv_f), (share, share_f) = release_charts(data, sel, edition)
    view = chart_view(sel, data.events)
    milex_s, gdp_f = milex_series(data), gdp_frame(data)
    milex, milex_f = milex_figure(milex_s, view), rows_of(milex_s, data.observations.iloc[0:0])
    gdp = gdp_figure(gdp_f, view)
    controls = html.Span(
        [
            html.Span(_("SIPRI release: "), className="muted"),
            dcc.Dropdown(
                id=SPEC.control_id("release"),
                options=[
                    {"label": release_words(e, current_lang()), "value": k} for k, e in release_keys(data).items()
                ],
                value=key,
                clearable=False,
                searchable=False,
                style={"minWidth": "300px", "display": "inline-block", "verticalAlign": "middle"},
            ),
            ghost_control(SPEC.control_id("ghost"), sel["ghost"]),
            events_controls(P, events, cats, EVENT_CATEGORIES),
        ]
    )
    return html.Div(
        [
            *page_top(SPEC, data, sel, controls),
            html.Div(release_note(data, edition), id=f"{P}-release-note", className="muted"),
            html.H2(_("Arms transfers (SIPRI TIV — volume, not money)")),
            with_commentary(
                [
                    sourced_card(data, SPEC.graph_id("tiv"), tiv, tiv_f),
                    sourced_card(data, SPEC.graph_id("share"), share, share_f),
                ],
                commentary_panel(10, data, lang),
            ),
            html.H2(_("Two SIPRI releases side by side")),
            comparison_view(data, sel),
            # drawn only in the browser (ruaz_pages.deals, at load and on every click) from `arms-deals-data`
            html.H2([_("Deal register: "), html.Span(id=f"{P}-deals-year")]),
            html.Div(
                [
                    html.P(id=f"{P}-deals-caption"),
                    deals_grid([]),
                    dcc.Store(id=f"{P}-deals-data", data=deals_payload(data, sel.lang)),
                    html.P(
                        _(
                            "From SIPRI's trade register for Azerbaijan. 'TIV delivered' is SIPRI's volume measure, "
                            "not a price; numbers ordered and delivered are SIPRI estimates where flagged."
                        ),
                        className="muted",
                    ),
                ],
                className="card",
            ),
            html.H2(_("Military expenditure (US dollars — money, not TIV)")),
            html.Div(
                [
                    sourced_card(data, SPEC.graph_id("milex"), milex, milex_f),
                    sourced_card(data, SPEC.graph_id("gdp"), gdp, gdp_f),
                ],
                className="grid-2",
            ),
            html.H2(_("Statements on arms deals")),
            html.Div(
                [
                    html.P(
                        _(
                            "Officials, analysts and media quoted on deals and spending. These are statements, not "
                            "SIPRI data: dollar figures are money (contract or spending values) and cannot be compared "
                            "with TIV."
                        ),
                        className="muted",
                    ),
                    html.P(_("The statements are summarised in English, as recorded in the data."), className="muted")
                    if sel.lang != "en"
                    else None,
                    statements_list(data),
                ],
                className="card",
            ),
        ],
        className="page",
    )


@callback(
    *chart_outputs(SPEC.graph_id("tiv"), SPEC.graph_id("share")),
    Output(f"{P}-release-note", "children"),
    Input(SPEC.control_id("release"), "value"),
    Input(SPEC.control_id("ghost"), "value"),
    State(SPEC.state_id, "data"),
    prevent_initial_call=True,
)
@memoize()
@in_state_lang
def render_release(key: Any, ghost: Any, state: Any) -> tuple[Any, ...]:
    """Release or ghost switch: redraw the TIV stack (and its ghost) and the shares from that release."""
    data = store()
    on = isinstance(ghost, list) and len(ghost) > 0
    sel = SPEC.selection(data, {**(state if isinstance(state, dict) else {}), "release": key, "ghost": on})
    edition = edition_for(data, sel["release"])
    (tiv, tiv_f), (share, share_f) = release_charts(data, sel, edition)
    return (
        *sourced_figure(data, SPEC.graph_id("tiv"), tiv, tiv_f),
        *sourced_figure(data, SPEC.graph_id("share"), share, share_f),
        release_note(data, edition),
    )


# release pickers -> caption and rows of the side-by-side grid; the page state for its language
COMPARISON_WIRING = [Output(f"{P}-cmp-caption", "children"), Output(f"{P}-cmp", "rowData")] + [
    Input(SPEC.control_id(key), "value") for key in ("ra", "rb")
]


@callback(*COMPARISON_WIRING, State(SPEC.state_id, "data"), prevent_initial_call=True)
@memoize()
@in_state_lang
def render_comparison(key_a: Any, key_b: Any, state: Any = None) -> tuple[str, list[dict[str, Any]]]:
    """Release pickers: the two releases side by side (``state``: the page's, for its language)."""
    del state  # read by in_state_lang
    return comparison_rows(store(), key_a, key_b)


clientside_callback(
    ClientsideFunction(namespace="ruaz_pages", function_name="deals"),
    Output(f"{P}-deals-year", "children"),
    Output(f"{P}-deals-caption", "children"),
    Output(f"{P}-deals", "rowData"),
    Input(SPEC.state_id, "data"),
    State(f"{P}-deals-data", "data"),
    State(SPEC.cfg_id, "data"),
)


def view_frame(data: DataStore, sel: Selection) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The observations behind the current view (release, range) plus the deal table and statements."""
    edition = edition_for(data, sel["release"])
    rng, year = sel.xrange, sel.year
    empty = data.observations.iloc[0:0]
    shares = shares_rows(share_frames(data, edition), empty)
    milex = rows_of(milex_series(data), empty)
    _fig, tiv_f = release_charts(data, sel, edition)[0]  # the previous release too, when drawn
    frame = in_range(pd.concat([tiv_f, shares, milex, gdp_frame(data)]), rng)
    deals = deals_for(data, edition, year)
    extra = {f"Deals {year}" if year else "Deals": deals, "Arms statements": data.arms_statements}
    return frame.drop(columns=["raw_file", "raw_line"], errors="ignore"), extra


def workbook(data: DataStore, sel: Selection) -> tuple[bytes, tuple[object, ...]]:
    """Excel workbook of the data behind the current view."""
    edition = edition_for(data, sel["release"])
    frame, extra = view_frame(data, sel)
    filters = sel.filters({"page": "Arms", "SIPRI release": release_label(edition)})
    content = export_bytes(data, "RU–AZ Indicators: arms transfers and military expenditure", filters, frame, extra)
    return content, ("arms", release_key(edition), sel.year)


download = register_download(SPEC, workbook)
