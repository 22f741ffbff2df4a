"""The fast full-data writer makes the same workbook as views.export_bytes / exports.build_workbook."""

from __future__ import annotations

import datetime as dt
import io
import time

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from dashboard.bulk_export import fast_tidy, write_workbook
from dashboard.data import DataStore
from dashboard.exports import ExportView, build_workbook, tidy_frame

WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def assert_same_workbook(fast: bytes, reference: bytes) -> None:
    """Sheet by sheet, cell by cell: value, type, number format, font, fill, wrap, link; panes, filters, widths."""
    a = openpyxl.load_workbook(io.BytesIO(fast))
    b = openpyxl.load_workbook(io.BytesIO(reference))
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        wa, wb = a[name], b[name]
        assert (wa.max_row, wa.max_column) == (wb.max_row, wb.max_column), name
        assert wa.freeze_panes == wb.freeze_panes, name
        assert wa.auto_filter.ref == wb.auto_filter.ref, name
        for j in range(1, wa.max_column + 1):
            letter = get_column_letter(j)
            assert wa.column_dimensions[letter].width == wb.column_dimensions[letter].width, (name, letter)
        for ra, rb in zip(wa.iter_rows(), wb.iter_rows(), strict=True):
            for ca, cb in zip(ra, rb, strict=True):
                where = (name, ca.coordinate)
                assert ca.value == cb.value, where
                assert ca.data_type == cb.data_type, where
                assert ca.number_format == cb.number_format, where
                assert (ca.font.b, ca.font.sz, ca.font.u) == (cb.font.b, cb.font.sz, cb.font.u), where
                assert ca.fill.fgColor.rgb == cb.fill.fgColor.rgb, where
                assert ca.alignment.wrap_text == cb.alignment.wrap_text, where
                assert ca.quotePrefix == cb.quotePrefix, where
                assert (ca.hyperlink.target if ca.hyperlink else None) == (
                    cb.hyperlink.target if cb.hyperlink else None
                ), where


def small_view(data: DataStore) -> ExportView:
    """A slice of every table plus awkward text: formula-like, padded, markup, unicode, empty."""
    obs = pd.concat(
        [
            data.observations.head(150),
            data.observations[data.observations["indicator"].str.startswith("trade_")].head(80),
        ]
    )
    events = data.events.head(20).copy()
    events.loc[events.index[0], "title"] = '=HYPERLINK("http://x")'
    events.loc[events.index[1], "title"] = "  padded  "
    events.loc[events.index[2], "title"] = '<b>&amp; "quotes" ´ Ağdam – Баку'
    events.loc[events.index[3], "title"] = ""
    odd = pd.DataFrame(
        {
            "mixed": pd.Series([1.5, "no data for 2013", None, 3], dtype=object),
            "flag": [True, False, True, False],
            "count": pd.array([1, None, 3, 4], dtype="Int64"),
            "when": pd.to_datetime(["2020-01-01", None, "2021-05-06", "2022-12-31"]),
            "minus": ["-5", "+x", "@y", "ok"],
        }
    )
    return ExportView(
        title="test: a slice",
        filters={"year": "2013", "formula": "=1+1"},
        observations=obs,
        sources=data.sources,
        catalogue=data.catalogue,
        extra_tables={"Events": events, "Changes": data.changes.head(60), "Odd / values?": odd},
    )


def test_fast_tidy_equals_tidy_frame(data):
    fast = fast_tidy(data.observations, data.sources, data.catalogue)
    pd.testing.assert_frame_equal(fast, tidy_frame(data.observations, data.sources, data.catalogue))


def test_fast_writer_matches_build_workbook_on_a_slice_with_awkward_values(data):
    view = small_view(data)
    assert_same_workbook(write_workbook(view, WHEN), build_workbook(view, WHEN))


def test_fast_writer_without_extras_or_filters(data):
    view = ExportView("t", {}, data.observations.head(5), data.sources, data.catalogue)
    assert_same_workbook(write_workbook(view, WHEN), build_workbook(view, WHEN))


@pytest.mark.slow
def test_fast_writer_matches_build_workbook_on_the_full_data(data):
    view = ExportView(
        "full",
        {},
        data.observations,
        data.sources,
        data.catalogue,
        {
            "Events": data.events,
            "Arms deals": data.deals,
            "Arms statements": data.arms_statements,
            "Changes": data.changes,
        },
    )
    started = time.perf_counter()
    fast = write_workbook(view, WHEN)
    middle = time.perf_counter()
    reference = build_workbook(view, WHEN)
    print(f"\nfull data: fast writer {middle - started:.3f} s, build_workbook {time.perf_counter() - middle:.3f} s")
    assert_same_workbook(fast, reference)
