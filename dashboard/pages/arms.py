"""Arms page (/arms, report chapter 10): SIPRI TIV by supplier per release, shares, milex, deal register.

TIV (SIPRI's trend-indicator value) measures the volume of transfers, not money,
and each SIPRI release revises past years: one release is shown at a time.
Military expenditure (money) and press statements (money) sit apart from TIV.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import dash
import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard.caching import memoize
from dashboard.commentary import commentary_panel
from dashboard.components import chart_card, events_controls, notices, page_header, selection_bar, with_commentary
from dashboard.data import DataStore, release_label, short_publisher, store
from dashboard.figures import PALETTE, SUPPLIER_COLOR, Line, stacked_bar_figure, timeseries_figure
from dashboard.pages._helpers import add_notes
from dashboard.protocol import PageSpec, Selection, register_download
from dashboard.releases import release_key, release_keys
from dashboard.state import EVENT_CATEGORIES, Param, selection_params
from dashboard.views import export_bytes, in_range, sources_for
from indicators.clean import delivery_year_list
from indicators.derive import window_label

__all__ = ["release_key", "release_keys"]

P = "arms"
TIV = "arms_tiv_to_az"
TIV_LABEL = "TIV million (trend-indicator value — not money)"
SIPRI_TOTAL = "all suppliers"
STACK_EXCLUDED = ("all suppliers (sum)", SIPRI_TOTAL)
SHARE_SUPPLIERS = ("Russia", "Israel", "Turkiye")
STACK_COLORS = {**SUPPLIER_COLOR, "unknown": "#bdc3c7", SIPRI_TOTAL: "#2c3e50"}
# minor suppliers get hues unused by the named ones, so no two suppliers share a colour
MINOR_SUPPLIER_COLORS = [
    "#5dade2",
    "#a569bd",
    "#48c9b0",
    "#f5b041",
    "#ec7063",
    "#58d68d",
    "#85929e",
    "#dc7633",
    "#1abc9c",
    "#cd6155",
    "#7d3c98",
    "#2874a6",
]
MILEX_LINES = {
    "arms_milex_current_usd": ("Current USD million", "#1f5aa6", "solid"),
    "arms_milex_constant_2022_usd": ("Constant 2022 USD million", "#2e8b57", "dash"),
}
MONEY_UNIT = re.compile(r"^(USD|EUR|RUB|AZN)\b")
GRAPHS = [f"{P}-tiv", f"{P}-share", f"{P}-milex", f"{P}-gdp"]
CONTROLS = {f"{P}-release": "release", f"{P}-events": "events", f"{P}-cats": "cats"}
DEAL_COLUMNS = [
    ("supplier", "Supplier", "agTextColumnFilter"),
    ("weapon_designation", "Designation", "agTextColumnFilter"),
    ("weapon_description", "Description", "agTextColumnFilter"),
    ("category", "Category", "agTextColumnFilter"),
    ("order_year", "Ordered", "agNumberColumnFilter"),
    ("number_ordered", "No. ordered", "agNumberColumnFilter"),
    ("number_delivered", "No. delivered", "agNumberColumnFilter"),
    ("delivery_years", "Delivery years", "agTextColumnFilter"),
    ("status", "Status", "agTextColumnFilter"),
    ("tiv_delivered", "TIV delivered (not money)", "agNumberColumnFilter"),
    ("flags", "SIPRI uncertainty flags", "agTextColumnFilter"),
    ("comment", "Comment", "agTextColumnFilter"),
]
NOT_IN_RELEASE = "not in this release"
# register columns a release's export may lack altogether (SIPRI's export types differ)
RELEASE_COLUMNS = ("order_year", "number_ordered", "status", "number_delivered", "delivery_years", "tiv_delivered")
NUMERIC_DEAL_COLUMNS = ("order_year", "number_ordered", "number_delivered", "tiv_delivered")
SUPPLIER_ADJECTIVE = {
    "Russia": "Russian",
    "Israel": "Israeli",
    "Turkiye": "Turkish",
    "Belarus": "Belarusian",
    "Ukraine": "Ukrainian",
}


# ------------------------------------------------------------------ releases
def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page."""
    years = data.years
    keys = list(release_keys(data))
    return {
        **selection_params(years[0], years[-1]),
        "release": Param("choice", keys[0] if keys else None, choices=keys, label="release"),
    }


SPEC = PageSpec(P, params, tuple(GRAPHS), CONTROLS)
dash.register_page(__name__, path="/arms", name="Arms", title="Arms · RU–AZ Indicators", order=3, spec=SPEC)


def edition_for(data: DataStore, key: Any) -> str:
    """The SIPRI release behind a query value (the latest for anything unknown)."""
    keys = release_keys(data)
    return keys.get(str(key), data.tiv_releases[0])


def event_layer(data: DataStore, visible: bool, cats: Sequence[str]) -> dict[str, Any]:
    """Keyword arguments drawing the events layer on a chart."""
    return {"events": data.events, "events_visible": visible, "event_categories": list(cats)}


# ------------------------------------------------------------------ TIV
def tiv_frame(data: DataStore, edition: str) -> pd.DataFrame:
    """Annual TIV per supplier in one release; SIPRI's own total only when the release has no suppliers."""
    frame = data.select(TIV, "SIPRI", edition=edition)
    suppliers = frame[~frame["subject"].isin(STACK_EXCLUDED)]
    return suppliers if not suppliers.empty else frame[frame["subject"] == SIPRI_TOTAL]


def totals_only(frame: pd.DataFrame) -> bool:
    """True when a release gives SIPRI totals and no supplier breakdown."""
    return not frame.empty and set(frame["subject"]) == {SIPRI_TOTAL}


def totals_only_note(edition: str) -> str:
    """What is missing from a release without suppliers."""
    return f"{release_label(edition)} has SIPRI totals only: no supplier breakdown, so no stack and no shares"


def supplier_order(frame: pd.DataFrame) -> list[str]:
    """Suppliers by total TIV in the release, largest first; 'unknown' last."""
    totals = frame.groupby("subject")["value"].sum().sort_values(ascending=False)
    order = [str(s) for s in totals.index if s != "unknown"]
    return order + (["unknown"] if "unknown" in totals.index else [])


def supplier_colors(order: list[str]) -> dict[str, str]:
    """A distinct colour per supplier: the named palette first, then the minor-supplier hues."""
    colors = dict(STACK_COLORS)
    minor = [s for s in order if s not in colors]
    for i, supplier in enumerate(minor):
        colors[supplier] = MINOR_SUPPLIER_COLORS[i % len(MINOR_SUPPLIER_COLORS)]
    return colors


def tiv_figure(
    data: DataStore, edition: str, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Stacked bars of TIV delivered to Azerbaijan per year, by supplier, for one release."""
    frame = tiv_frame(data, edition)
    order = supplier_order(frame)
    fig = stacked_bar_figure(
        frame,
        category="subject",
        title=f"Arms deliveries to Azerbaijan by supplier — SIPRI {release_label(edition)}",
        unit="TIV million",
        colors=supplier_colors(order),
        order=order,
        xrange=rng,
        **event_layer(data, events, cats),
        source_label="SIPRI Arms Transfers Database",
        height=400,
    )
    fig.update_annotations(selector={"name": "unit"}, text=TIV_LABEL)
    # up to 17 suppliers: a legend beside the plot instead of rows over the axis
    fig.update_layout(legend={"orientation": "v", "x": 1.01, "y": 1, "xanchor": "left", "yanchor": "top"})
    if totals_only(frame):
        fig.update_traces(selector={"name": SIPRI_TOTAL}, name="All suppliers (SIPRI total; no breakdown)")
        add_notes(fig, [totals_only_note(edition)])
    return fig, frame


SHARE_WINDOWS = (("arms_tiv_5y_share", 5), ("arms_tiv_10y_share", 10))
NO_DATA = "No data for this selection"


def share_hover(supplier: str, row: pd.Series, length: int, edition: str) -> str:
    """Hover text of one window share: supplier, window, value, release."""
    end = int(row["year"])
    window = window_label(range(end - length + 1, end + 1))
    return (
        f"<b>{supplier}</b><br>{window} ({length}-year window): {float(row['value']):.1f}% of all suppliers' TIV"
        f"<br>{row['credit'] if isinstance(row.get('credit'), str) else 'SIPRI ' + release_label(edition)}"
    )


def share_figure(
    data: DataStore, edition: str, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Shares of Russia, Israel and Turkiye in Azerbaijan's arms imports over SIPRI's windows, one release.

    Five-year windows (2011–15, 2016–20, …) are bars spanning their five years; ten-year windows
    (2011–20) are dashed segments spanning their ten. Windows do not overlap within a length, as in
    SIPRI's fact sheets, and every share names its release (title and hover).
    """
    fig = timeseries_figure(
        [],
        title=f"Share of Azerbaijan's arms imports per SIPRI window (TIV) — SIPRI {release_label(edition)}",
        unit="percent",
        y_title="% of the window's TIV, all suppliers",
        xrange=rng,
        **event_layer(data, events, cats),
        height=340,
    )
    frames = []
    for indicator, length in SHARE_WINDOWS:
        for supplier in SHARE_SUPPLIERS:
            frame = data.select(indicator, "SIPRI", supplier, edition=edition).sort_values("year")
            if frame.empty:
                continue
            frames.append(frame)
            color = SUPPLIER_COLOR.get(supplier, PALETTE[0])
            hover = [share_hover(supplier, r, length, edition) for _, r in frame.iterrows()]
            ends = [int(y) for y in frame["year"]]
            if length == 5:
                fig.add_trace(
                    go.Bar(
                        x=[end - 2 for end in ends],  # the middle year of the window
                        y=frame["value"].tolist(),
                        name=f"{supplier}, five-year windows",
                        legendgroup=supplier,
                        marker={"color": color},
                        text=hover,
                        textposition="none",
                        customdata=frame["obs_id"].tolist(),
                        hovertemplate="%{text}<extra></extra>",
                    )
                )
                continue
            xs: list[float | None] = []
            ys: list[float | None] = []
            texts: list[str] = []
            ids: list[str] = []
            for end, value, text, obs_id in zip(ends, frame["value"], hover, frame["obs_id"], strict=True):
                xs += [end - length + 0.5, end + 0.5, None]
                ys += [float(value), float(value), None]
                texts += [text, text, ""]
                ids += [str(obs_id), str(obs_id), ""]
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=f"{supplier}, ten-year windows",
                    legendgroup=supplier,
                    line={"color": color, "dash": "dash", "width": 2},
                    text=texts,
                    customdata=ids,
                    hovertemplate="%{text}<extra></extra>",
                )
            )
    if frames:
        fig.layout.annotations = [a for a in fig.layout.annotations if a.text != NO_DATA]
        fig.update_layout(barmode="group", bargap=0.1)
    if totals_only(tiv_frame(data, edition)):
        add_notes(fig, [totals_only_note(edition)])
    return fig, pd.concat(frames) if frames else data.observations.iloc[0:0]


# ------------------------------------------------------------------ milex
def milex_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Military expenditure in current and constant USD (money; never on a TIV axis)."""
    lines = []
    for indicator, (name, color, dash_style) in MILEX_LINES.items():
        frame = data.select(indicator, "SIPRI", "AZ")
        lines.append(Line(name, frame, color, dash_style, source_label="; ".join(data.publishers(frame))))
    fig = timeseries_figure(
        lines,
        title="Azerbaijan's military expenditure (SIPRI Milex) — money, not TIV",
        unit="USD million",
        xrange=rng,
        **event_layer(data, events, cats),
        height=320,
    )
    return fig, pd.concat([line.frame for line in lines])


def gdp_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Military expenditure as a share of GDP, one line per edition of the series."""
    frame = data.select("arms_milex_share_gdp", "SIPRI", "AZ")
    lines = []
    for i, (edition, part) in enumerate(frame.groupby("edition", sort=True)):
        name = "SIPRI via Our World in Data" if "Our World in Data" in str(edition) else "SIPRI April 2024 release"
        lines.append(Line(name, part, PALETTE[(i * 3) % len(PALETTE)], "solid" if i == 0 else "dash"))
    fig = timeseries_figure(
        lines,
        title="Military expenditure, share of GDP",
        unit="percent",
        y_title="% of GDP",
        xrange=rng,
        **event_layer(data, events, cats),
        height=320,
    )
    return fig, frame


# ------------------------------------------------------------------ deals and statements
def deal_years(deal: pd.Series) -> list[int]:
    """Years with deliveries: the listed years ('2007;2008', '2013-2015'), else first to last delivery."""
    if isinstance(deal.get("delivery_years"), str) and deal["delivery_years"]:
        return delivery_year_list(deal["delivery_years"])
    first, last = deal.get("first_delivery"), deal.get("last_delivery")
    if pd.notna(first) and pd.notna(last):
        return list(range(int(first), int(last) + 1))
    return []


def deals_for(data: DataStore, edition: str, year: int | None) -> pd.DataFrame:
    """Register rows of one release; with a year, only deals with deliveries in that year."""
    deals = data.deals[data.deals["edition"] == edition]
    if year is None or deals.empty:
        return deals
    return deals[[year in deal_years(deal) for _, deal in deals.iterrows()]]


def missing_columns(data: DataStore, edition: str) -> list[str]:
    """Register columns the release's rows leave empty throughout (its export does not carry them)."""
    deals = data.deals[data.deals["edition"] == edition]
    if deals.empty:
        return []
    return [c for c in RELEASE_COLUMNS if c in deals.columns and deals[c].isna().all()]


def deal_scope(data: DataStore, edition: str) -> tuple[str, str]:
    """How the caption names the release's rows: ("Russian deals", "Russian deals") when the release lists
    one supplier only, else ("register rows", "deals")."""
    suppliers = sorted(str(s) for s in data.deals.loc[data.deals["edition"] == edition, "supplier"].dropna().unique())
    if len(suppliers) == 1:
        name = SUPPLIER_ADJECTIVE.get(suppliers[0], suppliers[0]) + " deals"
        return name, name
    return "register rows", "deals"


def lacks_text(missing: Sequence[str]) -> str:
    """Caption sentence naming the register columns a release lacks ('' when it has them all)."""
    if not missing:
        return ""
    headers = {field: header for field, header, _ in DEAL_COLUMNS}
    names = [f"'{headers.get(c, c)}'" for c in missing]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f" This release's register has no {listed}: those cells read '{NOT_IN_RELEASE}'."


def deal_rows(frame: pd.DataFrame, missing: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Grid rows: JSON-safe values, whole numbers as ints, missing as None; columns the release lacks
    read 'not in this release'."""
    rows = []
    for rec in frame.reindex(columns=[c for c, _, _ in DEAL_COLUMNS]).to_dict(orient="records"):
        row: dict[str, Any] = {}
        for key, value in rec.items():
            if key in missing:
                row[str(key)] = NOT_IN_RELEASE
            elif value is None or (isinstance(value, float) and pd.isna(value)):
                row[str(key)] = None
            elif isinstance(value, float) and value.is_integer() and key != "tiv_delivered":
                row[str(key)] = int(value)
            elif hasattr(value, "item"):
                row[str(key)] = value.item()
            else:
                row[str(key)] = value
        rows.append(row)
    return rows


def deals_caption(data: DataStore, edition: str, year: int | None, n: int) -> str:
    """What the deal table shows, or why it is empty."""
    label = release_label(edition)
    if (data.deals["edition"] == edition).sum() == 0:
        return f"No register rows were transcribed for the {label}."
    every, some = deal_scope(data, edition)
    lacks = lacks_text(missing_columns(data, edition))
    if year is None:
        return f"All {n} {every} in the register of the {label} (click a year to see that year's deliveries).{lacks}"
    if n == 0:
        return f"No deliveries recorded in {year} in the {label}."
    return f"{n} {some} with deliveries in {year} ({label}).{lacks}"


def deals_grid(rows: list[dict[str, Any]]) -> dag.AgGrid:
    """Sortable, filterable deal register."""
    return dag.AgGrid(
        id=f"{P}-deals",
        rowData=rows,
        columnDefs=[
            # no data-type inference: a release may fill a numeric column with 'not in this release'
            {"field": field, "headerName": header, "filter": flt, "tooltipField": field}
            | ({"cellDataType": False} if field in NUMERIC_DEAL_COLUMNS else {})
            for field, header, flt in DEAL_COLUMNS
        ],
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "minWidth": 110},
        dashGridOptions={"animateRows": False, "tooltipShowDelay": 300},
        style={"height": "420px", "width": "100%"},
    )


def plain_number(value: float) -> str:
    """Number as stated: 4, 1.257, 1 200 (no padding zeros)."""
    text = f"{float(value):,.3f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f")


def statement_value(row: Mapping[Any, Any]) -> str:
    """'USD 4 bn (money, as stated)', '72 tanks delivered 2007-2013', or '' for qualitative statements."""
    qual = str(row.get("qualifier") or "")
    value = row.get("value")
    if qual == "qualitative" or value is None or pd.isna(value):
        return ""
    unit = str(row.get("unit") or "")
    high = row.get("value_high")
    number = plain_number(value)
    if qual == "range" and high is not None and not pd.isna(high):
        number = f"{number}–{plain_number(high)}"
    prefix = {"approximate": "~", "lower_bound": "more than ", "upper_bound": "up to "}.get(qual, "")
    m = MONEY_UNIT.match(unit)
    if m:
        scale = unit[m.end() :].strip().replace("billion", "bn").replace("million", "m")
        return f"{prefix}{m.group(1)} {number} {scale}".strip() + " (money, as stated)"
    return f"{prefix}{number} {unit}".strip()


def statements_list(data: DataStore) -> html.Ul:
    """Dated statements with their speaker, value and a link to the source."""
    items = []
    frame = data.arms_statements.sort_values(["date", "statement_id"], na_position="last")
    for row in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
        src = data.source_index.get(str(row["source_id"]), {})
        when = str(row["date"] or row.get("date_note") or "undated")
        value = statement_value(row)
        bits: list[Any] = [html.Span(when, className="stmt-date"), " · ", html.B(str(row["speaker"]))]
        if value:
            bits += [": ", html.Span(value, className="num")]
        bits += [html.Br(), str(row["summary"]), " Source: "]
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


# ------------------------------------------------------------------ layout
def release_note(data: DataStore, edition: str) -> str:
    """Caveat for the selected release."""
    if totals_only(tiv_frame(data, edition)):
        return totals_only_note(edition) + "."
    return (
        f"Showing the {release_label(edition)}. SIPRI revises past years in every release, so figures differ "
        "between releases; TIV measures volume, not money."
    )


def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    data = store()
    sel = SPEC.parse(data, kwargs)
    year, rng, events, cats, key = sel.year, sel.xrange, sel.events, sel.cats, sel["release"]
    edition = edition_for(data, key)
    tiv, tiv_f = tiv_figure(data, edition, rng, events, cats)
    share, share_f = share_figure(data, edition, rng, events, cats)
    milex, milex_f = milex_figure(data, rng, events, cats)
    gdp, gdp_f = gdp_figure(data, rng, events, cats)
    controls = html.Span(
        [
            html.Span("SIPRI release: ", className="muted"),
            dcc.Dropdown(
                id=f"{P}-release",
                options=[{"label": release_label(e), "value": k} for k, e in release_keys(data).items()],
                value=key,
                clearable=False,
                searchable=False,
                style={"minWidth": "300px", "display": "inline-block", "verticalAlign": "middle"},
            ),
            events_controls(P, events, cats, EVENT_CATEGORIES),
        ]
    )
    return html.Div(
        [
            page_header(
                "Arms transfers and military spending",
                "Report chapter 10 · Military-Technical Cooperation",
                "SIPRI's trend-indicator value (TIV) measures the volume of major arms delivered, not their price. "
                "Each SIPRI release revises earlier years, so one release is shown at a time. Military expenditure "
                "and statements about contract values are money and are kept on separate charts and lists. Click a "
                "bar to list that year's deliveries.",
            ),
            notices(sel.notices, f"{P}-notice"),
            SPEC.stores(data, sel),
            selection_bar(P, year, controls),
            html.Div(release_note(data, edition), id=f"{P}-release-note", className="muted"),
            html.H2("Arms transfers (SIPRI TIV — volume, not money)"),
            with_commentary(
                [
                    chart_card(f"{P}-tiv", tiv, sources_for(data, tiv_f, f"{P}-tiv-src")),
                    chart_card(f"{P}-share", share, sources_for(data, share_f, f"{P}-share-src")),
                ],
                commentary_panel(10, data),
            ),
            # drawn only in the browser (ruaz_pages.deals, at load and on every click) from `arms-deals-data`
            html.H2(["Deal register: ", html.Span(id=f"{P}-deals-year")]),
            html.Div(
                [
                    html.P(id=f"{P}-deals-caption"),
                    deals_grid([]),
                    dcc.Store(id=f"{P}-deals-data", data=deals_payload(data)),
                    html.P(
                        "From SIPRI's trade register for Azerbaijan. 'TIV delivered' is SIPRI's volume measure, not "
                        "a price; numbers ordered and delivered are SIPRI estimates where flagged.",
                        className="muted",
                    ),
                ],
                className="card",
            ),
            html.H2("Military expenditure (US dollars — money, not TIV)"),
            html.Div(
                [
                    chart_card(f"{P}-milex", milex, sources_for(data, milex_f, f"{P}-milex-src")),
                    chart_card(f"{P}-gdp", gdp, sources_for(data, gdp_f, f"{P}-gdp-src")),
                ],
                className="grid-2",
            ),
            html.H2("Statements on arms deals"),
            html.Div(
                [
                    html.P(
                        "Officials, analysts and media quoted on deals and spending. These are statements, not SIPRI "
                        "data: dollar figures are money (contract or spending values) and cannot be compared with "
                        "TIV.",
                        className="muted",
                    ),
                    statements_list(data),
                ],
                className="card",
            ),
        ],
        className="page",
    )


@callback(
    Output(f"{P}-tiv", "figure", allow_duplicate=True),
    Output(f"{P}-tiv-src", "children"),
    Output(f"{P}-share", "figure", allow_duplicate=True),
    Output(f"{P}-share-src", "children"),
    Output(f"{P}-release-note", "children"),
    Input(f"{P}-release", "value"),
    State(f"{P}-state", "data"),
    prevent_initial_call=True,
)
@memoize()
def render_release(key: Any, state: Any) -> tuple[Any, ...]:
    """Release switch: redraw the TIV stack and the shares from that release."""
    data = store()
    sel = SPEC.selection(data, {**(state if isinstance(state, dict) else {}), "release": key})
    edition = edition_for(data, sel["release"])
    rng, events, cats = sel.xrange, sel.events, sel.cats
    tiv, tiv_f = tiv_figure(data, edition, rng, events, cats)
    share, share_f = share_figure(data, edition, rng, events, cats)
    return (
        tiv,
        sources_for(data, tiv_f, f"{P}-tiv-src").children,
        share,
        sources_for(data, share_f, f"{P}-share-src").children,
        release_note(data, edition),
    )


@memoize(maxsize=4)
def deals_payload(data: DataStore) -> dict[str, Any]:
    """Each release's register rows with their delivery years and every caption (all years and each year).

    The deal panel has one renderer, ``ruaz_pages.deals`` (assets/pages.js): it filters these rows by the
    selected year and places the caption written here by :func:`deals_caption`, at load and on a click.
    """
    out: dict[str, Any] = {}
    years = range(data.years[0], data.years[-1] + 1)
    for key, edition in release_keys(data).items():
        deals = deals_for(data, edition, None)
        rows = deal_rows(deals, missing_columns(data, edition))
        for row, (_, deal) in zip(rows, deals.iterrows(), strict=True):
            row["_years"] = deal_years(deal)
        captions = {"all": deals_caption(data, edition, None, len(rows))}
        for y in years:
            captions[str(y)] = deals_caption(data, edition, y, sum(y in row["_years"] for row in rows))
        out[key] = {"rows": rows, "captions": captions}
    return {"default": next(iter(out), None), "releases": out}


clientside_callback(
    ClientsideFunction(namespace="ruaz_pages", function_name="deals"),
    Output(f"{P}-deals-year", "children"),
    Output(f"{P}-deals-caption", "children"),
    Output(f"{P}-deals", "rowData"),
    Input(f"{P}-state", "data"),
    State(f"{P}-deals-data", "data"),
    State(f"{P}-cfg", "data"),
)


def view_frame(data: DataStore, sel: Selection) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The observations behind the current view (release, range) plus the deal table and statements."""
    edition = edition_for(data, sel["release"])
    rng, year = sel.xrange, sel.year
    _, tiv_f = tiv_figure(data, edition, None, False)
    _, share_f = share_figure(data, edition, None, False)
    _, milex_f = milex_figure(data, None, False)
    _, gdp_f = gdp_figure(data, None, False)
    frame = in_range(pd.concat([tiv_f, share_f, milex_f, gdp_f]), rng)
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
