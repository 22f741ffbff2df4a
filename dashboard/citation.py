"""How a source is cited: the line a user copies, in the form its publisher asks for.

Pure functions over one row of the clean sources table (a mapping, as in
``DataStore.source_index``). The publisher's requested form is data: the
``cite_as`` column of data/raw/sources.csv. Sources without it (news items,
official statements) are cited as "publisher. title".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dashboard.i18n import _, tr

COPY_LINK_TEXT = _("copy read")


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def citation_text(source: Mapping[str, Any]) -> str:
    """The citation line of a source: its ``cite_as`` when set, else 'publisher. title'."""
    cite = _text(source.get("cite_as"))
    if cite:
        return cite
    publisher, title = _text(source.get("publisher")), _text(source.get("title"))
    return ". ".join(p for p in (publisher, title) if p)


def links(source: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(text, href) of the source's links: the publisher's page first, then the copy that was read."""
    out: list[tuple[str, str]] = []
    url, copy_url = _text(source.get("url")), _text(source.get("copy_url"))
    if url:
        out.append((url, url))
    if copy_url:
        out.append((tr(COPY_LINK_TEXT), copy_url))
    return out
