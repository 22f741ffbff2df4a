"""Citations: the publisher's page is the primary link, the copy read is a labelled second link."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import pytest

from dashboard.citation import citation_text, links
from dashboard.components import citation_items
from indicators.pipeline import DEFAULT_CLEAN
from indicators.schemas import is_github_url

# source_id prefix -> the publisher's own page that must be its primary link
PUBLISHER_PAGES = {
    "sipri-atdb-": "https://www.sipri.org/databases/armstransfers",
    "sipri-milex-": "https://www.sipri.org/databases/milex",
    "imf-dots-": "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85",
    "ei-sr-": "https://www.energyinst.org/statistical-review",
    "bp-sr-": "https://www.bp.com/en/global/corporate/energy-economics/statistical-review-of-world-energy.html",
}
PUBLISHER_DOMAINS = {
    "sipri-atdb-": "www.sipri.org",
    "sipri-milex-": "www.sipri.org",
    "imf-dots-": "data.imf.org",
    "ei-sr-": "www.energyinst.org",
    "bp-sr-": "www.bp.com",
}


def _prefix(source_id: str) -> str:
    return next(p for p in PUBLISHER_PAGES if source_id.startswith(p))


def test_every_source_read_from_github_links_its_publisher_first(data):
    src = data.sources
    assert not src["url"].map(is_github_url).any()
    copies = src[src["copy_url"].map(is_github_url)]
    # every copy in data/clean/sources.csv (IMF DOTS, SIPRI TIV tables, registers and Milex, EI, BP) is on GitHub
    assert len(copies) == pd.read_csv(DEFAULT_CLEAN / "sources.csv", dtype=str)["copy_url"].notna().sum() > 0
    assert src["copy_url"].dropna().map(is_github_url).all()
    for row in copies.itertuples(index=False):
        prefix = _prefix(str(row.source_id))
        assert urlsplit(str(row.url)).hostname == PUBLISHER_DOMAINS[prefix], row.source_id
        assert row.url == PUBLISHER_PAGES[prefix], row.source_id


@pytest.mark.parametrize(
    ("source_id", "cite"),
    [
        ("sipri-atdb-2024", "SIPRI Arms Transfers Database, March 2024 update"),
        ("sipri-atdb-2025", "SIPRI Arms Transfers Database, March 2025 update"),
        ("sipri-atdb-2022-rus", "SIPRI Arms Transfers Database, March 2022 update"),
        ("sipri-milex-2024", "SIPRI Military Expenditure Database, April 2024 release"),
        ("imf-dots-aze-2022", "IMF, Direction of Trade Statistics"),
        ("imf-dots-rus-2022", "IMF, Direction of Trade Statistics"),
        ("ei-sr-2025", "Energy Institute Statistical Review of World Energy 2025"),
        ("bp-sr-2021", "BP Statistical Review of World Energy 2021"),
    ],
)
def test_citation_text_is_the_publishers_requested_form(data, source_id, cite):
    assert citation_text(data.source_index[source_id]) == cite


def test_reprocessed_release_is_cited_as_such(data):
    cite = citation_text(data.source_index["sipri-atdb-2026"])
    assert cite.startswith("SIPRI Arms Transfers Database, 2026 update") and "third party" in cite


def test_a_news_item_is_cited_by_publisher_and_title(data):
    src = data.source_index["nordot-2024"]
    assert src["cite_as"] is None and src["copy_url"] is None
    assert citation_text(src) == (
        "State Customs Committee of Azerbaijan (cited by Eurasianet). "
        "Nordot (Eurasianet): news report relaying Azerbaijani official trade data"
    )
    assert links(src) == [("https://nordot.app/1138492690609045837?ncmp=post_rcmd",) * 2]


def _walk(component: Any) -> list[Any]:
    out = [component]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            out += _walk(child)
    return out


def _anchors(item: Any) -> list[Any]:
    return [c for c in _walk(item) if type(c).__name__ == "A"]


def test_citation_items_link_the_publisher_then_the_copy_read(data):
    frame = data.select("trade_az_to_ru", "AZ")
    [item] = citation_items(data.citations(frame[frame["year"] == 2014]))
    assert item.id == "cite-imf-dots-aze-2022"
    head = _walk(item)[1]
    assert head.children == "IMF, Direction of Trade Statistics"
    primary, copy = _anchors(item)
    assert primary.href == primary.children == "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85"
    assert copy.children == "copy read"
    assert copy.href == (
        "https://github.com/SamLeBlanc/Direction-of-Trade-Map/blob/"
        "a769819d9b25a21a362d6cabfb10f150903f834d/data/DOTS/DOTS_13.xlsx"
    )
    assert all(a.target == "_blank" and a.rel == "noopener noreferrer" for a in (primary, copy))


def test_citation_items_of_a_sipri_release_and_a_news_item(data):
    tiv = data.select(
        "arms_tiv_to_az", "SIPRI", "Russia", "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
    )
    [sipri] = citation_items(data.citations(tiv))
    assert _walk(sipri)[1].children == "SIPRI Arms Transfers Database, March 2025 update"
    primary, copy = _anchors(sipri)
    assert primary.href == "https://www.sipri.org/databases/armstransfers"
    assert (copy.children, copy.href) == (
        "copy read",
        "https://github.com/nagehanrdogan/Global-Arms-Trade-Network-Analysis-1995-2024-/blob/3bcd6c4/trade_register.csv",
    )
    [news] = citation_items([data.source_index["nordot-2024"]])
    [only] = _anchors(news)
    assert only.href == "https://nordot.app/1138492690609045837?ncmp=post_rcmd"
