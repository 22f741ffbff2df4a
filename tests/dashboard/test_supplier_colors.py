"""Arms suppliers keep one colour in every SIPRI release; Russia comes first and is the only red."""

from __future__ import annotations

from dashboard.charts.arms import tiv_figure
from dashboard.data import DataStore
from dashboard.figures import SUPPLIER_COLOR, supplier_color
from dashboard.queries.arms import tiv_frame
from dashboard.queries.series import ChartView

RUSSIA_RED = "#c0392b"


def colours_by_release(data: DataStore) -> dict[str, dict[str, str]]:
    """release -> {supplier trace name: bar colour} of the TIV chart."""
    out = {}
    for release in data.tiv_releases:
        fig = tiv_figure(tiv_frame(data, release), release, ChartView(None))
        out[release] = {t.name: t.marker.color for t in fig.data if t.type == "bar"}
    return out


def test_a_supplier_has_the_same_colour_in_every_release(data):
    by_release = colours_by_release(data)
    suppliers = {name for colours in by_release.values() for name in colours}
    assert {"Russia", "Israel", "Turkiye", "Pakistan", "Italy", "China", "Serbia"} <= suppliers
    for supplier in suppliers:
        seen = {colours[supplier] for colours in by_release.values() if supplier in colours}
        assert len(seen) == 1, (supplier, seen)
    # Italy is in the 2025 and 2026 releases only: before, it was coloured by its rank among the minor suppliers
    assert {c["Italy"] for c in by_release.values() if "Italy" in c} == {"#2874a6"}


def test_russia_is_first_in_the_legend_and_its_red_is_its_own(data):
    for release in data.tiv_releases:
        fig = tiv_figure(tiv_frame(data, release), release, ChartView(None))
        bars = [t for t in fig.data if t.type == "bar"]
        names = [t.name for t in bars]
        if "Russia" in names:
            assert names[0] == "Russia"
            assert fig.layout.legend.traceorder == "normal"
            assert [t.marker.color for t in bars if t.marker.color == RUSSIA_RED] == [RUSSIA_RED]
    others = [c for s, c in SUPPLIER_COLOR.items() if s != "Russia"]
    assert RUSSIA_RED not in others and len(set(others)) == len(others)


def test_a_new_supplier_gets_a_colour_fixed_by_its_name_never_russias():
    assert supplier_color("Russia") == RUSSIA_RED
    assert supplier_color("Kazakhstan") == supplier_color("Kazakhstan")
    assert {supplier_color(s) for s in ("Kazakhstan", "France", "Iran", "Germany")}.isdisjoint({RUSSIA_RED})
