"""Commentary Markdown with placeholders -> Dash components, every number resolved and cited.

The Markdown itself goes through the dashboard's one Markdown path,
:func:`dashboard.markdown_view.markdown_components`; this module adds the cited numbers.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.commentary.lookup import Resolved
from dashboard.commentary.resolve import resolve
from dashboard.commentary.syntax import PLACEHOLDER, CommentaryError, parse_placeholders
from dashboard.data import DataStore
from dashboard.markdown_view import TOKEN_RE, MarkdownError, markdown_components, token


def render_number(r: Resolved) -> html.Span:
    """A resolved number: value + unit linked to its citation, then period and reporter."""
    internal = r.href.startswith("/")
    if internal:
        link: Any = dcc.Link(r.text, href=r.href, title=r.title, className="num-link")
    else:
        link = html.A(r.text, href=r.href, title=r.title, target="_blank", rel="noopener noreferrer")
    children: list[Any] = [link, html.Span(f" ({r.context})", className="num-context")]
    seen = {r.href}
    for c in r.citations[1:]:
        if c.url and c.url not in seen:
            seen.add(c.url)
            children.append(
                html.Sup(
                    html.A(f"[{len(seen)}]", href=c.url, title=c.title(), target="_blank", rel="noopener noreferrer")
                )
            )
    data_attrs: dict[str, Any] = {"data-placeholder": r.placeholder.kind}
    return html.Span(children, className="num", **data_attrs)


def render_markdown(text: str, data: DataStore, source: str = "<text>", lang: str = "en") -> list[Any]:
    """Markdown with placeholders -> Dash components, every number resolved, cited and worded in ``lang``."""
    reserved = TOKEN_RE.search(text)
    if reserved:
        raise CommentaryError(source, reserved.group(0), "reserved token in commentary text")
    placeholders = parse_placeholders(text, source)
    numbers = [render_number(resolve(ph, data, source, lang)) for ph in placeholders]
    counter = iter(range(len(placeholders)))
    tokenized = PLACEHOLDER.sub(lambda _m: token(next(counter)), text)
    try:
        return markdown_components(tokenized, numbers, source)
    except MarkdownError as err:
        raise CommentaryError(err.source, err.item, err.reason) from err
