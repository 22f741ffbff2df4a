"""Year-on-year changes of the annual series, per the catalogue's change type (pure functions).

A change is computed only between consecutive years of one indicator, reporter,
subject and edition, and only between two figures of the same source and
edition; otherwise the row says "not computed: different sources".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, cast

import pandas as pd

from indicators.derive_base import DECIMALS, DIFFERENT_SOURCES, combine_qualifier, provenance, same_provenance
from indicators.modelinfo import coerce_to_model, columns
from indicators.schemas_tables import ChangeSchema


def change_between(value: float, previous: float, change_type: str) -> float | None:
    """Change from ``previous`` to ``value`` per a catalogue change type.

    ``percent``: 100 × (value − previous) ÷ |previous| (None when previous is 0); ``absolute`` and
    ``percentage_points``: value − previous; ``none``: None (the indicator has no meaningful change).
    """
    if change_type == "percent":
        return None if previous == 0 else 100.0 * (value - previous) / abs(previous)
    if change_type in ("absolute", "percentage_points"):
        return value - previous
    return None


CHANGE_FORMULAS = {
    "percent": "100 × (value − previous) ÷ |previous|",
    "percentage_points": "value − previous (percentage points)",
    "absolute": "value − previous",
}
# the changes table's columns, in order, as its pandera model declares them
CHANGE_COLUMNS = columns(ChangeSchema)


def _provenance_text(row: Mapping[str, Any]) -> str:
    kind, *names = provenance(row)
    return names[0] if kind == "edition" else ", ".join(names)


def _change_row(
    cur: Mapping[str, Any], prev: Mapping[str, Any], kind: str, unit: str, edition: object
) -> dict[str, object] | None:
    """One change, or a "not computed" row saying why; None when a value is only a bound or range."""
    base = {
        "indicator": cur["indicator"],
        "reporter": cur["reporter"],
        "subject": cur["_subj"] or None,
        "edition": edition or None,
        "year": int(cur["year"]),
        "value": float(cur["value"]),
        "previous": float(prev["value"]),
        "change_type": kind,
        "change_unit": unit,
    }
    if not same_provenance([cur, prev]):
        return {
            **base,
            "change": None,
            "qualifier": "not_computed",
            "formula": f"{DIFFERENT_SOURCES} ({_provenance_text(prev)} → {_provenance_text(cur)})",
        }
    # a change of an approximate input is approximate; a bound or range gives no change
    qual = combine_qualifier([str(cur["qualifier"]), str(prev["qualifier"])])
    if qual is None:
        return None
    change = change_between(float(cur["value"]), float(prev["value"]), kind)
    return {
        **base,
        "change": None if change is None else round(change, DECIMALS),
        "qualifier": qual,
        "formula": CHANGE_FORMULAS[kind],
    }


def _single_per_year(records: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Year → record, for the years holding exactly one record."""
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        by_year[int(rec["year"])].append(rec)
    return {year: recs[0] for year, recs in by_year.items() if len(recs) == 1}


def compute_changes(series: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change for every annual series, by the indicator's change type.

    A change is computed only between consecutive years of the same indicator,
    reporter, subject and edition: never across a gap, never across releases,
    and only between two figures of the same source and edition. Where two
    consecutive single values come from different sources, the row says
    "not computed: different sources" (``qualifier = not_computed``, no change).
    A change of an approximate value is approximate.
    """
    ctype = dict(zip(catalogue["indicator_id"], catalogue["change_type"], strict=True))
    units = dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
    rows: list[dict[str, object]] = []
    frame = series.assign(_ed=series["edition"].fillna(""), _subj=series["subject"].fillna(""))
    # plain records grouped in Python: a Series per row (``.iloc``) cost ~60 % of the build
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for rec in cast(list[dict[str, Any]], frame.to_dict("records")):
        groups[(str(rec["indicator"]), str(rec["reporter"]), str(rec["_subj"]))].append(rec)
    for indicator, _reporter, _subject in sorted(groups):
        grp = groups[(indicator, _reporter, _subject)]
        kind = ctype.get(indicator, "none")
        if kind == "none":
            continue
        unit = {"percent": "%", "percentage_points": "pp"}.get(kind, str(units.get(indicator, "")))
        by_edition: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for rec in grp:
            by_edition[str(rec["_ed"])].append(rec)
        for edition in sorted(by_edition):
            values = _single_per_year(by_edition[edition])
            for year in sorted(values):
                if year - 1 in values:
                    row = _change_row(values[year], values[year - 1], kind, unit, edition)
                    if row is not None:
                        rows.append(row)
        # consecutive years with one value each where a release's series is followed by a figure of no
        # release (e.g. an IMF DOTS year, then a year relayed in the press): different sources, so no
        # change. Two releases (SIPRI) are parallel series, not one chain: nothing to say between them.
        single = _single_per_year(grp)
        for year in sorted(single):
            cur = single[year]
            prev_ed = single[year - 1]["_ed"] if year - 1 in single else None
            if prev_ed is not None and prev_ed != cur["_ed"] and "" in (prev_ed, cur["_ed"]):
                row = _change_row(cur, single[year - 1], kind, unit, cur["_ed"])
                if row is not None:
                    rows.append(row)
    out = coerce_to_model(pd.DataFrame(rows, columns=CHANGE_COLUMNS), ChangeSchema)
    return out.sort_values(["indicator", "reporter", "subject", "edition", "year"], na_position="first").reset_index(
        drop=True
    )
