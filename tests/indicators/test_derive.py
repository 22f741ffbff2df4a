"""Derived indicators, checked against arithmetic done by hand on the shipped raw records.

Each expected number is written out with the raw record ids it comes from
(data/raw/*.csv), so a change in the code or in a transcription shows up here.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from indicators.derive import (
    annual_series,
    compute_changes,
    derive_all,
    derive_balance,
    derive_energy_units,
    derive_mirror,
    derive_not_computed,
    derive_shares,
    derive_tiv,
    derive_turnover,
    full_year_figures,
    window_label,
)

DOTS = "DOTS export of 2022-02 (annual data to 2020)"
SIPRI_2022 = "SIPRI Arms Transfers Database, March 2022 update (data to 2021)"
SIPRI_2023 = "SIPRI Arms Transfers Database, March 2023 update (data to 2022)"
SIPRI_2024 = "SIPRI Arms Transfers Database, March 2024 update (data to 2023)"
SIPRI_2025 = "SIPRI Arms Transfers Database, March 2025 update (data to 2024)"


def approx(x: float) -> object:
    # derived values are rounded to 6 decimals
    return pytest.approx(x, abs=1e-6)


@pytest.fixture(scope="module")
def obs(real_obs: pd.DataFrame) -> pd.DataFrame:
    return real_obs.set_index("obs_id")


@pytest.fixture(scope="module")
def published(real_obs: pd.DataFrame) -> pd.DataFrame:
    return real_obs[real_obs["confidence"] != "computed"].reset_index(drop=True)


def _change(changes: pd.DataFrame, indicator: str, reporter: str, year: int, edition: str | None) -> pd.Series:
    sel = changes[
        (changes["indicator"] == indicator)
        & (changes["reporter"] == reporter)
        & (changes["year"] == year)
        & (changes["edition"].isna() if edition is None else changes["edition"] == edition)
    ]
    assert len(sel) == 1, sel
    return sel.iloc[0]


# ------------------------------------------------------- real data: trade (DOTS)
def test_dots_turnover_is_exports_plus_imports(obs: pd.DataFrame) -> None:
    # AZ-reported 2014: TS0023 AZ→RU 640.2714 + TS0052 RU→AZ 1314.4805
    az = obs.loc["D-trade_az_ru_turnover-AZ-2014"]
    assert az["value"] == approx(640.2714 + 1314.4805)  # 1954.7519
    assert (az["source_id"], az["edition"], az["confidence"]) == ("imf-dots-aze-2022", DOTS, "computed")
    assert az["locator"] == "computed from TS0023, TS0052"
    assert "trade_az_to_ru + trade_ru_to_az" in az["formula"]
    # RU-reported 2014: TS0164 635.9276 + TS0137 3373.0932
    assert obs.loc["D-trade_az_ru_turnover-RU-2014", "value"] == approx(635.9276 + 3373.0932)
    # AZ with the world 2014: TS0081 exports 21828.6089 + TS0110 imports 9187.6976
    assert obs.loc["D-trade_az_world_turnover-AZ-2014", "value"] == approx(21828.6089 + 9187.6976)
    # RU with the world 2014: TS0193 497833.7105 + TS0222 286669.0834
    assert obs.loc["D-trade_ru_world_turnover-RU-2014", "value"] == approx(497833.7105 + 286669.0834)


def test_no_turnover_is_computed_where_the_source_publishes_one(obs: pd.DataFrame) -> None:
    # cssc-2023-12-21 gives AZ 2021 flows (TS0229 921, TS0233 2070) and the turnover itself (TS0237 2990)
    assert "D-trade_az_ru_turnover-AZ-2021" not in obs.index
    assert obs.loc["TS0237", "value"] == 2990.0


def test_balance_is_az_to_ru_minus_ru_to_az_per_reporter(obs: pd.DataFrame) -> None:
    # AZ-reported 2014 balance = exports TS0023 640.2714 - imports TS0052 1314.4805
    az = obs.loc["D-trade_az_ru_balance-AZ-2014"]
    assert az["value"] == approx(640.2714 - 1314.4805)  # -674.2091
    assert az["reporter"] == "AZ"
    # RU-reported 2014 balance = RU imports from AZ TS0164 635.9276 - RU exports TS0137 3373.0932
    assert obs.loc["D-trade_az_ru_balance-RU-2014", "value"] == approx(635.9276 - 3373.0932)
    # AZ 2021 from cssc-2023-12-21: TS0229 921 - TS0233 2070
    assert obs.loc["D-trade_az_ru_balance-AZ-2021", "value"] == approx(921 - 2070)
    # AZ 2023: the series pairs TS0231 '~1200' (nordot-2024) with TS0235 3160 (news-2024-08-12), two news
    # items (-1960 mixed them); News.az alone gives both flows: ST0078 1120 - TS0235 3160 = -2040
    b23 = obs.loc["D-trade_az_ru_balance-AZ-2023"]
    assert b23["value"] == approx(1120 - 3160)
    assert (b23["qualifier"], b23["source_ids"], b23["locator"]) == (
        "exact",
        "news-2024-08-12",
        "computed from ST0078, TS0235",
    )


def test_russia_share_of_az_trade_uses_az_reported_figures_only(obs: pd.DataFrame) -> None:
    # 2014: (TS0023 640.2714 + TS0052 1314.4805) / (TS0081 21828.6089 + TS0110 9187.6976)
    share = obs.loc["D-trade_ru_share_of_az_trade-AZ-2014"]
    assert share["value"] == approx(100 * (640.2714 + 1314.4805) / (21828.6089 + 9187.6976))  # 6.302336
    assert (share["reporter"], share["unit"]) == ("AZ", "percent")
    # 2022: cssc TS0238 3700 and the world turnover TS0248 52680 (trend-2024-01-19) come from different
    # sources: no share. The sum of trend-2023-04-14 (TS0241 38100 + TS0245 14540 = 52640) is not a
    # second 2022 value of the world turnover: the published TS0248 is the only one
    assert "D-trade_ru_share_of_az_trade-AZ-2022" not in obs.index
    assert "D-trade_az_world_turnover-AZ-2022" not in obs.index


def test_az_share_of_russian_trade_uses_ru_reported_figures_only(obs: pd.DataFrame) -> None:
    # 2014: (TS0164 635.9276 + TS0137 3373.0932) / (TS0193 497833.7105 + TS0222 286669.0834)
    share = obs.loc["D-trade_az_share_of_ru_trade-RU-2014"]
    assert share["value"] == approx(100 * (635.9276 + 3373.0932) / (497833.7105 + 286669.0834))  # 0.511027
    assert share["reporter"] == "RU"


def test_mirror_ratio_is_ru_reported_over_az_reported_per_flow(obs: pd.DataFrame) -> None:
    # 2014 AZ→RU goods: RU imports TS0164 635.9276 / AZ exports TS0023 640.2714
    az_ru = obs.loc["D-trade_mirror_ratio-AZ→RU goods-2014"]
    assert az_ru["value"] == approx(635.9276 / 640.2714)
    assert (az_ru["reporter"], az_ru["subject"], az_ru["unit"]) == ("OTHER", "AZ→RU goods", "ratio")
    # 2014 RU→AZ goods: RU exports TS0137 3373.0932 / AZ imports TS0052 1314.4805
    assert obs.loc["D-trade_mirror_ratio-RU→AZ goods-2014", "value"] == approx(3373.0932 / 1314.4805)
    # 2014 turnover: (635.9276 + 3373.0932) / (640.2714 + 1314.4805)
    assert obs.loc["D-trade_mirror_ratio-turnover-2014", "value"] == approx(
        (635.9276 + 3373.0932) / (640.2714 + 1314.4805)
    )
    # 2021 AZ→RU from the non-DOTS series: RU TS0251 1100 / AZ TS0229 921
    assert obs.loc["D-trade_mirror_ratio-AZ→RU goods-2021", "value"] == approx(1100 / 921)
    # 2021 turnover: RU TS0252 3400 / AZ TS0237 2990
    assert obs.loc["D-trade_mirror_ratio-turnover-2021", "value"] == approx(3400 / 2990)


def test_computed_trade_rows_never_mix_reporters_except_the_mirror(real_obs: pd.DataFrame) -> None:
    by_id = real_obs.set_index("obs_id")
    computed = real_obs[(real_obs["confidence"] == "computed") & real_obs["indicator"].str.startswith("trade_")]
    assert len(computed) > 300
    for row in computed.itertuples():
        inputs = str(row.locator).removeprefix("computed from ").split(", ")
        reporters = set(by_id.loc[inputs, "reporter"])
        sources = {s for ids in by_id.loc[inputs, "source_ids"] for s in str(ids).split(";")}
        assert set(str(row.source_ids).split(";")) == sources, row.obs_id
        assert row.source_id == str(row.source_ids).split(";")[0]
        if row.indicator == "trade_mirror_ratio":
            assert reporters == {"AZ", "RU"}, row.obs_id
        else:
            assert reporters == {row.reporter}, row.obs_id


# ------------------------------------------------------------ real data: changes
def test_percent_change_for_a_level_indicator(real_changes: pd.DataFrame) -> None:
    # AZ→RU goods, AZ-reported: 2014 TS0023 640.2714 vs 2013 TS0022 1077.8444
    c = _change(real_changes, "trade_az_to_ru", "AZ", 2014, DOTS)
    assert (c["value"], c["previous"]) == (640.2714, 1077.8444)
    assert c["change"] == approx(100 * (640.2714 - 1077.8444) / 1077.8444)  # -40.60%
    assert (c["change_type"], c["change_unit"]) == ("percent", "%")


def test_absolute_change_for_the_balance(real_changes: pd.DataFrame) -> None:
    # AZ-reported balance 2014 (TS0023 - TS0052) minus 2013 (TS0022 1077.8444 - TS0051 1505.1785)
    c = _change(real_changes, "trade_az_ru_balance", "AZ", 2014, DOTS)
    assert c["change"] == approx((640.2714 - 1314.4805) - (1077.8444 - 1505.1785))  # -246.875
    assert (c["change_type"], c["change_unit"]) == ("absolute", "USD million")


def test_percentage_point_change_for_a_share(real_changes: pd.DataFrame) -> None:
    share_2014 = 100 * (640.2714 + 1314.4805) / (21828.6089 + 9187.6976)
    # 2013: (TS0022 1077.8444 + TS0051 1505.1785) / (TS0080 23975.4168 + TS0109 10712.5025)
    share_2013 = 100 * (1077.8444 + 1505.1785) / (23975.4168 + 10712.5025)
    c = _change(real_changes, "trade_ru_share_of_az_trade", "AZ", 2014, DOTS)
    assert c["change"] == pytest.approx(share_2014 - share_2013, abs=2e-6)
    assert (c["change_type"], c["change_unit"]) == ("percentage_points", "pp")


def test_no_change_across_a_gap(real_changes: pd.DataFrame) -> None:
    # Israel in the 2022 release: AT0016 2006, no 2007 record, AT0017 2008
    isr = real_changes[
        (real_changes["indicator"] == "arms_tiv_to_az")
        & (real_changes["subject"] == "Israel")
        & (real_changes["edition"] == SIPRI_2022)
    ]
    assert 2008 not in set(isr["year"])
    assert 2009 in set(isr["year"])  # AT0018 2009 follows AT0017 2008
    # Turkiye in the 2024 release: AT0200 2020, none for 2021, AT0201 2022, AT0202 2023
    tur = real_changes[
        (real_changes["indicator"] == "arms_tiv_to_az")
        & (real_changes["subject"] == "Turkiye")
        & (real_changes["edition"] == SIPRI_2024)
    ].set_index("year")
    assert 2022 not in tur.index
    assert tur.loc[2023, "change"] == approx(100 * (9 - 19.35) / 19.35)
    # DOTS ends in 2020; the 2021 share (other sources) has no change against it
    shares = real_changes[real_changes["indicator"] == "trade_ru_share_of_az_trade"]
    assert 2021 not in set(shares["year"])


def test_changes_never_cross_sipri_releases(real_changes: pd.DataFrame, real_obs: pd.DataFrame) -> None:
    # Russia 2012 is 256 in the 2022 release (AT0036), 263.85 in 2024 (AT0157), 269.85 in 2026 (AT0332)
    ru_2012 = real_changes[
        (real_changes["indicator"] == "arms_tiv_to_az")
        & (real_changes["subject"] == "Russia")
        & (real_changes["year"] == 2012)
    ]
    pairs = dict(zip(ru_2012["edition"], zip(ru_2012["value"], ru_2012["previous"], strict=True), strict=True))
    assert pairs[SIPRI_2022] == (256.0, 477.0)  # AT0036 vs AT0035
    assert pairs[SIPRI_2024] == (263.85, 484.75)  # AT0157 vs AT0150
    # every change's two values exist in observations of that same edition
    tiv = real_obs[real_obs["indicator"] == "arms_tiv_to_az"]
    for c in real_changes[real_changes["indicator"] == "arms_tiv_to_az"].itertuples():
        same = tiv[(tiv["edition"] == c.edition) & (tiv["subject"] == c.subject)]
        assert c.value in set(same.loc[same["year"] == c.year, "value"]), c
        assert c.previous in set(same.loc[same["year"] == c.year - 1, "value"]), c


# -------------------------------------------------------------- real data: TIV
def test_tiv_five_year_sum_and_share_for_russia_in_the_2024_release(obs: pd.DataFrame) -> None:
    # Russia 2011-2015: AT0150 484.75 + AT0157 263.85 + AT0164 309.8 + AT0171 554.6 + AT0176 213.7
    russia = 484.75 + 263.85 + 309.8 + 554.6 + 213.7  # 1826.7
    # all suppliers, every 2011-2015 record of the release:
    y2011 = 50.64 + 5.95 + 484.75 + 4.96 + 7.42 + 13.63 + 0.54  # AT0148-AT0154
    y2012 = 69.08 + 8.8 + 263.85 + 16.2 + 22.9 + 5.6 + 1.8  # AT0155-AT0161
    y2013 = 33 + 24.5 + 309.8 + 2.64 + 5.3 + 15 + 0.36  # AT0162-AT0168
    y2014 = 33 + 19.25 + 554.6 + 3.52 + 19.8 + 0.54  # AT0169-AT0174
    y2015 = 111.5 + 213.7 + 2.04 + 11  # AT0175-AT0178
    total = y2011 + y2012 + y2013 + y2014 + y2015  # 2315.67
    assert obs.loc["D-arms_tiv_5y_sum-2023-Russia-2015", "value"] == approx(russia)
    assert obs.loc["D-arms_tiv_5y_sum-2023-all-2015", "value"] == approx(total)
    share = obs.loc["D-arms_tiv_5y_share-2023-Russia-2015"]
    assert share["value"] == approx(100 * russia / total)  # 78.88%
    assert (share["edition"], share["unit"], share["subject"]) == (SIPRI_2024, "percent", "Russia")
    assert obs.loc["D-arms_tiv_5y_sum-2023-Russia-2015", "unit"] == "TIV million"
    # the all-supplier annual sum for 2011
    annual = obs.loc["D-arms_tiv_sum-2023-2011"]
    assert annual["value"] == approx(y2011)  # 567.89
    assert (annual["indicator"], annual["subject"]) == ("arms_tiv_to_az", "all suppliers (sum)")


def test_tiv_five_year_sum_and_share_for_russia_in_the_2022_release(obs: pd.DataFrame) -> None:
    # Russia 2011-2015: AT0035 477 + AT0036 256 + AT0037 305 + AT0038 550 + AT0039 210
    russia = 477 + 256 + 305 + 550 + 210  # 1798
    y2011 = 51 + 5 + 477 + 3 + 7 + 14 + 1  # AT0006, AT0020, AT0035, AT0045, AT0056, AT0076, AT0081
    y2012 = 69 + 9 + 256 + 9 + 20 + 6 + 2  # AT0007, AT0021, AT0036, AT0046, AT0057, AT0077, AT0082
    y2013 = 33 + 25 + 305 + 2 + 5 + 15 + 0  # AT0008, AT0022, AT0037, AT0047, AT0058, AT0078, AT0083
    y2014 = 33 + 21 + 550 + 3 + 17 + 1  # AT0009, AT0023, AT0038, AT0048, AT0059, AT0084
    y2015 = 116 + 210 + 1 + 9  # AT0024, AT0039, AT0049, AT0060
    total = y2011 + y2012 + y2013 + y2014 + y2015  # 2275
    assert obs.loc["D-arms_tiv_5y_sum-2021-Russia-2015", "value"] == approx(russia)
    assert obs.loc["D-arms_tiv_5y_sum-2021-all-2015", "value"] == approx(total)
    assert obs.loc["D-arms_tiv_5y_share-2021-Russia-2015", "value"] == approx(100 * russia / total)  # 79.03%
    assert obs.loc["D-arms_tiv_5y_share-2021-Russia-2015", "edition"] == SIPRI_2022
    # a supplier-year without a record inside the coverage counts as zero:
    # Russia 2016-2020 = AT0040 7 + AT0041 109 + AT0042 53 (nothing recorded 2019-2020)
    assert obs.loc["D-arms_tiv_5y_sum-2021-Russia-2020", "value"] == approx(7 + 109 + 53)


def test_totals_only_release_gives_all_supplier_sums_and_no_shares(real_obs: pd.DataFrame) -> None:
    rel = real_obs[real_obs["edition"] == SIPRI_2023].set_index("obs_id")
    # importer totals 2011-2015: AT0105 560 + AT0106 378 + AT0107 385 + AT0108 621 + AT0109 328
    assert rel.loc["D-arms_tiv_5y_sum-2022-all-2015", "value"] == approx(560 + 378 + 385 + 621 + 328)
    # 1996-2000: AT0090-AT0093 none recorded (0), AT0094 3
    assert rel.loc["D-arms_tiv_5y_sum-2022-all-2000", "value"] == approx(3)
    # ten-year window 2001-2010 exists; 1992-1996 is not a SIPRI window
    assert "D-arms_tiv_5y_sum-2022-all-1996" not in rel.index
    assert "D-arms_tiv_10y_sum-2022-all-2010" in rel.index
    derived = rel[rel["confidence"] == "computed"]
    assert set(derived["indicator"]) == {"arms_tiv_5y_sum", "arms_tiv_10y_sum"}
    assert set(derived["subject"]) == {"all suppliers"}


def test_tiv_windows_stay_inside_each_release_coverage(real_obs: pd.DataFrame) -> None:
    sums = real_obs[real_obs["indicator"] == "arms_tiv_5y_sum"]
    ends = {str(e): sorted({int(y) for y in g["year"]}) for e, g in sums.groupby("edition")}
    # SIPRI's fixed five-year windows, only those wholly inside the coverage:
    # 2022 release: records from 1993 (AT0066), data to 2021 -> 1996-2000 ... 2016-2020 (2021-25 not covered)
    assert ends[SIPRI_2022] == [2000, 2005, 2010, 2015, 2020]
    # 2024 release: records from 2000 (AT0118), data to 2023 -> 2001-05 ... 2016-20
    assert ends[SIPRI_2024] == [2005, 2010, 2015, 2020]
    # 2023 release: totals from 1992 (AT0086), data to 2022 -> 1996-2000 ... 2016-20
    assert ends[SIPRI_2023] == [2000, 2005, 2010, 2015, 2020]
    tens = real_obs[real_obs["indicator"] == "arms_tiv_10y_sum"]
    ends10 = {str(e): sorted({int(y) for y in g["year"]}) for e, g in tens.groupby("edition")}
    assert ends10[SIPRI_2022] == [2010, 2020]  # 2001-10 and 2011-20
    assert ends10[SIPRI_2024] == [2010, 2020]  # records from 2000: 2001-10 lies inside
    # shares of one release and window add up to 100
    for indicator in ("arms_tiv_5y_share", "arms_tiv_10y_share"):
        shares = real_obs[(real_obs["indicator"] == indicator)]
        totals = shares.groupby(["edition", "year"])["value"].sum()
        assert totals.to_numpy() == pytest.approx(100.0, abs=1e-4)


def test_news_figures_quoting_sipri_do_not_enter_the_windows(obs: pd.DataFrame) -> None:
    # AT0385 (oxu-2019-01-30, secondary) says 279 for 2017; it is a point, not a release
    assert obs.loc["AT0385", "kind"] == "point"
    assert pd.isna(obs.loc["AT0385", "edition"])
    assert not obs["locator"].str.contains("AT0385").any()


# ------------------------------------------------------------ real data: energy
def test_energy_unit_conversions(obs: pd.DataFrame) -> None:
    # BP oil 2019: EN0107 37.9944 Mt × 11.63 TWh/Mt
    oil = obs.loc["D-energy_oil_production_twh-EN0107"]
    assert oil["value"] == approx(37.9944 * 11.63)  # 441.874872
    assert (oil["reporter"], oil["unit"], oil["kind"]) == ("BP", "TWh", "series")
    assert "11.63" in oil["formula"]
    # EI gas 2019: EN0288 239.382 TWh / 10 TWh per bcm
    gas = obs.loc["D-energy_gas_production_marketed_bcm-EN0288"]
    assert gas["value"] == approx(239.382 / 10)
    assert (gas["reporter"], gas["unit"]) == ("EI", "bcm")
    # BP gas 2019: EN0110 24.3182 bcm × 10
    assert obs.loc["D-energy_gas_production_twh-EN0110", "value"] == approx(24.3182 * 10)
    # EI oil 2019: EN0287 436.853 TWh / 11.63
    assert obs.loc["D-energy_oil_production_mt-EN0287", "value"] == approx(436.853 / 11.63)


def test_energy_conversion_keeps_a_part_year_period(obs: pd.DataFrame) -> None:
    # EN0339: SOCAR, January-November 2019, 34.3 Mt
    row = obs.loc["D-energy_oil_production_twh-EN0339"]
    assert row["value"] == approx(34.3 * 11.63)  # 398.909
    assert row["period"] == "2019-01..2019-11"
    assert (row["period_start"], row["period_end"]) == (pd.Timestamp(2019, 1, 1), pd.Timestamp(2019, 11, 30))
    assert not row["full_year"]
    assert row["kind"] == "point"


# ------------------------------------------- derive_all is what the build wrote
def test_build_writes_exactly_what_derive_all_computes(published: pd.DataFrame, real_obs: pd.DataFrame) -> None:
    derived = derive_all(published).set_index("obs_id")
    written = real_obs[real_obs["confidence"] == "computed"].set_index("obs_id")
    assert set(derived.index) == set(written.index)
    assert derived["value"].sort_index().to_numpy() == pytest.approx(
        written["value"].sort_index().to_numpy(), abs=1e-9, nan_ok=True
    )
    assert (derived["formula"].sort_index() == written["formula"].sort_index()).all()


# ------------------------------------------------ small frames: the rules
def test_turnover_needs_both_flows_from_one_source(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = make_obs(
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 100.0, "source_id": "src-az"},
        {"obs_id": "B1", "indicator": "trade_ru_to_az", "value": 300.0, "source_id": "src-az"},
        {"obs_id": "A2", "indicator": "trade_az_to_ru", "value": 110.0, "source_id": "src-az", "year": 2020},
        {"obs_id": "B2", "indicator": "trade_ru_to_az", "value": 330.0, "source_id": "src-news", "year": 2020},
    )
    out = derive_turnover(obs)
    assert out[["obs_id", "value", "source_id"]].values.tolist() == [
        ["D-trade_az_ru_turnover-AZ-2019", 400.0, "src-az"]
    ]


def test_turnover_ignores_a_flow_given_twice_by_one_source(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = make_obs(
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 100.0},
        {"obs_id": "A2", "indicator": "trade_az_to_ru", "value": 40.0, "subject": "non-oil"},
        {"obs_id": "A3", "indicator": "trade_ru_to_az", "value": 300.0},
        {"obs_id": "B1", "indicator": "trade_az_to_ru", "value": 110.0, "year": 2020},
        {"obs_id": "B2", "indicator": "trade_az_to_ru", "value": 111.0, "year": 2020, "period": "2020?"},
        {"obs_id": "B3", "indicator": "trade_ru_to_az", "value": 330.0, "year": 2020},
    )
    out = derive_turnover(obs)
    # 2019: the total flows pair up, the non-oil flow has no partner; 2020 is ambiguous and left out
    assert out[["obs_id", "value"]].values.tolist() == [["D-trade_az_ru_turnover-AZ-2019", 400.0]]


@pytest.mark.parametrize(
    ("quals", "expected"),
    [
        (("exact", "exact"), "exact"),
        (("exact", "approximate"), "approximate"),
        (("approximate", "approximate"), "approximate"),
        (("exact", "lower_bound"), None),
        (("upper_bound", "exact"), None),
        (("range", "exact"), None),
    ],
)
def test_bounds_and_ranges_do_not_enter_sums_or_differences(
    make_obs: Callable[..., pd.DataFrame], quals: tuple[str, str], expected: str | None
) -> None:
    obs = make_obs(
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 100.0, "qualifier": quals[0]},
        {"obs_id": "B1", "indicator": "trade_ru_to_az", "value": 300.0, "qualifier": quals[1]},
    )
    for out in (derive_turnover(obs), derive_balance(annual_series(obs))):
        assert out["qualifier"].tolist() == ([] if expected is None else [expected])


def test_only_whole_calendar_years_of_series_are_combined(make_obs: Callable[..., pd.DataFrame]) -> None:
    nine_months = {
        "period": "2019-01..2019-09",
        "period_end": pd.Timestamp(2019, 9, 30),
        "full_year": False,
    }
    obs = make_obs(
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 100.0, **nine_months},
        {"obs_id": "B1", "indicator": "trade_ru_to_az", "value": 300.0, **nine_months},
        {"obs_id": "A2", "indicator": "trade_az_to_ru", "value": 100.0, "year": 2020, "kind": "point"},
        {"obs_id": "B2", "indicator": "trade_ru_to_az", "value": 300.0, "year": 2020, "kind": "point"},
    )
    assert derive_turnover(obs).empty
    assert derive_balance(annual_series(obs)).empty


def test_balance_prefers_a_published_figure_and_skips_two_conflicting_ones(
    make_obs: Callable[..., pd.DataFrame],
) -> None:
    obs = make_obs(
        # 2019: one published AZ→RU, one computed; the published one is used
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 100.0},
        {"obs_id": "A1c", "indicator": "trade_az_to_ru", "value": 999.0, "confidence": "computed", "formula": "x"},
        {"obs_id": "B1", "indicator": "trade_ru_to_az", "value": 300.0},
        # 2020: two published AZ→RU figures disagree; no balance rather than a choice
        {"obs_id": "A2", "indicator": "trade_az_to_ru", "value": 110.0, "year": 2020},
        {"obs_id": "A2b", "indicator": "trade_az_to_ru", "value": 120.0, "year": 2020, "source_id": "src-news"},
        {"obs_id": "B2", "indicator": "trade_ru_to_az", "value": 330.0, "year": 2020},
    )
    out = derive_balance(annual_series(obs))
    assert out[["obs_id", "value", "locator"]].values.tolist() == [
        ["D-trade_az_ru_balance-AZ-2019", -200.0, "computed from A1, B1"]
    ]


def test_share_and_mirror_skip_a_zero_denominator(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = make_obs(
        {"obs_id": "T1", "indicator": "trade_az_ru_turnover", "value": 400.0},
        {"obs_id": "W1", "indicator": "trade_az_world_turnover", "value": 0.0},
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 0.0},
        {"obs_id": "R1", "indicator": "trade_az_to_ru", "reporter": "RU", "value": 10.0, "source_id": "src-ru"},
    )
    assert derive_shares(obs).empty
    assert derive_mirror(obs).empty


def test_tiv_share_is_of_the_same_release_and_window(make_obs: Callable[..., pd.DataFrame]) -> None:
    release = "SIPRI Arms Transfers Database, fixture (data to 2020)"
    tiv = {
        "indicator": "arms_tiv_to_az",
        "reporter": "SIPRI",
        "unit": "TIV million",
        "edition": release,
        "source_id": "src-sipri-a",
        "confidence": "statistical_review",
    }
    obs = make_obs(
        {**tiv, "obs_id": "R16", "subject": "Russia", "year": 2016, "value": 10.0},
        {**tiv, "obs_id": "R20", "subject": "Russia", "year": 2020, "value": 40.0},
        {**tiv, "obs_id": "I18", "subject": "Israel", "year": 2018, "value": 50.0},
        {**tiv, "obs_id": "X18", "subject": "Israel", "year": 2018, "value": 7.0, "edition": "another release"},
    )
    out = derive_tiv(obs).set_index("obs_id")
    # one window 2016-2020 (coverage 2016 to 'data to 2020'): Russia 10 + 40, Israel 50
    assert out.loc["D-arms_tiv_5y_sum-2020-Russia-2020", "value"] == 50.0
    assert out.loc["D-arms_tiv_5y_sum-2020-all-2020", "value"] == 100.0
    assert out.loc["D-arms_tiv_5y_share-2020-Russia-2020", "value"] == 50.0
    # 'another release' has no 'data to YYYY' coverage, so nothing is computed from it
    assert set(out["edition"]) == {release}
    # every year of the coverage 2016-2020 has an all-supplier sum; 2017 and 2019 record nothing: 0
    annual = out[out["indicator"] == "arms_tiv_to_az"]
    assert dict(zip(annual["year"], annual["value"], strict=True)) == {
        2016: 10.0,
        2017: 0.0,
        2018: 50.0,
        2019: 0.0,
        2020: 40.0,
    }


def test_energy_conversion_of_an_open_ended_period_keeps_it_open(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = make_obs(
        {
            "obs_id": "EN1",
            "indicator": "energy_oil_production_mt",
            "unit": "Mt",
            "reporter": "SOCAR",
            "subject": "AZ",
            "period": "2000-11..",
            "period_start": pd.Timestamp(2000, 11, 1),
            "period_end": None,
            "year": None,
            "full_year": False,
            "kind": "point",
            "value": 10.0,
        },
    )
    out = derive_energy_units(obs)
    row = out.iloc[0]
    assert (row["obs_id"], row["period"], row["value"]) == ("D-energy_oil_production_twh-EN1", "2000-11..", 116.3)
    assert pd.isna(row["period_end"])
    assert pd.isna(row["year"])


def test_energy_conversion_of_a_row_without_subject_keeps_it_empty(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = make_obs({"obs_id": "EN1", "indicator": "energy_gas_production_twh", "unit": "TWh", "value": 100.0})
    row = derive_energy_units(obs).iloc[0]
    assert (row["indicator"], row["value"], row["unit"]) == ("energy_gas_production_marketed_bcm", 10.0, "bcm")
    assert row["subject"] in ("", None)


def test_energy_conversion_skips_bounds_and_computed_inputs(make_obs: Callable[..., pd.DataFrame]) -> None:
    oil = {"indicator": "energy_oil_production_mt", "unit": "Mt", "reporter": "BP", "subject": "AZ"}
    obs = make_obs(
        {**oil, "obs_id": "E1", "qualifier": "lower_bound"},
        {**oil, "obs_id": "E2", "confidence": "computed", "formula": "f", "year": 2020},
        {**oil, "obs_id": "E3", "qualifier": "approximate", "year": 2021, "value": 2.0},
    )
    out = derive_energy_units(obs)
    assert out[["obs_id", "qualifier", "value"]].values.tolist() == [
        ["D-energy_oil_production_twh-E3", "approximate", 23.26]
    ]


# ----------------------------------------------------- small frames: changes
def _catalogue(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "change_type", "unit"])


def test_change_is_only_between_consecutive_years_of_one_edition(make_obs: Callable[..., pd.DataFrame]) -> None:
    cat = _catalogue(("trade_az_to_ru", "percent", "USD million"))
    obs = make_obs(
        {"obs_id": "A", "year": 2010, "value": 100.0, "edition": "release A"},
        {"obs_id": "B", "year": 2011, "value": 150.0, "edition": "release B"},
        {"obs_id": "C", "year": 2013, "value": 50.0, "edition": "release B"},
        {"obs_id": "D", "year": 2014, "value": -25.0, "edition": "release B"},
        {"obs_id": "E", "year": 2015, "value": -50.0, "edition": "release B"},
    )
    ch = compute_changes(annual_series(obs), cat)
    # 2011 crosses releases (parallel series: nothing said), 2013 crosses a gap; 2014 and 2015 remain
    assert ch[["year", "previous", "value"]].values.tolist() == [[2014, 50.0, -25.0], [2015, -25.0, -50.0]]
    # percent change is taken against the absolute previous value
    assert ch["change"].tolist() == [approx(100 * (-25 - 50) / 50), approx(100 * (-50 + 25) / 25)]


def test_change_types_follow_the_catalogue(make_obs: Callable[..., pd.DataFrame]) -> None:
    cat = _catalogue(
        ("trade_az_ru_balance", "absolute", "USD million"),
        ("trade_ru_share_of_az_trade", "percentage_points", "percent"),
        ("trade_mirror_ratio", "none", "ratio"),
        ("trade_az_to_ru", "percent", "USD million"),
    )
    rows = []
    for ind, v0, v1 in [
        ("trade_az_ru_balance", -200.0, -210.0),
        ("trade_ru_share_of_az_trade", 13.5, 11.25),
        ("trade_mirror_ratio", 1.1, 1.2),
        ("trade_az_to_ru", 0.0, 5.0),
    ]:
        rows += [
            {"obs_id": f"{ind}0", "indicator": ind, "value": v0},
            {"obs_id": f"{ind}1", "indicator": ind, "value": v1, "year": 2020},
        ]
    ch = compute_changes(annual_series(make_obs(*rows)), cat).set_index("indicator")
    assert "trade_mirror_ratio" not in ch.index
    assert (ch.loc["trade_az_ru_balance", "change"], ch.loc["trade_az_ru_balance", "change_unit"]) == (
        -10.0,
        "USD million",
    )
    assert ch.loc["trade_ru_share_of_az_trade", "change"] == approx(-2.25)
    assert ch.loc["trade_ru_share_of_az_trade", "change_unit"] == "pp"
    # a percent change from zero is undefined, not infinite
    assert pd.isna(ch.loc["trade_az_to_ru", "change"])


def test_a_year_with_two_values_gets_no_change(make_obs: Callable[..., pd.DataFrame]) -> None:
    cat = _catalogue(("trade_az_to_ru", "percent", "USD million"))
    obs = make_obs(
        {"obs_id": "A", "year": 2010, "value": 100.0},
        {"obs_id": "B", "year": 2011, "value": 150.0},
        {"obs_id": "C", "year": 2011, "value": 160.0, "source_id": "src-news"},
        {"obs_id": "D", "year": 2012, "value": 170.0},
    )
    assert compute_changes(annual_series(obs), cat).empty


def test_change_of_approximate_values_is_approximate(make_obs: Callable[..., pd.DataFrame]) -> None:
    cat = _catalogue(("trade_az_to_ru", "percent", "USD million"))
    obs = make_obs(
        {"obs_id": "A", "value": 100.0}, {"obs_id": "B", "year": 2020, "value": 150.0, "qualifier": "approximate"}
    )
    ch = compute_changes(annual_series(obs), cat)
    assert ch[["qualifier", "change"]].values.tolist() == [["approximate", 50.0]]


# ------------------------------------------- same source and edition (issue 8, defects 6 and 7)
def test_balance_2023_comes_from_one_news_item_not_two(real_obs: pd.DataFrame) -> None:
    published = real_obs[real_obs["confidence"] != "computed"]
    skipped = derive_not_computed(published)
    # every AZ-reported balance now has a single source, so none is left out
    assert skipped[skipped["indicator"] == "trade_az_ru_balance"].empty
    bal = real_obs[(real_obs["indicator"] == "trade_az_ru_balance") & (real_obs["reporter"] == "AZ")]
    assert sorted(int(y) for y in bal.loc[bal["year"] >= 2021, "year"]) == [2021, 2022, 2023, 2024]
    assert not bal["source_ids"].str.contains(";").any()
    # 2024 from metbuat-2025-08-11 alone: TS0232 1178 - TS0236 3621
    assert bal.loc[bal["year"] == 2024, "value"].iloc[0] == approx(1178 - 3621)
    # 2023: News.az (ST0078 1120, TS0235 3160), not Nordot's ~1200 with News.az's imports (-1960)
    assert bal.loc[bal["year"] == 2023, "value"].iloc[0] == approx(-2040)


def test_a_same_source_pair_replaces_a_mixed_pair_only_when_it_is_the_only_one(
    make_obs: Callable[..., pd.DataFrame],
) -> None:
    stmt = {"kind": "point", "locator": "statement"}
    obs = make_obs(
        # series 2019: exports from src-az, imports from src-news; src-news also states exports (a point)
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 100.0},
        {"obs_id": "B1", "indicator": "trade_ru_to_az", "value": 300.0, "source_id": "src-news"},
        {"obs_id": "S1", "indicator": "trade_az_to_ru", "value": 90.0, "source_id": "src-news", **stmt},
        # 2020: the same, but src-az also states imports: two single-source pairs, so nothing is chosen
        {"obs_id": "A2", "indicator": "trade_az_to_ru", "value": 110.0, "year": 2020},
        {"obs_id": "B2", "indicator": "trade_ru_to_az", "value": 330.0, "year": 2020, "source_id": "src-news"},
        {"obs_id": "S2", "indicator": "trade_az_to_ru", "value": 95.0, "year": 2020, "source_id": "src-news", **stmt},
        {"obs_id": "S3", "indicator": "trade_ru_to_az", "value": 320.0, "year": 2020, **stmt},
    )
    out = derive_balance(annual_series(obs), full_year_figures(obs))
    assert out[["obs_id", "value", "locator", "source_ids"]].values.tolist() == [
        ["D-trade_az_ru_balance-AZ-2019", -210.0, "computed from S1, B1", "src-news"]
    ]
    # without the pool (series only) the mixed year is simply not computed
    assert derive_balance(annual_series(obs)).empty
    # the turnover follows the same rule: 2019 from src-news (S1 90 + B1 300), 2020 left out
    assert derive_turnover(obs)[["value", "source_ids"]].values.tolist() == [[390.0, "src-news"]]
    assert derive_not_computed(obs)[["indicator", "year"]].values.tolist() == [
        ["trade_az_ru_balance", 2020],
        ["trade_az_ru_turnover", 2020],
    ]


def test_derived_figures_never_mix_sources(make_obs: Callable[..., pd.DataFrame]) -> None:
    obs = make_obs(
        # 2019: both flows from src-az; 2020: exports from src-az, imports from src-news
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 100.0},
        {"obs_id": "B1", "indicator": "trade_ru_to_az", "value": 300.0},
        {"obs_id": "A2", "indicator": "trade_az_to_ru", "value": 110.0, "year": 2020},
        {"obs_id": "B2", "indicator": "trade_ru_to_az", "value": 330.0, "year": 2020, "source_id": "src-news"},
        # world turnover: 2019 from src-az, 2020 from src-news
        {"obs_id": "W1", "indicator": "trade_az_world_turnover", "value": 4000.0},
        {"obs_id": "W2", "indicator": "trade_az_world_turnover", "value": 5000.0, "year": 2020, "source_id": "src-x"},
    )
    series = annual_series(pd.concat([obs, derive_turnover(obs)], ignore_index=True))
    assert derive_balance(series)[["obs_id", "value"]].values.tolist() == [["D-trade_az_ru_balance-AZ-2019", -200.0]]
    # 2019 share: (100 + 300) / 4000 from one source; 2020 has no turnover (flows of two sources)
    assert derive_shares(series)[["obs_id", "value"]].values.tolist() == [
        ["D-trade_ru_share_of_az_trade-AZ-2019", 10.0]
    ]
    skipped = derive_not_computed(obs)
    assert skipped[["indicator", "year", "inputs"]].values.tolist() == [
        ["trade_az_ru_balance", 2020, "A2;B2"],
        ["trade_az_ru_turnover", 2020, "A2;B2"],
    ]


def test_a_release_counts_as_one_source_across_its_files(make_obs: Callable[..., pd.DataFrame]) -> None:
    # IMF DOTS: exports and imports read from two workbooks of the same export (edition) combine
    dots = "DOTS export of 2030-01 (annual data to 2029)"
    obs = make_obs(
        {"obs_id": "A1", "indicator": "trade_az_to_ru", "value": 100.0, "edition": dots, "source_id": "src-az"},
        {"obs_id": "B1", "indicator": "trade_ru_to_az", "value": 300.0, "edition": dots, "source_id": "src-news"},
    )
    out = derive_balance(annual_series(obs))
    assert out[["value", "edition"]].values.tolist() == [[-200.0, dots]]


def test_published_turnover_wins_and_the_rederived_sum_is_not_a_second_value(real_obs: pd.DataFrame) -> None:
    world = real_obs[
        (real_obs["indicator"] == "trade_az_world_turnover")
        & (real_obs["reporter"] == "AZ")
        & (real_obs["year"] == 2022)
    ]
    # TS0248 52680 (trend-2024-01-19) only; TS0241 38100 + TS0245 14540 = 52640 is a check, not a value
    assert world[["obs_id", "value"]].values.tolist() == [["TS0248", 52680.0]]


def test_changes_2021_to_2024_never_chain_different_outlets(real_changes: pd.DataFrame) -> None:
    turnover = real_changes[(real_changes["indicator"] == "trade_az_ru_turnover") & (real_changes["reporter"] == "AZ")]
    by_year = turnover.set_index("year")
    # 2022: both cssc-2023-12-21 (TS0237 2990 -> TS0238 3700): +23.7458%
    assert by_year.loc[2022, "change"] == approx(100 * (3700 - 2990) / 2990)
    assert by_year.loc[2022, "qualifier"] == "exact"
    # 2024 would be +9.07% from TS0239 4400 (news-2024-07-15) to TS0240 4799 (metbuat): not computed
    for year in (2021, 2023, 2024):
        assert pd.isna(by_year.loc[year, "change"]), year
        assert by_year.loc[year, "qualifier"] == "not_computed"
        assert by_year.loc[year, "formula"].startswith("not computed: different sources")
    assert by_year.loc[2024, "formula"] == "not computed: different sources (news-2024-07-15 → metbuat-2025-08-11)"
    # the 2021 change would join the IMF DOTS series (2020) to a news figure
    assert "DOTS export of 2022-02" in by_year.loc[2021, "formula"]


def test_world_turnover_changes_exist_after_the_duplicate_is_gone(real_changes: pd.DataFrame) -> None:
    world = real_changes[
        (real_changes["indicator"] == "trade_az_world_turnover") & (real_changes["reporter"] == "AZ")
    ].set_index("year")
    # 2023: TS0248 52680 -> TS0249 51000, both trend-2024-01-19: -3.189%
    assert world.loc[2023, "change"] == approx(100 * (51000 - 52680) / 52680)
    assert (world.loc[2023, "previous"], world.loc[2023, "qualifier"]) == (52680.0, "exact")
    # 2022: TS0247 33900 (trend-2023-04-14) -> TS0248 52680 (trend-2024-01-19): different sources
    assert world.loc[2022, "qualifier"] == "not_computed"
    assert pd.isna(world.loc[2022, "change"])


def test_change_from_an_approximate_input_is_approximate_and_a_bound_gives_none(
    make_obs: Callable[..., pd.DataFrame],
) -> None:
    cat = _catalogue(("trade_az_to_ru", "percent", "USD million"))
    obs = make_obs(
        {"obs_id": "A", "year": 2010, "value": 100.0},
        {"obs_id": "B", "year": 2011, "value": 110.0, "qualifier": "approximate"},
        {"obs_id": "C", "year": 2012, "value": 121.0, "qualifier": "lower_bound"},
    )
    ch = compute_changes(annual_series(obs), cat)
    assert ch[["year", "change", "qualifier"]].values.tolist() == [[2011, approx(10.0), "approximate"]]


def test_change_across_sources_is_a_not_computed_row(make_obs: Callable[..., pd.DataFrame]) -> None:
    cat = _catalogue(("trade_az_to_ru", "percent", "USD million"))
    obs = make_obs(
        {"obs_id": "A", "year": 2010, "value": 100.0, "edition": "DOTS export X"},
        {"obs_id": "B", "year": 2011, "value": 150.0, "source_id": "src-news"},
        {"obs_id": "C", "year": 2012, "value": 160.0, "source_id": "src-other"},
        {"obs_id": "D", "year": 2013, "value": 200.0, "source_id": "src-other"},
    )
    ch = compute_changes(annual_series(obs), cat)
    assert ch[["year", "qualifier", "formula"]].values.tolist() == [
        [2011, "not_computed", "not computed: different sources (DOTS export X → src-news)"],
        [2012, "not_computed", "not computed: different sources (src-news → src-other)"],
        [2013, "exact", "100 × (value − previous) ÷ |previous|"],
    ]
    assert ch["change"].isna().tolist() == [True, True, False]
    assert ch["change"].iloc[2] == approx(25.0)


# ------------------------------------------- SIPRI windows and zero vs gap (issue 8, defect 5)
def test_tiv_windows_are_sipri_fixed_five_and_ten_year_windows(make_obs: Callable[..., pd.DataFrame]) -> None:
    release = "SIPRI Arms Transfers Database, fixture (data to 2023)"
    tiv = {
        "indicator": "arms_tiv_to_az",
        "reporter": "SIPRI",
        "unit": "TIV million",
        "edition": release,
        "source_id": "src-sipri-a",
        "confidence": "statistical_review",
    }
    obs = make_obs(
        {**tiv, "obs_id": "R09", "subject": "Russia", "year": 2009, "value": 5.0},
        {**tiv, "obs_id": "R12", "subject": "Russia", "year": 2012, "value": 30.0},
        {**tiv, "obs_id": "R17", "subject": "Russia", "year": 2017, "value": 10.0},
        {**tiv, "obs_id": "I15", "subject": "Israel", "year": 2015, "value": 10.0},
        {**tiv, "obs_id": "I18", "subject": "Israel", "year": 2018, "value": 40.0},
        {**tiv, "obs_id": "I22", "subject": "Israel", "year": 2022, "value": 7.0},
    )
    out = derive_tiv(obs).set_index("obs_id")
    five = out[out["indicator"] == "arms_tiv_5y_share"]
    # coverage 2009 (first record) to 2023: only 2011-15 and 2016-20 lie wholly inside (2021-25 does not)
    assert sorted(set(five["year"])) == [2015, 2020]
    # 2011-15: Russia 30, Israel 10 -> 75% / 25%; 2016-20: Russia 10, Israel 40 -> 20% / 80%
    assert out.loc["D-arms_tiv_5y_share-2023-Russia-2015", "value"] == approx(75.0)
    assert out.loc["D-arms_tiv_5y_share-2023-Israel-2015", "value"] == approx(25.0)
    assert out.loc["D-arms_tiv_5y_share-2023-Russia-2020", "value"] == approx(20.0)
    assert out.loc["D-arms_tiv_5y_sum-2023-all-2020", "value"] == approx(50.0)
    # ten-year 2011-20: Russia 30 + 10 = 40 of 90; 2001-10 starts before the coverage: not computed
    ten = out[out["indicator"] == "arms_tiv_10y_share"]
    assert sorted(set(ten["year"])) == [2020]
    assert out.loc["D-arms_tiv_10y_sum-2023-Russia-2020", "value"] == approx(40.0)
    assert out.loc["D-arms_tiv_10y_sum-2023-all-2020", "value"] == approx(90.0)
    assert out.loc["D-arms_tiv_10y_share-2023-Russia-2020", "value"] == approx(100 * 40 / 90)
    # every share names its release, and says which window it is
    assert set(out["edition"]) == {release}
    assert out.loc["D-arms_tiv_10y_share-2023-Russia-2020", "note"].startswith("Window 2011–20 (10 years)")
    assert window_label(range(2016, 2021)) == "2016–20"


def test_tiv_sums_start_at_the_suppliers_first_record_not_at_a_printed_total(
    make_obs: Callable[..., pd.DataFrame],
) -> None:
    # one release imported twice: per-supplier sums of a per-delivery export selected from 2016, and
    # SIPRI's printed importer table from 2013. 2013-2015 are gaps of the sum, not zeros.
    release = "SIPRI Arms Transfers Database, fixture (data to 2020)"
    tiv = {
        "indicator": "arms_tiv_to_az",
        "reporter": "SIPRI",
        "unit": "TIV million",
        "edition": release,
        "source_id": "src-sipri-a",
        "confidence": "statistical_review",
    }
    obs = make_obs(
        {**tiv, "obs_id": "T13", "subject": "all suppliers", "year": 2013, "value": 50.0},
        {**tiv, "obs_id": "T16", "subject": "all suppliers", "year": 2016, "value": 10.0},
        {**tiv, "obs_id": "R16", "subject": "Russia", "year": 2016, "value": 10.0},
        {**tiv, "obs_id": "R20", "subject": "Russia", "year": 2020, "value": 4.0},
    )
    out = derive_tiv(obs)
    annual = out[out["indicator"] == "arms_tiv_to_az"]
    assert dict(zip(annual["year"], annual["value"], strict=True)) == {
        2016: 10.0,
        2017: 0.0,
        2018: 0.0,
        2019: 0.0,
        2020: 4.0,
    }
    # the only window wholly inside 2016-2020 is 2016-20
    assert sorted(set(out.loc[out["indicator"] == "arms_tiv_5y_sum", "year"])) == [2020]


def test_tiv_year_without_deliveries_is_zero_and_a_year_outside_the_release_a_gap(real_obs: pd.DataFrame) -> None:
    sums = real_obs[(real_obs["subject"] == "all suppliers (sum)") & (real_obs["edition"] == SIPRI_2025)]
    by_year = dict(zip(sums["year"], sums["value"], strict=True))
    # the March 2025 release (sipri-atdb-2025) records nothing for 2001, 2003 and 2021: sums of 0
    assert (by_year[2001], by_year[2003], by_year[2021]) == (0.0, 0.0, 0.0)
    # 2000: Turkiye AT0203 is the release's first record; 1999 is before it: a gap, not a zero
    assert 1999 not in by_year
    assert min(by_year) == 2000
    # 2025 is after the release's 'data to 2024': a gap
    assert max(by_year) == 2024
    zero = sums[sums["year"] == 2021].iloc[0]
    assert zero["source_ids"] == "sipri-atdb-2025"
    assert zero["locator"] == "computed from the release: no delivery recorded in 2021"


def test_russia_shares_in_the_latest_sipri_export_release(obs: pd.DataFrame) -> None:
    # March 2025 release, Russia 2011-15: AT0235 484.75 + AT0242 263.85 + AT0249 310.3 + AT0256 558.5 + AT0261 215.2
    russia_11_15 = 484.75 + 263.85 + 310.3 + 558.5 + 215.2  # 1832.6
    all_11_15 = (
        (50.64 + 5.95 + 484.75 + 4.96 + 7.42 + 13.63 + 0.54)  # AT0233-AT0239
        + (69.08 + 8.8 + 263.85 + 16.2 + 22.9 + 5.6 + 1.8)  # AT0240-AT0246
        + (33 + 24.5 + 310.3 + 2.64 + 5.3 + 15 + 0.36)  # AT0247-AT0253
        + (33 + 19.25 + 558.5 + 3.52 + 19.8 + 0.54)  # AT0254-AT0259
        + (111.5 + 215.2 + 2.04 + 11)  # AT0260-AT0263
    )
    # 2016-20: AT0265 7.2 + AT0270 109.2 + AT0277 52.6 (nothing recorded 2019-2020)
    russia_16_20 = 7.2 + 109.2 + 52.6  # 169
    all_16_20 = (
        (250.45 + 7.2 + 18.2)  # AT0264-AT0266
        + (10.4 + 4.68 + 150.85 + 109.2 + 11.88 + 3.6)  # AT0267-AT0272
        + (37.2 + 6.12 + 248.9 + 2.4 + 52.6 + 11.88 + 5.5 + 4)  # AT0273-AT0280
        + (25.5 + 13 + 5.5)  # AT0281-AT0283
        + (21.75 + 28.8)  # AT0284-AT0285
    )
    assert obs.loc["D-arms_tiv_5y_share-2024-Russia-2015", "value"] == approx(100 * russia_11_15 / all_11_15)
    assert obs.loc["D-arms_tiv_5y_share-2024-Russia-2020", "value"] == approx(100 * russia_16_20 / all_16_20)
    ten = obs.loc["D-arms_tiv_10y_share-2024-Russia-2020"]
    assert ten["value"] == approx(100 * (russia_11_15 + russia_16_20) / (all_11_15 + all_16_20))
    assert ten["edition"] == SIPRI_2025
