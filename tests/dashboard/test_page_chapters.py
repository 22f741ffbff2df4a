"""Chapters page: chapter list, deep links, bad chapter ids, the event timeline and its category filter."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from dash import dcc, html

from dashboard.app import create_app
from dashboard.commentary import plain_text
from dashboard.data import DataStore
from dashboard.state import EVENT_CATEGORIES
from tests.dashboard.layout_walk import walk


@pytest.fixture(scope="module")
def chapters(data: DataStore) -> ModuleType:
    """The page module as Dash registers it (pages can only be imported once an app exists)."""
    create_app(store=data)
    return importlib.import_module("dashboard.pages.chapters")


def by_id(tree: Any, element_id: str) -> Any:
    found = [c for c in walk(tree) if getattr(c, "id", None) == element_id]
    assert len(found) == 1, f"{element_id}: {len(found)} found"
    return found[0]


def ids(tree: Any, prefix: str) -> list[str]:
    return [str(c.id) for c in walk(tree) if isinstance(getattr(c, "id", None), str) and c.id.startswith(prefix)]


def sections(tree: Any) -> list[str]:
    return ids(tree, "chapters-chapter-")


def event_rows(tree: Any, table_id: str) -> list[html.Tr]:
    table = by_id(tree, table_id)
    return [c for c in walk(table) if isinstance(c, html.Tr) and "data-event-id" in c.to_plotly_json()["props"]]


def row_category(row: html.Tr) -> str:
    return str(row.to_plotly_json()["props"]["data-category"])


def notice_text(tree: Any) -> str:
    return plain_text(by_id(tree, "chapters-notice"))


# ---------------------------------------------------------------- ids
@pytest.mark.parametrize("good", [str(n) for n in range(1, 12)])
def test_a_valid_chapter_id_opens_that_chapter_only(chapters, good):
    tree = chapters.layout(chapter_id=good)
    assert sections(tree) == [f"chapters-chapter-{good}"]
    assert notice_text(tree) == ""
    assert f"Report chapter {good}" in plain_text(tree)


@pytest.mark.parametrize(
    "bad",
    ["abc", "99", "-1", "0", "12", "1.5", "9/extra", "x" * 5000, "\u202e\u0000", "１", "٣", " ", "%20", "<b>9</b>"],
)
def test_a_bad_chapter_id_shows_a_notice_and_the_chapter_list(chapters, bad):
    tree = chapters.layout(chapter_id=bad)
    note = notice_text(tree)
    if bad.strip() == "":
        assert note == ""
    else:
        assert "There is no chapter" in note
        assert len(note) < 200
        assert "\u0000" not in note
    assert len(sections(tree)) == 11


def test_the_notice_quotes_the_bad_id(chapters):
    assert "There is no chapter 'abc'. The report has chapters 1–11" in notice_text(chapters.layout(chapter_id="abc"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (None, None)),
        ("", (None, None)),
        ("9", (9, None)),
        (" 9 ", (9, None)),
        ("9/", (9, None)),
        ("08", (8, None)),
        (["3", "4"], (3, None)),
        ([], (None, None)),
    ],
)
def test_parse_chapter_id(chapters, raw, expected):
    assert chapters.parse_chapter_id(raw) == expected


def test_the_chapter_id_may_also_arrive_as_a_repeated_query_parameter(chapters):
    tree = chapters.layout(chapter_id=["abc", "9"])
    assert "There is no chapter 'abc'" in notice_text(tree)


# --------------------------------------------------------------- list
def test_the_list_shows_all_eleven_chapters_with_commentary_and_the_full_timeline(chapters, data: DataStore):
    tree = chapters.layout()
    assert sections(tree) == [f"chapters-chapter-{n}" for n in range(1, 12)]
    for n in range(1, 12):
        assert plain_text(by_id(tree, f"chapters-commentary-{n}")).strip()
    assert len(event_rows(tree, "chapters-timeline-table")) == len(data.events)
    assert f"Showing {len(data.events)} of {len(data.events)} entries" in plain_text(tree)
    toc = by_id(tree, "chapters-toc")
    assert [c.href for c in walk(toc) if isinstance(c, dcc.Link)] == [f"/chapters/{n}" for n in range(1, 12)]


def test_timeline_rows_carry_date_category_title_description_and_a_source_link(chapters, data: DataStore):
    rows = event_rows(chapters.layout(), "chapters-timeline-table")
    ev = data.events.sort_values(["date_start", "event_id"]).iloc[0]
    first = rows[0]
    text = plain_text(first)
    for part in (ev["date"], ev["category"], ev["title"], ev["description"]):
        assert str(part) in text
    link = next(c for c in walk(first) if isinstance(c, html.A))
    assert link.href == data.source_index[str(ev["source_id"])]["url"]
    assert all(any(isinstance(c, html.A) for c in walk(r)) for r in rows)


@pytest.mark.parametrize("cats", [["conflict"], ["energy", "treaty"], ["humanitarian"]])
def test_the_category_filter_narrows_the_timeline(chapters, data: DataStore, cats):
    tree = chapters.layout(cats=",".join(cats))
    rows = event_rows(tree, "chapters-timeline-table")
    assert {row_category(r) for r in rows} == set(cats)
    assert len(rows) == int(data.events["category"].isin(cats).sum())
    assert notice_text(tree) == ""


def test_an_unknown_category_is_ignored_with_a_notice(chapters, data: DataStore):
    tree = chapters.layout(cats="conflict,<script>,weather")
    assert "Ignored unknown event categories" in notice_text(tree)
    rows = event_rows(tree, "chapters-timeline-table")
    assert {row_category(r) for r in rows} == {"conflict"}
    tree = chapters.layout(cats="weather")
    assert len(event_rows(tree, "chapters-timeline-table")) == len(data.events)


@pytest.mark.parametrize("hostile", ["", ",,,", "x" * 1000, ["conflict", "energy"], "conflict,conflict"])
def test_hostile_category_values_never_raise(chapters, hostile):
    tree = chapters.layout(cats=hostile)
    assert len(sections(tree)) == 11


def test_category_chips_toggle_their_category_in_the_url(chapters):
    tree = chapters.layout(cats="conflict")
    conflict = by_id(tree, "chapters-cat-conflict")
    energy = by_id(tree, "chapters-cat-energy")
    assert "active" in conflict.className
    assert conflict.href == "/chapters"
    assert parse_qs(urlparse(energy.href).query) == {"cats": ["conflict,energy"]}
    assert by_id(tree, "chapters-cat-all").href == "/chapters"
    assert len(ids(tree, "chapters-cat-")) == len(EVENT_CATEGORIES) + 1 + 0


def test_unknown_query_parameters_are_reported_not_fatal(chapters):
    tree = chapters.layout(year="2014")
    assert "Ignored unknown parameter 'year'" in notice_text(tree)


# ------------------------------------------------------- chapter parts
@pytest.mark.parametrize(("number", "page"), [(8, "/trade"), (9, "/energy"), (10, "/arms")])
def test_data_rich_chapters_show_one_linked_chart_with_a_source_line(chapters, data: DataStore, number, page):
    tree = chapters.layout(chapter_id=str(number))
    graph = by_id(tree, f"chapters-chart-{number}")
    assert isinstance(graph, dcc.Graph)
    fig = graph.figure
    assert any(len([y for y in t.y if y is not None]) > 5 for t in fig.data)
    assert fig.layout.yaxis.title.text is None  # the unit is an annotation (plotly off-screen title bug)
    assert any(a.name == "unit" for a in fig.layout.annotations)
    assert "Sources:" in plain_text(by_id(tree, f"chapters-chart-{number}-src"))
    links = [c.href for c in walk(by_id(tree, f"chapters-chapter-{number}")) if isinstance(c, dcc.Link)]
    assert page in links


def test_chapter_9_chart_draws_both_statistical_reviews_for_azerbaijan(chapters, data: DataStore):
    fig = by_id(chapters.layout(chapter_id="9"), "chapters-chart-9").figure
    names = [t.name for t in fig.data]
    assert names == ["BP Statistical Review 2021", "EI Statistical Review 2025"]
    ei = data.select("energy_oil_production_mt", "EI", "AZ")
    ys = {int(x): y for x, y in zip(fig.data[1].x, fig.data[1].y, strict=True)}
    assert ys[int(ei["year"].max())] == pytest.approx(float(ei["value"].iloc[-1]))


def test_chapter_10_chart_uses_the_latest_sipri_release(chapters, data: DataStore):
    fig = by_id(chapters.layout(chapter_id="10"), "chapters-chart-10").figure
    assert data.tiv_releases[0].split(", ", 1)[1] in fig.layout.title.text


@pytest.mark.parametrize("number", [1, 2, 3, 5, 7, 11])
def test_chapters_without_series_have_no_chart_and_point_to_their_events(chapters, data: DataStore, number):
    tree = chapters.layout(chapter_id=str(number))
    assert ids(tree, "chapters-chart-") == []
    rows = event_rows(tree, f"chapters-events-{number}")
    assert rows
    assert {row_category(r) for r in rows} <= set(chapters.CHAPTER_EVENTS[number])
    assert "Leans on dated events" in plain_text(tree) or number == 11


def test_each_chapter_lists_the_catalogue_indicators_of_its_chapter(chapters, data: DataStore):
    for number in range(1, 12):
        block = chapters.indicator_list(data, number)
        expected = data.catalogue[data.catalogue["chapter"] == number]
        text = plain_text(block)
        if expected.empty:
            assert "No indicator in the catalogue belongs to this chapter" in text
        else:
            for label, ind in zip(expected["label"], expected["indicator_id"], strict=True):
                assert str(label) in text and str(ind) in text


def test_chapter_pages_link_to_their_neighbours(chapters):
    first = plain_text(by_id(chapters.layout(chapter_id="1"), "chapters-pager"))
    last = plain_text(by_id(chapters.layout(chapter_id="11"), "chapters-pager"))
    assert "Chapter 2" in first and "Chapter 0" not in first
    assert "Chapter 10" in last and "Chapter 12" not in last


def test_the_page_exports_the_commentary_panel(chapters, data: DataStore):
    panel = chapters.commentary_panel(8)
    assert isinstance(panel, html.Details)
    assert panel.open is True


def test_chapter_9_lists_only_the_caspian_layer_of_its_categories(chapters, data: DataStore):
    rows = event_rows(chapters.layout(chapter_id="9"), "chapters-events-9")
    ev = data.events.set_index("event_id")
    event_ids = [str(r.to_plotly_json()["props"]["data-event-id"]) for r in rows]
    assert event_ids
    assert set(ev.loc[event_ids, "layer"]) == {"caspian"}
    expected = data.events[data.events["category"].isin(["energy", "treaty"]) & (data.events["layer"] == "caspian")]
    assert len(event_ids) == len(expected)


@pytest.mark.parametrize(
    ("chapter_id", "title"),
    [
        (None, "Chapters · RU–AZ Indicators"),
        ("9", "Chapter 9: The Caspian dimension · RU–AZ Indicators"),
        ("abc", "Chapters · RU–AZ Indicators"),
        ("x" * 5000, "Chapters · RU–AZ Indicators"),
    ],
)
def test_the_browser_title_names_the_chapter_of_a_deep_link(chapters, chapter_id, title):
    assert chapters.page_title(chapter_id=chapter_id) == title
