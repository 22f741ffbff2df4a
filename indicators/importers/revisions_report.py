"""What an imported release changes against the previous release of the same product (pure).

The previous release of a series (indicator, reporter, subject) is the source
of the same product (``source_id`` starting with ``<product>-``) with the
latest release slug before the imported one, among those that hold that
series; third-party reprocessings are skipped. Only single years are
compared. The report lists new years, revised values (absolute and %
change) and years that disappeared.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.importers.plan import NO_FIGURE, release_slug

SERIES = ["indicator", "reporter", "subject"]


@dataclass(frozen=True)
class Revision:
    """One year of one series that moved between two releases."""

    series: tuple[str, str, str]
    period: str
    kind: str  # "new", "revised", "disappeared"
    previous: str
    current: str
    previous_source: str

    def line(self) -> str:
        """Human-readable line, with absolute and % change for a revised value."""
        name = " / ".join(self.series)
        if self.kind == "new":
            was = f" (was {self.previous})" if self.previous else ""
            return f"new year      {name} {self.period}: {self.current}{was}"
        if self.kind == "disappeared":
            return f"disappeared   {name} {self.period}: was {self.previous} in {self.previous_source}"
        return f"revised       {name} {self.period}: {self.previous} -> {self.current} ({change_text(self)})"


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def change_text(rev: Revision) -> str:
    """``'+12 (+5.0%)'``; the % is ``n/a`` when the previous value is 0."""
    old, new = _number(rev.previous), _number(rev.current)
    if old is None or new is None:
        return "not numeric"
    diff = new - old
    absolute = f"{diff:+g}"
    pct = "n/a" if old == 0 else f"{diff / old * 100:+.1f}%"
    return f"{absolute}, {pct}"


def previous_sources(
    rows: pd.DataFrame, sources: pd.DataFrame, product: str, current_slug: str, exclude: set[str]
) -> dict[tuple[str, str, str], str]:
    """Per series of ``rows``' table, the source_id of the previous release of the product."""
    editions = sources.set_index("source_id")["edition"].to_dict()
    candidates = rows[
        rows["source_id"].str.startswith(f"{product}-")
        & ~rows["source_id"].isin(exclude)
        & ~rows["source_id"].map(lambda s: "third-party reprocessing" in str(editions.get(s, "")))
    ]
    best: dict[tuple[str, str, str], tuple[str, str]] = {}
    for _, r in candidates.iterrows():
        slug = release_slug(str(editions.get(r["source_id"], "")))
        if slug >= current_slug:
            continue
        key = (str(r["indicator"]), str(r["reporter"]), str(r["subject"]))
        if key not in best or slug > best[key][0]:
            best[key] = (slug, str(r["source_id"]))
    return {k: v[1] for k, v in best.items()}


def revisions(
    new: pd.DataFrame, existing: pd.DataFrame, sources: pd.DataFrame, product: str, current_slug: str
) -> tuple[list[Revision], list[str]]:
    """The revisions of ``new`` (rows of one record table) against the previous release, and series without one."""
    exclude = set(new["source_id"])
    prev = previous_sources(existing, sources, product, current_slug, exclude)
    out: list[Revision] = []
    missing: list[str] = []
    for series, group in new.groupby(SERIES, sort=True):
        key = (str(series[0]), str(series[1]), str(series[2]))
        if key not in prev:
            missing.append(" / ".join(key))
            continue
        src = prev[key]
        old_rows = existing[
            (existing["source_id"] == src)
            & (existing[SERIES].astype(str).apply(tuple, axis=1) == key)
            & existing["period"].str.fullmatch(r"\d{4}")
        ]
        old = dict(zip(old_rows["period"], old_rows["value"], strict=True))
        cur = {p: v for p, v in zip(group["period"], group["value"], strict=True) if str(p).isdigit()}
        for period in sorted(set(old) | set(cur)):
            was, now = old.get(period, ""), cur.get(period, "")
            if not now:
                if was and was != NO_FIGURE and period <= max(cur, default=""):
                    out.append(Revision(key, period, "disappeared", was, "", src))
            elif not was or was == NO_FIGURE:
                out.append(Revision(key, period, "new", was, now, src))
            elif _number(was) != _number(now) or (_number(was) is None and was != now):
                out.append(Revision(key, period, "revised", was, now, src))
    return out, missing


def report_lines(
    new_rows: dict[str, pd.DataFrame],
    frames: dict[str, pd.DataFrame],
    product: str,
    release_text: str,
) -> list[str]:
    """The printed report: one block per record table of the import."""
    sources = frames["sources.csv"]
    slug = release_slug(release_text)
    lines: list[str] = []
    for name, new in new_rows.items():
        if "indicator" not in new.columns:
            lines.append(f"{name}: {len(new)} row(s) added (no revision report for this table)")
            continue
        existing = frames.get(name, pd.DataFrame(columns=new.columns))
        revs, missing = revisions(new, existing, sources, product, slug)
        used = sorted({r.previous_source for r in revs})
        against = f" against {', '.join(used)}" if used else ""
        counts = {k: sum(1 for r in revs if r.kind == k) for k in ("new", "revised", "disappeared")}
        lines.append(
            f"{name}: {counts['new']} new year(s), {counts['revised']} revised value(s), "
            f"{counts['disappeared']} disappeared{against}"
        )
        lines += [f"  {r.line()}" for r in revs]
        lines += [f"  no previous release of {product} for {m}" for m in missing]
    return lines
