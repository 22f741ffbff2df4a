"""Helpers shared by page modules: range filtering, statements tables, exports of a view.

These functions take the store (or frames) explicitly so that they can be
tested without a browser; page modules only wire them to callbacks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard.chart_export import record
from dashboard.components import source_block
from dashboard.data import DataStore
from dashboard.exports import ExportView, build_workbook, current_export_lang, download_name
from dashboard.figures import QUALIFIER_TEXT, fmt_value, period_in_lang
from dashboard.i18n import DEFAULT_LANG, _, current_lang, tr
from dashboard.markdown_view import md_link, md_text
from dashboard.queries.i18n_labels import catalogue_column
from dashboard.text import credit_in_lang, credit_text
from indicators.vocab_i18n import DISPLAY, display


def in_range(frame: pd.DataFrame, rng: tuple[int, int] | None) -> pd.DataFrame:
    """Rows whose year lies in the selected range (all rows when no range)."""
    if rng is None or frame.empty:
        return frame
    years = frame["year"]
    return frame[(years >= rng[0]) & (years <= rng[1])]


def sources_for(store: DataStore, frame: pd.DataFrame, element_id: str) -> html.Details:
    """The source line + citations for the rows behind a chart (noted for the chart's CSV and table)."""
    record(element_id, frame)
    return source_block(store.publishers(frame), store.citations(frame), element_id)


def value_text(row: Mapping[str, Any] | pd.Series, unit: str) -> str:
    """Value with its qualifier in words, e.g. '~1 200 USD million (approximate)'."""
    qual = str(row.get("qualifier", "exact"))
    if qual == "qualitative":
        return str(row.get("value_text") or "")
    if qual == "none_recorded":
        return display("qualifier", "none_recorded", current_lang())
    prefix = {"approximate": "~", "lower_bound": "> ", "upper_bound": "< "}.get(qual, "")
    if qual == "range" and pd.notna(row.get("value_high")):
        return f"{fmt_value(row['value'], '')}–{fmt_value(row['value_high'], unit)}"
    return prefix + fmt_value(row.get("value"), unit)


def statements_for_year(store: DataStore, indicators: Sequence[str], year: int | None) -> pd.DataFrame:
    """Point figures (statements, part-year values) whose period ends in ``year``."""
    obs = store.observations
    mask = obs["indicator"].isin(list(indicators)) & (obs["kind"] == "point")
    if year is not None:
        mask &= obs["year"] == year
    return obs[mask].sort_values(["period_start", "indicator", "reporter"])


def span_flag(row: Mapping[str, Any] | pd.Series) -> str:
    """'part-year' for a span shorter than a year, 'multi-year' for a longer one, '' for a year or a date."""
    if row["full_year"] or row["point_in_time"]:
        return ""
    days = (pd.Timestamp(row["period_end"]) - pd.Timestamp(row["period_start"])).days
    return _("multi-year") if days >= 364 else _("part-year")


def statements_markdown(store: DataStore, frame: pd.DataFrame, empty_text: str) -> str:
    """Markdown table of statements (period, what, who, value, source link), or ``empty_text`` in italics."""
    if frame.empty:
        return f"*{md_text(empty_text)}*"
    lang = current_lang()
    head = (_("Period"), _("Indicator"), _("Reporter"), _("Value"), _("Source"))
    lines = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
    for _i, r in frame.iterrows():
        cat = store.catalogue_index.get(str(r["indicator"]), {})
        label = str(cat.get(catalogue_column("label", lang), cat.get("label", r["indicator"])))
        if isinstance(r.get("subject"), str) and r["subject"]:
            label += f" — {tr(str(r['subject']))}"  # a subject the catalogue names (a route, a flow) in words
        flag = span_flag(r)
        period = md_text(period_in_lang(str(r["period"]))) + (f" *{flag}*" if flag else "")
        src = store.source_index.get(str(r["source_id"]), {})
        # the row's own credit (computed rows name their inputs' publishers, never record ids)
        locator = r.get("locator")
        title = locator if isinstance(locator, str) and r["confidence"] != "computed" else ""
        link = md_link(credit_in_lang(credit_text(r, store.source_index), lang), str(src.get("url", "")), title)
        value = value_text(r, str(r["unit"])) + tr(QUALIFIER_TEXT.get(str(r["qualifier"]), ""))
        who = md_text(reporter_name(str(r["reporter"])))
        lines.append(f"| {period} | {md_text(label)} | {who} | {md_text(value)} | {link} |")
    return "\n".join(lines)


def reporter_name(code: str) -> str:
    """A reporter code as a table shows it: the code in English ("AZ"), the name in Russian and Azerbaijani."""
    lang = current_lang()
    if lang == DEFAULT_LANG or code not in DISPLAY["reporter"]:
        return code
    return display("reporter", code, lang)


def statements_table(store: DataStore, frame: pd.DataFrame, empty_text: str, table_id: str) -> html.Div:
    """A compact table of statements, as one Markdown component (id ``<table_id>-md``).

    One component instead of hundreds of html.Td: the table is redrawn on every year click, and pages may
    swap its Markdown text in the browser.
    """
    return html.Div(
        dcc.Markdown(
            statements_markdown(store, frame, empty_text),
            id=f"{table_id}-md",
            link_target="_blank",
            className="table md-table",
        ),
        id=table_id,
    )


def export_bytes(
    store: DataStore,
    title: str,
    filters: Mapping[str, str],
    observations: pd.DataFrame,
    extra: Mapping[str, pd.DataFrame] | None = None,
    release: str | None = None,
    movers: tuple[pd.DataFrame, int, int] | None = None,
    lang: str | None = None,
) -> bytes:
    """Workbook bytes for a view (``release``: the SIPRI release charted; ``movers``: a comparison to chart),
    in ``lang`` (None: the download's language, :func:`dashboard.exports.current_export_lang`)."""
    view = ExportView(
        title=title,
        filters=filters,
        observations=observations,
        sources=store.sources,
        catalogue=store.catalogue,
        extra_tables=extra or {},
        release=release,
        movers=movers,
        lang=lang or current_export_lang(),
    )
    return build_workbook(view)


def send_workbook(content: bytes, *name_parts: object) -> dict[str, Any]:
    """dcc.Download payload for a workbook."""
    return dcc.send_bytes(content, download_name(*name_parts))
