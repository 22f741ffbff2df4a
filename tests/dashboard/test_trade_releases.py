"""Two IMF DOTS releases of Azerbaijan in the data: /trade draws the latest, ghosts the previous, "What changed"
lists the revisions.

The second release is the TEST fixture ``tests/fixtures/official/handmade-DOTS_13-2023-05.xlsx`` (not IMF
figures), imported into a scratch copy of data/raw and built there; data/ is never written. By hand:
AZ-reported AZ→RU 2020 is 709.4743 in the 2022-02 export and 715.4743 in the 2023-05 one (+6,
+0.845697 %); RU→AZ 2019 2289.5866 -> 2189.5866 (-100, -4.367601 %).
"""

from __future__ import annotations

import importlib
import io
import shutil
from pathlib import Path
from types import ModuleType

import plotly.graph_objects as go
import pytest

from dashboard.app import create_app
from dashboard.data import DataStore, load_store
from dashboard.ghost import ghost_values
from dashboard.queries import revisions as q
from dashboard.queries.trade import view_frame
from indicators import pipeline
from indicators.importers.command import run_import

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LATER = ROOT / "tests" / "fixtures" / "official" / "handmade-DOTS_13-2023-05.xlsx"
EARLIER = "DOTS export of 2022-02 (annual data to 2020)"
RELEASE = "DOTS export of 2023-05 (annual data to 2021)"


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> DataStore:
    """data/raw plus the later DOTS release, built into a scratch data/clean and loaded."""
    data = tmp_path_factory.mktemp("dots2") / "data"
    shutil.copytree(ROOT / "data" / "raw", data / "raw")
    shutil.copy(ROOT / "data" / pipeline.WATCH_FILE, data / pipeline.WATCH_FILE)
    out = io.StringIO()
    assert run_import(LATER, data / "raw", RELEASE, out=out, err=out) == 0, out.getvalue()
    pipeline.run(data / "raw", data / "clean", data / "report.txt")
    return load_store(data / "clean")


@pytest.fixture(scope="module")
def trade(data: DataStore) -> ModuleType:
    create_app(store=data)  # registers the pages with the repository's store; the tests pass their own
    return importlib.import_module("dashboard.pages.trade")


def test_the_trade_lines_draw_one_release_per_year(trade: ModuleType, two_releases: DataStore) -> None:
    az = two_releases.select("trade_az_to_ru", "AZ")
    # one row per year to 2020 (2021 has the test release's figure beside the press figure: two sources)
    assert az.loc[az["year"] <= 2020, "year"].is_unique and (az["year"] == 2021).sum() == 2
    by_year = dict(zip(az["year"], az["value"], strict=True))
    assert (by_year[2019], by_year[2020]) == (731.8865, 715.4743)  # the 2023-05 release, not 709.4743
    assert set(az.loc[az["year"] <= 2020, "edition"]) == {RELEASE}
    # the earlier release is kept, for the ghost: 29 years of AZ→RU
    every = two_releases.select("trade_az_to_ru", "AZ", edition=EARLIER, every_release=True)
    assert len(every) == 29 and dict(zip(every["year"], every["value"], strict=True))[2020] == 709.4743
    frame, _ = view_frame(two_releases, trade.SPEC.parse(two_releases, {"flow": "az_to_ru"}))
    # the download of the view: the AZ rows of the 2023-05 release only (RU's workbook of the 2022-02 export stays)
    assert {"imf-dots-aze-2023-05", "imf-dots-rus-2022"} <= set(frame["source_id"])
    assert "imf-dots-aze-2022" not in set(frame["source_id"])


def test_trade_ghosts_the_previous_dots_release_when_asked(trade: ModuleType, two_releases: DataStore) -> None:
    assert trade.SPEC.params(two_releases)["ghost"].default is False
    plain = trade.flow_charts(two_releases, trade.SPEC.parse(two_releases, {"flow": "az_to_ru"}))["main"][0]
    assert ghost_values(plain) == []
    sel = trade.SPEC.parse(two_releases, {"flow": "az_to_ru", "ghost": "1"})
    fig, rows = trade.flow_charts(two_releases, sel)["main"]
    ((name, years, values),) = ghost_values(go.Figure(fig))
    assert name == "Previous release: DOTS export of 2022-02 (annual data to 2020)"
    assert dict(zip(years, values, strict=True))[2020] == 709.4743 and len(years) == 29
    assert EARLIER in set(rows["edition"].dropna())  # the chart cites the ghost's release too


def test_what_changed_lists_the_dots_revisions(two_releases: DataStore) -> None:
    items = [i for i in q.revision_items(two_releases, n=10_000) if "DOTS" in i["releases"]]
    assert [(i["what"], i["values"]) for i in items] == [
        ("Goods trade, Russia → Azerbaijan (AZ), 2019", "2289.59 → 2189.59 USD million (-4.4%)"),
        ("Goods trade, Azerbaijan → Russia (AZ), 2020", "709.474 → 715.474 USD million (+0.8%)"),
    ]
    latest = {r["product"]: r["date"] for r in q.latest_releases(two_releases)}
    assert latest["imf-dots-aze"] == "2023-05"
