"""Languages: English, Russian, Azerbaijani (gettext catalogues read with Babel; pure helpers).

The catalogues are ``dashboard/locale/<lang>/LC_MESSAGES/<domain>.po``: ``messages`` for the pages and
``workbook`` for the Excel exports (its own template ``workbook.pot``, keywords ``w:2`` and ``wn``, see
:mod:`dashboard.workbook.words`); the pages' catalogue is extracted from the code with
``pybabel extract -F babel.cfg`` (keyword ``_``) and read directly (no compiled ``.mo`` to keep in step).
:func:`gettext` looks a message up; English is the source language, so an English message is itself.
:func:`ngettext` picks the plural form that agrees with a number by the catalogue's ``Plural-Forms`` rule
(Russian: three forms). The commentary renderer marks its messages with ``t``/``tn``
(:mod:`dashboard.commentary.words`); extraction needs ``-k t:2 -k tn:2,3`` besides ``_`` (README).
A message missing from, empty in, or fuzzy in a catalogue is a test failure
(``tests/dashboard/test_i18n.py``), never a silent fallback in the shipped catalogues.

Numbers and dates are formatted for display with Babel's CLDR data: decimal comma and a no-break space
for thousands in Russian and Azerbaijani (the issue's rule; CLDR's Azerbaijani grouping is a full stop,
which readers also misread as a decimal point), month names in the language. Exports keep numbers as
numbers: only the display changes.
"""

from __future__ import annotations

import datetime as dt
import gettext as _stdlib_gettext
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, wraps
from pathlib import Path
from typing import Any, TypeVar, cast

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGS = ("en", "ru", "az")
DEFAULT_LANG = "en"
LANG_NAMES = {"en": "English", "ru": "Русский", "az": "Azərbaycanca"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# gettext domains: the pages' messages, and the Excel workbooks' own catalogue (dashboard/workbook/words.py)
DEFAULT_DOMAIN = "messages"
DOMAINS = (DEFAULT_DOMAIN, "workbook")
NBSP = "\u00a0"
# The language of what is being rendered now: set once per layout (``app.in_page_lang``) and per server
# callback (``localized``), read by :func:`_` and :func:`tr`, so that chart builders need no ``lang`` argument.
_CURRENT: ContextVar[str] = ContextVar("ruaz_lang", default="en")


def catalogue_path(lang: str, domain: str = DEFAULT_DOMAIN) -> Path:
    """Where the catalogue of ``lang`` lives (``domain``: messages, or workbook for the Excel exports)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


@cache
def catalogue(lang: str, domain: str = DEFAULT_DOMAIN) -> Catalog:
    """The parsed catalogue of ``lang`` in ``domain`` (read once per process)."""
    with catalogue_path(lang, domain).open("rb") as fh:
        return read_po(fh, locale=lang, domain=domain)


@cache
def _messages(lang: str, domain: str = DEFAULT_DOMAIN) -> dict[str, str]:
    return {
        str(m.id): str(m.string)
        for m in catalogue(lang, domain)
        if isinstance(m.id, str) and m.id and m.string and not m.fuzzy
    }


@cache
def _plural_messages(lang: str) -> dict[str, tuple[str, ...]]:
    """Plural entries of ``lang``, keyed by their singular msgid (only complete, non-fuzzy ones)."""
    out: dict[str, tuple[str, ...]] = {}
    for m in catalogue(lang):
        forms = m.string
        if isinstance(m.id, tuple | list) and isinstance(forms, tuple | list) and not m.fuzzy and all(forms):
            out[str(m.id[0])] = tuple(str(s) for s in forms)
    return out


@cache
def _plural_rule(lang: str) -> Callable[[int], int]:
    """The catalogue's Plural-Forms expression as a function n -> form index."""
    return _stdlib_gettext.c2py(catalogue(lang).plural_expr)


def gettext(message: str, lang: str, domain: str = DEFAULT_DOMAIN) -> str:
    """``message`` in ``lang`` (English: the message itself; an unknown language: English)."""
    if lang not in LANGS or lang == DEFAULT_LANG:
        return message
    return _messages(lang, domain).get(message, message)


def current_lang() -> str:
    """The language being rendered now (English outside :func:`using_lang`)."""
    return _CURRENT.get()


@contextmanager
def using_lang(lang: str) -> Iterator[str]:
    """Render in ``lang`` inside the block (an unknown language is English)."""
    token = _CURRENT.set(lang if lang in LANGS else DEFAULT_LANG)
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


F = TypeVar("F", bound=Callable[..., Any])


def in_page_lang(layout: F) -> F:
    """A page layout rendered in the language of its ``lang=`` query (layout kwargs; English without one)."""

    @wraps(layout)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with using_lang(page_lang(kwargs)):
            return layout(*args, **kwargs)

    return cast(F, wrapper)


def in_state_lang(callback: F) -> F:
    """A server callback rendered in the language its page's state store carries (``"lang"``, put there by
    ``protocol.Selection.state``): the first dict argument naming one; English without."""

    @wraps(callback)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        named = [a["lang"] for a in (*args, *kwargs.values()) if isinstance(a, dict) and isinstance(a.get("lang"), str)]
        with using_lang(named[0] if named else DEFAULT_LANG):
            return callback(*args, **kwargs)

    return cast(F, wrapper)


def _(message: str) -> str:
    """``message`` in the language being rendered now. Also Babel's ``_`` keyword: a module-level
    ``X = _("...")`` stays English (modules load in English) and is translated where it is shown by
    :func:`tr`."""
    return gettext(message, _CURRENT.get())


def tr(message: str) -> str:
    """A message kept in a constant (marked with ``_`` for extraction) in the language being rendered now."""
    return gettext(message, _CURRENT.get())


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """The form of a message that agrees with ``n`` in ``lang`` (Russian has three: 1 запись, 2 записи,
    5 записей; English and Azerbaijani nouns after a numeral: singular for 1 / one form)."""
    if lang not in LANGS or lang == DEFAULT_LANG:
        return singular if n == 1 else plural
    forms = _plural_messages(lang).get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[min(_plural_rule(lang)(n), len(forms) - 1)]


def negotiate(requested: str | None, accept_language: str | None = None) -> str:
    """The language to serve: ``?lang=`` when it names one of ours, else the first of ru/az/en that the
    browser's Accept-Language names (by quality), else English."""
    if requested in LANGS:
        return str(requested)
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGS and quality > 0:
            ranked.append((-quality, i, primary))
    return sorted(ranked)[0][2] if ranked else DEFAULT_LANG


def page_lang(query: Mapping[str, object], accept_language: str | None = None) -> str:
    """The language of a page from its query (layout kwargs): ``lang=`` when it names one of ours, else the
    browser's Accept-Language, else English (an unknown ``lang=xx`` is English, never an error)."""
    raw = query.get("lang")
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else None
    return negotiate(raw if isinstance(raw, str) else None, accept_language)


def with_lang_query(href: str, lang: str) -> str:
    """An internal link that keeps the page's language (``/chapters/3`` -> ``/chapters/3?lang=ru``; English
    links stay as they are)."""
    if lang == DEFAULT_LANG or lang not in LANGS:
        return href
    return f"{href}{'&' if '?' in href else '?'}lang={lang}"


def format_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``value`` for display in ``lang`` with ``decimals`` decimals ("–" for no value)."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if lang == "en" or lang not in LANGS:
        return format_decimal(value, format=pattern, locale="en")
    text = format_decimal(value, format=pattern, locale="ru")  # decimal comma, no-break space groups
    return text.replace("\u202f", NBSP)


def format_date(value: dt.date, lang: str) -> str:
    """A date with the month name in ``lang`` (e.g. "5 March 2014", "5 марта 2014 г.", "5 mart 2014")."""
    locale = Locale.parse(lang if lang in LANGS else DEFAULT_LANG)
    return _babel_date(value, format="long", locale=locale)
