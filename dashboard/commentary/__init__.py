"""Chapter commentary bound to the data: placeholder syntax, resolver and renderer (pure functions).

The commentary of each report chapter is Markdown in ``dashboard/commentary/chapter-NN.md``; the
chapter titles are in ``dashboard/commentary/chapters.csv``. The text never types a figure: every
number is a placeholder that is resolved against the :class:`~dashboard.data.DataStore` when the
page is rendered, so the sentence follows the data. The syntax is one keyword and ``key=value``
arguments between double braces (quote values that contain spaces: ``subject="all bilateral
settlements"``):

``{{value indicator=ID year=YYYY [reporter=R] [subject=S] [edition=E] [source=SOURCE_ID]}}``
    the annual-series value of one year (kind ``series``, whole calendar year).
``{{value indicator=ID period=P [...]}}``
    the figure whose published period is exactly ``P`` (``2023``, ``2024-01..2024-05``, ``@2022-04``),
    statements and part-year figures included.
``{{change indicator=ID from=YYYY to=YYYY [reporter=R] [subject=S] [edition=E]}}``
    change between two annual values of one series, as the catalogue's ``change_type`` says
    (``percent``: per cent; ``percentage_points``: pp; ``absolute``: in the indicator's unit).
    Both values must come from the same source and edition; a change of an approximate value
    is approximate (``~``).
``{{latest indicator=ID [reporter=R] [subject=S] [edition=E]}}``
    the annual value of the latest year available.
``{{share5y supplier=NAME year=YYYY release=latest|EDITION|YYYY}}``
    a supplier's share of Azerbaijan's SIPRI TIV over the five-year window ending in ``year``
    (``arms_tiv_5y_share``). Windows are SIPRI's fixed, non-overlapping ones (2011–15, 2016–20: ``year``
    ends in 0 or 5); ``release=2025`` means the release with data to 2025.
``{{share10y supplier=NAME year=YYYY release=latest|EDITION|YYYY}}``
    the same over SIPRI's ten-year window ending in ``year`` (2011–20: ``year`` ends in 0;
    ``arms_tiv_10y_share``).
``{{count events [category=C] [layer=L] [from=YYYY] [to=YYYY]}}``
    the number of dated entries in the events table.

Every rendered number shows its unit and period and links to its citation (the source URL, with
publisher, edition and locator in the link's title). A placeholder that cannot be resolved (unknown
indicator, no value, several candidate values, malformed syntax) raises :class:`CommentaryError`
naming the file, the placeholder and the reason; nothing is ever rendered blank or as ``nan``.

Languages: each chapter also has ``chapter-NN.ru.md`` and ``chapter-NN.az.md`` with exactly the English
file's placeholders (keyword and arguments; a test compares the multisets), and ``chapters.csv`` carries the
titles in ``title_ru``/``short_title_ru``/``title_az``/``short_title_az``. ``render_markdown(..., lang)``,
``chapter_body(ch, data, lang)`` and ``commentary_panel(n, data, lang)`` render one language (default English;
an unknown language or a missing file is an error, never an English fallback). The words around a number
(units, who reported it, period, qualifier, "12 записей") come from the gettext catalogues through
:func:`~dashboard.commentary.words.t` / ``tn`` (:mod:`~dashboard.commentary.words`,
:mod:`~dashboard.commentary.periods`); numbers are formatted by :func:`dashboard.i18n.format_number`.
Citations (publisher, edition, locator) stay as published.

Flow: :func:`parse_placeholders` (``syntax``) -> :func:`resolve` (``resolve``, with the row look-ups
of ``lookup``) -> :func:`render_markdown` (``render``: Dash components through the one Markdown path,
:mod:`dashboard.markdown_view`). :func:`commentary_panel` (``chapter_files``) wraps one chapter for the
topic pages; ``dashboard.commentary`` re-exports the public names of every part.
"""

from __future__ import annotations

from dashboard.commentary.chapter_files import (
    CHAPTER_COUNT,
    CHAPTERS_FILE,
    CHAPTERS_HEADER,
    COMMENTARY_DIR,
    Chapter,
    chapter_body,
    chapters,
    commentary_file,
    commentary_panel,
    get_chapter,
    read_chapters,
)
from dashboard.commentary.lookup import (
    COUNTRY,
    Citation,
    Resolved,
    period_label,
)
from dashboard.commentary.periods import period_words
from dashboard.commentary.render import (
    render_markdown,
    render_number,
)
from dashboard.commentary.resolve import (
    RESOLVERS,
    TIMELINE_PATH,
    events_matching,
    resolve,
    resolve_text,
    share_releases,
)
from dashboard.commentary.syntax import (
    COUNT_TARGETS,
    KINDS,
    SHARE_5Y,
    SHARE_WINDOWS,
    YEAR_ARGS,
    CommentaryError,
    Placeholder,
    parse_placeholder,
    parse_placeholders,
)
from dashboard.markdown_view import plain_text

__all__ = [
    "CHAPTERS_FILE",
    "CHAPTERS_HEADER",
    "CHAPTER_COUNT",
    "COMMENTARY_DIR",
    "COUNTRY",
    "COUNT_TARGETS",
    "KINDS",
    "RESOLVERS",
    "SHARE_5Y",
    "SHARE_WINDOWS",
    "TIMELINE_PATH",
    "YEAR_ARGS",
    "Chapter",
    "Citation",
    "CommentaryError",
    "Placeholder",
    "Resolved",
    "chapter_body",
    "chapters",
    "commentary_file",
    "commentary_panel",
    "events_matching",
    "get_chapter",
    "parse_placeholder",
    "parse_placeholders",
    "period_label",
    "period_words",
    "plain_text",
    "read_chapters",
    "render_markdown",
    "render_number",
    "resolve",
    "resolve_text",
    "share_releases",
]
