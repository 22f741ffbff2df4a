"""AG Grid number cells in the page's language (dashboard/grid_format.py): /arms's deal register and release
comparison carry the language's valueFormatter (assets/compare.js ``ruazNumber``); sort, filter and CSV stay on
the numbers; years and English are left as they were. The browser check is
tests/browser/test_arms.py::test_deal_register_numbers_read_in_the_pages_language.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.grid_format import number_cells, number_formatter
from dashboard.i18n import using_lang

ASSETS = Path(__file__).resolve().parents[2] / "dashboard" / "assets"


@pytest.fixture(scope="module")
def arms(data: DataStore) -> ModuleType:
    create_app(store=data)
    return importlib.import_module("dashboard.pages.arms")


def test_number_cells_per_language() -> None:
    assert number_cells("en", "value") == {}
    assert number_cells("ru", "year") == {}  # a year never takes a thousands space
    assert number_cells("az", "value") == {
        "valueFormatter": {"function": "ruazNumber(params.value, 'ru-RU')"},  # az in the Russian style
        "useValueFormatterForExport": False,
    }
    assert number_cells("ru", "tiv", tooltip=True)["tooltipValueGetter"] == {"function": number_formatter("ru")}
    assert "window.dashAgGridFunctions.ruazNumber = ruazNumber;" in (ASSETS / "compare.js").read_text()


def test_the_deal_register_columns_carry_the_languages_formatter(arms: ModuleType) -> None:
    with using_lang("ru"):
        cols = {c["field"]: c for c in arms.deals_grid([]).columnDefs}
    for field in ("number_ordered", "number_delivered", "tiv_delivered"):
        assert cols[field]["valueFormatter"] == {"function": "ruazNumber(params.value, 'ru-RU')"}, field
        assert cols[field]["useValueFormatterForExport"] is False
        assert cols[field]["tooltipValueGetter"] == cols[field]["valueFormatter"]
    assert "valueFormatter" not in cols["order_year"]
    assert "valueFormatter" not in cols["supplier"]
    english = {c["field"]: c for c in arms.deals_grid([]).columnDefs}
    assert "valueFormatter" not in english["tiv_delivered"]


def test_the_release_comparison_columns_carry_the_languages_formatter(arms: ModuleType, data: DataStore) -> None:
    page = arms.SPEC
    with using_lang("az"):
        sel = page.parse(data, {"lang": "az"})
        view = arms.comparison_view(data, sel)
    grid = next(c for c in view.children if getattr(c, "id", None) == "arms-cmp")
    cols = {c["field"]: c for c in grid.columnDefs}
    assert [f for f, c in cols.items() if "valueFormatter" in c] == ["value_a", "value_b", "change", "change_pct"]
