"""pandera models for every raw shape and every clean table: one import path for all of them.

The models live in :mod:`indicators.schemas_raw` (raw files, text cells),
:mod:`indicators.schemas_observations` (clean observations and their
cross-table rules) and :mod:`indicators.schemas_tables` (the other clean
tables, their titles and descriptions). :mod:`indicators.validation` runs them
lazily and turns failures into :class:`~indicators.problems.Problem` rows; the
vocabularies they check against are in :mod:`indicators.vocab`. Models are not strict
(pandera's default: a frame may carry helper columns) unless their ``Config`` says ``strict = True``.
"""

from __future__ import annotations

from indicators.schemas_observations import (
    ANNUAL_SERIES_KEY,
    ObservationPlausibility,
    ObservationSchema,
    validate_observations,
    with_helper_columns,
)
from indicators.schemas_raw import (
    OBSERVATION_KEY,
    RAW_SCHEMAS,
    RawArmsStatementSchema,
    RawCatalogueSchema,
    RawDealSchema,
    RawEventSchema,
    RawRecordSchema,
    RawSourceSchema,
)
from indicators.schemas_tables import (
    CLEAN_TABLES,
    DESCRIBED_TABLES,
    ArmsStatementSchema,
    CatalogueSchema,
    ChangeSchema,
    CoverageSchema,
    DealSchema,
    EventSchema,
    RevisionSchema,
    SourceSchema,
    WatchRuleSchema,
    table_description,
    table_title,
)
from indicators.validation import failures_to_problems, validate_frame
from indicators.vocab import REPROCESSED_MARK, is_github_url

__all__ = [
    "ANNUAL_SERIES_KEY",
    "CLEAN_TABLES",
    "DESCRIBED_TABLES",
    "OBSERVATION_KEY",
    "RAW_SCHEMAS",
    "REPROCESSED_MARK",
    "ArmsStatementSchema",
    "CatalogueSchema",
    "ChangeSchema",
    "CoverageSchema",
    "DealSchema",
    "EventSchema",
    "ObservationPlausibility",
    "ObservationSchema",
    "RawArmsStatementSchema",
    "RawCatalogueSchema",
    "RawDealSchema",
    "RawEventSchema",
    "RawRecordSchema",
    "RawSourceSchema",
    "RevisionSchema",
    "SourceSchema",
    "WatchRuleSchema",
    "failures_to_problems",
    "is_github_url",
    "table_description",
    "table_title",
    "validate_frame",
    "validate_observations",
    "with_helper_columns",
]
