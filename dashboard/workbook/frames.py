"""The frames behind the sheets: tidy Data, wide sheets, number formats per unit, columns of a frame.

Pure functions of frames. A wide sheet has one row per indicator × reporter × subject × edition with
the years as columns, then the latest and the ten-year change, computed only where both figures exist
and come from the same source and edition (the rule of ``changes.csv``); nothing is filled.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, cast

import pandas as pd

from dashboard.queries.i18n_labels import catalogue_column
from dashboard.workbook.cells import Column
from dashboard.workbook.words import (
    COMPARE_TEXT_COLUMNS,
    KINDS,
    VOCAB_COLUMNS,
    WORD_COLUMNS,
    compare_text,
    subject_value,
    vocab_value,
    w,
    wn,
    word,
)
from indicators.changes import change_between
from indicators.derive_base import DECIMALS, combine_qualifier, provenance
from indicators.schemas import CatalogueSchema as C
from indicators.schemas import ObservationSchema as O
from indicators.schemas import SourceSchema as S

# number format per unit: money with a thousands separator and one decimal, percentages with one
# decimal, TIV (a volume index, not money) whole; other quantities show up to three decimals
MONEY_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0"
WHOLE_FORMAT = "#,##0"
DEFAULT_FORMAT = "#,##0.0##"
UNIT_FORMATS = {
    "USD million": MONEY_FORMAT,
    "USD million (constant 2022)": MONEY_FORMAT,
    "RUB million": MONEY_FORMAT,
    "percent": PERCENT_FORMAT,
    "%": PERCENT_FORMAT,
    "pp": PERCENT_FORMAT,
    "TIV million": WHOLE_FORMAT,
    "rank": WHOLE_FORMAT,
    "companies": WHOLE_FORMAT,
    "persons": WHOLE_FORMAT,
    "trips": WHOLE_FORMAT,
    "containers": WHOLE_FORMAT,
    "ratio": "0.00",
}
INT_FORMAT = "0"
WIDTH_SAMPLE = 200
MAX_WIDTH = 60.0
WRAP_WIDTH = 50.0
MIN_WIDTH = 8.0
BLANK_NOTE = wn("A blank cell means that no figure was published for that year (nothing is estimated or filled).")
CHANGE_HEADERS = ("latest change", "ten-year change", "change unit", "change qualifier")
QUALIFIER_WORDS = {"approximate": "approximate", "lower_bound": "lower bound", "upper_bound": "upper bound"}

# observation columns with the catalogue's label and the source's publisher and URL (named by their models)
TIDY_COLUMNS = [
    O.indicator,
    C.label,
    O.reporter,
    O.subject,
    O.period,
    O.year,
    O.full_year,
    O.value,
    O.value_high,
    O.qualifier,
    O.unit,
    O.confidence,
    O.kind,
    O.edition,
    O.source_id,
    S.publisher,
    S.url,
    O.locator,
    O.formula,
    O.note,
]


def unit_format(unit: Any) -> str:
    """The number format of a unit (see :data:`UNIT_FORMATS`)."""
    return UNIT_FORMATS.get(str(unit), DEFAULT_FORMAT)


def labels_in(catalogue: pd.DataFrame, lang: str) -> dict[str, str]:
    """indicator_id -> label in ``lang`` (the catalogue's ``label_ru``/``label_az``; English ``label``)."""
    return dict(zip(catalogue["indicator_id"], catalogue[catalogue_column("label", lang)], strict=True))


def localise_labels(frame: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A frame with an ``indicator`` and a ``label`` column gets the labels of ``lang`` (others as they are)."""
    if lang == "en" or not {"indicator", "label"} <= set(frame.columns):
        return frame
    labels = labels_in(catalogue, lang)
    return frame.assign(label=[labels.get(i, lab) for i, lab in zip(frame["indicator"], frame["label"], strict=True)])


def tidy_frame(obs: pd.DataFrame, sources: pd.DataFrame, catalogue: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Observations with label (in ``lang``), publisher and URL columns, in export order."""
    label = labels_in(catalogue, lang)
    publisher = dict(zip(sources["source_id"], sources["publisher"], strict=True))
    url = dict(zip(sources["source_id"], sources["url"], strict=True))
    # computed rows cite several sources ('a;b'): the first one names the publisher and URL
    first_id = [str(ids).split(";", 1)[0] for ids in obs["source_id"].tolist()]
    out = obs.assign(
        label=pd.Series([label.get(i) for i in obs["indicator"].tolist()], index=obs.index, dtype=object),
        publisher=pd.Series([publisher.get(i) for i in first_id], index=obs.index, dtype=object),
        url=pd.Series([url.get(i) for i in first_id], index=obs.index, dtype=object),
    )
    out["year"] = out["year"].astype("Int64")
    return out.reindex(columns=TIDY_COLUMNS)


def _change(cur: Mapping[str, Any], prev: Mapping[str, Any], change_type: str) -> tuple[float | None, str | None]:
    """A change and its qualifier, only between two figures of one source and edition (else None)."""
    if provenance(cur) != provenance(prev):
        return None, None
    qual = combine_qualifier([str(cur["qualifier"]), str(prev["qualifier"])])
    if qual is None:
        return None, None
    change = change_between(float(cur["value"]), float(prev["value"]), change_type)
    return (None, None) if change is None else (round(change, DECIMALS), qual)


def qualifier_word(code: str, lang: str) -> str:
    """'approximate', 'lower bound' (English) or the qualifier's name in ``lang``."""
    return QUALIFIER_WORDS[code] if lang == "en" else str(vocab_value("qualifier", code, lang))


def _qualified_years(annual: pd.DataFrame, keys: list[str], lang: str) -> dict[tuple[str, ...], str]:
    """Row key -> 'approximate: 2023' for the figures that are not exact (the value cells hold the number)."""
    marked = annual[annual["qualifier"].isin(list(QUALIFIER_WORDS))]
    out: dict[tuple[str, ...], list[str]] = {}
    for key, group in marked.groupby([*keys, "qualifier"], sort=True):
        *row_key, qual = (str(k) for k in key)
        years = ", ".join(str(int(y)) for y in sorted(group["year"]))
        out.setdefault(tuple(row_key), []).append(f"{qualifier_word(qual, lang)}: {years}")
    return {k: "; ".join(v) for k, v in out.items()}


def wide_frame(obs: pd.DataFrame, catalogue: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Indicator × reporter × subject × edition rows, year columns, then latest and ten-year change.

    Only annual series values (whole calendar years) go in the year columns; a missing year stays empty.
    The latest change compares the latest year with the year before, the ten-year change with ten years
    before, each only where both figures exist in the row, come from the same source and edition (the
    rule of ``changes.csv``) and are neither bounds nor ranges. A column empty for every row (a year
    without figures, a change nobody can compute, an empty subject) is left out.
    """
    annual = obs[(obs["kind"] == "series") & obs["full_year"].astype(bool) & obs["value"].notna()].copy()
    if annual.empty:
        return pd.DataFrame()
    annual["subject"] = annual["subject"].fillna("").astype(str)
    annual["edition"] = annual["edition"].fillna("").astype(str)
    annual["year"] = annual["year"].astype(int)
    keys = ["indicator", "reporter", "subject", "edition"]
    # one value per row and year: a published figure wins over one computed here
    annual = annual.assign(_computed=annual["confidence"].eq("computed"))
    annual = annual.sort_values([*keys, "year", "_computed"]).drop_duplicates([*keys, "year"])
    cited = ["source_id", *(["source_ids"] if "source_ids" in annual.columns else [])]
    records = cast(list[dict[str, Any]], annual[[*keys, "year", "value", "qualifier", *cited]].to_dict("records"))
    series: dict[tuple[str, str, str, str], dict[int, dict[str, Any]]] = {}
    for r in records:  # sorted by key and year
        series.setdefault((r["indicator"], r["reporter"], r["subject"], r["edition"]), {})[r["year"]] = r
    years = sorted({r["year"] for r in records})
    qualified = _qualified_years(annual, keys, lang)
    ctypes = dict(zip(catalogue["indicator_id"], catalogue["change_type"], strict=True))
    units = dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
    labels = labels_in(catalogue, lang)
    rows = []
    for key, by_year in series.items():
        ind, rep, subj, ed = key
        ctype, unit = str(ctypes.get(ind, "none")), str(units.get(ind, ""))
        latest = max(by_year)
        changes: list[float | None] = []
        quals: set[str] = set()
        for back in (1, 10):
            prev = by_year.get(latest - back)
            change, qual = _change(by_year[latest], prev, ctype) if prev else (None, None)
            changes.append(change)
            quals.update([qual] if qual else [])
        computed = any(c is not None for c in changes)
        rows.append(
            {
                "indicator": ind,
                "label": labels.get(ind, ind),
                "reporter": rep,
                "subject": subj or None,
                "edition": ed or None,
                "unit": unit,
                **{str(y): (float(by_year[y]["value"]) if y in by_year else None) for y in years},
                "qualified years": qualified.get((ind, rep, subj, ed)),
                "latest year": latest,
                "latest change": changes[0],
                "ten-year change": changes[1],
                "change unit": ({"percent": "%", "percentage_points": "pp"}.get(ctype, unit) if computed else None),
                "change qualifier": ("approximate" if "approximate" in quals else None),
            }
        )
    return drop_empty_columns(pd.DataFrame(rows))


def _all_blank(series: pd.Series) -> bool:
    """No value in any row (missing, or text of spaces only); stops at the first value."""
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return bool(series.isna().all())
    return not any(not isinstance(v, str) or v.strip() for v in series.dropna())


def drop_empty_columns(frame: pd.DataFrame, keep: Sequence[str] = ()) -> pd.DataFrame:
    """``frame`` without the columns that are empty (missing or '') in every row, except ``keep``."""
    if frame.empty:
        return frame
    empty = [c for c in frame.columns if c not in keep and _all_blank(frame[c])]
    return frame.drop(columns=empty)


def _width(header: str, values: Sequence[Any]) -> float:
    sample = [
        len(str(v)) for v in values[:WIDTH_SAMPLE] if v is not None and not (isinstance(v, float) and math.isnan(v))
    ]
    longest = max([len(header), *sample]) + 2
    return float(max(MIN_WIDTH, min(MAX_WIDTH, longest)))


def localised(name: str, values: list[Any], lang: str) -> list[Any]:
    """A column's values in ``lang``: codes of a vocabulary column by their names, subjects by theirs."""
    if lang == "en":
        return values
    if name in VOCAB_COLUMNS:
        values = [vocab_value(VOCAB_COLUMNS[name], v, lang) for v in values]
    if name in WORD_COLUMNS:  # a deal's category is SIPRI's, an event's the project's vocabulary
        return [word(v, lang) if isinstance(v, str) else v for v in values]
    if name in VOCAB_COLUMNS:
        return values
    if name in ("subject", "supplier"):
        return [subject_value(v, lang) for v in values]
    if name in COMPARE_TEXT_COLUMNS or name.isdigit():
        return [compare_text(v, lang) for v in values]
    if name == "kind":
        return [w(lang, v) if v in KINDS else v for v in values]
    return values


def frame_columns(
    frame: pd.DataFrame,
    link_columns: Sequence[str] = (),
    unit_column: str | None = "unit",
    unit_value_columns: Sequence[str] = (),
    formats: Mapping[str, str] | None = None,
    widths: Mapping[str, float] | None = None,
    lang: str = "en",
) -> list[Column]:
    """The sheet columns of ``frame``: typed values, a number format per column or per row's unit.

    ``unit_value_columns`` take each row's format from its unit (``unit_column``); a text column longer
    than the width limit wraps. Header names are made unique strings (Excel tables need them so). In ``lang``
    the headers are translated and vocabulary codes and subjects show their names (number formats are
    chosen from the codes first); numbers are never touched.
    """
    units = list(frame[unit_column]) if unit_column and unit_column in frame.columns else None
    row_formats = [unit_format(u) for u in units] if units is not None else None
    seen: set[str] = set()
    out = []
    for name in frame.columns:
        series = frame[name]
        header = word(str(name), lang) if str(name) else w(lang, "column")
        while header.lower() in seen:  # Excel compares table column names ignoring case
            header += " (2)"
        seen.add(header.lower())
        integer = pd.api.types.is_integer_dtype(series) and not pd.api.types.is_bool_dtype(series)
        values = localised(str(name), series.tolist(), lang)  # missing cells (None, NaN, NA) are written blank
        col = Column(header, values, link=name in link_columns, integer=bool(integer))
        if integer:
            col.number_format = INT_FORMAT
        elif name in unit_value_columns and row_formats is not None:
            col.formats = row_formats
        elif formats and name in formats:
            col.number_format = formats[name]
        elif pd.api.types.is_float_dtype(series) or any(isinstance(v, float) for v in values[:WIDTH_SAMPLE]):
            col.number_format = DEFAULT_FORMAT
        width = _width(header, values)
        col.wrap = width >= MAX_WIDTH and not col.link
        col.width = (widths or {}).get(str(name), WRAP_WIDTH if col.wrap else width)
        out.append(col)
    return out
