"""The workbooks' words in the reader's language: the ``workbook`` gettext domain (pure lookups).

The Excel exports keep their messages in their own catalogue, ``dashboard/locale/<lang>/LC_MESSAGES/
workbook.po`` (template ``dashboard/locale/workbook.pot``), apart from the pages' ``messages``, so the two
are extracted and merged independently. Messages are marked with ``w(lang, "message", **fields)`` (looked
up now) or ``wn("message")`` (a msgid looked up later, e.g. a column header); extraction (README,
"Translations")::

    pybabel extract -F babel.cfg --no-default-keywords -k w:2 -k wn --no-location --sort-output \\
        -o dashboard/locale/workbook.pot dashboard/workbook
    pybabel update -D workbook -i dashboard/locale/workbook.pot -d dashboard/locale --no-fuzzy-matching

What is translated: sheet names, column headers, the About sheet, notes, chart titles and axes, footers,
filter names and the pages' filter values; indicator labels come from the catalogue (``label_ru``,
``label_az``) and vocabulary codes from :func:`indicators.vocab_i18n.display`. What is not: numbers,
codes (indicator and source ids, editions), and citations (publisher names, source titles, cite_as).
Data-driven texts (sheet names with a year, the compare title) are matched by :data:`PATTERNS`.
"""

from __future__ import annotations

import re
from typing import Any

from dashboard.i18n import DEFAULT_LANG, gettext
from indicators.vocab_i18n import DISPLAY, display

DOMAIN = "workbook"


def w(lang: str, message: str, **fields: Any) -> str:
    """``message`` in ``lang`` from the workbook catalogue, with ``fields`` filled in."""
    text = gettext(message, lang, DOMAIN)
    return text.format(**fields) if fields else text


def wn(message: str) -> str:
    """Mark ``message`` for extraction; it is looked up later (:func:`word`)."""
    return message


# Column headers of every sheet (the frames' column names; years stay as they are).
HEADERS = (
    wn("% change"), wn("absolute change"), wn("category"), wn("change"), wn("change type"), wn("change unit"),
    wn("change_type"), wn("change_unit"), wn("cite_as"), wn("comment"), wn("confidence"), wn("copy_url"),
    wn("coverage"), wn("credit"), wn("date"), wn("date_end"), wn("date_note"), wn("date_precision"),
    wn("date_start"), wn("deal_id"), wn("delivery_years"), wn("description"), wn("edition"),
    wn("edition / source"), wn("event_id"), wn("factor"), wn("first_delivery"), wn("flags"), wn("formula"),
    wn("full_year"), wn("indicator"), wn("kind"), wn("label"), wn("last_delivery"), wn("latest change"),
    wn("latest year"), wn("layer"), wn("licence"), wn("locator"), wn("note"), wn("number_delivered"),
    wn("number_ordered"), wn("obs_id"), wn("order_year"), wn("outlet"), wn("parties"), wn("period"),
    wn("period_certain"), wn("period_end"), wn("period_start"), wn("point_in_time"), wn("pp change"),
    wn("previous"), wn("publisher"), wn("qualified years"), wn("qualifier"), wn("reporter"),
    wn("sipri_deal_id"), wn("source_id"), wn("source_ids"), wn("speaker"), wn("statement_id"), wn("status"),
    wn("subject"), wn("summary"), wn("supplier"), wn("ten-year change"), wn("title"), wn("tiv_delivered"),
    wn("tiv_per_unit"), wn("unit"), wn("unit_published"), wn("url"), wn("value"), wn("value_high"),
    wn("value_published"), wn("value_text"), wn("weapon_description"), wn("weapon_designation"), wn("year"),
    wn("change qualifier"), wn("raw_file"), wn("raw_line"),
)  # fmt: skip
KINDS = (wn("series"), wn("point"))  # an observation's kind: a series value or a point figure

# Sheet names (each translation at most 31 characters, none of []:*?/\ ; tests check it).
SHEETS = (
    wn("About"), wn("Data"), wn("Charts"), wn("Sources"), wn("Arms wide"), wn("Energy wide"), wn("Trade wide"),
    wn("Investment wide"), wn("Finance wide"), wn("Transport wide"), wn("Tourism wide"), wn("Events"),
    wn("Arms deals"), wn("Arms statements"), wn("Changes"), wn("Deals"), wn("Baku-Novorossiysk other"),
    wn("Gas flows other"), wn("Gas contracts"), wn("Lukoil"),
)  # fmt: skip

# The pages' workbook titles and the filters they describe (names and values).
TITLES = (
    wn("RU–AZ Indicators: bilateral trade"), wn("RU–AZ Indicators: Caspian energy"),
    wn("RU–AZ Indicators: arms transfers and military expenditure"), wn("RU–AZ Indicators: headline indicators"),
    wn("RU–AZ Indicators: full dataset"),
)  # fmt: skip
FILTER_NAMES = (
    wn("page"), wn("flow"), wn("oil unit"), wn("gas unit"), wn("sources"), wn("SIPRI release"), wn("scope"),
    wn("year A"), wn("year B"), wn("selected year"), wn("year range"),
)  # fmt: skip
FILTER_VALUES = (
    wn("Trade"), wn("Caspian energy"), wn("Arms"), wn("Overview"), wn("Compare years"), wn("Data & sources"),
    wn("every clean table"), wn("Goods turnover (exports + imports)"),
    wn("Goods Azerbaijan → Russia (AZ exports / RU imports)"),
    wn("Goods Russia → Azerbaijan (AZ imports / RU exports)"),
    wn("million tonnes"), wn("thousand barrels a day"), wn("TWh, primary energy"), wn("bcm, marketed"),
    wn("Official"), wn("none"),
)  # fmt: skip

# Subjects that are words rather than codes or proper names published as such (countries, pipelines, fields).
SUBJECTS = (
    wn("Belarus"), wn("Bosnia and Herzegovina"), wn("Bulgaria"), wn("China"), wn("Czechia"), wn("Georgia"),
    wn("Israel"), wn("Italy"), wn("Pakistan"), wn("Russia"), wn("Serbia"), wn("Slovakia"), wn("South Africa"),
    wn("Spain"), wn("Turkiye"), wn("Ukraine"), wn("United States"), wn("unknown"), wn("all suppliers"),
    wn("all suppliers (sum)"), wn("Baku–Novorossiysk"), wn("Shah Deniz"), wn("World→AZ"), wn("Baku–Supsa"),
    wn("Baku–Tbilisi–Ceyhan"), wn("AZ exports to RU"), wn("RU exports to AZ"), wn("all bilateral settlements"),
    wn("rouble only, all bilateral trade"), wn("rouble only, goods trade"), wn("money transfer systems"),
    wn("active"), wn("registered"), wn("operating"), wn("AZ→RU"), wn("RU→AZ"),
)  # fmt: skip

# The /compare sheet's words in its number columns (a missing side) and its coverage and flags columns.
COMPARE_WORDS = (wn("both years"), wn("neither year"), wn("absolute change only"), wn("no relative change"))
COMPARE_TEXT_COLUMNS = frozenset({"absolute change", "% change", "pp change", "coverage", "flags"})

# Register words: a deal's status and SIPRI weapon category, an event's date precision.
REGISTER_WORDS = (
    wn("Second hand"), wn("New"), wn("Second hand but modernized"), wn("Armoured vehicles"), wn("Missiles"),
    wn("Aircraft"), wn("Air defence systems"), wn("Artillery"), wn("Ships"), wn("Sensors"), wn("Satellites"),
    wn("Other"), wn("Engines"), wn("day"), wn("month"),
)  # fmt: skip
WORD_COLUMNS = frozenset({"status", "category", "date_precision"})

# Data-driven texts: a pattern of the English text and the msgid its named groups fill.
PATTERNS = (
    (re.compile(r"^Deals (?P<year>\d{4})$"), wn("Deals {year}")),
    (re.compile(r"^Energy figures (?P<year>\d{4})$"), wn("Energy figures {year}")),
    (re.compile(r"^Statements (?P<year>\d{4})$"), wn("Statements {year}")),
    (re.compile(r"^Comparison (?P<a>\d{4})-(?P<b>\d{4})$"), wn("Comparison {a}-{b}")),
    (re.compile(r"^obs_id (?P<year>\d{4})$"), wn("obs_id {year}")),
    (re.compile(r"^no data for (?P<year>\d{4})$"), wn("no data for {year}")),
    (re.compile(r"^(?P<year>\d{4}) only$"), wn("{year} only")),
    (re.compile(r"^(?P<side>[AB]) computed$"), wn("{side} computed")),
    (re.compile(r"^RU–AZ Indicators: (?P<a>\d{4}) compared with (?P<b>\d{4})$"),
     wn("RU–AZ Indicators: {a} compared with {b}")),
)  # fmt: skip
KNOWN = frozenset(
    (*HEADERS, *SHEETS, *TITLES, *FILTER_NAMES, *FILTER_VALUES, *SUBJECTS, *COMPARE_WORDS, *REGISTER_WORDS)
)
YEAR_LIKE = re.compile(r"^\d{4}$")

# Columns whose values are vocabulary codes, and the kind that names them (indicators.vocab_i18n).
VOCAB_COLUMNS = {
    "reporter": "reporter",
    "unit": "unit",
    "change unit": "unit",
    "change_unit": "unit",
    "qualifier": "qualifier",
    "change qualifier": "qualifier",
    "confidence": "confidence",
    "change type": "change_type",
    "change_type": "change_type",
    "layer": "event_layer",
    "category": "event_category",
}


def word(text: str, lang: str) -> str:
    """A known workbook text (header, sheet name, title, filter) in ``lang``; anything else as it is
    (a year, a code, a published name)."""
    if lang == DEFAULT_LANG or YEAR_LIKE.match(text):
        return text
    if text in KNOWN:
        return w(lang, text)
    for pattern, message in PATTERNS:
        match = pattern.match(text)
        if match:
            return w(lang, message, **match.groupdict())
    return text


def compare_text(value: Any, lang: str) -> Any:
    """A text of the /compare sheet in ``lang`` ("no data for 2013; no data for 2014": each part); numbers
    stay numbers."""
    if lang == DEFAULT_LANG or not isinstance(value, str):
        return value
    return "; ".join(word(part, lang) for part in value.split("; "))


def filter_value(text: str, lang: str) -> str:
    """A filter's value on the About sheet in ``lang``: a known text, a unit code by its name, or a list of
    them ("BP 2021, EI 2025, Official": editions stay as published, words are translated)."""
    out = word(text, lang)
    if out != text or lang == DEFAULT_LANG:
        return out
    if text in DISPLAY["unit"]:
        return display("unit", text, lang)
    return ", ".join(word(part, lang) for part in text.split(", ")) if ", " in text else text


def vocab_value(kind: str, value: Any, lang: str) -> Any:
    """A vocabulary code's display name in ``lang`` (English keeps the code: the workbook's data as before);
    a value that is not a code of ``kind`` (free text, blank, a number) stays as it is."""
    if lang == DEFAULT_LANG or not isinstance(value, str) or value not in DISPLAY.get(kind, {}):
        return value
    return display(kind, value, lang)


def subject_value(value: Any, lang: str) -> Any:
    """A subject in ``lang``: a reporter code (AZ, RU) by its name, a known word or place by the catalogue's."""
    if lang == DEFAULT_LANG or not isinstance(value, str):
        return value
    if value in DISPLAY["reporter"]:
        return display("reporter", value, lang)
    return w(lang, value) if value in SUBJECTS else value
