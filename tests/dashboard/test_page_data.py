"""Data & sources page: table selection, tampered parameters, sources links, report, the full-data workbook."""

from __future__ import annotations

import dataclasses
import importlib
import io
import json
import time
from pathlib import Path
from types import ModuleType

import openpyxl
import pandas as pd
import pytest
from dash import html, no_update
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.queries import data_tables
from tests.dashboard.layout_walk import find

CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean"
TABLE_FILES = ["observations", "changes", "catalogue", "sources", "events", "arms_deals", "arms_statements", "coverage"]


@pytest.fixture(scope="module")
def page(data: DataStore) -> ModuleType:
    """The page module (pages register themselves, so the app must exist before the import)."""
    create_app(store=data)
    return importlib.import_module("dashboard.pages.data_sources")


@pytest.fixture(scope="module")
def workbook(page: ModuleType, data: DataStore) -> openpyxl.Workbook:
    started = time.perf_counter()
    content = page.everything_workbook(data)
    print(f"\ndownload everything: {time.perf_counter() - started:.3f} s for {len(data.observations)} observations")
    return openpyxl.load_workbook(io.BytesIO(content))


def find_all(component: object, kind: type) -> list:
    """Every component of ``kind`` inside a Dash component tree."""
    found = [component] if isinstance(component, kind) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found += find_all(child, kind)
    return found


def texts(component: object) -> str:
    """All the text inside a Dash component tree."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(texts(c) for c in component)
    children = getattr(component, "children", None)
    return texts(children) if children is not None else ""


def test_every_clean_table_can_be_shown(page):
    assert list(page.TABLES) == TABLE_FILES


@pytest.mark.parametrize("name", TABLE_FILES)
def test_selecting_a_table_shows_all_its_rows_and_columns(page, data, name):
    on_disk = pd.read_csv(CLEAN / f"{name}.csv")
    rows, cols, caption, query, notice = page.show_table(name)
    assert len(rows) == len(on_disk)
    assert [c["field"] for c in cols] == list(on_disk.columns)
    assert query == {"table": name}
    assert notice.className == "notice-empty"
    assert caption.startswith(f"{len(on_disk):,}".replace(",", "\u202f") + " rows")


@pytest.mark.parametrize("name", TABLE_FILES)
def test_table_in_the_url_selects_it(page, name):
    layout = page.layout(table=name)
    assert find(layout, "data-table").value == name
    assert find(layout, "data-notice").className == "notice-empty"


@pytest.mark.parametrize(
    "value", ["nope", "<script>x</script>", "observations\u0000", "Observations", "x" * 5000, ["sources", "events"]]
)
def test_bad_table_parameter_gives_a_notice_and_the_default(page, value):
    layout = page.layout(table=value)
    if value == ["sources", "events"]:  # a repeated parameter: the first one counts
        assert find(layout, "data-table").value == "sources"
        return
    assert find(layout, "data-notice").className == "notice"
    assert find(layout, "data-table").value == page.DEFAULT_TABLE


@pytest.mark.parametrize("value", [None, 3, {"table": "sources"}, ["sources"], "../etc/passwd"])
def test_table_callback_rejects_garbage(page, value):
    rows, _cols, _caption, query, notice = page.show_table(value)
    assert query == {"table": page.DEFAULT_TABLE}
    assert "Unknown table" in texts(notice)
    assert len(rows) == len(page.table_frame(page.store(), page.DEFAULT_TABLE))


def test_grid_rows_are_json_ready(page, data):
    rows = data_tables.grid_rows(data.observations)
    first = rows[0]
    assert isinstance(first["period_start"], str)  # a date as YYYY-MM-DD
    assert first["full_year"] in ("true", "false")
    assert all(v is None or isinstance(v, str | int | float) for r in rows[:200] for v in r.values())


def test_sources_grid_renders_urls_as_links_opening_in_a_new_tab(page, data):
    cols = {c["field"]: c for c in data_tables.grid_columns(data.sources)}
    assert cols["url"]["cellRenderer"] == "markdown"
    assert cols["url"]["linkTarget"] == "_blank"
    rows = data_tables.grid_rows(data.sources)
    url = str(data.sources["url"].iloc[0])
    assert rows[0]["url"].endswith(f"](<{url}>)")


def test_sources_grid_shows_the_publisher_page_the_copy_read_and_the_citation(page, data):
    cols = {c["field"]: c for c in data_tables.grid_columns(data.sources)}
    assert cols["copy_url"]["cellRenderer"] == "markdown" and cols["copy_url"]["linkTarget"] == "_blank"
    assert "cellRenderer" not in cols["cite_as"]
    rows = {r["source_id"]: r for r in data_tables.grid_rows(data.sources)}
    dots = rows["imf-dots-aze-2022"]
    assert dots["url"] == data_tables.markdown_link("https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85")
    assert dots["copy_url"].endswith(
        "](<https://github.com/SamLeBlanc/Direction-of-Trade-Map/blob/"
        "a769819d9b25a21a362d6cabfb10f150903f834d/data/DOTS/DOTS_13.xlsx>)"
    )
    assert dots["cite_as"] == "IMF, Direction of Trade Statistics"
    assert rows["nordot-2024"]["copy_url"] is None


def test_markdown_link_escapes_the_text_and_only_http_urls_are_linked(page):
    assert data_tables.markdown_link("https://a.b/c_d*e") == r"[https://a\.b/c\_d\*e](<https://a.b/c_d*e>)"
    assert not data_tables.is_http_url("javascript:alert(1)")
    assert not data_tables.is_http_url("https://a.b/<script>")
    rows = data_tables.grid_rows(pd.DataFrame({"url": ["javascript:alert(1)", None]}))
    assert rows == [{"url": "javascript:alert(1)"}, {"url": None}]


def test_sources_list_has_a_real_link_for_every_source_grouped_by_publisher(page, data):
    block = page.sources_list(data)
    links = find_all(block, html.A)
    http = data.sources[data.sources["url"].str.match(r"^https?://", na=False)]
    assert len(links) == len(http)
    assert {a.href for a in links} == set(http["url"])
    assert all(a.target == "_blank" and "noopener" in a.rel for a in links)
    headings = [h.children for h in find_all(block, html.H3)]
    publishers = data.sources["publisher"].nunique()
    assert len(headings) == publishers
    assert headings == sorted(headings, key=str.casefold)


def test_report_shows_build_time_checks_warnings_sanity_and_row_counts(page, data):
    section = page.report_section(data)
    report = data.report
    assert find(section, "data-report-built-at").children == report["built_at"]
    # the shipped report (data/clean/validation_report.json): every schema check run passes, no soft-bound warnings
    shipped = json.loads((CLEAN / "validation_report.json").read_text(encoding="utf-8"))
    run = len(shipped["checks_run"])
    assert report["checks_passed"] == shipped["checks_passed"] == run > 0
    assert report["warnings"] == []
    assert find(section, "data-report-schema-checks").children == f"{run} run: {run} pass"
    sanity = texts(find(section, "data-sanity"))
    for check in report["sanity_checks"]:
        assert check["name"] in sanity
    counts = texts(find(section, "data-row-counts"))
    assert str(report["row_counts"]["observations"]) in counts
    coverage = find(section, "data-coverage")
    assert len(coverage.rowData) == len(report["coverage"]) == len(pd.read_csv(CLEAN / "coverage.csv"))


def status_words(component: object) -> list[str]:
    """The status labels (the bold words) inside a component tree, in order."""
    return [b.children for b in find_all(component, html.B) if b.className == "check-status"]


def test_warning_count_equals_the_warn_items_listed_on_the_shipped_report(page, data):
    report = data.report
    warn_checks = [c["name"] for c in report["sanity_checks"] if c["status"] == "warn"]
    # data/clean/validation_report.json: turnover_is_exports_plus_imports and sipri_release_revisions are
    # "warn", and the build recorded no schema plausibility warnings
    assert len(warn_checks) >= 2
    assert "turnover_is_exports_plus_imports" in warn_checks and "sipri_release_revisions" in warn_checks
    expected = len(warn_checks) + len(report["warnings"])
    section = page.report_section(data)
    assert find(section, "data-report-warnings").children == str(expected)
    listed = find(section, "data-warnings")
    assert isinstance(listed, html.Ul)
    assert len(listed.children) == expected
    assert status_words(listed) == ["warn"] * expected
    assert all(name in texts(listed) for name in warn_checks)
    assert "No warnings" not in texts(section)
    assert texts(find(section, "data-warnings-summary")).startswith(f"{expected} warnings: {len(warn_checks)} sanity")
    # the per-check statuses in the sanity table use the same words and agree with the count
    table_statuses = status_words(find(section, "data-sanity"))
    assert table_statuses == [data_tables.status_label(c["status"]) for c in report["sanity_checks"]]
    assert table_statuses.count("warn") == len(warn_checks)
    assert set(table_statuses) <= set(data_tables.STATUSES)
    sanity_summary = find(section, "data-report-sanity-checks").children
    assert f"{len(warn_checks)} warn" in sanity_summary


def test_not_applicable_check_says_so_in_words(page, data):
    section = page.report_section(data)
    # supplier_sum_vs_sipri_total compared 0 release-years in the shipped report
    check = next(c for c in data.report["sanity_checks"] if c["name"] == "supplier_sum_vs_sipri_total")
    assert check["status"] == "not_applicable"
    assert "not applicable" in status_words(find(section, "data-sanity"))
    assert "not_applicable" not in texts(section)
    assert "1 not applicable" in find(section, "data-report-sanity-checks").children


def test_one_warn_check_and_no_schema_warnings_reads_one_warning(page, data):
    report = {
        "built_at": "2026-01-01T00:00:00+00:00",
        "checks_run": ["raw:energy.csv:RawRecordSchema", "clean:observations:ObservationPlausibility (warnings)"],
        "checks_passed": 2,
        "warnings": [],
        "sanity_checks": [
            {"name": "a_check", "status": "pass", "tolerance": "±1%", "compared": 3, "message": "all within"},
            {"name": "b_check", "status": "warn", "tolerance": "±1%", "compared": 5, "message": "2 outside"},
            {"name": "c_check", "status": "not_applicable", "tolerance": "±1%", "compared": 0, "message": "none"},
        ],
    }
    section = page.report_section(dataclasses.replace(data, report=report))
    assert find(section, "data-report-warnings").children == "1"
    listed = find(section, "data-warnings")
    assert isinstance(listed, html.Ul) and len(listed.children) == 1
    assert "b_check" in texts(listed) and "2 outside" in texts(listed)
    assert "No warnings" not in texts(section)
    assert texts(find(section, "data-warnings-summary")) == (
        "1 warning: 1 sanity check marked warn, 0 schema plausibility warnings"
    )
    assert find(section, "data-report-schema-checks").children == "2 run: 2 pass"
    assert find(section, "data-report-sanity-checks").children == "3 run: 1 pass, 1 warn, 1 not applicable"
    assert status_words(find(section, "data-sanity")) == ["pass", "warn", "not applicable"]


def test_schema_warnings_count_and_mark_the_plausibility_check_warn(page, data):
    warning = {
        "file": "energy.csv",
        "row": 12,
        "column": "value",
        "value": "9999",
        "rule": "plausible_range",
        "message": "outside the catalogue's soft bounds",
    }
    report = {
        "checks_run": ["raw:energy.csv:RawRecordSchema", "clean:observations:ObservationPlausibility (warnings)"],
        "checks_passed": 2,
        "warnings": [warning],
        "sanity_checks": [{"name": "b_check", "status": "warn", "message": "2 outside"}],
    }
    section = page.report_section(dataclasses.replace(data, report=report))
    assert find(section, "data-report-warnings").children == "2"
    assert len(find(section, "data-warnings").children) == 2
    assert "energy.csv:12 column 'value' value '9999' breaks the soft bound 'plausible_range'" in texts(section)
    assert find(section, "data-report-schema-checks").children == "2 run: 1 pass, 1 warn"
    run = find(section, "data-checks-run")
    assert status_words(run) == ["pass", "warn", "warn"]  # two schema checks, then the sanity check
    assert "ObservationPlausibility (warnings)" in texts(run.children[1].children[1])


@pytest.mark.parametrize(
    "report",
    [
        {},
        {"built_at": None, "checks_run": "x", "warnings": "y", "sanity_checks": [1, "a", None], "coverage": "z"},
        {"sanity_checks": [{"name": "x", "details": "not a list"}], "row_counts": [1, 2]},
    ],
)
def test_an_incomplete_report_still_renders(page, data, report):
    broken = dataclasses.replace(data, report=report)
    section = page.report_section(broken)
    # none of these reports records a build time: the page says so instead of failing
    assert find(section, "data-report-built-at").children == "not recorded"


def test_download_callback_ignores_no_clicks(page):
    assert page.download(None) is no_update
    assert page.download(0) is no_update


def test_download_everything_has_the_documented_sheets(workbook):
    names = workbook.sheetnames
    assert names[:2] == ["About", "Data"]
    assert names[-1] == "Sources"
    assert {"Trade wide", "Energy wide", "Arms wide"} <= set(names)
    assert {"Events", "Arms deals", "Arms statements", "Changes"} <= set(names)


def test_download_everything_holds_every_observation_with_numbers_as_numbers(workbook, data):
    ws = workbook["Data"]
    assert ws.max_row - 1 == len(data.observations)
    header = [c.value for c in ws[1]]
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2))
    numbers = [r[col["value"]] for r in rows if r[col["value"]].value is not None]
    assert len(numbers) == data.observations["value"].notna().sum()
    assert all(c.data_type == "n" and isinstance(c.value, float | int) for c in numbers)
    years = [r[col["year"]].value for r in rows if r[col["year"]].value is not None]
    assert all(isinstance(y, int) for y in years)
    # TS0022: AZ exports to Russia in 2013, 1077.8444 USD million (data/raw/trade_series.csv)
    ts0022 = [
        r
        for r in rows
        if (r[col["indicator"]].value, r[col["reporter"]].value, r[col["period"]].value, r[col["locator"]].value)
        == (
            "trade_az_to_ru",
            "AZ",
            "2013",
            "sheet 'Exports, FOB', partner row 'Russian Federation' (sheet row 86), year column 2013",
        )
    ]
    assert len(ts0022) == 1
    assert ts0022[0][col["value"]].value == pytest.approx(1077.8444)
    assert workbook["Changes"].max_row - 1 == len(data.changes)
    assert workbook["Events"].max_row - 1 == len(data.events)
    assert workbook["Arms deals"].max_row - 1 == len(data.deals)
    assert workbook["Arms statements"].max_row - 1 == len(data.arms_statements)


def test_download_everything_sources_sheet_links_every_cited_source(workbook, data):
    ws = workbook["Sources"]
    header = [c.value for c in ws[1]]
    url_col = header.index("url")
    links = [r[url_col].hyperlink.target for r in ws.iter_rows(min_row=2) if r[url_col].hyperlink]
    cited = set()
    for frame, column in (
        (data.observations, "source_ids"),
        (data.events, "source_id"),
        (data.deals, "source_id"),
        (data.arms_statements, "source_id"),
    ):
        for ids in frame[column].dropna():
            cited.update(str(ids).split(";"))
    assert ws.max_row - 1 == len(data.sources[data.sources["source_id"].isin(cited)])
    assert len(links) > 0


def test_download_name_carries_the_build_date(page, data):
    assert page.download_stem(data) == f"all-data-{data.report['built_at'][:10]}"
    assert page.download_stem(dataclasses.replace(data, report={"built_at": "../../x"})) == "all-data"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.dictionaries(
        st.sampled_from(["table", "x", "_dash"]) | st.text(max_size=5),
        st.text(max_size=60) | st.lists(st.text(max_size=12), max_size=3),
    )
)
def test_any_query_string_renders_a_page(page, query):
    layout = page.layout(**query)
    assert find(layout, "data-table").value in page.TABLES


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.none() | st.integers() | st.text(max_size=20) | st.lists(st.text(max_size=5), max_size=2))
def test_any_table_callback_value_is_handled(page, value):
    _rows, _cols, _caption, query, _notice = page.show_table(value)
    assert query["table"] in page.TABLES
