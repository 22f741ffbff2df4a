"""The /compare grid in Russian and Azerbaijani: compare_table's English texts shown in the page's language."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.i18n import using_lang
from dashboard.queries.compare import compare_table
from dashboard.queries.compare_display import display_rows, local_text
from dashboard.queries.i18n_labels import indicator_labels

ROW = {
    "row_id": "r1",
    "indicator": "arms_tiv_to_az",
    "label": "Arms transfers to Azerbaijan (SIPRI TIV)",
    "edition_source": "SIPRI Arms Transfers Database, March 2025 update",
    "subject": "Israel",
    "unit": "TIV million",
    "text_a": "no data for 2013",
    "text_b": "19,2",
    "abs_text": "no data for 2013",
    "pct_text": "+1,234.5%",
    "pp_text": "-0.25 pp",
    "flags": "A computed; B approximate; different sources",
    "status_text": "2014 only",
}


def test_english_rows_are_left_as_they_are() -> None:
    table = pd.DataFrame([ROW])
    assert display_rows(table, {"arms_tiv_to_az": "x"}) is table


def test_a_row_in_russian() -> None:
    with using_lang("ru"):
        row = display_rows(pd.DataFrame([ROW]), {"arms_tiv_to_az": "Поставки вооружений"}).iloc[0]
    assert row["label"] == "Поставки вооружений"
    assert row["subject"] == "Израиль"
    assert row["text_a"] == row["abs_text"] == "нет данных за 2013 г."
    assert row["text_b"] == "19,2"  # already in the page's language (fmt_value): unchanged
    assert row["pct_text"] == "+1\xa0234,5%"  # English separators rewritten; the year in other texts never is
    assert row["pp_text"].startswith("-0,25 ")
    assert row["flags"] == "A: расчётное значение; B: приблизительно; разные источники"
    assert row["status_text"] == "только 2014 г."


def test_a_year_is_never_read_as_a_number() -> None:
    with using_lang("az"):
        assert local_text("no data for 2013; no data for 2014", english_numbers=True) == (
            "2013-cü il üçün məlumat yoxdur; 2014-cü il üçün məlumat yoxdur"
        )


@pytest.mark.parametrize("lang", ["ru", "az"])
def test_no_english_word_of_compare_table_is_left_in_the_grid(data, lang) -> None:
    """Every text column of the real 2013 → 2014 table: none of compare_table's English words is left."""
    with using_lang(lang):
        table = compare_table(data, 2013, 2014, data.tiv_releases[0])
        shown = display_rows(table, indicator_labels(data, lang))
    columns = ["label", "text_a", "text_b", "abs_text", "pct_text", "pp_text", "flags", "status_text"]
    words = ("no data for", "both years", "neither year", "computed", "approximate", "relative change", " only")
    left = {w for column in columns for text in shown[column].dropna().astype(str) for w in words if w in text}
    assert left == set()
    assert len(shown) == len(table) and list(shown["row_id"]) == list(table["row_id"])
