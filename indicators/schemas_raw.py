"""pandera models of the raw files: every cell is still text.

They check vocabularies, id formats and unique keys before anything is parsed.
Each model's columns, in order, are its raw file's header
(:data:`indicators.load.RAW_FILES` is read off :data:`RAW_SCHEMAS`).
"""

from __future__ import annotations

from typing import cast

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.schemas_i18n import RawCatalogueI18nSchema
from indicators.units import CANONICAL_UNITS
from indicators.validation import row_check
from indicators.vocab import (
    CHANGE_TYPES,
    CHAPTERS,
    DATE_PRECISIONS,
    DATE_RE,
    DOMAINS,
    EVENT_CATEGORIES,
    EVENT_LAYERS,
    INDICATOR_ID_RE,
    MEASURES,
    RAW_CONFIDENCE,
    RECORD_ID_RE,
    REPORTERS,
    SOURCE_ID_RE,
    is_double_encoded,
    is_github_url,
    url_parses,
)

# the key of a published figure: one row per indicator, reporter, subject, period and source
OBSERVATION_KEY = ["indicator", "reporter", "subject", "period", "source_id"]
DECIMAL_OR_EMPTY_RE = r"^(-?\d+(\.\d+)?)?$"


class SourceLinkChecks(pa.DataFrameModel):
    """The citation rules of a source row, shared by the raw and the clean sources models."""

    @row_check("url", "url is a GitHub copy: the publisher's page goes in url, the copy in copy_url")
    @classmethod
    def primary_url_not_a_github_copy(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], ~df["url"].map(is_github_url).astype(bool))

    @row_check("url", "url is percent-encoded twice ('%25' followed by two hex digits): store it encoded once")
    @classmethod
    def url_encoded_once(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], ~df["url"].map(is_double_encoded).astype(bool))

    @row_check("copy_url", "copy_url is percent-encoded twice ('%25' and two hex digits): store it encoded once")
    @classmethod
    def copy_url_encoded_once(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], ~df["copy_url"].map(is_double_encoded).astype(bool))

    @row_check("url", "url does not parse as a link (needs an http or https scheme and a host)")
    @classmethod
    def url_is_a_link(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["url"].map(url_parses).astype(bool))

    @row_check("copy_url", "copy_url does not parse as a link (needs an http or https scheme and a host)")
    @classmethod
    def copy_url_is_a_link(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["copy_url"].fillna("").map(url_parses).astype(bool))

    @row_check("copy_url", "a source read from a copy needs cite_as, the citation in the publisher's form")
    @classmethod
    def copy_has_cite_as(cls, df: pd.DataFrame) -> Series[bool]:
        has_copy = df["copy_url"].fillna("").astype(str).str.len().gt(0)
        has_cite = df["cite_as"].fillna("").astype(str).str.len().gt(0)
        return cast(Series[bool], ~has_copy | has_cite)


class RawRecordSchema(pa.DataFrameModel):
    """A figure as published: every cell still text (trade, energy, arms files)."""

    record_id: Series[str] = pa.Field(str_matches=RECORD_ID_RE, unique=True)
    indicator: Series[str] = pa.Field(str_matches=INDICATOR_ID_RE)
    reporter: Series[str] = pa.Field(isin=list(REPORTERS))
    subject: Series[str]
    period: Series[str] = pa.Field(str_length={"min_value": 4})
    value: Series[str]
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    source_id: Series[str] = pa.Field(str_matches=SOURCE_ID_RE)
    locator: Series[str] = pa.Field(str_length={"min_value": 3})
    confidence: Series[str] = pa.Field(isin=list(RAW_CONFIDENCE))
    note: Series[str]

    class Config:
        unique = OBSERVATION_KEY


class RawSourceSchema(SourceLinkChecks):
    """One source document: who published it, where it is, when."""

    source_id: Series[str] = pa.Field(str_matches=SOURCE_ID_RE, unique=True)
    publisher: Series[str] = pa.Field(str_length={"min_value": 2})
    title: Series[str] = pa.Field(str_length={"min_value": 2})
    outlet: Series[str]
    url: Series[str] = pa.Field(str_matches=r"^https?://\S+$")
    date: Series[str] = pa.Field(str_matches=DATE_RE)
    edition: Series[str]
    licence: Series[str]
    note: Series[str]
    copy_url: Series[str] = pa.Field(str_matches=r"^(https?://\S+)?$")
    cite_as: Series[str]


class RawCatalogueSchema(pa.DataFrameModel):
    """The indicator catalogue as written by hand."""

    indicator_id: Series[str] = pa.Field(str_matches=INDICATOR_ID_RE, unique=True)
    label: Series[str] = pa.Field(str_length={"min_value": 3})
    domain: Series[str] = pa.Field(isin=list(DOMAINS))
    chapter: Series[str] = pa.Field(isin=list(CHAPTERS))
    unit: Series[str] = pa.Field(isin=sorted(CANONICAL_UNITS))
    measure: Series[str] = pa.Field(isin=list(MEASURES))
    change_type: Series[str] = pa.Field(isin=list(CHANGE_TYPES))
    definition: Series[str] = pa.Field(str_length={"min_value": 10})
    plausible_min: Series[str] = pa.Field(str_matches=DECIMAL_OR_EMPTY_RE)
    plausible_max: Series[str] = pa.Field(str_matches=DECIMAL_OR_EMPTY_RE)


class RawEventSchema(pa.DataFrameModel):
    """A dated political or Caspian event."""

    event_id: Series[str] = pa.Field(str_matches=r"^E[PC]\d{3}$", unique=True)
    date: Series[str] = pa.Field(str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_precision: Series[str] = pa.Field(isin=list(DATE_PRECISIONS))
    layer: Series[str] = pa.Field(isin=list(EVENT_LAYERS))
    category: Series[str] = pa.Field(isin=list(EVENT_CATEGORIES))
    title: Series[str] = pa.Field(str_length={"min_value": 3, "max_value": 90})
    description: Series[str] = pa.Field(str_length={"min_value": 10})
    parties: Series[str]
    source_id: Series[str] = pa.Field(str_matches=SOURCE_ID_RE)
    note: Series[str]

    @row_check("date", "date text does not match its stated precision")
    @classmethod
    def date_matches_precision(cls, df: pd.DataFrame) -> Series[bool]:
        lengths = df["date"].str.len()
        expected = df["date_precision"].map({"day": 10, "month": 7, "year": 4})
        return cast(Series[bool], lengths == expected)


class RawDealSchema(pa.DataFrameModel):
    """A row of SIPRI's trade register for Azerbaijan."""

    deal_id: Series[str] = pa.Field(str_matches=r"^D\d{3}$", unique=True)
    source_id: Series[str] = pa.Field(str_matches=SOURCE_ID_RE)
    supplier: Series[str] = pa.Field(str_length={"min_value": 2})
    order_year: Series[str] = pa.Field(str_matches=r"^(\d{4})?$")
    number_ordered: Series[str] = pa.Field(str_matches=r"^(\d+)?$")
    weapon_designation: Series[str] = pa.Field(str_length={"min_value": 1})
    weapon_description: Series[str]
    category: Series[str]
    number_delivered: Series[str] = pa.Field(str_matches=r"^(\d+)?$")
    delivery_years: Series[str] = pa.Field(str_matches=r"^(\d{4}(-\d{4})?(;\d{4}(-\d{4})?)*)?$")
    status: Series[str]
    tiv_per_unit: Series[str] = pa.Field(str_matches=r"^(\d+(\.\d+)?)?$")
    tiv_delivered: Series[str] = pa.Field(str_matches=r"^(\d+(\.\d+)?)?$")
    sipri_deal_id: Series[str] = pa.Field(str_matches=r"^(\d+)?$")
    flags: Series[str]
    comment: Series[str]


class RawArmsStatementSchema(pa.DataFrameModel):
    """A dated statement giving an aggregate arms figure (or none)."""

    statement_id: Series[str] = pa.Field(str_matches=r"^AS\d{3}$", unique=True)
    date: Series[str] = pa.Field(str_matches=DATE_RE)
    date_note: Series[str]
    speaker: Series[str] = pa.Field(str_length={"min_value": 2})
    figure: Series[str] = pa.Field(str_matches=r"^([~<>]?\d+(\.\d+)?(-\d+(\.\d+)?)?)?$")
    unit: Series[str]
    summary: Series[str] = pa.Field(str_length={"min_value": 5})
    source_id: Series[str] = pa.Field(str_matches=SOURCE_ID_RE)
    note: Series[str]


# raw file name -> its model, in the order the files are read; the model's columns are the file's header
RAW_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "catalogue.csv": RawCatalogueSchema,
    "catalogue_i18n.csv": RawCatalogueI18nSchema,
    "sources.csv": RawSourceSchema,
    "trade_series.csv": RawRecordSchema,
    "trade_statements.csv": RawRecordSchema,
    "energy.csv": RawRecordSchema,
    "arms_tiv.csv": RawRecordSchema,
    "arms_milex.csv": RawRecordSchema,
    "arms_deals.csv": RawDealSchema,
    "arms_statements.csv": RawArmsStatementSchema,
    "events.csv": RawEventSchema,
}
