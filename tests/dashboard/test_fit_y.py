"""The y axis of a zoomed chart fits the points in view (dashboard.figure_base.fit_y), and the events key."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.charts.energy import production_figure
from dashboard.components import events_key
from dashboard.figure_events import EVENT_COLOR
from dashboard.figures import fit_y
from dashboard.queries.energy import production_series
from dashboard.queries.series import ChartView
from indicators.vocab import EVENT_CATEGORIES


def test_a_zoomed_chart_fits_bp_oil_2010_to_2015(data):
    rows = production_series(data, "oil", "AZ", "mt")
    fig = production_figure(rows, "oil", "AZ", "mt", ["bp"], ChartView((2010, 2015)))
    # data/clean: BP Azerbaijan oil 2010–2015 runs from 42.0199 (2015) to 51.3173 (2010) Mt
    span = 51.3173 - 42.0199
    assert fig.layout.yaxis.range == pytest.approx((42.0199 - 0.05 * span, 51.3173 + 0.05 * span))
    assert fig.layout.yaxis.autorange is False
    unzoomed = production_figure(rows, "oil", "AZ", "mt", ["bp"], ChartView(None))
    assert unzoomed.layout.yaxis.range is None


def test_fit_counts_error_bar_tops_and_skips_hidden_and_event_traces():
    fig = go.Figure()
    fig.add_scatter(x=[2009, 2010, 2011, 2012], y=[100, 10, 20, 5], error_y={"array": [0, 0, 4, 0]})
    fig.add_scatter(x=[2010], y=[1000], visible="legendonly")
    fig.add_scatter(x=[2010], y=[0.97], yaxis="y9")
    assert fit_y(fig, 2009.5, 2011.5) == pytest.approx([10 - 0.7, 24 + 0.7])
    assert fit_y(fig, 2013.5, 2015.5) is None


def test_fit_of_stacked_bars_is_zero_to_the_tallest_stack_and_keeps_zero():
    fig = go.Figure(layout={"barmode": "stack"})
    fig.add_bar(x=[2010, 2011], y=[10, 30])
    fig.add_bar(x=[2010, 2011], y=[50, 5])
    assert fit_y(fig, 2009.5, 2011.5) == pytest.approx([0.0, 60 + 3.0])


def test_negative_values_and_a_single_point():
    fig = go.Figure()
    fig.add_scatter(x=[2010, 2011], y=[-40, -10])
    assert fit_y(fig, 2009.5, 2011.5) == pytest.approx([-41.5, -8.5])
    one = go.Figure()
    one.add_scatter(x=[2010], y=[200])
    assert fit_y(one, 2009.5, 2010.5) == pytest.approx([190.0, 210.0])


def test_every_event_category_has_a_colour_and_a_key_entry():
    assert set(EVENT_CATEGORIES) == set(EVENT_COLOR)
    key = events_key("trade", list(EVENT_CATEGORIES))
    items = key.children[1:]
    assert key.id == "trade-events-key" and key.className == "events-key"
    assert [i.children[1] for i in items] == [f" {c}" for c in EVENT_CATEGORIES]
    assert [i.children[0].style["color"] for i in items] == [EVENT_COLOR[c] for c in EVENT_CATEGORIES]
