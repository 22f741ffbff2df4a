"""Queries and the chart of the chapters page: pure functions from the data store to frames and figures.

Which event categories and layer bear on each report chapter, which chapters rest on series, the
catalogue rows of a chapter, the events to list, and the one linked chart of a data-rich chapter
(8–10). ``dashboard/pages/chapters.py`` only lays these out. Figures and dates are in the language being
rendered (:func:`dashboard.i18n.using_lang`); release and publication names stay as published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_skeleton

from dashboard.charts.arms import supplier_name
from dashboard.commentary.periods import release_words
from dashboard.data import DataStore
from dashboard.figure_base import reporter_legend
from dashboard.figures import REPORTER_COLOR, SUPPLIER_COLOR, Line, timeseries_figure
from dashboard.i18n import DEFAULT_LANG, _, current_lang, format_date

DATA_RICH = (8, 9, 10)
# Event categories that bear on each chapter (the dated evidence of the political chapters).
CHAPTER_EVENTS: dict[int, tuple[str, ...]] = {
    1: ("diplomatic", "treaty", "crisis"),
    2: ("multilateral", "transport"),
    3: ("conflict", "transport"),
    4: ("conflict", "security"),
    5: ("conflict", "treaty"),
    6: ("transport", "economic", "multilateral"),
    7: ("security", "crisis", "multilateral"),
    8: ("economic", "transport"),
    9: ("energy", "treaty"),
    10: ("security", "conflict"),
    11: ("humanitarian", "crisis"),
}
# Chapters whose events are one layer only (the Caspian chapter's treaties are the Caspian ones).
CHAPTER_LAYER: dict[int, str] = {9: "caspian"}


def evidence_kind(number: int) -> str:
    """How a chapter is evidenced here: 'series', 'travel' (chapter 11) or 'events'."""
    if number in DATA_RICH:
        return "series"
    return "travel" if number == 11 else "events"


def chapter_indicators(data: DataStore, number: int) -> pd.DataFrame:
    """Catalogue rows whose report chapter is ``number``."""
    cat = data.catalogue
    return cat[cat["chapter"] == number].sort_values(["domain", "indicator_id"])


def chapter_chart(data: DataStore, number: int) -> tuple[go.Figure, pd.DataFrame, str] | None:
    """The linked chart of a data-rich chapter: (figure, rows behind it, topic page), or None."""
    if number == 8:
        az = data.select("trade_az_ru_turnover", "AZ")
        ru = data.select("trade_az_ru_turnover", "RU")
        lines = [
            Line(reporter_legend("AZ"), az, REPORTER_COLOR["AZ"], source_label="; ".join(data.publishers(az))),
            Line(reporter_legend("RU"), ru, REPORTER_COLOR["RU"], "dash", source_label="; ".join(data.publishers(ru))),
        ]
        fig = timeseries_figure(
            lines, title=_("Goods turnover, Azerbaijan–Russia, as each side reports it"), unit="USD million"
        )
        return fig, pd.concat([az, ru]), "/trade"
    if number == 9:
        bp = data.select("energy_oil_production_mt", "BP", "AZ")
        ei = data.select("energy_oil_production_mt", "EI", "AZ")
        lines = [
            Line("BP Statistical Review 2021", bp, REPORTER_COLOR["BP"], source_label="; ".join(data.publishers(bp))),
            Line(
                "EI Statistical Review 2025",
                ei,
                REPORTER_COLOR["EI"],
                "dash",
                source_label="; ".join(data.publishers(ei)),
            ),
        ]
        fig = timeseries_figure(lines, title=_("Azerbaijan's oil production (incl. NGLs)"), unit="Mt")
        return fig, pd.concat([bp, ei]), "/energy"
    if number == 10:
        releases = data.tiv_releases
        if not releases:
            return None
        edition = releases[0]
        # annual deliveries, not window shares: SIPRI's fixed windows give only a handful of points
        russia = data.select("arms_tiv_to_az", "SIPRI", "Russia", edition)
        total = data.select("arms_tiv_to_az", "SIPRI", "all suppliers (sum)", edition)
        lines = [
            Line(
                supplier_name("Russia"),
                russia,
                SUPPLIER_COLOR["Russia"],
                source_label="; ".join(data.publishers(russia)),
            ),
            Line(
                _("All suppliers (sum)"),
                total,
                "#5f6b7a",
                "dash",
                source_label="; ".join(data.publishers(total)),
            ),
        ]
        fig = timeseries_figure(
            lines,
            title=_("Arms delivered to Azerbaijan, Russia and all suppliers ({release})").format(
                release=release_words(edition, current_lang())
            ),
            unit="TIV million",
            y_title=_("TIV million (not money)"),
        )
        return fig, pd.concat([russia, total]), "/arms"
    return None


def events_frame(data: DataStore, cats: Sequence[str], layer: str | None = None) -> pd.DataFrame:
    """Events in date order, narrowed to ``cats`` (empty = all) and to one ``layer`` if given."""
    events = data.events
    if cats:
        events = events[events["category"].isin(list(cats))]
    if layer is not None:
        events = events[events["layer"] == layer]
    return events.sort_values(["date_start", "event_id"])


def event_date(date: str, precision: str, lang: str) -> str:
    """An event's date for display: as recorded in English (``2014-03-05``, ``2003-11``, ``2009``); in Russian
    and Azerbaijani with the month's name (``5 марта 2014 г.``, ``ноябрь 2003 г.``, ``noyabr 2003``).

    The build checks that each date matches its precision (``indicators`` events schema), so a date that does
    not parse here is an error (``ValueError``), never shown guessed."""
    if lang == DEFAULT_LANG or precision == "year":
        return date
    if precision == "day":
        return format_date(dt.date.fromisoformat(date), lang)
    if precision == "month":
        return str(format_skeleton("yMMMM", dt.datetime.strptime(date, "%Y-%m").date(), locale=lang))
    raise ValueError(f"event date {date!r}: unknown date_precision {precision!r} (day, month or year)")
