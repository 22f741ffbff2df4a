"""Unit tests of the /data page's queries on hand-built reports and tiny frames."""

from __future__ import annotations

import dataclasses

import pandas as pd

from dashboard.data import DataStore
from dashboard.queries import data_tables as q

REPORT = {
    "checks_run": ["ObservationSchema", "ObservationSchema (warnings)"],
    "warnings": [
        {"file": "observations", "row": 7, "column": "value", "value": "99", "rule": "value <= 50", "message": "big"}
    ],
    "sanity_checks": [
        {"name": "a", "status": "pass"},
        {"name": "b", "status": "warn", "message": "off by 2"},
        {"name": "c", "status": "not_applicable"},
        {"name": "d", "status": "error"},
        "not a mapping",
    ],
}


def test_check_statuses_map_every_check_onto_the_page_vocabulary() -> None:
    assert q.check_statuses(REPORT) == [
        q.CheckStatus("schema", "ObservationSchema", "pass"),
        q.CheckStatus("schema", "ObservationSchema (warnings)", "warn"),
        q.CheckStatus("sanity", "a", "pass"),
        q.CheckStatus("sanity", "b", "warn"),
        q.CheckStatus("sanity", "c", "not applicable"),
        q.CheckStatus("sanity", "d", "fail"),
    ]
    # no warnings: the plausibility check passed
    assert q.check_statuses({**REPORT, "warnings": []})[1].status == "pass"


def test_warning_count_from_a_hand_built_report() -> None:
    items = q.warning_items(REPORT)
    assert items == [
        q.WarningItem(
            "schema plausibility",
            "value <= 50",
            "observations:7 column 'value' value '99' breaks the soft bound 'value <= 50': big",
        ),
        q.WarningItem("sanity check", "b", "off by 2"),
    ]
    assert q.warnings_summary(items) == "2 warnings: 1 sanity check marked warn, 1 schema plausibility warning"
    assert q.warnings_summary([]) == "0 warnings: 0 sanity checks marked warn, 0 schema plausibility warnings"


def test_status_counts_per_group() -> None:
    statuses = q.check_statuses(REPORT)
    assert q.status_counts(statuses, "schema") == "2 run: 1 pass, 1 warn"
    assert q.status_counts(statuses, "sanity") == "4 run: 1 pass, 1 warn, 1 fail, 1 not applicable"
    assert q.status_counts([], "sanity") == "0 run"


def test_grid_rows_of_a_tiny_frame() -> None:
    frame = pd.DataFrame(
        {
            "d": pd.to_datetime(["2020-01-02", None]),
            "b": pd.Series([True, False], dtype="boolean"),
            "url": ["https://a.b/c", "ftp://x"],
            "n": [1.5, None],
        }
    )
    assert q.grid_rows(frame) == [
        {"d": "2020-01-02", "b": "true", "url": "[https://a\\.b/c](<https://a.b/c>)", "n": 1.5},
        {"d": None, "b": "false", "url": "ftp://x", "n": None},
    ]
    kinds = {c["field"]: c["filter"] for c in q.grid_columns(frame)}
    assert kinds == {
        "d": "agTextColumnFilter",
        "b": "agTextColumnFilter",
        "url": "agTextColumnFilter",
        "n": "agNumberColumnFilter",
    }


def test_row_counts_flag_a_table_whose_loaded_rows_differ(data: DataStore) -> None:
    report = {"row_counts": {"events": len(data.events) + 1, "sources": len(data.sources), "extra": 3}}
    counts = {r.name: r for r in q.row_counts(dataclasses.replace(data, report=report))}
    assert counts["events"].differs and counts["events"].loaded == len(data.events)
    assert not counts["sources"].differs
    assert counts["extra"] == q.RowCount("extra", 3, None) and not counts["extra"].differs
    assert counts["observations"].built is None
    # the page's tables first, in TABLES order, then the others
    assert list(counts)[-1] == "extra"
    assert q.table_caption(pd.DataFrame({"x": range(1234)}), "events").startswith("1\u202f234 rows · ")
