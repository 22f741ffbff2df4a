"""Parsers for the text grammar of raw value and period cells (pure functions).

Value cells keep the qualifier the source used:

=================  ==========  ===========
text               qualifier   value_high
=================  ==========  ===========
``123.4``          exact
``-2.5``           exact
``~3000``          approximate
``>1000``          lower_bound
``<4.5``           upper_bound
``4300-4500``      range       4500
``none recorded``  none_recorded (SIPRI: no deliveries recorded; value missing)
free text          qualitative (only when the unit is ``text``)
=================  ==========  ===========

Period cells:

===========================  ==========================================
``2019``                     calendar year (the only full-year form)
``2019-03``                  month
``2019-03-05``               day
``2019-H1`` / ``2019-Q2``    half year / quarter
``A..B``                     from the start of A to the end of B
``A..``                      from the start of A, end not stated
``@X``                       point in time: as of the end of X (stocks)
trailing ``?``               the source did not state the period; it was inferred
===========================  ==========================================
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_NUM = r"\d+(?:\.\d+)?"
_VALUE_RE = re.compile(rf"^(?P<q>[~<>])?(?P<neg>-)?(?P<v>{_NUM})(?:-(?P<hi>{_NUM}))?$")


class ParseError(ValueError):
    """A cell does not follow the grammar; ``rule`` names the broken rule."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class ParsedValue:
    """A number (or text) with the qualifier the source attached to it."""

    value: float | None
    value_high: float | None
    qualifier: str
    text: str | None = None


def parse_value(text: str, unit: str) -> ParsedValue:
    """Parse a raw value cell; ``unit`` decides whether free text is allowed."""
    raw = text.strip()
    if raw != text:
        raise ParseError("value_format", f"value {text!r} has leading or trailing spaces")
    if unit == "text":
        if not raw:
            raise ParseError("value_missing", "a text value is empty")
        return ParsedValue(None, None, "qualitative", raw)
    if raw == "":
        raise ParseError("value_missing", "value is empty")
    if raw == "none recorded":
        return ParsedValue(None, None, "none_recorded")
    m = _VALUE_RE.match(raw)
    if m is None:
        raise ParseError(
            "value_format",
            f"value {raw!r} is not a number, ~number, >number, <number, low-high or 'none recorded'",
        )
    q, neg, v, hi = m.group("q"), m.group("neg"), m.group("v"), m.group("hi")
    value = float(v) * (-1.0 if neg else 1.0)
    if hi is not None:
        if q is not None or neg:
            raise ParseError("value_format", f"range {raw!r} cannot carry a qualifier or a sign")
        high = float(hi)
        if high <= value:
            raise ParseError("value_range_order", f"range {raw!r}: the upper end must exceed the lower end")
        return ParsedValue(value, high, "range")
    qualifier = {None: "exact", "~": "approximate", ">": "lower_bound", "<": "upper_bound"}[q]
    return ParsedValue(value, None, qualifier)


@dataclass(frozen=True)
class ParsedPeriod:
    """A period with explicit bounds; ``end`` is None for open-ended periods."""

    start: date
    end: date | None
    full_year: bool
    point_in_time: bool
    certain: bool

    @property
    def year(self) -> int | None:
        """Calendar year the period belongs to (the year of its end)."""
        return None if self.end is None else self.end.year


_YEAR = r"(?P<y>\d{4})"
_ATOM_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_SUB_RE = re.compile(r"^(\d{4})-(H[12]|Q[1-4])$")


def _atom_bounds(atom: str) -> tuple[date, date]:
    """First and last day covered by one period atom (year, month, day, H, Q)."""
    m = _SUB_RE.match(atom) or _ATOM_RE.match(atom)
    if m is None:
        raise ParseError("period_format", f"period part {atom!r} is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1 or YYYY-Q1")
    y = int(m.group(1))
    # the whole atom is checked: year 0000 is as invalid as month 13 (date() raises for both)
    try:
        if m.re is _SUB_RE:
            part = m.group(2)
            first_month = {"H1": 1, "H2": 7, "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10}[part]
            months = 6 if part.startswith("H") else 3
            last_month = first_month + months - 1
            return date(y, first_month, 1), date(y, last_month, calendar.monthrange(y, last_month)[1])
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError as exc:
        raise ParseError("period_format", f"period part {atom!r} is not a calendar date ({exc})") from exc


def parse_period(text: str) -> ParsedPeriod:
    """Parse a raw period cell into explicit bounds and flags."""
    raw = text
    if raw != raw.strip() or raw == "":
        raise ParseError("period_format", f"period {text!r} is empty or has surrounding spaces")
    certain = not raw.endswith("?")
    body = raw[:-1] if not certain else raw
    point = body.startswith("@")
    if point:
        body = body[1:]
        if ".." in body:
            raise ParseError("period_format", f"point-in-time period {text!r} cannot be a range")
        _, as_of = _atom_bounds(body)
        return ParsedPeriod(as_of, as_of, full_year=False, point_in_time=True, certain=certain)
    end: date | None
    if ".." in body:
        left, _, right = body.partition("..")
        start, _ = _atom_bounds(left)
        end = _atom_bounds(right)[1] if right else None
    else:
        start, end = _atom_bounds(body)
    if end is not None and start > end:
        raise ParseError("period_order", f"period {text!r} starts after it ends")
    full_year = (
        end is not None
        and start.month == 1
        and start.day == 1
        and end.month == 12
        and end.day == 31
        and start.year == end.year
        and re.fullmatch(_YEAR, body) is not None
    )
    return ParsedPeriod(start, end, full_year=full_year, point_in_time=False, certain=certain)
