"""The "previous release" ghost line, shared by the time-series pages (/arms, /energy, /trade).

A page's ``ghost`` parameter (:func:`ghost_param`, off by default, kept in the URL like every parameter)
and its switch (:func:`ghost_control`) ask for the release before the one drawn: for each series drawn,
:func:`add_ghosts` finds the previous release of the same product that carries that series
(:func:`indicators.revisions.release_order`: by release date, a third-party reprocessing after the
publisher's exports) and draws it grey and dashed, named after that release, its hover citing it. When no
earlier release carries the series, a note says so: nothing is ever drawn in its place. An earlier IMF
DOTS vintage is superseded (not drawn as the series, :attr:`DataStore.superseded`) but still ghosted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from dash import dcc

from dashboard.chart_notes import add_notes
from dashboard.commentary.periods import release_words
from dashboard.data import DataStore
from dashboard.i18n import _, current_lang, tr
from dashboard.state import Param
from indicators.revisions import release_order, releases

GHOST_COLOR = "#9e9e9e"
GHOST_PREFIX = _("Previous release: ")
NO_EARLIER = _("Previous release: no earlier release of this series in the data")


class SeriesKey(NamedTuple):
    """One drawn series: indicator, reporter, subjects (the first one present is taken), edition."""

    indicator: str
    reporter: str
    subjects: tuple[str | None, ...]
    edition: str


def ghost_param() -> Param:
    """The page parameter: 1 draws the previous release's line (default 0)."""
    return Param("bool", False, label="previous release")


def ghost_control(control_id: str | dict[str, str], on: bool) -> dcc.Checklist:
    """The switch writing the ``ghost`` parameter (a page passes ``SPEC.control_id("ghost")``)."""
    return dcc.Checklist(
        id=control_id,
        options=[{"label": _("Show previous release"), "value": True}],
        value=[True] if on else [],
        inline=True,
        className="radio",
    )


def ordered_releases(data: DataStore) -> pd.DataFrame:
    """Every release in the sources (product, edition, release_date, reprocessed), in release order."""
    return release_order(releases(data.sources))


def previous_editions(data: DataStore, edition: str) -> list[str]:
    """The releases of ``edition``'s product that came before it, latest first."""
    order = ordered_releases(data)
    hit = order[order["edition"] == edition]
    if hit.empty:
        return []
    product, pos = hit.iloc[0]["product"], int(hit.index[0])
    before = order[(order["product"] == product) & (order.index < pos)]
    return [str(e) for e in reversed(list(before["edition"]))]


def _rows(data: DataStore, key: SeriesKey, edition: str) -> pd.DataFrame:
    for subject in key.subjects:
        rows = data.select(key.indicator, key.reporter, subject, edition=edition, every_release=True)
        if not rows.empty:
            return rows.sort_values("year")
    return data.observations.iloc[0:0]


def previous_series(data: DataStore, key: SeriesKey) -> tuple[str, pd.DataFrame] | None:
    """(edition, rows) of the latest earlier release carrying the series, or None."""
    for edition in previous_editions(data, key.edition):
        rows = _rows(data, key, edition)
        if not rows.empty:
            return edition, rows
    return None


def ghost_trace(data: DataStore, edition: str, rows: pd.DataFrame, unit: str) -> go.Scatter:
    """Grey dashed line of an earlier release, labelled with it; the hover cites the source of each point."""
    label = tr(GHOST_PREFIX) + release_words(edition, current_lang())
    hover = []
    for _i, r in rows.iterrows():
        src = data.source_index.get(str(r["source_id"]), {})
        cite = src.get("cite_as") or src.get("publisher") or r["source_id"]
        hover.append(f"<b>{label}</b><br>{int(r['year'])}: {float(r['value']):,.2f} {unit}<br>{cite}")
    return go.Scatter(
        x=[int(y) for y in rows["year"]],
        y=[float(v) for v in rows["value"]],
        mode="lines+markers",
        name=label,
        meta="ghost",
        line={"color": GHOST_COLOR, "dash": "dash", "width": 2},
        marker={"size": 4, "color": GHOST_COLOR},
        hovertext=hover,
        hoverinfo="text",
    )


def add_ghosts(fig: go.Figure, data: DataStore, keys: Sequence[SeriesKey], on: bool, unit: str) -> pd.DataFrame:
    """Draw the previous release of each series when ``on``; returns the rows drawn (for the source list)."""
    if not on:
        return data.observations.iloc[0:0]
    drawn = []
    for key in keys:
        found = previous_series(data, key)
        if found is not None:
            edition, rows = found
            fig.add_trace(ghost_trace(data, edition, rows, unit))
            drawn.append(rows)
    if not drawn:
        add_notes(fig, [tr(NO_EARLIER)])
        return data.observations.iloc[0:0]
    return pd.concat(drawn)


def series_keys(frame: pd.DataFrame) -> list[SeriesKey]:
    """One key per released series among a chart's rows (indicator, reporter, subject, edition)."""
    released = frame[frame["edition"].notna()].drop_duplicates(["indicator", "reporter", "subject", "edition"])
    return [
        SeriesKey(
            str(r["indicator"]),
            str(r["reporter"]),
            (r["subject"] if pd.notna(r["subject"]) else None,),
            str(r["edition"]),
        )
        for _, r in released.iterrows()
    ]


def ghosted(
    fig: go.Figure, data: DataStore, frame: pd.DataFrame, keys: Sequence[SeriesKey], on: bool, unit: str
) -> pd.DataFrame:
    """The ghost step after a frame -> figure chart: draw the ghosts (when ``on``) onto ``fig`` and return the
    chart's rows with the ghost rows appended (what its sources block cites)."""
    rows = add_ghosts(fig, data, keys, on, unit)
    return pd.concat([frame, rows]) if len(rows) else frame


def ghost_values(fig: go.Figure) -> list[tuple[str, list[int], list[float]]]:
    """(name, years, values) of each ghost trace of a figure (for tests and exports)."""
    return [(t.name, list(t.x), list(t.y)) for t in fig.data if t.meta == "ghost"]
