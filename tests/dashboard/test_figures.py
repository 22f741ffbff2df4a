"""Pure figure builders: gaps stay gaps, qualifiers are marked, selection and events are drawn."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import (
    SELECTION_BAND,
    Line,
    add_events,
    apply_range,
    event_x,
    fmt_value,
    line_trace,
    slope_figure,
    sparkline,
    stacked_bar_figure,
    timeseries_figure,
)


def frame(rows):
    return pd.DataFrame(rows, columns=["year", "value", "qualifier", "obs_id", "period", "value_high", "confidence"])


SERIES = frame(
    [
        (2000, 10.0, "exact", "a", "2000", None, "official"),
        (2001, 12.0, "approximate", "b", "2001", None, "official"),
        (2004, 15.0, "lower_bound", "c", "2004", None, "official"),
        (2005, 14.0, "range", "d", "2005", 16.0, "official"),
    ]
)


def test_missing_years_become_gaps_not_connected_lines():
    trace = line_trace(Line("x", SERIES), "USD million")
    assert list(trace.x) == [2000, 2001, 2002, 2003, 2004, 2005]
    assert list(trace.y) == [10.0, 12.0, None, None, 15.0, 14.0]
    assert trace.connectgaps is False


def test_qualifiers_get_their_own_marker_and_hover_words():
    trace = line_trace(Line("x", SERIES), "USD million")
    symbols = list(trace.marker.symbol)
    assert symbols[0] == "circle" and symbols[1] == "circle-open"
    assert symbols[4] == "triangle-up" and symbols[5] == "diamond"
    assert "(approximate)" in trace.text[1]
    assert "lower bound" in trace.text[4]
    assert list(trace.error_y.array)[5] == pytest.approx(2.0)
    assert list(trace.customdata) == ["a", "b", "", "", "c", "d"]


def test_markers_mode_draws_only_the_points_given():
    trace = line_trace(Line("x", SERIES, mode="markers"), "")
    assert list(trace.x) == [2000, 2001, 2004, 2005]
    assert None not in list(trace.y)


def test_the_range_is_applied_and_the_year_band_is_left_to_the_browser():
    fig = timeseries_figure([Line("x", SERIES)], title="t", unit="USD million", xrange=(2000, 2004))
    assert tuple(fig.layout.xaxis.range) == (1999.5, 2004.5)
    # one renderer: assets/linking.js draws the band from SELECTION_BAND (shipped in the page config)
    assert [s for s in fig.layout.shapes if s.name == "selection"] == []
    assert apply_range(fig, None) is fig
    assert SELECTION_BAND["name"] == "selection" and "x0" not in SELECTION_BAND


def test_empty_selection_shows_a_message_instead_of_a_blank_chart():
    fig = timeseries_figure([Line("x", SERIES.iloc[0:0])], title="t", unit="")
    assert any("No data" in a.text for a in fig.layout.annotations)


def test_events_add_hidden_dotted_lines_and_a_hover_trace():
    events = pd.DataFrame(
        {
            "event_id": ["EP001"],
            "date": ["1992-04-04"],
            "date_start": [pd.Timestamp("1992-04-04")],
            "title": ["Diplomatic relations established"],
            "category": ["diplomatic"],
        }
    )
    fig = add_events(timeseries_figure([Line("x", SERIES)], title="t", unit=""), events, visible=False)
    lines = next(t for t in fig.data if t.name == "events-lines:diplomatic")
    assert lines.visible is False and lines.hoverinfo == "skip"
    x = event_x(pd.Timestamp("1992-04-04"))
    assert list(lines.x) == [pytest.approx(x), pytest.approx(x), None]
    assert list(lines.y) == [0.0, 1.0, None]
    trace = next(t for t in fig.data if t.name == "events:diplomatic")
    assert trace.visible is False and "Diplomatic relations" in trace.text[0]
    assert 1991.5 < event_x(pd.Timestamp("1992-04-04")) < 1992.5


def test_stacked_bars_skip_missing_values_and_keep_order():
    df = pd.DataFrame(
        {
            "year": [2010, 2011, 2010],
            "value": [5.0, None, 3.0],
            "subject": ["Russia", "Russia", "Israel"],
            "obs_id": ["a", "b", "c"],
            "qualifier": ["exact"] * 3,
            "period": ["2010", "2011", "2010"],
        }
    )
    fig = stacked_bar_figure(df, category="subject", title="t", unit="TIV million", order=["Russia", "Israel"])
    assert [t.name for t in fig.data] == ["Russia", "Israel"]
    assert list(fig.data[0].x) == [2010]
    assert fig.layout.barmode == "stack"


def test_slope_figure_indexes_year_a_to_100():
    rows = pd.DataFrame({"label": ["A"], "value_a": [200.0], "value_b": [300.0], "unit": ["USD million"]})
    fig = slope_figure(rows, 2013, 2014)
    assert list(fig.data[0].y) == [100.0, 150.0]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1954.7519, "USD million", "1\u202f955 USD million"),
        (12.345, "percent", "12.3%"),
        (None, "USD million", "–"),
        (0.5899, "ratio", "0.59"),
    ],
)
def test_fmt_value(value, unit, text):
    assert fmt_value(value, unit) == text


def test_sparkline_breaks_at_gaps_and_shades_the_selected_year():
    from urllib.parse import unquote

    svg = unquote(sparkline(SERIES, "#123456", year=2004).split(",", 1)[1])
    assert svg.count("<polyline") == 2  # 2000-2001 and 2004-2005: the 2002-2003 gap is not bridged
    assert svg.count("<rect") == 1
    assert "#123456" in svg
    empty = unquote(sparkline(SERIES.iloc[0:0]).split(",", 1)[1])
    assert "<polyline" not in empty and empty.endswith("</svg>")
