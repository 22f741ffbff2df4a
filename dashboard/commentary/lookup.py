"""Finding the rows behind a placeholder and describing them: filters, citations, words (pure functions).

The resolvers of :mod:`dashboard.commentary.resolve` share these: select rows of the store by a
placeholder's arguments, insist on exactly one row, say what was found when nothing matches, and
turn the rows into the text, context and citations of a :class:`Resolved` number.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.commentary.periods import period_words
from dashboard.commentary.syntax import CommentaryError, Placeholder
from dashboard.commentary.words import qualifier_word, range_phrase, reported_by, subject_words, t, value_phrase
from dashboard.data import DataStore
from dashboard.views import value_text

COUNTRY = {"AZ": "Azerbaijan", "RU": "Russia"}


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


def period_label(period: str, lang: str = "en") -> str:
    """A period in words, as every page writes it (see :func:`dashboard.text.period_text`), in ``lang``."""
    return period_words(period, lang)


def _who(row: pd.Series, lang: str = "en", ph: Placeholder | None = None, source: str = "<text>") -> str:
    parts = []
    subject = row.get("subject")
    if isinstance(subject, str) and subject and subject != row["reporter"]:
        if lang == "en":
            parts.append(COUNTRY.get(subject, subject))
        else:
            assert ph is not None
            parts.append(subject_words(subject, lang, ph, source))
    reporter = str(row["reporter"])
    parts.append(reported_by(reporter, row.get("confidence") == "computed", lang))
    return ", ".join(parts)


def _number_text(row: pd.Series, unit: str, lang: str = "en", ph: Placeholder | None = None, source: str = "") -> str:
    if lang != "en":
        assert ph is not None
        if str(row.get("qualifier")) == "range" and pd.notna(row.get("value_high")):
            return range_phrase(float(row["value"]), float(row["value_high"]), unit, lang, ph, source)
        return value_phrase(row, unit, lang, ph, source)
    text = value_text(row, unit)
    if unit not in ("percent", "%", "pp") and unit not in text:
        text = f"{text} {unit}"
    return text


def _context(row: pd.Series, period: str, lang: str = "en", ph: Placeholder | None = None, source: str = "") -> str:
    parts = [period, _who(row, lang, ph, source)]
    word = qualifier_word(str(row.get("qualifier")), lang)
    if word:
        parts.append(word)
    return ", ".join(parts)


def _from_rows(
    ph: Placeholder,
    data: DataStore,
    rows: Sequence[pd.Series],
    text: str,
    context: str,
    value: float,
    lang: str = "en",
) -> Resolved:
    cits = _citations(data, rows)
    return Resolved(
        placeholder=ph,
        text=text,
        context=context,
        value=value,
        citations=cits,
        href=cits[0].url if cits else "/data?table=observations",
        title="; ".join(c.title() for c in cits) or t(lang, "observations table"),
        obs_ids=tuple(str(r["obs_id"]) for r in rows),
    )
