"""The one Markdown path: commentary prose and statements tables become Dash components, one dialect."""

from __future__ import annotations

import pytest
from dash import dcc, html

from dashboard.data import DataStore
from dashboard.markdown_view import MarkdownError, markdown_components, md_link, md_text, plain_text, token
from dashboard.views import statements_for_year, statements_markdown
from tests.dashboard.layout_walk import walk


def test_md_text_escapes_read_back_as_the_original_text():
    raw = "~1 200 | a*b_c [x] #1 `q` \\ <b>"
    (para,) = markdown_components(md_text(raw))
    assert plain_text(para) == raw + "\n"


def test_a_statements_table_renders_one_row_per_statement_with_its_link(data: DataStore):
    frame = statements_for_year(data, ["trade_az_ru_turnover", "energy_oil_shipped_mbbl"], 2024)
    assert len(frame) > 0
    (table,) = markdown_components(statements_markdown(data, frame, "none"))
    assert isinstance(table, html.Table)
    rows = [c for c in walk(table) if isinstance(c, html.Tr)]
    assert [plain_text(c) for c in rows[0].children] == ["Period", "Indicator", "Reporter", "Value", "Source"]
    assert len(rows) == len(frame) + 1
    for row, (_, obs) in zip(rows[1:], frame.iterrows(), strict=True):
        cells = [plain_text(c) for c in row.children]
        assert cells[2] == obs["reporter"]
        url = str(data.source_index[str(obs["source_id"])].get("url") or "")
        links = [c for c in walk(row) if isinstance(c, html.A)]
        assert [a.href for a in links] == ([url] if url.startswith("http") else [])
        assert all(a.target == "_blank" and a.rel == "noopener noreferrer" for a in links)


def test_an_empty_statements_table_is_one_italic_line(data: DataStore):
    frame = statements_for_year(data, ["trade_az_ru_turnover"], 1900)
    (para,) = markdown_components(statements_markdown(data, frame, "No statements dated 1900."))
    assert isinstance(para, html.P) and isinstance(para.children[0], html.Em)
    assert plain_text(para) == "No statements dated 1900.\n"


def test_inline_components_stand_in_for_their_tokens():
    number = html.Span("42", className="num")
    (para,) = markdown_components(f"See {token(0)} and [trade](/trade).", [number])
    assert para.children[1] is number
    assert isinstance(para.children[3], dcc.Link) and para.children[3].href == "/trade"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<script>alert(1)</script>", "not supported"),
        ("[x](javascript:alert(1))", "links must be"),
        ("<img src=x>", "not supported"),
    ],
)
def test_anything_outside_the_subset_raises(text, reason):
    with pytest.raises(MarkdownError, match=reason):
        markdown_components(text, source="t.md")


def test_md_link_links_only_web_urls():
    assert md_link("a_b", "javascript:x") == "a\\_b"
    assert md_link("IMF", "https://x.org/a b", 'say "hi"') == "[IMF](<https://x.org/a%20b> \"say 'hi'\")"
