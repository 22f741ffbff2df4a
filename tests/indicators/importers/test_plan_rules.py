"""The release rules of :func:`indicators.importers.plan.plan_import`, on tiny hand-built frames.

Same release, overlapping figures equal -> only the rows data/raw lacks are imported (own source row);
a differing figure, a figure data/raw holds and the file lacks, a figure against SIPRI's "none recorded",
or another imported file of the release -> refused. Figures are compared exactly: a whole-number TIV
table against unrounded register sums is refused. Deals are compared within one export format only.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from indicators.importers.model import ParsedFile, Release
from indicators.importers.plan import Plan, plan_import
from indicators.load import RAW_FILES

EDITION = "BP Statistical Review 2021 (data to 2020)"
ATDB = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
SHA = "a" * 64
OTHER_SHA = "b" * 64


def release(product: str, edition: str, variant: str = "") -> Release:
    return Release("publisher", product, "title", edition, None, "https://example.org/", "cite", variant)


def sources(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(source_id, edition, note) rows in the sources.csv layout."""
    frame = pd.DataFrame([dict.fromkeys(RAW_FILES["sources.csv"], "") for _ in rows])
    for i, (sid, edition, note) in enumerate(rows):
        frame.loc[i, ["source_id", "edition", "note"]] = [sid, edition, note]
    return frame


def records(prefix: str, source_id: str, rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(subject, period, value, unit) energy-style rows of indicator ``x`` reported by BP."""
    return pd.DataFrame(
        [
            {
                "record_id": f"{prefix}{i + 1:04d}",
                "indicator": "x",
                "reporter": "BP",
                "subject": subject,
                "period": period,
                "value": value,
                "unit": unit,
                "source_id": source_id,
                "locator": "hand-entered",
                "confidence": "statistical_review",
                "note": "",
            }
            for i, (subject, period, value, unit) in enumerate(rows)
        ]
    )


def parsed_records(rel: Release, rows: list[tuple[str, str, str, str]], table: str = "energy") -> ParsedFile:
    frame = records("XX", "", rows).drop(columns=["record_id", "source_id"])
    frame["locator"] = "file row"
    return ParsedFile("fmt", rel, {table: frame})


def plan(parsed: ParsedFile, existing: pd.DataFrame, srcs: pd.DataFrame, table: str = "energy.csv") -> Plan:
    return plan_import(parsed, {"sources.csv": srcs, table: existing}, RAW_FILES, "file.csv", SHA)


BP_RAW = records("EN", "bp-sr-2021", [("AZ", "1990", "12.5", "Mt"), ("AZ", "1991", "11.7", "Mt")])
BP_SOURCES = sources(("bp-sr-2021", EDITION, "OWID copy"))


def test_same_figures_and_earlier_years_import_only_the_years_data_raw_lacks_under_their_own_source() -> None:
    rows = [("AZ", "1989", "13.0", "Mt"), ("AZ", "1990", "12.5", "Mt"), ("AZ", "1991", "11.7", "Mt")]
    result = plan(parsed_records(release("bp-sr", EDITION, "panel"), rows), BP_RAW, BP_SOURCES)
    assert result.status == "new"
    assert result.source_id == "bp-sr-2021-panel"
    assert list(result.rows["energy.csv"]["period"]) == ["1989"]
    assert list(result.rows["energy.csv"]["record_id"]) == ["EN0003"]
    assert result.source_row["edition"] == EDITION and SHA in result.source_row["note"]
    assert "every figure both hold agrees exactly" in result.message


def test_same_figures_and_nothing_more_is_already_present() -> None:
    rows = [("AZ", "1990", "12.5", "Mt"), ("AZ", "1991", "11.7", "Mt")]
    result = plan(parsed_records(release("bp-sr", EDITION), rows), BP_RAW, BP_SOURCES)
    assert (result.status, result.same_release) == ("already", ["bp-sr-2021"])


def test_a_differing_figure_refuses_the_additions_too() -> None:
    rows = [("AZ", "1989", "13.0", "Mt"), ("AZ", "1990", "12.5", "Mt"), ("AZ", "1991", "11.8", "Mt")]
    result = plan(parsed_records(release("bp-sr", EDITION), rows), BP_RAW, BP_SOURCES)
    assert result.status == "conflict"
    assert result.differences == ["energy: x / BP / AZ / 1991: data/raw has 11.7 Mt, the file has 11.8 Mt"]


def test_a_figure_data_raw_holds_and_the_file_lacks_is_a_difference() -> None:
    rows = [("AZ", "1989", "13.0", "Mt"), ("AZ", "1990", "12.5", "Mt")]
    result = plan(parsed_records(release("bp-sr", EDITION), rows), BP_RAW, BP_SOURCES)
    assert result.status == "conflict"
    assert result.differences == ["energy: x / BP / AZ / 1991: data/raw has 11.7 Mt, the file has no figure"]


def test_a_figure_where_data_raw_says_none_recorded_is_a_difference_not_an_addition() -> None:
    existing = pd.concat([BP_RAW, records("EN", "bp-sr-2021", [("AZ", "1989", "none recorded", "Mt")])])
    existing["record_id"] = ["EN0001", "EN0002", "EN0003"]
    rows = [("AZ", "1989", "13.0", "Mt"), ("AZ", "1990", "12.5", "Mt"), ("AZ", "1991", "11.7", "Mt")]
    result = plan(parsed_records(release("bp-sr", EDITION), rows), existing, BP_SOURCES)
    assert result.status == "conflict"
    assert result.differences == ["energy: x / BP / AZ / 1989: in the file (13.0 Mt), not in data/raw"]


def test_another_imported_file_of_the_release_is_refused_even_with_the_same_figures() -> None:
    srcs = sources(("bp-sr-2021", EDITION, f"file other.csv, sha256 {OTHER_SHA}"))
    rows = [("AZ", "1990", "12.5", "Mt"), ("AZ", "1991", "11.7", "Mt")]
    result = plan(parsed_records(release("bp-sr", EDITION), rows), BP_RAW, srcs)
    assert result.status == "conflict"
    assert result.differences[0] == f"sources.csv: bp-sr-2021 was imported from another file (sha256 {OTHER_SHA})"


def test_a_taken_source_id_gets_a_counter() -> None:
    srcs = sources(("bp-sr-2021", "BP Statistical Review 2021, another text", "hand-entered"))
    result = plan(parsed_records(release("bp-sr", EDITION), [("RU", "1990", "516.0", "Mt")]), BP_RAW, srcs)
    assert (result.status, result.source_id) == ("new", "bp-sr-2021-2")


def test_a_whole_number_tiv_table_against_unrounded_sums_of_the_release_is_refused_not_rounded() -> None:
    existing = records("AT", "sipri-atdb-2024", [("Russia", "2010", "3.4", "TIV million")])
    srcs = sources(("sipri-atdb-2024", ATDB, "sums of the per-delivery export"))
    parsed = parsed_records(release("sipri-atdb", ATDB, "russia"), [("Russia", "2010", "3", "TIV million")], "arms_tiv")
    result = plan(parsed, existing, srcs, "arms_tiv.csv")
    assert result.status == "conflict"
    assert result.differences == [
        "arms_tiv: x / BP / Russia / 2010: data/raw has 3.4 TIV million, the file has 3 TIV million"
    ]


def deals(sid: str, rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(designation, category, sipri_deal_id) deal rows; every other column fixed."""
    frame = pd.DataFrame([dict.fromkeys(RAW_FILES["arms_deals.csv"], "") for _ in rows])
    for i, (designation, category, deal_id) in enumerate(rows):
        frame.loc[i, ["deal_id", "source_id", "supplier", "weapon_designation", "category", "sipri_deal_id"]] = [
            f"D{i + 1:03d}",
            sid,
            "Russia",
            designation,
            category,
            deal_id,
        ]
    return frame


def parsed_deals(variant: str, rows: list[tuple[str, str, str]]) -> ParsedFile:
    return ParsedFile("fmt", release("sipri-atdb", ATDB, variant), {"arms_deals": deals("", rows).iloc[:, 2:]})


REGISTER_RAW = deals("sipri-atdb-2024-register", [("T-72M1", "Armoured vehicles", ""), ("Mi-17", "Aircraft", "")])
ATDB_SOURCES = sources(("sipri-atdb-2024-register", ATDB, "hand-entered from the register"))


def test_register_deals_match_a_hand_entered_register_on_the_columns_the_register_fills() -> None:
    result = plan(parsed_deals("register", [("T-72M1", "", ""), ("Mi-17", "", "")]), REGISTER_RAW, ATDB_SOURCES,
                  "arms_deals.csv")  # fmt: skip
    assert (result.status, result.same_release) == ("already", ["sipri-atdb-2024-register"])


def test_per_delivery_deals_are_not_compared_with_the_register_of_the_release() -> None:
    rows = [("T-72M1", "Armoured vehicles", "50412"), ("Mi-17V-5", "Aircraft", "50413")]
    result = plan(parsed_deals("transfers", rows), REGISTER_RAW, ATDB_SOURCES, "arms_deals.csv")
    assert (result.status, result.source_id) == ("new", "sipri-atdb-2024-03-transfers")
    assert list(result.rows["arms_deals.csv"]["deal_id"]) == ["D003", "D004"]


def test_register_deals_joining_an_edition_with_per_delivery_deals_say_which_deals_arms_lists() -> None:
    existing = deals("sipri-atdb-2024", [("T-72M1", "Armoured vehicles", "50412")])
    srcs = sources(("sipri-atdb-2024", ATDB, "hand-entered from the per-delivery export"))
    result = plan(parsed_deals("register", [("T-72M1", "", "")]), existing, srcs, "arms_deals.csv")
    assert result.status == "new"
    assert result.message.endswith(
        "1 row(s) to arms_deals.csv; /arms lists this edition's 1 per-delivery deals (sipri-atdb-2024), "
        "one deal source per edition: the register rows are kept in data/raw, not shown"
    )


def test_a_revised_register_deal_is_listed_on_both_sides() -> None:
    result = plan(parsed_deals("register", [("T-72M1", "", ""), ("Mi-17V-5", "", "")]), REGISTER_RAW,
                  ATDB_SOURCES, "arms_deals.csv")  # fmt: skip
    assert result.status == "conflict"
    assert [d.split(":")[1].strip() for d in result.differences] == ["row only in data/raw", "row only in the file"]


def test_a_second_dots_release_of_a_reporter_is_a_new_release_beside_the_first() -> None:
    dots = "DOTS export of 2022-02 (annual data to 2020)"
    existing = records("TS", "imf-dots-aze-2022", [("", "2020", "709.4700", "USD million")])
    srcs = sources(("imf-dots-aze-2022", dots, "hand-entered"))
    newer = dataclasses.replace(release("imf-dots-aze", "DOTS export of 2026-03 (annual data to 2025)"), dated=False)
    result = plan(parsed_records(newer, [("", "2020", "710.0000", "USD million")], "trade_series"), existing, srcs,
                  "trade_series.csv")  # fmt: skip
    # its own source row, dated by the month its release text names (the DOTS file states no date);
    # the earlier release's row is not touched (only rows to append)
    assert (result.status, result.source_id) == ("new", "imf-dots-aze-2026-03")
    assert (result.source_row["date"], result.source_row["edition"]) == ("2026-03", newer.release)
    assert "2026-03 is the month named by --release" in result.source_row["note"]
    assert result.rows["trade_series.csv"][["record_id", "period", "value"]].to_numpy().tolist() == [
        ["TS0002", "2020", "710.0000"]
    ]
