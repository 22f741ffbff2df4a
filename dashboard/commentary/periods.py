"""Periods, SIPRI windows and releases in the reader's language (pure functions).

English goes through :func:`dashboard.text.period_text`, the words every page uses. Russian and
Azerbaijani fill the translated templates of :func:`dashboard.commentary.words.t` with month names from
Babel's CLDR data (Russian: nominative "март 2019 г.", genitive after a day "5 марта 2019 г.") and, for
Azerbaijani, the ordinal suffix of a year ("2022-ci ilin I yarısı").
"""

from __future__ import annotations

import re

from babel.dates import get_month_names

from dashboard.commentary.words import az_ordinal, t
from dashboard.data import is_reprocessed, release_label
from dashboard.text import period_text

_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HALF = re.compile(r"(\d{4})-H([12])")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_RELEASE = re.compile(
    rf"^(?:({'|'.join(EN_MONTHS)}) )?(\d{{4}}) update \(data to (\d{{4}})\)"
    r"(?:, third-party reprocessing, not a SIPRI export)?$"
)


def _month_fields(prefix: str, month: int, lang: str) -> dict[str, str]:
    locale = lang if lang in ("ru", "az") else "en"
    return {
        f"{prefix}month": get_month_names("wide", "stand-alone", locale)[month],
        f"{prefix}month_gen": get_month_names("wide", "format", locale)[month],
        f"{prefix}month_abbr": get_month_names("abbreviated", "format", "en")[month],
    }


def _point(code: str, lang: str) -> tuple[str, str, dict[str, str]]:
    """(words, kind, fields) of one point code; the fields let a span template rebuild it."""
    if m := _YEAR.fullmatch(code):
        return code, "year", {}
    if m := _MONTH.fullmatch(code):
        year, month = int(m.group(1)), int(m.group(2))
        f = {"year": str(year), "year_ord": az_ordinal(year), **_month_fields("", month, lang)}
        return t(lang, "{month_abbr} {year}", **f), "month", f
    if m := _DAY.fullmatch(code):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        f = {"year": str(year), "year_ord": az_ordinal(year), "day": str(day), **_month_fields("", month, lang)}
        return t(lang, "{day} {month_abbr} {year}", **f), "day", f
    if m := _HALF.fullmatch(code):
        year, half = int(m.group(1)), int(m.group(2))
        f = {"year": str(year), "year_ord": az_ordinal(year), "half": str(half), "half_roman": ROMAN[half]}
        return t(lang, "H{half} {year}", **f), "half", f
    if m := _QUARTER.fullmatch(code):
        year, q = int(m.group(1)), int(m.group(2))
        f = {"year": str(year), "year_ord": az_ordinal(year), "quarter": str(q), "quarter_roman": ROMAN[q]}
        return t(lang, "Q{quarter} {year}", **f), "quarter", f
    raise ValueError(f"not a period code: {code!r}")


def _span(start: str, end: str, lang: str) -> str:
    a, kind_a, fa = _point(start, lang)
    b, kind_b, fb = _point(end, lang)
    if kind_a == kind_b and kind_a in ("month", "day") and start[:4] == end[:4]:
        fields = {f"start_{k}": v for k, v in fa.items()} | {f"end_{k}": v for k, v in fb.items()}
        fields |= {"year": fb["year"], "year_ord": fb["year_ord"]}
        if kind_a == "month":
            return t(lang, "{start_month_abbr}–{end_month_abbr} {year}", **fields)
        return t(lang, "{start_day} {start_month_abbr}–{end_day} {end_month_abbr} {year}", **fields)
    return t(lang, "{start}–{end}", start=a, end=b)


def period_words(code: str, lang: str) -> str:
    """A period code of data/raw in words in ``lang`` (English: exactly :func:`period_text`)."""
    if lang == "en":
        return period_text(code)
    text = str(code).strip()
    inferred = text.endswith("?")
    text = text.removesuffix("?")
    span = False
    if text.startswith("@"):
        words = t(lang, "as of {point}", point=_point(text[1:], lang)[0])
    elif ".." in text:
        start, end = text.split("..", 1)
        span = True
        words = (
            _span(start, end, lang) if end else t(lang, "from {start} (end not stated)", start=_point(start, lang)[0])
        )
    else:
        words = _point(text, lang)[0]
    if inferred:
        words = (
            t(lang, "{words} (dates inferred)", words=words)
            if span
            else t(lang, "{words} (date inferred)", words=words)
        )
    return words


def release_words(edition: str, lang: str) -> str:
    """A SIPRI release as 'March 2025 update (data to 2024)' in ``lang``; an unrecognised name stays as published."""
    label = release_label(edition)
    m = _RELEASE.match(label)
    if lang == "en" or not m:
        return label
    month, year, data_year = m.group(1), int(m.group(2)), int(m.group(3))
    fields = {
        "year": year,
        "year_ord": az_ordinal(year),
        "data_year": data_year,
        "data_year_ord": az_ordinal(data_year),
    }
    if month:
        fields |= _month_fields("", EN_MONTHS.index(month) + 1, lang)
        words = t(lang, "{month} {year} update (data to {data_year})", **fields)
    else:
        words = t(lang, "{year} update (data to {data_year})", **fields)
    if is_reprocessed(edition):
        words = t(lang, "{release}, third-party reprocessing, not a SIPRI export", release=words)
    return words


def share_context(window: str, edition: str, lang: str) -> str:
    """'of TIV delivered to Azerbaijan 2016–20, SIPRI March 2025 update (data to 2024)'."""
    return t(
        lang,
        "of TIV delivered to Azerbaijan {window}, SIPRI {release}",
        window=window,
        release=release_words(edition, lang),
    )
