"""Words on screen for codes in the data: periods, and who a figure is by (pure functions).

Two things belong here and nowhere else, so that every chart, card and table says them the same way:

* ``period_text`` turns a period code of ``data/raw`` (``2019``, ``2019-03``, ``2019-H1``, ``A..B``,
  ``@X``, trailing ``?``) into words ("Jan–Jun 2024 (dates inferred)").
* ``credit_text`` names the body behind one observation row: its own source's publisher and edition, or
  "computed from <publishers> at 11.63 TWh/Mt" for a computed row. Record ids never appear on screen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.data import release_label, short_publisher
from dashboard.i18n import _, gettext

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HALF = re.compile(r"(\d{4})-H([12])")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_FACTOR = re.compile(r"([\d.]+) TWh per (\w+)")
_EDITION_YEAR = re.compile(r"\b(19|20)\d\d$")
_TRAILING_PAREN = re.compile(r"\(([^()]*)\)\s*$")

# Which side a national body speaks for, to catch a figure of one side credited to the other's body.
_SIDE_PATTERNS = {
    "AZ": re.compile(r"Azerbaijan|\bAZ\b|Aliyev|SOCAR", re.IGNORECASE),
    "RU": re.compile(r"Russia|Putin|Overchuk|Kremlin|Lavrov|Transneft|Gazprom|CDU TEK", re.IGNORECASE),
}
SIDE_ADJECTIVE = {"AZ": "Azerbaijani", "RU": "Russian"}
# Reporters that are organisations: a figure of theirs published by someone else says "<org> figure from <body>".
ORGANISATIONS = {
    "SOCAR": "SOCAR",
    "TRANSNEFT": "Transneft",
    "GAZPROM": "Gazprom",
    "LUKOIL": "Lukoil",
    "BP": "BP",
    "EI": "Energy Institute",
    "EIA": "Energy Information Administration",
    "IEA": "International Energy Agency",
    "SIPRI": "SIPRI",
}


def _point(code: str) -> tuple[str, str]:
    """(words, kind) of one point-in-calendar code; kind is 'year', 'month', 'day', 'half' or 'quarter'."""
    if _YEAR.fullmatch(code):
        return code, "year"
    if m := _MONTH.fullmatch(code):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"not a period code: {code!r}")
        return f"{MONTHS[month - 1]} {m.group(1)}", "month"
    if m := _DAY.fullmatch(code):
        month, day = int(m.group(2)), int(m.group(3))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise ValueError(f"not a period code: {code!r}")
        return f"{day} {MONTHS[month - 1]} {m.group(1)}", "day"
    if m := _HALF.fullmatch(code):
        return f"H{m.group(2)} {m.group(1)}", "half"
    if m := _QUARTER.fullmatch(code):
        return f"Q{m.group(2)} {m.group(1)}", "quarter"
    raise ValueError(f"not a period code: {code!r}")


def _span(start: str, end: str) -> str:
    """'Jan–Jun 2024' for two months of one year, '5 Jan–10 Mar 2024' for days, else 'A–B'."""
    a, kind_a = _point(start)
    b, kind_b = _point(end)
    if kind_a == kind_b and kind_a in ("month", "day") and start[:4] == end[:4]:
        return f"{a.rsplit(' ', 1)[0]}–{b}"
    return f"{a}–{b}"


def period_text(code: str) -> str:
    """A period code of data/raw in words.

    ``2019`` -> '2019'; ``2019-03`` -> 'Mar 2019'; ``2019-03-05`` -> '5 Mar 2019'; ``2019-H1`` -> 'H1 2019';
    ``2011-Q2`` -> 'Q2 2011'; ``2024-01..2024-06`` -> 'Jan–Jun 2024'; ``2000..2006`` -> '2000–2006';
    ``2021-03..`` -> 'from Mar 2021 (end not stated)'; ``@2021`` -> 'as of 2021'; a trailing ``?`` adds
    '(date inferred)', or '(dates inferred)' for a span. Raises ValueError on anything else.
    """
    text = str(code).strip()
    inferred = text.endswith("?")
    text = text.removesuffix("?")
    if text.startswith("@"):
        words, span = f"as of {_point(text[1:])[0]}", False
    elif ".." in text:
        start, end = text.split("..", 1)
        words = _span(start, end) if end else f"from {_point(start)[0]} (end not stated)"
        span = True
    else:
        words, span = _point(text)[0], False
    if inferred:
        words += " (dates inferred)" if span else " (date inferred)"
    return words


def conversion_text(formula: object) -> str | None:
    """'11.63 TWh/Mt' for a unit-conversion formula, else None."""
    m = _FACTOR.search(str(formula)) if isinstance(formula, str) else None
    return f"{m.group(1)} TWh/{m.group(2)}" if m else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def source_label(src: Mapping[str, Any]) -> str:
    """Short publisher plus edition ('IMF Direction of Trade Statistics, DOTS export of 2022-02 (…)'), or
    for a press item publisher, outlet and date ('SOCAR, via Trend (2021-09-28)')."""
    short = short_publisher(_text(src.get("publisher")) or _text(src.get("source_id")))
    edition = _text(src.get("edition"))
    if not edition:
        # a press item: where it was read and when
        outlet, date = _text(src.get("outlet")), _text(src.get("date"))
        via = f", via {outlet}" if outlet and outlet != _text(src.get("publisher")) else ""
        return short + via + (f" ({date})" if date else "")
    if _EDITION_YEAR.search(short):
        # the short name already carries the edition year ('… Statistical Review 2025'): add the coverage only
        m = _TRAILING_PAREN.search(edition)
        return f"{short} ({m.group(1)})" if m else short
    return f"{short}, {release_label(edition)}"


def _side(publisher: str) -> set[str]:
    return {side for side, pattern in _SIDE_PATTERNS.items() if pattern.search(publisher)}


def credit_text(row: Mapping[Any, Any] | pd.Series, sources: Mapping[str, Mapping[str, Any]]) -> str:
    """Who the figure on ``row`` is by, from the row's own source (never the series' other rows).

    A computed row names the publishers of its inputs and the conversion factor; a government figure of
    one side credited to the other side's body names the outlet that relayed it instead; an
    organisation's figure published by someone else says '<organisation> figure from <publisher>'.
    """
    if row.get("confidence") == "computed":
        ids = _text(row.get("source_ids")) or _text(row.get("source_id"))
        names: list[str] = []
        for sid in ids.split(";"):
            name = source_label(sources.get(sid, {"source_id": sid}))
            if name not in names:
                names.append(name)
        factor = conversion_text(row.get("formula"))
        return "computed from " + " and ".join(names) + (f" at {factor}" if factor else "")
    sid = _text(row.get("source_id"))
    src = sources.get(sid, {"source_id": sid})
    label = source_label(src)
    publisher = _text(src.get("publisher"))
    reporter = _text(row.get("reporter"))
    if reporter in SIDE_ADJECTIVE:
        sides = _side(publisher)
        if sides and reporter not in sides:
            outlet = _text(src.get("outlet")) or label
            return f"{SIDE_ADJECTIVE[reporter]} figure relayed by {outlet}"
    org = ORGANISATIONS.get(reporter)
    if org and org.lower() not in label.lower():
        return f"{org} figure from {label}"
    return label


_COMPUTED = re.compile(r"computed from (?P<names>.+?)(?: at (?P<factor>\d[\d.]* TWh/\w+))?$")
_RELAYED = re.compile(r"(?P<side>Azerbaijani|Russian) figure relayed by (?P<outlet>.+)$")
_ORG_FIGURE = re.compile(
    r"(?P<org>" + "|".join(re.escape(o) for o in ORGANISATIONS.values()) + r") figure from (?P<label>.+)$"
)


def credit_in_lang(credit: str, lang: str) -> str:
    """A :func:`credit_text` (built once, in English, with the data) in ``lang``: the connecting words are
    translated; publisher names, titles and outlets stay as published."""
    if lang not in ("ru", "az"):
        return credit
    if m := _COMPUTED.match(credit):
        names = [credit_in_lang(n, lang) for n in m["names"].split(" and ")]
        text = gettext("computed from {sources}", lang).format(sources=gettext(" and ", lang).join(names))
        return text + (gettext(" at {factor}", lang).format(factor=m["factor"]) if m["factor"] else "")
    if m := _RELAYED.match(credit):
        message = {
            "Azerbaijani": "Azerbaijani figure relayed by {outlet}",
            "Russian": "Russian figure relayed by {outlet}",
        }
        return gettext(message[m["side"]], lang).format(outlet=m["outlet"])
    if m := _ORG_FIGURE.match(credit):
        return gettext("{org} figure from {label}", lang).format(org=m["org"], label=credit_in_lang(m["label"], lang))
    return credit.replace(", via ", gettext(", via ", lang))


# the connecting words of credit_text, for Babel's extraction (credit_in_lang translates them)
CREDIT_WORDS = (
    _("computed from {sources}"), _(" and "), _(" at {factor}"), _("Azerbaijani figure relayed by {outlet}"),
    _("Russian figure relayed by {outlet}"), _("{org} figure from {label}"), _(", via "),
)  # fmt: skip


def with_credits(observations: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``observations`` plus a ``credit`` column (see :func:`credit_text`) for every row."""
    recs = sources.astype(object).where(sources.notna(), None).to_dict(orient="records")
    index = {str(r["source_id"]): {str(k): v for k, v in r.items()} for r in recs}
    cols = [c for c in ("confidence", "source_id", "source_ids", "formula", "reporter") if c in observations]
    rows = observations[cols].astype(object).where(observations[cols].notna(), None).to_dict(orient="records")
    return observations.assign(credit=[credit_text(r, index) for r in rows])
