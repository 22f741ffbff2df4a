"""pandera models of the clean tables other than observations, and the list of clean tables.

Each model is the one description of its table: its docstring's first line is
the table's description in ``datapackage.json``; ``Config.title`` and
``Config.description`` name and describe it on the dashboard's /data page and
in Excel sheet names; its fields give the columns, their dtypes (read back by
:func:`indicators.pipeline.read_clean_table`) and the data dictionary.
"""

from __future__ import annotations

from typing import cast

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.schemas_observations import ObservationSchema
from indicators.schemas_raw import SourceLinkChecks
from indicators.units import CANONICAL_UNITS
from indicators.validation import row_check
from indicators.vocab import (
    CHANGE_QUALIFIERS,
    CHANGE_TYPES,
    DATE_PRECISIONS,
    DOMAINS,
    EVENT_CATEGORIES,
    EVENT_LAYERS,
    KINDS,
    MEASURES,
    QUALIFIERS,
    WATCH_METRICS,
    WATCH_OPERATORS,
    YEAR_MAX,
    YEAR_MIN,
)


class SourceSchema(SourceLinkChecks):
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
        title = "Sources"
        description = (
            "Every source cited: publisher, title, outlet, the publisher's URL and the copy read, date, edition, "
            "how to cite it and terms of use."
        )


class CatalogueSchema(pa.DataFrameModel):
    """Clean indicator catalogue."""

    indicator_id: Series[str] = pa.Field(unique=True, description="Indicator id")
    label: Series[str] = pa.Field(description="Human label")
    domain: Series[str] = pa.Field(
        isin=list(DOMAINS), description="trade, investment, finance, transport, tourism, energy, arms"
    )
    chapter: Series[int] = pa.Field(ge=1, le=11, description="Report chapter (1-11)")
    unit: Series[str] = pa.Field(isin=sorted(CANONICAL_UNITS), description="Canonical unit")
    measure: Series[str] = pa.Field(isin=list(MEASURES), description="Kind of quantity")
    change_type: Series[str] = pa.Field(isin=list(CHANGE_TYPES), description="How a change is expressed")
    definition: Series[str] = pa.Field(description="Definition")
    plausible_min: Series[float] = pa.Field(nullable=True, description="Soft lower bound (warning only)")
    plausible_max: Series[float] = pa.Field(nullable=True, description="Soft upper bound (warning only)")
    label_ru: Series[str] = pa.Field(str_length={"min_value": 1}, description="Label in Russian")
    label_az: Series[str] = pa.Field(str_length={"min_value": 1}, description="Label in Azerbaijani")
    definition_ru: Series[str] = pa.Field(str_length={"min_value": 1}, description="Definition in Russian")
    definition_az: Series[str] = pa.Field(str_length={"min_value": 1}, description="Definition in Azerbaijani")

    class Config:
        title = "Catalogue"
        description = (
            "One row per indicator: label, domain, report chapter, unit, change type, definition; "
            "label and definition also in Russian and Azerbaijani."
        )


class EventSchema(pa.DataFrameModel):
    """Clean events table."""

    event_id: Series[str] = pa.Field(unique=True, description="Event id")
    date: Series[str] = pa.Field(description="Date as precise as the source gives it")
    date_precision: Series[str] = pa.Field(isin=list(DATE_PRECISIONS), description="day, month or year")
    date_start: Series[pd.Timestamp] = pa.Field(description="First day the date may mean")
    date_end: Series[pd.Timestamp] = pa.Field(description="Last day the date may mean")
    layer: Series[str] = pa.Field(isin=list(EVENT_LAYERS), description="political or caspian")
    category: Series[str] = pa.Field(isin=list(EVENT_CATEGORIES), description="Event category")
    title: Series[str] = pa.Field(description="Short title")
    description: Series[str] = pa.Field(description="What happened (project's words)")
    parties: Series[str] = pa.Field(nullable=True, description="Parties involved")
    source_id: Series[str] = pa.Field(description="Source id")
    note: Series[str] = pa.Field(nullable=True, description="Caveats")

    class Config:
        title = "Events"
        description = "Dated political, economic and military events drawn on the charts, each with a source."

    @row_check("date", "event date starts after it ends")
    @classmethod
    def date_start_before_end(cls, df: pd.DataFrame) -> Series[bool]:
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
        title = "Arms deals"
        description = "SIPRI Trade Register entries for Azerbaijan, as transcribed, per release."


class ArmsStatementSchema(pa.DataFrameModel):
    """Clean arms statements."""

    statement_id: Series[str] = pa.Field(unique=True, description="Statement id")
    date: Series[str] = pa.Field(nullable=True, description="Date of the statement")
    date_note: Series[str] = pa.Field(nullable=True, description="Date caveat")
    speaker: Series[str] = pa.Field(description="Who said it")
    value: Series[float] = pa.Field(nullable=True, ge=0, description="Figure (lower end of a range)")
    value_high: Series[float] = pa.Field(nullable=True, description="Upper end of a range")
    qualifier: Series[str] = pa.Field(isin=list(QUALIFIERS), description="exact, range or qualitative")
    unit: Series[str] = pa.Field(nullable=True, description="Unit as stated (money, or counts of systems)")
    summary: Series[str] = pa.Field(description="What was said (project's words)")
    source_id: Series[str] = pa.Field(description="Source id")
    note: Series[str] = pa.Field(nullable=True, description="Caveats")

    class Config:
        title = "Arms statements"
        description = "Statements on arms sales with their speaker, value and source."


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
    change_type: Series[str] = pa.Field(isin=list(CHANGE_TYPES), description="percent, absolute, percentage_points")
    change_unit: Series[str] = pa.Field(description="Unit of the change")
    qualifier: Series[str] = pa.Field(
        isin=list(CHANGE_QUALIFIERS),
        description="exact, approximate (from an approximate value) or not_computed (different sources: no change)",
    )
    formula: Series[str] = pa.Field(description="How the change was computed")

    class Config:
        unique = ["indicator", "reporter", "subject", "edition", "year"]
        title = "Changes"
        description = (
            "Year-on-year change of each annual series, computed per the catalogue's change type, with its formula."
        )


class CoverageSchema(pa.DataFrameModel):
    """Indicator × reporter × subject × edition coverage of the observations (coverage.csv)."""

    indicator: Series[str] = pa.Field(description="Indicator id")
    reporter: Series[str] = pa.Field(description="Reporter")
    subject: Series[str] = pa.Field(nullable=True, description="Subject (empty when the indicator has none)")
    edition: Series[str] = pa.Field(nullable=True, description="Edition or release (empty when none)")
    origin: Series[str] = pa.Field(isin=["published", "computed"], description="published or computed")
    kind: Series[str] = pa.Field(isin=list(KINDS), description="series or point")
    years: Series[str] = pa.Field(nullable=True, description="Years with a full-year value, as ranges (gaps visible)")
    n_years: Series[int] = pa.Field(ge=0, description="Number of years with a full-year value")
    first: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="First such year")
    last: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Last such year")
    part_year_rows: Series[int] = pa.Field(ge=0, description="Rows for periods shorter than a year")
    rows: Series[int] = pa.Field(ge=0, description="All rows")

    class Config:
        strict = True
        title = "Coverage"
        description = (
            "Indicator × reporter × subject × edition: years covered, part-year rows and row counts (last build)."
        )


REVISION_STATUSES = ("revised", "unchanged", "appeared", "disappeared", "not_computed")


class RevisionSchema(pa.DataFrameModel):
    """The same published figure in two consecutive releases of one product."""

    product: Series[str] = pa.Field(description="Product key: the source id before its first year token")
    indicator: Series[str] = pa.Field(description="Indicator id")
    reporter: Series[str] = pa.Field(description="Reporter")
    subject: Series[str] = pa.Field(nullable=True, description="Subject (supplier, country, ...)")
    year: Series[int] = pa.Field(ge=YEAR_MIN, le=YEAR_MAX, description="Year of the figure")
    unit: Series[str] = pa.Field(description="Catalogue unit of both values")
    release_a: Series[str] = pa.Field(description="Earlier release (edition)")
    release_a_date: Series[str] = pa.Field(str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="Its date")
    source_a: Series[str] = pa.Field(nullable=True, description="Source id of the figure in release A")
    value_a: Series[float] = pa.Field(nullable=True, description="Value in release A")
    release_b: Series[str] = pa.Field(description="Next release carrying the series (edition)")
    release_b_date: Series[str] = pa.Field(str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="Its date")
    source_b: Series[str] = pa.Field(nullable=True, description="Source id of the figure in release B")
    value_b: Series[float] = pa.Field(nullable=True, description="Value in release B")
    change: Series[float] = pa.Field(nullable=True, description="value_b − value_a (same unit, both present)")
    change_pct: Series[float] = pa.Field(nullable=True, description="100 × change ÷ |value_a| (none when 0)")
    status: Series[str] = pa.Field(isin=list(REVISION_STATUSES), description="revised, unchanged, appeared, ...")
    reprocessed: Series[bool] = pa.Field(description="True when a release is a third-party reprocessing")

    class Config:
        strict = True
        unique = ["product", "indicator", "reporter", "subject", "year", "release_a", "release_b"]
        title = "Revisions"
        description = (
            "Each published annual figure in two consecutive releases of the same product (SIPRI updates, "
            "Milex releases, Statistical Review editions): both values, the change, appeared and disappeared rows."
        )

    @row_check("change", "a change is given only when both values are present")
    @classmethod
    def change_needs_both_values(cls, df: pd.DataFrame) -> Series[bool]:
        both = df["value_a"].notna() & df["value_b"].notna()
        return cast(Series[bool], df["change"].isna() | both)

    @row_check("status", "appeared rows have no value in A, disappeared rows none in B")
    @classmethod
    def status_matches_sides(cls, df: pd.DataFrame) -> Series[bool]:
        appeared_bad = (df["status"] == "appeared") & df["source_a"].notna()
        disappeared_bad = (df["status"] == "disappeared") & df["source_b"].notna()
        return cast(Series[bool], ~(appeared_bad | disappeared_bad))

    @row_check("release_b", "release B comes after release A")
    @classmethod
    def b_after_a(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["release_b_date"] >= df["release_a_date"])


class WatchRuleSchema(pa.DataFrameModel):
    """The watch rules of data/watch.toml, one per [[rule]] table."""

    line: Series[int] = pa.Field(ge=1, unique=True, description="Line of the rule's [[rule]] header in data/watch.toml")
    label: Series[str] = pa.Field(description="What the rule watches, in words")
    indicator: Series[str] = pa.Field(description="Indicator id")
    metric: Series[str] = pa.Field(isin=list(WATCH_METRICS), description="level, yoy_pct or staleness_months")
    op: Series[str] = pa.Field(isin=list(WATCH_OPERATORS), description="Comparison: < <= > >= ==")
    threshold: Series[float] = pa.Field(description="Threshold the metric is compared with")
    reporter: Series[str] = pa.Field(nullable=True, description="Reporter filter (empty: any)")
    subject: Series[str] = pa.Field(nullable=True, description="Subject filter (empty: any)")
    edition: Series[str] = pa.Field(nullable=True, description="Edition filter (empty: any)")
    source: Series[str] = pa.Field(nullable=True, description="Source id prefix filter (empty: any)")

    class Config:
        strict = True
        title = "Watch rules"
        description = (
            "The watch list (data/watch.toml): indicator, filters, metric, operator and threshold of each rule; "
            "the dashboard evaluates them against today's date."
        )


# clean table name -> pandera model used to describe and re-validate it (the datapackage's order)
CLEAN_TABLES: dict[str, type[pa.DataFrameModel]] = {
    "observations": ObservationSchema,
    "changes": ChangeSchema,
    "sources": SourceSchema,
    "catalogue": CatalogueSchema,
    "events": EventSchema,
    "arms_deals": DealSchema,
    "arms_statements": ArmsStatementSchema,
    "revisions": RevisionSchema,
    "watch_rules": WatchRuleSchema,
}
# every table the dashboard lists: the clean tables and the coverage matrix of the last build
DESCRIBED_TABLES: dict[str, type[pa.DataFrameModel]] = {**CLEAN_TABLES, "coverage": CoverageSchema}


def table_title(name: str) -> str:
    """Short title of a described table (its model's ``Config.title``)."""
    return str(DESCRIBED_TABLES[name].to_schema().title)


def table_description(name: str) -> str:
    """What one row of a described table holds (its model's ``Config.description``)."""
    return str(DESCRIBED_TABLES[name].to_schema().description)
