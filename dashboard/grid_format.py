"""Number cells of AG Grid in the page's language (pure column-definition pieces).

An AG Grid number cell shows the JavaScript number (``1954.7519``); in Russian and Azerbaijani the display
takes a decimal comma and a no-break space between thousands (``1 954,7519``), the style of
:func:`dashboard.i18n.format_number` (Azerbaijani as Russian: CLDR's Azerbaijani groups with a full stop,
which readers misread as a decimal point). Only the display changes: the cell value stays the number, so the
grid sorts and filters numerically and its CSV export (``useValueFormatterForExport`` off) writes numbers.
A cell holding text (e.g. "not in this release") is shown as it is. English cells are left as they were.
"""

from __future__ import annotations

from typing import Any

# Intl locale whose number style is the page's (decimal comma, no-break space groups)
INTL_LOCALE = {"ru": "ru-RU", "az": "ru-RU"}
YEAR_COLUMNS = frozenset({"year", "first", "last", "order_year", "first_delivery", "last_delivery"})


def number_formatter(lang: str) -> str:
    """The valueFormatter expression that writes a number cell in ``lang``'s style (text unchanged).

    dash-ag-grid evaluates it with its own expression parser, which has no ``Intl``; the formatting is the
    function ``ruazNumber`` (assets/compare.js, ``dashAgGridFunctions``) with the locale of the language.
    """
    return f"ruazNumber(params.value, '{INTL_LOCALE.get(lang, 'en-US')}')"


def number_cells(lang: str, column: str = "", tooltip: bool = False) -> dict[str, Any]:
    """Column-definition keys that show a number cell in ``lang``'s style (none for English, and none for a
    year column, which never takes a thousands space); ``tooltip``: the cell's tooltip too (for a column
    whose cells have one)."""
    if lang not in INTL_LOCALE or column in YEAR_COLUMNS:
        return {}
    function = {"function": number_formatter(lang)}
    return {"valueFormatter": function, "useValueFormatterForExport": False} | (
        {"tooltipValueGetter": function} if tooltip else {}
    )
