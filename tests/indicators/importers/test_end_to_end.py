"""Every official fixture imported in turn into a scratch copy of data/raw, then the build.

The fixtures (``tests/fixtures/official/``) are trimmed copies of the publishers' files that keep every
Azerbaijan row, so the counts below are those of the full downloads too. The order is the monthly routine's:
per product, oldest release first. Each file is imported twice; the second import must change nothing
and say so. The hostile fixtures follow and are refused; ``handmade-*`` (a made-up later release, for the
revision tests of ``test_import_command.py``) is not an official file and is left out. The repository's
data/ is never written (hashed before and after).

Expected rows per file, checked by hand against the fixture and data/raw:

* legacy Russia table (March 2022) and legacy importer table (March 2023): the figures of
  ``sipri-atdb-2022-rus`` / ``sipri-atdb-2023`` exactly -> nothing new;
* portal importer table (March 2024): the Azerbaijan row has 23 non-empty year cells, 1993-2023 -> 23
  ``all suppliers`` rows, new (data/raw has the March 2024 update only as sums by supplier); the report
  revises 2020 from 37 (March 2023 importer table) to 51;
* portal supplier table: names no recipient -> nothing tracked;
* register of the March 2024 update: its 114 Azerbaijan deals are the hand-entered
  ``sipri-atdb-2024-register`` rows on every column the register fills -> nothing new;
* per-delivery export of the March 2024 update: its TIV sums are ``sipri-atdb-2024``; its 110 deal ids
  with recipient Azerbaijan are deals of another format, none in data/raw -> 110 deals;
* register of the March 2025 update: 115 lines with recipient Azerbaijan; the release's deals in
  data/raw are per-delivery ones (with deal ids) -> 115 register deals, a source of their own;
* per-delivery export of the March 2025 update: 20 Russian deals and the TIV sums are
  ``sipri-atdb-2025``; 113 deals in all -> the 93 deals of other suppliers;
* Milex April 2024: Azerbaijan as in ``sipri-milex-2024``; Russia's rows are added: constant 2022 USD
  1992-2023 (32), current USD 1993-2023 (31; SIPRI's 0 for 1992 is no figure), share of GDP 1992-2023
  (32) -> 95;
* Milex April 2025: current USD and share of GDP, 1992-2024, Azerbaijan 33 + 33, Russia 32 + 33 -> 131
  (the constant 2023 USD sheet has no catalogue indicator);
* DOTS Azerbaijan / Russia with ``--release 'DOTS export of 2022-02 (annual data to 2020)'``: the
  figures of ``imf-dots-aze-2022`` / ``imf-dots-rus-2022`` -> nothing new;
* bp 2021 panel: 1990-2020 are ``bp-sr-2021``'s figures; 1985-1989 for 3 indicators x 2 countries -> 30;
* EI 2024 workbook: oil Mt, oil kb/d, gas bcm 1985-2023 (39 each) and crude+condensate kb/d 2000-2023
  (24), for Azerbaijan and Russia -> 2 x (3 x 39 + 24) = 282.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from importers_support import OFFICIAL
from indicators_support import DATA_RAW, tree_digest

from dashboard.queries.arms import edition_deals
from indicators import pipeline
from indicators.importers.command import run_import

pytestmark = pytest.mark.slow

SIPRI = OFFICIAL / "sipri"
DOTS_RELEASE = "DOTS export of 2022-02 (annual data to 2020)"
TIV_2024 = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
TIV_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"

# (fixture, --release, exit code, {raw file: rows written}, what the first import prints)
STEPS: list[tuple[Path, str | None, int, dict[str, int], str]] = [
    (OFFICIAL / "TIV-Export-RUS-1950-2021.csv", None, 0, {}, "same figures (sipri-atdb-2022-rus): nothing new"),
    (OFFICIAL / "TIV-Import-All-Country-1950-2022.csv", None, 0, {}, "same figures (sipri-atdb-2023): nothing new"),
    (OFFICIAL / "import-export-values_1950-2024.csv", None, 0, {"arms_tiv.csv": 23}, "sipri-atdb-2024-03-importers"),
    (OFFICIAL / "import-export-values_1950-2024_1950-2024.csv", None, 0, {}, "holds no row this project tracks"),
    (SIPRI / "trade-register-2024-10-21.csv", None, 0, {}, "same figures (sipri-atdb-2024-register): nothing new"),
    (SIPRI / "trade_2023.csv", None, 0, {"arms_deals.csv": 110}, "as source sipri-atdb-2024-03-transfers"),
    (
        SIPRI / "trade-register-2025-03-13.csv",
        None,
        0,
        {"arms_deals.csv": 115},
        "as source sipri-atdb-2025-03-register",
    ),
    (
        SIPRI / "trade_register_2026-02-12.csv",
        None,
        0,
        {"arms_deals.csv": 93},
        "as source sipri-atdb-2025-03-transfers",
    ),
    (SIPRI / "SIPRI-Milex-data-1949-2023.xlsx", None, 0, {"arms_milex.csv": 95}, "as source sipri-milex-2024-04"),
    (SIPRI / "SIPRI-Milex-data-1949-2024_2.xlsx", None, 0, {"arms_milex.csv": 131}, "as source sipri-milex-2025-04"),
    (OFFICIAL / "DOTS_13.xlsx", DOTS_RELEASE, 0, {}, "same figures (imf-dots-aze-2022): nothing new"),
    (OFFICIAL / "DOTS_162.xlsx", DOTS_RELEASE, 0, {}, "same figures (imf-dots-rus-2022): nothing new"),
    (
        OFFICIAL / "bp-stats-review-2021-consolidated-dataset-panel-format.csv",
        None,
        0,
        {"energy.csv": 30},
        "every figure both hold agrees exactly; imported release 'BP Statistical Review 2021 (data to 2020)' "
        "as source bp-sr-2021-panel",
    ),
    (OFFICIAL / "EI-Stats-Review-All-Data-2024.xlsx", None, 0, {"energy.csv": 282}, "as source ei-sr-2024"),
]
# the hostile fixtures, imported after the official ones: refused, nothing written (rule named)
HOSTILE = [
    ("hostile-duplicated-header-TIV-Export-RUS-1950-2021.csv", "tiv_header_once"),
    ("hostile-empty.csv", "the file is empty"),
    ("hostile-html-error-page.csv", "the file is an HTML page"),
    ("hostile-truncated-TIV-Export-RUS-1950-2021.csv", "tiv_truncated"),
    ("hostile-utf16-TIV-Export-RUS-1950-2021.csv", "the file is UTF-16 encoded"),
    ("hostile-wrong-format.csv", "its first line is 'country,year,value'"),
]
RAW_TABLES = ("arms_tiv.csv", "arms_deals.csv", "arms_milex.csv", "trade_series.csv", "energy.csv", "sources.csv")


@dataclass
class Outcome:
    """What importing one fixture did, the first time and the second."""

    code: int
    out: str
    written: dict[str, int]
    second_code: int
    second_out: str
    second_changed: list[str]


def _lines(raw: Path) -> dict[str, int]:
    return {name: len((raw / name).read_text(encoding="utf-8").splitlines()) for name in RAW_TABLES}


def _import(path: Path, raw: Path, release: str | None) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_import(path, raw, release, out=out, err=err)
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Outcome], Path, dict[str, str]]:
    """Import every fixture in order (each twice), then build; return the outcomes and the scratch data dir."""
    repo_raw = tree_digest(DATA_RAW)
    data = tmp_path_factory.mktemp("journey") / "data"
    raw = data / "raw"
    shutil.copytree(DATA_RAW, raw)
    outcomes: dict[str, Outcome] = {}
    for path, release, _code, _rows, _text in STEPS:
        before = _lines(raw)
        code, out = _import(path, raw, release)
        after = _lines(raw)
        written = {n: after[n] - before[n] for n in RAW_TABLES if n != "sources.csv" and after[n] != before[n]}
        digest = tree_digest(data)
        second_code, second_out = _import(path, raw, release)
        changed = sorted(k for k, v in tree_digest(data).items() if digest.get(k) != v)
        outcomes[path.name] = Outcome(code, out, written, second_code, second_out, changed)
    for name, _rule in HOSTILE:
        digest = tree_digest(data)
        code, out = _import(OFFICIAL / name, raw, None)
        outcomes[name] = Outcome(
            code, out, {}, code, out, sorted(k for k, v in tree_digest(data).items() if digest.get(k) != v)
        )
    assert tree_digest(DATA_RAW) == repo_raw
    return outcomes, data, repo_raw


@pytest.mark.parametrize(("name", "rule"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_each_hostile_fixture_is_refused_and_writes_nothing(
    journey: tuple[dict[str, Outcome], Path, dict[str, str]], name: str, rule: str
) -> None:
    outcome = journey[0][name]
    assert (outcome.code, outcome.second_changed) == (1, []), outcome.out
    assert rule in outcome.out and "nothing was written" in outcome.out


@pytest.mark.parametrize(("path", "release", "code", "rows", "text"), STEPS, ids=[s[0].name for s in STEPS])
def test_each_official_fixture_imports_with_the_hand_checked_outcome(
    journey: tuple[dict[str, Outcome], Path, dict[str, str]],
    path: Path,
    release: str | None,
    code: int,
    rows: dict[str, int],
    text: str,
) -> None:
    outcome = journey[0][path.name]
    assert (outcome.code, outcome.written) == (code, rows), outcome.out
    assert text in outcome.out


@pytest.mark.parametrize("path", [s[0] for s in STEPS], ids=[s[0].name for s in STEPS])
def test_importing_the_same_file_twice_changes_nothing_and_says_so(
    journey: tuple[dict[str, Outcome], Path, dict[str, str]], path: Path
) -> None:
    outcome = journey[0][path.name]
    assert outcome.second_code == 0, outcome.second_out
    assert outcome.second_changed == []
    assert "nothing new" in outcome.second_out
    if outcome.written:  # imported the first time: recognised by its sha256 the second
        assert "this file (sha256 " in outcome.second_out and "is already imported as" in outcome.second_out


def test_the_import_report_gives_the_revisions_between_releases_of_one_product(
    journey: tuple[dict[str, Outcome], Path, dict[str, str]],
) -> None:
    outcomes = journey[0]
    tiv = outcomes["import-export-values_1950-2024.csv"].out
    assert "arms_tiv.csv: 2 new year(s), 12 revised value(s), 0 disappeared against sipri-atdb-2023" in tiv
    assert "revised       arms_tiv_to_az / SIPRI / all suppliers 2020: 37 -> 51 (+14, +37.8%)" in tiv
    assert "new year      arms_tiv_to_az / SIPRI / all suppliers 2022: 19 (was none recorded)" in tiv
    milex = outcomes["SIPRI-Milex-data-1949-2024_2.xlsx"].out
    assert "revised       arms_milex_share_gdp / SIPRI / AZ 2023: 4.60 -> 4.92 (+0.32, +7.0%)" in milex
    assert "new year      arms_milex_current_usd / SIPRI / AZ 2024: 3777.1" in milex
    register = outcomes["trade-register-2025-03-13.csv"].out
    assert "/arms lists this edition's 20 per-delivery deals (sipri-atdb-2025), one deal source per edition" in register


def test_the_build_passes_on_the_imported_raw_and_arms_lists_each_edition_s_deals_once(
    journey: tuple[dict[str, Outcome], Path, dict[str, str]],
) -> None:
    _, data, repo_raw = journey
    result = pipeline.run(data / "raw", data / "clean", data / "clean" / "report.json", write=True)
    assert result is not None
    deals = pd.read_csv(data / "clean" / "arms_deals.csv", dtype={"sipri_deal_id": "Int64"})
    store = SimpleNamespace(deals=deals)
    # March 2024: 114 register rows (hand-entered) and 110 per-delivery deals; /arms shows the 110
    shown = edition_deals(store, TIV_2024)  # type: ignore[arg-type]
    assert (len(deals[deals["edition"] == TIV_2024]), len(shown)) == (224, 110)
    assert shown["sipri_deal_id"].is_unique
    # March 2025: 115 register rows and 20 + 93 per-delivery deals; /arms shows the 113
    shown = edition_deals(store, TIV_2025)  # type: ignore[arg-type]
    assert (len(deals[deals["edition"] == TIV_2025]), len(shown)) == (228, 113)
    assert shown["sipri_deal_id"].is_unique
    assert tree_digest(DATA_RAW) == repo_raw


def test_a_dots_export_without_release_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    raw = tmp_path / "data" / "raw"
    shutil.copytree(DATA_RAW, raw)
    before = tree_digest(tmp_path)
    code, out = _import(OFFICIAL / "DOTS_13.xlsx", raw, None)
    assert code == 2
    assert "DOTS_13.xlsx (imf-dots-xlsx) states no release or download date; pass --release" in out
    assert tree_digest(tmp_path) == before
