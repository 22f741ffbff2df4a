"""Every workbook kind (page views, everything, compare): charts, tables, printing, links, formats, values."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.dashboard.workbook_kinds import KINDS, build_all, load

CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"
DOUBLE_ENCODED = re.compile(r"%25[0-9A-Fa-f]{2}")
MARCH_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
DOTS = "DOTS export of 2022-02 (annual data to 2020)"


@pytest.fixture(scope="module")
def contents(data) -> dict[str, bytes]:
    return build_all(data)


@pytest.fixture(scope="module")
def books(contents) -> dict[str, openpyxl.Workbook]:
    return {kind: load(content) for kind, content in contents.items()}


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return pd.read_csv(CLEAN / "observations.csv")


def header_row(ws: Worksheet) -> int:
    """The header's row: 2 on wide sheets (a note above it), else 1."""
    return 2 if ws.title.endswith(" wide") else 1


def records(ws: Worksheet) -> list[dict[str, object]]:
    top = header_row(ws)
    header = [c.value for c in ws[top]]
    return [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=top + 1, values_only=True)]


def chart_title(chart) -> str:
    return "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))


def source_under(ws: Worksheet, chart) -> object:
    """The first text in the chart's first column below its top row: the chart's source line."""
    col = chart.anchor._from.col + 1
    return next(
        ws.cell(row=r, column=col).value
        for r in range(chart.anchor._from.row + 2, ws.max_row + 1)
        if ws.cell(row=r, column=col).value
    )


def cells_of(book: openpyxl.Workbook, ref: str) -> list[object]:
    """The values a chart reference ('Charts'!$B$4:$B$40) points at."""
    sheet, cells = ref.rsplit("!", 1)
    ws = book[sheet.strip("'")]
    found = ws[cells.replace("$", "")]
    if not isinstance(found, tuple):  # one cell
        return [found.value]
    return [c.value for row in found for c in (row if isinstance(row, tuple) else (row,))]


# ------------------------------------------------------------------ print setup, tables, columns
@pytest.mark.parametrize("kind", KINDS)
def test_every_sheet_prints_landscape_one_page_wide_with_repeated_header_and_footer(books, kind):
    book = books[kind]
    title = book["About"]["A1"].value
    for ws in book:
        setup = ws.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        footer = ws.oddFooter
        assert footer.left.text == title.replace("&", "&&")
        assert footer.center.text == "Page &P of &N"
        assert re.search(r"generated \d{4}-\d{2}-\d{2}$", footer.right.text), footer.right.text
        assert len(footer.left.text + footer.center.text + footer.right.text) < 255
        if ws.tables:
            top = header_row(ws)
            assert ws.print_title_rows == (f"$1:${top}" if top > 1 else "$1:$1"), ws.title


@pytest.mark.parametrize("kind", KINDS)
def test_tables_cover_each_sheets_header_and_rows_with_unique_names(books, kind):
    book = books[kind]
    names = []
    for ws in book:
        if ws.title in ("About", "Charts"):
            assert not ws.tables
            continue
        if ws.max_row <= header_row(ws):  # a sheet without rows has no table (Excel needs one row)
            assert not ws.tables
            continue
        (name,) = ws.tables
        table = ws.tables[name]
        names.append(name)
        assert re.fullmatch(r"tbl_[a-z0-9_]+", name), name
        top = header_row(ws)
        last_col = ws.cell(row=top, column=ws.max_column).column_letter
        assert table.ref == f"A{top}:{last_col}{ws.max_row}", ws.title
        header = [c.value for c in ws[top]]
        assert all(isinstance(h, str) and h for h in header) and len(set(header)) == len(header)
        assert [c.name for c in table.tableColumns] == header
    assert len(set(names)) == len(names)
    assert {"tbl_data", "tbl_sources"} <= set(names)
    if kind == "everything":
        assert {"tbl_trade_wide", "tbl_energy_wide", "tbl_arms_wide", "tbl_arms_deals", "tbl_changes"} <= set(names)


@pytest.mark.parametrize("kind", KINDS)
def test_no_column_is_empty_in_every_row(books, kind):
    for ws in books[kind]:
        if not ws.tables:
            continue
        rows = records(ws)
        for column in rows[0]:
            assert any(r[column] not in (None, "") for r in rows), (ws.title, column)


# ------------------------------------------------------------------ links
@pytest.mark.parametrize("kind", KINDS)
def test_every_url_cell_is_a_live_hyperlink_and_none_is_double_encoded(books, contents, kind):
    urls = 0
    for ws in books[kind]:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("http://", "https://")):
                    urls += 1
                    assert cell.hyperlink is not None and cell.hyperlink.target == cell.value, cell.coordinate
                    assert not DOUBLE_ENCODED.search(cell.value), cell.value
    assert urls > 0
    with zipfile.ZipFile(io.BytesIO(contents[kind])) as z:
        names = z.namelist()
        assert not any(n.startswith("xl/externalLinks") or n.endswith(".bin") for n in names)
        xml = "".join(z.read(n).decode() for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        assert "<f>" not in xml and "<f " not in xml  # no formulas at all
        rels = "".join(z.read(n).decode() for n in names if n.endswith(".rels"))
        assert not DOUBLE_ENCODED.search(rels)


def test_the_armiya_link_is_stored_once_encoded(books):
    ws = books["everything"]["Sources"]
    row = next(r for r in records(ws) if r["source_id"] == "armiya-2019-02-06")
    assert str(row["url"]).startswith("http://armiya.az/ru/news/142471/%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F-")


# ------------------------------------------------------------------ charts
def test_everything_charts_each_indicator_group_with_its_unit_and_source_line(books, observations):
    book = books["everything"]
    ws = book["Charts"]
    titles = [chart_title(c) for c in ws._charts]
    assert titles == [
        "Goods turnover, Azerbaijan–Russia, by reporter (USD million)",
        "Oil production of Azerbaijan, by edition (Mt)",
        "Oil production of Russia, by edition (Mt)",
        "Marketed gas production of Azerbaijan, by edition (bcm)",
        "Marketed gas production of Russia, by edition (bcm)",
        "Arms transfers to Azerbaijan by supplier, March 2025 update (data to 2024) (TIV million)",
        "Five-year shares of Azerbaijan's arms imports by supplier, March 2025 update (data to 2024) (percent)",
    ]
    for chart in ws._charts:
        for series in chart.series:
            assert series.val.numRef.f.startswith("'Charts'!$")
            assert series.cat.numRef.f.startswith("'Charts'!$A$")
        assert str(source_under(ws, chart)).startswith("Sources: ")
    tiv = ws._charts[5]
    assert tiv.grouping == "stacked"
    assert source_under(ws, tiv) == f"Sources: SIPRI Arms Transfers Database ({MARCH_2025})"
    # Russia's TIV in 2014 in the March 2025 update: AT0256, 558.5
    russia = next(s for s in tiv.series if cells_of(book, s.tx.strRef.f) == ["Russia"])
    years = cells_of(book, russia.cat.numRef.f)
    values = cells_of(book, russia.val.numRef.f)
    assert values[years.index(2014)] == 558.5
    # the five-year shares: SIPRI's windows ending 2005-2020, Russia 78.93796 % in 2011-15
    shares = ws._charts[6]
    russia = next(s for s in shares.series if cells_of(book, s.tx.strRef.f) == ["Russia"])
    assert cells_of(book, russia.cat.numRef.f) == [2005, 2010, 2015, 2020]
    assert cells_of(book, russia.val.numRef.f)[2] == pytest.approx(78.93796)


def test_chart_cells_equal_the_clean_observations(books, observations):
    book = books["everything"]
    turnover = book["Charts"]._charts[0]
    annual = observations[(observations["kind"] == "series") & observations["full_year"]]
    expected = annual[annual["indicator"] == "trade_az_ru_turnover"]
    checked = 0
    for series in turnover.series:
        (name,) = cells_of(book, series.tx.strRef.f)
        reporter, edition = str(name).split(" — ", 1)
        rows = expected[(expected["reporter"] == reporter) & (expected["edition"].fillna("") == edition)]
        if edition.startswith("figures of no dated release"):
            rows = expected[(expected["reporter"] == reporter) & expected["edition"].isna()]
        got = {
            int(y): v
            for y, v in zip(cells_of(book, series.cat.numRef.f), cells_of(book, series.val.numRef.f), strict=True)
            if v is not None
        }
        assert got == pytest.approx(dict(zip(rows["year"].astype(int), rows["value"], strict=True)))
        checked += len(got)
    # D-trade_az_ru_turnover-AZ-2013: 2583.0229 (exports + imports of the DOTS export)
    az = next(s for s in turnover.series if cells_of(book, s.tx.strRef.f) == [f"AZ — {DOTS}"])
    years = cells_of(book, az.cat.numRef.f)
    assert cells_of(book, az.val.numRef.f)[years.index(2013)] == pytest.approx(2583.0229)
    assert checked > 50


@pytest.mark.parametrize(("kind", "count"), [("overview", 4), ("trade", 1), ("energy", 4), ("arms", 2)])
def test_page_workbooks_chart_their_main_series(books, kind, count):
    charts = books[kind]["Charts"]._charts
    assert len(charts) == count
    assert all(re.search(r"\((USD million|Mt|kb/d|TWh|bcm|TIV million|percent)\)$", chart_title(c)) for c in charts)


def test_compare_workbook_has_a_and_b_changes_editions_and_a_chart_of_the_largest_movers(books, data):
    book = books["compare"]
    rows = records(book["Comparison 2013-2014"])
    assert {"2013", "2014", "absolute change", "% change", "pp change", "change type", "edition / source"} <= set(
        rows[0]
    )
    ws = book["Charts"]
    (chart,) = ws._charts
    assert chart_title(chart) == "Largest movers, 2013 to 2014: change (%)"
    (series,) = chart.series
    values = cells_of(book, series.val.numRef.f)
    names = cells_of(book, series.cat.strRef.f)
    numeric = [r for r in rows if isinstance(r["% change"], float)]
    biggest = sorted(numeric, key=lambda r: abs(r["% change"]), reverse=True)[: len(values)]
    assert values == pytest.approx([r["% change"] for r in biggest])
    assert len(values) == 10 and names[0].startswith(str(biggest[0]["label"]))


# ------------------------------------------------------------------ formats, qualifiers, wide sheets
def test_number_formats_follow_the_unit(books):
    ws = books["everything"]["Data"]
    top = [c.value for c in ws[1]]
    value_at, unit_at = top.index("value"), top.index("unit")
    seen = {}
    for row in ws.iter_rows(min_row=2):
        if isinstance(row[value_at].value, float):
            seen.setdefault(row[unit_at].value, row[value_at].number_format)
    assert seen["USD million"] == "#,##0.0"
    assert seen["percent"] == "0.0"
    assert seen["TIV million"] == "#,##0"


def test_value_cells_hold_numbers_and_qualifiers_sit_in_their_own_column(books):
    data_rows = records(books["everything"]["Data"])
    assert all(r["value"] is None or isinstance(r["value"], int | float) for r in data_rows)
    approx = [r for r in data_rows if r["qualifier"] == "approximate" and r["indicator"] == "trade_az_to_ru"]
    assert approx and all(isinstance(r["value"], float) for r in approx)
    wide = records(books["everything"]["Trade wide"])
    row = next(r for r in wide if (r["indicator"], r["reporter"], r["edition"]) == ("trade_az_to_ru", "AZ", None))
    assert row["2023"] == 1200.0 and row["qualified years"] == "approximate: 2023"


def test_wide_sheets_have_a_note_one_row_per_series_and_changes_from_the_same_source(books):
    changes = pd.read_csv(CLEAN / "changes.csv")
    computed = changes[changes["change"].notna()].fillna({"subject": "", "edition": ""})
    by_key = {(r.indicator, r.reporter, r.subject, r.edition, int(r.year)): r.change for r in computed.itertuples()}
    filled = 0
    for name in ("Trade wide", "Energy wide", "Arms wide"):
        ws = books["everything"][name]
        assert ws["A1"].value.startswith("A blank cell means that no figure was published")
        rows = records(ws)
        keys = [(r["indicator"], r["reporter"], r.get("subject") or "", r["edition"] or "") for r in rows]
        assert len(set(keys)) == len(keys)
        for key, r in zip(keys, rows, strict=True):
            expected = by_key.get((*key, r["latest year"]))
            if r["latest change"] is None:
                continue
            filled += 1
            assert r["latest change"] == pytest.approx(expected), key  # never where changes.csv has none
    assert filled > 50
    # the IMF DOTS export for AZ's exports to Russia: 2020 vs 2010, TS0029 709.4743 and TS0019 773.5519
    trade = records(books["everything"]["Trade wide"])
    dots = next(r for r in trade if (r["indicator"], r["reporter"], r["edition"]) == ("trade_az_to_ru", "AZ", DOTS))
    assert dots["ten-year change"] == pytest.approx(100 * (709.4743 - 773.5519) / 773.5519, abs=1e-6)
    assert dots["change unit"] == "%"
    # the press figure of 2023 follows no 2022 figure of the same source: no change is made up
    press = next(r for r in trade if (r["indicator"], r["reporter"], r["edition"]) == ("trade_az_to_ru", "AZ", None))
    assert press["latest change"] is None and press["ten-year change"] is None


def test_long_text_wraps_and_widths_stay_within_the_limit(books):
    ws = books["everything"]["Data"]
    header = [c.value for c in ws[1]]
    locator = header.index("locator") + 1
    letter = ws.cell(row=1, column=locator).column_letter
    assert ws.column_dimensions[letter].width == 50
    assert ws.cell(row=2, column=locator).alignment.wrap_text
    assert all(8 <= ws.column_dimensions[c.column_letter].width <= 60 for c in ws[1])
