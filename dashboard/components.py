"""Reusable layout pieces: source lines with citations, notices, KPI cards, chart cards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from dashboard import ids
from dashboard.chart_text import chart_summary
from dashboard.citation import citation_text
from dashboard.citation import links as citation_links
from dashboard.data import release_label
from dashboard.figure_events import EVENT_COLOR
from dashboard.i18n import _, current_lang, tr
from indicators.vocab_i18n import display

# No third-party upload (cloud, Chart Studio); no camera button: the PNG/SVG buttons of each chart card
# (assets/chart_export.js) burn the source, edition, unit and date into the image, the camera would not.
GRAPH_CONFIG: Any = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "toImage", "sendDataToCloud"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "responsive": True,
}


def graph_config(graph_id: ids.GraphId) -> Any:
    """The modebar config of one chart: :data:`GRAPH_CONFIG`, image files named after the chart
    (``ruaz-<graph name>``, :func:`dashboard.ids.dom_name`)."""
    name = ids.dom_name(graph_id)
    return {**GRAPH_CONFIG, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": f"ruaz-{name}"}}


def chart_tools(graph_id: ids.GraphId) -> list[Any]:
    """PNG, SVG and CSV of one chart, and its "view data" table (filled by assets/chart_export.js when opened,
    from ``/chart-data/<graph name>.*`` for the page's current address). Ids and ``data-graph`` carry the
    graph's name (:func:`dashboard.ids.dom_name`: "trade-main" for a linked chart)."""
    graph_id = ids.dom_name(graph_id)
    label: Any = {"data-graph": graph_id}
    return [
        html.Div(
            [
                html.Span(_("Download: "), className="muted"),
                html.Button("PNG", className="btn btn-small chart-image", title=_("Image with the sources"), **label),
                html.Button(
                    "SVG", className="btn btn-small chart-image", title=_("Vector image with the sources"), **label
                ),
                html.A(
                    "CSV",
                    href=f"/chart-data/{graph_id}.csv?view=/",
                    id=f"{graph_id}-csv",
                    className="btn btn-small chart-csv",
                    title=_("The rows behind this chart"),
                    **label,
                ),
            ],
            className="chart-tools",
        ),
        html.Details(
            [
                html.Summary(_("View data"), id=f"{graph_id}-data-view-summary"),
                # a scrolling region: focusable and named, so that a keyboard can scroll it
                html.Div(
                    id=f"{graph_id}-data-table",
                    className="chart-table-wrap",
                    role="region",
                    tabIndex="0",
                    **{**label, "aria-label": _("Data behind the chart")},
                ),
            ],
            id=f"{graph_id}-data-view",
            className="chart-data",
            **label,
        ),
    ]


def citation_items(citations: Sequence[dict[str, Any]]) -> list[Any]:
    """List items citing each source: citation line, title, edition, date, links and locators.

    The citation line (:func:`~dashboard.citation.citation_text`) is the publisher's requested form when
    the data give one, else "publisher. title". The first link is the publisher's own page; a source
    read from a public copy gets a second link, "copy read", to that copy.
    """
    items = []
    for c in citations:
        bits: list[Any] = [html.B(citation_text(c), className="cite-as")]
        if c.get("cite_as") and c.get("title"):
            bits += [". ", str(c["title"])]
        if c.get("edition"):
            bits += [". ", html.I(str(c["edition"]))]
        if c.get("date"):
            bits += [". " + _("Published {date}").format(date=c["date"])]
        if c.get("outlet") and c.get("outlet") != c.get("publisher"):
            bits += [". " + _("Read at: {outlet}").format(outlet=c["outlet"])]
        for n, (text, href) in enumerate(citation_links(c)):
            kind = "cite-publisher" if n == 0 else "cite-copy"
            bits += [". " if n == 0 else " · "]
            bits += [html.A(text, href=href, target="_blank", rel="noopener noreferrer", className=kind, title=href)]
        locs = c.get("locators") or []
        if locs:
            shown = "; ".join(locs[:3]) + (_("; … {n} more").format(n=len(locs) - 3) if len(locs) > 3 else "")
            bits += [html.Br(), html.Small(_("Where: {locators}").format(locators=shown), className="muted")]
        if c.get("licence"):
            bits += [html.Br(), html.Small(_("Terms: {licence}").format(licence=c["licence"]), className="muted")]
        items.append(html.Li(bits, id=f"cite-{c.get('source_id')}"))
    return items


NO_SOURCES = _("no data in view")


def aria_attrs(**attrs: str) -> dict[str, Any]:
    """``aria-*`` attributes for a Dash html component (``label=`` → ``aria-label``)."""
    return {f"aria-{k}": v for k, v in attrs.items()}


def source_names(source: html.Details) -> list[str]:
    """The publishers a source line (:func:`source_block`) names (none for a Details of another shape)."""
    summary = source.children[0] if isinstance(source.children, list) and source.children else None
    parts = getattr(summary, "children", None)
    if not isinstance(parts, list) or len(parts) < 2:
        return []
    text = str(getattr(parts[1], "children", NO_SOURCES))
    return [] if text in (NO_SOURCES, tr(NO_SOURCES)) else text.split("; ")


def source_block(publishers: Sequence[str], citations: Sequence[dict[str, Any]], element_id: str) -> html.Details:
    """'Sources: …' line under a chart; one click opens the exact citations with URLs."""
    names = "; ".join(publishers) if publishers else tr(NO_SOURCES)
    return html.Details(
        [
            html.Summary(
                [
                    html.Span(_("Sources: "), className="src-label"),
                    html.Span(names),
                    html.Span(_(" — citations"), className="src-more"),
                ],
                id=f"{element_id}-summary",
            ),
            html.Ol(citation_items(citations), className="citations", id=f"{element_id}-list"),
        ],
        className="source-line",
        id=element_id,
    )


def notices(messages: Sequence[str], element_id: str = "notice") -> html.Div:
    """Small dismissible-looking notice for rejected URL parameters (empty div when none)."""
    if not messages:
        return html.Div(id=element_id, className="notice-empty")
    return html.Div(
        [html.Span(_("Note: "), className="notice-label"), " ".join(messages)],
        id=element_id,
        className="notice",
        role="status",
    )


def url_view_stores(prefix: str, view: str, view_data: Any, config: Any, messages: Sequence[str]) -> list[Any]:
    """The notices, the view store (``view``), the page config and the URL store of a page whose URL is
    written from its view store (see :func:`dashboard.linking.register_url_sync`)."""
    return [
        html.Div(notices(messages, f"{prefix}-notice"), id=f"{prefix}-notice-wrap"),
        dcc.Store(id=view, data=view_data),
        dcc.Store(id=f"{prefix}-cfg", data=config),
        dcc.Store(id=f"{prefix}-url"),
    ]


def chart_card(
    graph_id: ids.GraphId, figure: Any, source: html.Details, extra: Any = None, class_name: str = ""
) -> html.Div:
    """A bordered card holding one graph, its text alternative, its source line, its downloads (PNG, SVG, CSV)
    and its data table.

    The graph gets the figure's height explicitly: with ``responsive`` on, dcc.Graph sizes the plot to its
    container, and a container without a height (e.g. a grid cell) collapses the plot to a few pixels.
    The card is a figure named by a visually hidden summary (``<graph name>-alt``, :func:`chart_summary`,
    :func:`dashboard.ids.alt_id`).
    """
    height = getattr(getattr(figure, "layout", None), "height", None) or 330
    graph = dcc.Graph(
        id=graph_id,
        figure=figure,
        config=graph_config(graph_id),
        className="graph",
        style={"height": f"{int(height)}px"},
    )
    alt = html.P(chart_summary(figure, source_names(source)), id=ids.alt_id(graph_id), className="sr-only")
    children: list[Any] = [alt, graph]
    if extra is not None:
        children.append(extra)
    children += [source, *chart_tools(graph_id)]
    return html.Div(
        children,
        className=f"card chart-card {class_name}".strip(),
        role="figure",
        **aria_attrs(labelledby=ids.alt_id(graph_id)),
    )


def with_commentary(charts: Sequence[Any], commentary: Any) -> html.Div:
    """Charts on the left, the chapter commentary beside them (collapsible, sticky on wide screens)."""
    return html.Div(
        [html.Div(list(charts), className="charts-col"), html.Aside(commentary, className="commentary-aside")],
        className="with-aside",
    )


def page_header(title: str, chapter: str, intro: str) -> html.Div:
    """Title, report chapter and one-paragraph orientation."""
    return html.Div(
        [html.H1(title), html.Div(chapter, className="chapter-tag"), html.P(intro, className="intro")],
        className="page-header",
    )


def selection_bar(prefix: str, year: int | None, extra_controls: Any = None, year_picker: Any = None) -> html.Div:
    """Selected-year indicator with a visible 'clear selection' control (and the page's keyboard year picker,
    ``PageSpec.year_picker``, when it links years). The linking elements have pattern-matching ids
    (dashboard.ids)."""
    return html.Div(
        [
            html.Span(_("Selected year: "), className="muted"),
            html.Span(
                str(year) if year else _("none (click a point)"),
                id=ids.page_id("year-label", prefix),
                className="sel-year",
            ),
            year_picker if year_picker is not None else html.Span(),
            html.Button(_("Clear selection"), id=ids.page_id("clear", prefix), className="btn btn-light", n_clicks=0),
            html.Span(id=ids.page_id("range-label", prefix), className="muted range-label"),
            extra_controls if extra_controls is not None else html.Span(),
            html.Button(_("Download Excel"), id=f"{prefix}-download-btn", className="btn btn-primary", n_clicks=0),
            dcc.Download(id=f"{prefix}-download"),
            html.Div(id=ids.page_id("event-detail", prefix), className="event-detail-wrap"),
        ],
        className="selection-bar",
    )


def events_controls(prefix: str, visible: bool, categories: Sequence[str], all_categories: Sequence[str]) -> html.Span:
    """'Show events' switch, a category filter and the key to the categories' colours."""
    return html.Span(
        [
            dcc.Checklist(
                id=ids.control(prefix, "events"),
                options=[{"label": _("Show events"), "value": True}],
                value=[True] if visible else [],
                inline=True,
                className="radio",
            ),
            dcc.Dropdown(
                id=ids.control(prefix, "cats"),
                options=[{"label": display("event_category", c, current_lang()), "value": c} for c in all_categories],
                value=list(categories),
                multi=True,
                placeholder=_("all event categories"),
                className="cats-dropdown",
                clearable=True,
                searchable=False,
            ),
            events_key(prefix, all_categories),
        ],
        className="events-controls",
    )


def events_key(prefix: str, categories: Sequence[str]) -> html.Span:
    """The key to the event markers' colours, one diamond and name per category (shown by CSS only while
    "Show events" is ticked)."""
    return html.Span(
        [html.Span(_("Event colours:"), className="muted")]
        + [
            html.Span(
                [
                    html.Span("◆", className="events-key-mark", style={"color": EVENT_COLOR.get(c, "#555")}),
                    f" {display('event_category', c, current_lang())}",
                ],
                className="events-key-item",
            )
            for c in categories
        ],
        id=f"{prefix}-events-key",
        className="events-key",
    )


def event_detail(store_events: Any, event_id: str, source_index: dict[str, dict[str, Any]]) -> html.Div:
    """Description and source of one event (shown when its marker is clicked)."""
    rows = store_events[store_events["event_id"] == event_id]
    if rows.empty:
        return html.Div()
    ev = rows.iloc[0]
    src = source_index.get(str(ev["source_id"]), {})
    return html.Div(
        [
            html.B(f"{ev['date']} · {ev['title']}"),
            html.Span(f" ({ev['category']})", className="muted"),
            html.P(str(ev["description"])),
            html.Small(
                [
                    _("Source: "),
                    html.A(
                        str(src.get("publisher") or ev["source_id"]),
                        href=str(src.get("url", "#")),
                        target="_blank",
                        rel="noopener noreferrer",
                    ),
                    f". {ev['note']}" if isinstance(ev.get("note"), str) and ev["note"] else "",
                ]
            ),
        ],
        className="event-detail card",
    )


def kpi_card(kpi: dict[str, Any], spark: Any, card_id: str) -> html.A:
    """A KPI card linking to its page: value, year, reporter, unit, change, sparkline, the figure's source,
    freshness."""
    change_class = "kpi-change"
    if kpi.get("change") is not None:
        change_class += " up" if kpi["change"] > 0 else (" down" if kpi["change"] < 0 else "")
    return html.A(
        [
            html.Div(kpi["label"], className="kpi-label"),
            html.Div(
                [
                    html.Span(kpi["value_text"], className="kpi-value", id=f"{card_id}-value"),
                    html.Span(f" {kpi['unit_text']}", className="kpi-unit"),
                ],
            ),
            html.Div(kpi["context"], className="kpi-context", id=f"{card_id}-context"),
            html.Div(kpi["change_text"], className=change_class, id=f"{card_id}-change"),
            html.Img(
                src=spark,
                className="sparkline",
                id=f"{card_id}-spark",
                alt=_("{label}: trend").format(label=kpi["label"]),
            ),
            html.Div(kpi.get("source", ""), className="kpi-source", id=f"{card_id}-source"),
            html.Div(kpi["freshness"], className="kpi-fresh"),
        ],
        href=kpi["href"],
        className="card kpi-card",
        id=card_id,
    )


def release_options(releases: Sequence[str]) -> list[dict[str, str]]:
    """Dropdown options for SIPRI releases, newest first."""
    return [{"label": release_label(r), "value": r} for r in releases]
