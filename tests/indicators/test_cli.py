"""``python -m indicators`` as a user runs it: exit codes, messages, untouched data/clean.

The subprocess invocations are defined in indicators_cli_runs.py and started in
the background as soon as collection ends; the tests here only read their results.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from indicators_cli_runs import BAD_INPUTS, CliBatch, Run, line_of
from indicators_support import DATA_CLEAN, MINIMAL, tree_digest

from indicators import __main__ as cli
from indicators.__main__ import EXIT_BAD_DATA, EXIT_NO_CLEAN, EXIT_OK, EXIT_USAGE, MAX_LINES, main
from indicators.problems import BuildFailed, Problem


@pytest.fixture(scope="module")
def runs(cli_batch: CliBatch) -> dict[str, Run]:
    """The finished CLI invocations (started right after collection)."""
    return cli_batch.wait()


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_build_fails_with_a_located_message(runs: dict[str, Run], case: str) -> None:
    run = runs[case]
    _, file_name, where, column, value, rule = BAD_INPUTS[case]
    line = where if isinstance(where, int) else line_of(run.workdir / "raw" / file_name, where)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    located = [x for x in run.stderr.splitlines() if x.startswith(f"{file_name}:{line}:")]
    assert located, run.stderr
    message = next((x for x in located if f"breaks rule '{rule}'" in x), None)
    assert message is not None, located
    if column:
        assert f"column '{column}'" in message
    assert f"value '{value}" in message
    assert run.stderr.splitlines()[-2].startswith("FAILED: ")
    assert f"{run.clean} was not modified" in run.stderr


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_build_writes_the_report_and_leaves_clean_byte_identical(runs: dict[str, Run], case: str) -> None:
    run = runs[case]
    assert run.report.exists()
    assert run.report.with_suffix(".json").exists()
    _, file_name, *_ = BAD_INPUTS[case]
    assert file_name in run.report.read_text(encoding="utf-8")
    assert tree_digest(run.clean) == run.clean_before
    leftovers = [p.name for p in run.workdir.iterdir() if p.name.startswith(".clean-")]
    assert leftovers == []


def test_broken_header_message_names_the_missing_column(runs: dict[str, Run]) -> None:
    assert "missing ['unit']; unexpected ['units']" in runs["broken_header"].stderr


def test_duplicate_row_names_both_lines(runs: dict[str, Run]) -> None:
    run = runs["duplicate_row"]
    path = run.workdir / "raw" / "arms_tiv.csv"
    first, last = line_of(path, "AT0150"), len(path.read_text(encoding="utf-8").splitlines())
    for line in (first, last):
        assert f"arms_tiv.csv:{line}: column 'indicator+reporter+subject+period+source_id'" in run.stderr
        assert f"arms_tiv.csv:{line}: column 'record_id' value 'AT0150' breaks rule 'field_uniqueness'" in run.stderr


def test_successful_build_prints_a_summary_and_the_coverage(runs: dict[str, Run]) -> None:
    run = runs["build_ok"]
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("OK: built in ")
    assert "observations 55" in run.stdout
    assert "trade_az_to_ru" in run.stdout  # --coverage table
    assert (run.clean / "observations.csv").exists()
    assert not run.report.exists()


def test_help_exits_zero_and_documents_the_exit_codes(runs: dict[str, Run]) -> None:
    run = runs["help"]
    assert run.returncode == 0
    assert "usage: python -m indicators" in run.stdout
    assert "exit codes: 0 ok; 1 raw data break a rule" in run.stdout


def test_unknown_command_exits_two(runs: dict[str, Run]) -> None:
    run = runs["unknown_command"]
    assert run.returncode == 2
    assert "invalid choice: 'publish'" in run.stderr
    assert "Traceback" not in run.stderr


def test_coverage_of_a_missing_clean_dir_exits_three_with_a_hint(runs: dict[str, Run]) -> None:
    run = runs["coverage_missing"]
    assert run.returncode == 3
    assert "error: cannot read clean data in" in run.stderr
    assert "hint: run 'python -m indicators build' first" in run.stderr
    assert "Traceback" not in run.stderr


# ------------------------------------------------ the same entry point, in process
@pytest.mark.parametrize("argv", [["build", "--help"], ["coverage", "--help"]])
def test_subcommand_help_exits_zero(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == EXIT_OK
    assert "usage: python -m indicators" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["build", "--fast"], ["coverage", "--raw", "x"], ["Build"]])
def test_usage_errors_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_validate_checks_everything_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--raw", str(MINIMAL), "--clean", str(tmp_path / "clean"), "--report", str(tmp_path / "r.txt")]
    assert main(["validate", *args]) == EXIT_OK
    assert capsys.readouterr().out.startswith("OK: validated (nothing written)")
    assert list(tmp_path.iterdir()) == []


def test_validate_reports_bad_data_with_exit_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(MINIMAL, raw)
    (raw / "energy.csv").write_bytes((raw / "energy.csv").read_bytes().replace(b"34.3", b"34,3"))
    args = ["--raw", str(raw), "--clean", str(tmp_path / "clean"), "--report", str(tmp_path / "r.txt")]
    assert main(["validate", *args]) == EXIT_BAD_DATA
    err = capsys.readouterr().err
    assert "energy.csv:4: value 'EN0003,energy_oil_production_mt,SOCAR,AZ,2019-01..2019-11,34,3," in err
    assert "breaks rule 'field_count'" in err
    assert not (tmp_path / "clean").exists()


def test_coverage_prints_the_series_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--clean", str(DATA_CLEAN), "--series-only"]) == EXIT_OK
    out = capsys.readouterr().out
    table = out.split("\n\n")[0].splitlines()
    assert table[0].startswith("indicator")
    assert any(x.startswith("arms_tiv_5y_share") for x in table)
    assert all(" series " in x for x in table[2:])
    assert "events political" in out


def test_coverage_of_an_unreadable_clean_dir_exits_three(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "coverage.csv").write_text("", encoding="utf-8")
    assert main(["coverage", "--clean", str(tmp_path)]) == EXIT_NO_CLEAN
    assert "hint: run 'python -m indicators build' first" in capsys.readouterr().err


def test_long_problem_lists_are_cut_and_point_at_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    problems = [Problem("energy.csv", i, "value", "x", "value_format", "bad") for i in range(2, 2 + MAX_LINES + 5)]

    def fail(*args: object, **kwargs: object) -> None:
        raise BuildFailed(problems)

    monkeypatch.setattr(cli, "run", fail)
    assert main(["build", "--report", str(tmp_path / "r.txt"), "--clean", str(tmp_path / "c")]) == EXIT_BAD_DATA
    err = capsys.readouterr().err.splitlines()
    assert len([x for x in err if x.startswith("energy.csv:")]) == MAX_LINES
    assert f"... 5 more in {tmp_path / 'r.txt'}" in err
