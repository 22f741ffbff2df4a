"""The shared workbook helpers: one named row per sheet, or the file is rejected with the place named."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.importers.formats.statfile import only_row
from indicators.importers.model import FileRejected


def test_only_row_returns_the_single_match() -> None:
    assert only_row(Path("x.xlsx"), "Exports, FOB", [41], "World", "dots_partner_row", "partner row") == 41


@pytest.mark.parametrize(
    ("matches", "row", "found"),
    [([], 0, "found 0"), ([7, 12], 13, "found 2")],
)
def test_only_row_rejects_none_or_several_naming_the_sheet_and_rule(matches: list[int], row: int, found: str) -> None:
    with pytest.raises(FileRejected) as caught:
        only_row(Path("dots.xlsx"), "Imports, CIF", matches, "Russian Federation", "dots_partner_row", "partner row")
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.value, problem.rule) == (
        "dots.xlsx",
        row,
        "'Imports, CIF'",
        "Russian Federation",
        "dots_partner_row",
    )
    assert problem.message == f"expected one partner row 'Russian Federation' in sheet 'Imports, CIF', {found}"
