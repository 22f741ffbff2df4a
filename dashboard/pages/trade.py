"""Trade page (/trade, report chapter 8): mirror statistics, balance, share, statements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard.caching import memoize
from dashboard.commentary import commentary_panel
from dashboard.components import (
    chart_card,
    events_controls,
    notices,
    page_header,
    selection_bar,
    with_commentary,
)
from dashboard.data import DataStore, store
from dashboard.figures import REPORTER_COLOR, Line, fmt_value, timeseries_figure
from dashboard.pages._helpers import add_notes
from dashboard.protocol import PageSpec, Selection, register_download
from dashboard.state import EVENT_CATEGORIES, Param, selection_params
from dashboard.trade_series import FLOWS, main_figure, reporter_lines
from dashboard.views import (
    export_bytes,
    in_range,
    sources_for,
    statements_for_year,
    statements_table,
    value_text,
)

__all__ = ["FLOWS", "main_figure", "reporter_lines"]

P = "trade"
MIRROR_SUBJECT = {"turnover": "turnover", "az_to_ru": "AZ→RU goods", "ru_to_az": "RU→AZ goods"}
GRAPHS = [f"{P}-main", f"{P}-mirror", f"{P}-balance", f"{P}-share", f"{P}-share-ru"]
CONTROLS = {f"{P}-flow": "flow", f"{P}-events": "events", f"{P}-cats": "cats"}
STATEMENT_INDICATORS = [
    "trade_az_ru_turnover",
    "trade_az_ru_turnover_rub",
    "trade_az_to_ru",
    "trade_ru_to_az",
    "trade_az_ru_turnover_growth",
    "trade_az_to_ru_growth",
    "trade_ru_to_az_growth",
    "trade_az_ru_turnover_trend",
    "trade_az_ru_turnover_forecast",
    "trade_az_ru_turnover_target",
    "trade_ru_share_of_az_trade",
    "trade_ru_share_of_az_exports",
    "trade_ru_share_of_az_imports",
    "trade_ru_share_of_az_cis_trade",
    "trade_ru_rank_in_az_trade",
    "trade_az_rank_in_ru_cis_trade",
]
FACT_INDICATORS = [
    "trade_commodity_value",
    "trade_commodity_volume",
    "trade_commodity_volume_m3",
    "trade_commodity_share_of_turnover",
    "trade_commodity_ru_share_of_az_exports",
    "trade_commodity_ru_share_of_az_imports",
    "trade_commodity_az_share_of_ru_imports",
    "trade_commodity_structure",
    "invest_stock_ru_in_az",
    "invest_stock_az_in_ru",
    "invest_flow_ru_to_az",
    "invest_flow_az_to_ru",
    "invest_companies_ru_capital_in_az",
    "invest_companies_az_capital_in_ru",
    "finance_national_currency_share",
    "finance_remittances_ru_to_az",
]


def params(data: DataStore) -> dict[str, Param]:
    """Query parameters of this page."""
    years = data.years
    return {
        **selection_params(years[0], years[-1]),
        "flow": Param("choice", "turnover", choices=list(FLOWS), label="flow"),
    }


SPEC = PageSpec(P, params, tuple(GRAPHS), CONTROLS)
dash.register_page(__name__, path="/trade", name="Trade", title="Trade · RU–AZ Indicators", order=1, spec=SPEC)


def mirror_figure(
    data: DataStore, flow: str, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """RU-reported ÷ AZ-reported for the flow; 1 = the two customs agree."""
    frame = data.select("trade_mirror_ratio", "OTHER", MIRROR_SUBJECT[flow])
    line = Line("RU-reported ÷ AZ-reported", frame, "#8e44ad", source_label="; ".join(data.publishers(frame)))
    fig = timeseries_figure(
        [line],
        title="Mirror ratio (1 = the two customs agree)",
        unit="ratio",
        y_title="ratio",
        xrange=rng,
        events=data.events,
        events_visible=events,
        event_categories=cats,
        height=280,
    )
    fig.add_hline(y=1, line={"color": "#999", "dash": "dot", "width": 1})
    return fig, frame


INPUT_WORD = {
    "trade_az_to_ru": "exports",
    "trade_ru_to_az": "imports",
    "trade_az_ru_turnover": "trade with Russia",
    "trade_az_world_turnover": "world trade",
    "trade_ru_world_turnover": "world trade",
}


def _skipped(data: DataStore, indicator: str) -> list[dict[str, Any]]:
    """The build's ``derived_not_computed`` entries for ``indicator``."""
    checks = data.report.get("sanity_checks") if isinstance(data.report, dict) else None
    details = next(
        (
            c.get("details") or []
            for c in checks or []
            if isinstance(c, dict) and c.get("name") == "derived_not_computed"
        ),
        [],
    )
    return [d for d in details if isinstance(d, dict) and d.get("indicator") == indicator]


def not_computed_lines(data: DataStore, indicator: str) -> list[str]:
    """Two short lines per year the build did not compute ``indicator`` because its inputs come from
    different sources (the ``derived_not_computed`` check lists them with their inputs)."""
    obs = data.observations.set_index("obs_id")
    note_lines: list[str] = []
    for item in _skipped(data, indicator):
        parts = []
        for obs_id in str(item.get("inputs") or "").split(";"):
            if obs_id not in obs.index:
                continue
            row = obs.loc[obs_id]
            src = data.source_index.get(str(row["source_id"]), {})
            name = str(src.get("outlet") or src.get("publisher") or row["source_id"])
            parts.append(f"{INPUT_WORD.get(str(row['indicator']), str(row['indicator']))} from {name}")
        # two short lines per year: the charts are half the page wide
        note_lines += [
            f"{item.get('reporter')}-reported {item.get('year')}: not computed, different sources",
            f"({'; '.join(parts)})",
        ]
    return note_lines


def not_computed_summary(data: DataStore, indicator: str) -> list[str]:
    """Two short lines per reporter: the years not computed (different sources) and the outlets involved."""
    per_reporter: dict[str, tuple[list[int], list[str]]] = {}
    obs = data.observations.set_index("obs_id")
    for item in _skipped(data, indicator):
        years, outlets = per_reporter.setdefault(str(item.get("reporter")), ([], []))
        years.append(int(item.get("year") or 0))
        for obs_id in str(item.get("inputs") or "").split(";"):
            if obs_id in obs.index:
                src = data.source_index.get(str(obs.loc[obs_id, "source_id"]), {})
                name = str(src.get("outlet") or src.get("publisher") or "")
                if name and name not in outlets:
                    outlets.append(name)
    lines: list[str] = []
    for reporter, (years, outlets) in per_reporter.items():
        lines += [
            f"{reporter}-reported {', '.join(str(y) for y in sorted(years))}: not computed, different sources",
            f"(the two terms come from different outlets: {', '.join(outlets)})",
        ]
    return lines


def add_not_computed_note(fig: go.Figure, note_lines: Sequence[str]) -> go.Figure:
    """Write the not-computed lines above the plot (nothing when there are none)."""
    if not note_lines:
        return fig
    escaped = [line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for line in note_lines]
    fig.add_annotation(
        text="<i>" + "<br>".join(escaped) + "</i>",
        name="not-computed",
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom",
        align="left",
        yshift=18,
        font={"size": 11, "color": "#8a5a00"},
    )
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 56
    fig.update_layout(
        margin={"t": top + 15 * len(note_lines)},
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 8}},
    )
    return fig


def balance_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Azerbaijan's goods balance with Russia, per reporter.

    A balance is computed only from exports and imports of one source and edition; the years where the
    two flows come from different sources are left out and named on the chart (the build's
    ``derived_not_computed`` check lists them with their inputs).
    """
    lines, frame = reporter_lines(data, "trade_az_ru_balance")
    fig = timeseries_figure(
        lines,
        title="Azerbaijan's goods balance with Russia (negative = deficit)",
        unit="USD million",
        xrange=rng,
        events=data.events,
        events_visible=events,
        event_categories=cats,
        height=280,
    )
    fig.add_hline(y=0, line={"color": "#999", "width": 1})
    add_not_computed_note(fig, not_computed_lines(data, "trade_az_ru_balance"))
    return fig, frame


# Short lines: the share charts sit two to a row, and plotly does not wrap annotations.
SHARE_AZ_NOTES = [
    "Both terms as Azerbaijan records them (÷ AZ world trade).",
    "Not drawn: this share per Russian statistics. It would divide",
    "Russia's figure by Azerbaijan's world total: two reporters in",
    "one ratio, so it is not computed.",
]
SHARE_RU_NOTES = [
    "A different measure: Azerbaijan's weight in Russia's trade,",
    "not Russia's in Azerbaijan's (÷ RU world trade, RU figures).",
]


def share_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Russia's share of Azerbaijan's goods trade, both terms as Azerbaijan reports them."""
    az = data.select("trade_ru_share_of_az_trade", "AZ")
    line = Line("Russia's share of Azerbaijan's trade (AZ statistics)", az, REPORTER_COLOR["AZ"])
    fig = timeseries_figure(
        [line],
        title="Russia's share of Azerbaijan's goods trade (AZ statistics)",
        unit="percent",
        y_title="% of Azerbaijan's trade",
        xrange=rng,
        events=data.events,
        events_visible=events,
        event_categories=cats,
        height=340,
    )
    notes = [*SHARE_AZ_NOTES, *not_computed_summary(data, "trade_ru_share_of_az_trade")]
    # the notes sit above the plot: grow the chart by their height so that the plot keeps its size
    fig.update_layout(height=340 + 16 * len(notes))
    return add_notes(fig, notes), az


def share_ru_figure(
    data: DataStore, rng: tuple[int, int] | None, events: bool, cats: Sequence[str] = ()
) -> tuple[go.Figure, pd.DataFrame]:
    """Azerbaijan's share of Russia's goods trade, both terms as Russia reports them."""
    ru = data.select("trade_az_share_of_ru_trade", "RU")
    line = Line("Azerbaijan's share of Russia's trade (RU statistics)", ru, REPORTER_COLOR["RU"], "dash")
    fig = timeseries_figure(
        [line],
        title="Azerbaijan's share of Russia's goods trade (RU statistics)",
        unit="percent",
        y_title="% of Russia's trade",
        xrange=rng,
        events=data.events,
        events_visible=events,
        event_categories=cats,
        height=340,
    )
    return add_notes(fig, SHARE_RU_NOTES), ru


def detail_frame(data: DataStore, year: int) -> pd.DataFrame:
    """The rows behind the year-detail chart: both flows as each side reports them."""
    frames = [
        data.select(ind, rep).pipe(lambda f: f[f["year"] == year])
        for ind in ("trade_az_to_ru", "trade_ru_to_az")
        for rep in ("AZ", "RU")
    ]
    return pd.concat(frames)


DETAIL_FLOWS = (("trade_az_to_ru", "AZ → RU"), ("trade_ru_to_az", "RU → AZ"))
DETAIL_REPORTERS = (("AZ", "AZ-reported"), ("RU", "RU-reported"))


def detail_skeleton() -> go.Figure:
    """The year-detail chart without values: ``ruaz_trade.detail`` (assets/pages.js) fills in every year,
    the first one included, from ``detail_payload``; the server never draws the values itself."""
    fig = go.Figure()
    for rep, name in DETAIL_REPORTERS:
        fig.add_trace(
            go.Bar(
                x=[label for _, label in DETAIL_FLOWS],
                y=[None, None],
                name=name,
                marker={"color": REPORTER_COLOR[rep]},
                text=["", ""],
                textposition="outside",
                hovertemplate="%{x}, " + name + ": %{y:,.1f} USD million<extra></extra>",
            )
        )
    fig.update_layout(
        title={"text": "", "font": {"size": 14}, "x": 0.01},
        barmode="group",
        height=300,
        margin={"l": 60, "r": 20, "t": 40, "b": 40},
        plot_bgcolor="white",
        yaxis={"gridcolor": "#eee"},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def default_year(data: DataStore) -> int:
    """Year of the detail chart and statements when nothing is selected: the latest with flows."""
    f = data.select("trade_az_to_ru")
    return int(f["year"].max())


# The trade page's key-figure tiles (label, indicator, reporter, subject, unit); not the overview's kpis.KPI_SPECS.
DETAIL_TILES = [
    ("Turnover, AZ-reported", "trade_az_ru_turnover", "AZ", None, "USD million"),
    ("Turnover, RU-reported", "trade_az_ru_turnover", "RU", None, "USD million"),
    ("Mirror ratio (turnover)", "trade_mirror_ratio", "OTHER", "turnover", "ratio"),
    ("Balance, AZ-reported", "trade_az_ru_balance", "AZ", None, "USD million"),
    ("Russia's share of AZ trade (AZ statistics)", "trade_ru_share_of_az_trade", "AZ", None, "percent"),
]


def kpi_texts(data: DataStore, year: int) -> list[str]:
    """The year's key figures as text (value with qualifier and unit, or 'no data for <year>')."""
    texts = []
    for _, ind, rep, subj, unit in DETAIL_TILES:
        f = data.select(ind, rep, subj)
        f = f[f["year"] == year]
        texts.append(value_text(f.iloc[0], unit) if len(f) else f"no data for {year}")
    return texts


def latest_kpis(data: DataStore) -> list[dict[str, Any]]:
    """Each key figure in its own latest year with data: {'text', 'year'} (year None when it has none)."""
    out: list[dict[str, Any]] = []
    for _, ind, rep, subj, unit in DETAIL_TILES:
        f = data.select(ind, rep, subj)
        if f.empty:
            out.append({"text": "no data", "year": None})
            continue
        last = f[f["year"] == f["year"].max()].iloc[0]
        out.append({"text": value_text(last, unit), "year": int(last["year"])})
    return out


def kpi_strip() -> html.Div:
    """Labels of the key figures; their values and years are placed by ``ruaz_trade.detail`` in the browser."""
    items = [
        html.Div(
            [
                html.Div(label, className="kpi-label"),
                html.Div(className="kpi-small", id=f"{P}-kpi-{i}"),
                html.Div(className="kpi-when muted", id=f"{P}-kpi-{i}-year"),
            ],
            className="kpi-mini",
        )
        for i, (label, *_) in enumerate(DETAIL_TILES)
    ]
    return html.Div(items, className="kpi-strip", id=f"{P}-kpis")


def flow_values(data: DataStore, year: int) -> dict[str, list[float | None]]:
    """AZ→RU and RU→AZ goods for ``year`` as each reporter gives them (None = no figure)."""
    out: dict[str, list[float | None]] = {}
    for rep, _ in DETAIL_REPORTERS:
        values: list[float | None] = []
        for ind, _ in DETAIL_FLOWS:
            f = data.select(ind, rep)
            f = f[f["year"] == year]
            values.append(float(f["value"].iloc[0]) if len(f) else None)
        out[rep] = values
    return out


def detail_entry(data: DataStore, year: int) -> dict[str, Any]:
    """One year of the detail panel, every text ready to place: chart values, bar labels, title, tiles."""
    flows = flow_values(data, year)
    missing = all(v is None for vals in flows.values() for v in vals)
    return {
        "flows": flows,
        "labels": {
            rep: [fmt_value(v, "") if v is not None else "no data" for v in vals] for rep, vals in flows.items()
        },
        "title": f"No annual flow figures for {year}"
        if missing
        else f"Flows in {year}, as each side reports them (USD million)",
        "kpis": kpi_texts(data, year),
    }


@memoize(maxsize=4)
def detail_payload(data: DataStore) -> dict[str, Any]:
    """Everything the year-detail panel shows, per year and for 'no selection' (each figure's latest year).

    ``ruaz_trade.detail`` only places these texts: the panel has this one renderer, at load and on a click.
    """
    years = range(data.years[0], data.years[-1] + 1)
    return {
        "default": default_year(data),
        "latest": latest_kpis(data),
        "years": {str(y): detail_entry(data, y) for y in years},
    }


def layout(**kwargs: Any) -> html.Div:
    """Page layout; query parameters arrive as kwargs."""
    data = store()
    sel = SPEC.parse(data, kwargs)
    year, rng, events, flow, cats = sel.year, sel.xrange, sel.events, sel["flow"], sel.cats
    main, main_f = main_figure(data, flow, rng, events, cats)
    mirror, mirror_f = mirror_figure(data, flow, rng, events, cats)
    bal, bal_f = balance_figure(data, rng, events, cats)
    share, share_f = share_figure(data, rng, events, cats)
    share_ru, share_ru_f = share_ru_figure(data, rng, events, cats)
    detail_year = year or default_year(data)
    detail_f = detail_frame(data, detail_year)
    controls = html.Span(
        [
            dcc.RadioItems(
                id=f"{P}-flow",
                options=[{"label": lbl.split(" (")[0], "value": k} for k, (_, lbl) in FLOWS.items()],
                value=flow,
                inline=True,
                className="radio",
            ),
            events_controls(P, events, cats, EVENT_CATEGORIES),
        ]
    )
    return html.Div(
        [
            page_header(
                "Bilateral trade",
                "Report chapter 8 · Russia–Azerbaijan Economic Interaction",
                "Azerbaijan's and Russia's customs record the same trade differently. Both series are shown, "
                "each named by its reporter (IMF Direction of Trade Statistics to 2020; official figures relayed "
                "in the press after). Click a point to select a year; drag on any chart to zoom all of them.",
            ),
            notices(sel.notices, f"{P}-notice"),
            SPEC.stores(data, sel),
            selection_bar(P, year, controls),
            with_commentary(
                [
                    chart_card(f"{P}-main", main, sources_for(data, main_f, f"{P}-main-src")),
                    html.Div(
                        [
                            chart_card(f"{P}-mirror", mirror, sources_for(data, mirror_f, f"{P}-mirror-src")),
                            chart_card(f"{P}-balance", bal, sources_for(data, bal_f, f"{P}-balance-src")),
                            chart_card(f"{P}-share", share, sources_for(data, share_f, f"{P}-share-src")),
                            chart_card(f"{P}-share-ru", share_ru, sources_for(data, share_ru_f, f"{P}-share-ru-src")),
                        ],
                        className="grid-2",
                    ),
                ],
                commentary_panel(8, data),
            ),
            html.H2(["Year in detail: ", html.Span(id=f"{P}-detail-year")]),
            kpi_strip(),
            dcc.Store(id=f"{P}-detail-data", data=detail_payload(data)),
            html.Div(
                [
                    chart_card(f"{P}-detail", detail_skeleton(), sources_for(data, detail_f, f"{P}-detail-src")),
                    html.Div(
                        [
                            html.H3("Statements and part-year figures"),
                            html.P(
                                "Quoted by officials and agencies; period-labelled and never joined to the annual "
                                "lines.",
                                className="muted",
                            ),
                            html.Div(
                                statements_table(
                                    data,
                                    statements_for_year(data, STATEMENT_INDICATORS, detail_year),
                                    f"No statements dated {detail_year}.",
                                    f"{P}-statements",
                                ),
                                id=f"{P}-statements-wrap",
                            ),
                        ],
                        className="card",
                    ),
                ],
                className="grid-2",
            ),
            html.Div(
                [
                    html.H3("Commodities, investment and settlements"),
                    html.Div(
                        statements_table(
                            data,
                            statements_for_year(data, FACT_INDICATORS, detail_year),
                            f"No commodity, investment or settlement figures dated {detail_year}.",
                            f"{P}-facts",
                        ),
                        id=f"{P}-facts-wrap",
                    ),
                ],
                className="card",
            ),
        ],
        className="page",
    )


@callback(
    Output(f"{P}-main", "figure", allow_duplicate=True),
    Output(f"{P}-main-src", "children"),
    Output(f"{P}-mirror", "figure", allow_duplicate=True),
    Output(f"{P}-mirror-src", "children"),
    Input(f"{P}-flow", "value"),
    State(f"{P}-state", "data"),
    prevent_initial_call=True,
)
@memoize()
def render_flow(flow: Any, state: Any) -> tuple[Any, ...]:
    """Flow switch: redraw the mirror lines and the mirror ratio."""
    data = store()
    sel = SPEC.selection(data, {**(state if isinstance(state, dict) else {}), "flow": flow})
    flow, rng, events, cats = sel["flow"], sel.xrange, sel.events, sel.cats
    main, main_f = main_figure(data, flow, rng, events, cats)
    mirror, mirror_f = mirror_figure(data, flow, rng, events, cats)
    return (
        main,
        sources_for(data, main_f, f"{P}-main-src").children,
        mirror,
        sources_for(data, mirror_f, f"{P}-mirror-src").children,
    )


clientside_callback(
    ClientsideFunction(namespace="ruaz_trade", function_name="detail"),
    Output(f"{P}-detail", "figure"),
    Output(f"{P}-detail-year", "children"),
    *[Output(f"{P}-kpi-{i}", "children") for i in range(len(DETAIL_TILES))],
    *[Output(f"{P}-kpi-{i}-year", "children") for i in range(len(DETAIL_TILES))],
    Input(f"{P}-state", "data"),
    State(f"{P}-detail-data", "data"),
    State(f"{P}-detail", "figure"),
    State(f"{P}-cfg", "data"),
)


@callback(
    Output(f"{P}-detail-src", "children"),
    Output(f"{P}-statements-wrap", "children"),
    Output(f"{P}-facts-wrap", "children"),
    Input(f"{P}-state", "data"),
    prevent_initial_call=True,
)
@memoize()
def render_detail(state: Any) -> tuple[Any, ...]:
    """Selected year: the detail chart's citations, statements and facts (the chart itself redraws in the browser)."""
    data = store()
    year = SPEC.selection(data, state).year or default_year(data)
    detail_f = detail_frame(data, year)
    return (
        sources_for(data, detail_f, f"{P}-detail-src").children,
        statements_table(
            data,
            statements_for_year(data, STATEMENT_INDICATORS, year),
            f"No statements dated {year}.",
            f"{P}-statements",
        ),
        statements_table(
            data,
            statements_for_year(data, FACT_INDICATORS, year),
            f"No commodity, investment or settlement figures dated {year}.",
            f"{P}-facts",
        ),
    )


def view_frame(data: DataStore, sel: Selection) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The observations behind the current view (flow, range) plus the year's statements."""
    flow, rng, year = sel["flow"], sel.xrange, sel.year
    ind = FLOWS[flow][0]
    obs = data.observations
    series_inds = [ind, "trade_az_ru_balance", "trade_ru_share_of_az_trade", "trade_az_share_of_ru_trade"]
    mask = obs["indicator"].isin(series_inds) & (obs["kind"] == "series")
    mask |= (obs["indicator"] == "trade_mirror_ratio") & (obs["subject"] == MIRROR_SUBJECT[flow])
    frame = in_range(obs[mask], rng)
    extra = {}
    if year is not None:
        extra[f"Statements {year}"] = statements_for_year(data, STATEMENT_INDICATORS + FACT_INDICATORS, year)
    return frame, extra


def workbook(data: DataStore, sel: Selection) -> tuple[bytes, tuple[object, ...]]:
    """Excel workbook of the data behind the current view."""
    frame, extra = view_frame(data, sel)
    filters = sel.filters({"flow": FLOWS[sel["flow"]][1], "page": "Trade"})
    extra = {k: v.drop(columns=["raw_file", "raw_line"], errors="ignore") for k, v in extra.items()}
    content = export_bytes(data, "RU–AZ Indicators: bilateral trade", filters, frame, extra)
    return content, ("trade", sel["flow"], sel.year)


download = register_download(SPEC, workbook)
