"""Native Excel charts of a view's main series, on a "Charts" sheet (openpyxl.chart, not pictures).

One chart per indicator group present in the view: turnover by reporter; oil and gas production by
edition (one chart per country, in the first unit the view holds); TIV by supplier and the five-year
shares for one SIPRI release (the view's, or the latest in SIPRI's own export format). Each chart sits
beside the block of cells it draws (years down, series across, numbers formatted per unit), so a user
can restyle or extend it; its title carries the unit and the cell under it the source line. Blank
cells are gaps: nothing is filled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.utils import get_column_letter

from dashboard.data import release_sort_key
from dashboard.workbook.cells import SheetRows, Styles
from dashboard.workbook.frames import unit_format
from dashboard.workbook.layout import source_line
from dashboard.workbook.words import subject_value, vocab_value, w, wn
from indicators.vocab_i18n import DISPLAY, display

CHART_WIDTH_CM = 20.0
CHART_HEIGHT_CM = 9.0
CHART_ROWS = 19  # rows a chart covers at the default row height (15 pt)
CHART_COLUMN_GAP = 1
MAX_SERIES = 20
MOVERS = 10


@dataclass(frozen=True)
class ChartSpec:
    """One chart: the first of ``indicators`` present in the view, a series per ``series_by`` value.

    ``split_by`` draws one chart per value of that column; ``release`` keeps one SIPRI release;
    ``kind`` is 'line', 'stacked' (stacked columns) or 'column'.
    """

    title: str
    indicators: tuple[str, ...]
    series_by: tuple[str, ...]
    kind: str = "line"
    split_by: str | None = None
    release: bool = False


SPECS = (
    ChartSpec(wn("Goods turnover, Azerbaijan–Russia, by reporter"), ("trade_az_ru_turnover",), ("reporter", "edition")),
    ChartSpec(
        wn("Oil production of {split}, by edition"),
        ("energy_oil_production_mt", "energy_oil_production_kbd", "energy_oil_production_twh"),
        ("edition",),
        split_by="subject",
    ),
    ChartSpec(
        wn("Marketed gas production of {split}, by edition"),
        ("energy_gas_production_marketed_bcm", "energy_gas_production_twh"),
        ("edition",),
        split_by="subject",
    ),
    ChartSpec(
        wn("Arms transfers to Azerbaijan by supplier, {release}"),
        ("arms_tiv_to_az",),
        ("subject",),
        kind="stacked",
        release=True,
    ),
    ChartSpec(
        wn("Five-year shares of Azerbaijan's arms imports by supplier, {release}"),
        ("arms_tiv_5y_share",),
        ("subject",),
        kind="column",
        release=True,
    ),
)
CHARTED = [i for spec in SPECS for i in spec.indicators]
NO_EDITION = wn("figures of no dated release (press, officials)")


@dataclass
class ChartBlock:
    """The cells of one chart: title, unit, categories (years), series names and values, source line.

    ``unit`` is the unit's code (it chooses the number format); the texts are in the workbook's language.
    """

    title: str
    unit: str
    kind: str
    years: list[int]
    names: list[str]
    values: list[list[float | None]]  # one list per year
    source: str
    lang: str = "en"

    @property
    def unit_text(self) -> str:
        """The unit as a reader sees it (its display name in the block's language)."""
        return str(vocab_value("unit", self.unit, self.lang)) if self.lang != "en" else self.unit


def chosen_release(obs: pd.DataFrame) -> str | None:
    """The view's SIPRI release: the latest in SIPRI's own export format among its TIV rows."""
    tiv = obs[obs["indicator"].isin(["arms_tiv_to_az", "arms_tiv_5y_share"])]["edition"].dropna()
    editions = sorted({str(e) for e in tiv}, key=release_sort_key, reverse=True)
    return editions[0] if editions else None


def _annual(obs: pd.DataFrame) -> pd.DataFrame:
    annual = obs[(obs["kind"] == "series") & obs["full_year"].astype(bool) & obs["value"].notna()].copy()
    annual["subject"] = annual["subject"].fillna("")
    annual["edition"] = annual["edition"].fillna("")
    annual["year"] = annual["year"].astype(int)
    # one value per series and year: a published figure wins over one computed here
    annual = annual.assign(_computed=annual["confidence"].eq("computed"))
    keys = ["indicator", "reporter", "subject", "edition", "year"]
    return annual.sort_values([*keys, "_computed"]).drop_duplicates(keys)


def _series_names(rows: pd.DataFrame, series_by: Sequence[str], lang: str) -> list[str]:
    """'AZ — DOTS export of …' per row; a row of no edition says where its figures come from instead.
    Reporters and subjects are named in ``lang``; editions stay as published."""
    named_as = {"reporter": lambda v: vocab_value("reporter", v, lang), "subject": lambda v: subject_value(v, lang)}
    columns = [[str(named_as.get(c, str)(v)) for v in rows[c].astype(str).tolist()] for c in series_by]
    out = []
    for parts in zip(*columns, strict=True):
        named = [p for p in parts if p]
        if "edition" in series_by and not parts[list(series_by).index("edition")]:
            named.append(w(lang, NO_EDITION))
        out.append(" — ".join(named))
    return out


def chart_blocks(
    obs: pd.DataFrame,
    catalogue: pd.DataFrame,
    sources: pd.DataFrame,
    release: str | None = None,
    lang: str = "en",
) -> list[ChartBlock]:
    """The chart blocks of a view: one per spec (and split value) whose series the view holds."""
    annual = _annual(obs[obs["indicator"].isin(CHARTED)])
    units = dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
    release = release or chosen_release(obs)
    blocks = []
    for spec in SPECS:
        present = [i for i in spec.indicators if (annual["indicator"] == i).any()]
        if not present:
            continue
        rows = annual[annual["indicator"] == present[0]]
        if spec.release:
            rows = rows[rows["edition"] == (release or "")]
        splits = sorted(rows[spec.split_by].unique()) if spec.split_by else [None]
        for split in splits:
            part = rows if split is None else rows[rows[spec.split_by] == split]
            if part.empty:
                continue
            block = _block(spec, part, str(units.get(present[0], "")), sources, split, release, lang)
            if block.names:
                blocks.append(block)
    return blocks


def _block(
    spec: ChartSpec,
    rows: pd.DataFrame,
    unit: str,
    sources: pd.DataFrame,
    split: str | None,
    release: str | None,
    lang: str,
) -> ChartBlock:
    names_of = _series_names(rows, spec.series_by, lang)
    cells: dict[tuple[int, str], float] = {}
    totals: dict[str, float] = {}
    for name, year, value in zip(names_of, rows["year"].tolist(), rows["value"].tolist(), strict=True):
        cells.setdefault((int(year), name), float(value))  # rows are sorted: a published figure comes first
        totals[name] = totals.get(name, 0.0) + abs(float(value))
    names = sorted(totals, key=lambda n: (-totals[n], n))[:MAX_SERIES]
    present = sorted({y for y, n in cells if n in names})
    # a line runs over every year, so that a gap shows as a gap; bars only where a figure exists
    years = list(range(present[0], present[-1] + 1)) if spec.kind == "line" else present
    values = [[cells.get((y, n)) for n in names] for y in years]
    rows = rows[[n in names for n in names_of]]
    country = display("reporter", str(split), lang) if str(split) in DISPLAY["reporter"] else str(split)
    title = w(lang, spec.title, split=country, release=_release_text(release))
    ids = rows["source_ids"] if "source_ids" in rows.columns else rows["source_id"]
    line = source_line(ids, sources, limit=400, lang=lang)
    return ChartBlock(title, unit, spec.kind, years, names, values, line, lang)


def _release_text(release: str | None) -> str:
    return release.split(", ", 1)[1] if release and ", " in release else (release or "")


def _chart(block: ChartBlock) -> LineChart | BarChart:
    chart: LineChart | BarChart
    if block.kind == "line":
        chart = LineChart()
    elif block.kind == "movers":
        chart = BarChart()
        chart.type = "bar"
        chart.legend = None
    else:
        chart = BarChart()
        chart.type = "col"
        if block.kind == "stacked":
            chart.grouping, chart.overlap = "stacked", 100
    chart.title = f"{block.title} ({block.unit_text})"
    chart.y_axis.title = block.unit_text
    chart.x_axis.title = None if block.kind == "movers" else w(block.lang, "year")
    # openpyxl 3.1 marks axes as deleted unless told otherwise; Excel then draws none
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.display_blanks = "gap"
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    return chart


def write_chart(ws: Any, rows: SheetRows, styles: Styles, block: ChartBlock, lang: str = "en") -> int:
    """The block's cells (title, header, a row per year, source line) and its chart beside them.

    Returns the row after the block and the chart. The chart's series refer to the value cells, its
    categories to the year cells.
    """
    start = rows.text_row(styles, [f"{block.title} ({block.unit_text})"], "bold")
    fmt = unit_format(block.unit)
    if block.kind == "movers":  # one row per series: its name, then its change
        header = rows.text_row(styles, [w(lang, "series"), block.unit_text], "header")
        for name, values in zip(block.names, block.values, strict=True):
            rows.value_row(styles, [name, *values], [None, fmt])
        width = 1
    else:  # one row per year, one column per series
        header = rows.text_row(styles, [w(lang, "year"), *block.names], "header")
        for year, values in zip(block.years, block.values, strict=True):
            rows.value_row(styles, [year, *values], ["0", *[fmt] * len(values)])
        width = len(block.names)
    last = rows.next_row - 1
    chart = _chart(block)
    data = Reference(ws, min_col=2, max_col=1 + width, min_row=header, max_row=last)
    chart.add_data(data, titles_from_data=True)
    categories = Reference(ws, min_col=1, min_row=header + 1, max_row=last)
    if block.kind == "movers":  # the categories are the series' names: text
        for series in chart.series:
            series.cat = AxDataSource(strRef=StrRef(f=str(categories)))
    else:
        chart.set_categories(categories)
    anchor = width + 2 + CHART_COLUMN_GAP
    ws.add_chart(chart, f"{get_column_letter(anchor)}{start}")
    # the source line: in the chart's first column, in the first row under the chart
    rows.next_row = max(start + CHART_ROWS, rows.next_row)
    rows.text_row(styles, [None] * (anchor - 1) + [block.source or w(lang, "Sources: see the Sources sheet")], "note")
    rows.next_row = max(rows.next_row, last + 1)
    rows.skip(2)
    return rows.next_row


def movers_block(
    comparison: pd.DataFrame, a: int, b: int, sources: pd.DataFrame, lang: str = "en"
) -> ChartBlock | None:
    """The largest movers of a comparison: the rows with the largest % change in size (numbers only).

    A % change is computed only between two figures of one source and edition (see /compare), so every
    bar compares like with like; rows with a change in percentage points or none are not drawn.
    """
    pct = pd.to_numeric(comparison["% change"], errors="coerce")
    numeric = comparison.assign(_pct=pct)[pct.notna()]
    if numeric.empty:
        return None
    top = numeric.reindex(numeric["_pct"].abs().sort_values(ascending=False).index).head(MOVERS)
    names = [
        " — ".join(
            str(v)
            for v in (r["label"], vocab_value("reporter", r["reporter"], lang), subject_value(r["subject"], lang))
            if isinstance(v, str) and v
        )
        for _, r in top.iterrows()
    ]
    names = [
        f"{n} ({e})" if isinstance(e, str) and e else n for n, e in zip(names, top["edition / source"], strict=True)
    ]
    title = w(lang, "Largest movers, {a} to {b}: change", a=a, b=b)
    line = source_line(top["source_id"], sources, limit=400, lang=lang)
    return ChartBlock(title, "%", "movers", [], names, [[float(v)] for v in top["_pct"]], line, lang)
