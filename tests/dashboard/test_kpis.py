"""Overview KPI values, changes and freshness, checked against hand-computed numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.i18n import using_lang
from dashboard.kpis import KPI_SPECS, kpi_value

SPECS = {s.key: s for s in KPI_SPECS}


def test_az_turnover_latest_is_2024_with_change_on_2023(data):
    k = kpi_value(data, SPECS["turnover-az"])
    # TS0240 (2024: 4799, metbuat) vs TS0239 (2023: 4400, news.az): relayed by different outlets, so the
    # card says the change is not computed instead of showing +9.1% (the official statement said '>10%')
    assert k["year"] == 2024 and k["value"] == pytest.approx(4799)
    assert k["change"] is None
    assert k["change_text"] == "change vs 2023 not computed: different sources"
    assert k["freshness"] == "Latest year with data: 2024"


def test_card_change_comes_from_the_builds_same_source_change(data):
    # 2022: TS0238 3700 vs TS0237 2990 for 2021, both from cssc-2023-12-21: +23.7%
    k = kpi_value(data, SPECS["turnover-az"], 2022)
    assert k["change"] == pytest.approx(100 * (3700 - 2990) / 2990)
    assert k["change_text"] == "+23.7% vs 2021"
    # 2014 RU-reported: computed turnovers of one DOTS export, so the change is computed
    k14 = kpi_value(data, SPECS["turnover-ru"], 2014)
    k13 = kpi_value(data, SPECS["turnover-ru"], 2013)
    assert k14["change"] == pytest.approx(100 * (k14["value"] - k13["value"]) / k13["value"])


def test_selected_year_shows_that_year(data):
    k = kpi_value(data, SPECS["turnover-ru"], 2014)
    # RU-reported 2014 = TS0164 635.9276 + TS0137 3373.0932 (computed turnover)
    assert k["value"] == pytest.approx(635.9276 + 3373.0932)
    assert k["source"].startswith("Source: computed from IMF Direction of Trade Statistics")


def test_missing_year_says_no_data_instead_of_zero(data):
    k = kpi_value(data, SPECS["turnover-ru"], 2023)
    assert k["value"] is None and "no data for 2023" in k["context"]


def test_share_change_is_in_percentage_points(data):
    k = kpi_value(data, SPECS["share-az"], 2014)
    assert k["change_text"].endswith("pp vs 2013")


def test_arms_share_uses_the_latest_sipri_export_not_the_reprocessed_copy(data):
    march_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
    k = kpi_value(data, SPECS["arms-ru-share"])
    # the March 2025 update (data to 2024) covers SIPRI's 2016-20 window completely, not 2021-25
    assert k["year"] == 2020 and k["row"]["edition"] == march_2025
    assert "March 2025 update (data to 2024)" in k["source"] and "2026" not in k["source"] + k["freshness"]
    assert "share over the five-year window ending in that year, in the release named below" in k["context"]
    tiv = data.select("arms_tiv_to_az", "SIPRI", edition=march_2025)
    window = tiv[tiv["year"].between(2016, 2020) & ~tiv["subject"].str.startswith("all suppliers")]
    expected = 100 * window.loc[window["subject"] == "Russia", "value"].sum() / window["value"].sum()
    assert k["value"] == pytest.approx(expected, abs=1e-6)


def test_a_selected_year_cites_that_years_row_not_the_latest(data):
    # 2010 AZ exports: TS0019 (773.5519) from the IMF DOTS export; the latest (2024) figure is MP Vugar Bayramov's
    k = kpi_value(data, SPECS["exports-az"], 2010)
    assert k["value"] == pytest.approx(773.5519)
    assert k["source"] == "Source: IMF Direction of Trade Statistics, DOTS export of 2022-02 (annual data to 2020)"
    assert "Bayramov" not in k["source"] + k["freshness"] + k["context"]
    latest = kpi_value(data, SPECS["exports-az"])
    assert latest["source"].startswith("Source: MP Vugar Bayramov")


def test_baku_novorossiysk_card_names_the_publisher_of_its_figure(data):
    # 2020: EN0404, SOCAR's count published by CDU TEK (source thetribune-2021-07); 2010: EN0396, SOCAR via Oilexp
    k = kpi_value(data, SPECS["bn-socar"], 2020)
    assert k["value"] == pytest.approx(0.61329)
    assert k["source"].startswith("Source: SOCAR figure from CDU TEK (Russian energy dispatch office)")
    assert "SOCAR" not in SPECS["bn-socar"].label
    assert kpi_value(data, SPECS["bn-socar"], 2010)["source"] == "Source: SOCAR, via Oilexp.ru (2011)"


def test_card_text_never_repeats_computed(data):
    k = kpi_value(data, SPECS["share-az"], 2014)
    text = " · ".join([k["context"], k["source"]])
    assert text.count("computed") == 1


def test_oil_card_names_its_edition(data):
    # EN0269: 2010 Azerbaijan oil 591.946 TWh in the EI Statistical Review 2025
    k = kpi_value(data, SPECS["oil-az"], 2010)
    assert k["value_text"] == "591.9"
    assert k["source"] == "Source: Energy Institute Statistical Review 2025 (data to 2024)"


def test_overview_and_energy_page_state_their_headline_oil_series(data):
    import importlib

    from dashboard.app import create_app
    from dashboard.kpis import energy_headline

    create_app(store=data)
    text = energy_headline(data)
    # EN0269 and the rest of the EI 2025 series run to 2024; BP's 2021 edition to 2020
    assert text["overview"].startswith("Oil and gas cards: Energy Institute Statistical Review 2025 (data to 2024)")
    assert "every year to 2024" in text["overview"] and "BP Statistical Review 2021" in text["overview"]
    assert "converted at 11.63 TWh/Mt" in text["energy"] and "official figures" in text["energy"]
    for module, element in (("overview", "ov-headline"), ("energy", "energy-headline")):
        page = importlib.import_module(f"dashboard.pages.{module}")
        shown = [c.children for c in _walk(page.layout()) if getattr(c, "id", None) == element]
        assert shown == [text[module]]


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from _walk(child)
    elif children is not None and not isinstance(children, str | int | float):
        yield from _walk(children)


def test_arms_share_card_sets_the_previous_window_beside_the_shown_one(data):
    march_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"
    k = kpi_value(data, SPECS["arms-ru-share"])
    previous = data.select("arms_tiv_5y_share", "SIPRI", "Russia", edition=march_2025)
    value_2015 = float(previous.loc[previous["year"] == 2015, "value"].iloc[0])
    # 2016-20 is shown; the card sets SIPRI's previous window, 2011-15, beside it
    assert k["change_text"] == f"2011–15 window: {value_2015:.1f}%"


def test_kpi_specs_names_one_thing_the_overviews_key_figures():
    # the trade page's tiles are DETAIL_TILES (issue 9: one name, one meaning)
    root = Path(__file__).resolve().parents[2] / "dashboard"
    defined = sorted(
        str(p.relative_to(root.parent))
        for p in root.rglob("*.py")
        if re.search(r"^KPI_SPECS\b", p.read_text(encoding="utf-8"), re.MULTILINE)
    )
    assert defined == ["dashboard/kpis.py"]


def test_overview_ships_every_selectable_years_cards_as_the_server_renders_them(data):
    # the cards of a clicked year are placed in the browser from this payload: each text must be the one the
    # server renders for that year (kpi_cards), for every year the page's year parameter accepts
    import importlib

    from dashboard.app import create_app

    create_app(store=data)
    overview = importlib.import_module("dashboard.pages.overview")
    payload = overview.kpi_payload(data, "en")
    years = list(range(data.years[0], data.years[-1] + 1))
    assert list(payload["years"]) == [str(y) for y in years]
    assert payload["cards"] == [f"kpi-{s.key}" for s in KPI_SPECS]
    for key, year in [*((str(y), y) for y in years), ("default", None)]:
        rendered = overview._props_by_id(overview.kpi_cards(data, year), {})
        rows = payload["default"] if year is None else payload["years"][key]
        for card, row, (head, tail) in zip(payload["cards"], rows, payload["spark"], strict=True):
            texts = [payload["strings"][i] for i in row]
            texts[-1] = head + texts[-1] + tail
            assert texts == [str(rendered[f"{card}-{k}"][prop]) for k, prop in overview.CARD_FIELDS], (key, card)
    # by hand: 2024 AZ-reported turnover is TS0240 in data/clean (4 799 USD million)
    row_2024 = payload["years"]["2024"][payload["cards"].index("kpi-turnover-az")]
    assert payload["strings"][row_2024[0]] == "4\u202f799"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ru",
            ("Товарооборот по данным Азербайджана", "1\xa0955", "млн долл. США", "2014 · По данным Азербайджана",
             "-24,3% к 2013 г.", "Последний год с данными: 2024"),
        ),
        (
            "az",
            ("Əmtəə dövriyyəsi, Azərbaycanın məlumatına görə", "1\xa0955", "mln ABŞ dolları",
             "2014 · Azərbaycanın məlumatına görə", "2013 ilə müqayisədə -24,3%", "Məlumatı olan son il: 2024"),
        ),
    ],
)  # fmt: skip
def test_a_card_in_russian_and_azerbaijani(data, lang, expected):
    """AZ-reported turnover 2014 = 1954.7519 (rounded to 1 955), -24.3 % on 2013, in the language's words and
    number style; the source keeps the publisher's name as published."""
    spec = next(s for s in KPI_SPECS if s.key == "turnover-az")
    with using_lang(lang):
        k = kpi_value(data, spec, 2014)
    assert (k["label"], k["value_text"], k["unit_text"], k["context"], k["change_text"], k["freshness"]) == expected
    assert "IMF Direction of Trade Statistics" in k["source"]
    assert k["source"].startswith({"ru": "Источник: ", "az": "Mənbə: "}[lang])
    assert k["href"] == f"/trade?lang={lang}"  # the card leads to its page in the same language
