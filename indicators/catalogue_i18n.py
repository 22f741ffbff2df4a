"""The catalogue's translations: checked against the English catalogue, then carried into the clean catalogue.

Pure functions on the raw text frames (file access stays in :mod:`indicators.load`).
:func:`translation_problems` runs the cross-file models of :mod:`indicators.schemas_i18n`;
:func:`with_translations` adds ``label_ru, label_az, definition_ru, definition_az`` to the clean
catalogue, so that the dashboard finds every language of an indicator's metadata on its one row.
"""

from __future__ import annotations

import pandas as pd

from indicators.load import FILE_COLUMN, LINE_COLUMN
from indicators.problems import Problem
from indicators.schemas_i18n import CatalogueTranslatedSchema, TranslationCrossSchema
from indicators.validation import validate_frame
from indicators.vocab import TRANSLATION_LANGS

I18N_FILE = "catalogue_i18n.csv"
CATALOGUE_FILE = "catalogue.csv"
TRANSLATED_FIELDS = ("label", "definition")
# the clean catalogue's translation columns, in order: label_ru, label_az, definition_ru, definition_az
TRANSLATION_COLUMNS = tuple(f"{field}_{lang}" for field in TRANSLATED_FIELDS for lang in TRANSLATION_LANGS)


def translation_problems(i18n: pd.DataFrame, catalogue: pd.DataFrame) -> list[Problem]:
    """Rows of ``catalogue_i18n.csv`` that name no indicator or copy the English; indicators left untranslated.

    Both frames are raw text frames with ``_file``/``_line`` columns (as :func:`indicators.load.load_raw` reads them).
    """
    english = catalogue.set_index("indicator_id")[["label", "definition"]].rename(
        columns={"label": "_label_en", "definition": "_definition_en"}
    )
    rows = i18n.join(english, on="indicator_id")
    problems = validate_frame(TranslationCrossSchema, rows, I18N_FILE)
    present = set(zip(i18n["indicator_id"], i18n["lang"], strict=True))
    covered = catalogue.assign(
        **{f"_has_{lang}": [(i, lang) in present for i in catalogue["indicator_id"]] for lang in TRANSLATION_LANGS}
    )
    return problems + validate_frame(CatalogueTranslatedSchema, covered, CATALOGUE_FILE)


def with_translations(catalogue: pd.DataFrame, i18n: pd.DataFrame) -> pd.DataFrame:
    """The clean catalogue with one ``<field>_<lang>`` column per translated field and language.

    Call it only on translations that passed their checks (one row per indicator and language, none missing).
    """
    wide = i18n.drop(columns=[FILE_COLUMN, LINE_COLUMN], errors="ignore").pivot(
        index="indicator_id", columns="lang", values=list(TRANSLATED_FIELDS)
    )
    wide.columns = ["_".join(map(str, pair)) for pair in wide.columns]
    return catalogue.merge(wide[list(TRANSLATION_COLUMNS)], left_on="indicator_id", right_index=True, validate="1:1")
