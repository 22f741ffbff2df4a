"""The words of a rendered number in the reader's language: units, who reported it, qualifiers, counts.

Every user-visible string of the commentary renderer goes through :func:`t` or :func:`tn`, whose message
(the second argument; ``tn``: second and third) is extracted by Babel
(``pybabel extract -F babel.cfg -k t:2 -k tn:2,3``) into ``dashboard/locale/messages.pot``. English is
the source language: an English message formats to itself, so English output is unchanged. A Russian
or Azerbaijani message that is missing from the catalogue is a test failure
(``tests/dashboard/test_commentary_i18n.py``); a unit or subject the renderer has no words for raises
:class:`CommentaryError` in Russian and Azerbaijani rather than printing English.

Numbers use :func:`dashboard.i18n.format_number` (decimal comma, no-break space between thousands in
ru and az) with the digits every page uses (:func:`dashboard.figure_base.fmt_value`).
"""

from __future__ import annotations

from typing import Any

from dashboard.commentary.syntax import CommentaryError, Placeholder
from dashboard.i18n import format_number, gettext, ngettext

# Azerbaijani ordinal suffix after a number, by the last non-zero word read aloud (vowel harmony):
# bir/iki/beş/yeddi/səkkiz -ci, üç/dörd -cü, altı -cı, doqquz -cu; tens on -cu, iyirmi -ci, otuz -cu,
# qırx -cı, əlli -ci, altmış -cı, yetmiş -ci, səksən -ci, doxsan -cı; yüz -cü; min -ci.
_AZ_UNITS = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_AZ_TENS = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}


def az_ordinal(n: int) -> str:
    """'2022-ci', '2023-cü', '2010-cu', '2000-ci', '1990-cı' (Azerbaijani ordinal of a number)."""
    if n % 10:
        suffix = _AZ_UNITS[n % 10]
    elif n % 100:
        suffix = _AZ_TENS[(n % 100) // 10]
    elif n % 1000:
        suffix = "cü"  # yüz
    else:
        suffix = "ci"  # min
    return f"{n}-{suffix}"


def t(lang: str, message: str, **fields: Any) -> str:
    """``message`` in ``lang``, with ``{fields}`` filled in (a translation may leave some out)."""
    return gettext(message, lang).format(**fields)


def tn(lang: str, singular: str, plural: str, n: float, **fields: Any) -> str:
    """The form of ``singular``/``plural`` that agrees with ``n`` in ``lang``, with ``{fields}`` filled in.

    A fractional ``n`` takes the form of 2 (Russian: 2,5 человека; English: plural).
    """
    count = int(n) if float(n).is_integer() else 2
    return ngettext(singular, plural, count, lang).format(**fields)


def digits_for(value: float) -> int:
    """Decimals shown, as on every page: none from 1 000 or for a whole number, one from 10, else two."""
    return 0 if abs(value) >= 1000 or float(value).is_integer() else (1 if abs(value) >= 10 else 2)


def num(value: float, lang: str, decimals: int) -> str:
    """A number in ``lang``'s style."""
    return format_number(value, lang, decimals)


def unit_phrase(unit: str, value: float, number: str, lang: str, ph: Placeholder, source: str) -> str:
    """``number`` followed (or preceded) by ``unit`` in ``lang``; a unit without words raises."""
    simple = {
        "USD million": t(lang, "{num} USD million", num=number),
        "USD million (constant 2022)": t(lang, "{num} USD million (constant 2022)", num=number),
        "RUB million": t(lang, "{num} RUB million", num=number),
        "TIV million": t(lang, "{num} TIV million", num=number),
        "USD per tonne": t(lang, "{num} USD per tonne", num=number),
        "Mt": t(lang, "{num} Mt", num=number),
        "Mt/year": t(lang, "{num} Mt/year", num=number),
        "TWh": t(lang, "{num} TWh", num=number),
        "bcm": t(lang, "{num} bcm", num=number),
        "bcm/year": t(lang, "{num} bcm/year", num=number),
        "kb/d": t(lang, "{num} kb/d", num=number),
        "m3": t(lang, "{num} m3", num=number),
        "million barrels": t(lang, "{num} million barrels", num=number),
        "tonnes": t(lang, "{num} tonnes", num=number),
    }
    if unit in simple:
        return simple[unit]
    counted = {
        "persons": lambda: tn(lang, "{num} person", "{num} persons", value, num=number),
        "companies": lambda: tn(lang, "{num} company", "{num} companies", value, num=number),
        "containers": lambda: tn(lang, "{num} container", "{num} containers", value, num=number),
        "trips": lambda: tn(lang, "{num} trip", "{num} trips", value, num=number),
        "times": lambda: tn(lang, "{num} time", "{num} times", value, num=number),
    }
    if unit in counted:
        return counted[unit]()
    raise CommentaryError(source, ph.raw, f"unit {unit!r} has no words in language {lang!r}: add it to unit_phrase")


def value_phrase(row: Any, unit: str, lang: str, ph: Placeholder, source: str) -> str:
    """A row's value with qualifier sign and unit, e.g. "~5 000 млн долл. США" (the shape of value_text)."""
    qual = str(row.get("qualifier", "exact"))
    value = float(row["value"])
    if unit in ("percent", "%"):
        return t(lang, "{num}%", num=num(value, lang, 1)) if qual == "exact" else _prefixed(qual, value, unit, lang)
    if unit == "pp":
        return signed_phrase(value, 1, "percentage_points", unit, lang, ph, source)
    if unit == "rank":
        return t(lang, "#{num}", num=num(value, lang, 0))
    if unit == "ratio":
        return num(value, lang, 2)
    return _prefixed(qual, value, unit, lang, ph, source)


def _prefixed(
    qual: str, value: float, unit: str, lang: str, ph: Placeholder | None = None, source: str = "<text>"
) -> str:
    prefix = {"approximate": "~", "lower_bound": "> ", "upper_bound": "< "}.get(qual, "")
    if unit in ("percent", "%"):
        return prefix + t(lang, "{num}%", num=num(value, lang, 1))
    assert ph is not None
    return prefix + unit_phrase(unit, value, num(value, lang, digits_for(value)), lang, ph, source)


def range_phrase(low: float, high: float, unit: str, lang: str, ph: Placeholder, source: str) -> str:
    """'a–b unit' for a range figure."""
    if unit in ("percent", "%"):
        return t(lang, "{num}%", num=f"{num(low, lang, 1)}–{num(high, lang, 1)}")
    text = f"{num(low, lang, digits_for(low))}–{num(high, lang, digits_for(high))}"
    if unit == "ratio":
        return text
    if unit == "rank":
        return t(lang, "#{num}", num=text)
    return unit_phrase(unit, high, text, lang, ph, source)


def signed(value: float, lang: str, digits: int = 1) -> str:
    """'+23,7' / '−24,3' / '0,0' (a true minus sign; no sign for a change that rounds to zero)."""
    text = num(abs(value), lang, digits)
    if round(value, digits) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def signed_phrase(
    delta: float, digits: int, change_type: str, unit: str, lang: str, ph: Placeholder, source: str
) -> str:
    """A change with its sign and unit: per cent, percentage points or the indicator's unit."""
    if change_type == "percent":
        return t(lang, "{num}%", num=signed(delta, lang, digits))
    if change_type == "percentage_points":
        return t(lang, "{num} pp", num=signed(delta, lang, digits))
    return unit_phrase(unit, abs(delta), signed(delta, lang, digits), lang, ph, source)


def country(code: str, lang: str) -> str:
    """AZ / RU as a country name."""
    names = {"AZ": t(lang, "Azerbaijan"), "RU": t(lang, "Russia")}
    return names.get(code, code)


def subject_words(subject: str, lang: str, ph: Placeholder, source: str) -> str:
    """A row's subject as shown in a context ('Azerbaijan', 'Baku–Novorossiysk'); no words raises (ru, az)."""
    words = {
        "AZ": t(lang, "Azerbaijan"),
        "RU": t(lang, "Russia"),
        "Baku–Novorossiysk": t(lang, "Baku–Novorossiysk"),
        "Baku–Supsa": t(lang, "Baku–Supsa"),
        "Baku–Tbilisi–Ceyhan": t(lang, "Baku–Tbilisi–Ceyhan"),
        "AZ→RU": t(lang, "AZ→RU"),
        "RU→AZ": t(lang, "RU→AZ"),
        "INSTC western route": t(lang, "INSTC western route"),
        "INSTC whole corridor": t(lang, "INSTC whole corridor"),
        "all bilateral settlements": t(lang, "all bilateral settlements"),
    }
    if subject in words:
        return words[subject]
    if lang == "en":
        return subject
    raise CommentaryError(
        source, ph.raw, f"subject {subject!r} has no words in language {lang!r}: add it to subject_words"
    )


def reported_by(reporter: str, computed: bool, lang: str) -> str:
    """Who a figure is by: 'reported by AZ', 'computed here', 'reported by a third party'."""
    if reporter == "OTHER":
        return t(lang, "computed here") if computed else t(lang, "reported by a third party")
    phrases = {
        "AZ": t(lang, "reported by AZ"),
        "RU": t(lang, "reported by RU"),
        "BP": t(lang, "reported by BP"),
        "EI": t(lang, "reported by EI"),
        "EIA": t(lang, "reported by EIA"),
        "IEA": t(lang, "reported by IEA"),
        "GAZPROM": t(lang, "reported by GAZPROM"),
        "LUKOIL": t(lang, "reported by LUKOIL"),
        "SIPRI": t(lang, "reported by SIPRI"),
        "SOCAR": t(lang, "reported by SOCAR"),
        "TRANSNEFT": t(lang, "reported by TRANSNEFT"),
    }
    return phrases.get(reporter) or t(lang, "reported by {reporter}", reporter=reporter)


def qualifier_word(qualifier: str, lang: str) -> str:
    """'approximate', 'lower bound', 'upper bound', 'range' (empty for an exact figure)."""
    words = {
        "approximate": t(lang, "approximate"),
        "lower_bound": t(lang, "lower bound"),
        "upper_bound": t(lang, "upper bound"),
        "range": t(lang, "range"),
    }
    return words.get(qualifier, "")


def count_phrase(n: int, lang: str) -> str:
    """'12 dated entries' / '12 записей' / '12 tarixli qeyd'."""
    return tn(lang, "{num} dated entry", "{num} dated entries", n, num=num(n, lang, 0))


def change_context(y0: int, y1: int, who: str, lang: str) -> str:
    """'2013 to 2014, reported by AZ'."""
    return t(lang, "{start} to {end}, {who}", start=y0, end=y1, end_ord=az_ordinal(y1), who=who)
