"""Excel workbook builder: sheets, types, formats, hyperlinks, formula injection, file names."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from dashboard.exports import ExportView, build_workbook, download_name, wide_frame
from dashboard.workbook.frames import frame_columns
from dashboard.workbook.layout import table_name
from indicators.pipeline import DEFAULT_CLEAN

HOSTILE = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


@pytest.fixture(scope="module")
def view(data):
    obs = data.observations
    trade = obs[obs["indicator"].isin(["trade_az_ru_turnover", "trade_az_ru_balance"]) & (obs["kind"] == "series")]
    hostile = trade.head(len(HOSTILE)).copy()
    hostile["note"] = HOSTILE
    hostile["obs_id"] = [f"X{i}" for i in range(len(HOSTILE))]
    frame = pd.concat([trade, hostile], ignore_index=True)
    extra = pd.DataFrame({"text": HOSTILE, "number": [1.5] * len(HOSTILE)})
    return ExportView(
        "Test <view>",
        {"selected year": "2014", "evil": "=1+1"},
        frame,
        data.sources,
        data.catalogue,
        {"Comparison 2013-2014": extra},
    )


@pytest.fixture(scope="module")
def workbook(view):
    return openpyxl.load_workbook(io.BytesIO(build_workbook(view)))


def test_sheets_are_about_data_wide_extra_sources(workbook):
    assert workbook.sheetnames == ["About", "Data", "Trade wide", "Charts", "Comparison 2013-2014", "Sources"]
    about = {r[0].value: r[1].value for r in workbook["About"].iter_rows(min_row=3) if r[0].value}
    assert about["Filter: selected year"] == "2014"
    assert "App version" in about and "Generated (UTC)" in about
    assert "Sources" in about["Sheets"]
    terms = " ".join(
        str(r[1].value) for r in workbook["About"].iter_rows(min_row=3) if r[0].value == "Citation and terms"
    )
    assert "SIPRI" in terms and "IMF" in terms and "Energy Institute" in terms and "not their financial value" in terms


def test_numbers_are_numbers_with_formats_and_headers_are_bold(workbook):
    ws = workbook["Data"]
    header = [c.value for c in ws[1]]
    value_col = header.index("value") + 1
    year_col = header.index("year") + 1
    unit_col = header.index("unit") + 1
    cell = ws.cell(row=2, column=value_col)
    # turnover and balance are in USD million: thousands separator, one decimal
    assert ws.cell(row=2, column=unit_col).value == "USD million"
    assert isinstance(cell.value, float) and cell.number_format == "#,##0.0"
    assert isinstance(ws.cell(row=2, column=year_col).value, int)
    assert ws["A1"].font.bold
    assert ws.freeze_panes == "A2"
    # the filter buttons are the Excel table's (a sheet filter over a table would need a repair)
    assert ws.auto_filter.ref is None
    assert ws.tables["tbl_data"].ref == f"A1:{ws.cell(row=1, column=ws.max_column).column_letter}{ws.max_row}"
    assert 8 <= ws.column_dimensions["A"].width <= 60


def test_formula_looking_text_is_stored_as_text(workbook, view):
    raw = build_workbook(view)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(z.read(n).decode() for n in sheets)
        assert "<f>" not in xml and "<f " not in xml
        assert not any(n.startswith("xl/externalLinks") for n in z.namelist())
    texts = {c.value for ws in workbook for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for hostile in HOSTILE:
        assert hostile in texts
    for ws in workbook:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f"


def test_sources_sheet_has_clickable_hyperlinks(workbook):
    ws = workbook["Sources"]
    header = [c.value for c in ws[1]]
    url_col = header.index("url") + 1
    cells = [ws.cell(row=r, column=url_col) for r in range(2, ws.max_row + 1)]
    assert cells and all(c.hyperlink is not None and c.hyperlink.target == c.value for c in cells)
    ids = {ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)}
    assert {"imf-dots-aze-2022", "imf-dots-rus-2022"} <= ids


@pytest.fixture(scope="module")
def full_workbook(data):
    view = ExportView("All", {}, data.observations, data.sources, data.catalogue, {"Arms deals": data.deals})
    return openpyxl.load_workbook(io.BytesIO(build_workbook(view)))


def test_sources_sheet_links_the_publisher_and_the_copy_read_and_says_how_to_cite(full_workbook):
    ws = full_workbook["Sources"]
    header = [c.value for c in ws[1]]
    assert header == [
        "source_id",
        "publisher",
        "cite_as",
        "title",
        "outlet",
        "edition",
        "date",
        "url",
        "copy_url",
        "licence",
        "note",
    ]
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2)}
    dots = rows["imf-dots-aze-2022"]
    assert dots["cite_as"].value == "IMF, Direction of Trade Statistics"
    assert (
        dots["url"].value
        == dots["url"].hyperlink.target
        == ("https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85")
    )
    assert (
        dots["copy_url"].value
        == dots["copy_url"].hyperlink.target
        == (
            "https://github.com/SamLeBlanc/Direction-of-Trade-Map/blob/"
            "a769819d9b25a21a362d6cabfb10f150903f834d/data/DOTS/DOTS_13.xlsx"
        )
    )
    sipri = rows["sipri-atdb-2025"]
    assert sipri["cite_as"].value == "SIPRI Arms Transfers Database, March 2025 update"
    assert sipri["url"].hyperlink.target == "https://www.sipri.org/databases/armstransfers"
    assert sipri["copy_url"].hyperlink.target.startswith("https://github.com/nagehanrdogan/")
    # every copy is a live link; a source read at its publisher has no copy and no copy link
    copies = [r["copy_url"] for r in rows.values() if r["copy_url"].value]
    clean_copies = pd.read_csv(DEFAULT_CLEAN / "sources.csv", dtype=str)["copy_url"].notna().sum()
    assert len(copies) == clean_copies > 0 and all(c.hyperlink.target == c.value for c in copies)
    news = rows["nordot-2024"]
    assert news["copy_url"].value is None and news["copy_url"].hyperlink is None and news["cite_as"].value is None


def test_wide_sheet_has_years_then_latest_and_ten_year_change(data):
    obs = data.observations
    az = obs[(obs["indicator"] == "trade_az_to_ru") & (obs["reporter"] == "AZ") & (obs["kind"] == "series")]
    wide = wide_frame(az, data.catalogue)
    dots = wide[wide["edition"].str.startswith("DOTS")].iloc[0]
    # TS0029 (2020: 709.4743) vs TS0028 (2019: 731.8865) -> -3.0624 %; vs 2010 TS0019 (773.5519) -> -8.283 %
    assert dots["latest year"] == 2020
    assert dots["latest change"] == pytest.approx(100 * (709.4743 - 731.8865) / 731.8865)
    assert dots["ten-year change"] == pytest.approx(100 * (709.4743 - 773.5519) / 773.5519)
    assert dots["change unit"] == "%"
    # no Azerbaijani figure for 1991 or before: no such column
    assert "1991" not in wide.columns and "1992" in wide.columns


def test_wide_sheet_leaves_missing_years_empty(data):
    obs = data.observations
    tiv = obs[(obs["indicator"] == "arms_tiv_to_az") & (obs["subject"] == "Belarus") & (obs["kind"] == "series")]
    wide = wide_frame(tiv, data.catalogue)
    # SIPRI records Belarusian deliveries in 2006 and 2008 but none in 2007, in every release; a year column
    # empty in every row is left out (the sheet's note says a blank or missing year has no figure)
    assert wide["2006"].notna().all() and wide["2008"].notna().all()
    assert "2007" not in wide.columns
    both = wide_frame(obs[(obs["indicator"] == "arms_tiv_to_az") & (obs["kind"] == "series")], data.catalogue)
    belarus = both[both["subject"] == "Belarus"]
    assert belarus["2007"].isna().all() and both["2007"].notna().any()


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        (("trade", "turnover", 2014), "ruaz-trade-turnover-2014.xlsx"),
        (("../../etc/passwd",), "ruaz-etc-passwd.xlsx"),
        (('a b<>"|?*',), "ruaz-a-b.xlsx"),
        (("",), "ruaz-export.xlsx"),
    ],
)
def test_download_names_are_sanitised(parts, name):
    assert download_name(*parts) == name


def test_table_names_are_unique_and_headers_unique_ignoring_case():
    used: set[str] = set()
    assert table_name("Trade wide", used) == "tbl_trade_wide"
    assert table_name("Trade wide", used) == "tbl_trade_wide_2"
    assert table_name("Comparison 2013-2014", used) == "tbl_comparison_2013_2014"
    cols = frame_columns(pd.DataFrame([[1, 2, 3]], columns=["x", "X", ""]))
    assert [c.header for c in cols] == ["x", "X (2)", "column"]


def test_text_cells_keep_markup_spaces_and_replace_control_characters(data):
    texts = ['a & b <c> "d"', "  lead and trail  ", "bell\x07", "=1+1"]
    extra = pd.DataFrame({"text": texts, "n": [1.5, None, 2.0, 3]})
    view = ExportView("T", {}, data.observations.head(0), data.sources, data.catalogue, {"Odd": extra})
    ws = openpyxl.load_workbook(io.BytesIO(build_workbook(view)))["Odd"]
    assert [c.value for c in ws["A"][1:]] == ['a & b <c> "d"', "  lead and trail  ", "bell\ufffd", "=1+1"]
    assert [c.value for c in ws["B"][1:]] == [1.5, None, 2.0, 3.0]
    assert ws["A5"].data_type == "s" and ws["A5"].quotePrefix
