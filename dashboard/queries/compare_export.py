"""The compare page's export: the comparison sheet and the observations behind it, as an Excel workbook."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.data import DataStore, release_label
from dashboard.queries.compare import compare_table
from dashboard.views import export_bytes


def export_tables(data: DataStore, a: int, b: int, release: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The comparison sheet (numbers as numbers, a missing side as its text) and the observations behind it.

    The same rows as the page for the same release; % change and pp change are separate columns.
    """
    table = compare_table(data, a, b, release)
    ids = list(pd.concat([table["obs_a"], table["obs_b"]]).dropna())
    obs = data.observations[data.observations["obs_id"].isin(ids)]

    def number_or_text(values: pd.Series, texts: pd.Series) -> list[Any]:
        return [(t or None) if pd.isna(v) else float(v) for v, t in zip(values, texts, strict=True)]

    sheet = pd.DataFrame(
        {
            "indicator": table["indicator"],
            "label": table["label"],
            "reporter": table["reporter"],
            "subject": table["subject"],
            "edition / source": table["edition_source"],
            "unit": table["unit"],
            str(a): pd.Series(number_or_text(table["value_a"], table["text_a"]), dtype=object),
            str(b): pd.Series(number_or_text(table["value_b"], table["text_b"]), dtype=object),
            "absolute change": pd.Series(number_or_text(table["abs_change"], table["abs_text"]), dtype=object),
            "% change": pd.Series(number_or_text(table["pct_change"], table["pct_text"]), dtype=object),
            "pp change": pd.Series(number_or_text(table["pp_change"], table["pp_text"]), dtype=object),
            "change type": table["change_type"],
            "flags": table["flags"],
            "coverage": table["status_text"],
            f"obs_id {a}": table["obs_a"],
            f"obs_id {b}": table["obs_b"],
            "source_id": table["source_id"],
        }
    )
    return sheet, obs


def comparison_workbook(data: DataStore, a: int, b: int, release: str) -> bytes:
    """Workbook: the comparison as sheet 'Comparison A-B' plus the observations behind it."""
    sheet, obs = export_tables(data, a, b, release)
    filters = {"year A": str(a), "year B": str(b), "SIPRI release": release_label(release), "page": "Compare years"}
    title = f"RU–AZ Indicators: {a} compared with {b}"
    extra = {f"Comparison {a}-{b}": sheet}
    return export_bytes(data, title, filters, obs, extra, release=release, movers=(sheet, a, b))
