"""The validation report, the coverage matrix and the data dictionary (pure functions)."""

from __future__ import annotations

from typing import Any, cast

import pandas as pd
import pandera.pandas as pa

from indicators import __version__
from indicators.checks import CheckResult
from indicators.modelinfo import column_kinds, columns
from indicators.problems import Problem
from indicators.schemas_tables import CoverageSchema


def year_ranges(years: list[int]) -> str:
    """[1992, 1993, 1994, 1996] -> '1992-1994, 1996' (gaps stay visible)."""
    ys = sorted(set(years))
    if not ys:
        return ""
    parts: list[str] = []
    start = prev = ys[0]
    for y in ys[1:]:
        if y == prev + 1:
            prev = y
            continue
        parts.append(f"{start}-{prev}" if prev != start else str(start))
        start = prev = y
    parts.append(f"{start}-{prev}" if prev != start else str(start))
    return ", ".join(parts)


def coverage_matrix(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator × reporter × subject × edition, with full-year coverage.

    ``years`` lists calendar years with a full-year value (series or point);
    ``part_year`` counts rows for shorter periods, which never join the
    annual years.
    """
    groups: dict[tuple[str, str, str, str, str, str], list[dict[str, Any]]] = {}
    # plain records grouped in Python: a pandas group per series cost ~1 s of the build
    wanted = ["indicator", "reporter", "subject", "edition", "confidence", "kind", "full_year", "value", "qualifier"]
    for rec in cast(list[dict[str, Any]], obs[[*wanted, "year"]].to_dict("records")):
        key = (
            str(rec["indicator"]),
            str(rec["reporter"]),
            "" if pd.isna(rec["subject"]) else str(rec["subject"]),
            "" if pd.isna(rec["edition"]) else str(rec["edition"]),
            "computed" if rec["confidence"] == "computed" else "published",
            str(rec["kind"]),
        )
        groups.setdefault(key, []).append(rec)
    rows = []
    for key in sorted(groups):
        grp = groups[key]
        ind, rep, subj, ed, conf_kind, kind = key
        years = sorted(
            {
                int(r["year"])
                for r in grp
                if bool(r["full_year"])
                and not pd.isna(r["year"])
                and (not pd.isna(r["value"]) or r["qualifier"] == "none_recorded")
            }
        )
        rows.append(
            {
                "indicator": ind,
                "reporter": rep,
                "subject": subj,
                "edition": ed,
                "origin": conf_kind,
                "kind": kind,
                "years": year_ranges(years),
                "n_years": len(years),
                "first": years[0] if years else None,
                "last": years[-1] if years else None,
                "part_year_rows": sum(1 for r in grp if not bool(r["full_year"])),
                "rows": len(grp),
            }
        )
    cols = columns(CoverageSchema)
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows, columns=cols)
    out["first"] = out["first"].astype("Int64")
    out["last"] = out["last"].astype("Int64")
    return out.sort_values(["indicator", "reporter", "subject", "edition", "origin", "kind"]).reset_index(drop=True)


def year_matrix(obs: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Indicator × year counts of full-year values (all reporters), for the report."""
    full = obs[obs["full_year"] & obs["value"].notna()]
    counts = full.groupby(["indicator", "year"]).size()
    out: dict[str, dict[str, int]] = {}
    for key, n in counts.items():
        ind, year = cast(tuple[str, int], key)
        out.setdefault(str(ind), {})[str(int(year))] = int(n)
    return out


def format_coverage(cov: pd.DataFrame, events: pd.DataFrame | None = None, series_only: bool = False) -> str:
    """Render the coverage matrix as a fixed-width text table."""
    view = cov[cov["n_years"] > 0]
    if series_only:
        view = view[view["kind"] == "series"]
    header = f"{'indicator':38} {'rep':6} {'subject':24} {'edition':22} {'origin':9} {'kind':6} {'n':>3}  years"
    lines = [header, "-" * len(header)]
    for r in view.itertuples():
        ed = str(r.edition)
        ed = (ed[:19] + "...") if len(ed) > 22 else ed
        subj = str(r.subject)[:24]
        lines.append(
            f"{r.indicator:38} {r.reporter:6} {subj:24} {ed:22} {r.origin:9} {r.kind:6} {r.n_years:>3}  {r.years}"
        )
    if events is not None:
        lines.append("")
        for layer, grp in events.groupby("layer"):
            years = sorted({int(str(d)[:4]) for d in grp["date"]})
            lines.append(f"events {layer:10} {len(grp):>3} events, {years[0]}-{years[-1]}")
    return "\n".join(lines)


def build_report(
    *,
    built_at: str,
    raw_digest: str,
    row_counts: dict[str, int],
    checks_run: list[str],
    warnings: list[Problem],
    sanity: list[CheckResult],
    coverage: pd.DataFrame,
    matrix: dict[str, dict[str, int]],
    duration_s: float,
) -> dict[str, Any]:
    """Assemble the JSON-able validation report written next to the clean tables."""
    return {
        "built_at": built_at,
        "builder_version": __version__,
        "raw_digest": raw_digest,
        "duration_seconds": round(duration_s, 3),
        "row_counts": row_counts,
        "checks_run": checks_run,
        "checks_passed": len(checks_run),
        "warnings": [w.as_dict() for w in warnings],
        "sanity_checks": [s.as_dict() for s in sanity],
        "coverage": coverage.astype(object).where(coverage.notna(), None).to_dict(orient="records"),
        "year_matrix": matrix,
    }


# clean dtype kind (indicators.modelinfo) -> Frictionless field type
_TYPE = {
    "text": "string",
    "date": "date",
    "Int64": "integer",
    "int64": "integer",
    "float64": "number",
    "bool": "boolean",
}


def table_schema(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> dict[str, Any]:
    """Frictionless table schema for a written frame: each column's type and description from its pandera model."""
    schema = model.to_schema()
    kinds = column_kinds(model)
    fields = []
    for col in frame.columns:
        desc = schema.columns[col].description if col in schema.columns else None
        fields.append({"name": col, "type": _TYPE[kinds[col]] if col in kinds else "string", "description": desc or ""})
    return {"fields": fields}


def datapackage(resources: list[dict[str, Any]], built_at: str) -> dict[str, Any]:
    """Frictionless Data Package descriptor for data/clean."""
    return {
        "profile": "tabular-data-package",
        "name": "ruaz-indicators",
        "title": "Russia–Azerbaijan economic, Caspian-energy and arms-cooperation indicators",
        "version": __version__,
        "created": built_at,
        "licenses": [
            {
                "name": "see-sources",
                "title": "Each figure keeps its publisher's terms; see sources.csv (licence column)",
            }
        ],
        "resources": resources,
    }
