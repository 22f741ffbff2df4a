"""The /data page's words: table titles and descriptions, column headers, check statuses (marked for the
catalogue; pure lookups in the language being rendered).

The tables' titles and descriptions are their pandera models' (:func:`indicators.schemas.table_title`,
``table_description``); they are repeated here as literals so that Babel extracts them, and a test checks
that the two agree. Column headers are the workbook catalogue's (``dashboard/workbook/words.py``,
``HEADERS``) except the few it does not name (:data:`COLUMN_WORDS`).
"""

from __future__ import annotations

from dashboard.i18n import DEFAULT_LANG, _, gettext, tr

# The titles and descriptions of the clean tables (in the page's order), marked for the catalogue: the page
# shows them with ``tr`` (a test checks that they are the models' words, so the two cannot drift apart).
TABLE_WORDS = (
    _("Observations"),
    _(
        "Every figure, one row per value: indicator, reporter, period, value with its qualifier, canonical unit "
        "(and the value and unit as published), source, locator and confidence."
    ),
    _("Changes"),
    _("Year-on-year change of each annual series, computed per the catalogue's change type, with its formula."),
    _("Catalogue"),
    _(
        "One row per indicator: label, domain, report chapter, unit, change type, definition; label and "
        "definition also in Russian and Azerbaijani."
    ),
    _("Sources"),
    _(
        "Every source cited: publisher, title, outlet, the publisher's URL and the copy read, date, edition, "
        "how to cite it and terms of use."
    ),
    _("Events"),
    _("Dated political, economic and military events drawn on the charts, each with a source."),
    _("Arms deals"),
    _("SIPRI Trade Register entries for Azerbaijan, as transcribed, per release."),
    _("Arms statements"),
    _("Statements on arms sales with their speaker, value and source."),
    _("Coverage"),
    _("Indicator × reporter × subject × edition: years covered, part-year rows and row counts (last build)."),
)
# Column headers the workbook catalogue (dashboard/workbook/words.py HEADERS) does not name; the rest are its
COLUMN_WORDS = {
    "indicator_id": _("indicator id"),
    "domain": _("domain"),
    "chapter": _("chapter"),
    "measure": _("measure"),
    "definition": _("definition"),
    "plausible_min": _("plausible minimum"),
    "plausible_max": _("plausible maximum"),
    "label_ru": _("label (Russian)"),
    "label_az": _("label (Azerbaijani)"),
    "definition_ru": _("definition (Russian)"),
    "definition_az": _("definition (Azerbaijani)"),
    "origin": _("origin"),
    "years": _("years"),
    "n_years": _("number of years"),
    "first": _("first year"),
    "last": _("last year"),
    "part_year_rows": _("part-year rows"),
    "rows": _("rows"),
}
# the words a reader sees for the check statuses (and the kinds of warning and groups of checks)
WORDS = {
    "pass": _("pass"),
    "warn": _("warn"),
    "fail": _("fail"),
    "not applicable": _("not applicable"),
    "unknown": _("unknown"),
    "schema": _("schema"),
    "sanity": _("sanity"),
    "schema plausibility": _("schema plausibility"),
    "sanity check": _("sanity check"),
}
NOT_RECORDED = _("not recorded")


def column_header(name: str, lang: str) -> str:
    """A clean table's column name as a grid header in ``lang`` (English: the column name itself)."""
    if lang == DEFAULT_LANG:
        return name
    return gettext(COLUMN_WORDS[name], lang) if name in COLUMN_WORDS else gettext(name, lang, "workbook")


def word(key: str) -> str:
    """A status, warning kind or check group (:data:`WORDS`) in the language being rendered."""
    return tr(WORDS[key]) if key in WORDS else key
