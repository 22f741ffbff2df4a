"""A second IMF DOTS release of a reporter: imported beside the first, compared, and used alone by the build.

The fixture ``handmade-DOTS_13-2023-05.xlsx`` is TEST DATA (``tests/fixtures/official/README.md``): the
trimmed ``DOTS_13.xlsx`` with two figures changed and a 2021 column added, imported as
``DOTS export of 2023-05 (annual data to 2021)``. By hand, against ``imf-dots-aze-2022`` in data/raw:

* AZ→RU 2020 (``'Exports, FOB'!AE86``): 709.4743 -> 715.4743: +6, 6 / 709.4743 = +0.845697 %;
* RU→AZ 2019 (``'Imports, CIF'!AD100``): 2289.5866 -> 2189.5866: -100, -100 / 2289.5866 = -4.367601 %;
* 2021 is new in four series (921.3, 2068.9, 22207.9, 11704.6); the other 116 figures are unchanged.

The derived series take the later release only (never both, never their mean):

* AZ-reported turnover 2020 = 715.4743 + 1962.2889 = 2677.7632 (the 2022 release gave 2671.7632);
* AZ-reported balance 2019 = 731.8865 - 2189.5866 = -1457.7001;
* Russia's share of AZ trade 2020 = 100 x 2677.7632 / (13740.8175 + 10746.2296) = 10.935427 %;
* mirror ratio AZ→RU 2020 = RU-reported 813.7207 / AZ-reported 715.4743 = 1.137316.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from importers_support import OFFICIAL, raw_rows, scratch_data
from indicators_support import tree_digest

from indicators import pipeline
from indicators.current_release import superseded
from indicators.importers.command import run_import
from indicators.load import load_raw

pytestmark = pytest.mark.slow

LATER = OFFICIAL / "handmade-DOTS_13-2023-05.xlsx"
RELEASE = "DOTS export of 2023-05 (annual data to 2021)"
EARLIER = "DOTS export of 2022-02 (annual data to 2020)"


def _import(path: Path, raw: Path, release: str | None = RELEASE) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_import(path, raw, release, out=out, err=err)
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str, dict[str, pd.DataFrame]]:
    """A scratch data/raw with the later release imported, its exit code and output, and the built tables."""
    raw = scratch_data(tmp_path_factory.mktemp("dots2"))
    code, out = _import(LATER, raw)
    tables, problems, _ = pipeline.transform(load_raw(raw))
    assert [p.line() for p in problems] == []
    return raw, code, out, tables


def test_the_later_release_is_added_under_its_own_source_and_the_earlier_rows_stay(
    imported: tuple[Path, int, str, dict[str, pd.DataFrame]],
) -> None:
    raw, code, out, _ = imported
    assert code == 0, out
    assert f"imported release '{RELEASE}' as source imf-dots-aze-2023-05: 120 row(s) to trade_series.csv" in out
    rows = raw_rows(raw, "trade_series.csv")
    later = [r for r in rows if r["source_id"] == "imf-dots-aze-2023-05"]
    earlier = [r for r in rows if r["source_id"] == "imf-dots-aze-2022"]
    assert (len(later), len(earlier)) == (120, 116)
    assert [r["record_id"] for r in later[:1]] == ["TS0255"]
    by_key = {(r["indicator"], r["period"]): r["value"] for r in earlier}
    assert (by_key[("trade_az_to_ru", "2020")], by_key[("trade_ru_to_az", "2019")]) == ("709.4743", "2289.5866")
    [source] = [s for s in raw_rows(raw, "sources.csv") if s["source_id"] == "imf-dots-aze-2023-05"]
    assert (source["date"], source["edition"]) == ("2023-05", RELEASE)
    assert source["note"].startswith(f"file {LATER.name}, sha256 ")
    assert "2023-05 is the month named by --release" in source["note"]


def test_the_report_gives_the_revised_values_abs_and_pct_and_the_new_year(
    imported: tuple[Path, int, str, dict[str, pd.DataFrame]],
) -> None:
    out = imported[2]
    assert "trade_series.csv: 4 new year(s), 2 revised value(s), 0 disappeared against imf-dots-aze-2022" in out
    assert "revised       trade_az_to_ru / AZ /  2020: 709.4743 -> 715.4743 (+6, +0.8%)" in out
    assert "revised       trade_ru_to_az / AZ /  2019: 2289.5866 -> 2189.5866 (-100, -4.4%)" in out
    assert "new year      trade_az_to_ru / AZ /  2021: 921.3" in out


def test_the_same_file_twice_is_nothing_new_and_another_file_of_the_release_is_refused(
    imported: tuple[Path, int, str, dict[str, pd.DataFrame]], tmp_path: Path
) -> None:
    raw = imported[0]
    before = tree_digest(raw)
    code, out = _import(LATER, raw)
    assert code == 0 and "nothing new: this file (sha256 " in out and "imported as imf-dots-aze-2023-05" in out
    workbook = openpyxl.load_workbook(LATER)
    workbook["Exports, FOB"]["AE86"] = 716.0  # another download claiming the same release
    other = tmp_path / LATER.name
    workbook.save(other)
    code, out = _import(other, raw)
    assert code == 1
    assert "trade_series: trade_az_to_ru / AZ /  / 2020: data/raw has 715.4743 USD million, the file has 716" in out
    assert "sources.csv: imf-dots-aze-2023-05 was imported from another file (sha256 " in out
    assert f"{LATER.name} claims release '{RELEASE}' already imported; nothing was written" in out
    assert tree_digest(raw) == before


def test_the_revisions_table_holds_the_dots_revisions(
    imported: tuple[Path, int, str, dict[str, pd.DataFrame]],
) -> None:
    rev = imported[3]["revisions"]
    dots = rev[rev["product"] == "imf-dots-aze"]
    assert len(dots) == 120  # 116 figures of both releases + 4 that appeared
    moved = dots[dots["status"] != "unchanged"].sort_values(["indicator", "year"])
    cols = ["indicator", "year", "release_a", "value_a", "release_b", "value_b", "change", "change_pct", "status"]
    assert moved[cols].astype(object).where(moved[cols].notna(), None).to_numpy().tolist() == [
        ["trade_az_to_ru", 2020, EARLIER, 709.4743, RELEASE, 715.4743, 6.0, 0.845697, "revised"],
        ["trade_az_to_ru", 2021, EARLIER, None, RELEASE, 921.3, None, None, "appeared"],
        ["trade_az_world_exports", 2021, EARLIER, None, RELEASE, 22207.9, None, None, "appeared"],
        ["trade_az_world_imports", 2021, EARLIER, None, RELEASE, 11704.6, None, None, "appeared"],
        ["trade_ru_to_az", 2019, EARLIER, 2289.5866, RELEASE, 2189.5866, -100.0, -4.367601, "revised"],
        ["trade_ru_to_az", 2021, EARLIER, None, RELEASE, 2068.9, None, None, "appeared"],
    ]
    assert set(dots["release_a_date"]) == {"2022-02-02"} and set(dots["release_b_date"]) == {"2023-05"}


def test_the_derived_trade_series_use_only_the_latest_release(
    imported: tuple[Path, int, str, dict[str, pd.DataFrame]],
) -> None:
    tables = imported[3]
    obs = tables["observations"].set_index("obs_id")
    assert obs.loc["D-trade_az_ru_turnover-AZ-2020", "value"] == 2677.7632
    assert obs.loc["D-trade_az_ru_balance-AZ-2019", "value"] == -1457.7001
    assert obs.loc["D-trade_ru_share_of_az_trade-AZ-2020", "value"] == 10.935427
    assert obs.loc["D-trade_mirror_ratio-AZ→RU goods-2020", "value"] == 1.137316
    derived = obs[obs["confidence"] == "computed"]
    assert not derived["source_ids"].str.contains("imf-dots-aze-2022").any()  # never the earlier release
    assert obs.index.is_unique
    # both releases stay in the observations; the earlier one is superseded (not drawn, not derived from)
    published = tables["observations"][tables["observations"]["confidence"] != "computed"]
    old = superseded(published, tables["sources"])
    assert set(published.loc[old, "source_id"]) == {"imf-dots-aze-2022"}
    assert (int(old.sum()), int((published["source_id"] == "imf-dots-aze-2022").sum())) == (116, 116)
    # year-on-year changes follow the drawn series: 2019 -> 2020 of AZ→RU from the 2023-05 release only,
    # 100 x (715.4743 - 731.8865) / 731.8865 = -2.242452 % (the 2022-02 release would give -3.06 %)
    ch = tables["changes"]
    ch = ch[(ch["indicator"] == "trade_az_to_ru") & (ch["reporter"] == "AZ") & (ch["year"] == 2020)]
    assert ch[["edition", "value", "previous"]].to_numpy().tolist() == [[RELEASE, 715.4743, 731.8865]]
    assert round(float(ch["change"].iloc[0]), 6) == -2.242452


def test_a_dots_release_text_without_a_month_is_a_usage_error(tmp_path: Path) -> None:
    raw = scratch_data(tmp_path)
    before = tree_digest(raw)
    code, out = _import(LATER, raw, "DOTS export, latest")
    assert code == 2
    assert "error: --release 'DOTS export, latest' names no month" in out
    assert tree_digest(raw) == before
