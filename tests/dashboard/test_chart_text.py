"""Text alternatives of charts (dashboard.chart_text) and the chart card that carries them."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.chart_text import chart_summary, plain
from dashboard.components import chart_card, source_block, source_names
from dashboard.figure_base import base_layout


def figure() -> go.Figure:
    fig = go.Figure(layout=base_layout("Goods <b>turnover</b><br>both customs", "USD million", 300))
    fig.add_scatter(x=[2000, 2001, 2002], y=[1.0, None, 3.0], name="AZ-reported")
    fig.add_scatter(x=[2001, 2005], y=[None, 5.0], name="RU-reported")
    fig.add_scatter(x=[1990], y=[0.0], name="events:conflict")
    fig.add_scatter(x=[1980], y=[None], name="empty")
    return fig


def test_summary_names_title_unit_series_years_with_data_and_sources():
    assert chart_summary(figure(), ["IMF", "SCC"]) == (
        "Chart: Goods turnover both customs. Unit: USD million. Series: AZ-reported, RU-reported. "
        "Years with data: 2000–2005. Sources: IMF; SCC."
    )


def test_summary_of_an_empty_chart_and_of_many_series():
    empty = go.Figure(layout=base_layout("Nothing", "", 300))
    assert chart_summary(empty, []) == "Chart: Nothing. No data drawn. Sources: none in view."
    many = go.Figure(layout=base_layout("Suppliers", "TIV million", 300))
    for n in range(10):
        many.add_bar(x=[2014], y=[float(n)], name=f"S{n}")
    assert chart_summary(many, ["SIPRI"]) == (
        "Chart: Suppliers. Unit: TIV million. Series: S0, S1, S2, S3, S4, S5, S6, S7 and 2 more. "
        "Years with data: 2014. Sources: SIPRI."
    )
    assert plain("a <i>b</i><br>c") == "a b c"


def test_summary_of_bars_over_named_categories_gives_every_bar_as_drawn():
    fig = go.Figure(layout=base_layout("Flows in 2014", "", 300))
    fig.add_bar(x=["AZ → RU", "RU → AZ"], y=[640.2714, None], text=["640.3", "no data"], name="AZ-reported")
    fig.add_bar(x=["AZ → RU", "RU → AZ"], y=[635.9, 3373.0932], name="RU-reported")
    assert chart_summary(fig, ["IMF"]) == (
        "Chart: Flows in 2014. Series: AZ-reported, RU-reported. "
        "Values: AZ-reported: AZ → RU 640.3, RU → AZ no data; RU-reported: AZ → RU 635.9, RU → AZ 3373.09. "
        "Sources: IMF."
    )


def test_chart_card_is_a_figure_named_by_its_summary():
    source = source_block(["IMF", "SCC"], [], "g-src")
    assert source_names(source) == ["IMF", "SCC"]
    assert source_names(source_block([], [], "x-src")) == []
    card = chart_card("g", figure(), source)
    alt = card.children[0]
    assert alt.id == "g-alt"
    assert alt.className == "sr-only"
    assert alt.children == chart_summary(figure(), ["IMF", "SCC"])
    assert card.role == "figure"
    assert card.to_plotly_json()["props"]["aria-labelledby"] == "g-alt"
