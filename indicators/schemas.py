"""pandera models for every raw shape and every clean table.

Raw models check text cells (vocabularies, id formats, unique keys). Clean
models check typed values and the cross-table rules; helper columns prefixed
``_`` (catalogue unit, measure, source presence, plausible bounds) are merged in
by :func:`validate_observations` before validation so that every rule is a
named pandera check. Always validated with ``lazy=True``; failures become
:class:`~indicators.problems.Problem` rows through :func:`failures_to_problems`.
"""

from __future__ import annotations

import re
from typing import Any, cast

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.problems import Problem
from indicators.units import CANONICAL_UNITS

REPORTERS = [
    "AZ",
    "RU",
    "SOCAR",
    "TRANSNEFT",
    "GAZPROM",
    "LUKOIL",
    "BP",
    "EI",
    "EIA",
    "IEA",
    "SIPRI",
    "OTHER",
]
RAW_CONFIDENCE = ["official", "statistical_review", "officials_statement", "secondary"]
CONFIDENCE = [*RAW_CONFIDENCE, "computed"]
MEASURES = ["level", "count", "share", "growth", "rank", "ratio", "balance", "text", "price"]
CHANGE_TYPES = ["percent", "absolute", "percentage_points", "none"]
DOMAINS = ["trade", "investment", "finance", "transport", "tourism", "energy", "arms"]
EVENT_CATEGORIES = [
    "diplomatic",
    "treaty",
    "security",
    "conflict",
    "economic",
    "transport",
    "energy",
    "humanitarian",
    "crisis",
    "multilateral",
]
QUALIFIERS = ["exact", "approximate", "lower_bound", "upper_bound", "range", "none_recorded", "qualitative"]
KINDS = ["series", "point"]
TIV_INDICATORS = ["arms_tiv_to_az", "arms_tiv_5y_sum", "arms_tiv_10y_sum"]
NON_NEGATIVE_MEASURES = ["level", "count", "rank", "ratio", "price"]
YEAR_MIN, YEAR_MAX = 1985, 2030
OBSERVATION_KEY = ["indicator", "reporter", "subject", "period", "source_id"]
# one value per year in an annual series (ObservationSchema.one_value_per_year)
ANNUAL_SERIES_KEY = ["indicator", "reporter", "subject", "edition", "year"]
DATE_RE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
# a GitHub copy is never a source's primary link: that link goes to the publisher's own page
GITHUB_URL_RE = r"^https?://([a-z0-9-]+\.)*(github\.com|githubusercontent\.com)(/|$)"
REPROCESSED_MARK = "third-party reprocessing"


def is_github_url(url: object) -> bool:
    """True for a URL on github.com or raw.githubusercontent.com (a copy, not a publisher's page)."""
    return isinstance(url, str) and re.match(GITHUB_URL_RE, url.strip(), flags=re.IGNORECASE) is not None


def _primary_url_not_github(df: pd.DataFrame) -> Series[bool]:
    return cast(Series[bool], ~df["url"].map(is_github_url).astype(bool))


def _copy_is_cited(df: pd.DataFrame) -> Series[bool]:
    has_copy = df["copy_url"].fillna("").astype(str).str.len().gt(0)
    has_cite = df["cite_as"].fillna("").astype(str).str.len().gt(0)
    return cast(Series[bool], ~has_copy | has_cite)


# ----------------------------------------------------------------- raw shapes
class RawRecordSchema(pa.DataFrameModel):
    """A figure as published: every cell still text (trade, energy, arms files)."""

    record_id: Series[str] = pa.Field(str_matches=r"^[A-Z]{2}\d{4}$", unique=True)
    indicator: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]+$")
    reporter: Series[str] = pa.Field(isin=REPORTERS)
    subject: Series[str]
    period: Series[str] = pa.Field(str_length={"min_value": 4})
    value: Series[str]
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    source_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9-]*$")
    locator: Series[str] = pa.Field(str_length={"min_value": 3})
    confidence: Series[str] = pa.Field(isin=RAW_CONFIDENCE)
    note: Series[str]

    class Config:
        unique = OBSERVATION_KEY
        strict = False


class RawSourceSchema(pa.DataFrameModel):
    """One source document: who published it, where it is, when."""

    source_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9-]*$", unique=True)
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

    class Config:
        strict = False

    @pa.dataframe_check(name="primary_url_not_a_github_copy")
    @classmethod
    def primary_url_not_a_github_copy(cls, df: pd.DataFrame) -> Series[bool]:
        return _primary_url_not_github(df)

    @pa.dataframe_check(name="copy_has_cite_as")
    @classmethod
    def copy_has_cite_as(cls, df: pd.DataFrame) -> Series[bool]:
        return _copy_is_cited(df)


class RawCatalogueSchema(pa.DataFrameModel):
    """The indicator catalogue as written by hand."""

    indicator_id: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]+$", unique=True)
    label: Series[str] = pa.Field(str_length={"min_value": 3})
    domain: Series[str] = pa.Field(isin=DOMAINS)
    chapter: Series[str] = pa.Field(isin=[str(i) for i in range(1, 12)])
    unit: Series[str] = pa.Field(isin=sorted(CANONICAL_UNITS))
    measure: Series[str] = pa.Field(isin=MEASURES)
    change_type: Series[str] = pa.Field(isin=CHANGE_TYPES)
    definition: Series[str] = pa.Field(str_length={"min_value": 10})
    plausible_min: Series[str] = pa.Field(str_matches=r"^(-?\d+(\.\d+)?)?$")
    plausible_max: Series[str] = pa.Field(str_matches=r"^(-?\d+(\.\d+)?)?$")

    class Config:
        strict = False


class RawEventSchema(pa.DataFrameModel):
    """A dated political or Caspian event."""

    event_id: Series[str] = pa.Field(str_matches=r"^E[PC]\d{3}$", unique=True)
    date: Series[str] = pa.Field(str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    date_precision: Series[str] = pa.Field(isin=["day", "month", "year"])
    layer: Series[str] = pa.Field(isin=["political", "caspian"])
    category: Series[str] = pa.Field(isin=EVENT_CATEGORIES)
    title: Series[str] = pa.Field(str_length={"min_value": 3, "max_value": 90})
    description: Series[str] = pa.Field(str_length={"min_value": 10})
    parties: Series[str]
    source_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9-]*$")
    note: Series[str]

    class Config:
        strict = False

    @pa.dataframe_check(name="date_matches_precision")
    @classmethod
    def date_matches_precision(cls, df: pd.DataFrame) -> Series[bool]:
        lengths = df["date"].str.len()
        expected = df["date_precision"].map({"day": 10, "month": 7, "year": 4})
        return cast(Series[bool], lengths == expected)


class RawDealSchema(pa.DataFrameModel):
    """A row of SIPRI's trade register for Azerbaijan."""

    deal_id: Series[str] = pa.Field(str_matches=r"^D\d{3}$", unique=True)
    source_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9-]*$")
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

    class Config:
        strict = False


class RawArmsStatementSchema(pa.DataFrameModel):
    """A dated statement giving an aggregate arms figure (or none)."""

    statement_id: Series[str] = pa.Field(str_matches=r"^AS\d{3}$", unique=True)
    date: Series[str] = pa.Field(str_matches=DATE_RE)
    date_note: Series[str]
    speaker: Series[str] = pa.Field(str_length={"min_value": 2})
    figure: Series[str] = pa.Field(str_matches=r"^([~<>]?\d+(\.\d+)?(-\d+(\.\d+)?)?)?$")
    unit: Series[str]
    summary: Series[str] = pa.Field(str_length={"min_value": 5})
    source_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9-]*$")
    note: Series[str]

    class Config:
        strict = False


# --------------------------------------------------------------- clean tables
class ObservationSchema(pa.DataFrameModel):
    """Tidy observations: one published or computed figure per row."""

    obs_id: Series[str] = pa.Field(
        unique=True, description="Stable row id (raw record id, or D-prefixed for computed rows)"
    )
    indicator: Series[str] = pa.Field(description="Indicator id from the catalogue")
    reporter: Series[str] = pa.Field(
        isin=REPORTERS, description="Who produced the figure (AZ, RU, SOCAR, BP, EI, SIPRI, ...)"
    )
    subject: Series[str] = pa.Field(
        nullable=True, description="Country, route, supplier, commodity or breakdown the figure is about"
    )
    period: Series[str] = pa.Field(description="Period as written in data/raw (grammar in indicators/parse.py)")
    period_start: Series[pd.Timestamp] = pa.Field(description="First day covered")
    period_end: Series[pd.Timestamp] = pa.Field(
        nullable=True, description="Last day covered (empty when the source gives no end)"
    )
    year: Series[pd.Int64Dtype] = pa.Field(
        ge=YEAR_MIN, le=YEAR_MAX, nullable=True, description="Calendar year of the period end"
    )
    full_year: Series[bool] = pa.Field(description="True only for a whole calendar year")
    point_in_time: Series[bool] = pa.Field(description="True for stocks stated as of a date")
    period_certain: Series[bool] = pa.Field(description="False when the period was inferred, not stated")
    value: Series[float] = pa.Field(nullable=True, description="Value in the catalogue unit")
    value_high: Series[float] = pa.Field(nullable=True, description="Upper end of a range")
    qualifier: Series[str] = pa.Field(
        isin=QUALIFIERS, description="exact, approximate, lower_bound, upper_bound, range, ..."
    )
    value_text: Series[str] = pa.Field(nullable=True, description="Text of a qualitative statement")
    unit: Series[str] = pa.Field(description="Catalogue (canonical) unit")
    value_published: Series[str] = pa.Field(nullable=True, description="Value cell as published")
    unit_published: Series[str] = pa.Field(nullable=True, description="Unit as published")
    factor: Series[float] = pa.Field(gt=0, description="Factor applied to the published value")
    source_id: Series[str] = pa.Field(description="Source id of the row (for computed rows: the first input's)")
    source_ids: Series[str] = pa.Field(description="Every source behind the row, ';'-separated (computed rows)")
    edition: Series[str] = pa.Field(nullable=True, description="Release or edition of the source (e.g. SIPRI release)")
    locator: Series[str] = pa.Field(description="Where in the source the figure stands")
    confidence: Series[str] = pa.Field(
        isin=CONFIDENCE, description="official, statistical_review, officials_statement, secondary, computed"
    )
    kind: Series[str] = pa.Field(
        isin=KINDS, description="series (consistent annual series) or point (single statement)"
    )
    formula: Series[str] = pa.Field(nullable=True, description="How a computed row was derived")
    note: Series[str] = pa.Field(nullable=True, description="Project note")
    raw_file: Series[str] = pa.Field(nullable=True, description="Raw file of origin")
    raw_line: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Line in the raw file")
    _cat_unit: Series[str] = pa.Field(nullable=True, alias="_cat_unit")
    _measure: Series[str] = pa.Field(nullable=True, alias="_measure")
    _source_known: Series[bool] = pa.Field(alias="_source_known")

    class Config:
        unique = [*OBSERVATION_KEY, "confidence", "unit"]
        strict = False
        coerce = False

    @pa.dataframe_check(name="indicator_in_catalogue")
    @classmethod
    def indicator_in_catalogue(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_cat_unit"].notna())

    @pa.dataframe_check(name="unit_matches_catalogue")
    @classmethod
    def unit_matches_catalogue(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_cat_unit"].isna() | (df["unit"] == df["_cat_unit"]))

    @pa.dataframe_check(name="source_exists")
    @classmethod
    def source_exists(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_source_known"])

    @pa.dataframe_check(name="period_start_before_end")
    @classmethod
    def period_start_before_end(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["period_end"].isna() | (df["period_start"] <= df["period_end"]))

    @pa.dataframe_check(name="part_year_not_full_year")
    @classmethod
    def part_year_not_full_year(cls, df: pd.DataFrame) -> Series[bool]:
        whole = (
            (df["period_start"].dt.month == 1)
            & (df["period_start"].dt.day == 1)
            & (df["period_end"].dt.month == 12)
            & (df["period_end"].dt.day == 31)
            & (df["period_start"].dt.year == df["period_end"].dt.year)
        )
        return cast(Series[bool], ~df["full_year"] | whole.fillna(False))

    @pa.dataframe_check(name="non_negative_volume")
    @classmethod
    def non_negative_volume(cls, df: pd.DataFrame) -> Series[bool]:
        applies = df["_measure"].isin(NON_NEGATIVE_MEASURES)
        return cast(Series[bool], ~applies | df["value"].isna() | (df["value"] >= 0))

    @pa.dataframe_check(name="share_within_0_100")
    @classmethod
    def share_within_0_100(cls, df: pd.DataFrame) -> Series[bool]:
        applies = df["_measure"] == "share"
        inside = df["value"].between(0, 100) & (df["value_high"].isna() | df["value_high"].between(0, 100))
        return cast(Series[bool], ~applies | df["value"].isna() | inside)

    @pa.dataframe_check(name="tiv_not_currency")
    @classmethod
    def tiv_not_currency(cls, df: pd.DataFrame) -> Series[bool]:
        tiv_unit = df["unit"].str.contains("TIV", regex=False)
        money = df["unit"].str.contains("USD|RUB|EUR", regex=True)
        tiv_indicator = df["indicator"].isin(TIV_INDICATORS)
        return cast(Series[bool], ~(tiv_unit & money) & (~tiv_indicator | (df["unit"] == "TIV million")))

    @pa.dataframe_check(name="value_present")
    @classmethod
    def value_present(cls, df: pd.DataFrame) -> Series[bool]:
        allowed_missing = df["qualifier"].isin(["none_recorded", "qualitative"])
        return cast(Series[bool], allowed_missing | df["value"].notna())

    @pa.dataframe_check(name="computed_rows_have_formula")
    @classmethod
    def computed_rows_have_formula(cls, df: pd.DataFrame) -> Series[bool]:
        is_computed = df["confidence"] == "computed"
        return cast(Series[bool], ~is_computed | df["formula"].fillna("").str.len().gt(0))

    @pa.dataframe_check(name="one_value_per_year")
    @classmethod
    def one_value_per_year(cls, df: pd.DataFrame) -> Series[bool]:
        # an annual series (series rows of whole calendar years with a value) has at most one value per
        # indicator, reporter, subject, edition and year; a second figure is a check, not a series value
        annual = (df["kind"] == "series") & df["full_year"].astype(bool) & df["value"].notna()
        key = df[ANNUAL_SERIES_KEY].astype(object).where(df[ANNUAL_SERIES_KEY].notna(), "")
        dup = key[annual].duplicated(keep=False).reindex(df.index, fill_value=False)
        return cast(Series[bool], ~dup)


class ObservationPlausibility(pa.DataFrameModel):
    """Soft bounds from the catalogue. Failures are reported as warnings only."""

    value: Series[float] = pa.Field(nullable=True)
    _pmin: Series[float] = pa.Field(nullable=True, alias="_pmin")
    _pmax: Series[float] = pa.Field(nullable=True, alias="_pmax")

    class Config:
        strict = False

    @pa.dataframe_check(name="plausible_range")
    @classmethod
    def plausible_range(cls, df: pd.DataFrame) -> Series[bool]:
        low_ok = df["_pmin"].isna() | df["value"].isna() | (df["value"] >= df["_pmin"])
        high_ok = df["_pmax"].isna() | df["value"].isna() | (df["value"] <= df["_pmax"])
        return cast(Series[bool], low_ok & high_ok)


class SourceSchema(pa.DataFrameModel):
    """Clean sources table."""

    source_id: Series[str] = pa.Field(unique=True, description="Source id cited by observations")
    publisher: Series[str] = pa.Field(description="Original publisher or the body that stated the figure")
    title: Series[str] = pa.Field(description="Title or description of the document")
    outlet: Series[str] = pa.Field(nullable=True, description="Where the document was read (outlet or public copy)")
    url: Series[str] = pa.Field(
        str_matches=r"^https?://", description="The publisher's own page for the document (never a GitHub copy)"
    )
    date: Series[str] = pa.Field(nullable=True, description="Publication date (YYYY, YYYY-MM or YYYY-MM-DD)")
    edition: Series[str] = pa.Field(
        nullable=True, description="Edition or release ('third-party reprocessing' when the copy is not an export)"
    )
    licence: Series[str] = pa.Field(nullable=True, description="Licence or terms note")
    note: Series[str] = pa.Field(nullable=True, description="Project note")
    copy_url: Series[str] = pa.Field(
        nullable=True, str_matches=r"^https?://", description="The public copy that was actually read (e.g. on GitHub)"
    )
    cite_as: Series[str] = pa.Field(nullable=True, description="Citation in the form the publisher asks for")

    class Config:
        strict = False

    @pa.dataframe_check(name="primary_url_not_a_github_copy")
    @classmethod
    def primary_url_not_a_github_copy(cls, df: pd.DataFrame) -> Series[bool]:
        return _primary_url_not_github(df)

    @pa.dataframe_check(name="copy_has_cite_as")
    @classmethod
    def copy_has_cite_as(cls, df: pd.DataFrame) -> Series[bool]:
        return _copy_is_cited(df)


class CatalogueSchema(pa.DataFrameModel):
    """Clean indicator catalogue."""

    indicator_id: Series[str] = pa.Field(unique=True, description="Indicator id")
    label: Series[str] = pa.Field(description="Human label")
    domain: Series[str] = pa.Field(
        isin=DOMAINS, description="trade, investment, finance, transport, tourism, energy, arms"
    )
    chapter: Series[int] = pa.Field(ge=1, le=11, description="Report chapter (1-11)")
    unit: Series[str] = pa.Field(isin=sorted(CANONICAL_UNITS), description="Canonical unit")
    measure: Series[str] = pa.Field(isin=MEASURES, description="Kind of quantity")
    change_type: Series[str] = pa.Field(isin=CHANGE_TYPES, description="How a change is expressed")
    definition: Series[str] = pa.Field(description="Definition")
    plausible_min: Series[float] = pa.Field(nullable=True, description="Soft lower bound (warning only)")
    plausible_max: Series[float] = pa.Field(nullable=True, description="Soft upper bound (warning only)")

    class Config:
        strict = False


class EventSchema(pa.DataFrameModel):
    """Clean events table."""

    event_id: Series[str] = pa.Field(unique=True, description="Event id")
    date: Series[str] = pa.Field(description="Date as precise as the source gives it")
    date_precision: Series[str] = pa.Field(isin=["day", "month", "year"], description="day, month or year")
    date_start: Series[pd.Timestamp] = pa.Field(description="First day the date may mean")
    date_end: Series[pd.Timestamp] = pa.Field(description="Last day the date may mean")
    layer: Series[str] = pa.Field(isin=["political", "caspian"], description="political or caspian")
    category: Series[str] = pa.Field(isin=EVENT_CATEGORIES, description="Event category")
    title: Series[str] = pa.Field(description="Short title")
    description: Series[str] = pa.Field(description="What happened (project's words)")
    parties: Series[str] = pa.Field(nullable=True, description="Parties involved")
    source_id: Series[str] = pa.Field(description="Source id")
    note: Series[str] = pa.Field(nullable=True, description="Caveats")

    class Config:
        strict = False

    @pa.dataframe_check(name="date_start_before_end")
    @classmethod
    def start_before_end(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["date_start"] <= df["date_end"])


class DealSchema(pa.DataFrameModel):
    """Clean SIPRI register rows."""

    deal_id: Series[str] = pa.Field(unique=True, description="Row id")
    source_id: Series[str] = pa.Field(description="Source id (SIPRI release copy)")
    edition: Series[str] = pa.Field(description="SIPRI release")
    supplier: Series[str] = pa.Field(description="Supplier country")
    order_year: Series[pd.Int64Dtype] = pa.Field(ge=1985, le=YEAR_MAX, nullable=True, description="Year of order")
    number_ordered: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True, description="Number ordered")
    weapon_designation: Series[str] = pa.Field(description="Designation")
    weapon_description: Series[str] = pa.Field(nullable=True, description="Description")
    category: Series[str] = pa.Field(nullable=True, description="SIPRI weapon category")
    number_delivered: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True, description="Number delivered")
    delivery_years: Series[str] = pa.Field(nullable=True, description="Delivery years, ';'-separated")
    first_delivery: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="First delivery year")
    last_delivery: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Last delivery year")
    status: Series[str] = pa.Field(nullable=True, description="New / second hand")
    tiv_per_unit: Series[float] = pa.Field(ge=0, nullable=True, description="TIV per unit (TIV million, not money)")
    tiv_delivered: Series[float] = pa.Field(
        ge=0, nullable=True, description="TIV of delivered items (TIV million, not money)"
    )
    sipri_deal_id: Series[str] = pa.Field(nullable=True, description="SIPRI deal id")
    flags: Series[str] = pa.Field(nullable=True, description="SIPRI uncertainty flags")
    comment: Series[str] = pa.Field(nullable=True, description="SIPRI comment, paraphrased")

    class Config:
        strict = False


class ArmsStatementSchema(pa.DataFrameModel):
    """Clean arms statements."""

    statement_id: Series[str] = pa.Field(unique=True, description="Statement id")
    date: Series[str] = pa.Field(nullable=True, description="Date of the statement")
    date_note: Series[str] = pa.Field(nullable=True, description="Date caveat")
    speaker: Series[str] = pa.Field(description="Who said it")
    value: Series[float] = pa.Field(nullable=True, ge=0, description="Figure (lower end of a range)")
    value_high: Series[float] = pa.Field(nullable=True, description="Upper end of a range")
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS, description="exact, range or qualitative")
    unit: Series[str] = pa.Field(nullable=True, description="Unit as stated (money, or counts of systems)")
    summary: Series[str] = pa.Field(description="What was said (project's words)")
    source_id: Series[str] = pa.Field(description="Source id")
    note: Series[str] = pa.Field(nullable=True, description="Caveats")

    class Config:
        strict = False


class ChangeSchema(pa.DataFrameModel):
    """Year-on-year changes computed per the catalogue's change type."""

    indicator: Series[str] = pa.Field(description="Indicator id")
    reporter: Series[str] = pa.Field(description="Reporter")
    subject: Series[str] = pa.Field(nullable=True, description="Subject")
    edition: Series[str] = pa.Field(nullable=True, description="Edition the two values share")
    year: Series[int] = pa.Field(ge=YEAR_MIN, le=YEAR_MAX, description="Later year")
    value: Series[float] = pa.Field(description="Value in year")
    previous: Series[float] = pa.Field(description="Value in year - 1")
    change: Series[float] = pa.Field(nullable=True, description="Change per change_type")
    change_type: Series[str] = pa.Field(isin=CHANGE_TYPES, description="percent, absolute, percentage_points")
    change_unit: Series[str] = pa.Field(description="Unit of the change")
    formula: Series[str] = pa.Field(description="How the change was computed")

    class Config:
        strict = False
        unique = ["indicator", "reporter", "subject", "edition", "year"]


RAW_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "catalogue.csv": RawCatalogueSchema,
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

# which column a dataframe-level check is about, for readable problem lines
_CHECK_COLUMN = {
    "indicator_in_catalogue": "indicator",
    "unit_matches_catalogue": "unit",
    "source_exists": "source_id",
    "period_start_before_end": "period",
    "part_year_not_full_year": "period",
    "non_negative_volume": "value",
    "share_within_0_100": "value",
    "tiv_not_currency": "unit",
    "value_present": "value",
    "computed_rows_have_formula": "formula",
    "one_value_per_year": "year",
    "plausible_range": "value",
    "date_matches_precision": "date",
    "multiple_fields_uniqueness": "",
    "date_start_before_end": "date",
    "primary_url_not_a_github_copy": "url",
    "copy_has_cite_as": "copy_url",
}


def _check_name(check: Any) -> str:
    text = str(check)
    if text.startswith("<Check ") and text.endswith(">"):
        return text[len("<Check ") : -1]
    return text


def failures_to_problems(
    failure_cases: pd.DataFrame, frame: pd.DataFrame, default_file: str, key_columns: list[str] | None = None
) -> list[Problem]:
    """Turn pandera failure cases into one Problem per failing cell or row.

    ``frame`` must be the validated frame; its ``_file``/``_line`` columns
    (when present) locate each failing row in its raw file.
    """
    problems: list[Problem] = []
    seen: set[tuple[object, ...]] = set()
    for case in failure_cases.itertuples(index=False):
        rule = _check_name(case.check)
        idx = case.index
        # pandera lists a failing dataframe-level check once per column of the row;
        # it is about one column, so the row is reported once, under that column
        own_column = case.column if isinstance(case.column, str) else ""
        column = _CHECK_COLUMN.get(rule, own_column)
        file_name, line = default_file, 0
        value = "" if case.failure_case is None else str(case.failure_case)
        if idx is not None and not (isinstance(idx, float) and pd.isna(idx)) and idx in frame.index:
            row = frame.loc[idx]
            file_name = str(row.get("_file", default_file) or default_file)
            line_val = row.get("_line", row.get("raw_line", 0))
            line = int(line_val) if pd.notna(line_val) else 0
            if rule == "multiple_fields_uniqueness":
                cols = key_columns or []
                value = " | ".join(str(row.get(c, "")) for c in cols)
                column = "+".join(cols)
            elif column and column in frame.columns:
                value = str(row[column])
        key = (file_name, line, column, rule)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(file_name, line, column, value, rule, _RULE_TEXT.get(rule, f"fails check {rule}")))
    return problems


_RULE_TEXT = {
    "indicator_in_catalogue": "indicator is not in data/raw/catalogue.csv",
    "unit_matches_catalogue": "unit differs from the indicator's catalogue unit",
    "source_exists": "source_id is not in data/raw/sources.csv",
    "period_start_before_end": "period starts after it ends",
    "part_year_not_full_year": "a part-year row is flagged as a full year",
    "non_negative_volume": "a volume or count cannot be negative",
    "share_within_0_100": "a share must lie within 0-100",
    "tiv_not_currency": "TIV is not money: it must be in 'TIV million', never a currency",
    "value_present": "a numeric indicator needs a value",
    "computed_rows_have_formula": "a computed row must state its formula",
    "one_value_per_year": "an annual series has two values for one indicator, reporter, subject, edition and year",
    "plausible_range": "value lies outside the catalogue's plausible range (warning)",
    "multiple_fields_uniqueness": "duplicate row: the same key appears more than once",
    "field_uniqueness": "duplicate id",
    "date_matches_precision": "date text does not match its stated precision",
    "date_start_before_end": "event date starts after it ends",
    "primary_url_not_a_github_copy": "url is a GitHub copy: the publisher's page goes in url, the copy in copy_url",
    "copy_has_cite_as": "a source read from a copy needs cite_as, the citation in the publisher's form",
    "isin": "value is not in the allowed vocabulary",
    "str_matches": "value does not match the required format",
    "str_length": "value is too short or too long",
    "not_nullable": "value is missing",
    "column_in_dataframe": "required column is missing",
    "dtype": "column has the wrong type",
}


def validate_frame(
    model: type[pa.DataFrameModel],
    frame: pd.DataFrame,
    default_file: str,
    key_columns: list[str] | None = None,
) -> list[Problem]:
    """Validate lazily; return problems (empty when the frame passes)."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems = failures_to_problems(exc.failure_cases, frame, default_file, key_columns)
        return [_explain(p) for p in problems]
    return []


def _explain(p: Problem) -> Problem:
    """Prefix generic pandera check names (isin(...), str_matches(...)) with our text."""
    base = p.rule.split("(")[0]
    if base in _RULE_TEXT and p.message.startswith("fails check"):
        return Problem(p.file, p.row, p.column, p.value, p.rule, _RULE_TEXT[base])
    return p


def with_helper_columns(obs: pd.DataFrame, catalogue: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add the ``_``-prefixed columns the clean observation checks read."""
    cat = catalogue.set_index("indicator_id")
    known = set(sources["source_id"])
    out = obs.copy()
    # a row without its own list of sources is cited by its source_id alone
    out["source_ids"] = out["source_ids"].fillna(out["source_id"]) if "source_ids" in out.columns else out["source_id"]
    out["_cat_unit"] = out["indicator"].map(cat["unit"])
    out["_measure"] = out["indicator"].map(cat["measure"])
    out["_pmin"] = out["indicator"].map(cat["plausible_min"]).astype("float64")
    out["_pmax"] = out["indicator"].map(cat["plausible_max"]).astype("float64")
    out["_source_known"] = (
        out["source_ids"]
        .fillna(out["source_id"])
        .fillna("")
        .str.split(";")
        .map(lambda ids: bool(ids) and all(i in known for i in ids))
    ).astype(bool)
    return out


def validate_observations(
    obs: pd.DataFrame, catalogue: pd.DataFrame, sources: pd.DataFrame
) -> tuple[list[Problem], list[Problem]]:
    """Validate clean observations; return (hard problems, plausibility warnings)."""
    frame = with_helper_columns(obs, catalogue, sources)
    if "raw_file" in frame.columns:
        frame["_file"] = frame["raw_file"].fillna("derived")
        frame["_line"] = frame["raw_line"]
    hard = validate_frame(ObservationSchema, frame, "observations", [*OBSERVATION_KEY, "confidence", "unit"])
    soft = validate_frame(ObservationPlausibility, frame, "observations")
    return hard, soft
