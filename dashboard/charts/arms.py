"""Figures of the arms page (/arms): the TIV stack, the window shares, military expenditure.

Frame -> Figure: each figure is drawn from the frames of :mod:`dashboard.queries.arms` and a ChartView; it
never sees the store (the page cites the same frames). TIV is volume, not money, and never shares an axis with money.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.chart_notes import add_notes
from dashboard.commentary.periods import release_words
from dashboard.data import release_label
from dashboard.figures import PALETTE, Line, stacked_bar_figure, supplier_color, timeseries_figure
from dashboard.i18n import _, current_lang, format_number, tr
from dashboard.queries.arms import SIPRI_TOTAL, supplier_order, totals_only, totals_only_note
from dashboard.queries.series import ChartView, Series
from dashboard.text import credit_in_lang
from indicators.derive import window_label

TIV_LABEL = _("TIV million (trend-indicator value — not money)")
MILEX_LINES = {
    "arms_milex_current_usd": (_("Current USD million"), "#1f5aa6", "solid"),
    "arms_milex_constant_2022_usd": (_("Constant 2022 USD million"), "#2e8b57", "dash"),
}
NO_DATA = _("No data for this selection")
# Suppliers as a legend names them (SIPRI's English names are the data; the reader sees their language's).
SUPPLIER_NAMES = (
    _("Russia"), _("Israel"), _("Turkiye"), _("Belarus"), _("Ukraine"), _("South Africa"), _("United States"),
    _("Pakistan"), _("Czechia"), _("Slovakia"), _("Bulgaria"), _("Spain"), _("Georgia"), _("Italy"), _("China"),
    _("Serbia"), _("Bosnia and Herzegovina"), _("unknown"),
)  # fmt: skip


def supplier_name(supplier: str) -> str:
    """A SIPRI supplier in the language being rendered now (a name the catalogue lacks stays as SIPRI spells it)."""
    return tr(supplier)


SIPRI_TOTAL_COLOR = "#2c3e50"


def supplier_colors(order: list[str]) -> dict[str, str]:
    """Each supplier's fixed colour (:func:`dashboard.figures.supplier_color`); SIPRI's total in slate."""
    return {s: SIPRI_TOTAL_COLOR if s == SIPRI_TOTAL else supplier_color(s) for s in order}


def tiv_figure(frame: pd.DataFrame, edition: str, view: ChartView) -> go.Figure:
    """Stacked bars of TIV delivered to Azerbaijan per year, by supplier, for one release
    (``frame``: ``queries.arms.tiv_frame``)."""
    order = supplier_order(frame)
    fig = stacked_bar_figure(
        frame,
        category="subject",
        title=_("Arms deliveries to Azerbaijan by supplier — SIPRI {release}").format(
            release=release_words(edition, current_lang())
        ),
        labels={s: supplier_name(s) for s in order},
        unit="TIV million",
        colors=supplier_colors(order),
        order=order,
        **view.layer(),
        source_label="SIPRI Arms Transfers Database",
        height=400,
    )
    fig.update_annotations(selector={"name": "unit"}, text=tr(TIV_LABEL))
    # up to 17 suppliers: a legend beside the plot instead of rows over the axis
    # traceorder "normal": plotly reverses a stacked chart's legend, which put Russia (first) at its foot
    fig.update_layout(
        legend={"orientation": "v", "x": 1.01, "y": 1, "xanchor": "left", "yanchor": "top", "traceorder": "normal"}
    )
    if totals_only(frame):
        fig.update_traces(
            selector={"name": supplier_name(SIPRI_TOTAL)}, name=_("All suppliers (SIPRI total; no breakdown)")
        )
        add_notes(fig, [totals_only_note(edition)])
    return fig


def share_hover(supplier: str, row: pd.Series, length: int, edition: str) -> str:
    """Hover text of one window share: supplier, window, value, release."""
    end = int(row["year"])
    window = window_label(range(end - length + 1, end + 1))
    share = _("{window} ({length}-year window): {value}% of all suppliers' TIV").format(
        window=window, length=length, value=format_number(float(row["value"]), current_lang(), 1)
    )
    credit = row["credit"] if isinstance(row.get("credit"), str) else "SIPRI " + release_label(edition)
    credit = credit_in_lang(credit, current_lang())
    return f"<b>{supplier_name(supplier)}</b><br>{share}<br>" + _("Source: {source}").format(source=credit)


def share_figure(
    shares: Sequence[tuple[str, int, pd.DataFrame]], edition: str, no_breakdown: bool, view: ChartView
) -> go.Figure:
    """Shares of Russia, Israel and Turkiye in Azerbaijan's arms imports over SIPRI's windows, one release
    (``shares``: ``queries.arms.share_frames``; ``no_breakdown``: the release has SIPRI totals only).

    Five-year windows (2011–15, 2016–20, …) are bars spanning their five years; ten-year windows
    (2011–20) are dashed segments spanning their ten. Windows do not overlap within a length, as in
    SIPRI's fact sheets, and every share names its release (title and hover).
    """
    fig = timeseries_figure(
        [],
        title=_("Share of Azerbaijan's arms imports per SIPRI window (TIV) — SIPRI {release}").format(
            release=release_words(edition, current_lang())
        ),
        unit="percent",
        y_title=_("% of the window's TIV, all suppliers"),
        **view.layer(),
        height=340,
    )
    for supplier, length, frame in shares:
        color = supplier_color(supplier)
        hover = [share_hover(supplier, r, length, edition) for _i, r in frame.iterrows()]
        ends = [int(y) for y in frame["year"]]
        if length == 5:
            fig.add_trace(
                go.Bar(
                    x=[end - 2 for end in ends],  # the middle year of the window
                    y=frame["value"].tolist(),
                    name=_("{supplier}, five-year windows").format(supplier=supplier_name(supplier)),
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
                name=_("{supplier}, ten-year windows").format(supplier=supplier_name(supplier)),
                legendgroup=supplier,
                line={"color": color, "dash": "dash", "width": 2},
                text=texts,
                customdata=ids,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    if shares:
        fig.layout.annotations = [a for a in fig.layout.annotations if a.text != tr(NO_DATA)]
        fig.update_layout(barmode="group", bargap=0.1)
    if no_breakdown:
        add_notes(fig, [totals_only_note(edition)])
    return fig


def milex_figure(items: Sequence[Series], view: ChartView) -> go.Figure:
    """Military expenditure in current and constant USD (money; never on a TIV axis); ``items``:
    ``queries.arms.milex_series``."""
    lines = []
    for item in items:
        name, color, dash_style = MILEX_LINES[item.key]
        lines.append(Line(tr(name), item.frame, color, dash_style, source_label=item.publishers))
    return timeseries_figure(
        lines,
        title=_("Azerbaijan's military expenditure (SIPRI Milex) — money, not TIV"),
        unit="USD million",
        **view.layer(),
        height=320,
    )


def gdp_figure(frame: pd.DataFrame, view: ChartView) -> go.Figure:
    """Military expenditure as a share of GDP, one line per edition of the series (``queries.arms.gdp_frame``)."""
    lines = []
    for i, (edition, part) in enumerate(frame.groupby("edition", sort=True)):
        name = "SIPRI via Our World in Data" if "Our World in Data" in str(edition) else _("SIPRI April 2024 release")
        lines.append(Line(name, part, PALETTE[(i * 3) % len(PALETTE)], "solid" if i == 0 else "dash"))
    return timeseries_figure(
        lines,
        title=_("Military expenditure, share of GDP"),
        unit="percent",
        y_title=_("% of GDP"),
        **view.layer(),
        height=320,
    )
