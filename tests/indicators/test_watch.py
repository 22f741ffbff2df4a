"""Watch rules: the grammar (errors naming the line), evaluation on tiny frames by hand, freshness, the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from indicators_support import DATA_CLEAN, MINIMAL

from indicators import pipeline
from indicators.__main__ import main
from indicators.problems import BuildFailed
from indicators.schemas import WatchRuleSchema, validate_frame
from indicators.watch import evaluate, freshness, months_between
from indicators.watch_rules import Rule, WatchFileError, parse_rules, rules_frame, rules_from_frame

TODAY = dt.date(2026, 12, 2)
GOOD = """# a comment
[[rule]]
label = "turnover falls more than 10%"
indicator = "trade_az_ru_turnover"
reporter = "AZ"
metric = "yoy_pct"
op = "<"
threshold = -10

[[rule]]
label = "no new data for 6 months"
indicator = "trade_az_to_ru"
source = "imf-dots"
metric = "staleness_months"
op = ">"
threshold = 6
"""
KNOWN = {"trade_az_ru_turnover", "trade_az_to_ru"}


def _rule(**kw: object) -> Rule:
    base: dict[str, object] = {
        "line": 2,
        "label": "r",
        "indicator": "x",
        "metric": "level",
        "op": "<",
        "threshold": 20.0,
    }
    return Rule(**{**base, **kw})  # type: ignore[arg-type]


# ------------------------------------------------------------------ grammar
def test_a_good_file_gives_its_rules_with_the_line_of_each_header() -> None:
    rules = parse_rules(GOOD, "watch.toml", KNOWN)
    assert [r.line for r in rules] == [2, 10]
    assert rules[0] == Rule(2, "turnover falls more than 10%", "trade_az_ru_turnover", "yoy_pct", "<", -10.0, "AZ")
    assert rules[1].source == "imf-dots"
    assert rules_from_frame(rules_frame(rules)) == rules
    assert validate_frame(WatchRuleSchema, rules_frame(rules), "watch_rules.csv") == []


@pytest.mark.parametrize(
    ("edit", "line", "key", "rule"),
    [
        (('op = ">"', 'op = "=>"'), 10, "op", "op_known"),
        (('indicator = "trade_az_to_ru"', 'indicator = "trade_az_to_mars"'), 10, "indicator", "indicator_known"),
        (('metric = "yoy_pct"\n', ""), 2, "metric", "key_required"),
        (("threshold = -10", 'threshold = "-10"'), 2, "threshold", "threshold_is_number"),
        (('reporter = "AZ"', 'reportr = "AZ"'), 2, "reportr", "key_known"),
        (('metric = "yoy_pct"', 'metric = "trend"'), 2, "metric", "metric_known"),
        (('reporter = "AZ"', 'source = "imf"'), 2, "source", "yoy_takes_edition"),
        (("threshold = 6", "threshold = 6 6"), 16, "", "toml_syntax"),
    ],
)
def test_a_bad_rule_names_the_line_of_its_header(edit: tuple[str, str], line: int, key: str, rule: str) -> None:
    with pytest.raises(WatchFileError) as exc:
        parse_rules(GOOD.replace(*edit), "data/watch.toml", KNOWN)
    p = exc.value.problems[0]
    assert (p.file, p.row, p.column, p.rule) == ("data/watch.toml", line, key, rule)
    assert p.line().startswith(f"data/watch.toml:{line}:")


def test_a_file_with_other_tables_is_refused() -> None:
    with pytest.raises(WatchFileError) as exc:
        parse_rules('[rules]\nlabel = "x"\n', "w.toml", KNOWN)
    assert exc.value.problems[0].rule == "rules_only"


# ------------------------------------------------------------------ evaluation by hand
def _obs(make_obs: Callable[..., pd.DataFrame]) -> pd.DataFrame:
    return make_obs(
        {"obs_id": "T1", "indicator": "arms_tiv_5y_share", "reporter": "SIPRI", "subject": "Russia", "year": 2015,
         "value": 78.9, "unit": "percent", "source_id": "s-2025", "edition": "E 2025", "confidence": "computed"},
        {"obs_id": "T2", "indicator": "arms_tiv_5y_share", "reporter": "SIPRI", "subject": "Russia", "year": 2020,
         "value": 16.9, "unit": "percent", "source_id": "s-2022", "edition": "E 2022", "confidence": "computed"},
        {"obs_id": "T3", "indicator": "arms_tiv_5y_share", "reporter": "SIPRI", "subject": "Russia", "year": 2020,
         "value": 16.4, "unit": "percent", "source_id": "s-2025", "edition": "E 2025", "confidence": "computed"},
        {"obs_id": "T4", "indicator": "arms_tiv_5y_share", "reporter": "SIPRI", "subject": "Russia", "year": 2025,
         "value": 0.0, "unit": "percent", "source_id": "s-2026", "edition": "E 2026, third-party reprocessing",
         "confidence": "computed"},
        {"obs_id": "D1", "indicator": "trade_az_to_ru", "year": 2020, "source_id": "imf-dots-aze-2022"},
    )  # fmt: skip


def _sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["s-2022", "s-2025", "s-2026", "imf-dots-aze-2022", "sipri-atdb-2025", "sipri-atdb-2026"],
            "date": ["2022", "2025", "2026", "2022-02-02", "2025", "2026"],
            "edition": ["E March 2022", "E March 2025", "E 2026, third-party reprocessing", "DOTS 2022-02",
                        "SIPRI, March 2025 update", "SIPRI 2026, third-party reprocessing"],
            "cite_as": ["a", "b", "c", "IMF, Direction of Trade Statistics", "SIPRI, March 2025 update", "d"],
        }
    )  # fmt: skip


def _changes(rows: list[tuple[int, float, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"indicator": "trade_az_ru_turnover", "reporter": "AZ", "subject": None, "edition": None, "year": y,
             "value": v, "previous": p, "qualifier": q, "formula": "not computed: different sources (a → b)"}
            for y, v, p, q in rows
        ]
    )  # fmt: skip


def test_level_reads_the_latest_year_of_the_latest_own_release(make_obs: Callable[..., pd.DataFrame]) -> None:
    rule = _rule(indicator="arms_tiv_5y_share", subject="Russia", op="<", threshold=20.0)
    res = evaluate([rule], _obs(make_obs), _changes([]), _sources(), TODAY).iloc[0]
    # 2025 (0.0) is only in the reprocessing: never read; 2020 in March 2025 (16.4) beats March 2022 (16.9)
    assert (res["value"], res["status"], res["source_id"]) == (16.4, "triggered", "s-2025")
    res = evaluate([_rule(**{**rule.__dict__, "threshold": 16.4})], _obs(make_obs), _changes([]), _sources(), TODAY)
    assert res.iloc[0]["status"] == "ok"  # 16.4 < 16.4 is false


def test_yoy_pct_by_hand_and_not_evaluable_when_the_latest_change_is_not_computed() -> None:
    rule = _rule(indicator="trade_az_ru_turnover", reporter="AZ", metric="yoy_pct", threshold=-10.0)
    # 100 × (2671.7632 − 3021.4731) ÷ 3021.4731 = −11.574152
    res = evaluate([rule], pd.DataFrame(), _changes([(2020, 2671.7632, 3021.4731, "exact")]), _sources(), TODAY)
    assert res.iloc[0]["value"] == pytest.approx(-11.574152)
    assert res.iloc[0]["status"] == "triggered"
    res = evaluate([rule], pd.DataFrame(), _changes([(2020, 2900.0, 3000.0, "exact")]), _sources(), TODAY)
    assert (res.iloc[0]["value"], res.iloc[0]["status"]) == (pytest.approx(-3.333333), "ok")
    later = _changes([(2020, 2671.7632, 3021.4731, "exact"), (2021, 2990.0, 2671.7632, "not_computed")])
    res = evaluate([rule], pd.DataFrame(), later, _sources(), TODAY).iloc[0]
    assert res["status"] == "not evaluable"
    assert pd.isna(res["value"])
    assert res["basis"].startswith("2021: not computed: different sources")


def test_staleness_counts_whole_months_to_the_given_day(make_obs: Callable[..., pd.DataFrame]) -> None:
    rule = _rule(indicator="trade_az_to_ru", source="imf-dots", metric="staleness_months", op=">", threshold=6.0)
    res = evaluate([rule], _obs(make_obs), _changes([]), _sources(), TODAY).iloc[0]
    assert (res["value"], res["status"]) == (58.0, "triggered")  # 2022-02 → 2026-12: 4 × 12 + 10
    res = evaluate([rule], _obs(make_obs), _changes([]), _sources(), dt.date(2022, 8, 31)).iloc[0]
    assert (res["value"], res["status"]) == (6.0, "ok")
    assert months_between(dt.date(2025, 3, 1), dt.date(2026, 3, 31)) == 12


def test_freshness_against_each_rhythm(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = pd.concat(
        [
            _obs(make_obs),
            make_obs({"obs_id": "A1", "indicator": "arms_tiv_to_az", "source_id": "sipri-atdb-2025"},
                     {"obs_id": "A2", "indicator": "arms_tiv_to_az", "source_id": "sipri-atdb-2026"}),
        ], ignore_index=True,
    )  # fmt: skip
    fresh = freshness(obs, _sources(), TODAY).set_index("key")
    # SIPRI: the March 2025 update (the 2026 reprocessing is not a release) → due 2026-03; March → December: 9
    assert fresh.loc["sipri-atdb", ["latest", "next_due", "status"]].tolist() == [
        "2025-03",
        "2026-03",
        "overdue by 9 months",
    ]
    assert fresh.loc["imf-dots", ["latest", "next_due", "months_since"]].tolist() == ["2022-02-02", "2022-05", 58]
    # AZ customs: the end of the latest AZ-reported trade period (make_obs' default row is AZ 2019)
    assert fresh.loc["az-customs", ["latest", "next_due"]].tolist() == ["2020-12", "2021-01"]
    assert fresh.loc["sipri-milex", "status"] == "no data"
    assert fresh.loc["sipri-atdb", "status"] != "current"
    assert freshness(obs, _sources(), dt.date(2026, 2, 28)).set_index("key").loc["sipri-atdb", "status"] == "current"


# ------------------------------------------------------------------ CLI and build
def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "watch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["watch", "--clean", str(DATA_CLEAN), "--today", "2026-12-02", "--rules"]
    assert main([*args, str(_write(tmp_path, GOOD))]) == 1
    out = capsys.readouterr().out
    assert "line 10: no new data for 6 months: staleness_months 58 > 6" in out
    assert "1 of 2 rules triggered (1 not evaluable) on 2026-12-02" in out
    assert main([*args, str(_write(tmp_path, GOOD.replace("threshold = 6", "threshold = 60")))]) == 0
    assert "0 of 2 rules triggered" in capsys.readouterr().out
    assert main([*args, str(_write(tmp_path, GOOD.replace('op = ">"', 'op = "≥"')))]) == 2
    err = capsys.readouterr().err
    assert "watch.toml:10: column 'op' value '≥' breaks rule 'op_known'" in err
    assert main([*args, str(tmp_path / "absent.toml")]) == 2
    assert main(["watch", "--clean", str(tmp_path), "--rules", str(_write(tmp_path, GOOD))]) == 3
    assert main(["watch", "--today", "yesterday"]) == 2


def test_a_bad_watch_file_fails_the_build_naming_the_line(tmp_path: Path) -> None:
    bad = _write(tmp_path, GOOD.replace('op = "<"', 'op = "lt"'))
    clean = tmp_path / "clean"
    with pytest.raises(BuildFailed) as exc:
        pipeline.run(MINIMAL, clean, tmp_path / "report.txt", watch_file=bad)
    assert [(p.file, p.row, p.column, p.rule) for p in exc.value.problems] == [
        (f"{tmp_path.name}/watch.toml", 2, "op", "op_known")
    ]
    assert not clean.exists()


@pytest.mark.parametrize(("column", "value"), [("op", "=>"), ("metric", "trend"), ("line", 0)])
def test_watch_rules_schema_rejects_bad_rows(column: str, value: object) -> None:
    frame = rules_frame(parse_rules(GOOD, "watch.toml", KNOWN))
    frame.loc[0, column] = value
    problems = validate_frame(WatchRuleSchema, frame, "watch_rules.csv")
    assert [p.column for p in problems] == [column], [p.line() for p in problems]
    assert repr(str(value)) in problems[0].line()


def test_level_never_reads_a_bound(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = make_obs(
        {"obs_id": "B1", "indicator": "trade_az_to_ru", "year": 2019, "value": 700.0},
        {"obs_id": "B2", "indicator": "trade_az_to_ru", "year": 2020, "value": 1000.0, "qualifier": "lower_bound"},
    )
    rule = _rule(indicator="trade_az_to_ru", op=">", threshold=800.0)
    res = evaluate([rule], obs, _changes([]), _sources(), TODAY).iloc[0]
    assert (res["value"], res["status"]) == (700.0, "ok")  # '>1000' in 2020 is a bound, not a level
