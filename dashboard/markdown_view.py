"""Markdown to Dash components: the one Markdown dialect and path of the dashboard (pure functions).

Markdown written by this project (chapter commentary, statements tables built with :func:`md_text` and
:func:`md_link`) is converted by Python-Markdown (with pipe tables) to the small HTML subset it
produces, and that HTML is rebuilt as Dash components; it is never injected as raw HTML. Anything
outside the subset (raw ``<script>``, a ``javascript:`` link) raises :class:`MarkdownError`. Site
paths become ``dcc.Link`` (no page reload), web URLs open in a new tab.

Components that Markdown cannot express (a cited number) are passed in ``inline`` and stand in the
text as :func:`token` ``(i)``; :func:`plain_text` reads the visible text back (tests, summaries).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

import markdown
from dash import dcc, html

from dashboard.errors import LocatedError

TOKEN_RE = re.compile(r"QQPH(\d+)QQ")
TAGS: dict[str, Any] = {
    "p": html.P,
    "em": html.Em,
    "strong": html.Strong,
    "ul": html.Ul,
    "ol": html.Ol,
    "li": html.Li,
    "h3": html.H3,
    "h4": html.H4,
    "code": html.Code,
    "blockquote": html.Blockquote,
    "table": html.Table,
    "thead": html.Thead,
    "tbody": html.Tbody,
    "tr": html.Tr,
    "th": html.Th,
    "td": html.Td,
}
BLOCKS = (html.P, html.Li, html.H3, html.H4, html.Blockquote)
TABLE_PARTS = ("table", "thead", "tbody", "tr")
# Characters md_text escapes that Python-Markdown does not escape by itself.
EXTRA_ESCAPES = ("|", "~")


class MarkdownError(LocatedError):
    """Markdown that cannot become components: names the source, the offending item and the reason."""


# Markdown syntax a cell's text could trigger; '<' and '>' are left alone (an escaped '\\<' showed its
# backslash on screen) except where '<' could open an HTML tag or autolink, which becomes an entity.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_MD_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
_MD_SPACE = re.compile(r"[ \t\r\n]+")


def md_text(value: object) -> str:
    """Text safe inside a Markdown table cell (Markdown syntax escaped, no line breaks)."""
    # only line breaks and tabs collapse: the narrow no-break space inside '4 000' stays
    text = _MD_SPECIAL.sub(r"\\\1", _MD_SPACE.sub(" ", str(value)).strip())
    return _MD_TAG_OPEN.sub("&lt;", text)


def md_link(text: str, url: str, title: str = "") -> str:
    """A Markdown link; only http(s) URLs become links."""
    if not url.startswith(("http://", "https://")):
        return md_text(text)
    safe_title = title.replace('"', "'").replace("\n", " ")[:200]
    return f'[{md_text(text)}](<{url.replace(">", "%3E").replace(" ", "%20")}> "{safe_title}")'


def token(index: int) -> str:
    """The stand-in for ``inline[index]`` in Markdown text."""
    return f"QQPH{index}QQ"


class _Builder(HTMLParser):
    """Turns the small HTML subset Markdown produces into Dash components."""

    def __init__(self, inline: Sequence[Any], source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.inline = inline
        self.source = source
        self.stack: list[tuple[str, dict[str, str], list[Any]]] = [("root", {}, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.stack[-1][2].append(html.Br())
            return
        if tag not in TAGS and tag != "a":
            raise MarkdownError(self.source, f"<{tag}>", "Markdown element not supported in commentary")
        self.stack.append((tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            return
        name, attrs, children = self.stack.pop()
        if name != tag:
            raise MarkdownError(self.source, f"</{tag}>", f"unbalanced HTML from Markdown (open <{name}>)")
        if tag == "a":
            href = attrs.get("href", "")
            title = attrs.get("title") or None
            if href.startswith("/"):
                comp: Any = dcc.Link(children, href=href, title=title)
            elif href.startswith(("http://", "https://")):
                comp = html.A(children, href=href, title=title, target="_blank", rel="noopener noreferrer")
            else:
                raise MarkdownError(self.source, href, "links must be site paths (/...) or http(s) URLs")
        else:
            if tag in TABLE_PARTS:
                # Markdown's line breaks between rows and cells are not text (React refuses them there)
                children = [c for c in children if not (isinstance(c, str) and not c.strip())]
            comp = TAGS[tag](children)
        self.stack[-1][2].append(comp)

    def handle_data(self, data: str) -> None:
        out = self.stack[-1][2]
        pos = 0
        for m in TOKEN_RE.finditer(data):
            if m.start() > pos:
                out.append(data[pos : m.start()])
            out.append(self.inline[int(m.group(1))])
            pos = m.end()
        if pos < len(data):
            out.append(data[pos:])

    def result(self) -> list[Any]:
        if len(self.stack) != 1:
            raise MarkdownError(self.source, f"<{self.stack[-1][0]}>", "unclosed element in rendered Markdown")
        return [c for c in self.stack[0][2] if not (isinstance(c, str) and not c.strip())]


def markdown_components(text: str, inline: Sequence[Any] = (), source: str = "<text>") -> list[Any]:
    """Markdown -> Dash components; ``token(i)`` in ``text`` becomes ``inline[i]``."""
    converter = markdown.Markdown(extensions=["tables"], output_format="html")
    converter.ESCAPED_CHARS.extend(c for c in EXTRA_ESCAPES if c not in converter.ESCAPED_CHARS)
    builder = _Builder(inline, source)
    builder.feed(converter.convert(text))
    builder.close()
    return builder.result()


def plain_text(components: Any) -> str:
    """The visible text of rendered components, one line per block (for tests and summaries)."""
    if components is None:
        return ""
    if isinstance(components, str):
        return components
    if isinstance(components, list | tuple):
        return "".join(plain_text(c) for c in components)
    text = plain_text(getattr(components, "children", None))
    return text + "\n" if isinstance(components, BLOCKS) else text
