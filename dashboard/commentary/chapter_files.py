"""The report's chapters: chapters.csv, one commentary file per chapter, and the panel that shows one.

``dashboard/commentary/chapters.csv`` lists number, title, short title and related pages;
``chapter-NN.md`` holds each chapter's commentary (see :mod:`dashboard.commentary` for its syntax).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dash import dcc, html

from dashboard.commentary.render import render_markdown
from dashboard.commentary.syntax import CommentaryError
from dashboard.data import DataStore, store

COMMENTARY_DIR = Path(__file__).resolve().parent
CHAPTERS_FILE = "chapters.csv"
CHAPTERS_HEADER = ["number", "title", "short_title", "pages"]
CHAPTER_COUNT = 11


@dataclass(frozen=True)
class Chapter:
    """One report chapter: number, titles, related topic pages and its commentary Markdown."""

    number: int
    title: str
    short_title: str
    pages: tuple[str, ...]
    text: str
    source: str


def read_chapters(directory: Path = COMMENTARY_DIR) -> tuple[Chapter, ...]:
    """chapters.csv plus each chapter-NN.md; checks the header, numbering and that every file exists."""
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
        number, title, short, pages = row
        if not number.isdigit() or int(number) != line - 1:
            raise CommentaryError(str(path), f"line {line}", f"chapter number {number!r} out of sequence")
        md_path = directory / f"chapter-{int(number):02d}.md"
        if not md_path.is_file():
            raise CommentaryError(str(md_path), f"chapter {number}", "commentary file missing")
        chapters.append(
            Chapter(
                number=int(number),
                title=title.strip(),
                short_title=short.strip(),
                pages=tuple(p.strip() for p in pages.split(";") if p.strip()),
                text=md_path.read_text(encoding="utf-8"),
                source=md_path.name,
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


def chapter_body(ch: Chapter, data: DataStore) -> html.Div:
    """A chapter's commentary rendered against ``data``."""
    return html.Div(render_markdown(ch.text, data, ch.source), className="commentary-body")


def commentary_panel(chapter: int, data: DataStore | None = None) -> html.Details:
    """Collapsible commentary of one report chapter (open by default), for placing beside a topic page's charts."""
    ch = get_chapter(chapter)
    body = chapter_body(ch, data if data is not None else store())
    return html.Details(
        [
            html.Summary(f"Report chapter {ch.number}: {ch.title}"),
            body,
            html.Div(
                dcc.Link("Chapter page, related indicators and events", href=f"/chapters/{ch.number}"),
                className="commentary-more",
            ),
        ],
        open=True,
        className="commentary",
        id=f"commentary-{ch.number}",
    )
