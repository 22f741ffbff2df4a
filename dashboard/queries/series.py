"""What a query hands to a chart builder: the rows of a series with the names behind them, and the view.

The chart builders (``dashboard.charts``) are frame -> Figure: they never see the DataStore. A page calls a
query (DataStore -> :class:`Series`, frames) and hands the result and a :class:`ChartView` to the builder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from dashboard.data import DataStore


@dataclass(frozen=True)
class Series:
    """The rows of one drawn series and the short names of their publishers (the hover's source line)."""

    key: str
    frame: pd.DataFrame
    publishers: str = ""


def series(data: DataStore, key: str, frame: pd.DataFrame) -> Series:
    """A Series of ``frame``, its publishers named from the store's sources."""
    return Series(key, frame, "; ".join(data.publishers(frame)))


def rows_of(items: Sequence[Series], empty: pd.DataFrame) -> pd.DataFrame:
    """Every row the series draw (``empty``, the store's empty observations frame, when there are none)."""
    frames = [s.frame for s in items]
    return pd.concat(frames) if frames else empty


class ChartView(NamedTuple):
    """How a chart is drawn for a selection: the x range and the events layer (its rows, shown, categories)."""

    xrange: tuple[int, int] | None
    events: pd.DataFrame | None = None
    events_visible: bool = False
    cats: Sequence[str] = ()

    def layer(self) -> dict[str, Any]:
        """Keyword arguments of ``timeseries_figure``/``stacked_bar_figure``: range and events layer."""
        return {
            "xrange": self.xrange,
            "events": self.events,
            "events_visible": self.events_visible,
            "event_categories": list(self.cats),
        }
