"""Text alternatives of charts: one short summary per chart, read from the figure the chart draws.

Pure (figure in, text out). The title and unit come from the figure's own layout (set by the figure builders
through ``base_layout``), the series and the years with data from its traces, the sources from the chart's
source line; so the summary cannot say something the chart does not show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dashboard.i18n import _

TAG = re.compile(r"<[^>]+>")
MAX_SERIES = 8  # series named in a summary; the rest are counted


def plain(text: Any) -> str:
    """Figure text without its HTML (line breaks become spaces)."""
    return " ".join(TAG.sub(" ", str(text or "")).split())


def _layout(figure: Any) -> dict[str, Any]:
    if hasattr(figure, "to_plotly_json"):
        figure = figure.to_plotly_json()
    return dict(figure.get("layout") or {}) if isinstance(figure, dict) else {}


def _traces(figure: Any) -> list[dict[str, Any]]:
    if hasattr(figure, "to_plotly_json"):
        figure = figure.to_plotly_json()
    data = figure.get("data") if isinstance(figure, dict) else None
    return [t if isinstance(t, dict) else t.to_plotly_json() for t in (data or [])]


def _years(trace: dict[str, Any]) -> list[int]:
    xs, ys = list(trace.get("x") or []), list(trace.get("y") or [])
    out = []
    for x, y in zip(xs, ys, strict=False):
        if y is None or isinstance(x, bool):
            continue
        if isinstance(x, int | float) and float(x).is_integer():
            out.append(int(x))
    return out


def _categorical(trace: dict[str, Any]) -> bool:
    xs = list(trace.get("x") or [])
    return bool(xs) and all(isinstance(x, str) for x in xs)


def category_values(traces: Sequence[dict[str, Any]]) -> str:
    """'a: X 1 178, Y no data; b: …' for traces over named categories (a bar per flow, not per year): each
    bar's own label (its ``text``, as drawn), else its value; a missing bar is 'no data'."""
    parts = []
    for t in traces:
        xs, ys = list(t.get("x") or []), list(t.get("y") or [])
        texts = t.get("text")
        labels = list(texts) if isinstance(texts, list | tuple) and len(texts) == len(xs) else [None] * len(xs)
        ys += [None] * (len(xs) - len(ys))
        shown = [
            # a label keeps its own no-break spaces (1 400, as drawn)
            f"{plain(x)} {TAG.sub('', str(label)).strip() if label else (_('no data') if y is None else f'{y:g}')}"
            for x, y, label in zip(xs, ys, labels, strict=True)
        ]
        parts.append(f"{plain(t.get('name'))}: {', '.join(shown)}")
    return "; ".join(parts)


def chart_summary(figure: Any, publishers: Sequence[str]) -> str:
    """'Chart: <title>. Unit: <unit>. Series: a, b. Years with data: 1995–2024. Sources: X; Y.'

    Event markers (traces named ``events…``) and traces without data are not series. A chart with no
    annual x values (e.g. a slope chart) says nothing about years; one with nothing drawn says so. A chart
    over named categories (e.g. one bar per flow of the selected year) gives every bar's value, as drawn.
    """
    layout = _layout(figure)
    title = layout.get("title")
    title_text = plain(title.get("text") if isinstance(title, dict) else title) or _("Untitled chart")
    notes = [a for a in layout.get("annotations") or [] if isinstance(a, dict)]
    unit = next((plain(a.get("text")) for a in notes if a.get("name") == "unit"), "")
    series = [
        t
        for t in _traces(figure)
        if not str(t.get("name") or "").startswith("events") and any(v is not None for v in t.get("y") or [])
    ]
    parts = [_("Chart: {title}.").format(title=title_text)]
    if unit:
        parts.append(_("Unit: {unit}.").format(unit=unit))
    if not series:
        parts.append(_("No data drawn."))
    else:
        names = [plain(t.get("name")) for t in series if plain(t.get("name"))]
        names = list(dict.fromkeys(names))
        if names:
            shown = ", ".join(names[:MAX_SERIES])
            more = _(" and {n} more").format(n=len(names) - MAX_SERIES) if len(names) > MAX_SERIES else ""
            parts.append(_("Series: {names}.").format(names=shown + more))
        years = sorted({y for t in series for y in _years(t)})
        if years:
            span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
            parts.append(_("Years with data: {years}.").format(years=span))
        bars = [t for t in _traces(figure) if _categorical(t) and not str(t.get("name") or "").startswith("events")]
        if bars:
            parts.append(_("Values: {values}.").format(values=category_values(bars)))
    parts.append(
        _("Sources: {names}.").format(names="; ".join(publishers)) if publishers else _("Sources: none in view.")
    )
    return " ".join(parts)
