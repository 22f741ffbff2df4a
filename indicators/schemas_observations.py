"""The pandera models of the clean observations, and their validation.

Helper columns prefixed ``_`` (catalogue unit, measure, source presence,
plausible bounds) are merged in by :func:`with_helper_columns` before
validation so that every cross-table rule is a named check. Each check is
registered once with :func:`indicators.validation.row_check` (name, column,
message).
"""

from __future__ import annotations

from typing import cast

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators.problems import Problem
from indicators.schemas_raw import OBSERVATION_KEY
from indicators.validation import row_check, validate_frame
from indicators.vocab import (
    CONFIDENCE,
    KINDS,
    NON_NEGATIVE_MEASURES,
    QUALIFIERS,
    REPORTERS,
    TIV_INDICATORS,
    YEAR_MAX,
    YEAR_MIN,
)

# one value per year in an annual series (ObservationSchema.one_value_per_year)
ANNUAL_SERIES_KEY = ["indicator", "reporter", "subject", "edition", "year"]


class ObservationSchema(pa.DataFrameModel):
    """Tidy observations: one published or computed figure per row."""

    obs_id: Series[str] = pa.Field(
        unique=True, description="Stable row id (raw record id, or D-prefixed for computed rows)"
    )
    indicator: Series[str] = pa.Field(description="Indicator id from the catalogue")
    reporter: Series[str] = pa.Field(
        isin=list(REPORTERS), description="Who produced the figure (AZ, RU, SOCAR, BP, EI, SIPRI, ...)"
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
        isin=list(QUALIFIERS), description="exact, approximate, lower_bound, upper_bound, range, ..."
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
        isin=list(CONFIDENCE), description="official, statistical_review, officials_statement, secondary, computed"
    )
    kind: Series[str] = pa.Field(
        isin=list(KINDS), description="series (consistent annual series) or point (single statement)"
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
        coerce = False
        title = "Observations"
        description = (
            "Every figure, one row per value: indicator, reporter, period, value with its qualifier, canonical unit "
            "(and the value and unit as published), source, locator and confidence."
        )

    @row_check("indicator", "indicator is not in data/raw/catalogue.csv")
    @classmethod
    def indicator_in_catalogue(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_cat_unit"].notna())

    @row_check("unit", "unit differs from the indicator's catalogue unit")
    @classmethod
    def unit_matches_catalogue(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_cat_unit"].isna() | (df["unit"] == df["_cat_unit"]))

    @row_check("source_id", "source_id is not in data/raw/sources.csv")
    @classmethod
    def source_exists(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["_source_known"])

    @row_check("period", "period starts after it ends")
    @classmethod
    def period_start_before_end(cls, df: pd.DataFrame) -> Series[bool]:
        return cast(Series[bool], df["period_end"].isna() | (df["period_start"] <= df["period_end"]))

    @row_check("period", "a part-year row is flagged as a full year")
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

    @row_check("value", "a volume or count cannot be negative")
    @classmethod
    def non_negative_volume(cls, df: pd.DataFrame) -> Series[bool]:
        applies = df["_measure"].isin(NON_NEGATIVE_MEASURES)
        return cast(Series[bool], ~applies | df["value"].isna() | (df["value"] >= 0))

    @row_check("value", "a share must lie within 0-100")
    @classmethod
    def share_within_0_100(cls, df: pd.DataFrame) -> Series[bool]:
        applies = df["_measure"] == "share"
        inside = df["value"].between(0, 100) & (df["value_high"].isna() | df["value_high"].between(0, 100))
        return cast(Series[bool], ~applies | df["value"].isna() | inside)

    @row_check("unit", "TIV is not money: it must be in 'TIV million', never a currency")
    @classmethod
    def tiv_not_currency(cls, df: pd.DataFrame) -> Series[bool]:
        tiv_unit = df["unit"].str.contains("TIV", regex=False)
        money = df["unit"].str.contains("USD|RUB|EUR", regex=True)
        tiv_indicator = df["indicator"].isin(TIV_INDICATORS)
        return cast(Series[bool], ~(tiv_unit & money) & (~tiv_indicator | (df["unit"] == "TIV million")))

    @row_check("value", "a numeric indicator needs a value")
    @classmethod
    def value_present(cls, df: pd.DataFrame) -> Series[bool]:
        allowed_missing = df["qualifier"].isin(["none_recorded", "qualitative"])
        return cast(Series[bool], allowed_missing | df["value"].notna())

    @row_check("formula", "a computed row must state its formula")
    @classmethod
    def computed_rows_have_formula(cls, df: pd.DataFrame) -> Series[bool]:
        is_computed = df["confidence"] == "computed"
        return cast(Series[bool], ~is_computed | df["formula"].fillna("").str.len().gt(0))

    @row_check("year", "an annual series has two values for one indicator, reporter, subject, edition and year")
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

    @row_check("value", "value lies outside the catalogue's plausible range (warning)")
    @classmethod
    def plausible_range(cls, df: pd.DataFrame) -> Series[bool]:
        low_ok = df["_pmin"].isna() | df["value"].isna() | (df["value"] >= df["_pmin"])
        high_ok = df["_pmax"].isna() | df["value"].isna() | (df["value"] <= df["_pmax"])
        return cast(Series[bool], low_ok & high_ok)


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
