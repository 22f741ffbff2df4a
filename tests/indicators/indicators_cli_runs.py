"""The CLI invocations of test_cli.py, started in the background as soon as collection ends.

Each bad-input build gets a copy of data/raw with one file corrupted and a copy
of data/clean whose files are hashed before the run. All subprocesses start
together right after collection (see conftest.py), so they run while the
in-process tests use the other core; test_cli.py only waits for them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from indicators_support import DATA_CLEAN, DATA_RAW, MINIMAL, ROOT, tree_digest


@dataclass
class Run:
    """One finished CLI invocation and the directories it was given."""

    args: list[str]
    returncode: int = -1
    stdout: str = ""
    stderr: str = ""
    workdir: Path = Path()
    clean_before: dict[str, str] = field(default_factory=dict)

    @property
    def clean(self) -> Path:
        return self.workdir / "clean"

    @property
    def report(self) -> Path:
        return self.workdir / "report.txt"


def line_of(path: Path, record_id: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(record_id + ","))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _bad_value(raw: Path) -> None:
    _replace(raw / "trade_series.csv", ",2014,640.2714,USD million,", ",2014,640.27.14,USD million,")


def _unknown_unit(raw: Path) -> None:
    _replace(
        raw / "energy.csv",
        "EN0001,energy_oil_production_mt,BP,AZ,1990,12.5,million tonnes,",
        "EN0001,energy_oil_production_mt,BP,AZ,1990,12.5,million tons,",
    )


def _duplicate_row(raw: Path) -> None:
    path = raw / "arms_tiv.csv"
    line = next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("AT0150,"))
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def _missing_record_source(raw: Path) -> None:
    _replace(raw / "trade_statements.csv", ",USD million,special-kremlin-2001-01-10,", ",USD million,no-such-source,")


def _missing_event_source(raw: Path) -> None:
    _replace(raw / "events.csv", ",Russia; Azerbaijan,country-data,", ",Russia; Azerbaijan,no-such-source,")


def _broken_header(raw: Path) -> None:
    _replace(
        raw / "catalogue.csv", "indicator_id,label,domain,chapter,unit,", "indicator_id,label,domain,chapter,units,"
    )


def _cp1251(raw: Path) -> None:
    # EP002's title typed in a Windows-1251 editor: 'Договор' in cp1251 bytes inside a UTF-8 file
    path = raw / "events.csv"
    data = path.read_bytes()
    old = b",Friendship treaty signed under Elchibey,"
    assert data.count(old) == 1
    path.write_bytes(data.replace(old, b"," + "Договор".encode("cp1251") + b" signed under Elchibey,"))


def _semicolons(raw: Path) -> None:
    path = raw / "arms_milex.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")


# case -> (corruption, expected file, expected line (None: computed from a record id), column, value, rule)
BAD_INPUTS: dict[str, tuple[Callable[[Path], None], str, int | str, str, str, str]] = {
    "bad_value": (_bad_value, "trade_series.csv", "TS0023", "value", "640.27.14", "value_format"),
    "unknown_unit": (_unknown_unit, "energy.csv", "EN0001", "unit", "million tons", "unknown_unit"),
    "duplicate_row": (_duplicate_row, "arms_tiv.csv", "AT0150", "record_id", "AT0150", "field_uniqueness"),
    "missing_record_source": (
        _missing_record_source,
        "trade_statements.csv",
        "ST0001",
        "source_id",
        "no-such-source",
        "source_exists",
    ),
    "missing_event_source": (
        _missing_event_source,
        "events.csv",
        "EP002",
        "source_id",
        "no-such-source",
        "source_exists",
    ),
    "broken_header": (_broken_header, "catalogue.csv", 1, "", "", "header_expected"),
    "cp1251": (_cp1251, "events.csv", 3, "", "bytes ", "encoding_utf8"),
    "semicolons": (_semicolons, "arms_milex.csv", 1, "", "record_id;indicator", "delimiter_comma"),
}


def _build_args(raw: Path, work: Path) -> list[str]:
    return ["build", "--raw", str(raw), "--clean", str(work / "clean"), "--report", str(work / "report.txt")]


class CliBatch:
    """Every CLI invocation of test_cli.py, run as subprocesses in a private temporary directory."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="indicators-cli-"))
        self.runs: dict[str, Run] = {}
        self._procs: dict[str, subprocess.Popen[bytes]] = {}
        self._done = False

    def _prepare(self) -> None:
        for case, (corrupt, *_) in BAD_INPUTS.items():
            work = self.base / case
            shutil.copytree(DATA_RAW, work / "raw")
            corrupt(work / "raw")
            shutil.copytree(DATA_CLEAN, work / "clean")
            run = Run(
                [
                    "build",
                    "--raw",
                    str(work / "raw"),
                    "--clean",
                    str(work / "clean"),
                    "--report",
                    str(work / "report.txt"),
                ],
                workdir=work,
            )
            run.clean_before = tree_digest(run.clean)
            self.runs[case] = run
        ok = self.base / "build_ok"
        ok.mkdir()
        self.runs["build_ok"] = Run(
            [
                "build",
                "--raw",
                str(MINIMAL),
                "--clean",
                str(ok / "clean"),
                "--report",
                str(ok / "report.txt"),
                "--coverage",
            ],
            workdir=ok,
        )
        for name, args in {
            "help": ["--help"],
            "unknown_command": ["publish"],
            "coverage_missing": ["coverage", "--clean", str(self.base / "nowhere" / "clean")],
        }.items():
            (self.base / name).mkdir()
            self.runs[name] = Run(args, workdir=self.base / name)

    def start(self) -> CliBatch:
        """Prepare the directories and start every subprocess without waiting."""
        self._prepare()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        for name, run in self.runs.items():
            with (run.workdir / "stdout.txt").open("wb") as out, (run.workdir / "stderr.txt").open("wb") as err:
                self._procs[name] = subprocess.Popen(
                    [sys.executable, "-m", "indicators", *run.args], cwd=run.workdir, env=env, stdout=out, stderr=err
                )
        return self

    def wait(self) -> dict[str, Run]:
        """Wait for every subprocess; return the finished runs by name."""
        if not self._done:
            for name, proc in self._procs.items():
                run = self.runs[name]
                run.returncode = proc.wait(timeout=300)
                run.stdout = (run.workdir / "stdout.txt").read_text(encoding="utf-8")
                run.stderr = (run.workdir / "stderr.txt").read_text(encoding="utf-8")
            self._done = True
        return self.runs

    def close(self) -> None:
        """Stop whatever still runs (an interrupted session) and remove the directory."""
        for proc in self._procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        shutil.rmtree(self.base, ignore_errors=True)
