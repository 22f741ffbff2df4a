"""The report's chapters: chapters.csv, one commentary file per chapter and language, and the panel that shows one.

``dashboard/commentary/chapters.csv`` lists number, title, short title and related pages, then the
titles in Russian and Azerbaijani (``title_ru``, ``short_title_ru``, ``title_az``, ``short_title_az``;
none may be empty). ``chapter-NN.md`` holds each chapter's English commentary and
``chapter-NN.<lang>.md`` its Russian and Azerbaijani versions, with the same placeholders (see
:mod:`dashboard.commentary` for the syntax). A missing translation is an error when the chapters are
read, never a silent English fallback.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dash import dcc, html

from dashboard.commentary.render import render_markdown
from dashboard.commentary.syntax import CommentaryError
from dashboard.commentary.words import az_ordinal, t
from dashboard.data import DataStore, store
from dashboard.i18n import DEFAULT_LANG, LANGS, with_lang_query

COMMENTARY_DIR = Path(__file__).resolve().parent
CHAPTERS_FILE = "chapters.csv"
TRANSLATED = [lang for lang in LANGS if lang != DEFAULT_LANG]
CHAPTERS_HEADER = [
    "number",
    "title",
    "short_title",
    "pages",
    *(f"{col}_{lang}" for lang in TRANSLATED for col in ("title", "short_title")),
]
CHAPTER_COUNT = 11


@dataclass(frozen=True)
class Chapter:
    """One report chapter: number, titles, related topic pages and its commentary Markdown (English in
    ``title``/``text``; every language in ``titles``/``short_titles``/``texts``/``sources``)."""

    number: int
    title: str
    short_title: str
    pages: tuple[str, ...]
    text: str
    source: str
    titles: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    short_titles: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    texts: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    sources: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def title_in(self, lang: str) -> str:
        """The chapter's title in ``lang`` (KeyError for a language the report has no title in)."""
        return self.titles[lang]

    def short_title_in(self, lang: str) -> str:
        """The chapter's short title in ``lang``."""
        return self.short_titles[lang]


def commentary_file(directory: Path, number: int, lang: str) -> Path:
    """chapter-NN.md (English) or chapter-NN.<lang>.md."""
    suffix = "" if lang == DEFAULT_LANG else f".{lang}"
    return directory / f"chapter-{number:02d}{suffix}.md"


def read_chapters(directory: Path = COMMENTARY_DIR) -> tuple[Chapter, ...]:
    """chapters.csv plus each chapter-NN[.lang].md; checks the header, numbering, that no title is empty and
    that every language's file exists."""
    path = directory / CHAPTERS_FILE
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        if header != CHAPTERS_HEADER:
            raise CommentaryError(str(path), ",".join(header), f"header must be {','.join(CHAPTERS_HEADER)}")
        rows = list(reader)
    chapters = []
    for line, row in enumerate(rows, start=2):
        if len(row) != len(CHAPTERS_HEADER):
            raise CommentaryError(str(path), f"line {line}", f"expected {len(CHAPTERS_HEADER)} fields, got {len(row)}")
        cells = dict(zip(CHAPTERS_HEADER, (cell.strip() for cell in row), strict=True))
        number = cells["number"]
        if not number.isdigit() or int(number) != line - 1:
            raise CommentaryError(str(path), f"line {line}", f"chapter number {number!r} out of sequence")
        for column in CHAPTERS_HEADER:
            if column != "pages" and not cells[column]:
                raise CommentaryError(
                    str(path), f"line {line}, column {column}", "empty title: every language needs one"
                )
        titles = {lang: cells["title" if lang == DEFAULT_LANG else f"title_{lang}"] for lang in LANGS}
        shorts = {lang: cells["short_title" if lang == DEFAULT_LANG else f"short_title_{lang}"] for lang in LANGS}
        paths = {lang: commentary_file(directory, int(number), lang) for lang in LANGS}
        for lang, md_path in paths.items():
            if not md_path.is_file():
                raise CommentaryError(str(md_path), f"chapter {number}", f"commentary file missing (language {lang})")
        texts = {lang: md_path.read_text(encoding="utf-8") for lang, md_path in paths.items()}
        chapters.append(
            Chapter(
                number=int(number),
                title=titles[DEFAULT_LANG],
                short_title=shorts[DEFAULT_LANG],
                pages=tuple(p.strip() for p in cells["pages"].split(";") if p.strip()),
                text=texts[DEFAULT_LANG],
                source=paths[DEFAULT_LANG].name,
                titles=titles,
                short_titles=shorts,
                texts=texts,
                sources={lang: md_path.name for lang, md_path in paths.items()},
            )
        )
    if len(chapters) != CHAPTER_COUNT:
        raise CommentaryError(str(path), f"{len(chapters)} rows", f"the report has {CHAPTER_COUNT} chapters")
    return tuple(chapters)


@lru_cache(maxsize=1)
def chapters() -> tuple[Chapter, ...]:
    """The packaged chapters (read once, on first use)."""
    return read_chapters(COMMENTARY_DIR)


def get_chapter(number: int) -> Chapter:
    """One packaged chapter by number (ValueError when there is no such chapter)."""
    for ch in chapters():
        if ch.number == number:
            return ch
    raise ValueError(f"There is no report chapter {number!r}; chapters are 1–{CHAPTER_COUNT}.")


def chapter_body(ch: Chapter, data: DataStore, lang: str = DEFAULT_LANG) -> html.Div:
    """A chapter's commentary in ``lang`` rendered against ``data`` (KeyError for a language it lacks)."""
    return html.Div(render_markdown(ch.texts[lang], data, ch.sources[lang], lang), className="commentary-body")


def commentary_panel(chapter: int, data: DataStore | None = None, lang: str = DEFAULT_LANG) -> html.Details:
    """Collapsible commentary of one report chapter (open by default), for placing beside a topic page's charts."""
    ch = get_chapter(chapter)
    body = chapter_body(ch, data if data is not None else store(), lang)
    return html.Details(
        [
            html.Summary(
                t(
                    lang,
                    "Report chapter {number}: {title}",
                    number=ch.number,
                    number_ord=az_ordinal(ch.number),
                    title=ch.title_in(lang),
                )
            ),
            body,
            html.Div(
                dcc.Link(
                    t(lang, "Chapter page, related indicators and events"),
                    href=with_lang_query(f"/chapters/{ch.number}", lang),
                ),
                className="commentary-more",
            ),
        ],
        open=True,
        className="commentary",
        id=f"commentary-{ch.number}",
    )
