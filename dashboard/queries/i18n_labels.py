"""An indicator's label and definition in the reader's language, read from the clean catalogue (pure).

The clean catalogue carries the English ``label`` and ``definition`` and their translations
``label_ru, label_az, definition_ru, definition_az`` (built from ``data/raw/catalogue_i18n.csv``);
these helpers pick the column of a language, so a page never spells the column names. They take the
:class:`~dashboard.data.DataStore` or a catalogue frame. English, and any language the catalogue is not
translated into, read the English columns (as :func:`dashboard.i18n.gettext` falls back to the message).
An indicator the catalogue lacks is a ``KeyError`` naming it, never a raw id shown to a reader.
Vocabulary codes (units, reporters, qualifiers, ...) are named by :func:`indicators.vocab_i18n.display`.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import DataStore
from indicators.catalogue_i18n import TRANSLATED_FIELDS
from indicators.vocab import TRANSLATION_LANGS


def catalogue_column(field: str, lang: str) -> str:
    """The clean catalogue's column holding ``field`` (label or definition) in ``lang``."""
    if field not in TRANSLATED_FIELDS:
        raise KeyError(f"{field!r} is not a translated catalogue field ({', '.join(TRANSLATED_FIELDS)})")
    return f"{field}_{lang}" if lang in TRANSLATION_LANGS else field


def _catalogue(source: DataStore | pd.DataFrame) -> pd.DataFrame:
    return source.catalogue if isinstance(source, DataStore) else source


def _lookup(source: DataStore | pd.DataFrame, indicator_id: str, field: str, lang: str) -> str:
    column = catalogue_column(field, lang)
    catalogue = _catalogue(source)
    hits = catalogue.loc[catalogue["indicator_id"] == indicator_id, column]
    if hits.empty:
        raise KeyError(f"indicator {indicator_id!r} is not in the catalogue")
    return str(hits.iloc[0])


def indicator_label(source: DataStore | pd.DataFrame, indicator_id: str, lang: str) -> str:
    """The label of ``indicator_id`` in ``lang`` ("Товарооборот Азербайджан–Россия" for ru)."""
    return _lookup(source, indicator_id, "label", lang)


def indicator_definition(source: DataStore | pd.DataFrame, indicator_id: str, lang: str) -> str:
    """The definition of ``indicator_id`` in ``lang``."""
    return _lookup(source, indicator_id, "definition", lang)


def indicator_labels(source: DataStore | pd.DataFrame, lang: str) -> dict[str, str]:
    """indicator_id -> label in ``lang`` for every indicator (for legends, dropdowns and table columns)."""
    catalogue = _catalogue(source)
    column = catalogue_column("label", lang)
    return dict(zip(catalogue["indicator_id"].astype(str), catalogue[column].astype(str), strict=True))
