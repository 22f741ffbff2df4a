"""Queries of the compare page (/compare): every annual series in year A against year B.

Pure functions of the DataStore (:func:`compare_table`, :func:`resolve_years`, :func:`selected_ids`),
so they are tested without a browser. A missing side is written out as "no data for <year>": nothing
is filled, carried forward or set to zero. The TIV rows come from one SIPRI release at a time; a
percentage change and a change in percentage points sit in separate columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from dashboard.data import DataStore, short_publisher
from dashboard.figures import fmt_value
from dashboard.i18n import _
from dashboard.releases import release_keys
from dashboard.views import value_text
from indicators.derive import change_between, same_provenance

KEYS = ["indicator", "reporter", "subject", "edition"]
DOMAIN_ORDER = ["trade", "energy", "arms", "investment", "finance", "transport", "tourism"]
STATUS_ORDER = {"both": 0, "a": 1, "b": 2, "neither": 3}
# Series drawn on the slope chart when nobody has chosen rows yet (those with values in both years).
HEADLINES: tuple[tuple[str, str, str], ...] = (
    ("trade_az_ru_turnover", "AZ", ""),
    ("trade_az_ru_turnover", "RU", ""),
    ("trade_ru_share_of_az_trade", "AZ", ""),
    ("trade_az_share_of_ru_trade", "RU", ""),
    ("energy_oil_production_twh", "EI", "AZ"),
    ("energy_gas_production_twh", "EI", "AZ"),
    ("arms_tiv_5y_share", "SIPRI", "Russia"),
    ("arms_milex_current_usd", "SIPRI", "AZ"),
)
MAX_DEFAULT_ROWS = 6
MAX_SLOPE_LINES = 12
MAX_SELECTION = 500
NO_RELATIVE = {"absolute": "absolute change only", "none": "no relative change"}
NOTHING_TICKED = _("Tick rows in the table to draw them here")
COLUMNS = [
    "row_id",
    "indicator",
    "label",
    "domain",
    "reporter",
    "subject",
    "edition",
    "edition_source",
    "unit",
    "change_type",
    "value_a",
    "value_b",
    "text_a",
    "text_b",
    "abs_change",
    "abs_text",
    "pct_change",
    "pct_text",
    "pp_change",
    "pp_text",
    "flags",
    "status",
    "status_text",
    "obs_a",
    "obs_b",
    "source_id",
]


def no_data_text(year: int) -> str:
    """What a missing side says (never 0, never blank)."""
    return f"no data for {year}"


def default_years(data: DataStore) -> tuple[int, int]:
    """B = the latest year with annual data, A = the year before it (or B itself if there is none)."""
    years = data.years
    b = years[-1]
    earlier = [y for y in years if y < b]
    return (b - 1 if (b - 1) in years else (earlier[-1] if earlier else b)), b


def default_release(data: DataStore) -> str:
    """The release shown unless one is picked: the first of ``data.tiv_releases``."""
    return data.tiv_releases[0]


def resolve_release(data: DataStore, key: str | None) -> str:
    """The SIPRI release behind a parsed release key (a key as on /arms; None -> the default)."""
    return release_keys(data).get(key or "", default_release(data))


def resolve_years(data: DataStore, a: int | None, b: int | None, swap: bool = False) -> tuple[int, int, list[str]]:
    """Parsed years A and B (None = not given) -> the years compared, with a notice for each fallback.

    A year inside the data's range but without annual data falls back to the default.
    A given alone keeps the default B; B given alone takes the latest year before it as A.
    A after B falls back to the defaults (a tampered link), or with ``swap`` (the dropdowns) swaps them.
    """
    years = data.years
    default_a, default_b = default_years(data)
    notes: list[str] = []
    picked: list[int | None] = []
    for name, year in (("A", a), ("B", b)):
        if year is not None and year not in years:
            notes.append(f"No annual data for {year} (year {name}); showing the default.")
        picked.append(year if year in years else None)
    ya, yb = picked
    if yb is None:
        yb = default_b
    if ya is None:
        earlier = [y for y in years if y < yb]
        if yb == default_b or not earlier:
            if not earlier:
                notes.append(f"No year before {yb} to compare with; showing the default.")
            ya, yb = default_a, default_b
        else:
            ya = earlier[-1]
    if ya > yb:
        if swap:
            notes.append(f"Year A ({ya}) was after year B ({yb}); swapped them.")
            ya, yb = yb, ya
        else:
            notes.append(f"Year A ({ya}) is after year B ({yb}); showing {default_a} → {default_b}.")
            ya, yb = default_a, default_b
    return ya, yb, notes


def store_entry(data: DataStore, indicator: str) -> dict[str, Any]:
    """Catalogue entry of an indicator, empty when the catalogue lacks it."""
    return data.catalogue_index.get(indicator, {})


FIELDS = [
    *KEYS,
    "year",
    "obs_id",
    "value",
    "value_high",
    "qualifier",
    "value_text",
    "confidence",
    "source_id",
    "source_ids",
    "unit",
]


def _annual(data: DataStore, release: str) -> pd.DataFrame:
    """Annual series rows with subject and edition as text ('' when none), so that they can be keys.

    Rows of every SIPRI TIV release other than ``release`` are left out; all other rows are kept.
    """
    ann = data.annual[FIELDS]
    others = [e for e in data.tiv_releases if e != release]
    ann = ann[~ann["edition"].isin(others)]
    return ann.assign(subject=ann["subject"].fillna(""), edition=ann["edition"].fillna(""))


def _one_per_key(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per series key: a published figure wins over a computed one (as on the KPI cards)."""
    rows = rows.assign(_computed=rows["confidence"].eq("computed"))
    rows = rows.sort_values([*KEYS, "_computed", "obs_id"]).drop_duplicates(KEYS, keep="first")
    return rows.drop(columns="_computed")


def _by_key(rows: pd.DataFrame) -> dict[tuple[str, ...], dict[str, Any]]:
    """Rows as dicts keyed by (indicator, reporter, subject, edition)."""
    records = rows.to_dict(orient="records")
    return {tuple(str(r[k]) for k in KEYS): {str(c): v for c, v in r.items()} for r in records}


def row_id(indicator: str, reporter: str, subject: str, edition: str) -> str:
    """Stable id of a series row (also the grid's row id)."""
    return "|".join((indicator, reporter, subject, edition))


def _signed(value: float) -> str:
    text = fmt_value(value, "")
    return text if value < 0 or text.startswith("-") else "+" + text


NOT_COMPUTED_TEXT = "not computed: different sources"
# A and B from different sources or editions: the change is not computed (same rule as the build's changes)
NOT_COMPARABLE: dict[str, Any] = {
    "abs_change": None,
    "abs_text": NOT_COMPUTED_TEXT,
    "pct_change": None,
    "pct_text": NOT_COMPUTED_TEXT,
    "pp_change": None,
    "pp_text": NOT_COMPUTED_TEXT,
}


def approximate(texts: dict[str, Any], ra: dict[str, Any] | None, rb: dict[str, Any] | None) -> dict[str, Any]:
    """A change computed from an approximate figure is approximate: its texts get a '~'."""
    if not any(r is not None and r.get("qualifier") == "approximate" for r in (ra, rb)):
        return texts
    out = dict(texts)
    for key, change in (("abs_text", "abs_change"), ("pct_text", "pct_change"), ("pp_text", "pp_change")):
        if out.get(change) is not None:
            out[key] = "~" + str(out[key])
    return out


def change_texts(change_type: str, va: float | None, vb: float | None, a: int, b: int) -> dict[str, Any]:
    """Absolute change, % change and change in pp of B on A per the catalogue's change type.

    A percent-type row fills only the % columns, a share only the pp columns: the two measures never
    share a column. Other types say in the % column why there is no relative change; values are None
    when missing, and a missing side is written "no data for <year>".
    """
    out: dict[str, Any] = {"abs_change": None, "pct_change": None, "pct_text": "", "pp_change": None, "pp_text": ""}
    relative = "pp" if change_type == "percentage_points" else "pct"
    if va is None or vb is None:
        text = "; ".join(no_data_text(y) for y, v in ((a, va), (b, vb)) if v is None)
        return {**out, "abs_text": text, f"{relative}_text": text}
    diff = vb - va
    out["abs_change"] = diff
    if change_type == "percentage_points":
        pp = change_between(vb, va, change_type)
        return {**out, "abs_text": f"{diff:+,.2f} pp", "pp_change": pp, "pp_text": f"{pp:+,.2f} pp"}
    if change_type == "percent":
        pct = change_between(vb, va, change_type)
        pct_text = f"{pct:+,.1f}%" if pct is not None else f"not defined ({a} is 0)"
        return {**out, "abs_text": _signed(diff), "pct_change": pct, "pct_text": pct_text}
    return {**out, "abs_text": _signed(diff), "pct_text": NO_RELATIVE.get(change_type, "no relative change")}


def _flags(side: str, row: dict[str, Any] | None) -> list[str]:
    if row is None:
        return []
    flags = []
    if row["confidence"] == "computed":
        flags.append(f"{side} computed")
    if row["qualifier"] != "exact":
        flags.append(f"{side} {str(row['qualifier']).replace('_', ' ')}")
    return flags


def _publishers(data: DataStore, source_ids: Iterable[str]) -> str:
    names: list[str] = []
    for ids in source_ids:
        for sid in str(ids).split(";"):
            src = data.source_index.get(sid)
            name = short_publisher(str(src["publisher"])) if src else sid
            if name not in names:
                names.append(name)
    return "; ".join(names)


def compare_table(data: DataStore, a: int, b: int, release: str) -> pd.DataFrame:
    """One row per annual series (indicator × reporter × subject × edition) with its A and B values and changes.

    Every series in ``data.annual`` gets a row, whether or not it has a value in A or B, except the
    TIV series of SIPRI releases other than ``release`` (an edition of ``data.tiv_releases``);
    a missing side is ``None`` with the text "no data for <year>". Rows are sorted:
    both years first, then one year, then neither; within that by domain and label.
    """
    ann = _annual(data, release)
    keys = ann[KEYS].drop_duplicates()
    side_a = _by_key(_one_per_key(ann[ann["year"] == a]))
    side_b = _by_key(_one_per_key(ann[ann["year"] == b]))
    series_sources: dict[tuple[str, ...], list[str]] = {}
    for *key_parts, sid in ann[[*KEYS, "source_ids"]].drop_duplicates().itertuples(index=False, name=None):
        series_sources.setdefault(tuple(str(k) for k in key_parts), []).append(str(sid))
    records = []
    for raw_key in keys.itertuples(index=False, name=None):
        key: tuple[str, ...] = tuple(str(k) for k in raw_key)
        ind, rep, subj, ed = key
        cat = store_entry(data, ind)
        ra, rb = side_a.get(key), side_b.get(key)
        va = float(ra["value"]) if ra is not None else None
        vb = float(rb["value"]) if rb is not None else None
        ctype = str(cat.get("change_type") or "none")
        used = [r["source_ids"] for r in (ra, rb) if r is not None] or series_sources[key]
        status = (
            "both"
            if ra is not None and rb is not None
            else ("a" if ra is not None else ("b" if rb is not None else "neither"))
        )
        status_text = {"both": "both years", "a": f"{a} only", "b": f"{b} only", "neither": "neither year"}[status]
        unit_row = ra if ra is not None else rb
        flags = _flags("A", ra) + _flags("B", rb)
        comparable = ra is None or rb is None or same_provenance([pd.Series(ra), pd.Series(rb)])
        if not comparable:
            flags.append("different sources")
        records.append(
            {
                "row_id": row_id(ind, rep, subj, ed),
                "indicator": ind,
                "label": str(cat.get("label") or ind),
                "domain": str(cat.get("domain") or ""),
                "reporter": rep,
                "subject": subj,
                "edition": ed,
                "edition_source": ed or _publishers(data, used),
                "unit": str(cat.get("unit") or (unit_row["unit"] if unit_row is not None else "")),
                "change_type": ctype,
                "value_a": va,
                "value_b": vb,
                "text_a": value_text(ra, "") if ra is not None else no_data_text(a),
                "text_b": value_text(rb, "") if rb is not None else no_data_text(b),
                **(approximate(change_texts(ctype, va, vb, a, b), ra, rb) if comparable else NOT_COMPARABLE),
                "flags": "; ".join(flags),
                "status": status,
                "status_text": status_text,
                "obs_a": str(ra["obs_id"]) if ra is not None else None,
                "obs_b": str(rb["obs_id"]) if rb is not None else None,
                "source_id": ";".join(dict.fromkeys(str(s) for s in used)),
            }
        )
    table = pd.DataFrame.from_records(records, columns=COLUMNS)
    order = {d: i for i, d in enumerate(DOMAIN_ORDER)}
    table = table.assign(
        _s=table["status"].map(STATUS_ORDER), _d=table["domain"].map(order).fillna(len(order))
    ).sort_values(["_s", "_d", "label", "reporter", "subject", "edition"], kind="stable")
    return table.drop(columns=["_s", "_d"]).reset_index(drop=True)


def default_selection(table: pd.DataFrame) -> list[str]:
    """Headline rows with values in both years (a few), else the first rows that have both."""
    both = table[table["status"] == "both"]
    ids: list[str] = []
    for ind, rep, subj in HEADLINES:
        hit = both[(both["indicator"] == ind) & (both["reporter"] == rep) & (both["subject"] == subj)]
        ids.extend(i for i in hit["row_id"] if i not in ids)
    if not ids:
        ids = list(both["row_id"].head(3))
    return ids[:MAX_DEFAULT_ROWS]


def selected_ids(selection: Any, known: Iterable[str]) -> list[str]:
    """Row ids from the grid's ``selectedRows`` (a list of rows or {'ids': [...]}); garbage is dropped."""
    if isinstance(selection, dict):
        items: Any = selection.get("ids")
    else:
        items = selection
    if not isinstance(items, list):
        return []
    allowed = set(known)
    out: list[str] = []
    for item in items[:MAX_SELECTION]:
        rid = item.get("row_id") if isinstance(item, dict) else item
        if isinstance(rid, str) and rid in allowed and rid not in out:
            out.append(rid)
    return out


def slope_label(row: pd.Series) -> str:
    """Short series name for the slope chart."""
    who = f"{row['reporter']}-reported" if row["reporter"] in ("AZ", "RU") else str(row["reporter"])
    subject = f" — {row['subject']}" if row["subject"] else ""
    return f"{row['label']}{subject} ({who})"


def slope_rows(table: pd.DataFrame, ids: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Selected rows that can be indexed (values in both years, A > 0), and the names of those left out."""
    chosen = table[table["row_id"].isin(list(ids))]
    ok = chosen[(chosen["status"] == "both") & (chosen["value_a"].fillna(0) > 0)]
    left_out = [slope_label(r) for _, r in chosen[~chosen["row_id"].isin(ok["row_id"])].iterrows()]
    rows = ok.assign(label=[slope_label(r) for _, r in ok.iterrows()])
    return rows[["row_id", "label", "value_a", "value_b", "unit"]], left_out


def drawn_ids(table: pd.DataFrame, ids: Sequence[str]) -> list[str]:
    """The rows the slope chart draws for ticked ``ids``: those it can index, the first MAX_SLOPE_LINES."""
    rows, _ = slope_rows(table, ids)
    return [str(r) for r in rows["row_id"].head(MAX_SLOPE_LINES)]


def slope_frame(data: DataStore, table: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    """The observations behind the slope chart: year A's and year B's figure of every line it draws (the rows
    its source line cites, its CSV and its "view data" table)."""
    drawn = table[table["row_id"].isin(drawn_ids(table, ids))]
    obs_ids = {str(o) for o in [*drawn["obs_a"], *drawn["obs_b"]] if isinstance(o, str)}
    obs = data.observations
    return obs[obs["obs_id"].isin(obs_ids)]
