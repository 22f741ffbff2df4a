"""Trade charts (/trade and the overview): the mirror lines, mirror ratio, balance, shares, the detail skeleton.

Frame -> Figure: each builder takes the series of ``dashboard.queries.trade`` and a ChartView, never the store.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.chart_notes import add_notes
from dashboard.figure_base import SEPARATORS
from dashboard.figures import REPORTER_COLOR, Line, reporter_legend, timeseries_figure, unit_words
from dashboard.i18n import _, current_lang, tr
from dashboard.queries.series import ChartView, Series
from dashboard.queries.trade import DETAIL_FLOWS, DETAIL_REPORTERS, FLOWS

# Short lines: the share charts sit two to a row, and plotly does not wrap annotations.
SHARE_AZ_NOTES = [
    _("Both terms as Azerbaijan records them (÷ AZ world trade)."),
    _("Not drawn: this share per Russian statistics. It would divide"),
    _("Russia's figure by Azerbaijan's world total: two reporters in"),
    _("one ratio, so it is not computed."),
]
SHARE_RU_NOTES = [
    _("A different measure: Azerbaijan's weight in Russia's trade,"),
    _("not Russia's in Azerbaijan's (÷ RU world trade, RU figures)."),
]


def reporter_lines(items: Sequence[Series]) -> list[Line]:
    """AZ-reported (solid) and RU-reported (dashed) annual lines of one indicator (series keyed by reporter)."""
    styles = {"AZ": "solid", "RU": "dash"}
    return [
        Line(reporter_legend(s.key), s.frame, REPORTER_COLOR[s.key], styles[s.key], source_label=s.publishers)
        for s in items
    ]


def main_figure(items: Sequence[Series], flow: str, view: ChartView) -> go.Figure:
    """Both reporters' figures for one flow: the mirror lines (``queries.trade.reporter_series``)."""
    return timeseries_figure(reporter_lines(items), title=tr(FLOWS[flow][1]), unit="USD million", **view.layer())


def mirror_figure(item: Series, view: ChartView) -> go.Figure:
    """RU-reported ÷ AZ-reported for the flow; 1 = the two customs agree (``queries.trade.mirror_series``)."""
    line = Line(_("RU-reported ÷ AZ-reported"), item.frame, "#8e44ad", source_label=item.publishers)
    fig = timeseries_figure(
        [line],
        title=_("Mirror ratio (1 = the two customs agree)"),
        unit="ratio",
        y_title=unit_words("ratio"),
        **view.layer(),
        height=280,
    )
    fig.add_hline(y=1, line={"color": "#999", "dash": "dot", "width": 1})
    return fig


def balance_figure(items: Sequence[Series], not_computed: Sequence[str], view: ChartView) -> go.Figure:
    """Azerbaijan's goods balance with Russia, per reporter.

    A balance is computed only from exports and imports of one source and edition; the years where the
    two flows come from different sources are left out and named on the chart (``not_computed``: the
    build's ``derived_not_computed`` entries, ``queries.trade.not_computed_lines``).
    """
    fig = timeseries_figure(
        reporter_lines(items),
        title=_("Azerbaijan's goods balance with Russia (negative = deficit)"),
        unit="USD million",
        **view.layer(),
        height=280,
    )
    fig.add_hline(y=0, line={"color": "#999", "width": 1})
    add_notes(fig, not_computed, "not-computed", one_block=True)
    return fig


def _share_chart(item: Series, names: tuple[str, str, str], notes: Sequence[str], view: ChartView) -> go.Figure:
    """One reporter's share line; ``names`` = (legend, title, y title); the notes sit above the plot."""
    legend, title, y_title = names
    line = Line(legend, item.frame, REPORTER_COLOR[item.key], "solid" if item.key == "AZ" else "dash")
    fig = timeseries_figure([line], title=title, unit="percent", y_title=y_title, **view.layer(), height=340)
    return add_notes(fig, notes)


def share_figure(item: Series, not_computed: Sequence[str], view: ChartView) -> go.Figure:
    """Russia's share of Azerbaijan's goods trade, both terms as Azerbaijan reports them (``not_computed``:
    ``queries.trade.not_computed_summary``)."""
    notes = [*SHARE_AZ_NOTES, *not_computed]
    names = (
        _("Russia's share of Azerbaijan's trade (AZ statistics)"),
        _("Russia's share of Azerbaijan's goods trade (AZ statistics)"),
        _("% of Azerbaijan's trade"),
    )
    fig = _share_chart(item, names, [tr(n) for n in notes], view)
    # the notes sit above the plot: grow the chart by their height so that the plot keeps its size
    fig.update_layout(height=340 + 16 * len(notes))
    return fig


def share_ru_figure(item: Series, view: ChartView) -> go.Figure:
    """Azerbaijan's share of Russia's goods trade, both terms as Russia reports them."""
    names = (
        _("Azerbaijan's share of Russia's trade (RU statistics)"),
        _("Azerbaijan's share of Russia's goods trade (RU statistics)"),
        _("% of Russia's trade"),
    )
    return _share_chart(item, names, [tr(n) for n in SHARE_RU_NOTES], view)


def detail_skeleton() -> go.Figure:
    """The year-detail chart without values: ``ruaz_trade.detail`` (assets/pages.js) fills in every year,
    the first one included, from ``detail_payload``; the server never draws the values itself."""
    fig = go.Figure()
    for rep, _name in DETAIL_REPORTERS:
        name = reporter_legend(rep)
        fig.add_trace(
            go.Bar(
                x=[tr(label) for _ind, label in DETAIL_FLOWS],
                y=[None, None],
                name=name,
                marker={"color": REPORTER_COLOR[rep]},
                text=["", ""],
                textposition="outside",
                hovertemplate="%{x}, " + name + ": %{y:,.1f} " + unit_words("USD million") + "<extra></extra>",
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
        separators=SEPARATORS.get(current_lang(), SEPARATORS["en"]),
    )
    return fig
