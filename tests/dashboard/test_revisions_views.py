"""What changed: latest releases, largest revisions, two releases side by side, the ghost line, watch rules."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from types import ModuleType

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.app import create_app
from dashboard.data import DataStore
from dashboard.ghost import SeriesKey, add_ghosts, ghost_values, previous_editions
from dashboard.queries import revisions as q
from indicators.pipeline import DEFAULT_CLEAN
from tests.dashboard.layout_walk import find

MARCH_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
MARCH_2024 = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
MARCH_2023 = "SIPRI Arms Transfers Database, March 2023 update (data to 2022)"
TODAY = dt.date(2026, 12, 2)
CLEAN_OBS = pd.read_csv(DEFAULT_CLEAN / "observations.csv", dtype={"subject": str, "edition": str})


def clean_total(edition: str) -> dict[int, float]:
    """The all-supplier TIV sum of a release, read straight from data/clean/observations.csv."""
    rows = CLEAN_OBS[
        (CLEAN_OBS["indicator"] == "arms_tiv_to_az")
        & (CLEAN_OBS["subject"] == "all suppliers (sum)")
        & (CLEAN_OBS["edition"] == edition)
    ]
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def text_of(component: object) -> str:
    """Every text of a layout tree, in order (strings inside children lists included)."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return "".join(text_of(c) for c in component)
    children = getattr(component, "children", None)
    return "" if children is None else text_of(children)


@pytest.fixture(scope="module")
def pages(data: DataStore) -> dict[str, ModuleType]:
    create_app(store=data)
    return {n: importlib.import_module(f"dashboard.pages.{n}") for n in ("arms", "energy", "overview")}


# ------------------------------------------------------------------ queries
def test_latest_release_per_publisher(data: DataStore) -> None:
    rel = q.latest_releases(data)
    assert [(r["publisher"], r["date"]) for r in rel] == [
        ("SIPRI Arms Transfers Database", "2025-03"),  # the 2026 reprocessing is not SIPRI's release
        ("Energy Institute Statistical Review 2025", "2025"),
        ("SIPRI Military Expenditure Database", "2024-04"),
        ("IMF Direction of Trade Statistics", "2022-02-02"),  # one DOTS export (two country workbooks)
        ("BP Statistical Review 2021", "2021"),
    ]
    assert rel[0]["cite"] == "SIPRI Arms Transfers Database, March 2025 update"
    assert rel[0]["url"] == "https://www.sipri.org/databases/armstransfers"


def test_largest_revisions_by_absolute_percent(data: DataStore) -> None:
    top = q.top_revisions(data, 5)
    assert list(zip(top["subject"], top["year"], top["value_a"], top["value_b"], strict=True)) == [
        ("Turkiye", 2020, 6.0, 28.8),  # +380 %
        ("South Africa", 2015, 1.0, 2.04),  # +104 %
        ("Israel", 2006, 6.6, 13.2),  # +100 %, in the 2026 reprocessing
        ("Turkiye", 2015, 11.0, 22.0),  # +100 %, in the 2026 reprocessing
        ("South Africa", 2012, 9.0, 16.2),  # +80 %
    ]
    items = q.revision_items(data, 3)
    assert items[0]["values"] == "6 → 28.8 TIV million (+380.0%)"
    assert items[0]["releases"] == "March 2022 update (data to 2021) → March 2024 update (data to 2023)"
    assert items[0]["cite"] == "SIPRI Arms Transfers Database, March 2024 update"
    assert [i["reprocessed"] for i in items] == [False, False, True]


def test_release_comparison_by_hand(data: DataStore) -> None:
    cols = ["subject", "year", "value", "qualifier", "unit"]
    a = pd.DataFrame(
        [["Israel", 2006, 6.0, "exact", "TIV million"], ["Israel", 2007, 4.0, "exact", "TIV million"],
         ["Israel", 2008, None, "none_recorded", "TIV million"], ["Russia", 2006, 0.0, "exact", "TIV million"]],
        columns=cols,
    )  # fmt: skip
    b = pd.DataFrame(
        [["Israel", 2006, 6.6, "exact", "TIV million"], ["Israel", 2008, 2.0, "exact", "TIV million"],
         ["Israel", 2009, 5.0, "exact", "TIV million"], ["Russia", 2006, 3.0, "exact", "TIV million"]],
        columns=cols,
    )  # fmt: skip
    out = q.release_comparison(data, a, b).set_index(["subject", "year"])
    assert out.loc[("Israel", 2006), ["value_a", "value_b", "status"]].tolist() == [6.0, 6.6, "revised"]
    assert out.loc[("Israel", 2006), "change"] == pytest.approx(0.6)
    assert out.loc[("Israel", 2006), "change_pct"] == pytest.approx(10.0)
    assert out.loc[("Israel", 2007), "status"] == "only in A"
    assert out.loc[("Israel", 2008), "status"] == "not computed"  # 'none recorded' is not 0
    assert pd.isna(out.loc[("Israel", 2008), "change"])
    assert out.loc[("Israel", 2009), "status"] == "only in B"
    assert out.loc[("Russia", 2006), "change"] == 3.0
    assert pd.isna(out.loc[("Russia", 2006), "change_pct"])  # no % change from 0


def test_watch_results_and_freshness_on_a_fixed_day(data: DataStore) -> None:
    res = q.watch_results(data, TODAY)
    assert list(res["line"]) == list(data.watch_rules["line"])
    assert list(res["status"]) == ["triggered", "not evaluable", "triggered", "triggered", "triggered"]
    assert res.iloc[0]["value"] == pytest.approx(-11.574152)  # 100 × (2671.7632 − 3021.4731) ÷ 3021.4731
    assert res.iloc[2]["value"] == pytest.approx(16.413982)  # Russia 2016–20 share, March 2025 update
    assert list(res["value"].iloc[3:]) == [58.0, 21.0]  # months since 2022-02 and 2025-03
    fresh = q.freshness_rows(data, TODAY).set_index("key")
    assert fresh.loc["sipri-atdb", "status"] == "overdue by 9 months"
    assert fresh.loc["sipri-milex", ["latest", "next_due"]].tolist() == ["2024-04", "2025-04"]


# ------------------------------------------------------------------ the ghost line
def test_previous_release_of_a_sipri_update(data: DataStore) -> None:
    assert previous_editions(data, MARCH_2025)[:2] == [MARCH_2024, MARCH_2023]
    assert previous_editions(data, "not a release") == []


def test_ghost_is_off_by_default_and_draws_the_previous_release_when_on(data: DataStore) -> None:
    key = SeriesKey("arms_tiv_to_az", "SIPRI", ("all suppliers", "all suppliers (sum)"), MARCH_2025)
    fig = go.Figure()
    assert add_ghosts(fig, data, [key], False, "TIV million").empty
    assert ghost_values(fig) == []
    rows = add_ghosts(fig, data, [key], True, "TIV million")
    ((name, years, values),) = ghost_values(fig)
    assert name == "Previous release: March 2024 update (data to 2023)"
    assert dict(zip(years, values, strict=True)) == clean_total(MARCH_2024)
    assert set(rows["edition"]) == {MARCH_2024}
    trace = fig.data[0]
    assert trace.line.dash == "dash"
    assert "SIPRI Arms Transfers Database, March 2024 update" in trace.hovertext[0]


def test_arms_page_ghost_and_comparison(pages: dict[str, ModuleType], data: DataStore) -> None:
    arms = pages["arms"]
    assert arms.SPEC.params(data)["ghost"].default is False
    tiv = arms.SPEC.graph_id("tiv")
    plain = go.Figure(find(arms.layout(), tiv).figure)
    assert ghost_values(plain) == []
    ghosted = go.Figure(find(arms.layout(ghost="1"), tiv).figure)
    ((_, years, values),) = ghost_values(ghosted)
    assert dict(zip(years, values, strict=True)) == clean_total(MARCH_2024)
    # the default comparison: the latest SIPRI export (B) against the one before it (A)
    layout = arms.layout()
    ra, rb = (find(layout, arms.SPEC.control_id(k)) for k in ("ra", "rb"))
    assert (ra.value, rb.value) == ("2023", "2024")
    rows = {(r["subject"], r["year"]): r for r in find(layout, "arms-cmp").rowData}
    turkiye_2023 = rows[("Turkiye", 2023)]  # 9.0 in March 2024, 2.5 in March 2025
    assert (turkiye_2023["value_a"], turkiye_2023["value_b"], turkiye_2023["change"]) == (9.0, 2.5, -6.5)
    assert rows[("Italy", 2024)]["status"] == "only in B"
    caption, picked = arms.comparison_rows(data, "2021", "2023")
    assert caption.startswith("A: SIPRI March 2022 update (data to 2021) · B: SIPRI March 2024 update")
    hit = next(r for r in picked if (r["subject"], r["year"]) == ("Turkiye", 2020))
    assert (hit["value_a"], hit["value_b"], hit["change_pct"]) == (6.0, 28.8, 380.0)


def test_energy_ghost_says_when_no_earlier_release_exists(pages: dict[str, ModuleType]) -> None:
    energy = pages["energy"]
    oil_az = energy.SPEC.graph_id("oil-az")
    fig = go.Figure(find(energy.layout(ghost="1"), oil_az).figure)
    assert ghost_values(fig) == []
    assert "<i>Previous release: no earlier release of this series in the data</i>" in [
        a.text for a in fig.layout.annotations
    ]
    plain = go.Figure(find(energy.layout(), oil_az).figure)
    assert not any("Previous release" in str(a.text) for a in plain.layout.annotations)


def test_overview_what_changed_panel(pages: dict[str, ModuleType]) -> None:
    layout = pages["overview"].layout()
    first = find(layout, "ov-revisions").children[0]
    assert "Arms transfers to Azerbaijan (SIPRI TIV), Turkiye, 2020" in text_of(first)
    assert "6 → 28.8 TIV million (+380.0%)" in text_of(first)
    releases = text_of(find(layout, "ov-releases"))
    assert "SIPRI Arms Transfers Database: March 2025 update (data to 2024) (2025-03)" in releases
    assert find(layout, "ov-watch-box") is not None  # filled on load: the layout is cached, the date is not
    panel = pages["overview"].watch_panel(pages["overview"].store(), TODAY)
    assert text_of(find(panel, "ov-watch-summary")) == "4 of 5 rules triggered on 2026-12-02; 1 not evaluable."
    assert "overdue by 9 months" in text_of(find(panel, "ov-freshness"))
    today = text_of(find(pages["overview"].render_watch(None), "ov-watch-summary"))
    assert today.endswith(f"on {dt.date.today().isoformat()}; 1 not evaluable.")


def test_the_watch_panel_is_built_once_per_day_and_language(pages: dict[str, ModuleType]) -> None:
    overview = pages["overview"]
    data = overview.store()
    panel = overview.watch_panel_on(data, TODAY, "en")
    assert overview.watch_panel_on(data, TODAY, "en") is panel  # the memo: not rebuilt on every page load
    assert overview.watch_panel_on(data, TODAY + dt.timedelta(days=1), "en") is not panel  # a new day: rebuilt
    # the page's language keys the memo: the Russian panel is not the English one served again
    russian = text_of(find(overview.render_watch({"lang": "ru"}), "ov-watch-summary"))
    assert re.match(r"Сработало правил: \d из 5 на ", russian), russian  # the count moves with the date
    english = text_of(find(overview.render_watch({"lang": "en"}), "ov-watch-summary"))
    assert re.match(r"\d of 5 rules triggered on ", english), english


def test_arms_export_carries_the_ghost_rows_only_when_drawn(pages: dict[str, ModuleType], data: DataStore) -> None:
    arms = pages["arms"]
    frame, _ = arms.view_frame(data, arms.SPEC.parse(data, {"ghost": "1"}))
    totals = frame[frame["subject"] == "all suppliers (sum)"]
    assert set(totals["edition"]) == {MARCH_2024}
    assert dict(zip(totals["year"].astype(int), totals["value"], strict=True)) == clean_total(MARCH_2024)
    frame, _ = arms.view_frame(data, arms.SPEC.parse(data, {}))
    assert frame[frame["subject"] == "all suppliers (sum)"].empty
