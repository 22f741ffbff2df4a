"""pandera models of the catalogue's translations (``data/raw/catalogue_i18n.csv``).

One row per indicator and language: ``indicator_id, lang, label, definition``. English stays in
``catalogue.csv``; Russian (Cyrillic) and Azerbaijani (Latin, with ə ğ ı ö ü ç ş) are here, one line
per indicator and language so that a changed translation is a one-line diff.

Three models, each rule registered once with :func:`indicators.validation.row_check`:

* :class:`RawCatalogueI18nSchema` checks the file on its own (in :data:`indicators.schemas_raw.RAW_SCHEMAS`):
  id format, language, one row per indicator and language, no empty translation, the right script.
* :class:`TranslationCrossSchema` checks each row against the English catalogue, through helper columns
  merged in by :func:`indicators.catalogue_i18n.translation_problems`: the id exists, and the translation
  is not the English text copied over.
* :class:`CatalogueTranslatedSchema` checks each catalogue row: every indicator has a row in each language.
"""

from __future__ import annotations

import re
from typing import cast

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.validation import row_check
from indicators.vocab import INDICATOR_ID_RE, TRANSLATION_LANGS

# a label shorter than this may be the same in every language (an acronym or a proper name: "SOCAR")
IDENTICAL_LABEL_MAX = 6
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")
# Azerbaijani schwa is U+0259 (ə); ä and Cyrillic ә (U+04D9) are look-alikes typed by mistake
NOT_AZERBAIJANI = re.compile(r"[äÄӘә]")


def _blank(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).str.strip().eq("")


def _in_script(df: pd.DataFrame, column: str) -> pd.Series:
    """Russian text has Cyrillic letters; Azerbaijani text has Latin letters, no Cyrillic and no ä for ə."""
    text = df[column].fillna("").astype(str)
    is_ru, is_az = df["lang"].eq("ru"), df["lang"].eq("az")
    ru_ok = text.str.contains(CYRILLIC)
    az_ok = text.str.contains(LATIN) & ~text.str.contains(CYRILLIC) & ~text.str.contains(NOT_AZERBAIJANI)
    # an empty cell is reported once, by the not-empty rule
    return _blank(df[column]) | (is_ru & ru_ok) | (is_az & az_ok) | ~(is_ru | is_az)


class RawCatalogueI18nSchema(pa.DataFrameModel):
    """Translations of the catalogue's labels and definitions, one row per indicator and language."""

    indicator_id: Series[str] = pa.Field(str_matches=INDICATOR_ID_RE)
    lang: Series[str] = pa.Field(isin=list(TRANSLATION_LANGS))
    label: Series[str]
    definition: Series[str]

    @row_check("lang", "the indicator has more than one row in this language")
    @classmethod
    def one_row_per_indicator_and_language(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], ~df.duplicated(["indicator_id", "lang"], keep=False))

    @row_check("label", "no empty translation: every indicator needs a label in each language")
    @classmethod
    def translated_label_not_empty(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], ~_blank(df["label"]))

    @row_check("definition", "no empty translation: every indicator needs a definition in each language")
    @classmethod
    def translated_definition_not_empty(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], ~_blank(df["definition"]))

    @row_check("label", "label is not in its language's script (ru: Cyrillic; az: Latin with ə, no Cyrillic)")
    @classmethod
    def label_in_language_script(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], _in_script(df, "label"))

    @row_check("definition", "definition is not in its language's script (ru: Cyrillic; az: Latin with ə, no Cyrillic)")
    @classmethod
    def definition_in_language_script(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], _in_script(df, "definition"))


class TranslationCrossSchema(pa.DataFrameModel):
    """A translation row with the English label and definition of its indicator (missing: no such indicator)."""

    indicator_id: Series[str]
    label: Series[str]
    definition: Series[str]
    _label_en: Series[str] = pa.Field(nullable=True, alias="_label_en")
    _definition_en: Series[str] = pa.Field(nullable=True, alias="_definition_en")

    @row_check("indicator_id", "indicator_id is not in data/raw/catalogue.csv")
    @classmethod
    def translated_indicator_in_catalogue(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_label_en"].notna())

    @row_check(
        "label",
        f"label is the English label copied over (allowed only up to {IDENTICAL_LABEL_MAX} characters: an acronym)",
    )
    @classmethod
    def label_not_the_english(cls, df: pd.DataFrame) -> Series[bool]:
        same = df["label"].str.strip().str.casefold() == df["_label_en"].fillna("").str.strip().str.casefold()
        return cast(Series[bool], ~same | df["label"].str.strip().str.len().le(IDENTICAL_LABEL_MAX))

    @row_check("definition", "definition is the English definition copied over")
    @classmethod
    def definition_not_the_english(cls, df: pd.DataFrame) -> Series[bool]:
        english = df["_definition_en"].fillna("").str.strip().str.casefold()
        return cast(Series[bool], df["definition"].str.strip().str.casefold() != english)


class CatalogueTranslatedSchema(pa.DataFrameModel):
    """A catalogue row with, per language, whether catalogue_i18n.csv has a row for it."""

    indicator_id: Series[str]
    _has_ru: Series[bool] = pa.Field(alias="_has_ru")
    _has_az: Series[bool] = pa.Field(alias="_has_az")

    @row_check("indicator_id", "the indicator has no Russian (ru) row in data/raw/catalogue_i18n.csv")
    @classmethod
    def translated_into_russian(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_has_ru"])

    @row_check("indicator_id", "the indicator has no Azerbaijani (az) row in data/raw/catalogue_i18n.csv")
    @classmethod
    def translated_into_azerbaijani(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_has_az"])


# the models that check the translations against the catalogue (not a file's own model)
TRANSLATION_CROSS_MODELS: tuple[type[pa.DataFrameModel], ...] = (TranslationCrossSchema, CatalogueTranslatedSchema)
