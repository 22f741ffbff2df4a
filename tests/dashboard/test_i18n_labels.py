"""Indicator labels and definitions per language (dashboard/queries/i18n_labels.py), on hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import DataStore
from dashboard.queries.i18n_labels import (
    catalogue_column,
    indicator_definition,
    indicator_label,
    indicator_labels,
)
from dashboard.shell_text import shell_i18n

TINY = pd.DataFrame(
    {
        "indicator_id": ["arms_tiv_to_az", "energy_gas_exports_bcm"],
        "label": ["Arms transfers (TIV)", "Gas exports"],
        "definition": ["TIV is not money.", "Azerbaijan's gas exports."],
        "label_ru": ["Поставки вооружений (TIV)", "Экспорт газа"],
        "label_az": ["Silah tədarükü (TIV)", "Qaz ixracı"],
        "definition_ru": ["TIV — не деньги.", "Экспорт газа из Азербайджана."],
        "definition_az": ["TIV pul deyil.", "Azərbaycanın qaz ixracı."],
    }
)


@pytest.mark.parametrize(
    ("lang", "label", "definition"),
    [
        ("en", "Arms transfers (TIV)", "TIV is not money."),
        ("ru", "Поставки вооружений (TIV)", "TIV — не деньги."),
        ("az", "Silah tədarükü (TIV)", "TIV pul deyil."),
        ("fr", "Arms transfers (TIV)", "TIV is not money."),  # untranslated language: English
    ],
)
def test_label_and_definition_in_each_language(lang: str, label: str, definition: str) -> None:
    assert indicator_label(TINY, "arms_tiv_to_az", lang) == label
    assert indicator_definition(TINY, "arms_tiv_to_az", lang) == definition


def test_all_labels_of_a_language() -> None:
    assert indicator_labels(TINY, "az") == {
        "arms_tiv_to_az": "Silah tədarükü (TIV)",
        "energy_gas_exports_bcm": "Qaz ixracı",
    }
    assert indicator_labels(TINY, "en")["energy_gas_exports_bcm"] == "Gas exports"


def test_catalogue_columns() -> None:
    assert [catalogue_column(f, lang) for f in ("label", "definition") for lang in ("en", "ru", "az")] == [
        "label",
        "label_ru",
        "label_az",
        "definition",
        "definition_ru",
        "definition_az",
    ]
    with pytest.raises(KeyError, match="'unit' is not a translated catalogue field"):
        catalogue_column("unit", "ru")


def test_an_unknown_indicator_is_an_error_naming_it() -> None:
    with pytest.raises(KeyError, match="indicator 'trade_nonexistent' is not in the catalogue"):
        indicator_label(TINY, "trade_nonexistent", "ru")


def test_the_store_reads_the_clean_catalogue(data: DataStore) -> None:
    # values as written in data/raw/catalogue_i18n.csv and carried into data/clean/catalogue.csv
    assert indicator_label(data, "trade_az_ru_turnover", "ru") == "Товарооборот Азербайджан–Россия"
    assert indicator_label(data, "trade_az_ru_turnover", "az") == "Azərbaycan–Rusiya əmtəə dövriyyəsi"
    assert indicator_label(data, "trade_az_ru_turnover", "en") == "Goods turnover, Azerbaijan–Russia"
    assert indicator_label(data, "energy_bn_transit_tariff", "az") == "Bakı–Novorossiysk: tranzit tarifi"
    assert indicator_definition(data, "energy_bn_transit_tariff", "ru") == "Тариф за транзит одной тонны нефти."
    assert len(indicator_labels(data, "ru")) == 95


def test_browser_titles_in_each_language() -> None:
    pages = [("Trade", "Trade · RU–AZ Indicators"), ("Overview", "RU–AZ Indicators")]
    chapters = [(9, "The Caspian dimension", {"ru": "Каспийское измерение", "az": "Xəzər ölçüsü"})]
    titles = shell_i18n(["Trade"], pages, chapters)
    assert titles["ru"]["titles"] == {
        "Trade · RU–AZ Indicators": "Торговля · RU–AZ Indicators",
        "RU–AZ Indicators": "RU–AZ Indicators",  # the product's name stays as it is
        "Chapter 9: The Caspian dimension · RU–AZ Indicators": "Глава 9: Каспийское измерение · RU–AZ Indicators",
    }
    assert titles["az"]["titles"]["Chapter 9: The Caspian dimension · RU–AZ Indicators"] == (
        "Fəsil 9: Xəzər ölçüsü · RU–AZ Indicators"
    )
    assert titles["en"]["titles"]["Trade · RU–AZ Indicators"] == "Trade · RU–AZ Indicators"
