"""The /compare grid's texts in the language being rendered now (pure; the table itself stays English).

:func:`dashboard.queries.compare.compare_table` writes its texts in English: the comparison workbook reads
them (and translates them in its own domain). The grid shows the same rows in the page's language: indicator
labels from the catalogue, suppliers and units in words, "no data for <year>", the change words, the flags
and the coverage, numbers with the language's decimal mark. Values, ids and editions of other publishers stay
as they are; a SIPRI release is named as the other pages name it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from dashboard.commentary.periods import release_words
from dashboard.commentary.words import az_ordinal
from dashboard.figure_base import unit_words
from dashboard.i18n import DEFAULT_LANG, _, current_lang, format_number, tr

NO_DATA = re.compile(r"no data for (\d{4})")
NOT_DEFINED = re.compile(r"not defined \((\d{4}) is 0\)")
ONLY = re.compile(r"^(\d{4}) only$")
# a number as compare_table writes % and pp changes (f"{x:+,.1f}"): English separators
ENGLISH_NUMBER = re.compile(r"(?<![\d,.])[+-]?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d,.])")
TEXT_COLUMNS = ("text_a", "text_b", "abs_text")  # numbers already in the page's language (fmt_value)
CHANGE_COLUMNS = ("pct_text", "pp_text")  # numbers in English separators
# the English words of compare_table, marked for the catalogues
WORDS = {
    "absolute change only": _("absolute change only"),
    "no relative change": _("no relative change"),
    "not computed: different sources": _("not computed: different sources"),
    "both years": _("both years"),
    "neither year": _("neither year"),
    "different sources": _("different sources"),
}
FLAG_WORDS = {
    "computed": _("{side} computed"),
    "approximate": _("{side} approximate"),
    "lower bound": _("{side} lower bound"),
    "upper bound": _("{side} upper bound"),
    "range": _("{side} range"),
}


def local_text(text: object, english_numbers: bool = False) -> object:
    """One cell text of compare_table in the language being rendered now (None unchanged). With
    ``english_numbers`` its numbers are rewritten in the language's separators (1,234.5 -> 1 234,5)."""
    if not isinstance(text, str) or not text:
        return text
    if text in WORDS:
        return tr(WORDS[text])
    out = NO_DATA.sub(lambda m: _("no data for {year}").format(**_year(m)), text)
    out = NOT_DEFINED.sub(lambda m: _("not defined ({year} is 0)").format(**_year(m)), out)
    out = out.replace(" pp", f" {unit_words('pp')}")
    if english_numbers:
        out = ENGLISH_NUMBER.sub(_local_number, out)
    return out


def _year(match: re.Match[str]) -> dict[str, object]:
    """The fields a year message may use: the year, and its Azerbaijani ordinal form."""
    year = int(match.group(1))
    return {"year": year, "year_ord": az_ordinal(year)}


def _local_number(match: re.Match[str]) -> str:
    """An English-written number in the language being rendered now, its sign and decimals kept."""
    text = match.group(0)
    sign = text[0] if text[0] in "+-" else ""
    digits = text.lstrip("+-").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return sign + format_number(float(digits), current_lang(), decimals)


def local_flags(flags: object) -> object:
    """'A computed; B approximate; different sources' in the language being rendered now."""
    if not isinstance(flags, str) or not flags:
        return flags
    parts = []
    for flag in flags.split("; "):
        side, _sep, word = flag.partition(" ")
        if side in ("A", "B") and word in FLAG_WORDS:
            parts.append(tr(FLAG_WORDS[word]).format(side=side))
        else:
            parts.append(str(local_text(flag)))
    return "; ".join(parts)


def local_coverage(text: object) -> object:
    """'both years', '2014 only', 'neither year' in the language being rendered now."""
    if isinstance(text, str) and (m := ONLY.match(text)):
        return _("{year} only").format(**_year(m))
    return local_text(text)


def display_rows(table: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """``table`` with its shown texts in the language being rendered now (English: ``table`` itself).

    ``labels``: indicator id -> label in that language (``queries.i18n_labels.indicator_labels``)."""
    lang = current_lang()
    if lang == DEFAULT_LANG or table.empty:
        return table
    out = table.copy()
    out["label"] = [labels.get(str(i), str(lab)) for i, lab in zip(out["indicator"], out["label"], strict=True)]
    out["edition_source"] = [release_words(str(e), lang) if e else e for e in out["edition_source"]]
    out["subject"] = [tr(str(s)) if isinstance(s, str) and s else s for s in out["subject"]]
    out["unit"] = [unit_words(str(u)) for u in out["unit"]]
    for column in TEXT_COLUMNS:
        out[column] = out[column].map(local_text)
    for column in CHANGE_COLUMNS:
        out[column] = out[column].map(lambda text: local_text(text, english_numbers=True))
    out["flags"] = out["flags"].map(local_flags)
    out["status_text"] = out["status_text"].map(local_coverage)
    return out
