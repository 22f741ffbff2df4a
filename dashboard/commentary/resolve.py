"""Resolving one placeholder against the data store: value, latest, change, share5y/10y, count.

Each resolver returns a :class:`~dashboard.commentary.lookup.Resolved` (what to print, its period,
its citations) or raises :class:`~dashboard.commentary.syntax.CommentaryError` with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.commentary.lookup import (
    Resolved,
    _context,
    _filter,
    _from_rows,
    _indicator,
    _no_match,
    _number_text,
    _one_row,
    _suggest,
    _who,
    period_label,
)
from dashboard.commentary.periods import share_context
from dashboard.commentary.syntax import SHARE_5Y, SHARE_WINDOWS, CommentaryError, Placeholder, parse_placeholders
from dashboard.commentary.words import change_context, count_phrase, num, signed_phrase, t
from dashboard.data import DataStore, release_label, release_sort_key
from dashboard.figures import fmt_value
from dashboard.i18n import LANGS
from indicators.derive import change_between, same_provenance, window_label
from indicators.vocab_i18n import display

TIMELINE_PATH = "/chapters"


def _resolve_value(ph: Placeholder, data: DataStore, source: str, lang: str) -> Resolved:
    entry = _indicator(ph, data, source)
    ind = ph.args["indicator"]
    if "year" in ph.args:
        year = int(ph.args["year"])
        series = _filter(data.annual[data.annual["indicator"] == ind], ph.args)
        rows = series[series["year"] == year]
        what = f"{ind} in {year} (annual series)"
        if rows.empty:
            raise _no_match(ph, data, source, series, what)
        row = _one_row(rows, ph, source, what)
        period = str(year)
    else:
        period_text = ph.args["period"]
        obs = data.observations
        rows = _filter(obs[(obs["indicator"] == ind) & (obs["period"] == period_text)], ph.args)
        what = f"{ind} for period {period_text}"
        if rows.empty:
            periods = sorted(set(_filter(obs[obs["indicator"] == ind], ph.args)["period"].dropna().astype(str)))
            shown = ", ".join(periods[:8]) + (" …" if len(periods) > 8 else "")
            raise CommentaryError(source, ph.raw, f"no value for {what}; periods with data: {shown or 'none'}")
        row = _one_row(rows, ph, source, what)
        period = period_label(str(row["period"]), lang)
    unit = str(entry["unit"])
    text = _number_text(row, unit, lang, ph, source)
    return _from_rows(ph, data, [row], text, _context(row, period, lang, ph, source), float(row["value"]), lang)


def _resolve_latest(ph: Placeholder, data: DataStore, source: str, lang: str) -> Resolved:
    entry = _indicator(ph, data, source)
    ind = ph.args["indicator"]
    series = _filter(data.annual[data.annual["indicator"] == ind], ph.args)
    if series.empty:
        raise _no_match(ph, data, source, series, f"{ind} (annual series)")
    year = int(series["year"].max())
    row = _one_row(series[series["year"] == year], ph, source, f"{ind} in its latest year {year}")
    unit = str(entry["unit"])
    text = _number_text(row, unit, lang, ph, source)
    return _from_rows(ph, data, [row], text, _context(row, str(year), lang, ph, source), float(row["value"]), lang)


def _signed(value: float, digits: int = 1) -> str:
    text = f"{abs(value):,.{digits}f}".replace(",", "\u202f")
    if round(value, digits) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def _resolve_change(ph: Placeholder, data: DataStore, source: str, lang: str) -> Resolved:
    entry = _indicator(ph, data, source)
    ind = ph.args["indicator"]
    y0, y1 = int(ph.args["from"]), int(ph.args["to"])
    if y0 >= y1:
        raise CommentaryError(source, ph.raw, f"from={y0} must be before to={y1}")
    change_type = str(entry.get("change_type") or "none")
    if change_type not in ("percent", "percentage_points", "absolute"):
        raise CommentaryError(
            source, ph.raw, f"the catalogue's change_type of {ind} is '{change_type}': no change is defined"
        )
    series = _filter(data.annual[data.annual["indicator"] == ind], ph.args)
    rows = []
    for y in (y0, y1):
        found = series[series["year"] == y]
        if found.empty:
            raise _no_match(ph, data, source, series, f"{ind} in {y} (annual series)")
        rows.append(_one_row(found, ph, source, f"{ind} in {y} (annual series)"))
    a, b = rows
    ed_a, ed_b = (str(r["edition"]) if isinstance(r["edition"], str) else "(no edition)" for r in rows)
    if ed_a != ed_b:
        raise CommentaryError(
            source,
            ph.raw,
            f"series break: {y0} comes from '{ed_a}' and {y1} from '{ed_b}'; compare years within one edition",
        )
    if not same_provenance(rows):
        raise CommentaryError(
            source,
            ph.raw,
            f"not computed: different sources ({y0}: {a['source_ids']}; {y1}: {b['source_ids']}); "
            "a change needs two figures of one source and edition",
        )
    for r in rows:
        if str(r["qualifier"]) not in ("exact", "approximate"):
            raise CommentaryError(source, ph.raw, f"{r['obs_id']} is a {r['qualifier']}; a change needs two values")
    va, vb = float(a["value"]), float(b["value"])
    unit = str(entry["unit"])
    approx = "~" if "approximate" in (a["qualifier"], b["qualifier"]) else ""
    change = change_between(vb, va, change_type)
    if change is None:
        raise CommentaryError(source, ph.raw, f"{y0} value is zero; a percentage change is undefined")
    delta = change
    digits = 0 if change_type == "absolute" and abs(delta) >= 1000 else 1
    if lang != "en":
        text = approx + signed_phrase(delta, digits, change_type, unit, lang, ph, source)
    elif change_type == "percent":
        text = f"{approx}{_signed(delta)}%"
    elif change_type == "percentage_points":
        text = f"{approx}{_signed(delta)} pp"
    else:
        text = f"{approx}{_signed(delta, digits)} {unit}"
    context = change_context(y0, y1, _who(b, lang, ph, source), lang)
    return _from_rows(ph, data, [b, a], text, context, delta, lang)


def share_releases(data: DataStore, indicator: str = SHARE_5Y) -> list[str]:
    """SIPRI releases with window shares, newest data year first."""
    obs = data.observations
    editions = obs.loc[obs["indicator"] == indicator, "edition"].dropna().astype(str).unique()
    return sorted(editions, key=release_sort_key, reverse=True)


def _release(ph: Placeholder, data: DataStore, source: str) -> str:
    indicator = SHARE_WINDOWS.get(ph.kind, (SHARE_5Y, 5))[0]
    releases = share_releases(data, indicator)
    if not releases:
        raise CommentaryError(source, ph.raw, f"no SIPRI release has {indicator} rows")
    wanted = ph.args["release"]
    if wanted == "latest":
        return releases[0]
    matches = [r for r in releases if wanted in (r, release_label(r)) or f"(data to {wanted})" in r]
    if len(matches) != 1:
        known = "; ".join(release_label(r) for r in releases)
        reason = "matches several releases" if matches else "matches no release"
        raise CommentaryError(source, ph.raw, f"release={wanted!r} {reason} (known: {known})")
    return matches[0]


def _resolve_share5y(ph: Placeholder, data: DataStore, source: str, lang: str) -> Resolved:
    """``share5y`` and ``share10y``: a supplier's share over one SIPRI window, naming window and release."""
    indicator, length = SHARE_WINDOWS[ph.kind]
    edition = _release(ph, data, source)
    supplier, year = ph.args["supplier"], int(ph.args["year"])
    window = range(year - length + 1, year + 1)
    annual = data.annual
    shares = annual[(annual["indicator"] == indicator) & (annual["edition"] == edition)]
    suppliers = sorted(str(s) for s in shares["subject"].dropna().unique())
    if supplier not in suppliers:
        raise CommentaryError(
            source, ph.raw, f"unknown supplier '{supplier}' in {release_label(edition)}{_suggest(supplier, suppliers)}"
        )
    series = shares[shares["subject"] == supplier]
    rows = series[series["year"] == year]
    what = f"{supplier}'s share over {window_label(window)} in {release_label(edition)}"
    if rows.empty:
        raise _no_match(ph, data, source, series, what)
    row = _one_row(rows, ph, source, what)
    value = float(row["value"])
    text = fmt_value(value, "percent") if lang == "en" else t(lang, "{num}%", num=num(value, lang, 1))
    context = share_context(window_label(window), edition, lang)
    return _from_rows(ph, data, [row], text, context, value, lang)


def events_matching(events: pd.DataFrame, args: Mapping[str, str]) -> pd.DataFrame:
    """Rows of the events table selected by category / layer / from / to."""
    frame = events
    if "category" in args:
        frame = frame[frame["category"] == args["category"]]
    if "layer" in args:
        frame = frame[frame["layer"] == args["layer"]]
    years = frame["date_start"].dt.year
    if "from" in args:
        frame = frame[years >= int(args["from"])]
        years = frame["date_start"].dt.year
    if "to" in args:
        frame = frame[years <= int(args["to"])]
    return frame


def _resolve_count(ph: Placeholder, data: DataStore, source: str, lang: str) -> Resolved:
    events = data.events
    for key, column in (("category", "category"), ("layer", "layer")):
        if key in ph.args:
            known = sorted(str(c) for c in events[column].dropna().unique())
            if ph.args[key] not in known:
                raise CommentaryError(source, ph.raw, f"unknown {key} '{ph.args[key]}' (known: {', '.join(known)})")
    frame = events_matching(events, ph.args)
    if frame.empty:
        raise CommentaryError(source, ph.raw, "no events match; a zero count means a wrong filter here")
    years = frame["date_start"].dt.year
    lo = int(ph.args.get("from", years.min()))
    hi = int(ph.args.get("to", years.max()))
    n = len(frame)
    text = count_phrase(n, lang)
    names = {k: ph.args[k] for k in ("category", "layer") if k in ph.args}
    if lang != "en":  # by name in Russian and Azerbaijani (English keeps the codes it always showed)
        names = {k: display(f"event_{k}", v, lang) for k, v in names.items()}
    what = [t(lang, "category {name}", name=names["category"])] if "category" in names else []
    what += [t(lang, "layer {name}", name=names["layer"])] if "layer" in names else []
    context = str(lo) if lo == hi else f"{lo}–{hi}"
    href = TIMELINE_PATH + (f"?cats={ph.args['category']}" if "category" in ph.args else "")
    return Resolved(
        placeholder=ph,
        text=text,
        context=context,
        value=float(n),
        citations=(),
        href=href,
        title=t(
            lang,
            "Events table ({filters}): each entry cites its own source",
            filters=", ".join(what) or t(lang, "all categories"),
        ),
        obs_ids=tuple(str(e) for e in frame["event_id"]),
    )


RESOLVERS = {
    "value": _resolve_value,
    "latest": _resolve_latest,
    "change": _resolve_change,
    "share5y": _resolve_share5y,
    "share10y": _resolve_share5y,
    "count": _resolve_count,
}


def resolve(ph: Placeholder, data: DataStore, source: str = "<text>", lang: str = "en") -> Resolved:
    """Resolve one placeholder against the store, its words in ``lang``. Raises CommentaryError naming source,
    placeholder and reason."""
    if lang not in LANGS:
        raise CommentaryError(source, ph.raw, f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    resolved = RESOLVERS[ph.kind](ph, data, source, lang)
    if not resolved.text.strip() or "nan" in resolved.text.lower().split():
        raise CommentaryError(source, ph.raw, f"resolved to an empty or missing value ({resolved.text!r})")
    return resolved


def resolve_text(text: str, data: DataStore, source: str = "<text>", lang: str = "en") -> list[Resolved]:
    """Every placeholder of a text, resolved in ``lang`` (the first failure raises)."""
    return [resolve(ph, data, source, lang) for ph in parse_placeholders(text, source)]
