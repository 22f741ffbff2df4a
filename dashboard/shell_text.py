"""The shell's words in each language: nav labels, header and footer texts, the language switch.

Each message is a literal ``t(lang, ...)`` call so that Babel's extraction (README, "Translations") finds it;
the catalogues hold the Russian and Azerbaijani. The browser swaps these texts when ``?lang=`` changes
(``ruaz.shellLang`` in assets/linking.js), so the shell itself is rendered once.
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.commentary.words import t
from dashboard.i18n import LANGS

SWITCH_LABELS = {"en": "EN", "ru": "RU", "az": "AZ"}  # the switch shows language codes, the same in every language
SHELL_TEXT_IDS = ("brand-tagline", "copy-link-btn", "copy-link-label", "footer-note", "footer-data-link")


def page_name(name: str, lang: str) -> str:
    """A page's nav label (its registered English ``name``) in ``lang``."""
    names = {
        "Overview": t(lang, "Overview"),
        "Trade": t(lang, "Trade"),
        "Caspian energy": t(lang, "Caspian energy"),
        "Arms": t(lang, "Arms"),
        "Compare years": t(lang, "Compare years"),
        "Chapters": t(lang, "Chapters"),
        "Data & sources": t(lang, "Data & sources"),
        "Page not found": t(lang, "Page not found"),
    }
    return names[name]


def shell_texts(lang: str) -> dict[str, str]:
    """Element id -> text of the header and footer in ``lang`` (ids: :data:`SHELL_TEXT_IDS`)."""
    return {
        "brand-tagline": t(lang, "Data behind the RIAC / AIR Center report on 30 years of Russia–Azerbaijan relations"),
        "copy-link-btn": t(lang, "Copy link"),
        "copy-link-label": t(lang, "Link to this view"),
        "footer-note": t(lang, "Every figure is cited; click 'Sources' under a chart. TIV is not money. "),
        "footer-data-link": t(lang, "Data & sources"),
    }


def switch_title(lang: str) -> str:
    """The tooltip of the switch's link to ``lang``: the language's own name."""
    return {"en": "English", "ru": "Русский", "az": "Azərbaycanca"}[lang]


BRAND = "RU–AZ Indicators"  # the product's name, the same in every language (a proper name)


def document_titles(
    pages: Sequence[tuple[str, str]], chapters: Sequence[tuple[int, str, str]], lang: str
) -> dict[str, str]:
    """English browser title -> its ``lang`` version: each page's (``pages``: registered name and title,
    "Trade · RU–AZ Indicators") and each chapter's (``chapters``: number, English and ``lang`` short title;
    "Chapter 9: Energy · RU–AZ Indicators", as ``pages.chapters.page_title`` writes it)."""
    suffix = f" · {BRAND}"
    titles = {title: f"{page_name(name, lang)}{suffix}" if title.endswith(suffix) else title for name, title in pages}
    for number, english, short in chapters:
        titles[f"Chapter {number}: {english}{suffix}"] = (
            t(lang, "Chapter {number}: {title}", number=number, title=short) + suffix
        )
    return titles


def shell_i18n(
    nav_names: list[str],
    pages: Sequence[tuple[str, str]] = (),
    chapters: Sequence[tuple[int, str, dict[str, str]]] = (),
) -> dict[str, dict[str, object]]:
    """Per language: the nav labels (in nav order), the header/footer texts and the browser titles
    (:func:`document_titles`; ``chapters``: number, English short title, short title by language), as JSON
    for the browser."""
    return {
        lang: {
            "nav": [page_name(n, lang) for n in nav_names],
            "text": shell_texts(lang),
            "titles": document_titles(
                list(pages), [(n, en, by_lang.get(lang, en)) for n, en, by_lang in chapters], lang
            ),
        }
        for lang in LANGS
    }
