"""Regional profile: GDP per head, shares of national GDP, and gaps that stay gaps."""

from __future__ import annotations

import math

import pytest

from chengyu import data, indicators

FRAMES = data.load_all()


def test_per_head_converts_units_to_yuan_per_person():
    # 1 亿元 over 1 万人 is 1e8 / 1e4 = 10,000 yuan per person
    assert indicators.per_head(1.0, 1.0) == 10_000
    # Chongqing 2022: 29129.03 亿元 / 3213.34 万人 = 90,650.3 yuan (hand: 29129.03/3213.34 = 9.06503)
    assert indicators.per_head(29129.03, 3213.34) == pytest.approx(90650.32, abs=0.01)


@pytest.mark.parametrize(
    "gdp, population", [(1.0, 0.0), (1.0, -5.0), (-1.0, 1.0), (float("nan"), 1.0)]
)
def test_per_head_rejects_impossible_input(gdp, population):
    with pytest.raises(ValueError):
        indicators.per_head(gdp, population)


def test_share_percent_of_chongqing_2020_in_national_gdp():
    # 25002.79 / 1015986 = 2.4609 % (hand division)
    assert indicators.share_percent(25002.79, 1015986) == pytest.approx(
        2.46094, abs=1e-5
    )


def test_share_percent_rejects_a_zero_whole():
    with pytest.raises(ValueError, match="whole must be positive"):
        indicators.share_percent(1.0, 0.0)


def test_gdp_uses_the_published_total_and_falls_back_to_the_sum_of_sectors():
    gdp = indicators.gdp_by_year(FRAMES["value_added"], FRAMES["indicators"], "chengdu")
    assert gdp.loc[2020, "basis"] == "published" and gdp.loc[2020, "gdp"] == 17716.67
    assert gdp.loc[2021, "basis"] == "published" and gdp.loc[2021, "gdp"] == 19916.98
    # 2022: the total the bulletin's transcription gives (cd_bulletin_2022_hongheiku, tier C),
    # equal to 588.4 + 6404.1 + 13825 = 20817.5 (the paper's Table 1)
    assert gdp.loc[2022, "basis"] == "published"
    assert gdp.loc[2022, "gdp"] == pytest.approx(20817.5)
    # Beijing 2022 (bj_bulletin_2022, tier A): no GDP row, so 111.5 + 6605.1 + 34894.3
    beijing = indicators.gdp_by_year(
        FRAMES["value_added"], FRAMES["indicators"], "beijing"
    )
    assert beijing.loc[2022, "basis"] == "sum of sectors"
    assert beijing.loc[2022, "gdp"] == pytest.approx(41610.9)


def test_profile_leaves_unsourced_population_missing_not_estimated():
    profile = indicators.regional_profile(
        FRAMES["value_added"], FRAMES["indicators"], ["chongqing"], range(2020, 2024)
    )
    by_year = profile.set_index("year")
    assert math.isnan(by_year.loc[2020, "population"]) and math.isnan(
        by_year.loc[2020, "gdp_per_head"]
    )
    assert by_year.loc[2022, "gdp_per_head"] == pytest.approx(90650.32, abs=0.01)
    assert by_year.loc[2020, "share_of_national_gdp"] == pytest.approx(
        2.46094, abs=1e-5
    )
    assert (
        "cq_bulletin_2020" in by_year.loc[2020, "sources"]
        and "nbs_bulletin_2020" in by_year.loc[2020, "sources"]
    )
