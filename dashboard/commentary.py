"""Chapter commentary bound to the data: placeholder syntax, resolver and renderer (pure functions).

The commentary of each report chapter is Markdown in ``dashboard/commentary/chapter-NN.md``; the
chapter titles are in ``dashboard/commentary/chapters.csv``. The text never types a figure: every
number is a placeholder that is resolved against the :class:`~dashboard.data.DataStore` when the
page is rendered, so the sentence follows the data. The syntax is one keyword and ``key=value``
arguments between double braces (quote values that contain spaces: ``subject="all bilateral
settlements"``):

``{{value indicator=ID year=YYYY [reporter=R] [subject=S] [edition=E] [source=SOURCE_ID]}}``
    the annual-series value of one year (kind ``series``, whole calendar year).
``{{value indicator=ID period=P [...]}}``
    the figure whose published period is exactly ``P`` (``2023``, ``2024-01..2024-05``, ``@2022-04``),
    statements and part-year figures included.
``{{change indicator=ID from=YYYY to=YYYY [reporter=R] [subject=S] [edition=E]}}``
    change between two annual values of one series, as the catalogue's ``change_type`` says
    (``percent``: per cent; ``percentage_points``: pp; ``absolute``: in the indicator's unit).
    Both values must come from the same source and edition; a change of an approximate value
    is approximate (``~``).
``{{latest indicator=ID [reporter=R] [subject=S] [edition=E]}}``
    the annual value of the latest year available.
``{{share5y supplier=NAME year=YYYY release=latest|EDITION|YYYY}}``
    a supplier's share of Azerbaijan's SIPRI TIV over the five-year window ending in ``year``
    (``arms_tiv_5y_share``). Windows are SIPRI's fixed, non-overlapping ones (2011–15, 2016–20: ``year``
    ends in 0 or 5); ``release=2025`` means the release with data to 2025.
``{{share10y supplier=NAME year=YYYY release=latest|EDITION|YYYY}}``
    the same over SIPRI's ten-year window ending in ``year`` (2011–20: ``year`` ends in 0;
    ``arms_tiv_10y_share``).
``{{count events [category=C] [layer=L] [from=YYYY] [to=YYYY]}}``
    the number of dated entries in the events table.

Every rendered number shows its unit and period and links to its citation (the source URL, with
publisher, edition and locator in the link's title). A placeholder that cannot be resolved (unknown
indicator, no value, several candidate values, malformed syntax) raises :class:`CommentaryError`
naming the file, the placeholder and the reason; nothing is ever rendered blank or as ``nan``.

Flow: :func:`parse_placeholders` -> :func:`resolve` -> :func:`render_markdown` (Dash components).
:func:`commentary_panel` wraps one chapter for the topic pages.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pandas as pd
from dash import dcc, html

from dashboard.data import DataStore, release_label, release_sort_key, store
from dashboard.figures import fmt_value
from dashboard.text import period_text
from dashboard.views import value_text
from indicators.derive import change_between, same_provenance, window_label

COMMENTARY_DIR = Path(__file__).resolve().parent / "commentary"
CHAPTERS_FILE = "chapters.csv"
CHAPTERS_HEADER = ["number", "title", "short_title", "pages"]
CHAPTER_COUNT = 11
SHARE_5Y = "arms_tiv_5y_share"
# placeholder keyword -> (share indicator, window length in years)
SHARE_WINDOWS = {"share5y": (SHARE_5Y, 5), "share10y": ("arms_tiv_10y_share", 10)}
TIMELINE_PATH = "/chapters"

# keyword -> (required arguments, optional arguments)
KINDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "value": (frozenset({"indicator"}), frozenset({"year", "period", "reporter", "subject", "edition", "source"})),
    "change": (frozenset({"indicator", "from", "to"}), frozenset({"reporter", "subject", "edition"})),
    "latest": (frozenset({"indicator"}), frozenset({"reporter", "subject", "edition"})),
    "share5y": (frozenset({"supplier", "year", "release"}), frozenset()),
    "share10y": (frozenset({"supplier", "year", "release"}), frozenset()),
    "count": (frozenset(), frozenset({"category", "layer", "from", "to"})),
}
COUNT_TARGETS = ("events",)
YEAR_ARGS = ("year", "from", "to")
COUNTRY = {"AZ": "Azerbaijan", "RU": "Russia"}
QUALIFIER_WORD = {
    "approximate": "approximate",
    "lower_bound": "lower bound",
    "upper_bound": "upper bound",
    "range": "range",
}

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_KIND = re.compile(r"\s*([a-z0-9]+)")
_ARG = re.compile(r'\s+([a-z_]+)=(?:"([^"{}\n]*)"|([^\s"{}]+))')
_YEAR = re.compile(r"^\d{4}$")
_TOKEN = "QQPH{}QQ"
_TOKEN_RE = re.compile(r"QQPH(\d+)QQ")


class CommentaryError(ValueError):
    """A commentary file cannot be rendered: names the file, the placeholder and the reason."""

    def __init__(self, source: str, placeholder: str, reason: str) -> None:
        self.source = source
        self.placeholder = placeholder
        self.reason = reason
        super().__init__(f"{source}: {placeholder}: {reason}")


@dataclass(frozen=True)
class Placeholder:
    """One parsed ``{{kind key=value ...}}``; ``raw`` is the text as written."""

    raw: str
    kind: str
    args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Citation:
    """Where a rendered number comes from."""

    source_id: str
    publisher: str
    url: str
    edition: str = ""
    locator: str = ""

    def title(self) -> str:
        """'Publisher, edition — locator' for a link's title attribute."""
        text = self.publisher
        if self.edition:
            text += f", {self.edition}"
        if self.locator:
            text += f" — {self.locator}"
        return text


@dataclass(frozen=True)
class Resolved:
    """A placeholder resolved against the data: what to print, its period and its citations."""

    placeholder: Placeholder
    text: str
    context: str
    value: float
    citations: tuple[Citation, ...] = ()
    href: str = ""
    title: str = ""
    obs_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chapter:
    """One report chapter: number, titles, related topic pages and its commentary Markdown."""

    number: int
    title: str
    short_title: str
    pages: tuple[str, ...]
    text: str
    source: str


# ------------------------------------------------------------------ parsing
def parse_placeholder(raw: str, source: str = "<text>") -> Placeholder:
    """Parse one ``{{...}}`` (braces included). Raises CommentaryError when malformed."""
    if not (raw.startswith("{{") and raw.endswith("}}")):
        raise CommentaryError(source, raw, "a placeholder starts with '{{' and ends with '}}'")
    body = raw[2:-2]
    if "{" in body or "}" in body:
        raise CommentaryError(source, raw, "braces inside a placeholder (nested or unclosed '{{')")
    m = _KIND.match(body)
    if not m:
        raise CommentaryError(source, raw, f"empty placeholder; expected one of {', '.join(KINDS)}")
    kind = m.group(1)
    if kind not in KINDS:
        raise CommentaryError(source, raw, f"unknown placeholder kind '{kind}'; expected one of {', '.join(KINDS)}")
    pos = m.end()
    if kind == "count":
        target = re.match(r"\s+([a-z]+)", body[pos:])
        if not target or target.group(1) not in COUNT_TARGETS:
            raise CommentaryError(source, raw, "'count' needs what to count: {{count events ...}}")
        pos += target.end()
    args: dict[str, str] = {}
    while pos < len(body):
        if not body[pos:].strip():
            break
        am = _ARG.match(body, pos)
        if not am:
            rest = body[pos:].strip()
            raise CommentaryError(source, raw, f"cannot read '{rest[:40]}'; arguments are key=value or key=\"a b\"")
        key = am.group(1)
        value = am.group(2) if am.group(2) is not None else am.group(3)
        if key in args:
            raise CommentaryError(source, raw, f"argument '{key}' given twice")
        if not value.strip():
            raise CommentaryError(source, raw, f"argument '{key}' is empty")
        args[key] = value.strip()
        pos = am.end()
    required, optional = KINDS[kind]
    unknown = sorted(set(args) - required - optional)
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        raise CommentaryError(
            source, raw, f"unknown argument(s) {', '.join(unknown)} for '{kind}' (allowed: {allowed})"
        )
    missing = sorted(required - set(args))
    if missing:
        raise CommentaryError(source, raw, f"'{kind}' needs {', '.join(missing)}")
    if kind == "value" and ("year" in args) == ("period" in args):
        raise CommentaryError(
            source, raw, "'value' needs exactly one of year= (annual series) or period= (as published)"
        )
    for key in YEAR_ARGS:
        if key in args and not _YEAR.match(args[key]):
            raise CommentaryError(source, raw, f"{key}={args[key]!r} is not a four-digit year")
    if kind in SHARE_WINDOWS and args["release"] != "latest" and not args["release"].strip():
        raise CommentaryError(source, raw, "release= is empty")
    if kind in SHARE_WINDOWS and int(args["year"]) % SHARE_WINDOWS[kind][1] != 0:
        length = SHARE_WINDOWS[kind][1]
        raise CommentaryError(
            source,
            raw,
            f"year={args['year']} does not end a SIPRI {length}-year window (windows end in a year divisible "
            f"by {length}, e.g. {window_label(range(2011, 2011 + length))})",
        )
    return Placeholder(raw=raw, kind=kind, args=args)


def parse_placeholders(text: str, source: str = "<text>") -> list[Placeholder]:
    """Every placeholder of a text, in order. Stray or unbalanced braces raise CommentaryError."""
    found = []
    for m in _PLACEHOLDER.finditer(text):
        found.append(parse_placeholder(m.group(0), source))
    leftover = _PLACEHOLDER.sub("", text)
    for brace in ("{{", "}}", "{", "}"):
        idx = leftover.find(brace)
        if idx >= 0:
            snippet = leftover[max(0, idx - 20) : idx + 20].replace("\n", " ")
            raise CommentaryError(source, snippet.strip(), f"stray '{brace}' outside a well-formed placeholder")
    return found


# ---------------------------------------------------------------- resolving
def _suggest(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _indicator(ph: Placeholder, data: DataStore, source: str) -> dict[str, Any]:
    ind = ph.args["indicator"]
    entry = data.catalogue_index.get(ind)
    if entry is None:
        raise CommentaryError(source, ph.raw, f"unknown indicator '{ind}'{_suggest(ind, list(data.catalogue_index))}")
    if str(entry.get("unit")) == "text":
        raise CommentaryError(source, ph.raw, f"indicator '{ind}' is qualitative (unit 'text'); it has no number")
    return entry


def _filter(frame: pd.DataFrame, args: Mapping[str, str]) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    if "reporter" in args:
        mask &= frame["reporter"] == args["reporter"]
    if "subject" in args:
        mask &= frame["subject"].fillna("") == args["subject"]
    if "edition" in args:
        mask &= frame["edition"].fillna("") == args["edition"]
    if "source" in args:
        wanted = args["source"]
        mask &= frame["source_ids"].fillna("").map(lambda s: wanted in str(s).split(";")).astype(bool)
    return frame[mask]


def _describe_rows(frame: pd.DataFrame, limit: int = 4) -> str:
    parts = []
    for _, r in frame.head(limit).iterrows():
        who = [str(r["reporter"])]
        if isinstance(r.get("subject"), str) and r["subject"]:
            who.append(str(r["subject"]))
        if isinstance(r.get("edition"), str) and r["edition"]:
            who.append(str(r["edition"]))
        parts.append(f"{r['obs_id']} = {r['value']:g} ({', '.join(who)}; source {r['source_id']})")
    more = f"; … {len(frame) - limit} more" if len(frame) > limit else ""
    return "; ".join(parts) + more


def _one_row(frame: pd.DataFrame, ph: Placeholder, source: str, what: str) -> pd.Series:
    if len(frame) > 1:
        raise CommentaryError(
            source,
            ph.raw,
            f"ambiguous: {len(frame)} rows match {what}: {_describe_rows(frame)}. "
            "Narrow it with reporter=, subject=, edition= or source=",
        )
    row = frame.iloc[0]
    if pd.isna(row["value"]):
        raise CommentaryError(
            source, ph.raw, f"{row['obs_id']} has no numeric value (qualifier '{row['qualifier']}') for {what}"
        )
    return row


def _no_match(ph: Placeholder, data: DataStore, source: str, candidates: pd.DataFrame, what: str) -> CommentaryError:
    """The error for 'no row': says what the filtered series does cover."""
    if candidates.empty:
        obs = _filter(data.observations[data.observations["indicator"] == ph.args.get("indicator", "")], ph.args)
        hint = ""
        if not obs.empty:
            hint = f"; {len(obs)} statement or part-year row(s) match the filters: use value with period="
        return CommentaryError(source, ph.raw, f"no annual series matches the filters{hint}")
    years = sorted({int(y) for y in candidates["year"].dropna()})
    span = f"{years[0]}–{years[-1]}" if years else "no years"
    return CommentaryError(source, ph.raw, f"no value for {what}; the matching series covers {span}")


def _citations(data: DataStore, rows: Sequence[pd.Series]) -> tuple[Citation, ...]:
    out: list[Citation] = []
    for r in rows:
        for sid in str(r["source_ids"]).split(";"):
            src = data.source_index.get(sid)
            if src is None:
                continue
            cit = Citation(
                source_id=sid,
                publisher=str(src.get("publisher") or sid),
                url=str(src.get("url") or ""),
                edition=str(r["edition"]) if isinstance(r.get("edition"), str) else str(src.get("edition") or ""),
                # a computed row's locator lists record ids, which never go on screen
                locator=str(r["locator"])
                if isinstance(r.get("locator"), str) and r.get("confidence") != "computed"
                else "",
            )
            if cit not in out:
                out.append(cit)
    return tuple(out)


def period_label(period: str) -> str:
    """A period in words, as every page writes it (see :func:`dashboard.text.period_text`)."""
    return period_text(period)


def _who(row: pd.Series) -> str:
    parts = []
    subject = row.get("subject")
    if isinstance(subject, str) and subject and subject != row["reporter"]:
        parts.append(COUNTRY.get(subject, subject))
    reporter = str(row["reporter"])
    if row.get("confidence") == "computed" and reporter == "OTHER":
        parts.append("computed here")
    elif reporter == "OTHER":
        parts.append("reported by a third party")
    else:
        parts.append(f"reported by {reporter}")
    return ", ".join(parts)


def _number_text(row: pd.Series, unit: str) -> str:
    text = value_text(row, unit)
    if unit not in ("percent", "%", "pp") and unit not in text:
        text = f"{text} {unit}"
    return text


def _context(row: pd.Series, period: str) -> str:
    parts = [period, _who(row)]
    word = QUALIFIER_WORD.get(str(row.get("qualifier")))
    if word:
        parts.append(word)
    return ", ".join(parts)


def _from_rows(ph: Placeholder, data: DataStore, rows: Sequence[pd.Series], text: str, context: str, value: float):
    cits = _citations(data, rows)
    return Resolved(
        placeholder=ph,
        text=text,
        context=context,
        value=value,
        citations=cits,
        href=cits[0].url if cits else "/data?table=observations",
        title="; ".join(c.title() for c in cits) or "observations table",
        obs_ids=tuple(str(r["obs_id"]) for r in rows),
    )


def _resolve_value(ph: Placeholder, data: DataStore, source: str) -> Resolved:
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
        period = period_label(str(row["period"]))
    unit = str(entry["unit"])
    return _from_rows(ph, data, [row], _number_text(row, unit), _context(row, period), float(row["value"]))


def _resolve_latest(ph: Placeholder, data: DataStore, source: str) -> Resolved:
    entry = _indicator(ph, data, source)
    ind = ph.args["indicator"]
    series = _filter(data.annual[data.annual["indicator"] == ind], ph.args)
    if series.empty:
        raise _no_match(ph, data, source, series, f"{ind} (annual series)")
    year = int(series["year"].max())
    row = _one_row(series[series["year"] == year], ph, source, f"{ind} in its latest year {year}")
    unit = str(entry["unit"])
    return _from_rows(ph, data, [row], _number_text(row, unit), _context(row, str(year)), float(row["value"]))


def _signed(value: float, digits: int = 1) -> str:
    text = f"{abs(value):,.{digits}f}".replace(",", "\u202f")
    if round(value, digits) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def _resolve_change(ph: Placeholder, data: DataStore, source: str) -> Resolved:
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
    if change_type == "percent":
        text = f"{approx}{_signed(delta)}%"
    elif change_type == "percentage_points":
        text = f"{approx}{_signed(delta)} pp"
    else:
        digits = 0 if abs(delta) >= 1000 else 1
        text = f"{approx}{_signed(delta, digits)} {unit}"
    context = f"{y0} to {y1}, {_who(b)}"
    return _from_rows(ph, data, [b, a], text, context, delta)


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


def _resolve_share5y(ph: Placeholder, data: DataStore, source: str) -> Resolved:
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
    text = fmt_value(float(row["value"]), "percent")
    context = f"of TIV delivered to Azerbaijan {window_label(window)}, SIPRI {release_label(edition)}"
    return _from_rows(ph, data, [row], text, context, float(row["value"]))


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


def _resolve_count(ph: Placeholder, data: DataStore, source: str) -> Resolved:
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
    text = f"{n} dated {'entry' if n == 1 else 'entries'}"
    what = [f"{key} {ph.args[key]}" for key in ("category", "layer") if key in ph.args]
    context = str(lo) if lo == hi else f"{lo}–{hi}"
    href = TIMELINE_PATH + (f"?cats={ph.args['category']}" if "category" in ph.args else "")
    return Resolved(
        placeholder=ph,
        text=text,
        context=context,
        value=float(n),
        citations=(),
        href=href,
        title=f"Events table ({', '.join(what) or 'all categories'}): each entry cites its own source",
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


def resolve(ph: Placeholder, data: DataStore, source: str = "<text>") -> Resolved:
    """Resolve one placeholder against the store. Raises CommentaryError naming source, placeholder and reason."""
    resolved = RESOLVERS[ph.kind](ph, data, source)
    if not resolved.text.strip() or "nan" in resolved.text.lower().split():
        raise CommentaryError(source, ph.raw, f"resolved to an empty or missing value ({resolved.text!r})")
    return resolved


def resolve_text(text: str, data: DataStore, source: str = "<text>") -> list[Resolved]:
    """Every placeholder of a text, resolved (the first failure raises)."""
    return [resolve(ph, data, source) for ph in parse_placeholders(text, source)]


# ---------------------------------------------------------------- rendering
def render_number(r: Resolved) -> html.Span:
    """A resolved number: value + unit linked to its citation, then period and reporter."""
    internal = r.href.startswith("/")
    if internal:
        link: Any = dcc.Link(r.text, href=r.href, title=r.title, className="num-link")
    else:
        link = html.A(r.text, href=r.href, title=r.title, target="_blank", rel="noopener noreferrer")
    children: list[Any] = [link, html.Span(f" ({r.context})", className="num-context")]
    seen = {r.href}
    for c in r.citations[1:]:
        if c.url and c.url not in seen:
            seen.add(c.url)
            children.append(
                html.Sup(
                    html.A(f"[{len(seen)}]", href=c.url, title=c.title(), target="_blank", rel="noopener noreferrer")
                )
            )
    data_attrs: dict[str, Any] = {"data-placeholder": r.placeholder.kind}
    return html.Span(children, className="num", **data_attrs)


_TAGS: dict[str, Any] = {
    "p": html.P,
    "em": html.Em,
    "strong": html.Strong,
    "ul": html.Ul,
    "ol": html.Ol,
    "li": html.Li,
    "h3": html.H3,
    "h4": html.H4,
    "code": html.Code,
    "blockquote": html.Blockquote,
}


class _Builder(HTMLParser):
    """Turns the small HTML subset Markdown produces for commentary into Dash components."""

    def __init__(self, numbers: Mapping[int, html.Span], source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.numbers = numbers
        self.source = source
        self.stack: list[tuple[str, dict[str, str], list[Any]]] = [("root", {}, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.stack[-1][2].append(html.Br())
            return
        if tag not in _TAGS and tag != "a":
            raise CommentaryError(self.source, f"<{tag}>", "Markdown element not supported in commentary")
        self.stack.append((tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            return
        name, attrs, children = self.stack.pop()
        if name != tag:
            raise CommentaryError(self.source, f"</{tag}>", f"unbalanced HTML from Markdown (open <{name}>)")
        if tag == "a":
            href = attrs.get("href", "")
            title = attrs.get("title") or None
            if href.startswith("/"):
                comp: Any = dcc.Link(children, href=href, title=title)
            elif href.startswith(("http://", "https://")):
                comp = html.A(children, href=href, title=title, target="_blank", rel="noopener noreferrer")
            else:
                raise CommentaryError(self.source, href, "links must be site paths (/...) or http(s) URLs")
        else:
            comp = _TAGS[tag](children)
        self.stack[-1][2].append(comp)

    def handle_data(self, data: str) -> None:
        out = self.stack[-1][2]
        pos = 0
        for m in _TOKEN_RE.finditer(data):
            if m.start() > pos:
                out.append(data[pos : m.start()])
            out.append(self.numbers[int(m.group(1))])
            pos = m.end()
        if pos < len(data):
            out.append(data[pos:])

    def result(self) -> list[Any]:
        if len(self.stack) != 1:
            raise CommentaryError(self.source, f"<{self.stack[-1][0]}>", "unclosed element in rendered Markdown")
        return [c for c in self.stack[0][2] if not (isinstance(c, str) and not c.strip())]


def render_markdown(text: str, data: DataStore, source: str = "<text>") -> list[Any]:
    """Markdown with placeholders -> Dash components, every number resolved and cited."""
    reserved = _TOKEN_RE.search(text)
    if reserved:
        raise CommentaryError(source, reserved.group(0), "reserved token in commentary text")
    placeholders = parse_placeholders(text, source)
    numbers = {i: render_number(resolve(ph, data, source)) for i, ph in enumerate(placeholders)}
    counter = iter(range(len(placeholders)))
    tokenized = _PLACEHOLDER.sub(lambda _m: _TOKEN.format(next(counter)), text)
    builder = _Builder(numbers, source)
    builder.feed(markdown.markdown(tokenized, output_format="html"))
    builder.close()
    return builder.result()


_BLOCKS = (html.P, html.Li, html.H3, html.H4, html.Blockquote)


def plain_text(components: Any) -> str:
    """The visible text of rendered components, one line per block (for tests and summaries)."""
    if components is None:
        return ""
    if isinstance(components, str):
        return components
    if isinstance(components, list | tuple):
        return "".join(plain_text(c) for c in components)
    text = plain_text(getattr(components, "children", None))
    return text + "\n" if isinstance(components, _BLOCKS) else text


# ----------------------------------------------------------------- chapters
def read_chapters(directory: Path = COMMENTARY_DIR) -> tuple[Chapter, ...]:
    """chapters.csv plus each chapter-NN.md; checks the header, numbering and that every file exists."""
    path = directory / CHAPTERS_FILE
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        if header != CHAPTERS_HEADER:
            raise CommentaryError(str(path), ",".join(header), f"header must be {','.join(CHAPTERS_HEADER)}")
        rows = list(reader)
    chapters = []
    for line, row in enumerate(rows, start=2):
        if len(row) != len(CHAPTERS_HEADER):
            raise CommentaryError(str(path), f"line {line}", f"expected {len(CHAPTERS_HEADER)} fields, got {len(row)}")
        number, title, short, pages = row
        if not number.isdigit() or int(number) != line - 1:
            raise CommentaryError(str(path), f"line {line}", f"chapter number {number!r} out of sequence")
        md_path = directory / f"chapter-{int(number):02d}.md"
        if not md_path.is_file():
            raise CommentaryError(str(md_path), f"chapter {number}", "commentary file missing")
        chapters.append(
            Chapter(
                number=int(number),
                title=title.strip(),
                short_title=short.strip(),
                pages=tuple(p.strip() for p in pages.split(";") if p.strip()),
                text=md_path.read_text(encoding="utf-8"),
                source=md_path.name,
            )
        )
    if len(chapters) != CHAPTER_COUNT:
        raise CommentaryError(str(path), f"{len(chapters)} rows", f"the report has {CHAPTER_COUNT} chapters")
    return tuple(chapters)


@lru_cache(maxsize=1)
def chapters() -> tuple[Chapter, ...]:
    """The packaged chapters (read once, on first use)."""
    return read_chapters(COMMENTARY_DIR)


def get_chapter(number: int) -> Chapter:
    """One packaged chapter by number (ValueError when there is no such chapter)."""
    for ch in chapters():
        if ch.number == number:
            return ch
    raise ValueError(f"There is no report chapter {number!r}; chapters are 1–{CHAPTER_COUNT}.")


def chapter_body(ch: Chapter, data: DataStore) -> html.Div:
    """A chapter's commentary rendered against ``data``."""
    return html.Div(render_markdown(ch.text, data, ch.source), className="commentary-body")


def commentary_panel(chapter: int, data: DataStore | None = None) -> html.Details:
    """Collapsible commentary of one report chapter (open by default), for placing beside a topic page's charts."""
    ch = get_chapter(chapter)
    body = chapter_body(ch, data if data is not None else store())
    return html.Details(
        [
            html.Summary(f"Report chapter {ch.number}: {ch.title}"),
            body,
            html.Div(
                dcc.Link("Chapter page, related indicators and events", href=f"/chapters/{ch.number}"),
                className="commentary-more",
            ),
        ],
        open=True,
        className="commentary",
        id=f"commentary-{ch.number}",
    )
